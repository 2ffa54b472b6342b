/*  projects_plans: sessions planned ahead with their rétroplanning (annex
    2, "Calendrier de l'action ... Rétroplanning type"): plan, change or
    move, cancel; who does each step and where it stands; a region's steps
    coming up. The steps are copied from the region's template when the
    session is planned; their due dates follow the session's day.

    Nothing about detainees is kept: a step says "send the list of
    participants to the detention", and its note is checked like every
    other free text. The counts of a session held go in record_session.  */
#include "projects_rules.h"

#include <czmq.h>

//  A time of day "HH:MM" (24 h), or empty.
static bool
s_time_valid (const char *text)
{
    if (!*text)
        return true;
    if (strlen (text) != 5 || text [2] != ':')
        return false;
    for (int index = 0; index < 5; index++)
        if (index != 2 && (text [index] < '0' || text [index] > '9'))
            return false;
    int hours = (text [0] - '0') * 10 + text [1] - '0';
    int minutes = (text [3] - '0') * 10 + text [4] - '0';
    return hours < 24 && minutes < 60;
}

//  Checks a plan's own fields (those a request gives).
static int
s_plan_valid (pps_call_t *call, const Projects__SessionPlan *in)
{
    if (pps_check_date (call, "plan.date", in->date, true)
    ||  pps_check_text (call, "plan.start_time", in->start_time, 5, false)
    ||  pps_check_enum (call, "plan.place", &projects__place__descriptor, in->place, true)
    ||  pps_check_text (call, "plan.room", in->room, PPS_NAME_MAX, false)
    ||  pps_check_enum (call, "plan.group", &projects__group_kind__descriptor, in->group, true)
    ||  pps_check_text (call, "plan.topic", in->topic, PPS_NAME_MAX, false))
        return -1;
    if (!s_time_valid (in->start_time))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "plan.start_time",
                              "plan.start_time '%s' is not a time HH:MM", in->start_time);
    return 0;
}

//  Fails unless the session falls on or after the project's creation.
static int
s_plan_dated (pps_call_t *call, const Projects__Project *project, const Pps__Date *date)
{
    if (!pps_date_is_set (project->created_on) || pps_date_compare (date, project->created_on) >= 0)
        return 0;
    char day [16];
    return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "plan.date",
                          "project %llu was created on %s: a session cannot be planned before",
                          (unsigned long long) project->id,
                          pps_date_format (project->created_on, day, sizeof day));
}

//  Fails unless the plan is still scheduled.
static int
s_scheduled (pps_call_t *call, const Projects__SessionPlan *plan, const char *field)
{
    if (plan->state == PROJECTS__PLAN_STATE__SCHEDULED)
        return 0;
    char day [16];
    return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, field,
                          "plan %llu was cancelled on %s: it changes no more",
                          (unsigned long long) plan->id,
                          pps_date_format (plan->cancelled_on, day, sizeof day));
}

//  Store a plan and tell it under topic.
static int
s_save (projects_t *self, pps_call_t *call, Projects__SessionPlan *plan, const char *topic,
        ProtobufCMessage **result_p)
{
    if (pps_record_save (call, self->plans, plan->id, plan, "plan")
    ||  pps_call_emit (call, topic, PROJECTS__PROJECTS_EVENT__CHANGE_PLAN, &plan->base))
        return -1;
    if (result_p)
        *result_p = &plan->base;
    return 0;
}

PPS_HANDLER (projects_plan_session)
{
    projects_t *projects = self;
    Projects__SessionPlan *in = (Projects__SessionPlan *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "plan.id",
                              "the service assigns ids; leave plan.id at 0");
    if (s_plan_valid (call, in))
        return -1;
    Projects__Project *project;
    if (pps_record_load (call, projects->projects, in->project_id,
                         &projects__project__descriptor, "plan.project_id", &project))
        return -1;
    if (projects_rules_final (project->status))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "plan.project_id",
                              "project %llu is %s: it plans no more sessions",
                              (unsigned long long) project->id,
                              projects_rules_status_name (project->status));
    if (s_plan_dated (call, project, in->date))
        return -1;
    Projects__PlanTemplate *template = projects_plan_template (projects, call,
                                                               project->region_code, 0,
                                                               "plan.project_id");
    if (!template)
        return -1;
    //  What the service says, whatever the request said
    in->establishment_id = project->establishment_id;
    in->region_code = project->region_code;
    in->template_version = template->version;
    in->steps = projects_rules_plan_steps (pps_call_arena (call), template->steps,
                                           template->n_steps, in->date);
    in->n_steps = template->n_steps;
    in->state = PROJECTS__PLAN_STATE__SCHEDULED;
    in->cancelled_on = NULL;
    in->cancel_reason = "";
    if (!(in->id = pps_record_new_id (call, "plan"))
    ||  pps_record_index_add (call, projects->idx_project_plans, project->id, in->id))
        return -1;
    return s_save (projects, call, in, "plan.created", result_p);
}

PPS_HANDLER (projects_update_plan)
{
    projects_t *projects = self;
    const Projects__SessionPlan *in = op;
    Projects__SessionPlan *plan;
    if (pps_record_load (call, projects->plans, in->id, &projects__session_plan__descriptor,
                         "plan.id", &plan)
    ||  s_plan_valid (call, in)
    ||  s_scheduled (call, plan, "plan.id"))
        return -1;
    if (in->project_id && in->project_id != plan->project_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "plan.project_id",
                              "plan %llu belongs to project %llu: a plan stays with its project",
                              (unsigned long long) plan->id,
                              (unsigned long long) plan->project_id);
    Projects__Project *project;
    if (pps_record_load (call, projects->projects, plan->project_id,
                         &projects__project__descriptor, "plan.project_id", &project)
    ||  s_plan_dated (call, project, in->date))
        return -1;
    bool moved = pps_date_compare (in->date, plan->date) != 0;
    plan->start_time = in->start_time;
    plan->place = in->place;
    plan->room = in->room;
    plan->group = in->group;
    plan->topic = in->topic;
    if (moved)
        projects_rules_move_plan (pps_call_arena (call), plan, in->date);
    return s_save (projects, call, plan, moved ? "plan.moved" : "plan.updated", result_p);
}

PPS_HANDLER (projects_cancel_plan)
{
    projects_t *projects = self;
    const Projects__CancelPlan *in = op;
    if (pps_check_date (call, "date", in->date, true)
    ||  pps_check_text (call, "reason", in->reason, PROJECTS_NOTE_MAX, true))
        return -1;
    Projects__SessionPlan *plan;
    if (pps_record_load (call, projects->plans, in->id, &projects__session_plan__descriptor,
                         "id", &plan)
    ||  s_scheduled (call, plan, "id"))
        return -1;
    plan->state = PROJECTS__PLAN_STATE__CANCELLED;
    plan->cancelled_on = in->date;
    plan->cancel_reason = in->reason;
    return s_save (projects, call, plan, "plan.cancelled", result_p);
}

//  Load a scheduled plan and its step with key; 0, or -1 with the call failed.
static int
s_plan_step (projects_t *self, pps_call_t *call, uint64_t plan_id, const char *key,
             Projects__SessionPlan **plan_p, Projects__PlanStep **step_p)
{
    if (pps_record_load (call, self->plans, plan_id, &projects__session_plan__descriptor,
                         "plan_id", plan_p)
    ||  s_scheduled (call, *plan_p, "plan_id"))
        return -1;
    *step_p = projects_rules_plan_step (*plan_p, key);
    if (!*step_p)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "key", "plan %llu has no step %s",
                              (unsigned long long) plan_id, key);
    return 0;
}

PPS_HANDLER (projects_assign_step)
{
    projects_t *projects = self;
    const Projects__AssignStep *in = op;
    if (pps_check_text (call, "key", in->key, PROJECTS_STEP_KEY_MAX, true)
    ||  pps_check_text (call, "responsible_organisation", in->responsible_organisation,
                        PPS_NAME_MAX, false))
        return -1;
    if (!in->responsible_person_id && !*in->responsible_organisation)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "responsible_person_id",
                              "name who does the step: responsible_person_id (a staff member "
                              "of the registry), responsible_organisation, or both");
    Projects__SessionPlan *plan;
    Projects__PlanStep *step;
    if (s_plan_step (projects, call, in->plan_id, in->key, &plan, &step))
        return -1;
    step->responsible_name = "";
    if (in->responsible_person_id) {
        //  Staff only: the registry holds no detainee, so a person it knows is staff
        Registry__Person *person = projects_person (projects, call, in->responsible_person_id,
                                                    "responsible_person_id");
        if (!person)
            return -1;
        step->responsible_name = person->full_name;
    }
    step->responsible_person_id = in->responsible_person_id;
    step->responsible_organisation = in->responsible_organisation;
    return s_save (projects, call, plan, "plan.step_assigned", result_p);
}

PPS_HANDLER (projects_mark_step)
{
    projects_t *projects = self;
    const Projects__MarkStep *in = op;
    if (pps_check_text (call, "key", in->key, PROJECTS_STEP_KEY_MAX, true)
    ||  pps_check_enum (call, "state", &projects__step_state__descriptor, in->state, true)
    ||  pps_check_date (call, "done_on", in->done_on,
                        in->state == PROJECTS__STEP_STATE__DONE)
    ||  pps_check_text (call, "reason", in->reason, PROJECTS_NOTE_MAX,
                        in->state == PROJECTS__STEP_STATE__NOT_APPLICABLE)
    ||  pps_check_text (call, "note", in->note, PROJECTS_NOTE_MAX, false))
        return -1;
    if (in->state != PROJECTS__STEP_STATE__DONE && pps_date_is_set (in->done_on))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "done_on",
                              "done_on is for a step marked DONE");
    if (in->state != PROJECTS__STEP_STATE__NOT_APPLICABLE && *in->reason)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "reason",
                              "reason is for a step marked NOT_APPLICABLE");
    if (in->state == PROJECTS__STEP_STATE__DONE) {
        //  Done is a fact: it has happened, by today (UTC)
        Pps__Date today = PPS__DATE__INIT;
        pps_date_today (&today);
        if (pps_date_compare (in->done_on, &today) > 0)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "done_on",
                                  "done_on lies after today: mark the step when it is done");
    }
    Projects__SessionPlan *plan;
    Projects__PlanStep *step;
    if (s_plan_step (projects, call, in->plan_id, in->key, &plan, &step))
        return -1;
    step->state = in->state;
    step->done_on = in->state == PROJECTS__STEP_STATE__DONE ? in->done_on : NULL;
    step->reason = in->reason;
    step->note = in->note;
    return s_save (projects, call, plan, "plan.step_marked", result_p);
}

PPS_HANDLER (projects_get_plan)
{
    projects_t *projects = self;
    const Projects__ById *in = op;
    return pps_record_load (call, projects->plans, in->id, &projects__session_plan__descriptor,
                            "id", result_p);
}

int
projects_close_plans (projects_t *self, pps_call_t *call, const Projects__Project *project,
                      const Pps__Date *date)
{
    size_t count = 0;
    uint64_t *ids = pps_record_index_ids (call, self->idx_project_plans, project->id, &count);
    if (!ids)
        return -1;
    bool abandoned = project->status == PROJECTS__PROJECT_STATUS__ABANDONED;
    for (size_t index = 0; index < count; index++) {
        Projects__SessionPlan *plan;
        if (pps_record_load (call, self->plans, ids [index], &projects__session_plan__descriptor,
                             "plan", &plan))
            return -1;
        //  A completed project still owes the steps after its last sessions
        if (plan->state != PROJECTS__PLAN_STATE__SCHEDULED
        ||  (!abandoned && pps_date_compare (plan->date, date) <= 0))
            continue;
        plan->state = PROJECTS__PLAN_STATE__CANCELLED;
        plan->cancelled_on = (Pps__Date *) date;
        plan->cancel_reason = abandoned ? "project abandoned"
                                        : "project completed before the session";
        if (s_save (self, call, plan, "plan.cancelled", NULL))
            return -1;
    }
    return 0;
}

//  ---------------------------------------------------------------- lists

typedef struct {
    const Projects__PlanFilter *filter;
    Projects__SessionPlanList *list;
    pps_arena_t *arena;
} plan_scan_t;

//  Keeps the plan when it passes every filter that is set.
static int
s_collect_plan (ProtobufCMessage *record, void *arg)
{
    plan_scan_t *scan = arg;
    const Projects__PlanFilter *filter = scan->filter;
    Projects__SessionPlan *plan = (Projects__SessionPlan *) record;
    if ((filter->project_id && filter->project_id != plan->project_id)
    ||  (filter->establishment_id && filter->establishment_id != plan->establishment_id)
    ||  (*filter->region_code && !streq (filter->region_code, plan->region_code))
    ||  (filter->state && filter->state != plan->state)
    ||  !pps_date_in_range (plan->date, filter->from, filter->to))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (projects_list_plans)
{
    projects_t *projects = self;
    const Projects__PlanFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_date (call, "from", filter->from, false)
    ||  pps_check_date (call, "to", filter->to, false)
    ||  pps_check_period (call, "to", filter->from, filter->to)
    ||  pps_check_enum (call, "state", &projects__plan_state__descriptor, filter->state, false))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Projects__SessionPlanList *list = (Projects__SessionPlanList *)
        pps_arena_message (arena, &projects__session_plan_list__descriptor);
    plan_scan_t scan = { filter, list, arena };
    if (filter->project_id) {
        //  The project's own plans, through its index
        Projects__Project *project;
        size_t count = 0;
        uint64_t *ids;
        if (pps_record_load (call, projects->projects, filter->project_id,
                             &projects__project__descriptor, "project_id", &project)
        ||  !(ids = pps_record_index_ids (call, projects->idx_project_plans, project->id, &count)))
            return -1;
        for (size_t index = 0; index < count; index++) {
            Projects__SessionPlan *plan;
            if (pps_record_load (call, projects->plans, ids [index],
                                 &projects__session_plan__descriptor, "plan", &plan))
                return -1;
            s_collect_plan (&plan->base, &scan);
        }
    }
    else {
        int rc = pps_store_each (pps_call_txn (call), projects->plans,
                                 &projects__session_plan__descriptor, arena, s_collect_plan,
                                 &scan);
        if (rc)
            return pps_call_fail_lmdb (call, rc, "plans");
    }
    *result_p = &list->base;
    return 0;
}

typedef struct {
    const Projects__UpcomingQuery *query;
    Pps__Date on;                     //  The query's day, or today
    Pps__Date until;                  //  on + days
    pps_call_t *call;
    projects_t *projects;
    Projects__UpcomingStep **items;
    size_t count;
    int failed;
} upcoming_scan_t;

//  Keeps the steps to do, due by the horizon, of a scheduled plan of the region.
static int
s_collect_upcoming (ProtobufCMessage *record, void *arg)
{
    upcoming_scan_t *scan = arg;
    const Projects__UpcomingQuery *query = scan->query;
    Projects__SessionPlan *plan = (Projects__SessionPlan *) record;
    if (plan->state != PROJECTS__PLAN_STATE__SCHEDULED
    ||  !streq (plan->region_code, query->region_code)
    ||  (query->establishment_id && query->establishment_id != plan->establishment_id))
        return 0;
    pps_arena_t *arena = pps_call_arena (scan->call);
    const char *title = NULL;
    for (size_t index = 0; index < plan->n_steps; index++) {
        Projects__PlanStep *step = plan->steps [index];
        if (step->state != PROJECTS__STEP_STATE__TO_DO
        ||  pps_date_compare (step->due, &scan->until) > 0
        ||  (query->responsible_person_id
             && query->responsible_person_id != step->responsible_person_id))
            continue;
        if (!title) {
            Projects__Project *project;
            if (pps_record_load (scan->call, scan->projects->projects, plan->project_id,
                                 &projects__project__descriptor, "project", &project)) {
                scan->failed = -1;
                return -1;
            }
            title = project->title;
        }
        Projects__UpcomingStep *item = (Projects__UpcomingStep *)
            pps_arena_message (arena, &projects__upcoming_step__descriptor);
        item->plan_id = plan->id;
        item->project_id = plan->project_id;
        item->project_title = (char *) title;
        item->establishment_id = plan->establishment_id;
        item->session_date = plan->date;
        item->key = step->key;
        item->label = step->label;
        item->phase = step->phase;
        item->due = step->due;
        item->days_left = projects_rules_days_between (&scan->on, step->due);
        item->responsible_person_id = step->responsible_person_id;
        item->responsible_name = step->responsible_name;
        item->responsible_organisation = step->responsible_organisation;
        pps_arena_push (arena, (void ***) &scan->items, &scan->count, item);
    }
    return 0;
}

//  An item and its rank when collected: plans are visited in id order and
//  their steps by due date, so the rank breaks ties in each plan's order.
typedef struct {
    Projects__UpcomingStep *item;
    size_t rank;
} ranked_t;

//  Soonest first; then by plan, then in the plan's own order.
static int
s_compare_upcoming (const void *left_p, const void *right_p)
{
    const ranked_t *left = left_p, *right = right_p;
    int by_day = pps_date_compare (left->item->due, right->item->due);
    if (by_day)
        return by_day;
    if (left->item->plan_id != right->item->plan_id)
        return left->item->plan_id < right->item->plan_id ? -1 : 1;
    return left->rank < right->rank ? -1 : left->rank > right->rank;
}

PPS_HANDLER (projects_upcoming_steps)
{
    projects_t *projects = self;
    const Projects__UpcomingQuery *query = op;
    if (pps_check_text (call, "region_code", query->region_code, PPS_CODE_MAX, true)
    ||  pps_check_range (call, "days", query->days, 0, PROJECTS_UPCOMING_MAX)
    ||  pps_check_date (call, "on", query->on, false))
        return -1;
    upcoming_scan_t scan = { .query = query, .call = call, .projects = projects };
    pps__date__init (&scan.on);
    pps__date__init (&scan.until);
    if (pps_date_is_set (query->on)) {
        scan.on.year = query->on->year;
        scan.on.month = query->on->month;
        scan.on.day = query->on->day;
    }
    else
        pps_date_today (&scan.on);
    projects_rules_add_days (&scan.on, (int32_t) (query->days ? query->days
                                                              : PROJECTS_UPCOMING_DAYS),
                             &scan.until);
    int rc = pps_store_each (pps_call_txn (call), projects->plans,
                             &projects__session_plan__descriptor, pps_call_arena (call),
                             s_collect_upcoming, &scan);
    if (scan.failed)
        return -1;
    if (rc)
        return pps_call_fail_lmdb (call, rc, "plans");
    ranked_t *ranked = pps_arena_alloc (pps_call_arena (call),
                                        (scan.count + 1) * sizeof *ranked);
    for (size_t index = 0; index < scan.count; index++)
        ranked [index] = (ranked_t) { scan.items [index], index };
    qsort (ranked, scan.count, sizeof *ranked, s_compare_upcoming);
    for (size_t index = 0; index < scan.count; index++)
        scan.items [index] = ranked [index].item;
    Projects__UpcomingStepList *list = (Projects__UpcomingStepList *)
        pps_arena_message (pps_call_arena (call), &projects__upcoming_step_list__descriptor);
    list->items = scan.items;
    list->n_items = scan.count;
    *result_p = &list->base;
    return 0;
}
