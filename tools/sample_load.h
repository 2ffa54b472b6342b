/*  sample_load: the whole sample of a region, loaded in the order its
    records refer to each other: first the records every loader made from
    the start (sample_region, sample_projects, sample_training,
    sample_funding), mostly of 2024 and 2025, then the years that give the
    region a history from 2023 to 2026 (their *_years_load), registry first.

    The years come after every first record so that what each first loader
    reads of the others (the referents a training session invites, the
    projects a call funds) is what it read when its request ids were first
    sent: a second load, or a load over a data directory made by an earlier
    sample, replays them exactly and writes nothing twice.
*/
#ifndef SAMPLE_LOAD_H_INCLUDED
#define SAMPLE_LOAD_H_INCLUDED

#include "pps_config.h"

//  Load the sample of the configured region, csv_path being the ministry's
//  establishments file. Returns 0, or -1 after logging what failed.
int sample_load (pps_config_t *config, const char *csv_path);

#endif
