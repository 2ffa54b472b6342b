/*  funding_calls: calls for projects (AAP), possibly joint between several
    funders: create, update, status transitions, get, list.  */
#include "funding_rules.h"

#include <czmq.h>

//  The indexed name of one element of a list field ("call.funder_ids[2]").
static const char *
s_item (pps_call_t *call, const char *field, size_t index)
{
    return pps_arena_printf (pps_call_arena (call), "%s[%zu]", field, index);
}

//  Checks the call's funders: each exists, and a regional or local one is
//  of the call's region.
static int
s_funders_valid (funding_t *self, pps_call_t *call, const Funding__Call *in)
{
    if (in->n_funder_ids == 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "call.funder_ids",
                              "a call has at least one funder");
    if (funding_check_ids (call, "call.funder_ids", in->funder_ids, in->n_funder_ids,
                           FUNDING_CALL_FUNDERS_MAX))
        return -1;
    for (size_t index = 0; index < in->n_funder_ids; index++) {
        const char *field = s_item (call, "call.funder_ids", index);
        Funding__Funder *funder;
        if (funding_funder_load (self, call, in->funder_ids [index], field, &funder))
            return -1;
        if (funding_rules_level_needs_region (funder->level)
        &&  !streq (funder->region_code, in->region_code))
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                  "funder %llu is a funder of region %s, not of %s",
                                  (unsigned long long) funder->id, funder->region_code,
                                  in->region_code);
    }
    return 0;
}

//  Checks the eligible themes and establishments; the establishments must
//  be the registry's, of the call's region (asked once for the whole list).
static int
s_eligibility_valid (funding_t *self, pps_call_t *call, const Funding__Call *in)
{
    if (in->n_eligible_themes > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "call.eligible_themes",
                              "call.eligible_themes has more than %d items", PPS_LIST_MAX);
    for (size_t index = 0; index < in->n_eligible_themes; index++) {
        const char *field = s_item (call, "call.eligible_themes", index);
        if (pps_check_enum (call, field, &projects__theme__descriptor,
                            in->eligible_themes [index], true))
            return -1;
        for (size_t before = 0; before < index; before++)
            if (in->eligible_themes [before] == in->eligible_themes [index])
                return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                      "call.eligible_themes lists a theme twice");
    }
    if (funding_check_ids (call, "call.eligible_establishment_ids", in->eligible_establishment_ids,
                           in->n_eligible_establishment_ids, PPS_LIST_MAX))
        return -1;
    if (in->n_eligible_establishment_ids == 0)
        return 0;
    Registry__EstablishmentList *known = funding_peer_establishments (
        self, call, in->region_code, NULL, "call.eligible_establishment_ids");
    if (!known)
        return -1;
    for (size_t index = 0; index < in->n_eligible_establishment_ids; index++) {
        bool found = false;
        for (size_t item = 0; item < known->n_items && !found; item++)
            found = known->items [item]->id == in->eligible_establishment_ids [index];
        if (!found)
            return pps_call_fail (call, PPS__CODE__NOT_FOUND,
                                  s_item (call, "call.eligible_establishment_ids", index),
                                  "establishment %llu is not an establishment of region %s",
                                  (unsigned long long) in->eligible_establishment_ids [index],
                                  in->region_code);
    }
    return 0;
}

//  Checks a call's own fields, then its references (region, funders,
//  eligible establishments). An empty region_code becomes the deployment's.
static int
s_call_valid (funding_t *self, pps_call_t *call, Funding__Call *in)
{
    if (!*in->region_code)
        in->region_code = pps_arena_strdup (pps_call_arena (call), self->region_code);
    if (pps_check_text (call, "call.title", in->title, PPS_NAME_MAX, true)
    ||  funding_check_year (call, "call.year", in->year)
    ||  funding_check_amount (call, "call.envelope_cents", in->envelope_cents, false)
    ||  pps_check_date (call, "call.opening_date", in->opening_date, true)
    ||  pps_check_date (call, "call.closing_date", in->closing_date, true)
    ||  pps_check_period (call, "call.closing_date", in->opening_date, in->closing_date)
    ||  pps_check_text (call, "call.region_code", in->region_code, PPS_CODE_MAX, true))
        return -1;
    if (!funding_peer_region (self, call, in->region_code, "call.region_code")
    ||  s_funders_valid (self, call, in)
    ||  s_eligibility_valid (self, call, in))
        return -1;
    return 0;
}

PPS_HANDLER (funding_create_call)
{
    funding_t *funding = self;
    Funding__Call *in = (Funding__Call *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "call.id",
                              "the service assigns ids; leave call.id at 0");
    if (in->status && in->status != FUNDING__CALL_STATUS__DRAFT)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "call.status",
                              "a call is created as DRAFT, then moved by transition_call");
    in->status = FUNDING__CALL_STATUS__DRAFT;
    in->status_date = NULL;
    if (s_call_valid (funding, call, in)
    ||  !(in->id = pps_record_new_id (call, "call"))
    ||  pps_record_save (call, funding->calls, in->id, in, "call")
    ||  pps_call_emit (call, "call.created", FUNDING__FUNDING_EVENT__CHANGE_CALL, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

//  True when the two calls name the same funders (in any order).
static bool
s_same_funders (const Funding__Call *a, const Funding__Call *b)
{
    if (a->n_funder_ids != b->n_funder_ids)
        return false;
    for (size_t index = 0; index < a->n_funder_ids; index++)
        if (funding_rules_call_funder (b, a->funder_ids [index]) == 0)
            return false;
    return true;
}

//  An open call keeps what its applications were filed under: its funders,
//  its region, and dates that still contain every application's date.
static int
s_open_call_change_valid (funding_t *self, pps_call_t *call, const Funding__Call *in,
                          const Funding__Call *before)
{
    if (!s_same_funders (in, before))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "call.funder_ids",
                              "the funders of an open call cannot change");
    if (!streq (in->region_code, before->region_code))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "call.region_code",
                              "the region of an open call cannot change");
    Funding__Application **applications;
    size_t count;
    if (funding_applications_under (self, call, self->idx_call_applications, in->id,
                                    &applications, &count))
        return -1;
    for (size_t index = 0; index < count; index++) {
        const Pps__Date *submitted = applications [index]->submitted_on;
        if (pps_date_compare (submitted, in->opening_date) < 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "call.opening_date",
                                  "application %llu was submitted before that opening date",
                                  (unsigned long long) applications [index]->id);
        if (pps_date_compare (submitted, in->closing_date) > 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "call.closing_date",
                                  "application %llu was submitted after that closing date",
                                  (unsigned long long) applications [index]->id);
    }
    return 0;
}

PPS_HANDLER (funding_update_call)
{
    funding_t *funding = self;
    Funding__Call *in = (Funding__Call *) op;
    Funding__Call *before;
    if (pps_record_load (call, funding->calls, in->id, &funding__call__descriptor,
                      "call.id", &before))
        return -1;
    if (before->status != FUNDING__CALL_STATUS__DRAFT && before->status != FUNDING__CALL_STATUS__OPEN)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "call.status",
                              "a %s call cannot be changed",
                              funding_enum_name (&funding__call_status__descriptor, before->status));
    if (in->status && in->status != before->status)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "call.status",
                              "the status changes through transition_call only");
    in->status = before->status;
    in->status_date = before->status_date;
    if (s_call_valid (funding, call, in))
        return -1;
    if (before->status == FUNDING__CALL_STATUS__OPEN
    &&  s_open_call_change_valid (funding, call, in, before))
        return -1;
    if (pps_record_save (call, funding->calls, in->id, in, "call")
    ||  pps_call_emit (call, "call.updated", FUNDING__FUNDING_EVENT__CHANGE_CALL, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (funding_transition_call)
{
    funding_t *funding = self;
    const Funding__CallTransition *in = op;
    Funding__Call *record;
    if (pps_check_enum (call, "status", &funding__call_status__descriptor, in->status, true)
    ||  pps_check_date (call, "date", in->date, true)
    ||  pps_record_load (call, funding->calls, in->call_id, &funding__call__descriptor,
                      "call_id", &record))
        return -1;
    if (!funding_rules_call_step (record->status, in->status))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "status",
                              "a %s call cannot become %s (DRAFT -> OPEN -> CLOSED -> DECIDED)",
                              funding_enum_name (&funding__call_status__descriptor, record->status),
                              funding_enum_name (&funding__call_status__descriptor, in->status));
    if (pps_date_is_set (record->status_date) && pps_date_compare (in->date, record->status_date) < 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "date",
                              "date is before the call's last transition");
    if (in->status == FUNDING__CALL_STATUS__DECIDED) {
        //  Decided means decided: no application may still wait
        Funding__Application **applications;
        size_t count, pending = 0;
        if (funding_applications_under (funding, call, funding->idx_call_applications,
                                        record->id, &applications, &count))
            return -1;
        for (size_t index = 0; index < count; index++)
            pending += funding_rules_pending (applications [index]->status);
        if (pending)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "status",
                                  "%zu application(s) of the call still wait for a decision",
                                  pending);
    }
    record->status = in->status;
    record->status_date = in->date;
    if (pps_record_save (call, funding->calls, record->id, record, "call")
    ||  pps_call_emit (call, "call.transitioned", FUNDING__FUNDING_EVENT__CHANGE_CALL,
                       &record->base))
        return -1;
    *result_p = &record->base;
    return 0;
}

PPS_HANDLER (funding_get_call)
{
    funding_t *funding = self;
    const Funding__ById *in = op;
    return pps_record_load (call, funding->calls, in->id, &funding__call__descriptor,
                         "id", result_p);
}

typedef struct {
    const Funding__CallFilter *filter;
    Funding__CallList *list;
    pps_arena_t *arena;
} call_scan_t;

//  Keeps a call that matches every field set in the filter.
static int
s_collect_call (ProtobufCMessage *record, void *arg)
{
    call_scan_t *scan = arg;
    const Funding__CallFilter *filter = scan->filter;
    Funding__Call *item = (Funding__Call *) record;
    if ((filter->year && filter->year != item->year)
    ||  (filter->status && filter->status != item->status)
    ||  (filter->funder_id && funding_rules_call_funder (item, filter->funder_id) == 0)
    ||  (*filter->region_code && !streq (filter->region_code, item->region_code)))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (funding_list_calls)
{
    funding_t *funding = self;
    const Funding__CallFilter *filter = op;
    if (pps_check_enum (call, "status", &funding__call_status__descriptor, filter->status, false)
    ||  pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  (filter->year && funding_check_year (call, "year", filter->year)))
        return -1;
    Funding__CallList *list = (Funding__CallList *)
        pps_arena_message (pps_call_arena (call), &funding__call_list__descriptor);
    call_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), funding->calls, &funding__call__descriptor,
                             pps_call_arena (call), s_collect_call, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "calls");
    *result_p = &list->base;
    return 0;
}
