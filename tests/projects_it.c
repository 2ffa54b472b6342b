/*  projects_it: pps-projects as a real process next to a real pps-registry
    (both started with fork + execve, configured through the environment;
    see it_harness.h).

    First the references across processes: a project is created in an
    establishment the registry knows, refused NOT_FOUND for one it does not,
    refused UNAVAILABLE while pps-registry is stopped, and accepted again
    once it is back. Then durability: in each of CYCLES cycles, THREADS
    client threads stream WRITES writes (create_project and record_session
    alternately, each its own request id), and pps-projects is killed with
    SIGKILL once a pseudo-random share (fixed seed) of them is acknowledged.
    After a restart on the same data directory:
      - every acknowledged write is there, under the id its reply gave;
      - EventsSince(0), paged, returns seq 1..last_seq with no gap, and each
        stream event matches a stored record and its request id;
      - resending the acknowledged writes answers the same ids, writes nothing;
      - the unacknowledged ones are resent and all succeed, once: last_seq
        then counts exactly one event per write.

    Usage: projects_it <path of pps-registry> <path of pps-projects>
*/
#include <pthread.h>
#include <stdatomic.h>
#include "it_harness.h"
#include "pps_date.h"
#include "projects.pb-c.h"

#define ACTOR           "projects-it"
#define WRITES          600           //  Per cycle
#define THREADS         3
#define CYCLES          2
#define KILL_MAX_MS     5000          //  Kill by then whatever the acknowledgments
#define CRASH_CALL_MS   1000          //  A call unanswered this long: the service is down
#define CALL_MS         10000
#define EVENT_PAGE      250

typedef struct {
    char request_id [32];
    uint64_t id;                      //  From the OK reply
    bool acked;
} item_t;

typedef enum { MODE_STREAM, MODE_REPLAY, MODE_RESUME } worker_mode_t;

typedef struct {
    const char *endpoint;
    item_t *items;
    size_t first;                     //  The cycle's items: first .. first + WRITES - 1
    size_t thread;                    //  Ours: first + thread + k * THREADS
    uint64_t establishment_id;        //  Where the stream's projects are created
    uint64_t project_id;              //  The running project the sessions are for
    worker_mode_t mode;
    atomic_bool *stop;
    atomic_size_t *acks;
    char error [256];
} worker_t;

//  ---------------------------------------------------------------- calls

static Projects__ProjectsRequest *
s_request (pps_arena_t *arena, const char *request_id)
{
    Projects__ProjectsRequest *request = (Projects__ProjectsRequest *)
        pps_arena_message (arena, &projects__projects_request__descriptor);
    char id [33];
    request->request_id = pps_arena_strdup (arena, request_id ? request_id
                                                   : pps_client_new_request_id (id));
    request->actor = ACTOR;
    return request;
}

static Projects__ProjectsReply *
s_call (pps_client_t *client, pps_arena_t *arena, Projects__ProjectsRequest *request)
{
    ProtobufCMessage *reply = NULL;
    IT_CHECK (pps_client_call (client, &request->base, &projects__projects_reply__descriptor,
                               arena, &reply) == 0, "no reply to projects op %d",
              (int) request->op_case);
    return (Projects__ProjectsReply *) reply;
}

//  Fails the test unless the reply's status is code (and field, when given).
static Projects__ProjectsReply *
s_expect (Projects__ProjectsReply *reply, Pps__Code code, const char *field)
{
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == code && (!field || streq (status->field, field)),
              "expected %s on '%s', got %s on '%s': %s", it_code_name (code), field ? field : "",
              it_code_name (status->code), status->field, status->message);
    return reply;
}

static Registry__RegistryReply *
s_registry_ok (pps_client_t *client, pps_arena_t *arena, Registry__RegistryRequest *request)
{
    Registry__RegistryReply *reply = it_call (client, arena, request);
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == PPS__CODE__OK, "registry refused: %s on '%s': %s",
              it_code_name (status->code), status->field, status->message);
    return reply;
}

static Pps__Date *
s_date (pps_arena_t *arena, const char *text)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    IT_CHECK (pps_date_parse (text, date) == 0, "bad date literal %s", text);
    return date;
}

static Projects__ProjectsRequest *
s_create_project (pps_arena_t *arena, const char *request_id, uint64_t establishment_id,
                  const char *title)
{
    Projects__ProjectsRequest *request = s_request (arena, request_id);
    Projects__Project *project = pps_arena_alloc (arena, sizeof *project);
    projects__project__init (project);
    project->establishment_id = establishment_id;
    project->title = pps_arena_strdup (arena, title);
    project->carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project->created_on = s_date (arena, "2025-01-06");
    request->op_case = PROJECTS__PROJECTS_REQUEST__OP_CREATE_PROJECT;
    request->create_project = project;
    return request;
}

static Projects__ProjectsRequest *
s_record_session (pps_arena_t *arena, const char *request_id, uint64_t project_id,
                  uint32_t attended)
{
    Projects__ProjectsRequest *request = s_request (arena, request_id);
    Projects__Session *session = pps_arena_alloc (arena, sizeof *session);
    projects__session__init (session);
    session->project_id = project_id;
    session->date = s_date (arena, "2025-03-10");
    session->place = PROJECTS__PLACE__HEALTH_UNIT_PLACE;
    session->group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    session->registered = 100;
    session->attended = attended;
    request->op_case = PROJECTS__PROJECTS_REQUEST__OP_RECORD_SESSION;
    request->record_session = session;
    return request;
}

static Projects__ProjectsRequest *
s_transition (pps_arena_t *arena, uint64_t id, Projects__ProjectStatus to, const char *date)
{
    Projects__ProjectsRequest *request = s_request (arena, NULL);
    Projects__TransitionProject *transition = pps_arena_alloc (arena, sizeof *transition);
    projects__transition_project__init (transition);
    transition->id = id;
    transition->to = to;
    transition->date = s_date (arena, date);
    request->op_case = PROJECTS__PROJECTS_REQUEST__OP_TRANSITION_PROJECT;
    request->transition_project = transition;
    return request;
}

static uint64_t
s_last_seq (pps_client_t *client, pps_arena_t *arena)
{
    Projects__ProjectsRequest *request = s_request (arena, NULL);
    Pps__ServiceStatusRequest *status = pps_arena_alloc (arena, sizeof *status);
    pps__service_status_request__init (status);
    request->op_case = PROJECTS__PROJECTS_REQUEST__OP_SERVICE_STATUS;
    request->service_status = status;
    Projects__ProjectsReply *reply = s_expect (s_call (client, arena, request),
                                               PPS__CODE__OK, NULL);
    IT_CHECK (reply->service_status && streq (reply->service_status->service, "projects"),
              "ServiceStatus is not the projects service's");
    return reply->service_status->last_seq;
}

//  ---------------------------------------------------------------- stream

//  The request of stream item index: even items create a project, odd
//  items record a session whose attended count is index % 100.
static Projects__ProjectsRequest *
s_item_request (worker_t *self, pps_arena_t *arena, size_t index)
{
    if (index % 2 == 0)
        return s_create_project (arena, self->items [index].request_id, self->establishment_id,
                                 pps_arena_printf (arena, "P-%zu", index));
    return s_record_session (arena, self->items [index].request_id, self->project_id,
                             (uint32_t) (index % 100));
}

static void *
s_worker (void *args)
{
    worker_t *self = args;
    pps_client_t *client = pps_client_new (self->endpoint,
                                           self->mode == MODE_STREAM ? CRASH_CALL_MS : CALL_MS, 1);
    if (!client) {
        snprintf (self->error, sizeof self->error, "cannot connect to %s", self->endpoint);
        return NULL;
    }
    pps_arena_t *arena = pps_arena_new ();
    for (size_t offset = self->thread; offset < WRITES && !atomic_load (self->stop);
         offset += THREADS) {
        size_t index = self->first + offset;
        item_t *item = &self->items [index];
        if ((self->mode == MODE_REPLAY) != item->acked)
            continue;
        Projects__ProjectsRequest *request = s_item_request (self, arena, index);
        ProtobufCMessage *answer;
        if (pps_client_call (client, &request->base, &projects__projects_reply__descriptor,
                             arena, &answer)) {
            if (self->mode != MODE_STREAM)
                snprintf (self->error, sizeof self->error, "no answer to %s", item->request_id);
            break;
        }
        Projects__ProjectsReply *reply = (Projects__ProjectsReply *) answer;
        const Pps__Status *status = pps_client_status (answer);
        uint64_t id = index % 2 == 0 ? (reply->project ? reply->project->id : 0)
                                     : (reply->session ? reply->session->id : 0);
        if (status->code != PPS__CODE__OK || id == 0) {
            snprintf (self->error, sizeof self->error, "%s answered %s on '%s': %s",
                      item->request_id, it_code_name (status->code), status->field,
                      status->message);
            break;
        }
        if (self->mode == MODE_REPLAY && id != item->id) {
            snprintf (self->error, sizeof self->error, "replayed %s got id %llu, first %llu",
                      item->request_id, (unsigned long long) id, (unsigned long long) item->id);
            break;
        }
        item->id = id;
        item->acked = true;
        atomic_fetch_add (self->acks, 1);
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return NULL;
}

//  Run the workers over a cycle's items; in MODE_STREAM, SIGKILL the
//  service once kill_at_acks writes are acknowledged (or after KILL_MAX_MS).
static void
s_run_workers (it_service_t *service, worker_t *model, worker_mode_t mode, size_t kill_at_acks)
{
    atomic_bool stop = false;
    atomic_size_t acks = 0;
    worker_t workers [THREADS];
    pthread_t threads [THREADS];
    for (size_t thread = 0; thread < THREADS; thread++) {
        workers [thread] = *model;
        workers [thread].thread = thread;
        workers [thread].mode = mode;
        workers [thread].stop = &stop;
        workers [thread].acks = &acks;
        IT_CHECK (pthread_create (&threads [thread], NULL, s_worker, &workers [thread]) == 0,
                  "pthread_create");
    }
    if (mode == MODE_STREAM) {
        int64_t start = zclock_mono ();
        while (zclock_mono () - start < KILL_MAX_MS && atomic_load (&acks) < kill_at_acks)
            zclock_sleep (1);
        it_service_kill (service);
        atomic_store (&stop, true);
    }
    for (size_t thread = 0; thread < THREADS; thread++)
        pthread_join (threads [thread], NULL);
    for (size_t thread = 0; thread < THREADS; thread++)
        IT_CHECK (!*workers [thread].error, "thread %zu: %s", thread, workers [thread].error);
}

//  ---------------------------------------------------------------- checks

//  Every acknowledged item of the stream is stored under its id, as sent.
static void
s_check_acked (pps_client_t *client, pps_arena_t *arena, const item_t *items, size_t count,
               uint64_t project_id)
{
    for (size_t index = 0; index < count; index++) {
        if (!items [index].acked)
            continue;
        Projects__ProjectsRequest *request = s_request (arena, NULL);
        Projects__ById *by_id = pps_arena_alloc (arena, sizeof *by_id);
        projects__by_id__init (by_id);
        by_id->id = items [index].id;
        if (index % 2 == 0) {
            request->op_case = PROJECTS__PROJECTS_REQUEST__OP_GET_PROJECT;
            request->get_project = by_id;
        }
        else {
            request->op_case = PROJECTS__PROJECTS_REQUEST__OP_GET_SESSION;
            request->get_session = by_id;
        }
        Projects__ProjectsReply *reply = s_call (client, arena, request);
        IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK,
                  "acknowledged %s (id %llu) is missing after the crash",
                  items [index].request_id, (unsigned long long) by_id->id);
        if (index % 2 == 0) {
            char title [32];
            snprintf (title, sizeof title, "P-%zu", index);
            IT_CHECK (reply->project && streq (reply->project->title, title),
                      "project %llu is not %s", (unsigned long long) by_id->id, title);
        }
        else
            IT_CHECK (reply->session && reply->session->project_id == project_id
                      && reply->session->attended == index % 100,
                      "session %llu is not the one %s recorded", (unsigned long long) by_id->id,
                      items [index].request_id);
        pps_arena_reset (arena);
    }
}

//  The event log has seq 1..last_seq without a gap; each stream event names
//  an item that is stored under the id it carries, at most once. Returns the
//  number of stream events.
static size_t
s_check_log (pps_client_t *client, pps_arena_t *arena, item_t *items, size_t count)
{
    bool *seen = calloc (count, sizeof (bool));
    assert (seen);
    uint64_t cursor = 0;
    size_t stream_events = 0;
    uint64_t last_seq = s_last_seq (client, arena);
    while (cursor < last_seq) {
        Projects__ProjectsRequest *request = s_request (arena, NULL);
        Pps__EventsSinceRequest *since = pps_arena_alloc (arena, sizeof *since);
        pps__events_since_request__init (since);
        since->seq = cursor;
        since->limit = EVENT_PAGE;
        request->op_case = PROJECTS__PROJECTS_REQUEST__OP_EVENTS_SINCE;
        request->events_since = since;
        Projects__ProjectsReply *reply = s_expect (s_call (client, arena, request),
                                                   PPS__CODE__OK, NULL);
        IT_CHECK (reply->events && reply->events->n_events > 0,
                  "EventsSince(%llu) is empty below last_seq %llu",
                  (unsigned long long) cursor, (unsigned long long) last_seq);
        for (size_t index = 0; index < reply->events->n_events; index++) {
            ProtobufCBinaryData *bytes = &reply->events->events [index];
            Projects__ProjectsEvent *event = (Projects__ProjectsEvent *) pps_arena_unpack (
                arena, &projects__projects_event__descriptor, bytes->data, bytes->len);
            IT_CHECK (event && event->seq == cursor + 1 && streq (event->source, "projects"),
                      "event after seq %llu is missing or does not decode",
                      (unsigned long long) cursor);
            cursor = event->seq;
            if (strncmp (event->request_id, "crash-", 6) != 0)
                continue;
            size_t item = (size_t) strtoull (event->request_id + 6, NULL, 10);
            IT_CHECK (item < count && !seen [item], "event %llu repeats or invents %s",
                      (unsigned long long) event->seq, event->request_id);
            seen [item] = true;
            uint64_t id = item % 2 == 0 ? (event->project ? event->project->id : 0)
                                        : (event->session ? event->session->id : 0);
            IT_CHECK (id && (!items [item].acked || items [item].id == id),
                      "event %llu of %s carries id %llu, acknowledged %llu",
                      (unsigned long long) event->seq, event->request_id,
                      (unsigned long long) id, (unsigned long long) items [item].id);
            stream_events++;
        }
        pps_arena_reset (arena);
    }
    for (size_t index = 0; index < count; index++)
        IT_CHECK (!items [index].acked || seen [index], "acknowledged %s has no event",
                  items [index].request_id);
    free (seen);
    return stream_events;
}

//  ---------------------------------------------------------------- references

typedef struct {
    uint64_t prison_id;
    uint64_t partner_id;
    uint64_t project_id;              //  Running, for the stream's sessions
} fixture_t;

//  Region 32, an establishment and a partner in the registry.
static void
s_registry_fixture (pps_client_t *registry, pps_arena_t *arena, fixture_t *fixture)
{
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = &region;
    s_registry_ok (registry, arena, request);
    request = it_request (arena, ACTOR);
    Registry__Establishment establishment = REGISTRY__ESTABLISHMENT__INIT;
    establishment.code = "IT-MA";
    establishment.name = "Maison d'arrêt d'essai";
    establishment.kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    establishment.region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = &establishment;
    fixture->prison_id = s_registry_ok (registry, arena, request)->establishment->id;
    request = it_request (arena, ACTOR);
    Registry__Partner partner = REGISTRY__PARTNER__INIT;
    partner.name = "IREPS d'essai";
    partner.kind = REGISTRY__PARTNER_KIND__IREPS;
    partner.region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PARTNER;
    request->create_partner = &partner;
    fixture->partner_id = s_registry_ok (registry, arena, request)->partner->id;
}

static void
s_test_references (it_service_t *registry, pps_client_t *client, pps_arena_t *arena,
                   fixture_t *fixture)
{
    Projects__ProjectsRequest *request = s_create_project (arena, NULL, fixture->prison_id,
                                                           "Prévention du suicide par les pairs");
    uint64_t partners [] = { fixture->partner_id };
    request->create_project->partner_ids = partners;
    request->create_project->n_partner_ids = 1;
    Projects__Project *project = s_expect (s_call (client, arena, request), PPS__CODE__OK, NULL)
        ->project;
    IT_CHECK (project && streq (project->region_code, "32")
              && project->status == PROJECTS__PROJECT_STATUS__DRAFT,
              "create_project did not copy the establishment's region");
    fixture->project_id = project->id;
    s_expect (s_call (client, arena, s_create_project (arena, NULL, 999, "Nulle part")),
              PPS__CODE__NOT_FOUND, "project.establishment_id");
    Projects__ProjectsRequest *planned = s_transition (arena, project->id,
                                                       PROJECTS__PROJECT_STATUS__PLANNED,
                                                       "2025-01-20");
    s_expect (s_call (client, arena, planned), PPS__CODE__OK, NULL);
    Projects__ProjectsRequest *running = s_transition (arena, project->id,
                                                       PROJECTS__PROJECT_STATUS__RUNNING,
                                                       "2025-02-01");
    s_expect (s_call (client, arena, running), PPS__CODE__OK, NULL);

    //  The registry stops: references cannot be checked, nothing is written
    uint64_t seq = s_last_seq (client, arena);
    IT_CHECK (it_service_stop (registry) == 0, "pps-registry did not stop cleanly");
    request = s_create_project (arena, NULL, fixture->prison_id, "Sans registre");
    s_expect (s_call (client, arena, request), PPS__CODE__UNAVAILABLE, "project.establishment_id");
    IT_CHECK (s_last_seq (client, arena) == seq, "a refused create wrote");
    //  What needs no reference still works
    s_expect (s_call (client, arena, s_record_session (arena, NULL, project->id, 7)),
              PPS__CODE__OK, NULL);

    //  It comes back on the same data: the peer reconnects by itself
    it_service_start (registry);
    s_expect (s_call (client, arena, s_create_project (arena, NULL, fixture->prison_id,
                                                       "Après redémarrage du registre")),
              PPS__CODE__OK, NULL);
    IT_CHECK (s_last_seq (client, arena) == seq + 2, "expected two more events");
    pps_arena_reset (arena);
}

int
main (int argc, char **argv)
{
    if (argc != 3) {
        fprintf (stderr, "usage: %s PPS-REGISTRY PPS-PROJECTS\n", argv [0]);
        return 2;
    }
    zsys_init ();
    zsys_set_logident ("projects_it");
    int64_t started = zclock_mono ();
    pps_arena_t *arena = pps_arena_new ();
    it_service_t *registry = it_service_new (argv [1], IT_IPC);
    it_service_start (registry);
    pps_client_t *registry_client = pps_client_new (it_service_endpoint (registry), CALL_MS, 1);
    IT_CHECK (registry_client, "cannot connect to the registry");
    fixture_t fixture = { 0 };
    s_registry_fixture (registry_client, arena, &fixture);
    pps_client_destroy (&registry_client);

    it_service_t *projects = it_service_new_named (argv [2], "projects", IT_IPC);
    it_service_setenv (projects, "PPS_REGISTRY_ENDPOINT", it_service_endpoint (registry));
    it_service_start (projects);
    pps_client_t *client = pps_client_new (it_service_endpoint (projects), CALL_MS, 1);
    IT_CHECK (client, "cannot connect to the projects service");
    s_test_references (registry, client, arena, &fixture);
    uint64_t base_seq = s_last_seq (client, arena);
    pps_client_destroy (&client);

    item_t *items = calloc (CYCLES * WRITES, sizeof (item_t));
    assert (items);
    for (size_t index = 0; index < CYCLES * WRITES; index++)
        snprintf (items [index].request_id, sizeof items [index].request_id, "crash-%zu", index);
    uint64_t seed = 0x9a0e2023ULL;
    size_t interrupted = 0;
    for (size_t cycle = 0; cycle < CYCLES; cycle++) {
        size_t first = cycle * WRITES;
        worker_t model = {
            .endpoint = it_service_endpoint (projects), .items = items, .first = first,
            .establishment_id = fixture.prison_id, .project_id = fixture.project_id
        };
        size_t kill_at_acks = WRITES * (25 + it_random (&seed) % 51) / 100;
        s_run_workers (projects, &model, MODE_STREAM, kill_at_acks);
        size_t acked = 0;
        for (size_t index = first; index < first + WRITES; index++)
            acked += items [index].acked;
        interrupted += acked < WRITES;

        it_service_start (projects);
        client = pps_client_new (it_service_endpoint (projects), CALL_MS, 1);
        IT_CHECK (client, "cannot reconnect");
        s_check_acked (client, arena, items, first + WRITES, fixture.project_id);
        size_t committed = s_check_log (client, arena, items, first + WRITES);
        uint64_t last_seq = s_last_seq (client, arena);
        printf (" * cycle %zu: killed at %zu acks (aimed %zu), %zu stream events, "
                "last_seq %llu\n", cycle + 1, acked, kill_at_acks, committed,
                (unsigned long long) last_seq);

        s_run_workers (projects, &model, MODE_REPLAY, 0);
        IT_CHECK (s_last_seq (client, arena) == last_seq, "replaying acknowledged writes wrote");
        s_run_workers (projects, &model, MODE_RESUME, 0);
        for (size_t index = 0; index < first + WRITES; index++)
            IT_CHECK (items [index].acked, "%s still unacknowledged", items [index].request_id);
        s_check_acked (client, arena, items, first + WRITES, fixture.project_id);
        committed = s_check_log (client, arena, items, first + WRITES);
        last_seq = s_last_seq (client, arena);
        IT_CHECK (committed == first + WRITES && last_seq == base_seq + first + WRITES,
                  "after resuming: %zu stream events, last_seq %llu, expected %zu and %llu",
                  committed, (unsigned long long) last_seq, first + WRITES,
                  (unsigned long long) (base_seq + first + WRITES));
        pps_client_destroy (&client);
    }
    IT_CHECK (interrupted > 0, "no cycle was killed in the middle of its stream");
    IT_CHECK (it_service_stop (projects) == 0, "pps-projects: SIGTERM did not exit cleanly");
    IT_CHECK (it_service_stop (registry) == 0, "pps-registry: SIGTERM did not exit cleanly");
    it_service_destroy (&projects);
    it_service_destroy (&registry);
    pps_arena_destroy (&arena);
    free (items);
    printf (" * projects.process: OK, %zu of %d cycles killed mid-stream, %lld ms\n",
            interrupted, CYCLES, (long long) (zclock_mono () - started));
    return 0;
}
