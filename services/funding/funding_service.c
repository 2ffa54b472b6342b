/*  funding_service: SKELETON, being written.  */
#include "funding.h"

static const char *const s_databases [] = { NULL };

static const pps_op_t s_operations [] = {
    { 0, "none", false, 0, NULL },
};

const pps_service_t funding_service = {
    .name = "funding",
    .schema_version = FUNDING_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &funding__funding_request__descriptor,
    .reply = &funding__funding_reply__descriptor,
    .event = &funding__funding_event__descriptor,
    .ops = s_operations,
    .op_count = 0,
};
