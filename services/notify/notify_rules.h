/*  notify_rules: the pure rules that decide when a notification is due and
    what a delivery's outcome means. No storage, no clock: the callers give
    the records, the day and the time, so the tests can try every case.

    The posts themselves (which role is needed where, when a designation is
    active) are the registry's rules (registry_rules.h); these functions
    only compare states.
*/
#ifndef NOTIFY_RULES_H_INCLUDED
#define NOTIFY_RULES_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include "registry_rules.h"

//  The state of one post (a role in a scope) at a day.
typedef struct {
    bool needed;                              //  The role must be held there
    bool vacant;                              //  Needed, and nobody holds it
    Pps__Date since;                          //  Vacant: the day after the last end; unset if never held
    const Registry__Designation *holder;      //  Held: the latest-started active designation
    const Registry__Designation *last;        //  Vacant: the designation that ended last, or NULL
} notify_post_t;

//  The state at today of role in the scope given by establishment (NULL:
//  the region), from the designations of that scope (others are skipped).
//  A closed establishment needs no post.
void notify_rules_post (Registry__ReferentRole role, const Registry__Establishment *establishment,
                        Registry__Designation *const *designations, size_t count,
                        const Pps__Date *today, notify_post_t *post);

//  Days from a to b (b - a), both set and valid.
int32_t notify_rules_days_between (const Pps__Date *a, const Pps__Date *b);

//  Midnight UTC of a day, in ms since the epoch.
int64_t notify_rules_day_ms (const Pps__Date *day);

//  When the next reminder of an open vacancy falls due, in ms since the
//  epoch: after_ms past its base (the day it became vacant, else when it
//  was seen), then every_ms after the previous one (reminders already
//  raised: reminders, the last at last_ms). Never sooner than every_ms
//  after the last one, so a long outage does not bring a burst. Returns
//  INT64_MAX when reminders are off (after_ms 0).
int64_t notify_rules_reminder_due (int64_t base_ms, int64_t after_ms, int64_t every_ms,
                                   uint32_t reminders, int64_t last_ms);

//  True when an active designation with a planned end (no end reason) ends
//  within days of today (today included, end inclusive).
bool notify_rules_ending_soon (const Registry__Designation *designation, const Pps__Date *today,
                               int32_t days);

//  The mandatory categories the committee had in before and lacks in
//  after, into lost (REGISTRY_CATEGORY_MAX entries); returns their number.
size_t notify_rules_lost_categories (const Registry__SteeringCommittee *before,
                                     const Registry__SteeringCommittee *after, bool minors_held,
                                     Registry__MemberCategory *lost);

//  Which reminder a step to do calls for at today: STEP_DUE when it falls
//  due within due_within days (today included; 0: never), STEP_OVERDUE
//  when it was due before today, by at most overdue_max days (0: never),
//  else 0 (NOTIFICATION_KIND_UNSPECIFIED).
int notify_rules_step_reminder (const Pps__Date *due, const Pps__Date *today,
                                int32_t due_within, int32_t overdue_max);

//  What one delivery attempt's answer means.
typedef enum {
    NOTIFY_SENT,                      //  SMTP accepted (2xx after DATA), HTTP 2xx
    NOTIFY_RETRY,                     //  No answer, 4xx SMTP, 408/425/429/5xx HTTP...
    NOTIFY_REFUSED                    //  5xx SMTP, other 4xx HTTP: for good
} notify_verdict_t;

//  Verdict of an HTTP status (0 = no answer).
notify_verdict_t notify_rules_http_verdict (long status);

//  Verdict of an SMTP exchange that failed with the server's last reply
//  code (0 = no reply: connection refused, timeout...).
notify_verdict_t notify_rules_smtp_verdict (long code);

//  Delay before the next attempt after `attempts` failed ones: base *
//  2^(attempts-1) capped at max, jittered into [delay/2, delay] by random.
int64_t notify_rules_backoff (int64_t base_ms, int64_t max_ms, uint32_t attempts, uint32_t random);

#endif
