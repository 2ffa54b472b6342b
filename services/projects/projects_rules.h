/*  projects_rules: the projects' domain rules that need no storage.

    Which status changes a project may make, when it was running according
    to its history, whether it was implemented during a period (the A5.6,
    A5.8 and OO 4.6 numerators), and how a session's counts hold together.
    The handlers gather the records and ask these functions; the indicators
    service follows the same rules.
*/
#ifndef PROJECTS_RULES_H_INCLUDED
#define PROJECTS_RULES_H_INCLUDED

#include "projects.h"

//  True when a project in status from may go to status to:
//  DRAFT -> PLANNED -> RUNNING -> COMPLETED, and ABANDONED from DRAFT,
//  PLANNED or RUNNING.
bool projects_rules_transition_allowed (Projects__ProjectStatus from, Projects__ProjectStatus to);

//  True when no change can follow the status (COMPLETED, ABANDONED).
bool projects_rules_final (Projects__ProjectStatus status);

//  Short name of a status for messages ("RUNNING"; "?" when unknown).
const char *projects_rules_status_name (Projects__ProjectStatus status);

//  The date of the last entry of the history, or NULL when it is empty.
const Pps__Date *projects_rules_last_change (const Projects__Project *project);

//  The period during which the project was running, from its history:
//  *start_p is the day it entered RUNNING, *end_p the day it left RUNNING
//  (NULL while it still runs). Returns false, leaving both NULL, when the
//  project never ran.
bool projects_rules_running_period (const Projects__Project *project,
                                    const Pps__Date **start_p, const Pps__Date **end_p);

//  True when the project was implemented during [from, to]: it was RUNNING
//  at some time within the period, that is it entered RUNNING on or before
//  to and did not leave RUNNING before from. An unset bound is open.
bool projects_rules_implemented (const Projects__Project *project,
                                 const Pps__Date *from, const Pps__Date *to);

//  True when day lies within the project's running period (inclusive;
//  open-ended while it runs). False when the project never ran.
bool projects_rules_in_running_period (const Projects__Project *project, const Pps__Date *day);

//  True when a session may be recorded for a project in that status
//  (RUNNING or COMPLETED); the evaluation follows the same rule.
bool projects_rules_may_record (Projects__ProjectStatus status);

//  True when a session's counts hold together: attended <= registered,
//  unless the group is open (anyone may come without registering).
bool projects_rules_counts_valid (Projects__GroupKind group, uint32_t registered,
                                  uint32_t attended);

//  ---------------------------------------------------------------- rétroplanning
//  Annex 2's "Rétroplanning type": steps due a number of days, weeks or
//  months before (negative offset) or after the session's day.

#define PROJECTS_STEP_KEY_MAX   32        //  bytes of a step's key
#define PROJECTS_STEPS_MAX      100       //  steps of one template or plan

//  Days from a to b (b - a); both set and valid.
int32_t projects_rules_days_between (const Pps__Date *a, const Pps__Date *b);

//  day moved by days (negative: back), into out.
void projects_rules_add_days (const Pps__Date *day, int32_t days, Pps__Date *out);

//  True when offset lies within the bounds of its unit: +-24 months,
//  +-104 weeks, +-730 days (and the unit is one of the three).
bool projects_rules_offset_valid (Projects__OffsetUnit unit, int32_t offset);

//  True when a step of that phase may fall offset (of any unit) from the
//  session's day: before it (< 0), for it (<= 0), during it (0), after it (>= 0).
bool projects_rules_phase_fits (Projects__StepPhase phase, int32_t offset);

//  True when key is 1 to PROJECTS_STEP_KEY_MAX bytes of [a-z0-9_-].
bool projects_rules_step_key_valid (const char *key);

//  The day a step falls: the session's day moved by offset units. Months
//  keep the day of the month, or take the month's last day when it has
//  none (31 May, one month back: 30 April). offset must be valid for unit.
void projects_rules_step_due (const Pps__Date *session, Projects__OffsetUnit unit,
                              int32_t offset, Pps__Date *due);

//  Annex 2's own template (version 0), its steps built in arena into
//  *steps_p. Returns their count.
size_t projects_rules_annex2 (pps_arena_t *arena, Projects__TemplateStep ***steps_p);

//  A plan's steps for a session on date from a template's steps, in
//  arena: each due on its day, TO_DO, with the template's organisation;
//  ordered by due date (ties in the template's order).
Projects__PlanStep **projects_rules_plan_steps (pps_arena_t *arena,
                                                Projects__TemplateStep *const *steps,
                                                size_t count, const Pps__Date *date);

//  Move a plan to date: every step not DONE falls due again from the new
//  day; the steps are ordered by due date again. Returns how many moved.
size_t projects_rules_move_plan (pps_arena_t *arena, Projects__SessionPlan *plan,
                                 const Pps__Date *date);

//  The step of a plan with that key, or NULL.
Projects__PlanStep *projects_rules_plan_step (const Projects__SessionPlan *plan, const char *key);

//  A template's steps with step added, or put in place of the step with
//  its key, in the order of their offsets (ties: the older first), in
//  arena. *before_p gets the step replaced, or NULL. Returns the new count.
size_t projects_rules_template_put (pps_arena_t *arena, Projects__TemplateStep *const *steps,
                                    size_t count, Projects__TemplateStep *step,
                                    Projects__TemplateStep ***out_p,
                                    const Projects__TemplateStep **before_p);

//  A template's steps without the one with key, in arena. Returns the new
//  count, or count when no step has that key.
size_t projects_rules_template_remove (pps_arena_t *arena, Projects__TemplateStep *const *steps,
                                       size_t count, const char *key,
                                       Projects__TemplateStep ***out_p);

//  An offset as annex 2 writes it ("Mois-2", "S-3", "J-3", "J", "J+7").
const char *projects_rules_offset_text (pps_arena_t *arena, Projects__OffsetUnit unit,
                                        int32_t offset);

//  Self test.
void projects_rules_test (bool verbose);

#endif
