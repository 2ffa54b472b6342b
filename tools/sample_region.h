/*  sample_region: loads a region's sample data through the registry's
    protobuf API, the way an operator's tools would.

    The establishments are the real ones of the ministry's file; everything
    the public data does not give (hospitals, people, designations,
    committees, meetings) is invented and marked "(exemple)" in its name.
    Every request carries a fixed request id ("sample-<region>-<n>"), so
    loading twice replays the first answers and writes nothing new.

    The years (sample_region_years_load) give the region a history from
    2023, the year of the instruction, to 2026: the regional referents
    before the programme, establishment referents named, replaced and
    leaving, new partners and the CPOM of 2019-2023, working groups and
    meetings of every year with who attended, steering committees
    constituted (one dissolved and reconstituted), so that A5.2, A5.4, A5.5,
    A5.7, OO5.2, OO5.4 and OS 3 vary from year to year. They are loaded
    after the first records of every service (sample_load.h), under request
    ids of their own ("sample-<region>-years-<n>").
*/
#ifndef SAMPLE_REGION_H_INCLUDED
#define SAMPLE_REGION_H_INCLUDED

#include "pps_config.h"

//  Load the sample for the configured region from csv_path (the ministry's
//  establishments file). Returns 0, or -1 after logging what failed.
int sample_region_load (pps_config_t *config, const char *csv_path);

//  Load the years' records; the first records are sent again (replayed,
//  since they were loaded: the years refer to them). Returns 0, or -1
//  after logging what failed.
int sample_region_years_load (pps_config_t *config, const char *csv_path);

#endif
