/*  projects_sessions: the sessions of a project's action ("séances"):
    record, update, get, list. A session carries counts of people (never who
    they are) and is dated within the project's running period.  */
#include "projects_rules.h"

#include <czmq.h>

//  Checks a session's own fields and its counts.
static int
s_session_valid (pps_call_t *call, const Projects__Session *in)
{
    if (pps_check_date (call, "session.date", in->date, true)
    ||  pps_check_enum (call, "session.place", &projects__place__descriptor, in->place, true)
    ||  pps_check_text (call, "session.topic", in->topic, PPS_NAME_MAX, false)
    ||  pps_check_text (call, "session.facilitators", in->facilitators, PROJECTS_NOTE_MAX, false)
    ||  pps_check_enum (call, "session.group", &projects__group_kind__descriptor, in->group, true)
    ||  pps_check_range (call, "session.registered", in->registered, 0, PROJECTS_COUNT_MAX)
    ||  pps_check_range (call, "session.attended", in->attended, 0, PROJECTS_COUNT_MAX)
    ||  pps_check_text (call, "session.feedback", in->feedback, PROJECTS_FEEDBACK_MAX, false))
        return -1;
    if (!projects_rules_counts_valid (in->group, in->registered, in->attended))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "session.attended",
                              "session.attended (%u) exceeds session.registered (%u) in a "
                              "closed group", in->attended, in->registered);
    return 0;
}

//  Fails unless the session's date lies within the project's running period.
static int
s_session_dated (pps_call_t *call, const Projects__Project *project, const Projects__Session *in)
{
    if (projects_rules_in_running_period (project, in->date))
        return 0;
    const Pps__Date *start, *end;
    projects_rules_running_period (project, &start, &end);
    char first [16], last [16];
    return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "session.date",
                          "project %llu ran from %s to %s: session.date lies outside",
                          (unsigned long long) project->id,
                          start ? pps_date_format (start, first, sizeof first) : "never",
                          end ? pps_date_format (end, last, sizeof last) : "now");
}

PPS_HANDLER (projects_record_session)
{
    projects_t *projects = self;
    Projects__Session *in = (Projects__Session *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "session.id",
                              "the service assigns ids; leave session.id at 0");
    if (s_session_valid (call, in))
        return -1;
    Projects__Project *project;
    if (pps_record_load (call, projects->projects, in->project_id,
                       &projects__project__descriptor, "session.project_id", &project))
        return -1;
    if (!projects_rules_may_record (project->status))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "session.project_id",
                              "project %llu is %s: sessions are recorded once it is "
                              "RUNNING or COMPLETED", (unsigned long long) project->id,
                              projects_rules_status_name (project->status));
    if (s_session_dated (call, project, in))
        return -1;
    in->establishment_id = project->establishment_id;
    in->region_code = project->region_code;
    if (!(in->id = pps_record_new_id (call, "session"))
    ||  pps_record_index_add (call, projects->idx_project_sessions, project->id, in->id)
    ||  pps_record_save (call, projects->sessions, in->id, in, "session")
    ||  pps_call_emit (call, "session.recorded", PROJECTS__PROJECTS_EVENT__CHANGE_SESSION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (projects_update_session)
{
    projects_t *projects = self;
    Projects__Session *in = (Projects__Session *) op;
    Projects__Session *before;
    if (pps_record_load (call, projects->sessions, in->id, &projects__session__descriptor,
                       "session.id", &before)
    ||  s_session_valid (call, in))
        return -1;
    if (in->project_id && in->project_id != before->project_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "session.project_id",
                              "session %llu belongs to project %llu: a session stays with "
                              "its project", (unsigned long long) before->id,
                              (unsigned long long) before->project_id);
    Projects__Project *project;
    if (pps_record_load (call, projects->projects, before->project_id,
                       &projects__project__descriptor, "session.project_id", &project)
    ||  s_session_dated (call, project, in))
        return -1;
    in->project_id = before->project_id;
    in->establishment_id = before->establishment_id;
    in->region_code = before->region_code;
    if (pps_record_save (call, projects->sessions, in->id, in, "session")
    ||  pps_call_emit (call, "session.updated", PROJECTS__PROJECTS_EVENT__CHANGE_SESSION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (projects_get_session)
{
    projects_t *projects = self;
    const Projects__ById *in = op;
    return pps_record_load (call, projects->sessions, in->id,
                          &projects__session__descriptor, "id", result_p);
}

typedef struct {
    const Projects__SessionFilter *filter;
    Projects__SessionList *list;
    pps_arena_t *arena;
} session_scan_t;

//  Keeps the session when it passes every filter that is set.
static int
s_collect_session (ProtobufCMessage *record, void *arg)
{
    session_scan_t *scan = arg;
    const Projects__SessionFilter *filter = scan->filter;
    Projects__Session *session = (Projects__Session *) record;
    if (filter->project_id && filter->project_id != session->project_id)
        return 0;
    if (filter->establishment_id && filter->establishment_id != session->establishment_id)
        return 0;
    if (*filter->region_code && !streq (filter->region_code, session->region_code))
        return 0;
    if (!pps_date_in_range (session->date, filter->from, filter->to))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (projects_list_sessions)
{
    projects_t *projects = self;
    const Projects__SessionFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_date (call, "from", filter->from, false)
    ||  pps_check_date (call, "to", filter->to, false)
    ||  pps_check_period (call, "to", filter->from, filter->to))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Projects__SessionList *list = pps_arena_alloc (arena, sizeof *list);
    projects__session_list__init (list);
    session_scan_t scan = { filter, list, arena };
    if (filter->project_id) {
        //  The project's own sessions, through its index
        Projects__Project *project;
        if (pps_record_load (call, projects->projects, filter->project_id,
                           &projects__project__descriptor, "project_id", &project))
            return -1;
        Projects__Session **sessions = NULL;
        ssize_t count = projects_project_sessions (projects, call, filter->project_id, &sessions);
        if (count < 0)
            return -1;
        for (ssize_t index = 0; index < count; index++)
            s_collect_session (&sessions [index]->base, &scan);
    }
    else {
        int rc = pps_store_each (pps_call_txn (call), projects->sessions,
                                 &projects__session__descriptor, arena, s_collect_session, &scan);
        if (rc)
            return pps_call_fail_lmdb (call, rc, "sessions");
    }
    *result_p = &list->base;
    return 0;
}
