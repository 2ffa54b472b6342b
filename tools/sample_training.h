/*  sample_training: loads a region's sample training data through the
    training service's protobuf API, once the registry's sample is loaded
    (sample_region), so that A5.3, OO 1.1 and OS 2 have values for 2025.

    Three offers of the IREPS open in 2025, sessions on five establishment
    sites and one regional session, attended by named registry persons (the
    region's ARS referent, the establishments' referents; one of them twice)
    and by anonymous counts of guards, officers, health, SPIP and education
    staff; and the 2025 staff headcount of every establishment of the region
    (health staff about capacity / 25, prison staff about capacity / 2.5).
    Everything invented is marked "(exemple)". Every write carries a fixed
    request id ("sample-<region>-training-<n>"), so a second load replays
    the first answers and writes nothing new.

    The years (sample_training_years_load) add the catalogues of 2023, 2024
    and 2026 with their sessions, two more sessions of 2025, and the
    headcounts of every family (SPIP, PJJ, Éducation nationale and others
    too) for 2023 to 2026, under request ids
    "sample-<region>-training-years-<n>".
*/
#ifndef SAMPLE_TRAINING_H_INCLUDED
#define SAMPLE_TRAINING_H_INCLUDED

#include "pps_config.h"

//  Load the sample for the configured region; the registry's sample must be
//  there. Returns 0, or -1 after logging what failed.
int sample_training_load (pps_config_t *config);

//  Load the years' training (2023 to 2026, sample_training.c says what),
//  once the registry's years are there (it reads who was in post when).
//  Returns 0, or -1 after logging what failed.
int sample_training_years_load (pps_config_t *config);

#endif
