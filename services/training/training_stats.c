/*  training_stats: who was trained in a period. trained_stats gives OS 2
    its numerators (health staff, prison staff trained) and denominators
    (their headcount of the year of `to`) for a region or the staff of one
    establishment; is_trained answers OO 1.1 (did this person, the ARS
    referent, attend a session in the period). The counting rules are in
    training_rules.c.  */
#include "training_rules.h"

#include <czmq.h>

typedef struct {
    training_t *training;
    pps_call_t *call;
    const Training__StatsQuery *query;
    training_tally_t tally;
    training_attendance_t *items;     //  Named attendances of the scope
    size_t count;
    size_t capacity;
    const Training__TrainingSession *session;   //  The session being read
    bool attended;                    //  The scope attended that session
    uint32_t sessions;                //  Sessions of the scope in the period
    int32_t year;                     //  Of the headcounts
} stats_scan_t;

//  True when an attendee working in establishment_id is in the query's scope.
static bool
s_in_scope (const stats_scan_t *scan, uint64_t establishment_id)
{
    return !scan->query->establishment_id || scan->query->establishment_id == establishment_id;
}

//  A named attendee of the scope: kept, to be counted once per person.
static int
s_stats_participant (ProtobufCMessage *record, void *arg)
{
    stats_scan_t *scan = arg;
    Training__Participant *participant = (Training__Participant *) record;
    if (!s_in_scope (scan, participant->establishment_id))
        return 0;
    if (scan->count == scan->capacity) {
        size_t capacity = scan->capacity ? scan->capacity * 2 : 64;
        training_attendance_t *items = pps_arena_alloc (pps_call_arena (scan->call),
                                                        capacity * sizeof *items);
        if (scan->count)
            memcpy (items, scan->items, scan->count * sizeof *items);
        scan->items = items;
        scan->capacity = capacity;
    }
    const Training__TrainingSession *session = scan->session;
    training_attendance_t *item = &scan->items [scan->count++];
    item->person_id = participant->person_id;
    item->session_id = session->id;
    item->day = pps_date_ordinal (pps_date_is_set (session->last_date)
                                  ? session->last_date : session->first_date);
    item->category = participant->category;
    scan->attended = true;
    return 0;
}

//  An anonymous count of the scope: added as it is.
static int
s_stats_count (ProtobufCMessage *record, void *arg)
{
    stats_scan_t *scan = arg;
    Training__CategoryCount *count = (Training__CategoryCount *) record;
    if (s_in_scope (scan, count->establishment_id) && count->count > 0) {
        training_rules_add_anonymous (&scan->tally, count->category, count->count);
        scan->attended = true;
    }
    return 0;
}

//  A session of the region in the period: read its attendance.
static int
s_stats_session (ProtobufCMessage *record, void *arg)
{
    stats_scan_t *scan = arg;
    Training__TrainingSession *session = (Training__TrainingSession *) record;
    if (!streq (session->region_code, scan->query->region_code)
    ||  !training_rules_session_in_period (session->first_date, session->last_date,
                                           scan->query->from, scan->query->to))
        return 0;
    scan->session = session;
    scan->attended = false;
    uint8_t prefix [8];
    pps_key_u64 (prefix, session->id);
    if (training_each_prefix (scan->call, scan->training->participants, prefix, sizeof prefix,
                              &training__participant__descriptor, s_stats_participant, scan)
    ||  training_each_prefix (scan->call, scan->training->category_counts, prefix, sizeof prefix,
                              &training__category_count__descriptor, s_stats_count, scan))
        return -1;
    //  The region counts its sessions; an establishment those its staff attended
    if (!scan->query->establishment_id || scan->attended)
        scan->sessions++;
    return 0;
}

//  A headcount line of the scope and year: the denominator.
static int
s_stats_headcount (ProtobufCMessage *record, void *arg)
{
    stats_scan_t *scan = arg;
    Training__StaffHeadcount *headcount = (Training__StaffHeadcount *) record;
    if (headcount->year == scan->year && streq (headcount->region_code, scan->query->region_code)
    &&  s_in_scope (scan, headcount->establishment_id))
        training_rules_add_headcount (&scan->tally, headcount->category, headcount->count);
    return 0;
}

PPS_HANDLER (training_trained_stats)
{
    training_t *training = self;
    const Training__StatsQuery *query = op;
    if (pps_check_text (call, "region_code", query->region_code, PPS_CODE_MAX, true)
    ||  pps_check_date (call, "from", query->from, true)
    ||  pps_check_date (call, "to", query->to, true)
    ||  pps_check_period (call, "to", query->from, query->to))
        return -1;
    stats_scan_t scan = { .training = training, .call = call, .query = query,
                          .year = query->to->year };
    if (training_each (call, training->sessions, &training__training_session__descriptor,
                       s_stats_session, &scan))
        return -1;
    training_rules_count_persons (&scan.tally, scan.items, scan.count);
    int rc;
    if (query->establishment_id) {
        uint8_t prefix [8];
        pps_key_u64 (prefix, query->establishment_id);
        rc = training_each_prefix (call, training->headcounts, prefix, sizeof prefix,
                                   &training__staff_headcount__descriptor, s_stats_headcount, &scan);
    }
    else
        rc = training_each (call, training->headcounts, &training__staff_headcount__descriptor,
                            s_stats_headcount, &scan);
    if (rc)
        return -1;

    pps_arena_t *arena = pps_call_arena (call);
    Training__TrainedStats *stats = pps_arena_alloc (arena, sizeof *stats);
    training__trained_stats__init (stats);
    stats->region_code = query->region_code;
    stats->establishment_id = query->establishment_id;
    stats->from = query->from;
    stats->to = query->to;
    stats->headcount_year = scan.year;
    stats->sessions = scan.sessions;
    training_rules_fill_stats (arena, &scan.tally, stats);
    *result_p = &stats->base;
    return 0;
}

//  Order of a person's sessions: by first date, then id.
static int
s_by_first_date (const void *left, const void *right)
{
    const Training__TrainingSession *a = *(Training__TrainingSession *const *) left;
    const Training__TrainingSession *b = *(Training__TrainingSession *const *) right;
    int order = pps_date_compare (a->first_date, b->first_date);
    if (order)
        return order;
    return (a->id > b->id) - (a->id < b->id);
}

PPS_HANDLER (training_is_trained)
{
    training_t *training = self;
    const Training__IsTrainedQuery *query = op;
    if (pps_check_id (call, "person_id", query->person_id)
    ||  pps_check_date (call, "from", query->from, true)
    ||  pps_check_date (call, "to", query->to, true)
    ||  pps_check_period (call, "to", query->from, query->to))
        return -1;
    size_t count = 0;
    uint64_t *ids = pps_record_index_ids (call, training->idx_person_session, query->person_id,
                                        &count);
    if (!ids)
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Training__IsTrained *answer = pps_arena_alloc (arena, sizeof *answer);
    training__is_trained__init (answer);
    answer->person_id = query->person_id;
    for (size_t index = 0; index < count; index++) {
        Training__TrainingSession *session;
        if (pps_record_load (call, training->sessions, ids [index],
                           &training__training_session__descriptor, "session", &session))
            return -1;
        if (training_rules_session_in_period (session->first_date, session->last_date,
                                              query->from, query->to))
            pps_arena_push (arena, (void ***) &answer->sessions, &answer->n_sessions, session);
    }
    if (answer->n_sessions > 1)
        qsort (answer->sessions, answer->n_sessions, sizeof answer->sessions [0], s_by_first_date);
    answer->trained = answer->n_sessions > 0;
    *result_p = &answer->base;
    return 0;
}
