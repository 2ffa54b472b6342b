/*  projects_sheet: the project sheet of annex 2: create, update, get, list.
    The status and the evaluation change through projects_lifecycle.c; the
    fields the service owns are ignored in a request (see proto/projects.proto).  */
#include "projects_rules.h"
#include "pps_money.h"

#include <czmq.h>

#define PROJECTS_OBJECTIVES_MAX 100   //  specific or operational objectives

//  A repeated text field: at most max items, each at most size bytes.
static int
s_check_texts (pps_call_t *call, const char *field, char *const *texts, size_t count,
               size_t max, size_t size)
{
    if (count > max)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s has %zu items, at most %zu", field, count, max);
    for (size_t index = 0; index < count; index++)
        if (pps_check_text (call, pps_arena_printf (pps_call_arena (call), "%s[%zu]", field, index),
                            texts [index], size, true))
            return -1;
    return 0;
}

//  The planned budget is an amount like any other: the limit every
//  service holds amounts to (pps_money_valid), 0 meaning unknown.
static int
s_check_budget (pps_call_t *call, int64_t cents)
{
    if (pps_money_valid (cents))
        return 0;
    char most [PPS_MONEY_TEXT_MAX];
    return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "project.planned_budget_cents",
                          "project.planned_budget_cents must be 0 or more and at most %lld "
                          "cents (%s)", PPS_MONEY_MAX,
                          pps_money_format (PPS_MONEY_MAX, most, sizeof most));
}

//  Checks the sheet's own fields (not its references nor the service's fields).
static int
s_project_valid (pps_call_t *call, const Projects__Project *in)
{
    if (pps_check_text (call, "project.title", in->title, PPS_NAME_MAX, true)
    ||  pps_check_enum (call, "project.carrier", &projects__carrier__descriptor, in->carrier, true)
    ||  pps_check_text (call, "project.carrier_name", in->carrier_name, PPS_NAME_MAX, false)
    ||  pps_check_text (call, "project.funding_summary", in->funding_summary,
                        PPS_TEXT_MAX, false)
    ||  projects_check_enums (call, "project.publics", &projects__target_public__descriptor,
                              (const int *) in->publics, in->n_publics)
    ||  projects_check_enums (call, "project.places", &projects__place__descriptor,
                              (const int *) in->places, in->n_places)
    ||  projects_check_enums (call, "project.themes", &projects__theme__descriptor,
                              (const int *) in->themes, in->n_themes)
    ||  projects_check_enums (call, "project.ottawa_axes", &projects__ottawa_axis__descriptor,
                              (const int *) in->ottawa_axes, in->n_ottawa_axes)
    ||  pps_check_enum (call, "project.participation", &projects__participation__descriptor,
                        in->participation, false)
    ||  pps_check_text (call, "project.actions", in->actions, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "project.partnership_inside", in->partnership_inside,
                        PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "project.partnership_outside", in->partnership_outside,
                        PPS_TEXT_MAX, false)
    ||  s_check_budget (call, in->planned_budget_cents)
    ||  pps_check_text (call, "project.communication", in->communication, PPS_TEXT_MAX, false)
    ||  pps_check_date (call, "project.planned_start", in->planned_start, false)
    ||  pps_check_date (call, "project.planned_end", in->planned_end, false)
    ||  pps_check_period (call, "project.planned_end", in->planned_start, in->planned_end))
        return -1;
    const Projects__Diagnostic *diagnostic = in->diagnostic;
    if (diagnostic
    &&  (pps_check_text (call, "project.diagnostic.context", diagnostic->context,
                         PPS_TEXT_MAX, false)
    ||   pps_check_text (call, "project.diagnostic.problems", diagnostic->problems,
                         PPS_TEXT_MAX, false)
    ||   pps_check_text (call, "project.diagnostic.needs_voiced_by_detainees",
                         diagnostic->needs_voiced_by_detainees, PPS_TEXT_MAX, false)
    ||   pps_check_text (call, "project.diagnostic.needs_seen_by_professionals",
                         diagnostic->needs_seen_by_professionals, PPS_TEXT_MAX, false)))
        return -1;
    const Projects__Objectives *objectives = in->objectives;
    if (objectives
    &&  (pps_check_text (call, "project.objectives.general", objectives->general,
                         PPS_TEXT_MAX, false)
    ||   s_check_texts (call, "project.objectives.specific", objectives->specific,
                        objectives->n_specific, PROJECTS_OBJECTIVES_MAX, PPS_TEXT_MAX)
    ||   s_check_texts (call, "project.objectives.operational", objectives->operational,
                        objectives->n_operational, PROJECTS_OBJECTIVES_MAX, PPS_TEXT_MAX)))
        return -1;
    if (in->n_partner_ids > PROJECTS_PARTNERS_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "project.partner_ids",
                              "project.partner_ids has %zu items, at most %d",
                              in->n_partner_ids, PROJECTS_PARTNERS_MAX);
    for (size_t index = 0; index < in->n_partner_ids; index++) {
        const char *field = pps_arena_printf (pps_call_arena (call), "project.partner_ids[%zu]",
                                              index);
        if (pps_check_id (call, field, in->partner_ids [index]))
            return -1;
        for (size_t before = 0; before < index; before++)
            if (in->partner_ids [before] == in->partner_ids [index])
                return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                      "%s repeats project.partner_ids[%zu]", field, before);
    }
    return 0;
}

//  Asks the registry for every partner of in that known does not hold
//  (known: the partners already checked, NULL for none).
static int
s_check_partners (projects_t *self, pps_call_t *call, const Projects__Project *in,
                  const Projects__Project *known)
{
    for (size_t index = 0; index < in->n_partner_ids; index++) {
        bool checked = false;
        for (size_t other = 0; known && other < known->n_partner_ids && !checked; other++)
            checked = known->partner_ids [other] == in->partner_ids [index];
        if (!checked
        &&  projects_check_partner (self, call, in->partner_ids [index],
                                    pps_arena_printf (pps_call_arena (call),
                                                      "project.partner_ids[%zu]", index)))
            return -1;
    }
    return 0;
}

PPS_HANDLER (projects_create_project)
{
    projects_t *projects = self;
    Projects__Project *in = (Projects__Project *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "project.id",
                              "the service assigns ids; leave project.id at 0");
    if (s_project_valid (call, in)
    ||  pps_check_date (call, "project.created_on", in->created_on, true)
    ||  pps_check_id (call, "project.establishment_id", in->establishment_id))
        return -1;
    Registry__Establishment *establishment = projects_establishment (
        projects, call, in->establishment_id, "project.establishment_id");
    if (!establishment)
        return -1;
    if (pps_date_is_set (establishment->closed_on)
    &&  pps_date_compare (in->created_on, establishment->closed_on) > 0)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "project.establishment_id",
                              "establishment %llu is closed at project.created_on",
                              (unsigned long long) establishment->id);
    if (s_check_partners (projects, call, in, NULL))
        return -1;

    //  The service's fields: the establishment's region and minors flag
    //  as the registry says, a draft with its first dated step
    pps_arena_t *arena = pps_call_arena (call);
    in->region_code = pps_arena_strdup (arena, establishment->region_code);
    in->establishment_minors = establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
                            || establishment->has_minors_quarter;
    in->status = PROJECTS__PROJECT_STATUS__DRAFT;
    Projects__StatusChange *created = pps_arena_alloc (arena, sizeof *created);
    projects__status_change__init (created);
    created->status = PROJECTS__PROJECT_STATUS__DRAFT;
    created->date = in->created_on;
    created->actor = (char *) pps_call_actor (call);
    created->note = "created";
    in->history = NULL;
    in->n_history = 0;
    pps_arena_push (arena, (void ***) &in->history, &in->n_history, created);
    in->evaluation = NULL;
    in->promising = false;
    in->evidence_based = false;

    if (!(in->id = pps_record_new_id (call, "project"))
    ||  pps_record_index_add (call, projects->idx_establishment_projects,
                            in->establishment_id, in->id)
    ||  pps_record_save (call, projects->projects, in->id, in, "project")
    ||  pps_call_emit (call, "project.created", PROJECTS__PROJECTS_EVENT__CHANGE_PROJECT,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (projects_update_project)
{
    projects_t *projects = self;
    Projects__Project *in = (Projects__Project *) op;
    Projects__Project *before;
    if (pps_record_load (call, projects->projects, in->id, &projects__project__descriptor,
                       "project.id", &before)
    ||  s_project_valid (call, in))
        return -1;
    if (in->establishment_id && in->establishment_id != before->establishment_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "project.establishment_id",
                              "project %llu belongs to establishment %llu: a project stays "
                              "in its establishment", (unsigned long long) before->id,
                              (unsigned long long) before->establishment_id);
    if (s_check_partners (projects, call, in, before))
        return -1;
    //  Fixed at create, or changed only through their own operations
    in->establishment_id = before->establishment_id;
    in->region_code = before->region_code;
    in->establishment_minors = before->establishment_minors;
    in->created_on = before->created_on;
    in->status = before->status;
    in->history = before->history;
    in->n_history = before->n_history;
    in->evaluation = before->evaluation;
    in->promising = before->promising;
    in->evidence_based = before->evidence_based;
    if (pps_record_save (call, projects->projects, in->id, in, "project")
    ||  pps_call_emit (call, "project.updated", PROJECTS__PROJECTS_EVENT__CHANGE_PROJECT,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (projects_get_project)
{
    projects_t *projects = self;
    const Projects__ById *in = op;
    return pps_record_load (call, projects->projects, in->id,
                          &projects__project__descriptor, "id", result_p);
}

typedef struct {
    const Projects__ProjectFilter *filter;
    Projects__ProjectList *list;
    pps_arena_t *arena;
} project_scan_t;

//  Keeps the project when it passes every filter that is set.
static int
s_collect_project (ProtobufCMessage *record, void *arg)
{
    project_scan_t *scan = arg;
    const Projects__ProjectFilter *filter = scan->filter;
    Projects__Project *project = (Projects__Project *) record;
    if (filter->establishment_id && filter->establishment_id != project->establishment_id)
        return 0;
    if (*filter->region_code && !streq (filter->region_code, project->region_code))
        return 0;
    if (filter->status && filter->status != project->status)
        return 0;
    if (filter->theme) {
        bool found = false;
        for (size_t index = 0; index < project->n_themes && !found; index++)
            found = project->themes [index] == filter->theme;
        if (!found)
            return 0;
    }
    if ((pps_date_is_set (filter->from) || pps_date_is_set (filter->to))
    &&  !projects_rules_implemented (project, filter->from, filter->to))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (projects_list_projects)
{
    projects_t *projects = self;
    const Projects__ProjectFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "status", &projects__project_status__descriptor, filter->status,
                        false)
    ||  pps_check_enum (call, "theme", &projects__theme__descriptor, filter->theme, false)
    ||  pps_check_date (call, "from", filter->from, false)
    ||  pps_check_date (call, "to", filter->to, false)
    ||  pps_check_period (call, "to", filter->from, filter->to))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Projects__ProjectList *list = pps_arena_alloc (arena, sizeof *list);
    projects__project_list__init (list);
    project_scan_t scan = { filter, list, arena };
    if (filter->establishment_id) {
        //  The establishment's own projects, through its index
        size_t count = 0;
        uint64_t *ids = pps_record_index_ids (call, projects->idx_establishment_projects,
                                              filter->establishment_id, &count);
        if (!ids)
            return -1;
        for (size_t index = 0; index < count; index++) {
            Projects__Project *project;
            if (pps_record_load (call, projects->projects, ids [index],
                               &projects__project__descriptor, "project", &project))
                return -1;
            s_collect_project (&project->base, &scan);
        }
    }
    else {
        int rc = pps_store_each (pps_call_txn (call), projects->projects,
                                 &projects__project__descriptor, arena, s_collect_project, &scan);
        if (rc)
            return pps_call_fail_lmdb (call, rc, "projects");
    }
    *result_p = &list->base;
    return 0;
}
