/*  funding.sample: the sample loaders of the registry, the projects and the
    funding service (first records, then years, as sample_load orders
    them), run against the three services started in-process as pps-region
    starts them: the funding sample is complete (funders, the decided joint
    call of 2025 with granted, partly granted and rejected applications, the
    calls of the other years, the open call of 2027 with an application
    waiting, allocations, indirect funding), its views answer, the amounts
    granted vary from year to year, and a second load writes nothing.

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

//  The totals granted in year (decisions and allocations dated in it).
static Funding__GrantedTotals *
s_totals (pps_client_t *client, pps_arena_t *arena, int year)
{
    Funding__TotalsQuery query = FUNDING__TOTALS_QUERY__INIT;
    Pps__Date *from = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    Pps__Date *to = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    from->year = to->year = year;
    from->month = from->day = 1;
    to->month = 12;
    to->day = 31;
    query.from = from;
    query.to = to;
    return ASK (GRANTED_TOTALS, &query)->granted_totals;
}

//  The sample's records and views.
static void
s_check_sample (pps_client_t *client, pps_arena_t *arena)
{
    Funding__FunderFilter funders = FUNDING__FUNDER_FILTER__INIT;
    CHECK (ASK (LIST_FUNDERS, &funders)->funders->n_items == 5);
    Funding__CallFilter calls = FUNDING__CALL_FILTER__INIT;
    Funding__CallList *call_list = ASK (LIST_CALLS, &calls)->calls;
    CHECK (call_list->n_items == 8);
    //  Every call is decided but that of 2027, opened in November 2026;
    //  the FIR alone in 2023, without concertation (OO 1.3)
    size_t decided = 0, joint = 0;
    Funding__Call *call = NULL, *open = NULL;
    for (size_t index = 0; index < call_list->n_items; index++) {
        Funding__Call *item = call_list->items [index];
        decided += item->status == FUNDING__CALL_STATUS__DECIDED;
        joint += item->n_funder_ids == 2;
        if (item->year == 2025 && item->n_funder_ids == 2)
            call = item;
        if (item->status == FUNDING__CALL_STATUS__OPEN)
            open = item;
        if (item->year == 2023)
            CHECK (item->n_funder_ids == 1 && !item->coordinated_instruction);
    }
    CHECK (decided == 7 && joint == 4);
    CHECK (call && open && open->year == 2027);

    Funding__ApplicationFilter filter = FUNDING__APPLICATION_FILTER__INIT;
    filter.call_id = call->id;
    Funding__ApplicationList *applications = ASK (LIST_APPLICATIONS, &filter)->applications;
    CHECK (applications->n_items == 4);
    CHECK (applications->items [0]->status == FUNDING__APPLICATION_STATUS__GRANTED);
    CHECK (applications->items [1]->status == FUNDING__APPLICATION_STATUS__PARTLY_GRANTED);
    CHECK (applications->items [2]->status == FUNDING__APPLICATION_STATUS__PARTLY_GRANTED);
    CHECK (applications->items [3]->status == FUNDING__APPLICATION_STATUS__REJECTED);
    filter.call_id = open->id;
    Funding__ApplicationList *waiting = ASK (LIST_APPLICATIONS, &filter)->applications;
    CHECK (waiting->n_items == 1);
    CHECK (waiting->items [0]->status == FUNDING__APPLICATION_STATUS__SUBMITTED);

    Funding__ByProject by_project = FUNDING__BY_PROJECT__INIT;
    by_project.project_id = applications->items [0]->project_id;
    Funding__CoFinancing *co = ASK (CO_FINANCING, &by_project)->co_financing;
    CHECK (co->n_funders == 2 && co->granted_cents > 0 && co->planned_budget_cents > 0);
    //  No project asks more than its budget over the years
    Funding__ApplicationFilter all = FUNDING__APPLICATION_FILTER__INIT;
    Funding__ApplicationList *every = ASK (LIST_APPLICATIONS, &all)->applications;
    CHECK (every->n_items == 24);
    for (size_t index = 0; index < every->n_items; index++) {
        by_project.project_id = every->items [index]->project_id;
        CHECK (!ASK (CO_FINANCING, &by_project)->co_financing->over_requested);
    }

    Funding__ByCall by_call = FUNDING__BY_CALL__INIT;
    by_call.call_id = call->id;
    Funding__Concertation *concertation = ASK (CONCERTATION, &by_call)->concertation;
    CHECK (concertation->applications == 4 && concertation->n_multi_funder_projects == 1);
    CHECK (concertation->n_silent_establishments > 0);

    Funding__AllocationFilter allocations = FUNDING__ALLOCATION_FILTER__INIT;
    CHECK (ASK (LIST_ALLOCATIONS, &allocations)->allocations->n_items == 8);
    Funding__IndirectFilter indirect = FUNDING__INDIRECT_FILTER__INIT;
    CHECK (ASK (LIST_INDIRECT_FUNDINGS, &indirect)->indirect_fundings->n_items == 4);

    //  OO 4.3, year by year: sources and amounts (cents) granted
    const struct {
        uint32_t funders;
        int64_t total, allocations;
    } years [] = {
        { 2, 1382000, 800000 }, { 3, 2340000, 1300000 }, { 4, 2818000, 1650000 },
        { 4, 3474000, 2600000 },
    };
    for (size_t index = 0; index < sizeof years / sizeof years [0]; index++) {
        Funding__GrantedTotals *totals = s_totals (client, arena, 2023 + (int) index);
        CHECK (totals->funders_granting == years [index].funders);
        CHECK (totals->total_cents == years [index].total);
        CHECK (totals->allocations_cents == years [index].allocations);
        CHECK (totals->total_cents == totals->grants_cents + totals->allocations_cents);
    }
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
    CHECK (sample_region_years_load (config, csv) == 0);
    CHECK (sample_projects_years_load (config) == 0);
    CHECK (sample_funding_years_load (config) == 0);

    pps_client_t *client = pps_client_new (pps_config_endpoint (config, "funding"), 10000, 1);
    pps_arena_t *arena = pps_arena_new ();
    CHECK (client);
    s_check_sample (client, arena);
    uint64_t seq = s_last_seq (client, arena);
    CHECK (seq > 80);

    //  Loading again replays the first answers: nothing new is written
    CHECK (sample_funding_load (config) == 0);
    CHECK (sample_funding_years_load (config) == 0);
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
