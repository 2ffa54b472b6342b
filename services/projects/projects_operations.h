/*  projects_operations: every operation of the projects service and every topic
    of its events, declared once.

    Each line: the request's member (and the handler projects_<name>), its kind
    (READ, WRITE, ADMIN), the reply's member, what it does in one line, and
    the dotted paths of its message the handler refuses to go without. The
    runtime serves the table made from it and Describe tells clients all of
    it (see pps_service.h); protocol.python_client holds the required paths
    to what the handlers refuse.
*/
#ifndef PROJECTS_OPERATIONS_H_INCLUDED
#define PROJECTS_OPERATIONS_H_INCLUDED

#define PROJECTS_OPERATIONS(OP, P) \
    OP (P, create_project, WRITE, project,\
        "Create a project sheet for an establishment; "\
        "it starts as a draft.", "title carrier created_on establishment_id") \
    OP (P, update_project, WRITE, project,\
        "Update a project's sheet; its establishment, "\
        "status and evaluation stay as they are.", "id title carrier") \
    OP (P, transition_project, WRITE, project,\
        "Move a project to its next status (planned, running, "\
        "completed or abandoned), dated.", "to date id") \
    OP (P, set_evaluation, WRITE, project,\
        "Record a running or completed project's evaluation, and "\
        "if it is promising or evidence-based.", "evaluation evaluation.evaluated_on project_id") \
    OP (P, get_project, READ, project,\
        "Show one project with its sheet, status history and evaluation.", "id") \
    OP (P, list_projects, READ, projects,\
        "List projects by establishment, region, status, theme or period when running.", "") \
    OP (P, record_session, WRITE, session,\
        "Record a session held with detainees: date, place, group and counts, "\
        "never names.", "date place group project_id") \
    OP (P, update_session, WRITE, session,\
        "Correct a session; "\
        "it stays with its project and within its running period.", "id date place group") \
    OP (P, get_session, READ, session,\
        "Show one session of a project.", "id") \
    OP (P, list_sessions, READ, sessions,\
        "List sessions by project, establishment or region, dated within a period.", "") \
    OP (P, put_swot, WRITE, establishment_year,\
        "Record an establishment's SWOT and needs for a year, "\
        "replacing any earlier one.", "establishment_id year swot") \
    OP (P, put_review, WRITE, establishment_year,\
        "Record an establishment's yearly review, done in that "\
        "year or early the next.", "establishment_id year review review.done_on review.summary") \
    OP (P, get_establishment_year, READ, establishment_year,\
        "Show an establishment's SWOT and yearly review for one year.", "establishment_id year") \
    OP (P, list_establishment_years, READ, establishment_years,\
        "List the establishments' SWOTs and yearly reviews, by region and year.", "") \
    OP (P, project_stats, READ, project_stats,\
        "Count a region's projects run in a period, "\
        "with their sessions and attendance.", "region_code") \
    OP (P, plan_session, WRITE, plan,\
        "Plan a session of a project, with its rétroplanning from the region's template "\
        "(annex 2 by default).", "date place group project_id") \
    OP (P, update_plan, WRITE, plan,\
        "Change a planned session; a new date moves the steps not done yet.",\
        "id date place group") \
    OP (P, cancel_plan, WRITE, plan,\
        "Call off a planned session, dated, with a reason; its steps are no longer "\
        "reminded.", "id date reason") \
    OP (P, assign_step, WRITE, plan,\
        "Name who does a step of a planned session: a staff member, an organisation "\
        "or both.", "plan_id key responsible_person_id|responsible_organisation") \
    OP (P, mark_step, WRITE, plan,\
        "Mark a step done on a date, not applicable with a reason, or to do again.",\
        "plan_id key state") \
    OP (P, get_plan, READ, plan,\
        "Show a planned session with its steps, due dates, responsible and state.", "id") \
    OP (P, list_plans, READ, plans,\
        "List planned sessions by project, establishment, region, period or state.", "") \
    OP (P, upcoming_steps, READ, upcoming_steps,\
        "List a region's steps to do in the next days, the overdue ones first.",\
        "region_code") \
    OP (P, get_plan_template, READ, plan_template,\
        "Show a region's rétroplanning template: the one in use, or a given version.",\
        "region_code") \
    OP (P, put_template_step, WRITE, plan_template,\
        "Add a step to a region's template, or shift or relabel one: its next version.",\
        "region_code step step.key step.label step.phase step.unit") \
    OP (P, remove_template_step, WRITE, plan_template,\
        "Remove a step from a region's template: its next version.", "region_code key") \
    OP (P, reset_plan_template, WRITE, plan_template,\
        "Make annex 2's steps a region's template again: its next version.", "region_code")

//  The topics of its events, "projects.<entity>.<verb>" on its PUB socket.
#define PROJECTS_TOPICS \
    "project.created", "project.updated", "project.transitioned", "project.evaluated", \
    "session.recorded", "session.updated", "establishment_year.updated", \
    "plan.created", "plan.updated", "plan.moved", "plan.cancelled", "plan.step_assigned", \
    "plan.step_marked", "plan_template.changed"

#endif
