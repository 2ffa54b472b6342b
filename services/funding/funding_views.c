/*  funding_views: the co-financing of a project (every request and grant,
    by funder, against its planned budget) and the concertation of a call
    (its requests against the envelope, projects asking several funders,
    establishments that asked nothing during the year). Every sum is
    checked: one that would overflow fails the view with OUT_OF_RANGE.  */
#include "funding_rules.h"

#include <czmq.h>

//  ---------------------------------------------------------------- funder lines

//  The line of funder_id in lines, added (with the funder's kind and name)
//  when absent. NULL with the call failed when the funder cannot be read.
static Funding__FunderLine *
s_line (funding_t *self, pps_call_t *call, Funding__FunderLine ***lines_p, size_t *count_p,
        uint64_t funder_id)
{
    for (size_t index = 0; index < *count_p; index++)
        if ((*lines_p) [index]->funder_id == funder_id)
            return (*lines_p) [index];
    Funding__Funder *funder;
    if (funding_funder_load (self, call, funder_id, "funder_id", &funder))
        return NULL;
    pps_arena_t *arena = pps_call_arena (call);
    Funding__FunderLine *line = (Funding__FunderLine *)
        pps_arena_message (arena, &funding__funder_line__descriptor);
    line->funder_id = funder->id;
    line->kind = funder->kind;
    line->name = funder->name;
    pps_arena_push (arena, (void ***) lines_p, count_p, line);
    return line;
}

//  Add an application to a line (withdrawn ones count for nothing).
//  Returns 0, or -1 with the call failed OUT_OF_RANGE when a sum overflows.
static int
s_line_add (pps_call_t *call, Funding__FunderLine *line, const Funding__Application *application)
{
    if (!funding_rules_requested (application->status))
        return 0;
    line->applications++;
    if (pps_money_accumulate (&line->requested_cents, application->amount_requested_cents))
        return pps_call_fail (call, PPS__CODE__OUT_OF_RANGE, "requested_cents",
                              "the amounts requested add up beyond what can be summed");
    if (pps_money_accumulate (&line->granted_cents, funding_rules_granted (application)))
        return pps_call_fail (call, PPS__CODE__OUT_OF_RANGE, "granted_cents",
                              "the amounts granted add up beyond what can be summed");
    if (funding_rules_pending (application->status)
    &&  pps_money_accumulate (&line->pending_cents, application->amount_requested_cents))
        return pps_call_fail (call, PPS__CODE__OUT_OF_RANGE, "pending_cents",
                              "the amounts pending add up beyond what can be summed");
    return 0;
}

//  ---------------------------------------------------------------- co-financing

PPS_HANDLER (funding_co_financing)
{
    funding_t *funding = self;
    const Funding__ByProject *in = op;
    Projects__Project *project = funding_peer_project (funding, call, in->project_id, "project_id");
    if (!project)
        return -1;
    Funding__Application **applications;
    size_t count;
    if (funding_applications_under (funding, call, funding->idx_project_applications,
                                    project->id, &applications, &count))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Funding__CoFinancing *view = (Funding__CoFinancing *)
        pps_arena_message (arena, &funding__co_financing__descriptor);
    view->project_id = project->id;
    view->project_title = project->title;
    view->establishment_id = project->establishment_id;
    view->planned_budget_cents = project->planned_budget_cents;
    view->applications = applications;
    view->n_applications = count;

    Funding__FunderLine total = FUNDING__FUNDER_LINE__INIT;
    for (size_t index = 0; index < count; index++) {
        Funding__Application *application = applications [index];
        if (!funding_rules_requested (application->status))
            continue;
        Funding__FunderLine *line = s_line (funding, call, &view->funders, &view->n_funders,
                                            application->funder_id);
        if (!line
        ||  s_line_add (call, line, application)
        ||  s_line_add (call, &total, application))
            return -1;
    }
    view->requested_cents = total.requested_cents;
    view->granted_cents = total.granted_cents;
    view->pending_cents = total.pending_cents;
    if (funding_rules_judge (view))
        return pps_call_fail (call, PPS__CODE__OUT_OF_RANGE, "remaining_cents",
                              "the project's amounts cannot be compared with its budget");
    *result_p = &view->base;
    return 0;
}

//  ---------------------------------------------------------------- concertation

//  True when id is among ids.
static bool
s_listed (const uint64_t *ids, size_t count, uint64_t id)
{
    for (size_t index = 0; index < count; index++)
        if (ids [index] == id)
            return true;
    return false;
}

//  Projects of the call asking several funders during the call's year (in
//  this call or another), with what they asked in all.
static int
s_multi_funder_projects (funding_t *self, pps_call_t *call, Funding__Concertation *view,
                         Funding__Application **applications, size_t count)
{
    pps_arena_t *arena = pps_call_arena (call);
    for (size_t index = 0; index < count; index++) {
        Funding__Application *application = applications [index];
        if (!funding_rules_requested (application->status))
            continue;
        bool seen = false;
        for (size_t done = 0; done < view->n_multi_funder_projects && !seen; done++)
            seen = view->multi_funder_projects [done]->project_id == application->project_id;
        if (seen)
            continue;
        Funding__Application **own;
        size_t own_count;
        if (funding_applications_under (self, call, self->idx_project_applications,
                                        application->project_id, &own, &own_count))
            return -1;
        Funding__MultiFunderProject *entry = (Funding__MultiFunderProject *)
            pps_arena_message (arena, &funding__multi_funder_project__descriptor);
        entry->project_id = application->project_id;
        entry->project_title = application->project_title;
        entry->establishment_id = application->establishment_id;
        uint64_t *funders = pps_arena_alloc (arena, (own_count + 1) * sizeof (uint64_t));
        for (size_t item = 0; item < own_count; item++) {
            Funding__Application *other = own [item];
            if (other->call_year != view->call->year || !funding_rules_requested (other->status))
                continue;
            if (pps_money_accumulate (&entry->requested_cents, other->amount_requested_cents))
                return pps_call_fail (call, PPS__CODE__OUT_OF_RANGE,
                                      "multi_funder_projects.requested_cents",
                                      "project %llu's requests add up beyond what can be summed",
                                      (unsigned long long) entry->project_id);
            if (!s_listed (funders, entry->n_funder_ids, other->funder_id))
                funders [entry->n_funder_ids++] = other->funder_id;
        }
        entry->funder_ids = funders;
        if (entry->n_funder_ids > 1)
            pps_arena_push (arena, (void ***) &view->multi_funder_projects,
                            &view->n_multi_funder_projects, entry);
    }
    return 0;
}

typedef struct {
    int32_t year;
    uint64_t *ids;                    //  Establishments that asked, distinct
    size_t count;
    size_t capacity;
    pps_arena_t *arena;
} asked_scan_t;

//  Notes the establishment of an application of the year that asks money.
static int
s_collect_asked (ProtobufCMessage *record, void *arg)
{
    asked_scan_t *scan = arg;
    Funding__Application *application = (Funding__Application *) record;
    if (application->call_year != scan->year || !funding_rules_requested (application->status)
    ||  s_listed (scan->ids, scan->count, application->establishment_id))
        return 0;
    if (scan->count == scan->capacity) {
        size_t capacity = scan->capacity ? scan->capacity * 2 : 64;
        uint64_t *ids = pps_arena_alloc (scan->arena, capacity * sizeof (uint64_t));
        if (scan->count)
            memcpy (ids, scan->ids, scan->count * sizeof (uint64_t));
        scan->ids = ids;
        scan->capacity = capacity;
    }
    scan->ids [scan->count++] = application->establishment_id;
    return 0;
}

//  Establishments of the call's region (its eligible ones when it lists
//  them), open on the first day of the year, that asked no funder that year.
static int
s_silent_establishments (funding_t *self, pps_call_t *call, Funding__Concertation *view)
{
    const Funding__Call *record = view->call;
    pps_arena_t *arena = pps_call_arena (call);
    asked_scan_t scan = { record->year, NULL, 0, 0, arena };
    int rc = pps_store_each (pps_call_txn (call), self->applications,
                             &funding__application__descriptor, arena, s_collect_asked, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "applications");
    Pps__Date *first_day = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    first_day->year = record->year;
    first_day->month = 1;
    first_day->day = 1;
    Registry__EstablishmentList *establishments = funding_peer_establishments (
        self, call, record->region_code, first_day, "call_id");
    if (!establishments)
        return -1;
    for (size_t index = 0; index < establishments->n_items; index++) {
        Registry__Establishment *establishment = establishments->items [index];
        if (record->n_eligible_establishment_ids
        &&  !s_listed (record->eligible_establishment_ids, record->n_eligible_establishment_ids,
                       establishment->id))
            continue;
        if (s_listed (scan.ids, scan.count, establishment->id))
            continue;
        Funding__SilentEstablishment *silent = (Funding__SilentEstablishment *)
            pps_arena_message (arena, &funding__silent_establishment__descriptor);
        silent->establishment_id = establishment->id;
        silent->code = establishment->code;
        silent->name = establishment->name;
        pps_arena_push (arena, (void ***) &view->silent_establishments,
                        &view->n_silent_establishments, silent);
    }
    return 0;
}

PPS_HANDLER (funding_concertation)
{
    funding_t *funding = self;
    const Funding__ByCall *in = op;
    pps_arena_t *arena = pps_call_arena (call);
    Funding__Concertation *view = (Funding__Concertation *)
        pps_arena_message (arena, &funding__concertation__descriptor);
    if (pps_record_load (call, funding->calls, in->call_id, &funding__call__descriptor,
                      "call_id", &view->call))
        return -1;
    //  Every funder of the call has its line, asked or not
    for (size_t index = 0; index < view->call->n_funder_ids; index++)
        if (!s_line (funding, call, &view->funders, &view->n_funders,
                     view->call->funder_ids [index]))
            return -1;
    Funding__Application **applications;
    size_t count;
    if (funding_applications_under (funding, call, funding->idx_call_applications,
                                    view->call->id, &applications, &count))
        return -1;
    Funding__FunderLine total = FUNDING__FUNDER_LINE__INIT;
    for (size_t index = 0; index < count; index++) {
        Funding__Application *application = applications [index];
        Funding__FunderLine *line = s_line (funding, call, &view->funders, &view->n_funders,
                                            application->funder_id);
        if (!line
        ||  s_line_add (call, line, application)
        ||  s_line_add (call, &total, application))
            return -1;
    }
    view->applications = total.applications;
    view->requested_cents = total.requested_cents;
    view->granted_cents = total.granted_cents;
    view->pending_cents = total.pending_cents;
    int64_t envelope = view->call->envelope_cents;
    if (pps_money_sub (envelope, total.requested_cents, &view->envelope_balance_cents))
        return pps_call_fail (call, PPS__CODE__OUT_OF_RANGE, "envelope_balance_cents",
                              "the envelope and the requests cannot be compared");
    view->requests_exceed_envelope = envelope > 0 && total.requested_cents > envelope;
    view->grants_exceed_envelope = envelope > 0 && total.granted_cents > envelope;
    if (s_multi_funder_projects (funding, call, view, applications, count)
    ||  s_silent_establishments (funding, call, view))
        return -1;
    *result_p = &view->base;
    return 0;
}
