/*  ppsctl_notify: the notify service's friendly command.

        ppsctl notifications [--state PENDING|SENT|FAILED] [--kind KIND]
                             [--region R] [--limit N]

    One line per delivery of each notification (newest first): when, what,
    about whom, by which channel to whom, its state, attempts and last
    error. With --state only the deliveries in that state are shown. The
    generic `ppsctl notify <op>` runs every other operation (get-notification,
    retry-delivery, list-vacancies, run-check...).
*/
#ifndef PPSCTL_NOTIFY_H_INCLUDED
#define PPSCTL_NOTIFY_H_INCLUDED

#include "ppsctl.h"

//  The usage of `ppsctl notifications`.
void ppsctl_usage_notifications (FILE *out);

//  `ppsctl notifications ...` with the arguments after "notifications".
//  Returns an exit code.
int ppsctl_cmd_notifications (ppsctl_t *self, int argc, char **argv);

#endif
