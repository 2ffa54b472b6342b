/*  projects.api: the project sheet and its lifecycle, driven through a real
    projects service and a real registry served in-process (see
    projects_harness.h): validation with the field at fault, references
    checked with the registry (NOT_FOUND, and UNAVAILABLE when it is not
    running), service-owned fields, transitions and their history, the
    evaluation, list filters, events and idempotent retries.  */
#include "projects_harness.h"

//  A valid project sheet for an establishment, created on 2025-01-06.
static Projects__Project *
s_project (test_t *t, uint64_t establishment_id, const char *title)
{
    Projects__Project *project = pps_arena_alloc (t->arena, sizeof *project);
    projects__project__init (project);
    project->establishment_id = establishment_id;
    project->title = (char *) title;
    project->carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project->carrier_name = "USMP";
    Projects__Theme *themes = pps_arena_alloc (t->arena, 2 * sizeof *themes);
    themes [0] = PROJECTS__THEME__SEXUAL_HEALTH;
    themes [1] = PROJECTS__THEME__INFECTION_SCREENING;
    project->themes = themes;
    project->n_themes = 2;
    Projects__OttawaAxis *axes = pps_arena_alloc (t->arena, sizeof *axes);
    axes [0] = PROJECTS__OTTAWA_AXIS__PERSONAL_SKILLS;
    project->ottawa_axes = axes;
    project->n_ottawa_axes = 1;
    project->participation = PROJECTS__PARTICIPATION__CONSULTED;
    project->planned_budget_cents = 150000;
    project->created_on = DATE ("2025-01-06");
    return project;
}

static Projects__TransitionProject *
s_transition (test_t *t, uint64_t id, Projects__ProjectStatus to, const char *date)
{
    Projects__TransitionProject *transition = pps_arena_alloc (t->arena, sizeof *transition);
    projects__transition_project__init (transition);
    transition->id = id;
    transition->to = to;
    transition->date = date ? DATE (date) : NULL;
    transition->note = "étape";
    return transition;
}

//  Send a transition of project id to status to on date.
static Projects__ProjectsReply *
s_move (test_t *t, uint64_t id, Projects__ProjectStatus to, const char *date)
{
    return SEND (TRANSITION_PROJECT, transition_project, s_transition (t, id, to, date));
}

static Projects__ById *
s_by_id (test_t *t, uint64_t id)
{
    Projects__ById *by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    projects__by_id__init (by_id);
    by_id->id = id;
    return by_id;
}

//  ---------------------------------------------------------------- create

static uint64_t
s_test_create (test_t *t)
{
    uint64_t seq = projects_harness_last_seq (t);
    Projects__Project *project = s_project (t, t->prison_id, "Groupe de parole IST");

    //  Refusals name their field and write nothing
    project->id = 7;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT, "project.id");
    project->id = 0;
    project->title = "  ";
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT, "project.title");
    project->title = "Groupe de parole IST";
    project->carrier = 99;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT, "project.carrier");
    project->carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project->themes [1] = PROJECTS__THEME__SEXUAL_HEALTH;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT, "project.themes[1]");
    project->themes [1] = PROJECTS__THEME__THEME_UNSPECIFIED;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT, "project.themes[1]");
    project->themes [1] = PROJECTS__THEME__INFECTION_SCREENING;
    project->planned_budget_cents = -1;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT,
            "project.planned_budget_cents");
    project->planned_budget_cents = 150000;
    project->planned_start = DATE ("2025-03-01");
    project->planned_end = DATE ("2025-02-01");
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT,
            "project.planned_end");
    project->planned_end = DATE ("2025-12-15");
    project->created_on = NULL;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT, "project.created_on");
    project->created_on = DATE ("2025-01-06");
    Projects__Objectives objectives = PROJECTS__OBJECTIVES__INIT;
    char *specific [] = { "Connaître les modes de transmission", "" };
    objectives.specific = specific;
    objectives.n_specific = 2;
    project->objectives = &objectives;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT,
            "project.objectives.specific[1]");
    objectives.n_specific = 1;

    //  References: the registry is asked, not the client trusted
    project->establishment_id = 0;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT,
            "project.establishment_id");
    project->establishment_id = 999;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), NOT_FOUND, "project.establishment_id");
    project->establishment_id = t->closed_id;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), FAILED_PRECONDITION,
            "project.establishment_id");
    project->establishment_id = t->prison_id;
    uint64_t partners [] = { t->partner_id, 999 };
    project->partner_ids = partners;
    project->n_partner_ids = 2;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), NOT_FOUND, "project.partner_ids[1]");
    partners [1] = t->partner_id;
    EXPECT (SEND (CREATE_PROJECT, create_project, project), INVALID_ARGUMENT,
            "project.partner_ids[1]");
    project->n_partner_ids = 1;
    CHECK (projects_harness_last_seq (t) == seq);

    //  The service's own fields are its own, whatever the client sends
    project->region_code = "99";
    project->establishment_minors = true;
    project->status = PROJECTS__PROJECT_STATUS__COMPLETED;
    project->promising = true;
    Projects__Project *created = OK (SEND_ID (CREATE_PROJECT, create_project, project,
                                              "create-ist"))->project;
    CHECK (created && created->id > 0);
    CHECK (streq (created->region_code, "32"));
    CHECK (!created->establishment_minors);
    CHECK (created->status == PROJECTS__PROJECT_STATUS__DRAFT);
    CHECK (!created->promising && !created->evaluation);
    CHECK (created->n_history == 1);
    CHECK (created->history [0]->status == PROJECTS__PROJECT_STATUS__DRAFT);
    CHECK (pps_date_ordinal (created->history [0]->date) == 20250106);
    CHECK (streq (created->history [0]->actor, "projects_test"));
    CHECK (created->n_partner_ids == 1 && created->partner_ids [0] == t->partner_id);
    CHECK (projects_harness_last_seq (t) == seq + 1);
    Projects__ProjectsEvent *event = projects_harness_event (t, seq + 1);
    CHECK (streq (event->topic, "projects.project.created"));
    CHECK (event->project && event->project->id == created->id);
    CHECK (streq (event->request_id, "create-ist"));

    //  A retry answers the first reply and writes nothing, even with another body
    project->title = "Autre titre";
    Projects__Project *again = OK (SEND_ID (CREATE_PROJECT, create_project, project,
                                            "create-ist"))->project;
    CHECK (again->id == created->id && streq (again->title, "Groupe de parole IST"));
    CHECK (projects_harness_last_seq (t) == seq + 1);

    //  A project in the EPM carries the minors flag from the registry
    Projects__Project *minors = OK (SEND (CREATE_PROJECT, create_project,
                                          s_project (t, t->epm_id, "Sport et santé")))->project;
    CHECK (minors->establishment_minors && streq (minors->region_code, "32"));

    //  Get
    Projects__ById *by_id = s_by_id (t, created->id);
    Projects__Project *got = OK (SEND (GET_PROJECT, get_project, by_id))->project;
    CHECK (got->id == created->id && streq (got->title, "Groupe de parole IST"));
    CHECK (got->n_themes == 2 && got->themes [1] == PROJECTS__THEME__INFECTION_SCREENING);
    CHECK (got->objectives && got->objectives->n_specific == 1);
    EXPECT (SEND (GET_PROJECT, get_project, s_by_id (t, 999)), NOT_FOUND, "id");
    EXPECT (SEND (GET_PROJECT, get_project, s_by_id (t, 0)), INVALID_ARGUMENT, "id");
    return created->id;
}

//  ---------------------------------------------------------------- update

static void
s_test_update (test_t *t, uint64_t id)
{
    uint64_t seq = projects_harness_last_seq (t);
    Projects__Project *project = s_project (t, t->prison_id, "Groupe de parole IST et hépatites");
    project->id = 999;
    EXPECT (SEND (UPDATE_PROJECT, update_project, project), NOT_FOUND, "project.id");
    project->id = id;
    project->establishment_id = t->epm_id;
    EXPECT (SEND (UPDATE_PROJECT, update_project, project), INVALID_ARGUMENT,
            "project.establishment_id");
    project->establishment_id = 0;           //  unset: kept
    uint64_t partners [] = { 12345 };
    project->partner_ids = partners;
    project->n_partner_ids = 1;
    EXPECT (SEND (UPDATE_PROJECT, update_project, project), NOT_FOUND, "project.partner_ids[0]");
    project->n_partner_ids = 0;
    CHECK (projects_harness_last_seq (t) == seq);

    project->status = PROJECTS__PROJECT_STATUS__RUNNING;     //  ignored
    project->created_on = DATE ("2020-01-01");               //  ignored
    Projects__Project *updated = OK (SEND (UPDATE_PROJECT, update_project, project))->project;
    CHECK (streq (updated->title, "Groupe de parole IST et hépatites"));
    CHECK (updated->establishment_id == t->prison_id && streq (updated->region_code, "32"));
    CHECK (updated->status == PROJECTS__PROJECT_STATUS__DRAFT && updated->n_history == 1);
    CHECK (pps_date_ordinal (updated->created_on) == 20250106);
    CHECK (updated->n_partner_ids == 0);
    CHECK (projects_harness_last_seq (t) == seq + 1);
    CHECK (streq (projects_harness_event (t, seq + 1)->topic, "projects.project.updated"));
}

//  ---------------------------------------------------------------- lifecycle

static void
s_test_lifecycle (test_t *t, uint64_t id)
{
    uint64_t seq = projects_harness_last_seq (t);
    const Projects__ProjectStatus planned = PROJECTS__PROJECT_STATUS__PLANNED;
    const Projects__ProjectStatus running = PROJECTS__PROJECT_STATUS__RUNNING;
    const Projects__ProjectStatus completed = PROJECTS__PROJECT_STATUS__COMPLETED;
    const Projects__ProjectStatus abandoned = PROJECTS__PROJECT_STATUS__ABANDONED;

    //  Skipping a step, no date, a date before the last step, unknown ids
    EXPECT (s_move (t, id, running, "2025-02-01"), FAILED_PRECONDITION, "to");
    EXPECT (s_move (t, id, completed, "2025-02-01"), FAILED_PRECONDITION, "to");
    EXPECT (s_move (t, id, planned, NULL), INVALID_ARGUMENT, "date");
    EXPECT (s_move (t, id, planned, "2025-01-05"), FAILED_PRECONDITION, "date");
    EXPECT (s_move (t, id, PROJECTS__PROJECT_STATUS__PROJECT_STATUS_UNSPECIFIED, "2025-02-01"),
            INVALID_ARGUMENT, "to");
    EXPECT (s_move (t, 999, planned, "2025-02-01"), NOT_FOUND, "id");

    //  An evaluation before the project runs is refused
    Projects__Evaluation evaluation = PROJECTS__EVALUATION__INIT;
    evaluation.results = "Participation régulière, questionnaire rempli par 9 personnes";
    evaluation.evaluated_on = DATE ("2025-06-30");
    Projects__SetEvaluation set = PROJECTS__SET_EVALUATION__INIT;
    set.project_id = id;
    set.evaluation = &evaluation;
    set.promising = true;
    EXPECT (SEND (SET_EVALUATION, set_evaluation, &set), FAILED_PRECONDITION, "project_id");
    CHECK (projects_harness_last_seq (t) == seq);

    //  The normal path; the same day is allowed
    OK (s_move (t, id, planned, "2025-01-06"));
    Projects__Project *project = OK (s_move (t, id, running, "2025-02-03"))->project;
    CHECK (project->status == running && project->n_history == 3);
    CHECK (project->history [1]->status == planned && project->history [2]->status == running);
    CHECK (pps_date_ordinal (project->history [2]->date) == 20250203);
    CHECK (streq (project->history [2]->note, "étape"));
    CHECK (projects_harness_last_seq (t) == seq + 2);
    CHECK (streq (projects_harness_event (t, seq + 2)->topic, "projects.project.transitioned"));
    EXPECT (s_move (t, id, planned, "2025-03-01"), FAILED_PRECONDITION, "to");

    //  The evaluation, once running, not dated before it ran
    evaluation.evaluated_on = DATE ("2025-01-31");
    EXPECT (SEND (SET_EVALUATION, set_evaluation, &set), FAILED_PRECONDITION,
            "evaluation.evaluated_on");
    evaluation.evaluated_on = DATE ("2025-06-30");
    evaluation.results = "";
    EXPECT (SEND (SET_EVALUATION, set_evaluation, &set), INVALID_ARGUMENT, "evaluation.results");
    evaluation.results = "Participation régulière, questionnaire rempli par 9 personnes";
    set.evaluation = NULL;
    EXPECT (SEND (SET_EVALUATION, set_evaluation, &set), INVALID_ARGUMENT, "evaluation");
    set.evaluation = &evaluation;
    project = OK (SEND (SET_EVALUATION, set_evaluation, &set))->project;
    CHECK (project->promising && !project->evidence_based);
    CHECK (project->evaluation && pps_date_ordinal (project->evaluation->evaluated_on) == 20250630);
    CHECK (streq (projects_harness_event (t, seq + 3)->topic, "projects.project.evaluated"));

    //  An update keeps status, history and evaluation
    Projects__Project *sheet = s_project (t, t->prison_id, "Groupe de parole IST et hépatites");
    sheet->id = id;
    project = OK (SEND (UPDATE_PROJECT, update_project, sheet))->project;
    CHECK (project->status == running && project->n_history == 3 && project->promising);
    CHECK (project->evaluation && *project->evaluation->results);

    //  Completed is final
    OK (s_move (t, id, completed, "2025-07-04"));
    EXPECT (s_move (t, id, abandoned, "2025-08-01"), FAILED_PRECONDITION, "to");
    project = OK (SEND (GET_PROJECT, get_project, s_by_id (t, id)))->project;
    CHECK (project->status == completed && project->n_history == 4);
    CHECK (project->history [3]->status == completed);

    //  A draft may be abandoned; abandoned is final too
    Projects__Project *sheet_dropped = s_project (t, t->prison_id, "Atelier nutrition");
    Projects__Project *dropped = OK (SEND (CREATE_PROJECT, create_project, sheet_dropped))
        ->project;
    OK (s_move (t, dropped->id, abandoned, "2025-03-01"));
    EXPECT (s_move (t, dropped->id, planned, "2025-03-02"), FAILED_PRECONDITION, "to");
}

//  ---------------------------------------------------------------- list

static size_t
s_list_count (test_t *t, Projects__ProjectFilter *filter)
{
    return OK (SEND (LIST_PROJECTS, list_projects, filter))->projects->n_items;
}

static void
s_test_list (test_t *t)
{
    //  Here: the completed IST project (MA, ran 2025-02-03 to 2025-07-04),
    //  the EPM draft, the abandoned draft (MA)
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    CHECK (s_list_count (t, &filter) == 3);
    filter.establishment_id = t->prison_id;
    CHECK (s_list_count (t, &filter) == 2);
    filter.establishment_id = t->epm_id;
    CHECK (s_list_count (t, &filter) == 1);
    filter.establishment_id = 0;
    filter.region_code = "32";
    CHECK (s_list_count (t, &filter) == 3);
    filter.region_code = "11";
    CHECK (s_list_count (t, &filter) == 0);
    filter.region_code = "";
    filter.status = PROJECTS__PROJECT_STATUS__DRAFT;
    CHECK (s_list_count (t, &filter) == 1);
    filter.status = 0;
    filter.theme = PROJECTS__THEME__INFECTION_SCREENING;
    CHECK (s_list_count (t, &filter) == 3);
    filter.theme = PROJECTS__THEME__TOBACCO;
    CHECK (s_list_count (t, &filter) == 0);
    filter.theme = 0;

    //  Implemented during a period: running at some time within it
    filter.from = DATE ("2025-01-01");
    filter.to = DATE ("2025-12-31");
    CHECK (s_list_count (t, &filter) == 1);
    filter.from = DATE ("2025-07-04");
    CHECK (s_list_count (t, &filter) == 1);
    filter.from = DATE ("2025-07-05");
    CHECK (s_list_count (t, &filter) == 0);
    filter.from = DATE ("2024-01-01");
    filter.to = DATE ("2025-02-02");
    CHECK (s_list_count (t, &filter) == 0);
    filter.to = DATE ("2025-02-03");
    CHECK (s_list_count (t, &filter) == 1);

    //  Bad filters
    filter.to = DATE ("2023-12-31");
    EXPECT (SEND (LIST_PROJECTS, list_projects, &filter), INVALID_ARGUMENT, "to");
    filter.to = NULL;
    filter.status = 42;
    EXPECT (SEND (LIST_PROJECTS, list_projects, &filter), INVALID_ARGUMENT, "status");
}

//  ---------------------------------------------------------------- registry down

static void
s_test_registry_down (void)
{
    test_t alone;
    test_t *t = &alone;
    projects_harness_start (t, PROJECTS_HARNESS_ALONE);
    int64_t started = zclock_mono ();
    EXPECT (SEND (CREATE_PROJECT, create_project, s_project (t, 1, "Sans registre")),
            UNAVAILABLE, "project.establishment_id");
    //  The peer gives up after its own timeout, well before the client's
    CHECK (zclock_mono () - started < 9000);
    Projects__PutSwot swot = PROJECTS__PUT_SWOT__INIT;
    Projects__Swot content = PROJECTS__SWOT__INIT;
    content.strengths = "Équipe motivée";
    swot.establishment_id = 1;
    swot.year = 2025;
    swot.swot = &content;
    EXPECT (SEND (PUT_SWOT, put_swot, &swot), UNAVAILABLE, "establishment_id");
    CHECK (projects_harness_last_seq (t) == 0);
    //  Reads of its own records do not need the registry
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    CHECK (OK (SEND (LIST_PROJECTS, list_projects, &filter))->projects->n_items == 0);
    projects_harness_stop (t);
}

int
main (void)
{
    printf (" * projects.api: ");
    fflush (stdout);
    test_t test;
    test_t *t = &test;
    projects_harness_start (t, PROJECTS_HARNESS_FIXTURE);
    uint64_t id = s_test_create (t);
    s_test_update (t, id);
    s_test_lifecycle (t, id);
    s_test_list (t);
    projects_harness_stop (t);
    s_test_registry_down ();
    printf ("OK\n");
    return 0;
}
