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

#define REQ(name)   TRAINING__TRAINING_REQUEST__OP_##name
#define RES(name)   TRAINING__TRAINING_REPLY__RESULT_##name

static const pps_op_t s_operations [] = {
    { REQ (CREATE_OFFER),       "create_offer",       true,  RES (OFFER),          training_create_offer },
    { REQ (UPDATE_OFFER),       "update_offer",       true,  RES (OFFER),          training_update_offer },
    { REQ (GET_OFFER),          "get_offer",          false, RES (OFFER),          training_get_offer },
    { REQ (LIST_OFFERS),        "list_offers",        false, RES (OFFERS),         training_list_offers },
    { REQ (CREATE_SESSION),     "create_session",     true,  RES (SESSION),        training_create_session },
    { REQ (UPDATE_SESSION),     "update_session",     true,  RES (SESSION),        training_update_session },
    { REQ (GET_SESSION),        "get_session",        false, RES (SESSION),        training_get_session },
    { REQ (LIST_SESSIONS),      "list_sessions",      false, RES (SESSIONS),       training_list_sessions },
    { REQ (ADD_PARTICIPANT),    "add_participant",    true,  RES (PARTICIPANT),    training_add_participant },
    { REQ (REMOVE_PARTICIPANT), "remove_participant", true,  RES (PARTICIPANT),    training_remove_participant },
    { REQ (SET_CATEGORY_COUNT), "set_category_count", true,  RES (CATEGORY_COUNT), training_set_category_count },
    { REQ (SESSION_ATTENDANCE), "session_attendance", false, RES (ATTENDANCE),     training_session_attendance },
    { REQ (PUT_HEADCOUNT),      "put_headcount",      true,  RES (HEADCOUNT),      training_put_headcount },
    { REQ (LIST_HEADCOUNTS),    "list_headcounts",    false, RES (HEADCOUNTS),     training_list_headcounts },
    { REQ (TRAINED_STATS),      "trained_stats",      false, RES (TRAINED_STATS),  training_trained_stats },
    { REQ (IS_TRAINED),         "is_trained",         false, RES (IS_TRAINED),     training_is_trained },
};

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
    .create = s_training_create,
    .destroy = s_training_destroy,
};
