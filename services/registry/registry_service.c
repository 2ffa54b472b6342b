/*  registry_service: the registry as the common runtime sees it: its
    databases, its envelope, its operations and its topics.  */
#include "registry.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "regions", "directorates", "establishments", "hospitals", "health_units",
    "partners", "persons", "designations", "programmes", "cpoms",
    "regional_committees", "working_groups", "steering_committees", "meetings",
    "idx_establishment_code", "idx_directorate_code", "idx_designation_scope",
    NULL
};

static const pps_op_t s_operations [] = {
    REGISTRY_OPERATIONS (PPS_OP_ENTRY, registry)
};

static const char *const s_topics [] = { REGISTRY_TOPICS, NULL };

static void *
s_registry_create (pps_store_t *store, pps_config_t *config)
{
    (void) config;
    registry_t *self = calloc (1, sizeof (registry_t));
    assert (self);
    self->store = store;
    self->regions = pps_store_dbi (store, "regions");
    self->directorates = pps_store_dbi (store, "directorates");
    self->establishments = pps_store_dbi (store, "establishments");
    self->hospitals = pps_store_dbi (store, "hospitals");
    self->health_units = pps_store_dbi (store, "health_units");
    self->partners = pps_store_dbi (store, "partners");
    self->persons = pps_store_dbi (store, "persons");
    self->designations = pps_store_dbi (store, "designations");
    self->programmes = pps_store_dbi (store, "programmes");
    self->cpoms = pps_store_dbi (store, "cpoms");
    self->regional_committees = pps_store_dbi (store, "regional_committees");
    self->working_groups = pps_store_dbi (store, "working_groups");
    self->steering_committees = pps_store_dbi (store, "steering_committees");
    self->meetings = pps_store_dbi (store, "meetings");
    self->idx_establishment_code = pps_store_dbi (store, "idx_establishment_code");
    self->idx_directorate_code = pps_store_dbi (store, "idx_directorate_code");
    self->idx_designation_scope = pps_store_dbi (store, "idx_designation_scope");
    return self;
}

static void
s_registry_destroy (void **self_p)
{
    free (*self_p);
    *self_p = NULL;
}

const pps_service_t registry_service = {
    .name = "registry",
    .schema_version = REGISTRY_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &registry__registry_request__descriptor,
    .reply = &registry__registry_reply__descriptor,
    .event = &registry__registry_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .topics = s_topics,
    .create = s_registry_create,
    .destroy = s_registry_destroy,
};
