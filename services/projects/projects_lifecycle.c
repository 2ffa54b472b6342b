/*  projects_lifecycle: a project's status transitions, kept in its dated
    history, and its evaluation (with the OO 4.6 flags).  */
#include "projects_rules.h"

#include <czmq.h>

//  The latest session date of a project later than day, or NULL (or -1
//  with the call failed through *failed).
static const Pps__Date *
s_session_after (projects_t *self, pps_call_t *call, uint64_t project_id, const Pps__Date *day,
                 bool *failed)
{
    Projects__Session **sessions = NULL;
    ssize_t count = projects_project_sessions (self, call, project_id, &sessions);
    *failed = count < 0;
    const Pps__Date *latest = NULL;
    for (ssize_t index = 0; index < count; index++) {
        const Pps__Date *date = sessions [index]->date;
        if (pps_date_compare (date, day) > 0
        &&  (!latest || pps_date_compare (date, latest) > 0))
            latest = date;
    }
    return latest;
}

PPS_HANDLER (projects_transition_project)
{
    projects_t *projects = self;
    const Projects__TransitionProject *in = op;
    if (pps_check_enum (call, "to", &projects__project_status__descriptor, in->to, true)
    ||  pps_check_date (call, "date", in->date, true)
    ||  pps_check_text (call, "note", in->note, PROJECTS_NOTE_MAX, false))
        return -1;
    Projects__Project *project;
    if (pps_record_load (call, projects->projects, in->id, &projects__project__descriptor,
                       "id", &project))
        return -1;
    const char *from_name = projects_rules_status_name (project->status);
    const char *to_name = projects_rules_status_name (in->to);
    if (projects_rules_final (project->status))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "to",
                              "project %llu is %s, which is final",
                              (unsigned long long) project->id, from_name);
    if (!projects_rules_transition_allowed (project->status, in->to))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "to",
                              "project %llu cannot go from %s to %s",
                              (unsigned long long) project->id, from_name, to_name);
    char day [16];
    const Pps__Date *last = projects_rules_last_change (project);
    if (last && pps_date_compare (in->date, last) < 0)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "date",
                              "project %llu became %s on %s: a later step cannot be dated before",
                              (unsigned long long) project->id, from_name,
                              pps_date_format (last, day, sizeof day));
    //  Leaving RUNNING closes the running period: no session may lie after it
    if (project->status == PROJECTS__PROJECT_STATUS__RUNNING) {
        bool failed;
        const Pps__Date *after = s_session_after (projects, call, project->id, in->date, &failed);
        if (failed)
            return -1;
        if (after)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "date",
                                  "project %llu has a session on %s, after date",
                                  (unsigned long long) project->id,
                                  pps_date_format (after, day, sizeof day));
    }

    //  The history came from an unpack: build a new array one entry longer
    pps_arena_t *arena = pps_call_arena (call);
    Projects__StatusChange *change = pps_arena_alloc (arena, sizeof *change);
    projects__status_change__init (change);
    change->status = in->to;
    change->date = in->date;
    change->actor = (char *) pps_call_actor (call);
    change->note = in->note;
    Projects__StatusChange **history = pps_arena_alloc (arena,
                                                        (project->n_history + 1) * sizeof *history);
    if (project->n_history)
        memcpy (history, project->history, project->n_history * sizeof *history);
    history [project->n_history] = change;
    project->history = history;
    project->n_history++;
    project->status = in->to;
    if (pps_record_save (call, projects->projects, project->id, project, "project")
    ||  pps_call_emit (call, "project.transitioned", PROJECTS__PROJECTS_EVENT__CHANGE_PROJECT,
                       &project->base))
        return -1;
    //  Sessions it will never hold are no longer prepared, nor reminded
    if (projects_rules_final (project->status)
    &&  projects_close_plans (projects, call, project, in->date))
        return -1;
    *result_p = &project->base;
    return 0;
}

PPS_HANDLER (projects_set_evaluation)
{
    projects_t *projects = self;
    const Projects__SetEvaluation *in = op;
    const Projects__Evaluation *evaluation = in->evaluation;
    if (!evaluation)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "evaluation",
                              "evaluation is required");
    if (pps_check_text (call, "evaluation.results", evaluation->results, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "evaluation.process", evaluation->process, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "evaluation.procedure", evaluation->procedure,
                        PPS_TEXT_MAX, false)
    ||  pps_check_date (call, "evaluation.evaluated_on", evaluation->evaluated_on, true))
        return -1;
    if (!*evaluation->results && !*evaluation->process && !*evaluation->procedure)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "evaluation.results",
                              "an evaluation says something: results, process or procedure");
    Projects__Project *project;
    if (pps_record_load (call, projects->projects, in->project_id,
                       &projects__project__descriptor, "project_id", &project))
        return -1;
    if (!projects_rules_may_record (project->status))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "project_id",
                              "project %llu is %s: it is evaluated once RUNNING or COMPLETED",
                              (unsigned long long) project->id,
                              projects_rules_status_name (project->status));
    const Pps__Date *start, *end;
    projects_rules_running_period (project, &start, &end);
    char day [16];
    if (start && pps_date_compare (evaluation->evaluated_on, start) < 0)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "evaluation.evaluated_on",
                              "project %llu started running on %s: it cannot be evaluated before",
                              (unsigned long long) project->id,
                              pps_date_format (start, day, sizeof day));
    project->evaluation = (Projects__Evaluation *) evaluation;
    project->promising = in->promising;
    project->evidence_based = in->evidence_based;
    if (pps_record_save (call, projects->projects, project->id, project, "project")
    ||  pps_call_emit (call, "project.evaluated", PROJECTS__PROJECTS_EVENT__CHANGE_PROJECT,
                       &project->base))
        return -1;
    *result_p = &project->base;
    return 0;
}
