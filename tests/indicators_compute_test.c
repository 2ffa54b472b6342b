/*  The bilan's computation on hand-built records where every figure is known
    in advance: region 32 in 2025, two counted establishments (a maison
    d'arrêt and an EPM), one closed and one of another region left out.  */
#include <czmq.h>
#include "indicators.h"

static pps_arena_t *arena;
#include "indicators_test_view.h"

static void
s_establishments (indicators_view_t *view)
{
    const char *names [] = { "MA UN", "EPM DEUX", "CD FERME", "MA AILLEURS" };
    int kinds [] = { REGISTRY__ESTABLISHMENT_KIND__MA, REGISTRY__ESTABLISHMENT_KIND__EPM,
                     REGISTRY__ESTABLISHMENT_KIND__CD, REGISTRY__ESTABLISHMENT_KIND__MA };
    for (int index = 0; index < 4; index++) {
        NEW (Registry__Establishment, establishment, registry__establishment__init);
        establishment->id = (uint64_t) index + 1;
        establishment->name = (char *) names [index];
        establishment->code = pps_arena_printf (arena, "E%d", index + 1);
        establishment->kind = kinds [index];
        establishment->region_code = index == 3 ? "11" : "32";
        if (index == 2)
            establishment->closed_on = s_date ("2025-06-30");
        PUSH (view, establishments, establishment);
    }
    //  Health units: one per counted establishment, one in the closed one
    for (int index = 0; index < 3; index++) {
        NEW (Registry__HealthUnit, unit, registry__health_unit__init);
        unit->id = (uint64_t) index + 1;
        unit->establishment_id = (uint64_t) index + 1;
        unit->hospital_id = (uint64_t) index + 1;
        PUSH (view, health_units, unit);
        NEW (Registry__Hospital, hospital, registry__hospital__init);
        hospital->id = (uint64_t) index + 1;
        hospital->region_code = "32";
        hospital->medical_project_includes_pps = index != 1;
        PUSH (view, hospitals, hospital);
    }
    for (int index = 0; index < 4; index++) {
        NEW (Registry__Partner, partner, registry__partner__init);
        partner->id = (uint64_t) index + 1;
        partner->region_code = index < 3 ? "32" : "11";
        PUSH (view, partners, partner);
    }
}

static void
s_designate (indicators_view_t *view, uint64_t person, Registry__ReferentRole role,
             uint64_t establishment, const char *start, const char *end)
{
    NEW (Registry__Designation, designation, registry__designation__init);
    designation->id = view->n_designations + 1;
    designation->person_id = person;
    designation->role = role;
    designation->region_code = "32";
    designation->establishment_id = establishment;
    designation->start_date = s_date (start);
    if (end)
        designation->end_date = s_date (end);
    PUSH (view, designations, designation);
}

static void
s_registry (indicators_view_t *view)
{
    s_designate (view, 1, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, "2024-01-01", NULL);
    s_designate (view, 2, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 1, "2024-01-01", NULL);
    s_designate (view, 3, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 1, "2025-01-01", NULL);
    s_designate (view, 4, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 2, "2024-01-01", "2025-10-31");
    s_designate (view, 5, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 1, "2024-01-01", NULL);
    s_designate (view, 6, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 2, "2024-01-01", NULL);
    s_designate (view, 7, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 2, "2024-01-01", NULL);
    //  A designation starting after the reference date does not count
    s_designate (view, 8, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 2, "2026-01-05", NULL);

    NEW (Registry__Programme, programme, registry__programme__init);
    programme->region_code = "32";
    programme->adopted_on = s_date ("2024-03-15");
    programme->period_start = s_date ("2024-01-01");
    programme->period_end = s_date ("2028-12-31");
    programme->disp_coordination_described = true;
    PUSH (view, programmes, programme);

    NEW (Registry__Cpom, cpom, registry__cpom__init);
    cpom->region_code = "32";
    cpom->start_date = s_date ("2024-01-01");
    cpom->includes_prison_health_promotion = true;
    PUSH (view, cpoms, cpom);

    NEW (Registry__RegionalCommittee, committee, registry__regional_committee__init);
    committee->id = 1;
    committee->region_code = "32";
    committee->created_on = s_date ("2024-01-20");
    PUSH (view, regional_committees, committee);
    int years [] = { 2025, 2025, 2024 };
    for (int index = 0; index < 3; index++) {
        NEW (Registry__WorkingGroup, group, registry__working_group__init);
        group->id = (uint64_t) index + 1;
        group->region_code = "32";
        group->year = years [index];
        PUSH (view, working_groups, group);
    }
    //  Steering committees: complete in the MA; the EPM lacks its PJJ member
    for (uint64_t establishment = 1; establishment <= 2; establishment++) {
        NEW (Registry__SteeringCommittee, copil, registry__steering_committee__init);
        copil->id = establishment;
        copil->establishment_id = establishment;
        copil->region_code = "32";
        copil->constituted_on = s_date ("2024-06-01");
        for (int category = 1; category <= 10; category++) {
            if (category == REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE)
                continue;
            NEW (Registry__CommitteeMember, member, registry__committee_member__init);
            member->category = category;
            PUSH (copil, members, member);
        }
        PUSH (view, steering_committees, copil);
    }
}

static void
s_meeting (indicators_view_t *view, Registry__BodyKind body, const char *date,
           const uint64_t *persons, size_t n_persons, const uint64_t *structures, size_t n_structures)
{
    NEW (Registry__Meeting, meeting, registry__meeting__init);
    meeting->id = view->n_meetings + 1;
    meeting->body_kind = body;
    meeting->body_id = 1;
    meeting->region_code = "32";
    meeting->date = s_date (date);
    meeting->attendee_person_ids = (uint64_t *) persons;
    meeting->n_attendee_person_ids = n_persons;
    for (size_t index = 0; index < n_structures; index += 2) {
        NEW (Registry__StructureRef, structure, registry__structure_ref__init);
        structure->kind = (int) structures [index];
        structure->id = structures [index + 1];
        PUSH (meeting, attendee_structures, structure);
    }
    PUSH (view, meetings, meeting);
}

static void
s_meetings (indicators_view_t *view)
{
    static const uint64_t first [] = { 1, 2, 3 }, second [] = { 2, 4 }, other [] = { 9 };
    static const uint64_t first_structures [] = { REGISTRY__STRUCTURE_KIND__ARS_STRUCTURE, 0,
                                                  REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE, 5 };
    static const uint64_t second_structures [] = { REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE, 5,
                                                   REGISTRY__STRUCTURE_KIND__HOSPITAL_STRUCTURE, 1 };
    s_meeting (view, REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY, "2025-02-10", first, 3, first_structures, 4);
    s_meeting (view, REGISTRY__BODY_KIND__WORKING_GROUP_BODY, "2025-06-16", second, 2, second_structures, 4);
    s_meeting (view, REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY, "2024-11-04", other, 1, NULL, 0);
    s_meeting (view, REGISTRY__BODY_KIND__STEERING_COMMITTEE_BODY, "2025-03-03", other, 1, NULL, 0);
}

static void
s_project (indicators_view_t *view, uint64_t establishment, bool promising,
           const char *const *steps, size_t n_steps)
{
    NEW (Projects__Project, project, projects__project__init);
    project->id = view->n_projects + 1;
    project->establishment_id = establishment;
    project->region_code = "32";
    project->promising = promising;
    for (size_t index = 0; index < n_steps; index += 2) {
        NEW (Projects__StatusChange, change, projects__status_change__init);
        change->status = (int) strtol (steps [index], NULL, 10);
        change->date = s_date (steps [index + 1]);
        project->status = change->status;
        PUSH (project, history, change);
    }
    PUSH (view, projects, project);
}

static void
s_projects (indicators_view_t *view)
{
    //  Status numbers: 1 draft, 2 planned, 3 running, 4 completed
    static const char *const running [] = { "1", "2024-12-01", "3", "2025-03-01" };
    static const char *const completed [] = { "1", "2025-01-05", "2", "2025-01-10",
                                              "3", "2025-02-01", "4", "2025-06-30" };
    static const char *const draft [] = { "1", "2025-04-01" };
    static const char *const last_year [] = { "1", "2024-01-01", "3", "2024-02-01",
                                              "4", "2024-12-31" };
    s_project (view, 1, true, running, 4);
    s_project (view, 2, false, completed, 8);
    s_project (view, 1, false, draft, 2);
    s_project (view, 1, false, last_year, 6);
    for (uint64_t establishment = 1; establishment <= 2; establishment++) {
        NEW (Projects__EstablishmentYear, year, projects__establishment_year__init);
        year->establishment_id = establishment;
        year->year = 2025;
        year->region_code = "32";
        NEW (Projects__Swot, swot, projects__swot__init);
        year->swot = swot;
        if (establishment == 1) {
            NEW (Projects__Review, review, projects__review__init);
            year->review = review;
            year->review->done_on = s_date ("2025-12-15");
        }
        PUSH (view, establishment_years, year);
    }
}

static void
s_training (indicators_view_t *view)
{
    NEW (Training__TrainingOffer, offer, training__training_offer__init);
    offer->id = 1;
    offer->region_code = "32";
    offer->open_from = s_date ("2025-01-01");
    offer->open_to = s_date ("2025-12-31");
    PUSH (view, offers, offer);
    const char *dates [] = { "2025-05-10", "2025-09-20", "2024-10-01" };
    for (int index = 0; index < 3; index++) {
        NEW (Training__TrainingSession, session, training__training_session__init);
        session->id = (uint64_t) index + 1;
        session->offer_id = 1;
        session->region_code = "32";
        session->first_date = s_date (dates [index]);
        PUSH (view, training_sessions, session);
    }
    s_attend (view, 1, 1, TRAINING__STAFF_CATEGORY__OTHER_CATEGORY);   //  the ARS referent
    s_attend (view, 1, 10, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL);
    s_attend (view, 2, 10, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL);  //  counted once
    s_attend (view, 2, 11, TRAINING__STAFF_CATEGORY__PRISON_GUARD);
    s_attend (view, 3, 12, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL);  //  2024: not counted
    NEW (Training__CategoryCount, line, training__category_count__init);
    line->session_id = 1;
    line->category = TRAINING__STAFF_CATEGORY__PRISON_OFFICER;
    line->count = 3;
    line->region_code = "32";
    PUSH (view, category_counts, line);
    struct { uint64_t establishment; int category; int count; int year; } heads [] = {
        { 1, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 10, 2025 },
        { 1, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 50, 2025 },
        { 2, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 5, 2025 },
        { 2, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 10, 2025 },
        { 2, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 99, 2024 },
    };
    for (size_t index = 0; index < 5; index++) {
        NEW (Training__StaffHeadcount, headcount, training__staff_headcount__init);
        headcount->establishment_id = heads [index].establishment;
        headcount->category = heads [index].category;
        headcount->count = heads [index].count;
        headcount->year = heads [index].year;
        headcount->region_code = "32";
        PUSH (view, headcounts, headcount);
    }
}

static void
s_application (indicators_view_t *view, uint64_t funder, int status, int64_t requested,
               int64_t granted, const char *decided)
{
    NEW (Funding__Application, application, funding__application__init);
    application->id = view->n_applications + 1;
    application->call_id = 1;
    application->funder_id = funder;
    application->region_code = "32";
    application->status = status;
    application->amount_requested_cents = requested;
    application->amount_granted_cents = granted;
    application->decision_date = s_date (decided);
    PUSH (view, applications, application);
}

static void
s_funding (indicators_view_t *view)
{
    int kinds [] = { FUNDING__FUNDER_KIND__FIR, FUNDING__FUNDER_KIND__DISP_DRUG_FUND };
    static uint64_t funder_ids [] = { 1, 2 };
    for (int index = 0; index < 2; index++) {
        NEW (Funding__Funder, funder, funding__funder__init);
        funder->id = (uint64_t) index + 1;
        funder->kind = kinds [index];
        funder->region_code = "32";
        PUSH (view, funders, funder);
    }
    NEW (Funding__Call, call, funding__call__init);
    call->id = 1;
    call->region_code = "32";
    call->year = 2025;
    call->funder_ids = funder_ids;
    call->n_funder_ids = 2;
    PUSH (view, calls, call);
    s_application (view, 1, FUNDING__APPLICATION_STATUS__GRANTED, 100000, 100000, "2025-07-01");
    s_application (view, 2, FUNDING__APPLICATION_STATUS__PARTLY_GRANTED, 80000, 50000, "2025-07-01");
    s_application (view, 1, FUNDING__APPLICATION_STATUS__REJECTED, 30000, 0, "2025-07-01");
    s_application (view, 1, FUNDING__APPLICATION_STATUS__GRANTED, 7000, 7000, "2024-07-01");
    NEW (Funding__Allocation, allocation, funding__allocation__init);
    allocation->id = 1;
    allocation->funder_id = 1;
    allocation->amount_cents = 200000;
    allocation->region_code = "32";
    allocation->signed_on = s_date ("2025-02-01");
    PUSH (view, allocations, allocation);
}

//  Check an indicator's numerator, denominator and whether it has a value.
static void
s_expect (Indicators__Indicator **items, size_t count, const char *id, int64_t numerator,
          int64_t denominator, int line)
{
    Indicators__Indicator *indicator = indicators_find (items, count, id);
    if (!indicator || indicator->numerator != numerator || indicator->denominator != denominator) {
        fprintf (stderr, "%s:%d: %s is %lld/%lld, expected %lld/%lld\n", __FILE__, line, id,
                 indicator ? (long long) indicator->numerator : -1LL,
                 indicator ? (long long) indicator->denominator : -1LL,
                 (long long) numerator, (long long) denominator);
        exit (1);
    }
}
#define EXPECT(id, numerator, denominator) \
    s_expect (bilan.indicators, bilan.n_indicators, id, numerator, denominator, __LINE__)

int
main (void)
{
    arena = pps_arena_new ();
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    s_establishments (&view);
    s_registry (&view);
    s_meetings (&view);
    s_projects (&view);
    s_training (&view);
    s_funding (&view);

    indicators_scope_t scope;
    indicators_scope_year (&scope, "32", 2025, NULL);
    Indicators__Bilan bilan = INDICATORS__BILAN__INIT;
    indicators_compute (&view, &scope, arena, &bilan);

    EXPECT ("A5.1", 1, 0);
    EXPECT ("A5.2", 1, 0);
    EXPECT ("A5.3", 1, 0);
    EXPECT ("A5.4", 2, 2);
    EXPECT ("A5.5", 2, 2);
    EXPECT ("A5.6", 2, 2);
    EXPECT ("A5.7", 2, 2);
    EXPECT ("A5.8", 1, 1);
    EXPECT ("OO1.1", 1, 0);
    EXPECT ("OO1.2", 1, 0);
    EXPECT ("OO1.3", 1, 0);
    EXPECT ("OS2.cpom", 1, 0);
    EXPECT ("OS2.health_trained", 1, 15);
    //  The guard, 3 anonymous officers; the ARS referent is of no family
    //  with a headcount; person 10 trained twice counts once
    EXPECT ("OS2.penitentiary_trained", 4, 60);
    EXPECT ("OS2.pjj_trained", 0, 0);
    EXPECT ("OS2.education_trained", 0, 0);
    EXPECT ("OS2.other_trained", 1, 0);
    EXPECT ("OS2.trained", 3 + 3, 0);
    EXPECT ("OS3.committee", 1, 0);
    EXPECT ("OS3.working_groups", 2, 0);
    EXPECT ("OS3.meetings", 2, 0);
    EXPECT ("OS3.people", 4, 0);
    EXPECT ("OS3.structures", 3, 0);
    EXPECT ("OO4.1", 2, 2);
    EXPECT ("OO4.2", 3, 0);
    EXPECT ("OO4.3.sources", 2, 0);
    EXPECT ("OO4.3.granted", 350000, 0);
    EXPECT ("OO4.3.granted.FIR", 300000, 0);
    EXPECT ("OO4.3.granted.DISP_DRUG_FUND", 50000, 0);
    EXPECT ("OO4.6", 1, 2);
    EXPECT ("OO5.1", 1, 2);
    EXPECT ("OO5.2", 1, 2);
    EXPECT ("OO5.4", 1, 2);
    EXPECT ("OO5.5", 1, 2);

    //  Values follow the kinds: 2/2 is 1, a count is itself, yes is 1
    CHECK (indicators_find (bilan.indicators, bilan.n_indicators, "A5.4")->value == 1.0);
    CHECK (indicators_find (bilan.indicators, bilan.n_indicators, "OS2.health_trained")->value == 0.0667);
    CHECK (indicators_find (bilan.indicators, bilan.n_indicators, "OS3.people")->value == 4.0);

    //  Two establishments counted, the EPM with its minors' figures
    CHECK (bilan.n_establishments == 2);
    Indicators__EstablishmentFigures *epm = bilan.establishments [1];
    CHECK (epm->establishment_id == 2 && epm->minors && streq (epm->kind, "EPM"));
    Indicators__Indicator *minors = indicators_find (epm->indicators, epm->n_indicators, "A5.8");
    CHECK (minors && minors->numerator == 1 && minors->denominator == 1);
    Indicators__Indicator *referents = indicators_find (epm->indicators, epm->n_indicators, "A5.4");
    CHECK (referents && referents->numerator == 0 && referents->denominator == 1);
    Indicators__Indicator *complete = indicators_find (epm->indicators, epm->n_indicators, "OO5.4");
    CHECK (complete && complete->numerator == 0 && complete->denominator == 1);
    CHECK (indicators_find (epm->indicators, epm->n_indicators, "A5.1") == NULL);
    //  Families without a headcount are warned of, never an error
    CHECK (bilan.n_validation == 3);
    for (size_t index = 0; index < bilan.n_validation; index++)
        CHECK (streq (bilan.validation [index]->rule, "headcount_missing")
               && bilan.validation [index]->severity == INDICATORS__SEVERITY__WARNING);

    //  Another year: nothing of 2025 counts, zeros are still reported
    indicators_scope_year (&scope, "32", 2027, NULL);
    Indicators__Bilan later = INDICATORS__BILAN__INIT;
    indicators_compute (&view, &scope, arena, &later);
    CHECK (later.n_indicators >= pps_bilan_indicator_count ());
    Indicators__Indicator *projects = indicators_find (later.indicators, later.n_indicators, "A5.6");
    CHECK (projects && projects->numerator == 1 && projects->denominator == 2);   //  still running
    Indicators__Indicator *headcount = indicators_find (later.indicators, later.n_indicators,
                                                        "OS2.health_trained");
    CHECK (headcount && headcount->denominator == 0 && !headcount->has_value);
    bool warned = false;
    for (size_t index = 0; index < later.n_validation; index++)
        warned |= streq (later.validation [index]->rule, "headcount_missing");
    CHECK (warned);

    //  A proportion above its denominator is an error of the bilan
    view.health_units [1]->establishment_id = 3;      //  the EPM loses its unit
    indicators_scope_year (&scope, "32", 2025, NULL);
    Indicators__Bilan broken = INDICATORS__BILAN__INIT;
    indicators_compute (&view, &scope, arena, &broken);
    bool no_unit = false;
    for (size_t index = 0; index < broken.n_validation; index++)
        no_unit |= streq (broken.validation [index]->rule, "establishment_without_health_unit")
                && broken.validation [index]->establishment_id == 2;
    CHECK (no_unit);

    pps_arena_destroy (&arena);
    printf ("indicators.compute: OK\n");
    return 0;
}
