/*  projects_service: the projects service as the common runtime sees it:
    its databases, its envelope, its table of operations, and the registry
    peer it checks references with.  */
#include "projects.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "projects", "sessions", "establishment_years",
    "idx_establishment_projects", "idx_project_sessions",
    NULL
};

#define OP(upper, lower, write, result) \
    { PROJECTS__PROJECTS_REQUEST__OP_##upper, #lower, write, \
      PROJECTS__PROJECTS_REPLY__RESULT_##result, projects_##lower }

static const pps_op_t s_operations [] = {
    OP (CREATE_PROJECT,           create_project,           true,  PROJECT),
    OP (UPDATE_PROJECT,           update_project,           true,  PROJECT),
    OP (TRANSITION_PROJECT,       transition_project,       true,  PROJECT),
    OP (SET_EVALUATION,           set_evaluation,           true,  PROJECT),
    OP (GET_PROJECT,              get_project,              false, PROJECT),
    OP (LIST_PROJECTS,            list_projects,            false, PROJECTS),
    OP (RECORD_SESSION,           record_session,           true,  SESSION),
    OP (UPDATE_SESSION,           update_session,           true,  SESSION),
    OP (GET_SESSION,              get_session,              false, SESSION),
    OP (LIST_SESSIONS,            list_sessions,            false, SESSIONS),
    OP (PUT_SWOT,                 put_swot,                 true,  ESTABLISHMENT_YEAR),
    OP (PUT_REVIEW,               put_review,               true,  ESTABLISHMENT_YEAR),
    OP (GET_ESTABLISHMENT_YEAR,   get_establishment_year,   false, ESTABLISHMENT_YEAR),
    OP (LIST_ESTABLISHMENT_YEARS, list_establishment_years, false, ESTABLISHMENT_YEARS),
    OP (PROJECT_STATS,            project_stats,            false, PROJECT_STATS),
};

//  Open the databases and the registry peer; NULL when the peer cannot be made.
static void *
s_projects_create (pps_store_t *store, pps_config_t *config)
{
    pps_peer_t *registry = pps_peer_new (config, "registry", &registry__registry_reply__descriptor,
                                         PROJECTS_REGISTRY_MS);
    if (!registry)
        return NULL;
    projects_t *self = calloc (1, sizeof (projects_t));
    assert (self);
    self->store = store;
    self->registry = registry;
    self->projects = pps_store_dbi (store, "projects");
    self->sessions = pps_store_dbi (store, "sessions");
    self->establishment_years = pps_store_dbi (store, "establishment_years");
    self->idx_establishment_projects = pps_store_dbi (store, "idx_establishment_projects");
    self->idx_project_sessions = pps_store_dbi (store, "idx_project_sessions");
    return self;
}

//  Close the peer and free the state; sets *self_p to NULL.
static void
s_projects_destroy (void **self_p)
{
    projects_t *self = *self_p;
    if (self) {
        pps_peer_destroy (&self->registry);
        free (self);
        *self_p = NULL;
    }
}

const pps_service_t projects_service = {
    .name = "projects",
    .schema_version = PROJECTS_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &projects__projects_request__descriptor,
    .reply = &projects__projects_reply__descriptor,
    .event = &projects__projects_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .create = s_projects_create,
    .destroy = s_projects_destroy,
};
