/*  sample_load: the whole sample of a region, in order.  */
#include "sample_load.h"
#include "sample_region.h"
#include "sample_projects.h"
#include "sample_training.h"
#include "sample_funding.h"

int
sample_load (pps_config_t *config, const char *csv_path)
{
    if (sample_region_load (config, csv_path) || sample_projects_load (config)
    ||  sample_training_load (config) || sample_funding_load (config)
    ||  sample_region_years_load (config, csv_path) || sample_projects_years_load (config)
    ||  sample_training_years_load (config) || sample_funding_years_load (config))
        return -1;
    return 0;
}
