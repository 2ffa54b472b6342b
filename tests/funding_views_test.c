/*  funding.views: the co-financing of projects, the concertation of a joint
    call, allocations to a health unit, indirect funding, the amounts
    granted over a period (the bilan's OO 4.3), and amounts at the one
    limit every service holds them to (PPS_MONEY_MAX), driven through a
    real funding service served in-process with the registry and projects
    services it asks (see funding_harness.h).  */
#include "funding_harness.h"

typedef struct {
    fh_world_t world;
    uint64_t fir, disp, mildeca, ondam;
    uint64_t joint, national;
} fixture_t;

static const Funding__ApplicationStatus GRANTED = FUNDING__APPLICATION_STATUS__GRANTED;
static const Funding__ApplicationStatus PARTLY = FUNDING__APPLICATION_STATUS__PARTLY_GRANTED;
static const Funding__ApplicationStatus REJECTED = FUNDING__APPLICATION_STATUS__REJECTED;

//  The co-financing of a project (OK expected).
static Funding__CoFinancing *
s_co_financing (fh_t *t, uint64_t project_id)
{
    Funding__ByProject *by = (Funding__ByProject *)
        pps_arena_message (t->arena, &funding__by_project__descriptor);
    by->project_id = project_id;
    return OK (FUNDING (CO_FINANCING, by))->co_financing;
}

//  The granted totals of a region and period, with the status expected.
static Funding__GrantedTotals *
s_totals (fh_t *t, const char *region, Pps__Date *from, Pps__Date *to, Pps__Code code,
          const char *field)
{
    Funding__TotalsQuery *query = (Funding__TotalsQuery *)
        pps_arena_message (t->arena, &funding__totals_query__descriptor);
    query->region_code = (char *) region;
    query->from = from;
    query->to = to;
    Funding__FundingReply *reply = fh_expect (FUNDING (GRANTED_TOTALS, query), code, field,
                                              __FILE__, __LINE__);
    return reply->granted_totals;
}

//  The cents under key in a list of amounts; -1 when the key is absent.
static int64_t
s_amount (Funding__Amount **items, size_t count, const char *key)
{
    for (size_t index = 0; index < count; index++)
        if (streq (items [index]->key, key))
            return items [index]->cents;
    return -1;
}

//  An id as the key of an Amount.
static const char *
s_id_key (fh_t *t, uint64_t id)
{
    return pps_arena_printf (t->arena, "%llu", (unsigned long long) id);
}

//  Funders, the joint ARS/DISP call with four applications (decided later),
//  and a national call.
static void
s_setup (fh_t *t, fixture_t *f)
{
    f->fir = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__FIR,
        FUNDING__FUNDER_LEVEL__REGIONAL, "32", "ARS - FIR")))->funder->id;
    f->disp = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__DISP_DRUG_FUND,
        FUNDING__FUNDER_LEVEL__REGIONAL, "32", "DISP - fonds drogue")))->funder->id;
    f->mildeca = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__MILDECA,
        FUNDING__FUNDER_LEVEL__NATIONAL, "", "MILDECA")))->funder->id;
    f->ondam = OK (FUNDING (CREATE_FUNDER, fh_funder (t, FUNDING__FUNDER_KIND__ONDAM_HARM_REDUCTION,
        FUNDING__FUNDER_LEVEL__REGIONAL, "32", "ONDAM RdRD")))->funder->id;
    f->joint = OK (FUNDING (CREATE_CALL, fh_call (t, "AAP conjoint", 10000000, f->fir,
                                                  f->disp)))->call->id;
    f->national = OK (FUNDING (CREATE_CALL, fh_call (t, "AAP MILDECA", 1000, f->mildeca,
                                                     0)))->call->id;
    MOVE_OK (fh_transition (t, f->joint, FUNDING__CALL_STATUS__OPEN, fh_date (t, 2025, 3, 1)));
    MOVE_OK (fh_transition (t, f->national, FUNDING__CALL_STATUS__OPEN, fh_date (t, 2025, 3, 1)));
    const uint64_t *projects = f->world.projects;
    SUBMIT_OK (fh_application (t, f->joint, f->fir, projects [0], 3000000, NULL));
    SUBMIT_OK (fh_application (t, f->joint, f->disp, projects [0], 2500000, NULL));
    SUBMIT_OK (fh_application (t, f->joint, f->fir, projects [1], 1200000, NULL));
    SUBMIT_OK (fh_application (t, f->joint, f->disp, projects [1], 800000, NULL));
    SUBMIT_OK (fh_application (t, f->national, 0, projects [3], 1200000, NULL));
}

//  Co-financing before and after the decisions: flags and funder lines.
static void
s_test_co_financing (fh_t *t, fixture_t *f)
{
    //  Before any decision: everything pending, the requests exceed the budget
    Funding__CoFinancing *view = s_co_financing (t, f->world.projects [0]);
    CHECK (view->planned_budget_cents == FH_BUDGET_0);
    CHECK (view->requested_cents == 5500000 && view->pending_cents == 5500000);
    CHECK (view->granted_cents == 0 && view->n_applications == 2 && view->n_funders == 2);
    CHECK (view->over_requested && !view->under_funded && !view->over_funded);
    //  Asking exactly the budget: neither short nor over
    view = s_co_financing (t, f->world.projects [1]);
    CHECK (view->pending_cents == FH_BUDGET_1 && view->remaining_cents == FH_BUDGET_1);
    CHECK (!view->over_requested && !view->under_funded && !view->over_funded);

    DECIDE_OK (fh_decision (t, 1, GRANTED, 3000000, NULL, NULL));
    DECIDE_OK (fh_decision (t, 2, PARTLY, 1500000, NULL, NULL));
    DECIDE_OK (fh_decision (t, 3, REJECTED, 0, NULL, "hors priorités"));
    DECIDE_OK (fh_decision (t, 4, PARTLY, 500000, fh_date (t, 2025, 6, 15), NULL));
    DECIDE_OK (fh_decision (t, 5, GRANTED, 1200000, fh_date (t, 2025, 7, 1), NULL));

    view = s_co_financing (t, f->world.projects [0]);
    CHECK (view->requested_cents == 5500000 && view->granted_cents == 4500000);
    CHECK (view->pending_cents == 0 && view->remaining_cents == 500000);
    CHECK (view->under_funded && !view->over_funded && view->over_requested);
    CHECK (view->funders [0]->funder_id == f->fir && view->funders [0]->granted_cents == 3000000);
    CHECK (view->funders [0]->kind == FUNDING__FUNDER_KIND__FIR);
    CHECK (view->funders [1]->funder_id == f->disp && view->funders [1]->granted_cents == 1500000);
    CHECK (view->funders [1]->requested_cents == 2500000 && view->funders [1]->applications == 1);
    CHECK (streq (view->project_title, "Réduction des risques"));

    view = s_co_financing (t, f->world.projects [1]);
    CHECK (view->requested_cents == FH_BUDGET_1 && view->granted_cents == 500000);
    CHECK (view->under_funded && !view->over_requested && !view->over_funded);

    //  More granted than the planned budget
    view = s_co_financing (t, f->world.projects [3]);
    CHECK (view->granted_cents == 1200000 && view->remaining_cents == FH_BUDGET_3 - 1200000);
    CHECK (view->over_funded && !view->under_funded && view->over_requested);

    //  A project without applications is under-funded; an unknown one is not found
    view = s_co_financing (t, f->world.projects [2]);
    CHECK (view->n_applications == 0 && view->under_funded && view->remaining_cents == FH_BUDGET_1);
    Funding__ByProject *by = (Funding__ByProject *)
        pps_arena_message (t->arena, &funding__by_project__descriptor);
    by->project_id = 999;
    EXPECT (FUNDING (CO_FINANCING, by), NOT_FOUND, "project_id");
}

//  Concertation of the joint and the national call.
static void
s_test_concertation (fh_t *t, fixture_t *f)
{
    Funding__ByCall *by = (Funding__ByCall *) pps_arena_message (t->arena, &funding__by_call__descriptor);
    by->call_id = f->joint;
    Funding__Concertation *view = OK (FUNDING (CONCERTATION, by))->concertation;
    CHECK (view->call->id == f->joint && view->applications == 4);
    CHECK (view->requested_cents == 7500000 && view->granted_cents == 5000000);
    CHECK (view->envelope_balance_cents == 2500000);
    CHECK (!view->requests_exceed_envelope && !view->grants_exceed_envelope);
    CHECK (view->n_funders == 2);
    CHECK (view->funders [0]->funder_id == f->fir && view->funders [0]->requested_cents == 4200000);
    CHECK (view->funders [1]->funder_id == f->disp && view->funders [1]->granted_cents == 2000000);
    //  Both projects asked both funders; the third establishment asked nothing
    CHECK (view->n_multi_funder_projects == 2);
    CHECK (view->multi_funder_projects [0]->project_id == f->world.projects [0]);
    CHECK (view->multi_funder_projects [0]->n_funder_ids == 2);
    CHECK (view->multi_funder_projects [0]->requested_cents == 5500000);
    CHECK (view->n_silent_establishments == 1);
    CHECK (view->silent_establishments [0]->establishment_id == f->world.establishments [2]);
    CHECK (streq (view->silent_establishments [0]->code, "F3"));

    //  The national call: oversubscribed and over-granted
    by->call_id = f->national;
    view = OK (FUNDING (CONCERTATION, by))->concertation;
    CHECK (view->requests_exceed_envelope && view->grants_exceed_envelope);
    CHECK (view->envelope_balance_cents == 1000 - 1200000);
    CHECK (view->n_multi_funder_projects == 0);
    by->call_id = 999;
    EXPECT (FUNDING (CONCERTATION, by), NOT_FOUND, "call_id");
}

//  Allocations by convention and indirect funding, with their refusals.
static void
s_test_allocations (fh_t *t, fixture_t *f)
{
    uint64_t seq = fh_last_seq (t);
    Funding__Allocation *in = (Funding__Allocation *)
        pps_arena_message (t->arena, &funding__allocation__descriptor);
    in->health_unit_id = f->world.health_unit;
    in->hospital_id = f->world.other_hospital;
    in->funder_id = f->ondam;
    in->amount_cents = 4000000;
    in->year = 2025;
    in->purpose = "Renfort addictologie et réduction des risques";
    in->signed_on = fh_date (t, 2025, 2, 1);
    EXPECT (FUNDING (CREATE_ALLOCATION, in), INVALID_ARGUMENT, "allocation.hospital_id");
    in->hospital_id = 0;
    in->health_unit_id = 999;
    EXPECT (FUNDING (CREATE_ALLOCATION, in), NOT_FOUND, "allocation.health_unit_id");
    in->health_unit_id = f->world.health_unit;
    in->funder_id = 999;
    EXPECT (FUNDING (CREATE_ALLOCATION, in), NOT_FOUND, "allocation.funder_id");
    in->funder_id = f->ondam;
    in->amount_cents = 0;
    EXPECT (FUNDING (CREATE_ALLOCATION, in), INVALID_ARGUMENT, "allocation.amount_cents");
    in->amount_cents = 4000000;
    WROTE (&seq, 0, NULL);
    Funding__Allocation *allocation = OK (FUNDING (CREATE_ALLOCATION, in))->allocation;
    CHECK (allocation->hospital_id == f->world.hospital);
    CHECK (allocation->establishment_id == f->world.establishments [0]);
    CHECK (streq (allocation->region_code, "32"));
    WROTE (&seq, 1, "funding.allocation.created");
    Funding__AllocationFilter *filter = (Funding__AllocationFilter *)
        pps_arena_message (t->arena, &funding__allocation_filter__descriptor);
    filter->year = 2025;
    CHECK (OK (FUNDING (LIST_ALLOCATIONS, filter))->allocations->n_items == 1);
    filter->year = 2024;
    CHECK (OK (FUNDING (LIST_ALLOCATIONS, filter))->allocations->n_items == 0);

    Funding__IndirectFunding *indirect = (Funding__IndirectFunding *)
        pps_arena_message (t->arena, &funding__indirect_funding__descriptor);
    indirect->partner_id = f->world.other_partner;
    indirect->cpom_id = f->world.cpom;
    indirect->establishment_id = f->world.establishments [2];
    indirect->year = 2025;
    indirect->description = "Ateliers de l'IREPS financés au titre du CPOM";
    EXPECT (FUNDING (CREATE_INDIRECT_FUNDING, indirect), INVALID_ARGUMENT, "indirect_funding.cpom_id");
    indirect->partner_id = 999;
    EXPECT (FUNDING (CREATE_INDIRECT_FUNDING, indirect), NOT_FOUND, "indirect_funding.partner_id");
    indirect->partner_id = f->world.partner;
    indirect->year = 2028;
    EXPECT (FUNDING (CREATE_INDIRECT_FUNDING, indirect), FAILED_PRECONDITION,
            "indirect_funding.cpom_id");
    indirect->year = 2025;
    indirect->estimated_cents = -5;
    EXPECT (FUNDING (CREATE_INDIRECT_FUNDING, indirect), INVALID_ARGUMENT,
            "indirect_funding.estimated_cents");
    indirect->estimated_cents = 300000;
    WROTE (&seq, 0, NULL);
    Funding__IndirectFunding *created = OK (FUNDING (CREATE_INDIRECT_FUNDING, indirect))->indirect_funding;
    CHECK (created->id > 0 && streq (created->region_code, "32"));
    WROTE (&seq, 1, "funding.indirect.created");
    Funding__IndirectFilter *by_year = (Funding__IndirectFilter *)
        pps_arena_message (t->arena, &funding__indirect_filter__descriptor);
    by_year->establishment_id = f->world.establishments [2];
    CHECK (OK (FUNDING (LIST_INDIRECT_FUNDINGS, by_year))->indirect_fundings->n_items == 1);
}

//  Granted totals of 2025, of a shorter period, of another region.
static void
s_test_totals (fh_t *t, fixture_t *f)
{
    Funding__GrantedTotals *view = s_totals (t, "", fh_date (t, 2025, 1, 1),
                                             fh_date (t, 2025, 12, 31), PPS__CODE__OK, NULL);
    CHECK (streq (view->region_code, "32"));
    CHECK (view->grants_cents == 3000000 + 1500000 + 500000 + 1200000);
    CHECK (view->allocations_cents == 4000000);
    CHECK (view->total_cents == view->grants_cents + view->allocations_cents);
    CHECK (view->funders_granting == 4);
    CHECK (s_amount (view->by_funder_kind, view->n_by_funder_kind, "FIR") == 3000000);
    CHECK (s_amount (view->by_funder_kind, view->n_by_funder_kind, "DISP_DRUG_FUND") == 2000000);
    CHECK (s_amount (view->by_funder_kind, view->n_by_funder_kind, "MILDECA") == 1200000);
    CHECK (s_amount (view->by_funder_kind, view->n_by_funder_kind, "ONDAM_HARM_REDUCTION") == 4000000);
    CHECK (s_amount (view->by_funder, view->n_by_funder, s_id_key (t, f->disp)) == 2000000);
    CHECK (s_amount (view->by_establishment, view->n_by_establishment,
                     s_id_key (t, f->world.establishments [0])) == 8500000);
    CHECK (s_amount (view->by_establishment, view->n_by_establishment,
                     s_id_key (t, f->world.establishments [1])) == 1700000);
    CHECK (s_amount (view->by_theme, view->n_by_theme, "ADDICTIONS_HARM_REDUCTION") == 4500000);
    CHECK (s_amount (view->by_theme, view->n_by_theme, "SEXUAL_HEALTH") == 4500000);
    CHECK (s_amount (view->by_theme, view->n_by_theme, "TOBACCO") == 500000);
    CHECK (s_amount (view->by_theme, view->n_by_theme, "MENTAL_WELLBEING") == 1200000);
    CHECK (s_amount (view->by_theme, view->n_by_theme, "ORAL_HEALTH") == -1);

    //  A shorter period counts the decisions dated in it only
    view = s_totals (t, "32", fh_date (t, 2025, 6, 10), fh_date (t, 2025, 12, 31),
                     PPS__CODE__OK, NULL);
    CHECK (view->total_cents == 500000 + 1200000 && view->allocations_cents == 0);
    CHECK (view->funders_granting == 2);
    view = s_totals (t, "11", fh_date (t, 2025, 1, 1), fh_date (t, 2025, 12, 31),
                     PPS__CODE__OK, NULL);
    CHECK (view->total_cents == 0 && view->funders_granting == 0 && view->n_by_theme == 0);
    s_totals (t, "32", fh_date (t, 2025, 6, 10), fh_date (t, 2025, 1, 1),
              PPS__CODE__INVALID_ARGUMENT, "to");
    s_totals (t, "32", NULL, fh_date (t, 2025, 1, 1), PPS__CODE__INVALID_ARGUMENT, "from");
}

//  One limit for every amount (PPS_MONEY_MAX): above it a call's envelope,
//  a request, an allocation and an indirect funding are refused and write
//  nothing; at it they are taken, and every view sums them without wrapping.
static void
s_test_limits (fh_t *t, fixture_t *f)
{
    Funding__GrantedTotals *before = s_totals (t, "32", fh_date (t, 2025, 1, 1),
                                               fh_date (t, 2025, 12, 31), PPS__CODE__OK, NULL);
    uint64_t seq = fh_last_seq (t);
    EXPECT (FUNDING (CREATE_CALL, fh_call (t, "AAP démesuré", PPS_MONEY_MAX + 1, f->mildeca, 0)),
            INVALID_ARGUMENT, "call.envelope_cents");
    EXPECT (FUNDING (CREATE_CALL, fh_call (t, "AAP démesuré", INT64_MAX, f->mildeca, 0)),
            INVALID_ARGUMENT, "call.envelope_cents");
    WROTE (&seq, 0, NULL);
    Funding__Call *record = OK (FUNDING (CREATE_CALL, fh_call (t, "AAP national 2", PPS_MONEY_MAX,
                                                               f->mildeca, 0)))->call;
    uint64_t call_id = record->id;
    record->envelope_cents = PPS_MONEY_MAX + 1;
    EXPECT (FUNDING (UPDATE_CALL, record), INVALID_ARGUMENT, "call.envelope_cents");
    MOVE_OK (fh_transition (t, call_id, FUNDING__CALL_STATUS__OPEN, fh_date (t, 2025, 3, 1)));
    WROTE (&seq, 2, "funding.call.transitioned");

    //  A project's planned budget too: the projects service holds it to the same limit
    Projects__Project *project = (Projects__Project *)
        pps_arena_message (t->arena, &projects__project__descriptor);
    project->establishment_id = f->world.establishments [1];
    project->title = "Projet démesuré";
    project->carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project->planned_budget_cents = PPS_MONEY_MAX + 1;
    project->created_on = fh_date (t, 2025, 1, 15);
    fh_expect (fh_projects_any (t, PROJECTS__PROJECTS_REQUEST__OP_CREATE_PROJECT, project),
               PPS__CODE__INVALID_ARGUMENT, "project.planned_budget_cents", __FILE__, __LINE__);
    uint64_t huge = fh_project (t, f->world.establishments [1], "Très grand projet",
                                PPS_MONEY_MAX, PROJECTS__THEME__OTHER_THEME, 0);
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, call_id, 0, huge, PPS_MONEY_MAX + 1,
            NULL)), INVALID_ARGUMENT, "application.amount_requested_cents");
    EXPECT (FUNDING (SUBMIT_APPLICATION, fh_application (t, call_id, 0, huge, INT64_MAX, NULL)),
            INVALID_ARGUMENT, "application.amount_requested_cents");
    WROTE (&seq, 0, NULL);
    Funding__Application *big = SUBMIT_OK (fh_application (t, call_id, 0, huge, PPS_MONEY_MAX,
                                                           NULL));
    Funding__Application *also = SUBMIT_OK (fh_application (t, call_id, 0, f->world.projects [3],
                                                            PPS_MONEY_MAX, NULL));
    WROTE (&seq, 2, "funding.application.submitted");
    DECIDE_OK (fh_decision (t, big->id, GRANTED, PPS_MONEY_MAX, fh_date (t, 2026, 1, 10), NULL));
    DECIDE_OK (fh_decision (t, also->id, GRANTED, PPS_MONEY_MAX, fh_date (t, 2026, 1, 10), NULL));
    Funding__CoFinancing *co = s_co_financing (t, huge);
    CHECK (co->planned_budget_cents == PPS_MONEY_MAX && co->granted_cents == PPS_MONEY_MAX);
    CHECK (co->remaining_cents == 0 && !co->over_funded && !co->under_funded);

    //  The call's sums go past the limit of one amount, and still add up
    Funding__ByCall *by = (Funding__ByCall *) pps_arena_message (t->arena,
                                                                 &funding__by_call__descriptor);
    by->call_id = call_id;
    Funding__Concertation *concertation = OK (FUNDING (CONCERTATION, by))->concertation;
    CHECK (concertation->requested_cents == 2 * PPS_MONEY_MAX);
    CHECK (concertation->granted_cents == 2 * PPS_MONEY_MAX);
    CHECK (concertation->envelope_balance_cents == -PPS_MONEY_MAX);
    CHECK (concertation->requests_exceed_envelope && concertation->grants_exceed_envelope);

    //  Allocations and indirect funding are held to the same limit
    Funding__Allocation *allocation = (Funding__Allocation *)
        pps_arena_message (t->arena, &funding__allocation__descriptor);
    allocation->health_unit_id = f->world.health_unit;
    allocation->funder_id = f->ondam;
    allocation->amount_cents = PPS_MONEY_MAX + 1;
    allocation->year = 2026;
    allocation->purpose = "Convention pluriannuelle";
    allocation->signed_on = fh_date (t, 2026, 2, 1);
    seq = fh_last_seq (t);
    EXPECT (FUNDING (CREATE_ALLOCATION, allocation), INVALID_ARGUMENT, "allocation.amount_cents");
    Funding__IndirectFunding *indirect = (Funding__IndirectFunding *)
        pps_arena_message (t->arena, &funding__indirect_funding__descriptor);
    indirect->partner_id = f->world.partner;
    indirect->cpom_id = f->world.cpom;
    indirect->establishment_id = f->world.establishments [2];
    indirect->year = 2025;
    indirect->description = "Estimation démesurée";
    indirect->estimated_cents = PPS_MONEY_MAX + 1;
    EXPECT (FUNDING (CREATE_INDIRECT_FUNDING, indirect), INVALID_ARGUMENT,
            "indirect_funding.estimated_cents");
    WROTE (&seq, 0, NULL);
    allocation->amount_cents = PPS_MONEY_MAX;
    OK (FUNDING (CREATE_ALLOCATION, allocation));
    indirect->estimated_cents = PPS_MONEY_MAX;
    OK (FUNDING (CREATE_INDIRECT_FUNDING, indirect));
    WROTE (&seq, 2, "funding.indirect.created");

    //  Per year, per funder kind, over two years: exact sums
    Funding__GrantedTotals *view = s_totals (t, "32", fh_date (t, 2026, 1, 1),
                                             fh_date (t, 2026, 12, 31), PPS__CODE__OK, NULL);
    CHECK (view->grants_cents == 2 * PPS_MONEY_MAX);
    CHECK (view->allocations_cents == PPS_MONEY_MAX);
    CHECK (view->total_cents == 3 * PPS_MONEY_MAX);
    CHECK (s_amount (view->by_funder_kind, view->n_by_funder_kind, "MILDECA") == 2 * PPS_MONEY_MAX);
    view = s_totals (t, "32", fh_date (t, 2025, 1, 1), fh_date (t, 2026, 12, 31),
                     PPS__CODE__OK, NULL);
    CHECK (view->total_cents == before->total_cents + 3 * PPS_MONEY_MAX);
}

int
main (void)
{
    fh_t test, *t = &test;
    fixture_t fixture;
    fh_start (t);
    fh_world (t, &fixture.world);
    s_setup (t, &fixture);
    s_test_co_financing (t, &fixture);
    s_test_concertation (t, &fixture);
    s_test_allocations (t, &fixture);
    s_test_totals (t, &fixture);
    s_test_limits (t, &fixture);
    fh_stop (t);
    printf ("funding.views: OK\n");
    return 0;
}
