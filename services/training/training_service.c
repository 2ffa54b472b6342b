/*  training_service: SKELETON, being written.  */
#include "training.h"

static const char *const s_databases [] = { NULL };

static const pps_op_t s_operations [] = {
    { 0, "none", false, 0, NULL },
};

const pps_service_t training_service = {
    .name = "training",
    .schema_version = TRAINING_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &training__training_request__descriptor,
    .reply = &training__training_reply__descriptor,
    .event = &training__training_event__descriptor,
    .ops = s_operations,
    .op_count = 0,
};
