/*  ppsctl_bilan: the indicators service's friendly commands.

        ppsctl bilan compute  [--region R] --year Y [--date YYYY-MM-DD] [--establishments]
        ppsctl bilan show     [--region R] --year Y [--version N] [--establishments]
        ppsctl bilan finalise [--region R] --year Y [--date YYYY-MM-DD]
        ppsctl bilan list     [--region R] [--year Y]
        ppsctl bilan export   [--region R] --year Y [--version N]
                              --format json|csv|dhis2|dhis2-metadata|adx|xlsx
                              [--output FILE]         (xlsx: --output required)
        ppsctl outbox [list]
        ppsctl outbox retry KEY

    The region defaults to the configured one; --json prints the service's
    record as JSON instead of tables (not for export, which prints the file).
*/
#ifndef PPSCTL_BILAN_H_INCLUDED
#define PPSCTL_BILAN_H_INCLUDED

#include "ppsctl.h"

//  The usage of `ppsctl bilan` and `ppsctl outbox`.
void ppsctl_usage_bilan (FILE *out);

//  `ppsctl bilan ...` with the arguments after "bilan". Returns an exit code.
int ppsctl_cmd_bilan (ppsctl_t *self, int argc, char **argv);

//  `ppsctl outbox ...` with the arguments after "outbox". Returns an exit code.
int ppsctl_cmd_outbox (ppsctl_t *self, int argc, char **argv);

#endif
