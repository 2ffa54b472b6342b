/*  sample_region: loads a region's sample data through the registry's
    protobuf API, the way an operator's tools would.

    The establishments are the real ones of the ministry's file; everything
    the public data does not give (hospitals, people, designations,
    committees, meetings) is invented and marked "(exemple)" in its name.
    Every request carries a fixed request id ("sample-<region>-<n>"), so
    loading twice replays the first answers and writes nothing new.
*/
#ifndef SAMPLE_REGION_H_INCLUDED
#define SAMPLE_REGION_H_INCLUDED

#include "pps_config.h"

//  Load the sample for the configured region from csv_path (the ministry's
//  establishments file). Returns 0, or -1 after logging what failed.
int sample_region_load (pps_config_t *config, const char *csv_path);

#endif
