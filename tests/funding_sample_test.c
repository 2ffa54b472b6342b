/*  funding.sample: the sample loaders of the registry, the projects and the
    funding service, run against the three services started in-process as
    pps-region starts them: the funding sample is complete (funders, a
    decided joint call with granted, partly granted and rejected
    applications, an allocation, an indirect funding), its views answer, and
    a second load writes nothing.

    Usage: funding_sample_test <establishments CSV>  (skipped, exit 77, when
    the file is not there)
*/
#include <czmq.h>
#include "pps_fs.h"
#include <unistd.h>
#include "funding.h"
#include "projects.h"
#include "registry.h"
#include "pps_client.h"
#include "pps_reflect.h"
#include "pps_runner.h"
#include "sample_funding.h"
#include "sample_projects.h"
#include "sample_region.h"

static char s_data_dir [] = "/tmp/funding_sample_XXXXXX";

#define CHECK(condition) \
    do { if (!(condition)) { \
        fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
        pps_fs_remove_tree (s_data_dir); \
        _exit (1); } } while (0)

//  Ask the funding service one read (op's field number and message); OK expected.
static Funding__FundingReply *
s_ask (pps_client_t *client, pps_arena_t *arena, uint32_t op, const void *value)
{
    ProtobufCMessage *request = pps_arena_message (arena, &funding__funding_request__descriptor);
    pps_reflect_set_string (request, 1, pps_client_new_request_id (pps_arena_alloc (arena, 33)));
    pps_reflect_set_message (request, op, value);
    ProtobufCMessage *reply = NULL;
    CHECK (pps_client_call (client, request, &funding__funding_reply__descriptor, arena, &reply) == 0);
    CHECK (pps_client_status (reply)->code == PPS__CODE__OK);
    return (Funding__FundingReply *) reply;
}

#define ASK(upper, value) s_ask (client, arena, FUNDING__FUNDING_REQUEST__OP_##upper, (value))

//  The funding service's last event seq.
static uint64_t
s_last_seq (pps_client_t *client, pps_arena_t *arena)
{
    Pps__ServiceStatusRequest request = PPS__SERVICE_STATUS_REQUEST__INIT;
    return ASK (SERVICE_STATUS, &request)->service_status->last_seq;
}

//  The sample's records and views.
static void
s_check_sample (pps_client_t *client, pps_arena_t *arena)
{
    Funding__FunderFilter funders = FUNDING__FUNDER_FILTER__INIT;
    CHECK (ASK (LIST_FUNDERS, &funders)->funders->n_items == 4);
    Funding__CallFilter calls = FUNDING__CALL_FILTER__INIT;
    Funding__CallList *call_list = ASK (LIST_CALLS, &calls)->calls;
    CHECK (call_list->n_items == 1);
    Funding__Call *call = call_list->items [0];
    CHECK (call->status == FUNDING__CALL_STATUS__DECIDED && call->n_funder_ids == 2);

    Funding__ApplicationFilter filter = FUNDING__APPLICATION_FILTER__INIT;
    filter.call_id = call->id;
    Funding__ApplicationList *applications = ASK (LIST_APPLICATIONS, &filter)->applications;
    CHECK (applications->n_items == 4);
    CHECK (applications->items [0]->status == FUNDING__APPLICATION_STATUS__GRANTED);
    CHECK (applications->items [1]->status == FUNDING__APPLICATION_STATUS__PARTLY_GRANTED);
    CHECK (applications->items [2]->status == FUNDING__APPLICATION_STATUS__PARTLY_GRANTED);
    CHECK (applications->items [3]->status == FUNDING__APPLICATION_STATUS__REJECTED);

    Funding__ByProject by_project = FUNDING__BY_PROJECT__INIT;
    by_project.project_id = applications->items [0]->project_id;
    Funding__CoFinancing *co = ASK (CO_FINANCING, &by_project)->co_financing;
    CHECK (co->n_funders == 2 && co->granted_cents > 0 && co->planned_budget_cents > 0);

    Funding__ByCall by_call = FUNDING__BY_CALL__INIT;
    by_call.call_id = call->id;
    Funding__Concertation *concertation = ASK (CONCERTATION, &by_call)->concertation;
    CHECK (concertation->applications == 4 && concertation->n_multi_funder_projects == 1);
    CHECK (concertation->n_silent_establishments > 0);

    Funding__AllocationFilter allocations = FUNDING__ALLOCATION_FILTER__INIT;
    CHECK (ASK (LIST_ALLOCATIONS, &allocations)->allocations->n_items == 1);
    Funding__IndirectFilter indirect = FUNDING__INDIRECT_FILTER__INIT;
    CHECK (ASK (LIST_INDIRECT_FUNDINGS, &indirect)->indirect_fundings->n_items == 1);

    Funding__TotalsQuery query = FUNDING__TOTALS_QUERY__INIT;
    Pps__Date from = PPS__DATE__INIT, to = PPS__DATE__INIT;
    pps_date_parse ("2025-01-01", &from);
    pps_date_parse ("2025-12-31", &to);
    query.from = &from;
    query.to = &to;
    Funding__GrantedTotals *totals = ASK (GRANTED_TOTALS, &query)->granted_totals;
    CHECK (totals->funders_granting == 3 && totals->allocations_cents == 1200000);
    CHECK (totals->total_cents == totals->grants_cents + totals->allocations_cents);
}

int
main (int argc, char **argv)
{
    const char *csv = argc > 1 ? argv [1] : "";
    if (access (csv, R_OK) != 0) {
        printf ("funding.sample: skipped, no establishments CSV at '%s'\n", csv);
        return 77;
    }
    CHECK (mkdtemp (s_data_dir));
    pps_config_t *config = pps_config_load (NULL);
    CHECK (config);
    pps_config_set (config, "region/data_dir", s_data_dir);
    pps_config_set (config, "region/code", "32");
    const pps_service_t *services [] = {
        &registry_service, &projects_service, &funding_service, NULL
    };
    for (const pps_service_t *const *service = services; *service; service++) {
        char key [64];
        snprintf (key, sizeof key, "%s/map_mb", (*service)->name);
        pps_config_set (config, key, "64");
    }
    zactor_t *actors [3] = { NULL };
    CHECK (pps_runner_start (services, config, actors) == 0);
    CHECK (sample_region_load (config, csv) == 0);
    CHECK (sample_projects_load (config) == 0);
    CHECK (sample_funding_load (config) == 0);

    pps_client_t *client = pps_client_new (pps_config_endpoint (config, "funding"), 10000, 1);
    pps_arena_t *arena = pps_arena_new ();
    CHECK (client);
    s_check_sample (client, arena);
    uint64_t seq = s_last_seq (client, arena);
    CHECK (seq > 10);

    //  Loading again replays the first answers: nothing new is written
    CHECK (sample_funding_load (config) == 0);
    CHECK (s_last_seq (client, arena) == seq);
    s_check_sample (client, arena);

    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    pps_runner_stop (actors, 3);
    pps_config_destroy (&config);
    pps_fs_remove_tree (s_data_dir);
    printf ("funding.sample: OK\n");
    return 0;
}
