/*  training_service: the training service as the common runtime sees it:
    its databases, its envelope, its table of operations, and its state
    (the store's handles and the registry peer that checks references).  */
#include "training.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "offers", "sessions", "participants", "category_counts", "headcounts",
    "idx_session_offer", "idx_person_session",
    NULL
};


static const pps_op_t s_operations [] = {
    TRAINING_OPERATIONS (PPS_OP_ENTRY, training)
};

static const pps_limit_t s_limits [] = {
    { "minutes_min", TRAINING_MINUTES_MIN, "shortest offer, in minutes" },
    { "minutes_max", TRAINING_MINUTES_MAX, "longest offer, in minutes" },
    { "attendees_count", TRAINING_COUNT_MAX, "anonymous attendees of one category line" },
    { "headcount_max", TRAINING_HEADCOUNT_MAX, "staff of one category in one establishment" },
    { "year_min", TRAINING_YEAR_MIN, "earliest year" },
    { "year_max", TRAINING_YEAR_MAX, "latest year" },
};

static const char *const s_topics [] = { TRAINING_TOPICS, NULL };

static void *
s_training_create (pps_store_t *store, pps_config_t *config)
{
    training_t *self = calloc (1, sizeof (training_t));
    assert (self);
    self->store = store;
    //  Connecting does not need the registry to run: a check made while it
    //  is down answers UNAVAILABLE, and the next one finds it back
    self->registry = pps_peer_new (config, "registry", &registry__registry_reply__descriptor,
                                   TRAINING_PEER_TIMEOUT_MS);
    if (!self->registry) {
        zsys_error ("training: cannot reach the registry at %s",
                    pps_config_endpoint (config, "registry"));
        free (self);
        return NULL;
    }
    self->offers = pps_store_dbi (store, "offers");
    self->sessions = pps_store_dbi (store, "sessions");
    self->participants = pps_store_dbi (store, "participants");
    self->category_counts = pps_store_dbi (store, "category_counts");
    self->headcounts = pps_store_dbi (store, "headcounts");
    self->idx_session_offer = pps_store_dbi (store, "idx_session_offer");
    self->idx_person_session = pps_store_dbi (store, "idx_person_session");
    return self;
}

static void
s_training_destroy (void **self_p)
{
    training_t *self = *self_p;
    if (self) {
        pps_peer_destroy (&self->registry);
        free (self);
    }
    *self_p = NULL;
}

const pps_service_t training_service = {
    .name = "training",
    .schema_version = TRAINING_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &training__training_request__descriptor,
    .reply = &training__training_reply__descriptor,
    .event = &training__training_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .topics = s_topics,
    .limits = s_limits,
    .limit_count = sizeof (s_limits) / sizeof (s_limits [0]),
    .create = s_training_create,
    .destroy = s_training_destroy,
};
