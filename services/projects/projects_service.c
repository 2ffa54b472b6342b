/*  projects_service: the projects service as the common runtime sees it:
    its databases, its envelope, its table of operations, and the registry
    peer it checks references with.  */
#include "projects_rules.h"

#include <czmq.h>

static const char *const s_databases [] = {
    "projects", "sessions", "establishment_years",
    "idx_establishment_projects", "idx_project_sessions",
    "plans", "plan_templates", "idx_project_plans",
    NULL
};


static const pps_op_t s_operations [] = {
    PROJECTS_OPERATIONS (PPS_OP_ENTRY, projects)
};

static const pps_limit_t s_limits [] = {
    { "note_bytes", PROJECTS_NOTE_MAX, "notes of a session or review" },
    { "feedback_bytes", PROJECTS_FEEDBACK_MAX, "feedback of a session" },
    { "partners_items", PROJECTS_PARTNERS_MAX, "partners of one project" },
    { "session_count", PROJECTS_COUNT_MAX, "people registered or attending one session" },
    { "year_min", PROJECTS_YEAR_MIN, "earliest year" },
    { "year_max", PROJECTS_YEAR_MAX, "latest year" },
    { "plan_steps", PROJECTS_STEPS_MAX, "steps of a template or of a planned session" },
    { "step_key_bytes", PROJECTS_STEP_KEY_MAX, "key of a step" },
    { "upcoming_days", PROJECTS_UPCOMING_MAX, "days ahead upcoming_steps looks" },
};

static const char *const s_topics [] = { PROJECTS_TOPICS, NULL };

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
    self->plans = pps_store_dbi (store, "plans");
    self->plan_templates = pps_store_dbi (store, "plan_templates");
    self->idx_project_plans = pps_store_dbi (store, "idx_project_plans");
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
    .topics = s_topics,
    .limits = s_limits,
    .limit_count = sizeof (s_limits) / sizeof (s_limits [0]),
    .create = s_projects_create,
    .destroy = s_projects_destroy,
};
