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

//  Self test.
void projects_rules_test (bool verbose);

#endif
