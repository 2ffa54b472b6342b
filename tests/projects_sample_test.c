/*  projects.sample: the sample projects load through the API, the first
    records then the years (as sample_load orders them), give every
    projects-based indicator something to count for 2023 to 2026, varying
    from year to year, and a second load writes nothing (fixed request
    ids). The registry's sample (with its years) is loaded first from the
    ministry's file when it is given; otherwise the harness's small fixture
    stands in for it.

    Usage: projects_sample_test [establishments CSV]
*/
#include "projects_harness.h"
#include "sample_projects.h"
#include "sample_region.h"

//  The projects statistics of region 32 over a calendar year.
static Projects__ProjectStats *
s_stats (test_t *t, const char *from, const char *to)
{
    Projects__StatsQuery query = PROJECTS__STATS_QUERY__INIT;
    query.region_code = "32";
    query.from = DATE (from);
    query.to = DATE (to);
    return OK (SEND (PROJECT_STATS, project_stats, &query))->project_stats;
}

//  SWOTs and reviews of region 32 for year.
static void
s_years (test_t *t, int year, size_t *swots_p, size_t *reviews_p)
{
    Projects__YearFilter years = PROJECTS__YEAR_FILTER__INIT;
    years.region_code = "32";
    years.year = year;
    Projects__EstablishmentYearList *list = OK (SEND (LIST_ESTABLISHMENT_YEARS,
                                                      list_establishment_years, &years))
                                            ->establishment_years;
    *swots_p = *reviews_p = 0;
    for (size_t index = 0; index < list->n_items; index++) {
        *swots_p += list->items [index]->swot != NULL;
        *reviews_p += list->items [index]->review != NULL;
    }
}

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
    if (have_file)
        CHECK (sample_region_years_load (t->config, argv [1]) == 0);
    CHECK (sample_projects_years_load (t->config) == 0);
    uint64_t seq = projects_harness_last_seq (t);
    CHECK (seq > 150);

    //  Every status is there; most projects ran and ended, some still run
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__DRAFT) == 1);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__PLANNED) == 1);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__RUNNING) == 6);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__COMPLETED) == 12);
    CHECK (s_with_status (t, PROJECTS__PROJECT_STATUS__ABANDONED) == 1);

    //  A5.6 and OO4.6 every year, and the projects in establishments that
    //  hold minors (A5.8 keeps, in a minors' quarter, those for minors: the
    //  adults' parenting workshop of 2024-2025 is not one); 2026 is not over
    const struct {
        const char *from, *to;
        uint32_t implemented, minors, flagged, sessions;
    } years [] = {
        { "2023-01-01", "2023-12-31", 4, 1, 1, 14 },
        { "2024-01-01", "2024-12-31", 7, 3, 2, 20 },
        { "2025-01-01", "2025-12-31", 10, 4, 3, 31 },
        { "2026-01-01", "2026-12-31", 7, 2, 1, 19 },
    };
    for (size_t index = 0; index < sizeof years / sizeof years [0]; index++) {
        Projects__ProjectStats *stats = s_stats (t, years [index].from, years [index].to);
        CHECK (stats->projects_implemented == years [index].implemented);
        CHECK (stats->promising_or_evidence_based == years [index].flagged);
        CHECK (stats->sessions == years [index].sessions);
        CHECK (stats->attended_total > 0);
        //  The fixture has one EPM and no minors' quarter
        if (have_file)
            CHECK (stats->in_minors_establishments == years [index].minors);
    }

    //  The minors' projects of 2025 are in the EPM or for minors in a
    //  minors' quarter (the registry says so)
    Projects__ProjectFilter filter = PROJECTS__PROJECT_FILTER__INIT;
    filter.region_code = "32";
    filter.from = DATE ("2025-01-01");
    filter.to = DATE ("2025-12-31");
    Projects__ProjectList *implemented = OK (SEND (LIST_PROJECTS, list_projects, &filter))
        ->projects;
    CHECK (implemented->n_items == 10);
    for (size_t index = 0; index < implemented->n_items; index++) {
        Projects__Project *project = implemented->items [index];
        if (!project->establishment_minors)
            continue;
        Registry__ById by_id = REGISTRY__BY_ID__INIT;
        by_id.id = project->establishment_id;
        Registry__Establishment *establishment = REGISTRY_OK (REGISTRY (
            GET_ESTABLISHMENT, get_establishment, &by_id))->establishment;
        CHECK (establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
               || establishment->has_minors_quarter);
    }

    //  SWOTs (OO4.1) and reviews (OO5.5) of every year; the fixture has one
    //  site and the EPM, where years' records fall on the same ones
    const size_t swots [] = { 2, 4, 8, 7 }, reviews [] = { 1, 3, 5, 1 };
    const size_t fixture_swots [] = { 2, 2, 2, 2 }, fixture_reviews [] = { 1, 2, 2, 1 };
    for (size_t index = 0; index < 4; index++) {
        size_t swot_count, review_count;
        s_years (t, 2023 + (int) index, &swot_count, &review_count);
        CHECK (swot_count == (have_file ? swots [index] : fixture_swots [index]));
        CHECK (review_count == (have_file ? reviews [index] : fixture_reviews [index]));
    }

    //  A second load replays: same answers, nothing written
    CHECK (sample_projects_load (t->config) == 0);
    CHECK (sample_projects_years_load (t->config) == 0);
    CHECK (projects_harness_last_seq (t) == seq);
    projects_harness_stop (t);
    printf ("OK%s\n", have_file ? "" : " (reference file not found: the fixture stood in)");
    return 0;
}
