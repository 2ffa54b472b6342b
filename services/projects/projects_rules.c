/*  projects_rules: lifecycle, running period and counts of a project.  */
#include "projects_rules.h"

#include <czmq.h>

bool
projects_rules_transition_allowed (Projects__ProjectStatus from, Projects__ProjectStatus to)
{
    switch (from) {
        case PROJECTS__PROJECT_STATUS__DRAFT:
            return to == PROJECTS__PROJECT_STATUS__PLANNED
                || to == PROJECTS__PROJECT_STATUS__ABANDONED;
        case PROJECTS__PROJECT_STATUS__PLANNED:
            return to == PROJECTS__PROJECT_STATUS__RUNNING
                || to == PROJECTS__PROJECT_STATUS__ABANDONED;
        case PROJECTS__PROJECT_STATUS__RUNNING:
            return to == PROJECTS__PROJECT_STATUS__COMPLETED
                || to == PROJECTS__PROJECT_STATUS__ABANDONED;
        default:
            return false;
    }
}

bool
projects_rules_final (Projects__ProjectStatus status)
{
    return status == PROJECTS__PROJECT_STATUS__COMPLETED
        || status == PROJECTS__PROJECT_STATUS__ABANDONED;
}

const char *
projects_rules_status_name (Projects__ProjectStatus status)
{
    const ProtobufCEnumValue *value = protobuf_c_enum_descriptor_get_value (
        &projects__project_status__descriptor, status);
    return value ? value->name : "?";
}

const Pps__Date *
projects_rules_last_change (const Projects__Project *project)
{
    if (project->n_history == 0)
        return NULL;
    return project->history [project->n_history - 1]->date;
}

bool
projects_rules_running_period (const Projects__Project *project,
                               const Pps__Date **start_p, const Pps__Date **end_p)
{
    //  Statuses only move forward, so RUNNING appears at most once and the
    //  entry after it (COMPLETED or ABANDONED) is when it stopped
    *start_p = NULL;
    *end_p = NULL;
    for (size_t index = 0; index < project->n_history; index++) {
        if (project->history [index]->status != PROJECTS__PROJECT_STATUS__RUNNING)
            continue;
        *start_p = project->history [index]->date;
        if (index + 1 < project->n_history)
            *end_p = project->history [index + 1]->date;
        return true;
    }
    return false;
}

bool
projects_rules_implemented (const Projects__Project *project,
                            const Pps__Date *from, const Pps__Date *to)
{
    const Pps__Date *start, *end;
    if (!projects_rules_running_period (project, &start, &end))
        return false;
    if (pps_date_is_set (to) && pps_date_compare (start, to) > 0)
        return false;
    if (pps_date_is_set (from) && end && pps_date_compare (end, from) < 0)
        return false;
    return true;
}

bool
projects_rules_in_running_period (const Projects__Project *project, const Pps__Date *day)
{
    const Pps__Date *start, *end;
    if (!projects_rules_running_period (project, &start, &end))
        return false;
    return pps_date_in_range (day, start, end);
}

bool
projects_rules_may_record (Projects__ProjectStatus status)
{
    return status == PROJECTS__PROJECT_STATUS__RUNNING
        || status == PROJECTS__PROJECT_STATUS__COMPLETED;
}

bool
projects_rules_counts_valid (Projects__GroupKind group, uint32_t registered, uint32_t attended)
{
    return group == PROJECTS__GROUP_KIND__OPEN_GROUP || attended <= registered;
}

//  ---------------------------------------------------------------- self test

static Pps__Date *
s_test_date (pps_arena_t *arena, const char *text)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    int rc = pps_date_parse (text, date);
    assert (rc == 0);
    return date;
}

//  A project whose history is the given statuses on the given dates.
static Projects__Project *
s_test_project (pps_arena_t *arena, size_t count, const Projects__ProjectStatus *statuses,
                const char *const *dates)
{
    Projects__Project *project = pps_arena_alloc (arena, sizeof *project);
    projects__project__init (project);
    for (size_t index = 0; index < count; index++) {
        Projects__StatusChange *change = pps_arena_alloc (arena, sizeof *change);
        projects__status_change__init (change);
        change->status = statuses [index];
        change->date = s_test_date (arena, dates [index]);
        pps_arena_push (arena, (void ***) &project->history, &project->n_history, change);
        project->status = statuses [index];
    }
    return project;
}

void
projects_rules_test (bool verbose)
{
    pps_arena_t *arena = pps_arena_new ();
    const Projects__ProjectStatus U = PROJECTS__PROJECT_STATUS__PROJECT_STATUS_UNSPECIFIED;
    const Projects__ProjectStatus D = PROJECTS__PROJECT_STATUS__DRAFT;
    const Projects__ProjectStatus P = PROJECTS__PROJECT_STATUS__PLANNED;
    const Projects__ProjectStatus R = PROJECTS__PROJECT_STATUS__RUNNING;
    const Projects__ProjectStatus C = PROJECTS__PROJECT_STATUS__COMPLETED;
    const Projects__ProjectStatus A = PROJECTS__PROJECT_STATUS__ABANDONED;

    //  The lifecycle: every pair of statuses, against the expected table
    const char *allowed [] = { "DP", "DA", "PR", "PA", "RC", "RA" };
    const char letters [] = "UDPRCA";
    for (int from = (int) U; from <= (int) A; from++)
        for (int to = (int) U; to <= (int) A; to++) {
            bool expected = false;
            for (size_t index = 0; index < sizeof allowed / sizeof allowed [0]; index++)
                if (allowed [index][0] == letters [from] && allowed [index][1] == letters [to])
                    expected = true;
            if (verbose)
                printf ("%c->%c %d ", letters [from], letters [to], expected);
            assert (projects_rules_transition_allowed ((Projects__ProjectStatus) from,
                                                       (Projects__ProjectStatus) to) == expected);
        }
    assert (!projects_rules_transition_allowed (R, (Projects__ProjectStatus) 99));
    assert (!projects_rules_transition_allowed ((Projects__ProjectStatus) 99, R));
    assert (projects_rules_final (C) && projects_rules_final (A));
    assert (!projects_rules_final (D) && !projects_rules_final (P) && !projects_rules_final (R));
    assert (streq (projects_rules_status_name (R), "RUNNING"));
    assert (streq (projects_rules_status_name ((Projects__ProjectStatus) 99), "?"));
    assert (projects_rules_may_record (R) && projects_rules_may_record (C));
    assert (!projects_rules_may_record (D) && !projects_rules_may_record (P)
            && !projects_rules_may_record (A));

    //  Running periods
    const Projects__ProjectStatus draft_statuses [] = { D, P };
    const char *draft_dates [] = { "2025-01-10", "2025-02-01" };
    Projects__Project *planned = s_test_project (arena, 2, draft_statuses, draft_dates);
    const Pps__Date *start, *end;
    assert (!projects_rules_running_period (planned, &start, &end));
    assert (start == NULL && end == NULL);
    assert (!projects_rules_implemented (planned, NULL, NULL));
    assert (!projects_rules_in_running_period (planned, s_test_date (arena, "2025-02-01")));
    assert (pps_date_compare (projects_rules_last_change (planned),
                              s_test_date (arena, "2025-02-01")) == 0);
    Projects__Project empty = PROJECTS__PROJECT__INIT;
    assert (projects_rules_last_change (&empty) == NULL);

    const Projects__ProjectStatus running_statuses [] = { D, P, R };
    const char *running_dates [] = { "2024-09-01", "2024-10-01", "2024-11-15" };
    Projects__Project *running = s_test_project (arena, 3, running_statuses, running_dates);
    assert (projects_rules_running_period (running, &start, &end));
    assert (pps_date_ordinal (start) == 20241115 && end == NULL);

    const Projects__ProjectStatus completed_statuses [] = { D, P, R, C };
    const char *completed_dates [] = { "2024-01-05", "2024-02-01", "2024-03-01", "2024-12-20" };
    Projects__Project *completed = s_test_project (arena, 4, completed_statuses, completed_dates);
    assert (projects_rules_running_period (completed, &start, &end));
    assert (pps_date_ordinal (start) == 20240301 && pps_date_ordinal (end) == 20241220);

    const Projects__ProjectStatus stopped_statuses [] = { D, P, R, A };
    const char *stopped_dates [] = { "2025-01-05", "2025-02-01", "2025-03-01", "2025-03-01" };
    Projects__Project *stopped = s_test_project (arena, 4, stopped_statuses, stopped_dates);
    const Projects__ProjectStatus dropped_statuses [] = { D, A };
    const char *dropped_dates [] = { "2025-01-05", "2025-04-01" };
    Projects__Project *dropped = s_test_project (arena, 2, dropped_statuses, dropped_dates);

    //  Implemented during a period: running at some time within [from, to]
    Pps__Date *year_start = s_test_date (arena, "2025-01-01");
    Pps__Date *year_end = s_test_date (arena, "2025-12-31");
    Pps__Date unset = PPS__DATE__INIT;
    assert (projects_rules_implemented (running, year_start, year_end));  //  still runs
    assert (!projects_rules_implemented (completed, year_start, year_end)); //  ended in 2024
    assert (projects_rules_implemented (completed, s_test_date (arena, "2024-01-01"),
                                        s_test_date (arena, "2024-12-31")));
    assert (projects_rules_implemented (stopped, year_start, year_end));  //  ran one day
    assert (!projects_rules_implemented (dropped, year_start, year_end)); //  never ran
    //  Bounds are inclusive on both sides
    assert (projects_rules_implemented (completed, s_test_date (arena, "2024-12-20"), year_end));
    assert (!projects_rules_implemented (completed, s_test_date (arena, "2024-12-21"), year_end));
    assert (projects_rules_implemented (running, year_start, s_test_date (arena, "2024-11-15")));
    assert (!projects_rules_implemented (running, year_start, s_test_date (arena, "2024-11-14")));
    //  Open bounds
    assert (projects_rules_implemented (completed, &unset, &unset));
    assert (projects_rules_implemented (completed, NULL, s_test_date (arena, "2024-03-01")));
    assert (!projects_rules_implemented (completed, NULL, s_test_date (arena, "2024-02-29")));
    assert (projects_rules_implemented (running, s_test_date (arena, "2030-01-01"), NULL));
    assert (!projects_rules_implemented (completed, s_test_date (arena, "2030-01-01"), NULL));

    //  Sessions within the running period, ends included
    assert (projects_rules_in_running_period (completed, s_test_date (arena, "2024-03-01")));
    assert (projects_rules_in_running_period (completed, s_test_date (arena, "2024-12-20")));
    assert (!projects_rules_in_running_period (completed, s_test_date (arena, "2024-12-21")));
    assert (!projects_rules_in_running_period (completed, s_test_date (arena, "2024-02-29")));
    assert (projects_rules_in_running_period (running, s_test_date (arena, "2031-06-01")));
    assert (!projects_rules_in_running_period (running, s_test_date (arena, "2024-11-14")));

    //  Counts
    assert (projects_rules_counts_valid (PROJECTS__GROUP_KIND__CLOSED_GROUP, 12, 12));
    assert (projects_rules_counts_valid (PROJECTS__GROUP_KIND__CLOSED_GROUP, 12, 0));
    assert (!projects_rules_counts_valid (PROJECTS__GROUP_KIND__CLOSED_GROUP, 12, 13));
    assert (projects_rules_counts_valid (PROJECTS__GROUP_KIND__OPEN_GROUP, 0, 25));
    assert (!projects_rules_counts_valid (PROJECTS__GROUP_KIND__GROUP_KIND_UNSPECIFIED, 1, 2));

    pps_arena_destroy (&arena);
}
