/*  projects.plans: sessions planned with their rétroplanning (annex 2),
    driven through real in-process services (see projects_harness.h): the
    steps and their due dates, who does them and where they stand, a
    session moved, a region's template adapted and versioned, the steps
    coming up in a region, and plans closed with their project.  */
#include "projects_harness.h"

//  A project of an establishment, created on 2026-01-05 and moved to
//  PLANNED then RUNNING on the given dates (NULL: left at that status).
static uint64_t
s_project (test_t *t, uint64_t establishment_id, const char *title, const char *planned,
           const char *running)
{
    Projects__Project project = PROJECTS__PROJECT__INIT;
    project.establishment_id = establishment_id;
    project.title = (char *) title;
    project.carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project.created_on = DATE ("2026-01-05");
    uint64_t id = OK (SEND (CREATE_PROJECT, create_project, &project))->project->id;
    const char *dates [2] = { planned, running };
    Projects__ProjectStatus statuses [2] = { PROJECTS__PROJECT_STATUS__PLANNED,
                                             PROJECTS__PROJECT_STATUS__RUNNING };
    for (size_t index = 0; index < 2 && dates [index]; index++) {
        Projects__TransitionProject transition = PROJECTS__TRANSITION_PROJECT__INIT;
        transition.id = id;
        transition.to = statuses [index];
        transition.date = DATE (dates [index]);
        OK (SEND (TRANSITION_PROJECT, transition_project, &transition));
    }
    return id;
}

//  A plan request for a project on date.
static Projects__SessionPlan *
s_plan (test_t *t, uint64_t project_id, const char *date)
{
    Projects__SessionPlan *plan = pps_arena_alloc (t->arena, sizeof *plan);
    projects__session_plan__init (plan);
    plan->project_id = project_id;
    plan->date = DATE (date);
    plan->start_time = "14:00";
    plan->place = PROJECTS__PLACE__HEALTH_UNIT_PLACE;
    plan->room = "Salle d'éducation pour la santé";
    plan->group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    plan->topic = "Les infections sexuellement transmissibles";
    return plan;
}

//  The step of a plan with key (the test fails when there is none).
static Projects__PlanStep *
s_step (Projects__SessionPlan *plan, const char *key)
{
    for (size_t index = 0; index < plan->n_steps; index++)
        if (streq (plan->steps [index]->key, key))
            return plan->steps [index];
    projects_harness_abort (__FILE__, __LINE__, key);
    return NULL;
}

static int32_t
s_due (Projects__SessionPlan *plan, const char *key)
{
    return pps_date_ordinal (s_step (plan, key)->due);
}

static Projects__ProjectsReply *
s_mark (test_t *t, uint64_t plan_id, const char *key, Projects__StepState state,
        const char *done_on, const char *reason)
{
    Projects__MarkStep mark = PROJECTS__MARK_STEP__INIT;
    mark.plan_id = plan_id;
    mark.key = (char *) key;
    mark.state = state;
    mark.done_on = done_on ? DATE (done_on) : NULL;
    mark.reason = (char *) (reason ? reason : "");
    return SEND (MARK_STEP, mark_step, &mark);
}

static Projects__ProjectsReply *
s_assign (test_t *t, uint64_t plan_id, const char *key, uint64_t person, const char *organisation)
{
    Projects__AssignStep assign = PROJECTS__ASSIGN_STEP__INIT;
    assign.plan_id = plan_id;
    assign.key = (char *) key;
    assign.responsible_person_id = person;
    assign.responsible_organisation = (char *) organisation;
    return SEND (ASSIGN_STEP, assign_step, &assign);
}

static Projects__UpcomingStepList *
s_upcoming (test_t *t, const char *on, uint32_t days, uint64_t establishment, uint64_t person)
{
    Projects__UpcomingQuery query = PROJECTS__UPCOMING_QUERY__INIT;
    query.region_code = "32";
    query.on = DATE (on);
    query.days = days;
    query.establishment_id = establishment;
    query.responsible_person_id = person;
    return OK (SEND (UPCOMING_STEPS, upcoming_steps, &query))->upcoming_steps;
}

typedef struct {
    uint64_t ist;                 //  MA project, running
    uint64_t sport;               //  EPM project, planned
    uint64_t nurse;               //  A staff member of the registry
    uint64_t first;               //  The IST project's plan
    uint64_t second;              //  The sport project's plan
} fixture_t;

//  Planning a session: refusals, the steps from annex 2, idempotency.
static void
s_test_plan (test_t *t, fixture_t *fixture)
{
    fixture->ist = s_project (t, t->prison_id, "Groupe IST", "2026-01-20", "2026-02-01");
    fixture->sport = s_project (t, t->epm_id, "Sport santé", "2026-02-01", NULL);
    uint64_t finished = s_project (t, t->prison_id, "Ancien projet", "2026-01-10", "2026-01-12");
    Projects__TransitionProject complete = PROJECTS__TRANSITION_PROJECT__INIT;
    complete.id = finished;
    complete.to = PROJECTS__PROJECT_STATUS__COMPLETED;
    complete.date = DATE ("2026-01-31");
    OK (SEND (TRANSITION_PROJECT, transition_project, &complete));
    Registry__Person nurse = REGISTRY__PERSON__INIT;
    nurse.full_name = "Claire Martin";
    nurse.organisation = "USMP de test";
    nurse.work_email = "usmp@example.org";
    nurse.region_code = "32";
    fixture->nurse = REGISTRY_OK (REGISTRY (CREATE_PERSON, create_person, &nurse))->person->id;

    //  Annex 2's template is the region's until it adapts one
    Projects__TemplateQuery query = PROJECTS__TEMPLATE_QUERY__INIT;
    query.region_code = "32";
    Projects__PlanTemplate *annex = OK (SEND (GET_PLAN_TEMPLATE, get_plan_template,
                                              &query))->plan_template;
    CHECK (annex->version == 0 && annex->n_steps == 18);
    CHECK (streq (annex->steps [0]->key, "gather_wishes")
           && annex->steps [0]->unit == PROJECTS__OFFSET_UNIT__MONTHS
           && annex->steps [0]->offset == -2);

    //  Refusals write nothing
    uint64_t seq = projects_harness_last_seq (t);
    Projects__SessionPlan *plan = s_plan (t, fixture->ist, "2026-05-21");
    plan->id = 4;
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), INVALID_ARGUMENT, "plan.id");
    plan->id = 0;
    plan->date = NULL;
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), INVALID_ARGUMENT, "plan.date");
    plan->date = DATE ("2026-05-21");
    plan->start_time = "25:00";
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), INVALID_ARGUMENT, "plan.start_time");
    plan->start_time = "14:00";
    plan->place = 0;
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), INVALID_ARGUMENT, "plan.place");
    plan->place = PROJECTS__PLACE__HEALTH_UNIT_PLACE;
    plan->group = 7;
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), INVALID_ARGUMENT, "plan.group");
    plan->group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    plan->topic = "Bad \x01 text";
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), INVALID_ARGUMENT, "plan.topic");
    plan->topic = "Les infections sexuellement transmissibles";
    plan->project_id = 999;
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), NOT_FOUND, "plan.project_id");
    plan->project_id = finished;
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), FAILED_PRECONDITION, "plan.project_id");
    plan->project_id = fixture->ist;
    plan->date = DATE ("2025-12-01");
    EXPECT (SEND (PLAN_SESSION, plan_session, plan), FAILED_PRECONDITION, "plan.date");
    plan->date = DATE ("2026-05-21");
    CHECK (projects_harness_last_seq (t) == seq);

    //  Planned: the steps of annex 2, due back from Thursday 21 May 2026
    plan->region_code = "11";         //  Service fields are the service's
    plan->state = PROJECTS__PLAN_STATE__CANCELLED;
    Projects__SessionPlan *made = OK (SEND_ID (PLAN_SESSION, plan_session, plan,
                                               "plan-ist-1"))->plan;
    fixture->first = made->id;
    CHECK (made->id > 0 && made->establishment_id == t->prison_id);
    CHECK (streq (made->region_code, "32") && made->template_version == 0);
    CHECK (made->state == PROJECTS__PLAN_STATE__SCHEDULED && made->n_steps == 18);
    CHECK (s_due (made, "gather_wishes") == 20260321);       //  Mois-2
    CHECK (s_due (made, "posters") == 20260421);             //  Mois-1
    CHECK (s_due (made, "post_posters") == 20260430);        //  S-3
    CHECK (s_due (made, "collect_answers") == 20260507);     //  S-2
    CHECK (s_due (made, "convocations") == 20260514);        //  S-1
    CHECK (s_due (made, "participants_list") == 20260518);   //  J-3
    CHECK (s_due (made, "room") == 20260520);
    CHECK (s_due (made, "sign_in") == 20260521);
    CHECK (s_due (made, "report") == 20260528);
    for (size_t index = 0; index < made->n_steps; index++) {
        CHECK (made->steps [index]->state == PROJECTS__STEP_STATE__TO_DO);
        if (index)
            CHECK (pps_date_compare (made->steps [index - 1]->due, made->steps [index]->due) <= 0);
    }
    CHECK (projects_harness_last_seq (t) == seq + 1);
    Projects__ProjectsEvent *event = projects_harness_event (t, seq + 1);
    CHECK (streq (event->topic, "projects.plan.created") && event->plan
           && event->plan->id == made->id && event->plan->n_steps == 18);
    //  The same request again: the same plan, nothing written
    Projects__SessionPlan *again = OK (SEND_ID (PLAN_SESSION, plan_session, plan,
                                                "plan-ist-1"))->plan;
    CHECK (again->id == made->id && projects_harness_last_seq (t) == seq + 1);

    //  A planned (not yet running) project plans its sessions too
    fixture->second = OK (SEND (PLAN_SESSION, plan_session,
                                s_plan (t, fixture->sport, "2026-05-25")))->plan->id;
}

//  Who does each step, and where it stands.
static void
s_test_steps (test_t *t, fixture_t *fixture)
{
    uint64_t seq = projects_harness_last_seq (t);
    uint64_t first = fixture->first;
    EXPECT (s_assign (t, first, "", fixture->nurse, ""), INVALID_ARGUMENT, "key");
    EXPECT (s_assign (t, first, "posters", 0, ""), INVALID_ARGUMENT, "responsible_person_id");
    EXPECT (s_assign (t, first, "nothing", fixture->nurse, ""), NOT_FOUND, "key");
    EXPECT (s_assign (t, 999, "posters", fixture->nurse, ""), NOT_FOUND, "plan_id");
    EXPECT (s_assign (t, first, "posters", 999, ""), NOT_FOUND, "responsible_person_id");
    CHECK (projects_harness_last_seq (t) == seq);
    Projects__SessionPlan *plan = OK (s_assign (t, first, "post_posters", fixture->nurse,
                                                "USMP"))->plan;
    CHECK (s_step (plan, "post_posters")->responsible_person_id == fixture->nurse);
    CHECK (streq (s_step (plan, "post_posters")->responsible_name, "Claire Martin"));
    CHECK (streq (s_step (plan, "post_posters")->responsible_organisation, "USMP"));
    plan = OK (s_assign (t, first, "inform_partners", 0, "SPIP"))->plan;
    CHECK (s_step (plan, "inform_partners")->responsible_person_id == 0);
    CHECK (*s_step (plan, "inform_partners")->responsible_name == 0);
    CHECK (streq (projects_harness_event (t, seq + 2)->topic, "projects.plan.step_assigned"));

    //  Marking: done on a past day, not applicable with a reason, to do again
    seq = projects_harness_last_seq (t);
    const Projects__StepState DONE = PROJECTS__STEP_STATE__DONE;
    const Projects__StepState NA = PROJECTS__STEP_STATE__NOT_APPLICABLE;
    const Projects__StepState OPEN_STEP = PROJECTS__STEP_STATE__TO_DO;
    EXPECT (s_mark (t, first, "gather_wishes", 0, NULL, NULL), INVALID_ARGUMENT, "state");
    EXPECT (s_mark (t, first, "gather_wishes", DONE, NULL, NULL), INVALID_ARGUMENT, "done_on");
    EXPECT (s_mark (t, first, "gather_wishes", DONE, "2099-01-01", NULL), INVALID_ARGUMENT,
            "done_on");
    EXPECT (s_mark (t, first, "gather_wishes", DONE, "2026-03-20", "déjà fait"),
            INVALID_ARGUMENT, "reason");
    EXPECT (s_mark (t, first, "posters", NA, NULL, NULL), INVALID_ARGUMENT, "reason");
    EXPECT (s_mark (t, first, "posters", NA, "2026-03-20", "x"), INVALID_ARGUMENT, "done_on");
    EXPECT (s_mark (t, first, "nothing", DONE, "2026-03-20", NULL), NOT_FOUND, "key");
    CHECK (projects_harness_last_seq (t) == seq);
    plan = OK (s_mark (t, first, "gather_wishes", DONE, "2026-03-20", NULL))->plan;
    CHECK (s_step (plan, "gather_wishes")->state == DONE);
    CHECK (pps_date_ordinal (s_step (plan, "gather_wishes")->done_on) == 20260320);
    plan = OK (s_mark (t, first, "posters", NA, NULL, "Affiches fournies par le CeGIDD"))->plan;
    CHECK (s_step (plan, "posters")->state == NA
           && streq (s_step (plan, "posters")->reason, "Affiches fournies par le CeGIDD"));
    plan = OK (s_mark (t, first, "material", DONE, "2026-03-01", NULL))->plan;
    plan = OK (s_mark (t, first, "material", OPEN_STEP, NULL, NULL))->plan;
    CHECK (s_step (plan, "material")->state == OPEN_STEP && !s_step (plan, "material")->done_on);
    CHECK (projects_harness_last_seq (t) == seq + 4);
    Projects__ProjectsEvent *event = projects_harness_event (t, seq + 4);
    CHECK (streq (event->topic, "projects.plan.step_marked") && event->plan->id == first);
}

//  The session moves: the steps not done follow it.
static void
s_test_move (test_t *t, fixture_t *fixture)
{
    Projects__SessionPlan *change = s_plan (t, 0, "2026-06-11");
    change->id = fixture->first;
    change->project_id = fixture->sport;
    EXPECT (SEND (UPDATE_PLAN, update_plan, change), INVALID_ARGUMENT, "plan.project_id");
    change->project_id = 0;
    change->id = 999;
    EXPECT (SEND (UPDATE_PLAN, update_plan, change), NOT_FOUND, "plan.id");
    change->id = fixture->first;
    uint64_t seq = projects_harness_last_seq (t);
    Projects__SessionPlan *moved = OK (SEND (UPDATE_PLAN, update_plan, change))->plan;
    CHECK (pps_date_ordinal (moved->date) == 20260611);
    CHECK (s_due (moved, "gather_wishes") == 20260321);       //  done: stays
    CHECK (s_step (moved, "gather_wishes")->state == PROJECTS__STEP_STATE__DONE);
    CHECK (s_due (moved, "posters") == 20260511);             //  not applicable: follows
    CHECK (s_due (moved, "post_posters") == 20260521);
    CHECK (s_step (moved, "post_posters")->responsible_person_id == fixture->nurse);
    CHECK (s_due (moved, "participants_list") == 20260608);
    CHECK (s_due (moved, "report") == 20260618);
    CHECK (streq (projects_harness_event (t, seq + 1)->topic, "projects.plan.moved"));
    //  Changing the room alone moves nothing
    change->room = "Bibliothèque";
    Projects__SessionPlan *same = OK (SEND (UPDATE_PLAN, update_plan, change))->plan;
    CHECK (streq (same->room, "Bibliothèque") && s_due (same, "post_posters") == 20260521);
    CHECK (streq (projects_harness_event (t, seq + 2)->topic, "projects.plan.updated"));
}

//  A region's steps coming up: soonest first, overdue ones included.
static void
s_test_upcoming (test_t *t, fixture_t *fixture)
{
    //  The sport plan (25 May) has steps from 25 March; the IST one (11 June) from 21 May
    Projects__UpcomingStepList *list = s_upcoming (t, "2026-05-20", 2, 0, 0);
    const char *expected [] = { "gather_wishes", "posters", "post_posters", "inform_partners",
                                "collect_answers", "form_group", "convocations",
                                "post_posters", "inform_partners", "participants_list" };
    CHECK (list->n_items == 10);
    for (size_t index = 0; index < list->n_items && index < 10; index++) {
        CHECK (streq (list->items [index]->key, expected [index]));
        CHECK (list->items [index]->plan_id == (index == 7 || index == 8 ? fixture->first
                                                                         : fixture->second));
    }
    CHECK (list->items [0]->days_left == -56 && list->items [9]->days_left == 2);
    CHECK (streq (list->items [0]->project_title, "Sport santé")
           && pps_date_ordinal (list->items [0]->session_date) == 20260525);
    CHECK (streq (list->items [7]->responsible_name, "Claire Martin"));
    //  By establishment, by responsible person, and the default window
    CHECK (s_upcoming (t, "2026-05-20", 2, t->epm_id, 0)->n_items == 8);
    list = s_upcoming (t, "2026-05-20", 2, 0, fixture->nurse);
    CHECK (list->n_items == 1 && streq (list->items [0]->key, "post_posters"));
    //  Fourteen days: every step of the sport plan, three of the IST one
    CHECK (s_upcoming (t, "2026-05-20", 0, 0, 0)->n_items == 18 + 3);
    //  Done steps are no longer there
    OK (s_mark (t, fixture->second, "gather_wishes", PROJECTS__STEP_STATE__DONE, "2026-03-30",
                NULL));
    CHECK (s_upcoming (t, "2026-05-20", 2, 0, 0)->n_items == 9);
    Projects__UpcomingQuery query = PROJECTS__UPCOMING_QUERY__INIT;
    EXPECT (SEND (UPCOMING_STEPS, upcoming_steps, &query), INVALID_ARGUMENT, "region_code");
    query.region_code = "32";
    query.days = 367;
    EXPECT (SEND (UPCOMING_STEPS, upcoming_steps, &query), INVALID_ARGUMENT, "days");

    //  Lists of plans
    Projects__PlanFilter filter = PROJECTS__PLAN_FILTER__INIT;
    filter.project_id = fixture->ist;
    CHECK (OK (SEND (LIST_PLANS, list_plans, &filter))->plans->n_items == 1);
    filter.project_id = 0;
    filter.region_code = "32";
    CHECK (OK (SEND (LIST_PLANS, list_plans, &filter))->plans->n_items == 2);
    filter.from = DATE ("2026-06-01");
    CHECK (OK (SEND (LIST_PLANS, list_plans, &filter))->plans->n_items == 1);
    filter.project_id = 999;
    EXPECT (SEND (LIST_PLANS, list_plans, &filter), NOT_FOUND, "project_id");
}

//  A region adapts its template: versions, and plans made after it.
static void
s_test_template (test_t *t, fixture_t *fixture)
{
    Projects__TemplateStep step = PROJECTS__TEMPLATE_STEP__INIT;
    step.key = "posters";
    step.label = "Faire des affiches (imprimerie de l'établissement)";
    step.phase = PROJECTS__STEP_PHASE__BEFORE_SESSION;
    step.unit = PROJECTS__OFFSET_UNIT__WEEKS;
    step.offset = -5;
    Projects__PutTemplateStep put = PROJECTS__PUT_TEMPLATE_STEP__INIT;
    put.region_code = "32";
    put.step = &step;
    put.note = "L'imprimerie demande deux semaines de plus";
    uint64_t seq = projects_harness_last_seq (t);
    step.key = "Affiches";
    EXPECT (SEND (PUT_TEMPLATE_STEP, put_template_step, &put), INVALID_ARGUMENT, "step.key");
    step.key = "posters";
    step.offset = 2;
    EXPECT (SEND (PUT_TEMPLATE_STEP, put_template_step, &put), INVALID_ARGUMENT, "step.offset");
    step.offset = -105;
    EXPECT (SEND (PUT_TEMPLATE_STEP, put_template_step, &put), INVALID_ARGUMENT, "step.offset");
    step.offset = -5;
    put.region_code = "99";
    EXPECT (SEND (PUT_TEMPLATE_STEP, put_template_step, &put), NOT_FOUND, "region_code");
    put.region_code = "32";
    CHECK (projects_harness_last_seq (t) == seq);

    Projects__PlanTemplate *shifted = OK (SEND (PUT_TEMPLATE_STEP, put_template_step,
                                                &put))->plan_template;
    CHECK (shifted->version == 1 && shifted->n_steps == 18);
    CHECK (streq (shifted->change, "step posters changed (S-5, was Mois-1)"));
    CHECK (streq (shifted->steps [1]->key, "posters") && shifted->steps [1]->offset == -5);
    CHECK (streq (projects_harness_event (t, seq + 1)->topic, "projects.plan_template.changed"));
    Projects__RemoveTemplateStep remove = PROJECTS__REMOVE_TEMPLATE_STEP__INIT;
    remove.region_code = "32";
    remove.key = "nothing";
    EXPECT (SEND (REMOVE_TEMPLATE_STEP, remove_template_step, &remove), NOT_FOUND, "key");
    remove.key = "rules";
    Projects__PlanTemplate *shorter = OK (SEND (REMOVE_TEMPLATE_STEP, remove_template_step,
                                                &remove))->plan_template;
    CHECK (shorter->version == 2 && shorter->n_steps == 17);

    //  Versions stay readable
    Projects__TemplateQuery query = PROJECTS__TEMPLATE_QUERY__INIT;
    query.region_code = "32";
    CHECK (OK (SEND (GET_PLAN_TEMPLATE, get_plan_template, &query))->plan_template->version == 2);
    query.version = 1;
    Projects__PlanTemplate *first = OK (SEND (GET_PLAN_TEMPLATE, get_plan_template,
                                              &query))->plan_template;
    CHECK (first->n_steps == 18 && first->steps [1]->offset == -5);
    query.version = 5;
    EXPECT (SEND (GET_PLAN_TEMPLATE, get_plan_template, &query), NOT_FOUND, "version");
    query.region_code = "11";
    query.version = 0;
    CHECK (OK (SEND (GET_PLAN_TEMPLATE, get_plan_template, &query))->plan_template->n_steps == 18);

    //  A plan made now follows version 2; the plans made before keep theirs
    Projects__SessionPlan *plan = OK (SEND (PLAN_SESSION, plan_session,
                                            s_plan (t, fixture->ist, "2026-09-17")))->plan;
    CHECK (plan->template_version == 2 && plan->n_steps == 17);
    CHECK (s_due (plan, "posters") == 20260813);              //  five weeks back
    for (size_t index = 0; index < plan->n_steps; index++)
        CHECK (!streq (plan->steps [index]->key, "rules"));
    Projects__ById by_id = PROJECTS__BY_ID__INIT;
    by_id.id = fixture->first;
    Projects__SessionPlan *older = OK (SEND (GET_PLAN, get_plan, &by_id))->plan;
    CHECK (older->template_version == 0 && older->n_steps == 18);

    Projects__ResetTemplate reset = PROJECTS__RESET_TEMPLATE__INIT;
    reset.region_code = "32";
    Projects__PlanTemplate *annex = OK (SEND (RESET_PLAN_TEMPLATE, reset_plan_template,
                                              &reset))->plan_template;
    CHECK (annex->version == 3 && annex->n_steps == 18 && annex->steps [1]->offset == -1);
}

//  Plans called off, one by one or with their project.
static void
s_test_cancel (test_t *t, fixture_t *fixture)
{
    Projects__CancelPlan cancel = PROJECTS__CANCEL_PLAN__INIT;
    cancel.id = fixture->second;
    cancel.date = DATE ("2026-05-01");
    EXPECT (SEND (CANCEL_PLAN, cancel_plan, &cancel), INVALID_ARGUMENT, "reason");
    cancel.reason = "Salle indisponible (travaux)";
    Projects__SessionPlan *cancelled = OK (SEND (CANCEL_PLAN, cancel_plan, &cancel))->plan;
    CHECK (cancelled->state == PROJECTS__PLAN_STATE__CANCELLED
           && pps_date_ordinal (cancelled->cancelled_on) == 20260501);
    EXPECT (SEND (CANCEL_PLAN, cancel_plan, &cancel), FAILED_PRECONDITION, "id");
    EXPECT (s_mark (t, fixture->second, "posters", PROJECTS__STEP_STATE__DONE, "2026-04-20",
                    NULL), FAILED_PRECONDITION, "plan_id");
    //  Its steps are no longer coming up
    CHECK (s_upcoming (t, "2026-05-20", 2, t->epm_id, 0)->n_items == 0);

    //  The IST project completes on 30 June: the September plan is cancelled,
    //  the June one stays (its report is still owed)
    uint64_t seq = projects_harness_last_seq (t);
    Projects__TransitionProject complete = PROJECTS__TRANSITION_PROJECT__INIT;
    complete.id = fixture->ist;
    complete.to = PROJECTS__PROJECT_STATUS__COMPLETED;
    complete.date = DATE ("2026-06-30");
    OK (SEND (TRANSITION_PROJECT, transition_project, &complete));
    CHECK (projects_harness_last_seq (t) == seq + 2);
    Projects__ProjectsEvent *event = projects_harness_event (t, seq + 2);
    CHECK (streq (event->topic, "projects.plan.cancelled") && event->plan
           && pps_date_ordinal (event->plan->date) == 20260917
           && streq (event->plan->cancel_reason, "project completed before the session"));
    Projects__PlanFilter filter = PROJECTS__PLAN_FILTER__INIT;
    filter.project_id = fixture->ist;
    filter.state = PROJECTS__PLAN_STATE__SCHEDULED;
    Projects__SessionPlanList *left = OK (SEND (LIST_PLANS, list_plans, &filter))->plans;
    CHECK (left->n_items == 1 && left->items [0]->id == fixture->first);

    //  An abandoned project cancels every plan it has left
    uint64_t drop = s_project (t, t->prison_id, "Atelier abandonné", "2026-02-01", NULL);
    uint64_t plan = OK (SEND (PLAN_SESSION, plan_session,
                              s_plan (t, drop, "2026-03-05")))->plan->id;
    Projects__TransitionProject abandon = PROJECTS__TRANSITION_PROJECT__INIT;
    abandon.id = drop;
    abandon.to = PROJECTS__PROJECT_STATUS__ABANDONED;
    abandon.date = DATE ("2026-04-01");
    OK (SEND (TRANSITION_PROJECT, transition_project, &abandon));
    Projects__ById by_id = PROJECTS__BY_ID__INIT;
    by_id.id = plan;
    Projects__SessionPlan *gone = OK (SEND (GET_PLAN, get_plan, &by_id))->plan;
    CHECK (gone->state == PROJECTS__PLAN_STATE__CANCELLED
           && streq (gone->cancel_reason, "project abandoned"));
    Projects__SessionPlan *late = s_plan (t, drop, "2026-06-01");
    EXPECT (SEND (PLAN_SESSION, plan_session, late), FAILED_PRECONDITION, "plan.project_id");
}

int
main (void)
{
    printf (" * projects.plans: ");
    fflush (stdout);
    test_t test;
    test_t *t = &test;
    projects_harness_start (t, PROJECTS_HARNESS_FIXTURE);
    fixture_t fixture;
    s_test_plan (t, &fixture);
    s_test_steps (t, &fixture);
    s_test_move (t, &fixture);
    s_test_upcoming (t, &fixture);
    s_test_template (t, &fixture);
    s_test_cancel (t, &fixture);
    projects_harness_stop (t);
    printf ("OK\n");
    return 0;
}
