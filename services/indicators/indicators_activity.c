/*  indicators_activity: the figures of training (A5.3, OO 1.1, OS 2) and of
    funding (OO 1.3, OO 4.3). The counting follows the owning services' own
    rules (training_rules, funding_rules), so that a bilan and the services'
    queries agree on the same records.  */
#include "indicators.h"

#include <czmq.h>
#include "registry_rules.h"
#include "training_rules.h"
#include "funding_rules.h"

static bool
s_in_region (const char *code, const indicators_scope_t *scope)
{
    return code && streq (code, scope->region_code);
}

//  ---------------------------------------------------------------- training

//  The view's sessions sorted by id, so that a participant finds its session
//  by a binary search rather than a scan.
typedef struct {
    const Training__TrainingSession **items;
    size_t count;
} sessions_t;

static int
s_session_compare (const void *left, const void *right)
{
    uint64_t a = (*(const Training__TrainingSession *const *) left)->id;
    uint64_t b = (*(const Training__TrainingSession *const *) right)->id;
    return a < b ? -1 : a > b;
}

static void
s_sessions_index (sessions_t *sessions, const indicators_view_t *view, pps_arena_t *arena)
{
    sessions->count = view->n_training_sessions;
    sessions->items = pps_arena_alloc (arena, (sessions->count + 1) * sizeof (void *));
    for (size_t index = 0; index < sessions->count; index++)
        sessions->items [index] = view->training_sessions [index];
    qsort (sessions->items, sessions->count, sizeof (void *), s_session_compare);
}

static const Training__TrainingSession *
s_session (const sessions_t *sessions, uint64_t id)
{
    Training__TrainingSession key_session = { .id = id };
    const Training__TrainingSession *key = &key_session;
    const Training__TrainingSession **found = bsearch (&key, sessions->items, sessions->count,
                                                       sizeof (void *), s_session_compare);
    return found ? *found : NULL;
}

static bool
s_session_counted (const Training__TrainingSession *session, const indicators_scope_t *scope)
{
    return session && s_in_region (session->region_code, scope)
        && training_rules_session_in_period (session->first_date, session->last_date,
                                             &scope->period_start, &scope->period_end);
}

//  OO 1.1: a person of an ARS referent designation active at the reference
//  date attended a session of the region during the period.
static bool
s_ars_referent_trained (const indicators_view_t *view, const indicators_scope_t *scope,
                        const sessions_t *sessions)
{
    for (size_t index = 0; index < view->n_designations; index++) {
        const Registry__Designation *designation = view->designations [index];
        if (designation->role != REGISTRY__REFERENT_ROLE__ARS_REFERENT
        ||  !s_in_region (designation->region_code, scope)
        ||  !registry_rules_designation_active (designation, &scope->reference_date))
            continue;
        for (size_t at = 0; at < view->n_participants; at++) {
            const Training__Participant *participant = view->participants [at];
            if (participant->person_id == designation->person_id
            &&  s_session_counted (s_session (sessions, participant->session_id), scope))
                return true;
        }
    }
    return false;
}

static void
s_training (figures_t *figures, const indicators_view_t *view, const indicators_scope_t *scope,
            pps_arena_t *arena)
{
    bool offer = false;
    for (size_t index = 0; index < view->n_offers && !offer; index++)
        offer = s_in_region (view->offers [index]->region_code, scope)
             && training_rules_offer_open_during (view->offers [index],
                                                  &scope->period_start, &scope->period_end);
    figures_set (figures, PPS_BILAN_A5_3, offer, 0);
    sessions_t sessions;
    s_sessions_index (&sessions, view, arena);
    figures_set (figures, PPS_BILAN_OO1_1, s_ars_referent_trained (view, scope, &sessions), 0);

    training_tally_t tally;
    memset (&tally, 0, sizeof tally);
    training_attendance_t *items = pps_arena_alloc (
        arena, (view->n_participants + 1) * sizeof (training_attendance_t));
    size_t count = 0;
    for (size_t index = 0; index < view->n_participants; index++) {
        const Training__Participant *participant = view->participants [index];
        const Training__TrainingSession *session = s_session (&sessions, participant->session_id);
        if (!s_session_counted (session, scope))
            continue;
        training_attendance_t *item = &items [count++];
        item->person_id = participant->person_id;
        item->session_id = session->id;
        item->day = pps_date_ordinal (pps_date_is_set (session->last_date)
                                      ? session->last_date : session->first_date);
        item->category = participant->category;
    }
    training_rules_count_persons (&tally, items, count);
    for (size_t index = 0; index < view->n_category_counts; index++) {
        const Training__CategoryCount *line = view->category_counts [index];
        if (line->count > 0 && s_session_counted (s_session (&sessions, line->session_id), scope))
            training_rules_add_anonymous (&tally, line->category, line->count);
    }
    //  The headcount of the year the period ends in
    for (size_t index = 0; index < view->n_headcounts; index++) {
        const Training__StaffHeadcount *headcount = view->headcounts [index];
        if (headcount->year == scope->period_end.year
        &&  s_in_region (headcount->region_code, scope))
            training_rules_add_headcount (&tally, headcount->category, headcount->count);
    }
    static const struct {
        const char *id;
        training_group_t group;
    } families [] = {
        { PPS_BILAN_OS2_HEALTH_TRAINED, TRAINING_GROUP_HEALTH },
        { PPS_BILAN_OS2_PENITENTIARY_TRAINED, TRAINING_GROUP_PENITENTIARY },
        { PPS_BILAN_OS2_PJJ_TRAINED, TRAINING_GROUP_PJJ },
        { PPS_BILAN_OS2_EDUCATION_TRAINED, TRAINING_GROUP_EDUCATION },
        { PPS_BILAN_OS2_OTHER_TRAINED, TRAINING_GROUP_OTHER },
    };
    for (size_t index = 0; index < sizeof families / sizeof families [0]; index++)
        figures_set (figures, families [index].id,
                     (int64_t) training_rules_group_trained (&tally, families [index].group),
                     (int64_t) training_rules_group_headcount (&tally, families [index].group));
    figures_set (figures, PPS_BILAN_OS2_TRAINED, (int64_t) training_rules_total_trained (&tally), 0);
}

//  ---------------------------------------------------------------- funding

static const Funding__Funder *
s_funder (const indicators_view_t *view, uint64_t id)
{
    for (size_t index = 0; index < view->n_funders; index++)
        if (view->funders [index]->id == id)
            return view->funders [index];
    return NULL;
}

static const Funding__Call *
s_call (const indicators_view_t *view, uint64_t id)
{
    for (size_t index = 0; index < view->n_calls; index++)
        if (view->calls [index]->id == id)
            return view->calls [index];
    return NULL;
}

typedef struct {
    uint64_t *funder_ids;         //  Funders that granted money
    size_t funder_count;
    int64_t total;
    bool overflow;
} granted_t;

//  Add cents granted by a funder; sums are checked, never wrapped.
static void
s_grant (figures_t *figures, const indicators_view_t *view, granted_t *granted,
         uint64_t funder_id, int64_t cents)
{
    if (cents <= 0)
        return;
    if (__builtin_add_overflow (granted->total, cents, &granted->total))
        granted->overflow = true;
    const Funding__Funder *funder = s_funder (view, funder_id);
    const ProtobufCEnumValue *kind = funder ? protobuf_c_enum_descriptor_get_value (
        &funding__funder_kind__descriptor, funder->kind) : NULL;
    figures_add_amount (figures, PPS_BILAN_OO4_3_GRANTED, kind ? kind->name : "UNKNOWN", cents);
    for (size_t index = 0; index < granted->funder_count; index++)
        if (granted->funder_ids [index] == funder_id)
            return;
    granted->funder_ids [granted->funder_count++] = funder_id;
}

static void
s_funding (figures_t *figures, const indicators_view_t *view, const indicators_scope_t *scope,
           pps_arena_t *arena)
{
    bool concerted = false;
    for (size_t index = 0; index < view->n_calls && !concerted; index++) {
        const Funding__Call *call = view->calls [index];
        concerted = s_in_region (call->region_code, scope) && call->year == scope->year
                 && (call->n_funder_ids > 1 || call->coordinated_instruction);
    }
    figures_set (figures, PPS_BILAN_OO1_3, concerted, 0);

    granted_t granted = {
        .funder_ids = pps_arena_alloc (arena, (view->n_applications + view->n_allocations + 1)
                                              * sizeof (uint64_t)),
    };
    for (size_t index = 0; index < view->n_applications; index++) {
        const Funding__Application *application = view->applications [index];
        if (!s_in_region (application->region_code, scope)
        ||  !pps_date_is_set (application->decision_date)
        ||  !pps_date_in_range (application->decision_date, &scope->period_start, &scope->period_end))
            continue;
        const Funding__Call *call = s_call (view, application->call_id);
        uint64_t funder_id = call ? funding_rules_call_funder (call, application->funder_id)
                                  : application->funder_id;
        s_grant (figures, view, &granted, funder_id, funding_rules_granted (application));
    }
    for (size_t index = 0; index < view->n_allocations; index++) {
        const Funding__Allocation *allocation = view->allocations [index];
        if (s_in_region (allocation->region_code, scope)
        &&  pps_date_in_range (allocation->signed_on, &scope->period_start, &scope->period_end))
            s_grant (figures, view, &granted, allocation->funder_id, allocation->amount_cents);
    }
    if (granted.overflow)
        zsys_error ("indicators: amounts granted in %s overflow; total capped", scope->region_code);
    figures_set (figures, PPS_BILAN_OO4_3_GRANTED, granted.overflow ? INT64_MAX : granted.total, 0);
    figures_set (figures, PPS_BILAN_OO4_3_SOURCES, (int64_t) granted.funder_count, 0);
}

void
indicators_activity (figures_t *figures, const indicators_view_t *view,
                     const indicators_scope_t *scope, pps_arena_t *arena)
{
    s_training (figures, view, scope, arena);
    s_funding (figures, view, scope, arena);
}
