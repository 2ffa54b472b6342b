/*  training.sample: the sample loaders of a region (sample_region, then
    sample_training) against an in-process registry and training service
    (see training_harness.h): the training sample loads, gives A5.3, OO 1.1
    and OS 2 real values for 2025, and a second load writes nothing.

    Usage: training_sample_test <the ministry's establishments CSV>
    (skipped, with exit status 0, when the file is not there).  */
#include "training_harness.h"
#include "sample_region.h"
#include "sample_training.h"

#include <unistd.h>

//  The person of the region's ARS referent designation active at the end of 2025.
static uint64_t
s_ars_referent (th_t *t)
{
    Registry__DesignationFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    registry__designation_filter__init (filter);
    filter->region_code = "32";
    filter->role = REGISTRY__REFERENT_ROLE__ARS_REFERENT;
    filter->active_at = th_date (t, 2025, 12, 31);
    Registry__DesignationList *list = OK_R (REGISTRY (LIST_DESIGNATIONS, filter))->designations;
    CHECK (list->n_items == 1);
    return list->items [0]->person_id;
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
    CHECK (sample_region_load (t->config, argv [1]) == 0);
    CHECK (sample_training_load (t->config) == 0);
    uint64_t seq = th_last_seq (t);
    CHECK (seq > 50);

    //  A5.3: an offer open in the region during 2025
    Training__OfferFilter *offers = pps_arena_alloc (t->arena, sizeof *offers);
    training__offer_filter__init (offers);
    offers->region_code = "32";
    offers->from = th_date (t, 2025, 1, 1);
    offers->to = th_date (t, 2025, 12, 31);
    CHECK (OK (TRAINING (LIST_OFFERS, offers))->offers->n_items == 3);

    //  OO 1.1: the active ARS referent was trained in 2025
    Training__IsTrained *trained = th_is_trained (t, s_ars_referent (t), 2025);
    CHECK (trained->trained && trained->n_sessions == 1);

    //  OS 2: both ratios have a numerator and a denominator, below 1
    Training__TrainedStats *stats = th_stats (t, 0, th_date (t, 2025, 1, 1),
                                              th_date (t, 2025, 12, 31));
    CHECK (stats->sessions == 7);
    CHECK (stats->health_trained > 0 && stats->health_headcount > stats->health_trained);
    CHECK (stats->penitentiary_trained > 0 && stats->penitentiary_headcount > stats->penitentiary_trained);
    CHECK (stats->distinct_persons >= 2 && stats->other_trained > 0);
    //  Every establishment of the region has its 2025 headcount
    Registry__EstablishmentFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    registry__establishment_filter__init (filter);
    filter->region_code = "32";
    filter->open_at = th_date (t, 2025, 12, 31);
    size_t establishments = OK_R (REGISTRY (LIST_ESTABLISHMENTS, filter))->establishments->n_items;
    Training__HeadcountFilter *headcounts = pps_arena_alloc (t->arena, sizeof *headcounts);
    training__headcount_filter__init (headcounts);
    headcounts->region_code = "32";
    headcounts->year = 2025;
    CHECK (OK (TRAINING (LIST_HEADCOUNTS, headcounts))->headcounts->n_items == 4 * establishments);

    //  A second load replays its fixed request ids and writes nothing
    CHECK (sample_training_load (t->config) == 0);
    CHECK (th_last_seq (t) == seq);
    printf (" * training.sample: OK, %llu events, health %u/%u, prison %u/%u\n",
            (unsigned long long) seq, stats->health_trained, stats->health_headcount,
            stats->penitentiary_trained, stats->penitentiary_headcount);
    th_stop (t);
    return 0;
}
