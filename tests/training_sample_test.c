/*  training.sample: the sample loaders of a region (sample_region, then
    sample_training, then their years, in sample_load's order) against an
    in-process registry and training service (see training_harness.h): the
    training sample loads, gives A5.3, OO 1.1 and OS 2 real values for 2023
    to 2026 that vary from year to year, every OS 2 family has a headcount
    at least its trained people, and a second load writes nothing.

    Usage: training_sample_test <the ministry's establishments CSV>
    (skipped, with exit status 0, when the file is not there).  */
#include "training_harness.h"
#include "sample_region.h"
#include "sample_training.h"

#include <unistd.h>

//  The person of the region's ARS referent designation active at the end of year.
static uint64_t
s_ars_referent (th_t *t, int year)
{
    Registry__DesignationFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    registry__designation_filter__init (filter);
    filter->region_code = "32";
    filter->role = REGISTRY__REFERENT_ROLE__ARS_REFERENT;
    filter->active_at = th_date (t, year, 12, 31);
    Registry__DesignationList *list = OK_R (REGISTRY (LIST_DESIGNATIONS, filter))->designations;
    CHECK (list->n_items == 1);
    return list->items [0]->person_id;
}

//  Offers of the region open on a day of year.
static size_t
s_offers (th_t *t, int year)
{
    Training__OfferFilter *offers = pps_arena_alloc (t->arena, sizeof *offers);
    training__offer_filter__init (offers);
    offers->region_code = "32";
    offers->from = th_date (t, year, 1, 1);
    offers->to = th_date (t, year, 12, 31);
    return OK (TRAINING (LIST_OFFERS, offers))->offers->n_items;
}

//  The registry's last event seq.
static uint64_t
s_registry_seq (th_t *t)
{
    Pps__ServiceStatusRequest *request = pps_arena_alloc (t->arena, sizeof *request);
    pps__service_status_request__init (request);
    return OK_R (REGISTRY (SERVICE_STATUS, request))->service_status->last_seq;
}

static void
s_load (th_t *t, const char *csv)
{
    CHECK (sample_region_load (t->config, csv) == 0);
    CHECK (sample_training_load (t->config) == 0);
    CHECK (sample_region_years_load (t->config, csv) == 0);
    CHECK (sample_training_years_load (t->config) == 0);
}

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: %s ESTABLISHMENTS-CSV\n", argv [0]);
        return 2;
    }
    if (access (argv [1], R_OK) != 0) {
        printf (" * training.sample: skipped, %s not found\n", argv [1]);
        return 0;
    }
    zsys_init ();
    th_t test;
    th_t *t = &test;
    th_start (t);
    s_load (t, argv [1]);
    uint64_t seq = th_last_seq (t);
    uint64_t registry_seq = s_registry_seq (t);
    CHECK (seq > 600);

    //  A5.3: offers open in the region every year (the catalogues of 2023,
    //  2024 and 2026, the three of 2025, two of them spanning two years)
    CHECK (s_offers (t, 2023) == 2);
    CHECK (s_offers (t, 2024) == 3);
    CHECK (s_offers (t, 2025) == 3);
    CHECK (s_offers (t, 2026) == 2);

    //  OO 1.1: the ARS referent of 2023, named in the autumn, was not
    //  trained that year; the one named in 2024 was, every year since
    CHECK (!th_is_trained (t, s_ars_referent (t, 2023), 2023)->trained);
    uint64_t ars = s_ars_referent (t, 2025);
    CHECK (ars == s_ars_referent (t, 2024) && ars == s_ars_referent (t, 2026));
    CHECK (th_is_trained (t, ars, 2024)->trained);
    Training__IsTrained *trained = th_is_trained (t, ars, 2025);
    CHECK (trained->trained && trained->n_sessions == 1);
    CHECK (th_is_trained (t, ars, 2026)->trained);

    //  OS 2, every year: sessions as loaded, more people trained from year
    //  to year until 2025 (2026 is not over), and every family's trained
    //  people within its headcount of the year (the bilan's proportions)
    Registry__EstablishmentFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    registry__establishment_filter__init (filter);
    filter->region_code = "32";
    filter->open_at = th_date (t, 2025, 12, 31);
    Registry__EstablishmentList *open = OK_R (REGISTRY (LIST_ESTABLISHMENTS, filter))->establishments;
    filter->minors_only = true;
    size_t minors = OK_R (REGISTRY (LIST_ESTABLISHMENTS, filter))->establishments->n_items;
    const uint32_t sessions [] = { 4, 6, 9, 4 };
    uint32_t trained_before = 0;
    Training__TrainedStats *stats = NULL;
    for (int year = 2023; year <= 2026; year++) {
        Training__TrainedStats *of_year = th_stats (t, 0, th_date (t, year, 1, 1),
                                                    th_date (t, year, 12, 31));
        CHECK (of_year->sessions == sessions [year - 2023]);
        CHECK (of_year->health_trained > 0 && of_year->health_headcount > of_year->health_trained);
        CHECK (of_year->penitentiary_trained > 0
               && of_year->penitentiary_headcount > of_year->penitentiary_trained);
        CHECK (of_year->pjj_trained > 0 && of_year->pjj_headcount >= of_year->pjj_trained);
        CHECK (of_year->education_trained > 0
               && of_year->education_headcount >= of_year->education_trained);
        CHECK (of_year->other_headcount >= of_year->other_trained);
        if (year < 2026)
            CHECK (of_year->total_trained > trained_before);
        trained_before = of_year->total_trained;
        if (year == 2025)
            stats = of_year;
        //  Every family's headcount in every establishment, the PJJ's where
        //  minors are held (the region's establishments were all open)
        Training__HeadcountFilter *headcounts = pps_arena_alloc (t->arena, sizeof *headcounts);
        training__headcount_filter__init (headcounts);
        headcounts->region_code = "32";
        headcounts->year = year;
        CHECK (OK (TRAINING (LIST_HEADCOUNTS, headcounts))->headcounts->n_items
               == 7 * open->n_items + minors);
    }
    CHECK (stats->distinct_persons >= 2 && stats->other_trained > 0);

    //  A second load replays its fixed request ids and writes nothing
    s_load (t, argv [1]);
    CHECK (th_last_seq (t) == seq);
    CHECK (s_registry_seq (t) == registry_seq);
    printf (" * training.sample: OK, %llu events, 2025: health %u/%u, prison %u/%u\n",
            (unsigned long long) seq, stats->health_trained, stats->health_headcount,
            stats->penitentiary_trained, stats->penitentiary_headcount);
    th_stop (t);
    return 0;
}
