/*  sample_bilans: finalises a region's sample bilans through the indicators
    service, as `ppsctl bilan finalise --year N` does: each is frozen as
    version 1, hashed and queued for the national service.

    A year that has a finalised version already (from an earlier load, or
    an operator) is left alone, so loading twice never makes a version 2.
    The service refuses to finalise while its read model has not applied
    every event of its sources: the loader retries until it has (a bounded
    wait). Each finalise carries the request id
    "sample-<region>-bilan-<year>", so that a load cut short between the
    finalise and its answer replays it instead of finalising again.
*/
#ifndef SAMPLE_BILANS_H_INCLUDED
#define SAMPLE_BILANS_H_INCLUDED

#include "pps_config.h"

//  Finalise the configured region's bilans of first_year to last_year that
//  have no finalised version. Returns 0, or -1 after logging what failed
//  (no answer, a refusal other than the read model catching up, or a read
//  model still behind after wait_ms).
int sample_bilans_finalise (pps_config_t *config, int first_year, int last_year, int wait_ms);

#endif
