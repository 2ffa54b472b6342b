/*  funding.service: funders, calls, applications and decisions driven
    through a real funding service served in-process with the registry and
    the projects service it asks (see funding_harness.h): validation with
    the field at fault, the call's life, late, duplicate and ineligible
    applications, decisions and over-grants, one event per change and none
    for a refusal, idempotent retries, a peer that is down, and a restart.  */
#include "funding_harness.h"

typedef struct {
    fh_world_t world;
    uint64_t fir, disp, mildeca, ondam, other_region;   //  Funder ids
    uint64_t joint;                                      //  The joint ARS/DISP call
} fixture_t;

//  A ById in the test arena.
static Funding__ById *
s_by_id (fh_t *t, uint64_t id)
{
    Funding__ById *by_id = (Funding__ById *) pps_arena_message (t->arena, &funding__by_id__descriptor);
    by_id->id = id;
    return by_id;
}

//  ---------------------------------------------------------------- funders

//  Funders of every level, their refusals, update, get and list.
static void
s_test_funders (fh_t *t, fixture_t *f)
{
    uint64_t seq = fh_last_seq (t);
    Funding__Funder *fir = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__FIR,
        FUNDING__FUNDER_LEVEL__REGIONAL, "32", "ARS Hauts-de-France - FIR")))->funder;
    CHECK (fir->id > 0);
    f->fir = fir->id;
    WROTE (&seq, 1, "funding.funder.created");
    f->disp = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__DISP_DRUG_FUND,
        FUNDING__FUNDER_LEVEL__REGIONAL, "32", "DISP de Lille - fonds drogue")))->funder->id;
    f->mildeca = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__MILDECA,
        FUNDING__FUNDER_LEVEL__NATIONAL, "", "MILDECA")))->funder->id;
    f->ondam = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__ONDAM_HARM_REDUCTION,
        FUNDING__FUNDER_LEVEL__REGIONAL, "32", "Crédits ONDAM RdRD")))->funder->id;
    f->other_region = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__FIR,
        FUNDING__FUNDER_LEVEL__REGIONAL, "11", "ARS Île-de-France - FIR")))->funder->id;
    WROTE (&seq, 4, "funding.funder.created");

    //  Refusals name the field and write nothing
    EXPECT (FUNDING (CREATE_FUNDER, fh_funder (t, 0, FUNDING__FUNDER_LEVEL__NATIONAL, "", "X")),
            INVALID_ARGUMENT, "funder.kind");
    EXPECT (FUNDING (CREATE_FUNDER, fh_funder (t, 42, FUNDING__FUNDER_LEVEL__NATIONAL, "", "X")),
            INVALID_ARGUMENT, "funder.kind");
    EXPECT (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__CPAM,
            FUNDING__FUNDER_LEVEL__LOCAL, "", "CPAM du Nord")), INVALID_ARGUMENT, "funder.region_code");
    EXPECT (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__DAP,
            FUNDING__FUNDER_LEVEL__NATIONAL, "32", "DAP")), INVALID_ARGUMENT, "funder.region_code");
    EXPECT (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__CPAM,
            FUNDING__FUNDER_LEVEL__LOCAL, "99", "CPAM")), NOT_FOUND, "funder.region_code");
    EXPECT (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__CPAM,
            FUNDING__FUNDER_LEVEL__LOCAL, "32", " ")), INVALID_ARGUMENT, "funder.name");
    Funding__Funder *with_id = fh_funder (t, FUNDING__FUNDER_KIND__DAP, FUNDING__FUNDER_LEVEL__NATIONAL,
                                          "", "DAP");
    with_id->id = 77;
    EXPECT (FUNDING (CREATE_FUNDER, with_id), INVALID_ARGUMENT, "funder.id");
    EXPECT (FUNDING (UPDATE_FUNDER, with_id), NOT_FOUND, "funder.id");
    WROTE (&seq, 0, NULL);

    fir->name = "ARS HDF - Fonds d'intervention régional";
    OK (FUNDING (UPDATE_FUNDER, fir));
    WROTE (&seq, 1, "funding.funder.updated");
    CHECK (streq (OK (FUNDING (GET_FUNDER, s_by_id (t, f->fir)))->funder->name,
                  "ARS HDF - Fonds d'intervention régional"));
    EXPECT (FUNDING (GET_FUNDER, s_by_id (t, 999)), NOT_FOUND, "id");

    Funding__FunderFilter *filter = (Funding__FunderFilter *)
        pps_arena_message (t->arena, &funding__funder_filter__descriptor);
    filter->region_code = "32";
    CHECK (OK (FUNDING (LIST_FUNDERS, filter))->funders->n_items == 3);
    filter->region_code = "";
    filter->level = FUNDING__FUNDER_LEVEL__NATIONAL;
    CHECK (OK (FUNDING (LIST_FUNDERS, filter))->funders->n_items == 1);
}

//  ---------------------------------------------------------------- calls

//  The joint call: refusals, update, the first transitions, list.
static void
s_test_calls (fh_t *t, fixture_t *f)
{
    uint64_t seq = fh_last_seq (t);
    Funding__Call *joint = OK (FUNDING (CREATE_CALL,
        fh_call (t, "AAP conjoint ARS/DISP 2025", 10000000, f->fir, f->disp)))->call;
    CHECK (joint->id > 0 && joint->status == FUNDING__CALL_STATUS__DRAFT);
    CHECK (streq (joint->region_code, "32"));
    f->joint = joint->id;
    WROTE (&seq, 1, "funding.call.created");

    Funding__Call *bad = fh_call (t, "Sans financeur", 0, f->fir, 0);
    bad->n_funder_ids = 0;
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.funder_ids");
    EXPECT (FUNDING (CREATE_CALL, fh_call (t, "Doublon", 0, f->fir, f->fir)),
            INVALID_ARGUMENT, "call.funder_ids[1]");
    EXPECT (FUNDING (CREATE_CALL, fh_call (t, "Inconnu", 0, 999, 0)),
            NOT_FOUND, "call.funder_ids[0]");
    EXPECT (FUNDING (CREATE_CALL, fh_call (t, "Autre région", 0, f->fir, f->other_region)),
            INVALID_ARGUMENT, "call.funder_ids[1]");
    bad = fh_call (t, "Trop de financeurs", 0, f->fir, 0);
    bad->funder_ids = pps_arena_alloc (t->arena, (FUNDING_CALL_FUNDERS_MAX + 1) * sizeof (uint64_t));
    for (bad->n_funder_ids = 0; bad->n_funder_ids <= FUNDING_CALL_FUNDERS_MAX; bad->n_funder_ids++)
        bad->funder_ids [bad->n_funder_ids] = bad->n_funder_ids + 1;
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.funder_ids");
    bad = fh_call (t, "Dates", 0, f->fir, 0);
    bad->closing_date = fh_date (t, 2025, 2, 1);
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.closing_date");
    bad = fh_call (t, "Négatif", -1, f->fir, 0);
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.envelope_cents");
    bad = fh_call (t, "Année", 0, f->fir, 0);
    bad->year = 1999;
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.year");
    bad = fh_call (t, "Ouvert d'office", 0, f->fir, 0);
    bad->status = FUNDING__CALL_STATUS__OPEN;
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.status");
    bad = fh_call (t, "Région inconnue", 0, f->mildeca, 0);
    bad->region_code = "99";
    EXPECT (FUNDING (CREATE_CALL, bad), NOT_FOUND, "call.region_code");
    bad = fh_call (t, "Établissement d'ailleurs", 0, f->fir, 0);
    bad->eligible_establishment_ids = &f->world.other_establishment;
    bad->n_eligible_establishment_ids = 1;
    EXPECT (FUNDING (CREATE_CALL, bad), NOT_FOUND, "call.eligible_establishment_ids[0]");
    bad = fh_call (t, "Thème", 0, f->fir, 0);
    Projects__Theme no_theme = 0;
    bad->eligible_themes = &no_theme;
    bad->n_eligible_themes = 1;
    EXPECT (FUNDING (CREATE_CALL, bad), INVALID_ARGUMENT, "call.eligible_themes[0]");
    WROTE (&seq, 0, NULL);

    //  Transitions go one step at a time
    EXPECT (FUNDING (TRANSITION_CALL, fh_transition (t, f->joint, FUNDING__CALL_STATUS__CLOSED,
            fh_date (t, 2025, 3, 1))), FAILED_PRECONDITION, "status");
    EXPECT (FUNDING (TRANSITION_CALL, fh_transition (t, f->joint, FUNDING__CALL_STATUS__OPEN, NULL)),
            INVALID_ARGUMENT, "date");
    EXPECT (FUNDING (TRANSITION_CALL, fh_transition (t, 999, FUNDING__CALL_STATUS__OPEN,
            fh_date (t, 2025, 3, 1))), NOT_FOUND, "call_id");
    joint->envelope_cents = 12000000;
    joint->coordinated_instruction = true;
    OK (FUNDING (UPDATE_CALL, joint));
    WROTE (&seq, 1, "funding.call.updated");
    Funding__Call *opened = MOVE_OK (fh_transition (t, f->joint, FUNDING__CALL_STATUS__OPEN,
                                                    fh_date (t, 2025, 3, 1)));
    CHECK (opened->status == FUNDING__CALL_STATUS__OPEN && opened->envelope_cents == 12000000);
    CHECK (opened->status_date->month == 3);
    WROTE (&seq, 1, "funding.call.transitioned");
    EXPECT (FUNDING (TRANSITION_CALL, fh_transition (t, f->joint, FUNDING__CALL_STATUS__OPEN,
            fh_date (t, 2025, 3, 2))), FAILED_PRECONDITION, "status");

    //  An open call keeps its funders; the status moves by transition only
    opened->n_funder_ids = 1;
    EXPECT (FUNDING (UPDATE_CALL, opened), FAILED_PRECONDITION, "call.funder_ids");
    opened->n_funder_ids = 2;
    opened->status = FUNDING__CALL_STATUS__CLOSED;
    EXPECT (FUNDING (UPDATE_CALL, opened), INVALID_ARGUMENT, "call.status");
    WROTE (&seq, 0, NULL);

    Funding__CallFilter *filter = (Funding__CallFilter *)
        pps_arena_message (t->arena, &funding__call_filter__descriptor);
    filter->funder_id = f->disp;
    filter->status = FUNDING__CALL_STATUS__OPEN;
    CHECK (OK (FUNDING (LIST_CALLS, filter))->calls->n_items == 1);
    filter->funder_id = f->mildeca;
    CHECK (OK (FUNDING (LIST_CALLS, filter))->calls->n_items == 0);
}

//  ---------------------------------------------------------------- applications

//  Submissions of the joint call: copied project fields, every refusal, review, withdrawal.
static void
s_test_applications (fh_t *t, fixture_t *f)
{
    uint64_t seq = fh_last_seq (t);
    const uint64_t *projects = f->world.projects;

    //  The project's establishment, region, themes and budget come from the
    //  projects service, whatever the client says
    Funding__Application *in = fh_application (t, f->joint, f->fir, projects [0], 3000000, NULL);
    in->establishment_id = 999;
    in->planned_budget_cents = 1;
    in->region_code = "11";
    Funding__Application *first = SUBMIT_OK (in);
    CHECK (first->status == FUNDING__APPLICATION_STATUS__SUBMITTED);
    CHECK (first->establishment_id == f->world.establishments [0]);
    CHECK (first->planned_budget_cents == FH_BUDGET_0);
    CHECK (streq (first->region_code, "32") && first->call_year == 2025);
    CHECK (first->n_themes == 2 && first->themes [0] == PROJECTS__THEME__ADDICTIONS_HARM_REDUCTION);
    CHECK (streq (first->project_title, "Réduction des risques"));
    WROTE (&seq, 1, "funding.application.submitted");

    //  The same project may ask the other funder of the joint call
    SUBMIT_OK (fh_application (t, f->joint, f->disp, projects [0], 2500000, NULL));
    WROTE (&seq, 1, "funding.application.submitted");

    //  ... but not the same funder twice
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, projects [0], 100, NULL)),
            ALREADY_EXISTS, "application.project_id");
    //  Late, early, unknown, elsewhere, the wrong funder
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, projects [1], 100,
            fh_date (t, 2025, 5, 1))), FAILED_PRECONDITION, "application.submitted_on");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, projects [1], 100,
            fh_date (t, 2025, 2, 28))), FAILED_PRECONDITION, "application.submitted_on");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, 999, 100, NULL)),
            NOT_FOUND, "application.project_id");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, projects [2], 100, NULL)),
            FAILED_PRECONDITION, "application.project_id");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->mildeca, projects [1], 100, NULL)),
            INVALID_ARGUMENT, "application.funder_id");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, 0, projects [1], 100, NULL)),
            INVALID_ARGUMENT, "application.funder_id");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, 999, f->fir, projects [1], 100, NULL)),
            NOT_FOUND, "application.call_id");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, projects [1], 0, NULL)),
            INVALID_ARGUMENT, "application.amount_requested_cents");
    in = fh_application (t, f->joint, f->fir, projects [1], 100, NULL);
    in->amount_granted_cents = 100;
    EXPECT (FUNDING (SUBMIT_APPLICATION, in), INVALID_ARGUMENT, "application.amount_granted_cents");
    in = fh_application (t, f->joint, f->fir, projects [1], 100, NULL);
    in->submitted_on = NULL;
    EXPECT (FUNDING (SUBMIT_APPLICATION, in), INVALID_ARGUMENT, "application.submitted_on");
    WROTE (&seq, 0, NULL);

    //  A draft call takes nothing; a call's eligible themes are enforced
    Funding__Call *themed = fh_call (t, "AAP santé sexuelle", 0, f->mildeca, 0);
    Projects__Theme sexual [] = { PROJECTS__THEME__SEXUAL_HEALTH };
    themed->eligible_themes = sexual;
    themed->n_eligible_themes = 1;
    uint64_t themed_id = OK (FUNDING (CREATE_CALL, themed))->call->id;
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, themed_id, 0, projects [0], 100, NULL)),
            FAILED_PRECONDITION, "application.call_id");
    MOVE_OK (fh_transition (t, themed_id, FUNDING__CALL_STATUS__OPEN, fh_date (t, 2025, 3, 1)));
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, themed_id, 0, projects [1], 100, NULL)),
            FAILED_PRECONDITION, "application.project_id");
    Funding__Application *single = SUBMIT_OK (fh_application (t, themed_id, 0, projects [0], 100, NULL));
    CHECK (single->funder_id == f->mildeca);
    WROTE (&seq, 3, "funding.application.submitted");

    //  Review, withdrawal, and a renewed application after a withdrawal
    Funding__Application *tobacco = SUBMIT_OK (fh_application (t, f->joint, f->fir, projects [1],
                                                               1500000, NULL));
    Funding__ApplicationRef *ref = (Funding__ApplicationRef *)
        pps_arena_message (t->arena, &funding__application_ref__descriptor);
    ref->application_id = tobacco->id;
    CHECK (OK (FUNDING (REVIEW_APPLICATION, ref))->application->status
           == FUNDING__APPLICATION_STATUS__UNDER_REVIEW);
    EXPECT (FUNDING (REVIEW_APPLICATION, ref), FAILED_PRECONDITION, "application_id");
    WROTE (&seq, 2, "funding.application.reviewed");
    Funding__Withdrawal *withdrawal = (Funding__Withdrawal *)
        pps_arena_message (t->arena, &funding__withdrawal__descriptor);
    withdrawal->application_id = tobacco->id;
    withdrawal->date = fh_date (t, 2025, 3, 10);
    EXPECT (FUNDING (WITHDRAW_APPLICATION, withdrawal), INVALID_ARGUMENT, "date");
    withdrawal->date = fh_date (t, 2025, 3, 20);
    withdrawal->note = "dossier incomplet";
    Funding__Application *withdrawn = OK (FUNDING (WITHDRAW_APPLICATION, withdrawal))->application;
    CHECK (withdrawn->status == FUNDING__APPLICATION_STATUS__WITHDRAWN);
    CHECK (streq (withdrawn->note, "dossier incomplet"));
    EXPECT (FUNDING (WITHDRAW_APPLICATION, withdrawal), FAILED_PRECONDITION, "application_id");
    WROTE (&seq, 1, "funding.application.withdrawn");
    SUBMIT_OK (fh_application (t, f->joint, f->fir, projects [1], 1200000, fh_date (t, 2025, 3, 25)));
    SUBMIT_OK (fh_application (t, f->joint, f->disp, projects [1], 800000, fh_date (t, 2025, 4, 30)));
    WROTE (&seq, 2, "funding.application.submitted");

    Funding__ApplicationFilter *filter = (Funding__ApplicationFilter *)
        pps_arena_message (t->arena, &funding__application_filter__descriptor);
    filter->call_id = f->joint;
    CHECK (OK (FUNDING (LIST_APPLICATIONS, filter))->applications->n_items == 5);
    filter->status = FUNDING__APPLICATION_STATUS__WITHDRAWN;
    CHECK (OK (FUNDING (LIST_APPLICATIONS, filter))->applications->n_items == 1);
    filter->call_id = 0;
    filter->status = 0;
    filter->establishment_id = f->world.establishments [0];
    CHECK (OK (FUNDING (LIST_APPLICATIONS, filter))->applications->n_items == 3);
}

//  ---------------------------------------------------------------- decisions

//  The applications of the joint call, as listed.
static Funding__ApplicationList *
s_joint_applications (fh_t *t, fixture_t *f)
{
    Funding__ApplicationFilter *filter = (Funding__ApplicationFilter *)
        pps_arena_message (t->arena, &funding__application_filter__descriptor);
    filter->call_id = f->joint;
    return OK (FUNDING (LIST_APPLICATIONS, filter))->applications;
}

//  Closing, deciding (with every refused decision), and the decided call.
static void
s_test_decisions (fh_t *t, fixture_t *f)
{
    uint64_t seq = fh_last_seq (t);
    Funding__ApplicationList *list = s_joint_applications (t, f);
    //  In id order: p0/FIR 30 000, p0/DISP 25 000, p1/FIR withdrawn, p1/FIR 12 000, p1/DISP 8 000
    CHECK (list->n_items == 5);
    uint64_t p0_fir = list->items [0]->id, p0_disp = list->items [1]->id;
    uint64_t p1_fir = list->items [3]->id, p1_disp = list->items [4]->id;

    //  The call closes; nothing enters after, and it is not decided while files wait
    MOVE_OK (fh_transition (t, f->joint, FUNDING__CALL_STATUS__CLOSED, fh_date (t, 2025, 5, 2)));
    WROTE (&seq, 1, "funding.call.transitioned");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, f->joint, f->fir, f->world.projects [3],
            100, NULL)), FAILED_PRECONDITION, "application.call_id");
    EXPECT (FUNDING (TRANSITION_CALL, fh_transition (t, f->joint, FUNDING__CALL_STATUS__DECIDED,
            fh_date (t, 2025, 6, 30))), FAILED_PRECONDITION, "status");
    EXPECT (FUNDING (TRANSITION_CALL, fh_transition (t, f->joint, FUNDING__CALL_STATUS__DECIDED,
            fh_date (t, 2025, 4, 1))), INVALID_ARGUMENT, "date");

    //  Over-grant, a grant that is not the request, partial grants out of
    //  range, a rejection with money or without reason, a decision too early
    const Funding__ApplicationStatus GRANTED = FUNDING__APPLICATION_STATUS__GRANTED;
    const Funding__ApplicationStatus PARTLY = FUNDING__APPLICATION_STATUS__PARTLY_GRANTED;
    const Funding__ApplicationStatus REJECTED = FUNDING__APPLICATION_STATUS__REJECTED;
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, GRANTED, 3000001, NULL, NULL)),
            INVALID_ARGUMENT, "amount_granted_cents");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, PARTLY, 3000001, NULL, NULL)),
            INVALID_ARGUMENT, "amount_granted_cents");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, GRANTED, 2000000, NULL, NULL)),
            INVALID_ARGUMENT, "amount_granted_cents");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, PARTLY, 0, NULL, NULL)),
            INVALID_ARGUMENT, "amount_granted_cents");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, REJECTED, 10, NULL, "non")),
            INVALID_ARGUMENT, "amount_granted_cents");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, REJECTED, 0, NULL, "")),
            INVALID_ARGUMENT, "rejection_reason");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, FUNDING__APPLICATION_STATUS__WITHDRAWN,
            0, NULL, NULL)), INVALID_ARGUMENT, "status");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, GRANTED, 3000000,
            fh_date (t, 2025, 3, 1), NULL)), INVALID_ARGUMENT, "decision_date");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, list->items [2]->id, REJECTED, 0, NULL,
            "retiré")), FAILED_PRECONDITION, "application_id");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, 999, GRANTED, 1, NULL, NULL)),
            NOT_FOUND, "application_id");
    WROTE (&seq, 0, NULL);

    Funding__Application *granted = DECIDE_OK (fh_decision (t, p0_fir, GRANTED, 3000000, NULL, NULL));
    CHECK (granted->status == GRANTED && granted->amount_granted_cents == 3000000);
    CHECK (granted->decision_date->month == 6);
    WROTE (&seq, 1, "funding.application.decided");
    EXPECT (FUNDING (DECIDE_APPLICATION, fh_decision (t, p0_fir, GRANTED, 3000000, NULL, NULL)),
            FAILED_PRECONDITION, "application_id");
    DECIDE_OK (fh_decision (t, p0_disp, PARTLY, 1500000, NULL, NULL));
    Funding__Application *rejected = DECIDE_OK (fh_decision (t, p1_fir, REJECTED, 0, NULL,
                                                             "hors priorités régionales"));
    CHECK (streq (rejected->rejection_reason, "hors priorités régionales"));
    DECIDE_OK (fh_decision (t, p1_disp, PARTLY, 500000, fh_date (t, 2025, 6, 15), NULL));
    WROTE (&seq, 3, "funding.application.decided");

    //  Everything decided: the call is, and it no longer changes
    Funding__Call *decided = MOVE_OK (fh_transition (t, f->joint, FUNDING__CALL_STATUS__DECIDED,
                                                     fh_date (t, 2025, 6, 30)));
    WROTE (&seq, 1, "funding.call.transitioned");
    EXPECT (FUNDING (UPDATE_CALL, decided), FAILED_PRECONDITION, "call.status");
    WROTE (&seq, 0, NULL);
}

//  ---------------------------------------------------------------- runtime

//  An idempotent retry, the projects service down, a restart, the event log.
static void
s_test_retry_and_peers (fh_t *t, fixture_t *f)
{
    //  A retried write answers its first reply and writes once
    uint64_t seq = fh_last_seq (t);
    Funding__Funder *cpam = fh_funder (t, FUNDING__FUNDER_KIND__CPAM, FUNDING__FUNDER_LEVEL__LOCAL,
                                       "32", "CPAM de Lille-Douai");
    uint64_t id = OK (FUNDING_ID (CREATE_FUNDER, cpam, "retry-cpam-1"))->funder->id;
    CHECK (OK (FUNDING_ID (CREATE_FUNDER, cpam, "retry-cpam-1"))->funder->id == id);
    WROTE (&seq, 1, "funding.funder.created");

    //  The projects service down: the reference cannot be checked, nothing is written
    Funding__Call *call = OK (FUNDING (CREATE_CALL, fh_call (t, "AAP CPAM", 0, id, 0)))->call;
    MOVE_OK (fh_transition (t, call->id, FUNDING__CALL_STATUS__OPEN, fh_date (t, 2025, 3, 1)));
    seq = fh_last_seq (t);
    fh_service_stop (t, FH_PROJECTS);
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, call->id, 0, f->world.projects [3],
            100, NULL)), UNAVAILABLE, "application.project_id");
    fh_service_start (t, FH_PROJECTS);
    WROTE (&seq, 0, NULL);
    SUBMIT_OK (fh_application (t, call->id, 0, f->world.projects [3], 100, NULL));
    WROTE (&seq, 1, "funding.application.submitted");

    //  A restart keeps every record and the event log
    fh_service_stop (t, FH_FUNDING);
    fh_service_start (t, FH_FUNDING);
    CHECK (fh_last_seq (t) == seq);
    Funding__Call *joint = OK (FUNDING (GET_CALL, s_by_id (t, f->joint)))->call;
    CHECK (joint->status == FUNDING__CALL_STATUS__DECIDED && joint->n_funder_ids == 2);
    CHECK (joint->coordinated_instruction);

    //  Every change is in the log, with its actor
    Funding__FundingEvent **events;
    size_t count = fh_events_since (t, 0, &events);
    CHECK (count == seq);
    size_t decided = 0, submitted = 0;
    for (size_t index = 0; index < count; index++) {
        CHECK (events [index]->seq == index + 1);
        CHECK (streq (events [index]->actor, "funding_test"));
        decided += streq (events [index]->topic, "funding.application.decided");
        submitted += streq (events [index]->topic, "funding.application.submitted");
        if (streq (events [index]->topic, "funding.application.decided"))
            CHECK (events [index]->change_case == FUNDING__FUNDING_EVENT__CHANGE_APPLICATION);
    }
    CHECK (decided == 4 && submitted == 7);
}

int
main (void)
{
    fh_t test, *t = &test;
    fixture_t fixture;
    fh_start (t);
    fh_world (t, &fixture.world);
    s_test_funders (t, &fixture);
    s_test_calls (t, &fixture);
    s_test_applications (t, &fixture);
    s_test_decisions (t, &fixture);
    s_test_retry_and_peers (t, &fixture);
    fh_stop (t);
    printf ("funding.service: OK\n");
    return 0;
}
