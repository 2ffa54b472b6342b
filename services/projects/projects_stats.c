/*  projects_stats: a region's project figures over a period, the numerators
    of A5.6 (projects implemented), A5.8 (in an EPM or a minors' quarter) and
    OO 4.6 (flagged promising or evidence-based), with the sessions held.  */
#include "projects_rules.h"

#include <czmq.h>

#define STATS_ESTABLISHMENTS_MAX 4096     //  distinct establishments remembered

typedef struct {
    const Projects__StatsQuery *query;
    Projects__ProjectStats *stats;
    uint64_t *establishments;             //  distinct, in the call's arena
    bool overflow;                        //  more than STATS_ESTABLISHMENTS_MAX
} stats_scan_t;

//  Counts one project of the region implemented during the period.
static int
s_count_project (ProtobufCMessage *record, void *arg)
{
    stats_scan_t *scan = arg;
    Projects__Project *project = (Projects__Project *) record;
    if (!streq (project->region_code, scan->query->region_code)
    ||  !projects_rules_implemented (project, scan->query->from, scan->query->to))
        return 0;
    Projects__ProjectStats *stats = scan->stats;
    stats->projects_implemented++;
    if (project->establishment_minors)
        stats->in_minors_establishments++;
    if (project->promising || project->evidence_based)
        stats->promising_or_evidence_based++;
    for (uint32_t index = 0; index < stats->establishments; index++)
        if (scan->establishments [index] == project->establishment_id)
            return 0;
    if (stats->establishments == STATS_ESTABLISHMENTS_MAX) {
        scan->overflow = true;
        return 1;
    }
    scan->establishments [stats->establishments++] = project->establishment_id;
    return 0;
}

//  Counts one session of the region dated within the period.
static int
s_count_session (ProtobufCMessage *record, void *arg)
{
    stats_scan_t *scan = arg;
    Projects__Session *session = (Projects__Session *) record;
    if (!streq (session->region_code, scan->query->region_code)
    ||  !pps_date_in_range (session->date, scan->query->from, scan->query->to))
        return 0;
    scan->stats->sessions++;
    scan->stats->attended_total += session->attended;
    return 0;
}

PPS_HANDLER (projects_project_stats)
{
    projects_t *projects = self;
    const Projects__StatsQuery *query = op;
    if (pps_check_text (call, "region_code", query->region_code, PPS_CODE_MAX, true)
    ||  pps_check_date (call, "from", query->from, false)
    ||  pps_check_date (call, "to", query->to, false)
    ||  pps_check_period (call, "to", query->from, query->to))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Projects__ProjectStats *stats = pps_arena_alloc (arena, sizeof *stats);
    projects__project_stats__init (stats);
    stats_scan_t scan = {
        query, stats, pps_arena_alloc (arena, STATS_ESTABLISHMENTS_MAX * sizeof (uint64_t)), false
    };
    int rc = pps_store_each (pps_call_txn (call), projects->projects,
                             &projects__project__descriptor, arena, s_count_project, &scan);
    if (scan.overflow)
        return pps_call_fail (call, PPS__CODE__RESOURCE_EXHAUSTED, "region_code",
                              "more than %d establishments have projects in region %s",
                              STATS_ESTABLISHMENTS_MAX, query->region_code);
    if (!rc)
        rc = pps_store_each (pps_call_txn (call), projects->sessions,
                             &projects__session__descriptor, arena, s_count_session, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "projects");
    *result_p = &stats->base;
    return 0;
}
