/*  notify_rules: when a notification is due, and delivery verdicts.  */
#include "notify_rules.h"
#include "notify.pb-c.h"

#include <czmq.h>

#define DAY_MS  (24LL * 3600 * 1000)

void
notify_rules_post (Registry__ReferentRole role, const Registry__Establishment *establishment,
                   Registry__Designation *const *designations, size_t count,
                   const Pps__Date *today, notify_post_t *post)
{
    memset (post, 0, sizeof *post);
    pps__date__init (&post->since);
    const registry_role_t *rule = registry_rules_role (role);
    if (!rule || !registry_rules_role_needed (rule, establishment)
    ||  (establishment && !registry_rules_open_at (establishment, today)))
        return;
    post->needed = true;
    uint64_t establishment_id = establishment ? establishment->id : 0;
    for (size_t index = 0; index < count; index++) {
        const Registry__Designation *designation = designations [index];
        if (designation->role != role || designation->establishment_id != establishment_id)
            continue;
        if (registry_rules_designation_active (designation, today)) {
            if (!post->holder
            ||  pps_date_compare (designation->start_date, post->holder->start_date) > 0)
                post->holder = designation;
        }
        else
        if (pps_date_is_set (designation->end_date)
        &&  pps_date_compare (designation->end_date, today) < 0
        &&  (!post->last || pps_date_compare (designation->end_date, post->last->end_date) > 0))
            post->last = designation;
    }
    if (post->holder) {
        post->last = NULL;
        return;
    }
    post->vacant = true;
    if (post->last)
        registry_rules_next_day (post->last->end_date, &post->since);
}

//  Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
static int64_t
s_days_from_civil (int64_t year, int64_t month, int64_t day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

int32_t
notify_rules_days_between (const Pps__Date *a, const Pps__Date *b)
{
    return (int32_t) (s_days_from_civil (b->year, b->month, b->day)
                    - s_days_from_civil (a->year, a->month, a->day));
}

int64_t
notify_rules_day_ms (const Pps__Date *day)
{
    return s_days_from_civil (day->year, day->month, day->day) * DAY_MS;
}

int64_t
notify_rules_reminder_due (int64_t base_ms, int64_t after_ms, int64_t every_ms,
                           uint32_t reminders, int64_t last_ms)
{
    if (after_ms <= 0)
        return INT64_MAX;
    if (every_ms <= 0)
        every_ms = after_ms;
    int64_t due = base_ms + after_ms;
    if (reminders > 0) {
        //  Saturate rather than overflow on absurd counts
        int64_t span = (int64_t) reminders > INT64_MAX / every_ms ? INT64_MAX / 2
                                                                  : (int64_t) reminders * every_ms;
        due = due > INT64_MAX - span ? INT64_MAX : due + span;
        if (last_ms + every_ms > due)
            due = last_ms + every_ms;
    }
    return due;
}

bool
notify_rules_ending_soon (const Registry__Designation *designation, const Pps__Date *today,
                          int32_t days)
{
    if (days <= 0 || designation->end_reason || !pps_date_is_set (designation->end_date)
    ||  !registry_rules_designation_active (designation, today))
        return false;
    return notify_rules_days_between (today, designation->end_date) <= days;
}

int
notify_rules_step_reminder (const Pps__Date *due, const Pps__Date *today, int32_t due_within,
                            int32_t overdue_max)
{
    if (!pps_date_is_valid (due))
        return 0;
    int32_t days = notify_rules_days_between (today, due);
    if (days >= 0)
        return due_within > 0 && days <= due_within ? NOTIFY__NOTIFICATION_KIND__STEP_DUE : 0;
    //  Overdue: told once, unless it is so old that telling helps nobody (a
    //  first start over a long history)
    return overdue_max > 0 && -days <= overdue_max ? NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE : 0;
}

size_t
notify_rules_lost_categories (const Registry__SteeringCommittee *before,
                              const Registry__SteeringCommittee *after, bool minors_held,
                              Registry__MemberCategory *lost)
{
    Registry__MemberCategory missing_before [REGISTRY_CATEGORY_MAX];
    Registry__MemberCategory missing_after [REGISTRY_CATEGORY_MAX];
    size_t count_before = registry_rules_missing_categories (before->members, before->n_members,
                                                             minors_held, missing_before);
    size_t count_after = registry_rules_missing_categories (after->members, after->n_members,
                                                            minors_held, missing_after);
    size_t count = 0;
    for (size_t index = 0; index < count_after; index++) {
        bool was_missing = false;
        for (size_t at = 0; at < count_before && !was_missing; at++)
            was_missing = missing_before [at] == missing_after [index];
        if (!was_missing)
            lost [count++] = missing_after [index];
    }
    return count;
}

notify_verdict_t
notify_rules_http_verdict (long status)
{
    if (status >= 200 && status < 300)
        return NOTIFY_SENT;
    //  Timeouts, throttling and server errors pass; other refusals do not
    if (status == 408 || status == 425 || status == 429)
        return NOTIFY_RETRY;
    if (status >= 400 && status < 500)
        return NOTIFY_REFUSED;
    return NOTIFY_RETRY;
}

notify_verdict_t
notify_rules_smtp_verdict (long code)
{
    //  5xx is a permanent refusal (unknown mailbox, policy); 4xx a transient one
    return code >= 500 && code < 600 ? NOTIFY_REFUSED : NOTIFY_RETRY;
}

int64_t
notify_rules_backoff (int64_t base_ms, int64_t max_ms, uint32_t attempts, uint32_t random)
{
    int64_t delay = base_ms > 0 ? base_ms : 1;
    if (max_ms < delay)
        max_ms = delay;
    for (uint32_t step = 1; step < attempts && delay < max_ms; step++)
        delay *= 2;
    if (delay > max_ms)
        delay = max_ms;
    //  Full jitter: deliveries that failed together do not retry together
    int64_t half = delay / 2;
    return half + (int64_t) (random % (uint64_t) (delay - half + 1));
}
