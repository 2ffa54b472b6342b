/*  funding_service: the funding service as the common runtime sees it: its
    databases, its envelope, its table of operations, and its peers.  */
#include "funding.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "funders", "calls", "applications", "allocations", "indirect_fundings",
    "idx_call_applications", "idx_project_applications",
    NULL
};


static const pps_op_t s_operations [] = {
    FUNDING_OPERATIONS (PPS_OP_ENTRY, funding)
};

static const pps_limit_t s_limits [] = {
    { "call_funders_items", FUNDING_CALL_FUNDERS_MAX, "funders of one joint call" },
    { "amount_cents_max", PPS_MONEY_MAX, "any amount, in cents" },
    { "year_min", FUNDING_YEAR_MIN, "earliest year" },
    { "year_max", FUNDING_YEAR_MAX, "latest year" },
};

static const char *const s_topics [] = { FUNDING_TOPICS, NULL };

//  Close the peers and free the state; sets *self_p to NULL.
static void
s_funding_destroy (void **self_p)
{
    funding_t *self = *self_p;
    if (self) {
        pps_peer_destroy (&self->registry);
        pps_peer_destroy (&self->projects);
        free (self->region_code);
        free (self);
        *self_p = NULL;
    }
}

//  The service's state: its databases and the peers it checks references
//  with. The peers only connect here; a peer that is not up yet is asked
//  when a request needs it.
static void *
s_funding_create (pps_store_t *store, pps_config_t *config)
{
    funding_t *self = calloc (1, sizeof (funding_t));
    assert (self);
    self->store = store;
    self->region_code = strdup (pps_config_region (config));
    self->registry = pps_peer_new (config, "registry", &registry__registry_reply__descriptor,
                                   FUNDING_PEER_TIMEOUT_MS);
    self->projects = pps_peer_new (config, "projects", &projects__projects_reply__descriptor,
                                   FUNDING_PEER_TIMEOUT_MS);
    if (!self->registry || !self->projects) {
        zsys_error ("funding: cannot connect to the registry or projects service");
        void *state = self;
        s_funding_destroy (&state);
        return NULL;
    }
    self->funders = pps_store_dbi (store, "funders");
    self->calls = pps_store_dbi (store, "calls");
    self->applications = pps_store_dbi (store, "applications");
    self->allocations = pps_store_dbi (store, "allocations");
    self->indirect_fundings = pps_store_dbi (store, "indirect_fundings");
    self->idx_call_applications = pps_store_dbi (store, "idx_call_applications");
    self->idx_project_applications = pps_store_dbi (store, "idx_project_applications");
    return self;
}

const pps_service_t funding_service = {
    .name = "funding",
    .schema_version = FUNDING_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &funding__funding_request__descriptor,
    .reply = &funding__funding_reply__descriptor,
    .event = &funding__funding_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .topics = s_topics,
    .limits = s_limits,
    .limit_count = sizeof (s_limits) / sizeof (s_limits [0]),
    .create = s_funding_create,
    .destroy = s_funding_destroy,
};
