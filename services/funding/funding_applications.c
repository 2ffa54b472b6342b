/*  funding_applications: a project's application to one funder of a call:
    submission (checked against the call and the projects service), review,
    withdrawal, get and list. Decisions are in funding_decisions.c.  */
#include "funding_rules.h"

#include <czmq.h>

//  Checks the application's own fields before any record is read.
static int
s_submission_fields_valid (pps_call_t *call, const Funding__Application *in)
{
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "application.id",
                              "the service assigns ids; leave application.id at 0");
    if (in->status && in->status != FUNDING__APPLICATION_STATUS__SUBMITTED)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "application.status",
                              "an application is submitted; decide_application decides it");
    if (in->amount_granted_cents || *in->rejection_reason || pps_date_is_set (in->decision_date))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "application.amount_granted_cents",
                              "a submission carries no decision; decide_application records it");
    if (pps_check_id (call, "application.call_id", in->call_id)
    ||  pps_check_id (call, "application.project_id", in->project_id)
    ||  funding_check_amount (call, "application.amount_requested_cents",
                              in->amount_requested_cents, true)
    ||  pps_check_date (call, "application.submitted_on", in->submitted_on, true)
    ||  pps_check_text (call, "application.note", in->note, PPS_TEXT_MAX, false))
        return -1;
    return 0;
}

//  The requests (withdrawn ones left out) already under key_id in index,
//  plus amount, must not overflow: every view sums them.
static int
s_sum_fits (funding_t *self, pps_call_t *call, MDB_dbi index, uint64_t key_id, int64_t amount,
            const char *whose, Funding__Application ***items_p, size_t *count_p)
{
    if (funding_applications_under (self, call, index, key_id, items_p, count_p))
        return -1;
    int64_t total = amount;
    for (size_t item = 0; item < *count_p; item++) {
        Funding__Application *application = (*items_p) [item];
        if (funding_rules_requested (application->status)
        &&  pps_money_accumulate (&total, application->amount_requested_cents))
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT,
                                  "application.amount_requested_cents",
                                  "the requests of the %s would exceed the largest amount "
                                  "this service can sum", whose);
    }
    return 0;
}

//  Copy onto the application what the projects service says of the project.
static void
s_copy_project (Funding__Application *in, const Projects__Project *project)
{
    in->establishment_id = project->establishment_id;
    in->region_code = project->region_code;
    in->themes = project->themes;
    in->n_themes = project->n_themes;
    in->planned_budget_cents = project->planned_budget_cents;
    in->project_title = project->title;
}

PPS_HANDLER (funding_submit_application)
{
    funding_t *funding = self;
    Funding__Application *in = (Funding__Application *) op;
    Funding__Call *record;
    if (s_submission_fields_valid (call, in)
    ||  pps_record_load (call, funding->calls, in->call_id, &funding__call__descriptor,
                      "application.call_id", &record))
        return -1;
    uint64_t funder_id = funding_rules_call_funder (record, in->funder_id);
    if (!funder_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "application.funder_id",
                              in->funder_id ? "the funder is not one of the call's funders"
                                            : "a joint call needs the funder asked (funder_id)");
    in->funder_id = funder_id;
    funding_refusal_t refusal;
    if (funding_rules_check_submission (record, in->submitted_on, &refusal))
        return pps_call_fail (call, refusal.code, refusal.field, "%s", refusal.message);

    //  The project as its owner knows it; nothing of it is taken from the client
    Projects__Project *project = funding_peer_project (funding, call, in->project_id,
                                                       "application.project_id");
    if (!project)
        return -1;
    if (project->status == PROJECTS__PROJECT_STATUS__ABANDONED)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "application.project_id",
                              "project %llu is abandoned", (unsigned long long) project->id);
    if (!streq (project->region_code, record->region_code))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "application.project_id",
                              "project %llu is of region %s, the call of region %s",
                              (unsigned long long) project->id, project->region_code,
                              record->region_code);
    if (funding_rules_check_eligible (record, project->establishment_id, project->themes,
                                      project->n_themes, &refusal))
        return pps_call_fail (call, refusal.code, refusal.field, "%s", refusal.message);

    //  One application per project, call and funder (a withdrawn one may be renewed)
    Funding__Application **mine, **theirs;
    size_t mine_count, theirs_count;
    if (s_sum_fits (funding, call, funding->idx_project_applications, in->project_id,
                    in->amount_requested_cents, "project", &mine, &mine_count)
    ||  s_sum_fits (funding, call, funding->idx_call_applications, in->call_id,
                    in->amount_requested_cents, "call", &theirs, &theirs_count))
        return -1;
    for (size_t index = 0; index < mine_count; index++)
        if (mine [index]->call_id == in->call_id && mine [index]->funder_id == in->funder_id
        &&  mine [index]->status != FUNDING__APPLICATION_STATUS__WITHDRAWN)
            return pps_call_fail (call, PPS__CODE__ALREADY_EXISTS, "application.project_id",
                                  "project %llu already applied to funder %llu of this call "
                                  "(application %llu)", (unsigned long long) in->project_id,
                                  (unsigned long long) in->funder_id,
                                  (unsigned long long) mine [index]->id);

    s_copy_project (in, project);
    in->call_year = record->year;
    in->status = FUNDING__APPLICATION_STATUS__SUBMITTED;
    if (!(in->id = pps_record_new_id (call, "application"))
    ||  pps_record_save (call, funding->applications, in->id, in, "application")
    ||  pps_record_index_add (call, funding->idx_call_applications, in->call_id, in->id)
    ||  pps_record_index_add (call, funding->idx_project_applications, in->project_id, in->id)
    ||  pps_call_emit (call, "application.submitted", FUNDING__FUNDING_EVENT__CHANGE_APPLICATION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

//  Load an application that still waits for its decision, in a call that
//  is not decided yet.
int
funding_pending_application (funding_t *self, pps_call_t *call, uint64_t id,
                             Funding__Application **application_p, Funding__Call **call_p)
{
    Funding__Application *application;
    Funding__Call *record;
    if (pps_record_load (call, self->applications, id, &funding__application__descriptor,
                      "application_id", &application))
        return -1;
    if (!funding_rules_pending (application->status))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "application_id",
                              "application %llu is %s already", (unsigned long long) id,
                              funding_enum_name (&funding__application_status__descriptor,
                                                 application->status));
    if (pps_record_load (call, self->calls, application->call_id, &funding__call__descriptor,
                      "application_id", &record))
        return -1;
    if (record->status != FUNDING__CALL_STATUS__OPEN && record->status != FUNDING__CALL_STATUS__CLOSED)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "application_id",
                              "the call of application %llu is %s", (unsigned long long) id,
                              funding_enum_name (&funding__call_status__descriptor, record->status));
    *application_p = application;
    if (call_p)
        *call_p = record;
    return 0;
}

PPS_HANDLER (funding_review_application)
{
    funding_t *funding = self;
    const Funding__ApplicationRef *in = op;
    Funding__Application *application;
    if (funding_pending_application (funding, call, in->application_id, &application, NULL))
        return -1;
    if (application->status == FUNDING__APPLICATION_STATUS__UNDER_REVIEW)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "application_id",
                              "application %llu is under review already",
                              (unsigned long long) application->id);
    application->status = FUNDING__APPLICATION_STATUS__UNDER_REVIEW;
    if (pps_record_save (call, funding->applications, application->id, application,
                      "application")
    ||  pps_call_emit (call, "application.reviewed", FUNDING__FUNDING_EVENT__CHANGE_APPLICATION,
                       &application->base))
        return -1;
    *result_p = &application->base;
    return 0;
}

PPS_HANDLER (funding_withdraw_application)
{
    funding_t *funding = self;
    const Funding__Withdrawal *in = op;
    Funding__Application *application;
    if (pps_check_date (call, "date", in->date, true)
    ||  pps_check_text (call, "note", in->note, PPS_TEXT_MAX, false)
    ||  funding_pending_application (funding, call, in->application_id, &application, NULL))
        return -1;
    if (pps_date_compare (in->date, application->submitted_on) < 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "date",
                              "date is before the application was submitted");
    application->status = FUNDING__APPLICATION_STATUS__WITHDRAWN;
    application->decision_date = in->date;
    if (*in->note)
        application->note = in->note;
    if (pps_record_save (call, funding->applications, application->id, application,
                      "application")
    ||  pps_call_emit (call, "application.withdrawn", FUNDING__FUNDING_EVENT__CHANGE_APPLICATION,
                       &application->base))
        return -1;
    *result_p = &application->base;
    return 0;
}

PPS_HANDLER (funding_get_application)
{
    funding_t *funding = self;
    const Funding__ById *in = op;
    return pps_record_load (call, funding->applications, in->id,
                         &funding__application__descriptor, "id", result_p);
}

//  True when the application matches every field set in the filter.
static bool
s_application_matches (const Funding__ApplicationFilter *filter,
                       const Funding__Application *application)
{
    return (!filter->call_id || filter->call_id == application->call_id)
        && (!filter->project_id || filter->project_id == application->project_id)
        && (!filter->funder_id || filter->funder_id == application->funder_id)
        && (!filter->status || filter->status == application->status)
        && (!filter->establishment_id || filter->establishment_id == application->establishment_id);
}

typedef struct {
    const Funding__ApplicationFilter *filter;
    Funding__ApplicationList *list;
    pps_arena_t *arena;
} application_scan_t;

//  Keeps an application that matches the filter.
static int
s_collect_application (ProtobufCMessage *record, void *arg)
{
    application_scan_t *scan = arg;
    if (s_application_matches (scan->filter, (Funding__Application *) record))
        pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (funding_list_applications)
{
    funding_t *funding = self;
    const Funding__ApplicationFilter *filter = op;
    if (pps_check_enum (call, "status", &funding__application_status__descriptor,
                        filter->status, false))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Funding__ApplicationList *list = (Funding__ApplicationList *)
        pps_arena_message (arena, &funding__application_list__descriptor);
    application_scan_t scan = { filter, list, arena };
    if (filter->call_id || filter->project_id) {
        //  An index narrows the scan to one call's or one project's applications
        Funding__Application **items;
        size_t count;
        if (funding_applications_under (funding, call,
                                        filter->call_id ? funding->idx_call_applications
                                                        : funding->idx_project_applications,
                                        filter->call_id ? filter->call_id : filter->project_id,
                                        &items, &count))
            return -1;
        for (size_t index = 0; index < count; index++)
            s_collect_application (&items [index]->base, &scan);
    }
    else {
        int rc = pps_store_each (pps_call_txn (call), funding->applications,
                                 &funding__application__descriptor, arena,
                                 s_collect_application, &scan);
        if (rc)
            return pps_call_fail_lmdb (call, rc, "applications");
    }
    *result_p = &list->base;
    return 0;
}
