/*  sample_bilans: finalises a region's sample bilans.  */
#include "sample_bilans.h"
#include "sample_call.h"

#include "pps_client.h"
#include "indicators.pb-c.h"

#define RETRY_MS    200               //  While the read model catches up

//  The number of finalised versions of the region's bilan of year, or -1.
static int
s_versions (pps_client_t *client, pps_arena_t *arena, const char *region, int year,
            bool *failed_p)
{
    Indicators__BilanFilter filter = INDICATORS__BILAN_FILTER__INIT;
    filter.region_code = (char *) region;
    filter.year = year;
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_LIST_BILANS;
    request.list_bilans = &filter;
    Indicators__IndicatorsReply *reply = (Indicators__IndicatorsReply *) sample_call (
        client, arena, &request.base, &indicators__indicators_reply__descriptor, NULL,
        "the finalised bilans", failed_p);
    return reply ? (int) reply->bilans->n_items : -1;
}

//  Finalise year; returns 0 when done, 1 when the read model is behind
//  (worth a retry), -1 on any other failure (logged).
static int
s_finalise (pps_client_t *client, pps_arena_t *arena, const char *region, int year)
{
    Indicators__BilanQuery query = INDICATORS__BILAN_QUERY__INIT;
    query.region_code = (char *) region;
    query.year = year;
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    char request_id [64];
    snprintf (request_id, sizeof request_id, "sample-%s-bilan-%d", region, year);
    request.request_id = request_id;
    request.actor = "sample";
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_FINALISE_BILAN;
    request.finalise_bilan = &query;
    ProtobufCMessage *answer = NULL;
    if (pps_client_call (client, &request.base, &indicators__indicators_reply__descriptor, arena,
                         &answer)) {
        zsys_error ("sample: no answer to the finalise of bilan %s %d", region, year);
        return -1;
    }
    Indicators__IndicatorsReply *reply = (Indicators__IndicatorsReply *) answer;
    const Pps__Status *status = pps_client_status (answer);
    //  The read model behind, or a source not answering: refused with no
    //  field, and nothing written; anything else is the bilan's own fault
    if (status->code == PPS__CODE__FAILED_PRECONDITION && !*status->field)
        return 1;
    if (status->code != PPS__CODE__OK) {
        zsys_error ("sample: finalise of bilan %s %d refused: %s %s", region, year,
                    status->field, status->message);
        return -1;
    }
    size_t errors = 0;
    for (size_t index = 0; index < reply->bilan->n_validation; index++)
        errors += reply->bilan->validation [index]->severity == INDICATORS__SEVERITY__ERROR;
    zsys_info ("sample: bilan %s %d finalised, version %u (%zu validation issues, %zu errors), "
               "queued for the national service as %s:%d:%u", region, year,
               reply->bilan->version, reply->bilan->n_validation, errors, region, year,
               reply->bilan->version);
    return 0;
}

int
sample_bilans_finalise (pps_config_t *config, int first_year, int last_year, int wait_ms)
{
    pps_client_t *client = pps_client_new (pps_config_endpoint (config, "indicators"), 10000, 3);
    if (!client)
        return -1;
    pps_arena_t *arena = pps_arena_new ();
    const char *region = pps_config_region (config);
    bool failed = false;
    int64_t deadline = zclock_mono () + wait_ms;
    for (int year = first_year; year <= last_year && !failed && !zsys_interrupted; year++) {
        int versions = s_versions (client, arena, region, year, &failed);
        if (versions != 0) {
            if (versions > 0)
                zsys_info ("sample: bilan %s %d already finalised (%d version%s)", region, year,
                           versions, versions > 1 ? "s" : "");
            continue;
        }
        int rc;
        while ((rc = s_finalise (client, arena, region, year)) == 1 && !zsys_interrupted
           &&  zclock_mono () < deadline)
            zclock_sleep (RETRY_MS);
        if (rc == 1 && !zsys_interrupted)
            zsys_error ("sample: the read model of region %s was still behind its sources "
                        "after %d ms: bilan %d not finalised", region, wait_ms, year);
        failed = rc != 0;
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return failed ? -1 : 0;
}
