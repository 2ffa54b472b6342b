/*  projects_service: SKELETON, being written.  */
#include "projects.h"

static const char *const s_databases [] = { NULL };

static const pps_op_t s_operations [] = {
    { 0, "none", false, 0, NULL },
};

const pps_service_t projects_service = {
    .name = "projects",
    .schema_version = PROJECTS_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &projects__projects_request__descriptor,
    .reply = &projects__projects_reply__descriptor,
    .event = &projects__projects_event__descriptor,
    .ops = s_operations,
    .op_count = 0,
};
