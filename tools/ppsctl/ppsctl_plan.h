/*  ppsctl_plan: the rétroplanning of planned sessions, as tables.

        ppsctl plan PROJECT [--all]       the planned sessions of a project, each
        ppsctl plan --plan ID             with its steps: due, when, step, what,
                                          responsible, state
        ppsctl upcoming [REGION] [--days N] [--establishment ID] [--person ID]
                        [--on YYYY-MM-DD]
                                          the region's steps to do in the next
                                          days, the overdue ones first

    Both read the projects service (list_plans, get_plan, get_project,
    upcoming_steps); the generic `ppsctl projects <op>` plans, moves,
    assigns and marks (plan-session, update-plan, assign-step, mark-step...).
*/
#ifndef PPSCTL_PLAN_H_INCLUDED
#define PPSCTL_PLAN_H_INCLUDED

#include "ppsctl.h"

//  The usage of `ppsctl plan`.
void ppsctl_usage_plan (FILE *out);

//  `ppsctl plan ...` with the arguments after "plan". Returns an exit code.
int ppsctl_cmd_plan (ppsctl_t *self, int argc, char **argv);

//  The usage of `ppsctl upcoming`.
void ppsctl_usage_upcoming (FILE *out);

//  `ppsctl upcoming ...` with the arguments after "upcoming". Returns an
//  exit code.
int ppsctl_cmd_upcoming (ppsctl_t *self, int argc, char **argv);

#endif
