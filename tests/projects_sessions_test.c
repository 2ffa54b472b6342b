/*  projects.sessions: sessions of a project's action, the SWOT and yearly
    review of an establishment, and a region's figures over a period, driven
    through real in-process services (see projects_harness.h).  */
#include "projects_harness.h"

//  A project created on created_on, moved through the given steps
//  ("P:2025-01-20", "R:...", "C:...", "A:...").
static Projects__Project *
s_project (test_t *t, uint64_t establishment_id, const char *title, const char *created_on,
           const char *const *steps, size_t count)
{
    Projects__Project *project = pps_arena_alloc (t->arena, sizeof *project);
    projects__project__init (project);
    project->establishment_id = establishment_id;
    project->title = (char *) title;
    project->carrier = PROJECTS__CARRIER__ASSOCIATION;
    project->created_on = DATE (created_on);
    Projects__Project *created = OK (SEND (CREATE_PROJECT, create_project, project))->project;
    for (size_t index = 0; index < count; index++) {
        Projects__TransitionProject transition = PROJECTS__TRANSITION_PROJECT__INIT;
        transition.id = created->id;
        switch (steps [index][0]) {
            case 'P': transition.to = PROJECTS__PROJECT_STATUS__PLANNED; break;
            case 'R': transition.to = PROJECTS__PROJECT_STATUS__RUNNING; break;
            case 'C': transition.to = PROJECTS__PROJECT_STATUS__COMPLETED; break;
            default:  transition.to = PROJECTS__PROJECT_STATUS__ABANDONED; break;
        }
        transition.date = DATE (steps [index] + 2);
        created = OK (SEND (TRANSITION_PROJECT, transition_project, &transition))->project;
    }
    return created;
}

static Projects__Session *
s_session (test_t *t, uint64_t project_id, const char *date, uint32_t registered,
           uint32_t attended)
{
    Projects__Session *session = pps_arena_alloc (t->arena, sizeof *session);
    projects__session__init (session);
    session->project_id = project_id;
    session->date = DATE (date);
    session->place = PROJECTS__PLACE__LIVING_SPACE;
    session->topic = "Les infections sexuellement transmissibles";
    session->facilitators = "USMP, CeGIDD";
    session->group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    session->registered = registered;
    session->attended = attended;
    session->feedback = "Échanges nourris ; demande d'une seconde séance";
    return session;
}

//  ---------------------------------------------------------------- sessions

typedef struct {
    uint64_t running;             //  MA, running since 2025-02-01
    uint64_t draft;               //  MA
    uint64_t minors;              //  EPM, running since 2025-03-01, promising
    uint64_t old;                 //  MA, ran 2024-03-01 .. 2024-11-30
} fixture_t;

static void
s_test_sessions (test_t *t, fixture_t *fixture)
{
    const char *running_steps [] = { "P:2025-01-20", "R:2025-02-01" };
    fixture->running = s_project (t, t->prison_id, "Groupe IST", "2025-01-06",
                                  running_steps, 2)->id;
    fixture->draft = s_project (t, t->prison_id, "Atelier tabac", "2025-02-01", NULL, 0)->id;
    const char *minors_steps [] = { "P:2025-02-01", "R:2025-03-01" };
    fixture->minors = s_project (t, t->epm_id, "Sport santé", "2025-01-10",
                                 minors_steps, 2)->id;
    const char *old_steps [] = { "P:2024-02-01", "R:2024-03-01", "C:2024-11-30" };
    fixture->old = s_project (t, t->prison_id, "Dépistage hépatites", "2024-01-15",
                              old_steps, 3)->id;
    uint64_t seq = projects_harness_last_seq (t);

    //  Refusals
    Projects__Session *session = s_session (t, fixture->running, "2025-02-10", 12, 10);
    session->id = 3;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.id");
    session->id = 0;
    session->attended = 13;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.attended");
    session->attended = 10;
    session->registered = 10001;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.registered");
    session->registered = 12;
    session->group = 0;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.group");
    session->group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    session->place = 0;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.place");
    session->place = PROJECTS__PLACE__LIVING_SPACE;
    char *feedback = pps_arena_alloc (t->arena, 2002);
    memset (feedback, 'x', 2001);
    session->feedback = feedback;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.feedback");
    session->feedback = "";
    session->date = NULL;
    EXPECT (SEND (RECORD_SESSION, record_session, session), INVALID_ARGUMENT, "session.date");
    session->date = DATE ("2025-01-31");
    EXPECT (SEND (RECORD_SESSION, record_session, session), FAILED_PRECONDITION, "session.date");
    session->date = DATE ("2025-02-10");
    session->project_id = 999;
    EXPECT (SEND (RECORD_SESSION, record_session, session), NOT_FOUND, "session.project_id");
    session->project_id = fixture->draft;
    EXPECT (SEND (RECORD_SESSION, record_session, session), FAILED_PRECONDITION,
            "session.project_id");
    session->project_id = fixture->running;
    CHECK (projects_harness_last_seq (t) == seq);

    //  Recorded: the place of the project is copied, never trusted
    session->establishment_id = t->epm_id;
    session->region_code = "11";
    Projects__Session *recorded = OK (SEND (RECORD_SESSION, record_session, session))->session;
    CHECK (recorded->id > 0 && recorded->project_id == fixture->running);
    CHECK (recorded->establishment_id == t->prison_id && streq (recorded->region_code, "32"));
    CHECK (recorded->registered == 12 && recorded->attended == 10);
    CHECK (projects_harness_last_seq (t) == seq + 1);
    Projects__ProjectsEvent *event = projects_harness_event (t, seq + 1);
    CHECK (streq (event->topic, "projects.session.recorded") && event->session);
    CHECK (event->session->id == recorded->id);

    //  An open group may have more people than registered
    Projects__Session *open = s_session (t, fixture->running, "2025-03-10", 0, 15);
    open->group = PROJECTS__GROUP_KIND__OPEN_GROUP;
    OK (SEND (RECORD_SESSION, record_session, open));
    OK (SEND (RECORD_SESSION, record_session, s_session (t, fixture->minors, "2025-03-05", 8, 7)));
    OK (SEND (RECORD_SESSION, record_session, s_session (t, fixture->old, "2024-06-12", 10, 9)));

    //  Update: counts change, the project does not
    Projects__Session *change = s_session (t, 0, "2025-02-11", 12, 11);
    change->id = recorded->id;
    change->project_id = fixture->minors;
    EXPECT (SEND (UPDATE_SESSION, update_session, change), INVALID_ARGUMENT, "session.project_id");
    change->project_id = 0;
    change->attended = 20;
    EXPECT (SEND (UPDATE_SESSION, update_session, change), INVALID_ARGUMENT, "session.attended");
    change->attended = 11;
    change->date = DATE ("2025-01-15");
    EXPECT (SEND (UPDATE_SESSION, update_session, change), FAILED_PRECONDITION, "session.date");
    change->date = DATE ("2025-02-11");
    change->id = 999;
    EXPECT (SEND (UPDATE_SESSION, update_session, change), NOT_FOUND, "session.id");
    change->id = recorded->id;
    seq = projects_harness_last_seq (t);
    Projects__Session *updated = OK (SEND (UPDATE_SESSION, update_session, change))->session;
    CHECK (updated->project_id == fixture->running && updated->attended == 11);
    CHECK (updated->establishment_id == t->prison_id);
    CHECK (pps_date_ordinal (updated->date) == 20250211);
    CHECK (streq (projects_harness_event (t, seq + 1)->topic, "projects.session.updated"));
    Projects__ById by_id = PROJECTS__BY_ID__INIT;
    by_id.id = recorded->id;
    CHECK (OK (SEND (GET_SESSION, get_session, &by_id))->session->attended == 11);
    by_id.id = 999;
    EXPECT (SEND (GET_SESSION, get_session, &by_id), NOT_FOUND, "id");

    //  Lists
    Projects__SessionFilter filter = PROJECTS__SESSION_FILTER__INIT;
    filter.project_id = fixture->running;
    CHECK (OK (SEND (LIST_SESSIONS, list_sessions, &filter))->sessions->n_items == 2);
    filter.project_id = 999;
    EXPECT (SEND (LIST_SESSIONS, list_sessions, &filter), NOT_FOUND, "project_id");
    filter.project_id = 0;
    filter.establishment_id = t->prison_id;
    CHECK (OK (SEND (LIST_SESSIONS, list_sessions, &filter))->sessions->n_items == 3);
    filter.establishment_id = 0;
    filter.region_code = "32";
    filter.from = DATE ("2025-01-01");
    filter.to = DATE ("2025-12-31");
    CHECK (OK (SEND (LIST_SESSIONS, list_sessions, &filter))->sessions->n_items == 3);
    filter.to = DATE ("2025-03-05");
    CHECK (OK (SEND (LIST_SESSIONS, list_sessions, &filter))->sessions->n_items == 2);

    //  Completing: not before the last session; then sessions stay inside
    Projects__TransitionProject complete = PROJECTS__TRANSITION_PROJECT__INIT;
    complete.id = fixture->running;
    complete.to = PROJECTS__PROJECT_STATUS__COMPLETED;
    complete.date = DATE ("2025-03-09");
    EXPECT (SEND (TRANSITION_PROJECT, transition_project, &complete), FAILED_PRECONDITION, "date");
    complete.date = DATE ("2025-06-30");
    OK (SEND (TRANSITION_PROJECT, transition_project, &complete));
    Projects__Session *late = s_session (t, fixture->running, "2025-07-01", 5, 5);
    EXPECT (SEND (RECORD_SESSION, record_session, late), FAILED_PRECONDITION, "session.date");
    OK (SEND (RECORD_SESSION, record_session, s_session (t, fixture->running, "2025-06-30", 5, 4)));

    //  The EPM project is evaluated promising
    Projects__Evaluation evaluation = PROJECTS__EVALUATION__INIT;
    evaluation.process = "Séances tenues comme prévu";
    evaluation.evaluated_on = DATE ("2025-09-15");
    Projects__SetEvaluation set = PROJECTS__SET_EVALUATION__INIT;
    set.project_id = fixture->minors;
    set.evaluation = &evaluation;
    set.promising = true;
    OK (SEND (SET_EVALUATION, set_evaluation, &set));
}

//  ---------------------------------------------------------------- years

static void
s_test_years (test_t *t)
{
    uint64_t seq = projects_harness_last_seq (t);
    Projects__Swot swot = PROJECTS__SWOT__INIT;
    swot.strengths = "USMP impliquée, COPIL actif";
    swot.threats = "Turnover des surveillants";
    swot.needs_people = "Un temps d'animateur de prévention";
    Projects__PutSwot put = PROJECTS__PUT_SWOT__INIT;
    put.establishment_id = 999;
    put.year = 2025;
    put.swot = &swot;
    EXPECT (SEND (PUT_SWOT, put_swot, &put), NOT_FOUND, "establishment_id");
    put.establishment_id = t->prison_id;
    put.year = 1990;
    EXPECT (SEND (PUT_SWOT, put_swot, &put), INVALID_ARGUMENT, "year");
    put.year = 2025;
    Projects__Swot empty = PROJECTS__SWOT__INIT;
    empty.needs_money = "10 000 euros";
    put.swot = &empty;
    EXPECT (SEND (PUT_SWOT, put_swot, &put), INVALID_ARGUMENT, "swot.strengths");
    put.swot = NULL;
    EXPECT (SEND (PUT_SWOT, put_swot, &put), INVALID_ARGUMENT, "swot");
    put.swot = &swot;
    CHECK (projects_harness_last_seq (t) == seq);
    Projects__EstablishmentYear *year = OK (SEND (PUT_SWOT, put_swot, &put))->establishment_year;
    CHECK (year->establishment_id == t->prison_id && year->year == 2025);
    CHECK (streq (year->region_code, "32") && year->swot && !year->review);
    CHECK (streq (projects_harness_event (t, seq + 1)->topic,
                  "projects.establishment_year.updated"));

    Projects__Review review = PROJECTS__REVIEW__INIT;
    review.done_on = DATE ("2027-01-15");
    review.summary = "Bilan annuel présenté en COPIL";
    Projects__PutReview put_review = PROJECTS__PUT_REVIEW__INIT;
    put_review.establishment_id = t->prison_id;
    put_review.year = 2025;
    put_review.review = &review;
    EXPECT (SEND (PUT_REVIEW, put_review, &put_review), INVALID_ARGUMENT, "review.done_on");
    review.done_on = DATE ("2026-01-20");
    review.summary = "";
    EXPECT (SEND (PUT_REVIEW, put_review, &put_review), INVALID_ARGUMENT, "review.summary");
    review.summary = "Bilan annuel présenté en COPIL";
    year = OK (SEND (PUT_REVIEW, put_review, &put_review))->establishment_year;
    CHECK (year->swot && streq (year->swot->threats, "Turnover des surveillants"));
    CHECK (year->review && pps_date_ordinal (year->review->done_on) == 20260120);
    //  A review alone makes a record too (EPM, 2025); a SWOT of another year
    put_review.establishment_id = t->epm_id;
    OK (SEND (PUT_REVIEW, put_review, &put_review));
    put.year = 2024;
    OK (SEND (PUT_SWOT, put_swot, &put));
    CHECK (projects_harness_last_seq (t) == seq + 4);

    Projects__YearKey key = PROJECTS__YEAR_KEY__INIT;
    key.establishment_id = t->prison_id;
    key.year = 2025;
    year = OK (SEND (GET_ESTABLISHMENT_YEAR, get_establishment_year, &key))->establishment_year;
    CHECK (year->swot && year->review);
    key.year = 2023;
    EXPECT (SEND (GET_ESTABLISHMENT_YEAR, get_establishment_year, &key), NOT_FOUND, "year");
    key.establishment_id = 0;
    EXPECT (SEND (GET_ESTABLISHMENT_YEAR, get_establishment_year, &key), INVALID_ARGUMENT,
            "establishment_id");

    Projects__YearFilter filter = PROJECTS__YEAR_FILTER__INIT;
    filter.region_code = "32";
    CHECK (OK (SEND (LIST_ESTABLISHMENT_YEARS, list_establishment_years, &filter))
           ->establishment_years->n_items == 3);
    filter.year = 2025;
    Projects__EstablishmentYearList *list = OK (SEND (LIST_ESTABLISHMENT_YEARS,
                                                      list_establishment_years, &filter))
                                            ->establishment_years;
    CHECK (list->n_items == 2);
    size_t with_swot = 0;
    for (size_t index = 0; index < list->n_items; index++)
        with_swot += list->items [index]->swot != NULL;
    CHECK (with_swot == 1);
    filter.region_code = "11";
    CHECK (OK (SEND (LIST_ESTABLISHMENT_YEARS, list_establishment_years, &filter))
           ->establishment_years->n_items == 0);
}

//  ---------------------------------------------------------------- stats

static Projects__ProjectStats *
s_stats (test_t *t, const char *region, const char *from, const char *to)
{
    Projects__StatsQuery query = PROJECTS__STATS_QUERY__INIT;
    query.region_code = (char *) region;
    query.from = from ? DATE (from) : NULL;
    query.to = to ? DATE (to) : NULL;
    return OK (SEND (PROJECT_STATS, project_stats, &query))->project_stats;
}

static void
s_test_stats (test_t *t)
{
    //  2025: the IST project (MA, completed in June), the EPM project
    //  (running, promising); not the draft, not the 2024 one
    Projects__ProjectStats *stats = s_stats (t, "32", "2025-01-01", "2025-12-31");
    CHECK (stats->projects_implemented == 2);
    CHECK (stats->in_minors_establishments == 1);
    CHECK (stats->promising_or_evidence_based == 1);
    CHECK (stats->establishments == 2);
    CHECK (stats->sessions == 4);
    CHECK (stats->attended_total == 11 + 15 + 7 + 4);

    stats = s_stats (t, "32", "2024-01-01", "2024-12-31");
    CHECK (stats->projects_implemented == 1 && stats->in_minors_establishments == 0);
    CHECK (stats->establishments == 1 && stats->sessions == 1 && stats->attended_total == 9);

    //  From July 2025 the IST project has stopped
    stats = s_stats (t, "32", "2025-07-01", "2025-12-31");
    CHECK (stats->projects_implemented == 1 && stats->in_minors_establishments == 1);
    CHECK (stats->sessions == 0);

    //  Open period: every project that ever ran
    stats = s_stats (t, "32", NULL, NULL);
    CHECK (stats->projects_implemented == 3 && stats->sessions == 5);
    CHECK (s_stats (t, "11", NULL, NULL)->projects_implemented == 0);

    Projects__StatsQuery query = PROJECTS__STATS_QUERY__INIT;
    EXPECT (SEND (PROJECT_STATS, project_stats, &query), INVALID_ARGUMENT, "region_code");
}

int
main (void)
{
    printf (" * projects.sessions: ");
    fflush (stdout);
    test_t test;
    test_t *t = &test;
    projects_harness_start (t, PROJECTS_HARNESS_FIXTURE);
    fixture_t fixture;
    s_test_sessions (t, &fixture);
    s_test_years (t);
    s_test_stats (t);
    projects_harness_stop (t);
    printf ("OK\n");
    return 0;
}
