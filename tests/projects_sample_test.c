/*  projects.sample: the sample projects load through the API, give every
    projects-based indicator something to count for 2025, and a second load
    writes nothing (fixed request ids). The registry's sample is loaded first
    from the ministry's file when it is given; otherwise the harness's small
    fixture stands in for it.

    Usage: projects_sample_test [establishments CSV]
*/
#include "projects_harness.h"
#include "sample_projects.h"
#include "sample_region.h"

//  How many projects have that status.
static size_t
s_with_status (test_t *t, Projects__ProjectStatus status)
{
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = "32";
    filter.status = status;
    return OK (SEND (LIST_PROJECTS, list_projects, &filter))->projects->n_items;
}

int
main (int argc, char **argv)
{
    bool have_file = argc > 1 && zsys_file_exists (argv [1]);
    printf (" * projects.sample: ");
    fflush (stdout);
    test_t test;
    test_t *t = &test;
    projects_harness_start (t, PROJECTS_HARNESS_EMPTY);
    if (have_file)
        CHECK (sample_region_load (t->config, argv [1]) == 0);
    else
        projects_harness_fixture (t);
    CHECK (sample_projects_load (t->config) == 0);
    uint64_t seq = projects_harness_last_seq (t);
    CHECK (seq > 30);

    //  Every status is there; the 2025 figures count something real
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__DRAFT) == 1);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__PLANNED) == 1);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__RUNNING) == 2);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__COMPLETED) == 3);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__ABANDONED) == 1);
    Projects__StatsQuery query = PROJECTS__STATS_QUERY__INIT;
    query.region_code = "32";
    query.from = DATE ("2025-01-01");
    query.to = DATE ("2025-12-31");
    Projects__ProjectStats *stats = OK (SEND (PROJECT_STATS, project_stats, &query))
        ->project_stats;
    CHECK (stats->projects_implemented == 4);
    CHECK (stats->in_minors_establishments == 1);
    CHECK (stats->promising_or_evidence_based == 2);
    CHECK (stats->sessions == 13);
    CHECK (stats->attended_total > 0);

    //  The minors' project is in an EPM (the registry says so)
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = "32";
    filter.from = query.from;
    filter.to = query.to;
    Projects__ProjectList *implemented = OK (SEND (LIST_PROJECTS, list_projects, &filter))
        ->projects;
    CHECK (implemented->n_items == 4);
    for (size_t index = 0; index < implemented->n_items; index++) {
        Projects__Project *project = implemented->items [index];
        if (!project->establishment_minors)
            continue;
        Registry__ById by_id = REGISTRY__BY_ID__INIT;
        by_id.id = project->establishment_id;
        Registry__Establishment *establishment = REGISTRY_OK (REGISTRY (
            GET_ESTABLISHMENT, get_establishment, &by_id))->establishment;
        CHECK (establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM);
    }

    //  SWOTs and reviews of 2025 (the fixture has one site and the EPM)
    Projects__YearFilter years = PROJECTS__YEAR_FILTER__INIT;
    years.region_code = "32";
    years.year = 2025;
    Projects__EstablishmentYearList *list = OK (SEND (LIST_ESTABLISHMENT_YEARS,
                                                      list_establishment_years, &years))
                                            ->establishment_years;
    size_t swots = 0, reviews = 0;
    for (size_t index = 0; index < list->n_items; index++) {
        swots += list->items [index]->swot != NULL;
        reviews += list->items [index]->review != NULL;
    }
    CHECK (swots == (have_file ? 5 : 2));
    CHECK (reviews == (have_file ? 3 : 2));

    //  A second load replays: same answers, nothing written
    CHECK (sample_projects_load (t->config) == 0);
    CHECK (projects_harness_last_seq (t) == seq);
    projects_harness_stop (t);
    printf ("OK%s\n", have_file ? "" : " (reference file not found: the fixture stood in)");
    return 0;
}
