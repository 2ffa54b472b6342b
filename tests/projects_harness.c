/*  projects_harness: an in-process registry and projects service.  */
#include "projects_harness.h"

#include "pps_fs.h"
#include "pps_server.h"

//  Every live harness's data directory, so that an abort removes them all.
#define LIVE_MAX 4
static test_t *s_live [LIVE_MAX];

static void
s_remove_data_dir (test_t *self)
{
    if (*self->data_dir)
        pps_fs_remove_tree (self->data_dir);
    *self->data_dir = 0;
}

void
projects_harness_abort (const char *file, int line, const char *what)
{
    fprintf (stderr, "%s:%d: check failed: %s\n", file, line, what);
    for (size_t index = 0; index < LIVE_MAX; index++)
        if (s_live [index])
            s_remove_data_dir (s_live [index]);
    _exit (1);
}

//  Region 32, three establishments and a partner.
void
projects_harness_fixture (test_t *t)
{
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    REGISTRY_OK (REGISTRY (CREATE_REGION, create_region, &region));

    Registry__Establishment prison = REGISTRY__ESTABLISHMENT__INIT;
    prison.code = "T-MA";
    prison.name = "Maison d'arrêt de test";
    prison.kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    prison.region_code = "32";
    prison.capacity = 300;
    t->prison_id = REGISTRY_OK (REGISTRY (CREATE_ESTABLISHMENT, create_establishment, &prison))
        ->establishment->id;
    Registry__Establishment epm = prison;
    epm.code = "T-EPM";
    epm.name = "EPM de test";
    epm.kind = REGISTRY__ESTABLISHMENT_KIND__EPM;
    epm.capacity = 60;
    t->epm_id = REGISTRY_OK (REGISTRY (CREATE_ESTABLISHMENT, create_establishment, &epm))
        ->establishment->id;
    Registry__Establishment closed = prison;
    closed.code = "T-OLD";
    closed.name = "Ancienne maison d'arrêt";
    closed.closed_on = DATE ("2024-06-30");
    t->closed_id = REGISTRY_OK (REGISTRY (CREATE_ESTABLISHMENT, create_establishment, &closed))
        ->establishment->id;

    Registry__Partner partner = REGISTRY__PARTNER__INIT;
    partner.name = "CSAPA de test";
    partner.kind = REGISTRY__PARTNER_KIND__CSAPA;
    partner.region_code = "32";
    t->partner_id = REGISTRY_OK (REGISTRY (CREATE_PARTNER, create_partner, &partner))
        ->partner->id;
}

void
projects_harness_start (test_t *self, projects_harness_mode_t mode)
{
    bool with_registry = mode != PROJECTS_HARNESS_ALONE;
    memset (self, 0, sizeof *self);
    snprintf (self->data_dir, sizeof self->data_dir, "/tmp/projects_test_XXXXXX");
    CHECK (mkdtemp (self->data_dir));
    for (size_t index = 0; index < LIVE_MAX; index++)
        if (!s_live [index]) {
            s_live [index] = self;
            break;
        }
    self->arena = pps_arena_new ();
    self->config = pps_config_load (NULL);
    CHECK (self->config);
    pps_config_set (self->config, "region/data_dir", self->data_dir);
    pps_config_set (self->config, "registry/map_mb", "64");
    pps_config_set (self->config, "projects/map_mb", "64");
    if (with_registry) {
        self->registry = pps_server_new (&registry_service, self->config);
        CHECK (self->registry);
        self->registry_client = pps_client_new (pps_config_endpoint (self->config, "registry"),
                                                10000, 1);
        CHECK (self->registry_client);
    }
    self->projects = pps_server_new (&projects_service, self->config);
    CHECK (self->projects);
    self->projects_client = pps_client_new (pps_config_endpoint (self->config, "projects"),
                                            10000, 1);
    CHECK (self->projects_client);
    if (mode == PROJECTS_HARNESS_FIXTURE)
        projects_harness_fixture (self);
}

void
projects_harness_stop (test_t *self)
{
    pps_client_destroy (&self->projects_client);
    pps_client_destroy (&self->registry_client);
    zactor_destroy (&self->projects);
    zactor_destroy (&self->registry);
    pps_config_destroy (&self->config);
    pps_arena_destroy (&self->arena);
    s_remove_data_dir (self);
    for (size_t index = 0; index < LIVE_MAX; index++)
        if (s_live [index] == self)
            s_live [index] = NULL;
}

Projects__ProjectsReply *
projects_harness_send (test_t *self, uint32_t op, size_t offset, void *value,
                       const char *request_id)
{
    Projects__ProjectsRequest *request = pps_arena_alloc (self->arena, sizeof *request);
    projects__projects_request__init (request);
    request->request_id = request_id
        ? (char *) request_id
        : pps_client_new_request_id (pps_arena_alloc (self->arena, 33));
    request->actor = "projects_test";
    request->op_case = op;
    *(void **) ((char *) request + offset) = value;
    ProtobufCMessage *reply = NULL;
    CHECK (pps_client_call (self->projects_client, &request->base,
                            &projects__projects_reply__descriptor, self->arena, &reply) == 0);
    return (Projects__ProjectsReply *) reply;
}

Registry__RegistryReply *
projects_harness_registry (test_t *self, uint32_t op, size_t offset, void *value)
{
    CHECK (self->registry_client);
    Registry__RegistryRequest *request = pps_arena_alloc (self->arena, sizeof *request);
    registry__registry_request__init (request);
    request->request_id = pps_client_new_request_id (pps_arena_alloc (self->arena, 33));
    request->actor = "projects_test";
    request->op_case = op;
    *(void **) ((char *) request + offset) = value;
    ProtobufCMessage *reply = NULL;
    CHECK (pps_client_call (self->registry_client, &request->base,
                            &registry__registry_reply__descriptor, self->arena, &reply) == 0);
    return (Registry__RegistryReply *) reply;
}

Projects__ProjectsReply *
projects_harness_expect (Projects__ProjectsReply *reply, Pps__Code code, const char *field,
                         const char *file, int line)
{
    const Pps__Status *status = pps_client_status (&reply->base);
    if (status->code != code || (field && !streq (status->field, field))) {
        fprintf (stderr, "expected code %d field '%s', got code %d field '%s': %s\n",
                 code, field ? field : "", status->code, status->field, status->message);
        projects_harness_abort (file, line, "reply status");
    }
    return reply;
}

Registry__RegistryReply *
projects_harness_registry_ok (Registry__RegistryReply *reply, const char *file, int line)
{
    const Pps__Status *status = pps_client_status (&reply->base);
    if (status->code != PPS__CODE__OK) {
        fprintf (stderr, "registry refused: code %d field '%s': %s\n",
                 status->code, status->field, status->message);
        projects_harness_abort (file, line, "registry reply status");
    }
    return reply;
}

uint64_t
projects_harness_last_seq (test_t *t)
{
    Pps__ServiceStatusRequest *request = pps_arena_alloc (t->arena, sizeof *request);
    pps__service_status_request__init (request);
    Projects__ProjectsReply *reply = OK (SEND (SERVICE_STATUS, service_status, request));
    CHECK (reply->service_status);
    return reply->service_status->last_seq;
}

Projects__ProjectsEvent *
projects_harness_event (test_t *t, uint64_t seq)
{
    CHECK (seq > 0);
    Pps__EventsSinceRequest *since = pps_arena_alloc (t->arena, sizeof *since);
    pps__events_since_request__init (since);
    since->seq = seq - 1;
    since->limit = 1;
    Projects__ProjectsReply *reply = OK (SEND (EVENTS_SINCE, events_since, since));
    CHECK (reply->events && reply->events->n_events == 1);
    Projects__ProjectsEvent *event = (Projects__ProjectsEvent *) pps_arena_unpack (
        t->arena, &projects__projects_event__descriptor,
        reply->events->events [0].data, reply->events->events [0].len);
    CHECK (event && event->seq == seq);
    return event;
}

Pps__Date *
projects_harness_date (test_t *self, const char *text)
{
    Pps__Date *date = pps_arena_alloc (self->arena, sizeof *date);
    pps__date__init (date);
    CHECK (pps_date_parse (text, date) == 0);
    return date;
}
