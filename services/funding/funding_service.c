/*  funding_service: the funding service as the common runtime sees it: its
    databases, its envelope, its table of operations, and its peers.  */
#include "funding.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "funders", "calls", "applications", "allocations", "indirect_fundings",
    "idx_call_applications", "idx_project_applications",
    NULL
};

#define OP(upper)     FUNDING__FUNDING_REQUEST__OP_##upper
#define RESULT(upper) FUNDING__FUNDING_REPLY__RESULT_##upper

static const pps_op_t s_operations [] = {
    { OP (CREATE_FUNDER),           "create_funder",           true,  RESULT (FUNDER),            funding_create_funder },
    { OP (UPDATE_FUNDER),           "update_funder",           true,  RESULT (FUNDER),            funding_update_funder },
    { OP (GET_FUNDER),              "get_funder",              false, RESULT (FUNDER),            funding_get_funder },
    { OP (LIST_FUNDERS),            "list_funders",            false, RESULT (FUNDERS),           funding_list_funders },
    { OP (CREATE_CALL),             "create_call",             true,  RESULT (CALL),              funding_create_call },
    { OP (UPDATE_CALL),             "update_call",             true,  RESULT (CALL),              funding_update_call },
    { OP (TRANSITION_CALL),         "transition_call",         true,  RESULT (CALL),              funding_transition_call },
    { OP (GET_CALL),                "get_call",                false, RESULT (CALL),              funding_get_call },
    { OP (LIST_CALLS),              "list_calls",              false, RESULT (CALLS),             funding_list_calls },
    { OP (SUBMIT_APPLICATION),      "submit_application",      true,  RESULT (APPLICATION),       funding_submit_application },
    { OP (REVIEW_APPLICATION),      "review_application",      true,  RESULT (APPLICATION),       funding_review_application },
    { OP (DECIDE_APPLICATION),      "decide_application",      true,  RESULT (APPLICATION),       funding_decide_application },
    { OP (WITHDRAW_APPLICATION),    "withdraw_application",    true,  RESULT (APPLICATION),       funding_withdraw_application },
    { OP (GET_APPLICATION),         "get_application",         false, RESULT (APPLICATION),       funding_get_application },
    { OP (LIST_APPLICATIONS),       "list_applications",       false, RESULT (APPLICATIONS),      funding_list_applications },
    { OP (CREATE_ALLOCATION),       "create_allocation",       true,  RESULT (ALLOCATION),        funding_create_allocation },
    { OP (GET_ALLOCATION),          "get_allocation",          false, RESULT (ALLOCATION),        funding_get_allocation },
    { OP (LIST_ALLOCATIONS),        "list_allocations",        false, RESULT (ALLOCATIONS),       funding_list_allocations },
    { OP (CREATE_INDIRECT_FUNDING), "create_indirect_funding", true,  RESULT (INDIRECT_FUNDING),  funding_create_indirect_funding },
    { OP (LIST_INDIRECT_FUNDINGS),  "list_indirect_fundings",  false, RESULT (INDIRECT_FUNDINGS), funding_list_indirect_fundings },
    { OP (CO_FINANCING),            "co_financing",            false, RESULT (CO_FINANCING),      funding_co_financing },
    { OP (CONCERTATION),            "concertation",            false, RESULT (CONCERTATION),      funding_concertation },
    { OP (GRANTED_TOTALS),          "granted_totals",          false, RESULT (GRANTED_TOTALS),    funding_granted_totals },
};

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
    .create = s_funding_create,
    .destroy = s_funding_destroy,
};
