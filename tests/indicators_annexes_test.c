/*  The annexes' rules on hand-built records, each scenario a fresh view:
    A5.8 counts the projects of EPMs and, in a minors' quarter, those for
    minors only; denominators count the establishments and health units
    open at the reference date; a regional committee's meetings after its
    dissolution never count; OS 2 by family (SPIP with the penitentiary
    administration) and in all, a person trained twice counted once; a
    ratio without a headcount is a warning and the bilan has no error.
    Then the year of seed 004 (Nord-Pas-de-Calais) replayed, its OS 2 and
    OS 3 figures printed for the record.  */
#include <czmq.h>
#include "indicators.h"

static pps_arena_t *arena;
#include "indicators_test_view.h"

static Registry__Establishment *
s_establishment (indicators_view_t *view, Registry__EstablishmentKind kind, bool quarter)
{
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->id = view->n_establishments + 1;
    establishment->code = pps_arena_printf (arena, "E%zu", view->n_establishments + 1);
    establishment->name = establishment->code;
    establishment->kind = kind;
    establishment->has_minors_quarter = quarter;
    establishment->region_code = "32";
    PUSH (view, establishments, establishment);
    return establishment;
}

static Registry__HealthUnit *
s_unit (indicators_view_t *view, uint64_t establishment)
{
    Registry__HealthUnit *unit = pps_arena_alloc (arena, sizeof *unit);
    registry__health_unit__init (unit);
    unit->id = view->n_health_units + 1;
    unit->establishment_id = establishment;
    unit->hospital_id = 1;
    PUSH (view, health_units, unit);
    return unit;
}

//  A project running through 2025, for the given public.
static void
s_project (indicators_view_t *view, uint64_t establishment, Projects__TargetPublic public)
{
    Projects__Project *project = pps_arena_alloc (arena, sizeof *project);
    projects__project__init (project);
    project->id = view->n_projects + 1;
    project->establishment_id = establishment;
    project->region_code = "32";
    project->status = PROJECTS__PROJECT_STATUS__RUNNING;
    Projects__StatusChange *change = pps_arena_alloc (arena, sizeof *change);
    projects__status_change__init (change);
    change->status = PROJECTS__PROJECT_STATUS__RUNNING;
    change->date = s_date ("2025-02-01");
    PUSH (project, history, change);
    project->publics = pps_arena_alloc (arena, sizeof (Projects__TargetPublic));
    project->publics [0] = public;
    project->n_publics = 1;
    PUSH (view, projects, project);
}

static const Indicators__Indicator *
s_indicator (const Indicators__Bilan *bilan, const char *id)
{
    const Indicators__Indicator *indicator = indicators_find (bilan->indicators,
                                                              bilan->n_indicators, id);
    CHECK (indicator);
    return indicator;
}

static const Indicators__Indicator *
s_own (const Indicators__Bilan *bilan, uint64_t establishment, const char *id)
{
    for (size_t index = 0; index < bilan->n_establishments; index++)
        if (bilan->establishments [index]->establishment_id == establishment)
            return indicators_find (bilan->establishments [index]->indicators,
                                    bilan->establishments [index]->n_indicators, id);
    return NULL;
}

static bool
s_figure (const Indicators__Indicator *indicator, int64_t numerator, int64_t denominator)
{
    return indicator && indicator->numerator == numerator && indicator->denominator == denominator;
}

static size_t
s_errors (const Indicators__Bilan *bilan)
{
    size_t errors = 0;
    for (size_t index = 0; index < bilan->n_validation; index++)
        errors += bilan->validation [index]->severity == INDICATORS__SEVERITY__ERROR;
    return errors;
}

static void
s_compute (const indicators_view_t *view, const char *reference, Indicators__Bilan *bilan)
{
    indicators_scope_t scope;
    indicators_scope_year (&scope, "32", 2025, reference ? s_date (reference) : NULL);
    indicators__bilan__init (bilan);
    indicators_compute (view, &scope, arena, bilan);
}

//  A5.8: an EPM counts all its projects; a CP with a minors' quarter only
//  those whose public includes minors; an MA none.
static void
s_test_minors (void)
{
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    Registry__Establishment *cp = s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__CP, true);
    Registry__Establishment *epm = s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__EPM, false);
    Registry__Establishment *ma = s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__MA, false);
    s_project (&view, cp->id, PROJECTS__TARGET_PUBLIC__ADULTS);
    s_project (&view, cp->id, PROJECTS__TARGET_PUBLIC__MINORS);
    s_project (&view, cp->id, PROJECTS__TARGET_PUBLIC__ALL_DETAINEES);
    s_project (&view, epm->id, PROJECTS__TARGET_PUBLIC__NEWCOMERS);
    s_project (&view, ma->id, PROJECTS__TARGET_PUBLIC__MINORS);
    Indicators__Bilan bilan;
    s_compute (&view, NULL, &bilan);
    CHECK (s_figure (s_indicator (&bilan, PPS_BILAN_A5_8), 3, 2));
    CHECK (s_figure (s_own (&bilan, cp->id, PPS_BILAN_A5_8), 2, 1));
    CHECK (s_figure (s_own (&bilan, epm->id, PPS_BILAN_A5_8), 1, 1));
    CHECK (s_figure (s_own (&bilan, ma->id, PPS_BILAN_A5_8), 0, 0));
    CHECK (s_figure (s_indicator (&bilan, PPS_BILAN_A5_6), 5, 3));
    CHECK (s_errors (&bilan) == 0);
}

//  Denominators at the reference date: an establishment opened later, or
//  closed before, does not count; nor does a health unit closed before.
static void
s_test_open (void)
{
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    Registry__Establishment *old = s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__MA, false);
    Registry__Establishment *opened = s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__CD, false);
    opened->opened_on = s_date ("2015-09-01");
    Registry__Establishment *closed = s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__MA, false);
    closed->closed_on = s_date ("2014-06-30");
    s_unit (&view, old->id);
    s_unit (&view, old->id)->closed_on = s_date ("2014-03-31");
    s_unit (&view, opened->id);
    s_unit (&view, closed->id);

    indicators_scope_t scope;
    indicators_scope_year (&scope, "32", 2014, NULL);
    Indicators__Bilan in2014 = INDICATORS__BILAN__INIT;
    indicators_compute (&view, &scope, arena, &in2014);
    CHECK (s_indicator (&in2014, PPS_BILAN_A5_5)->denominator == 1);
    CHECK (s_indicator (&in2014, PPS_BILAN_A5_4)->denominator == 1);
    CHECK (in2014.n_establishments == 1 && in2014.establishments [0]->establishment_id == old->id);

    Indicators__Bilan in2025;
    s_compute (&view, NULL, &in2025);
    CHECK (s_indicator (&in2025, PPS_BILAN_A5_5)->denominator == 2);
    CHECK (s_indicator (&in2025, PPS_BILAN_A5_4)->denominator == 2);
    //  Before its opening day the establishment is not there yet
    Indicators__Bilan before;
    indicators_scope_year (&scope, "32", 2015, s_date ("2015-08-31"));
    indicators__bilan__init (&before);
    indicators_compute (&view, &scope, arena, &before);
    CHECK (s_indicator (&before, PPS_BILAN_A5_5)->denominator == 1);
}

static void
s_meeting (indicators_view_t *view, const char *date, const uint64_t *people, size_t count)
{
    Registry__Meeting *meeting = pps_arena_alloc (arena, sizeof *meeting);
    registry__meeting__init (meeting);
    meeting->id = view->n_meetings + 1;
    meeting->body_kind = REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY;
    meeting->body_id = 1;
    meeting->region_code = "32";
    meeting->date = s_date (date);
    meeting->attendee_person_ids = (uint64_t *) people;
    meeting->n_attendee_person_ids = count;
    PUSH (view, meetings, meeting);
}

//  OS 3: the committee dissolved on 1 July; the meeting of September, kept
//  from before the registry refused such records, is not counted.
static void
s_test_dissolved (void)
{
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__MA, false);
    Registry__RegionalCommittee *committee = pps_arena_alloc (arena, sizeof *committee);
    registry__regional_committee__init (committee);
    committee->id = 1;
    committee->region_code = "32";
    committee->created_on = s_date ("2024-01-10");
    committee->dissolved_on = s_date ("2025-07-01");
    PUSH (&view, regional_committees, committee);
    static const uint64_t before [] = { 1, 2 }, after [] = { 3 };
    s_meeting (&view, "2025-03-12", before, 2);
    s_meeting (&view, "2025-09-18", after, 1);
    Indicators__Bilan bilan;
    s_compute (&view, NULL, &bilan);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_MEETINGS)->numerator == 1);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_PEOPLE)->numerator == 2);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_COMMITTEE)->numerator == 0);
}

static Training__TrainingSession *
s_session (indicators_view_t *view, const char *date)
{
    Training__TrainingSession *session = pps_arena_alloc (arena, sizeof *session);
    training__training_session__init (session);
    session->id = view->n_training_sessions + 1;
    session->region_code = "32";
    session->first_date = s_date (date);
    PUSH (view, training_sessions, session);
    return session;
}

static void
s_anonymous (indicators_view_t *view, uint64_t session, Training__StaffCategory category,
             int32_t count)
{
    Training__CategoryCount *line = pps_arena_alloc (arena, sizeof *line);
    training__category_count__init (line);
    line->session_id = session;
    line->category = category;
    line->count = count;
    PUSH (view, category_counts, line);
}

static void
s_headcount (indicators_view_t *view, Training__StaffCategory category, int32_t count)
{
    Training__StaffHeadcount *headcount = pps_arena_alloc (arena, sizeof *headcount);
    training__staff_headcount__init (headcount);
    headcount->establishment_id = 1;
    headcount->region_code = "32";
    headcount->year = 2025;
    headcount->category = category;
    headcount->count = count;
    PUSH (view, headcounts, headcount);
}

//  OS 2: named people once each (a guard trained twice, a SPIP officer),
//  Éducation nationale on its own; one training participant and no
//  headcount for most families: warnings, and no error.
static void
s_test_families (void)
{
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    s_establishment (&view, REGISTRY__ESTABLISHMENT_KIND__MA, false);
    uint64_t first = s_session (&view, "2025-03-10")->id;
    uint64_t second = s_session (&view, "2025-10-02")->id;
    s_attend (&view, first, 1, TRAINING__STAFF_CATEGORY__PRISON_GUARD);
    s_attend (&view, second, 1, TRAINING__STAFF_CATEGORY__PRISON_GUARD);
    s_attend (&view, first, 2, TRAINING__STAFF_CATEGORY__SPIP);
    s_attend (&view, second, 3, TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE);
    s_headcount (&view, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 40);
    Indicators__Bilan bilan;
    s_compute (&view, NULL, &bilan);
    CHECK (s_figure (s_indicator (&bilan, PPS_BILAN_OS2_PENITENTIARY_TRAINED), 2, 40));
    CHECK (s_figure (s_indicator (&bilan, PPS_BILAN_OS2_EDUCATION_TRAINED), 1, 0));
    CHECK (!s_indicator (&bilan, PPS_BILAN_OS2_EDUCATION_TRAINED)->has_value);
    CHECK (s_figure (s_indicator (&bilan, PPS_BILAN_OS2_HEALTH_TRAINED), 0, 0));
    CHECK (s_indicator (&bilan, PPS_BILAN_OS2_TRAINED)->numerator == 3);
    CHECK (s_errors (&bilan) == 0);
    size_t missing = 0;
    for (size_t index = 0; index < bilan.n_validation; index++)
        missing += streq (bilan.validation [index]->rule, "headcount_missing");
    CHECK (missing == 4);             //  health, PJJ, education, other
}

//  Seed 004, Nord-Pas-de-Calais: "Passage de 3 à 9 établissements sur 12"
//  with a steering committee; "48 professionnels différents sur 6
//  rencontres", "25 structures dont 10 US, 5 partenaires institutionnels";
//  training "5 sites concernés, 62 professionnels rencontrés: Surveillants,
//  gradés, SPIP, Education nationale". The split of the 62 among those
//  families is not given: 30 guards, 12 officers, 10 SPIP, 10 Éducation
//  nationale here, anonymous counts of the 5 sites' sessions.
static void
s_test_seed_004 (void)
{
    indicators_view_t view;
    memset (&view, 0, sizeof view);
    for (int index = 0; index < 12; index++) {
        Registry__Establishment *establishment = s_establishment (
            &view, REGISTRY__ESTABLISHMENT_KIND__MA, false);
        s_unit (&view, establishment->id);
        if (index < 9) {
            Registry__SteeringCommittee *committee = pps_arena_alloc (arena, sizeof *committee);
            registry__steering_committee__init (committee);
            committee->id = (uint64_t) index + 1;
            committee->establishment_id = establishment->id;
            committee->region_code = "32";
            committee->constituted_on = s_date (index < 3 ? "2014-05-01" : "2018-05-01");
            PUSH (&view, steering_committees, committee);
        }
    }
    Registry__RegionalCommittee *committee = pps_arena_alloc (arena, sizeof *committee);
    registry__regional_committee__init (committee);
    committee->id = 1;
    committee->region_code = "32";
    committee->created_on = s_date ("2014-01-15");
    PUSH (&view, regional_committees, committee);
    //  6 meetings; 48 people and 25 structures, each at least once
    static const char *const dates [] = { "2019-01-15", "2019-03-12", "2019-05-14",
                                          "2019-07-09", "2019-09-17", "2019-11-19" };
    for (size_t at = 0; at < 6; at++) {
        uint64_t *people = pps_arena_alloc (arena, 12 * sizeof (uint64_t));
        for (size_t person = 0; person < 12; person++)
            people [person] = 1 + (at * 8 + person) % 48;
        s_meeting (&view, dates [at], people, 12);
        Registry__Meeting *meeting = view.meetings [view.n_meetings - 1];
        for (size_t slot = 0; slot < 5; slot++) {
            Registry__StructureRef *structure = pps_arena_alloc (arena, sizeof *structure);
            registry__structure_ref__init (structure);
            size_t which = (at * 5 + slot) % 25;
            //  10 health units, 5 institutions (ARS, DISP...), 10 partners
            structure->kind = which < 10 ? REGISTRY__STRUCTURE_KIND__HEALTH_UNIT_STRUCTURE
                            : which < 15 ? REGISTRY__STRUCTURE_KIND__DIRECTORATE_STRUCTURE
                                         : REGISTRY__STRUCTURE_KIND__PARTNER_STRUCTURE;
            structure->id = which + 1;
            PUSH (meeting, attendee_structures, structure);
        }
    }
    static const struct { Training__StaffCategory category; int32_t count; } trained [] = {
        { TRAINING__STAFF_CATEGORY__PRISON_GUARD, 30 },
        { TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 12 },
        { TRAINING__STAFF_CATEGORY__SPIP, 10 },
        { TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE, 10 },
    };
    for (size_t site = 0; site < 5; site++)
        s_session (&view, pps_arena_printf (arena, "2019-%02zu-10", 2 + 2 * site));
    for (size_t index = 0; index < 4; index++)
        s_anonymous (&view, 1 + index, trained [index].category, trained [index].count);

    indicators_scope_t scope;
    indicators_scope_year (&scope, "32", 2019, NULL);
    Indicators__Bilan bilan = INDICATORS__BILAN__INIT;
    indicators_compute (&view, &scope, arena, &bilan);
    CHECK (s_figure (s_indicator (&bilan, PPS_BILAN_A5_5), 9, 12));
    CHECK (s_indicator (&bilan, PPS_BILAN_OS2_HEALTH_TRAINED)->numerator == 0);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS2_PENITENTIARY_TRAINED)->numerator == 30 + 12 + 10);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS2_EDUCATION_TRAINED)->numerator == 10);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS2_PJJ_TRAINED)->numerator == 0);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS2_TRAINED)->numerator == 62);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_COMMITTEE)->numerator == 1);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_MEETINGS)->numerator == 6);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_PEOPLE)->numerator == 48);
    CHECK (s_indicator (&bilan, PPS_BILAN_OS3_STRUCTURES)->numerator == 25);
    CHECK (s_errors (&bilan) == 0);
    printf ("seed 004, 2019:\n");
    for (size_t index = 0; index < bilan.n_indicators; index++) {
        const Indicators__Indicator *indicator = bilan.indicators [index];
        if (strncmp (indicator->id, "OS2", 3) && strncmp (indicator->id, "OS3", 3))
            continue;
        if (indicator->kind == INDICATORS__INDICATOR_KIND__RATIO)
            printf ("  %-26s %lld / %lld%s\n", indicator->id, (long long) indicator->numerator,
                    (long long) indicator->denominator, indicator->has_value ? "" : " (no value)");
        else
            printf ("  %-26s %lld\n", indicator->id, (long long) indicator->numerator);
    }
}

int
main (void)
{
    arena = pps_arena_new ();
    s_test_minors ();
    s_test_open ();
    s_test_dissolved ();
    s_test_families ();
    s_test_seed_004 ();
    pps_arena_destroy (&arena);
    printf ("indicators.annexes: OK\n");
    return 0;
}
