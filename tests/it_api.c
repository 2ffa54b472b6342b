/*  it_api: the registry's protobuf API, driven from outside against a real
    pps-registry process, over ipc:// or tcp://127.0.0.1 (argv [2]).

    Covers: regions and establishments (create, get, list with each filter,
    update, duplicate and unknown records), the event log (EventsSince pages,
    topics, contiguous seqs, actor and request id of every event), the
    ServiceStatus, idempotent replays (the first reply byte for byte but
    for status.replayed, nothing written), a write without request id, reads answered while another
    process holds the store's write lock (and a write waiting for it), heartbeats and live events on the
    PUB socket (every committed event published once, byte-identical to the
    log), a clean SIGTERM stop and a restart on the same data.

    Usage: it_api <path of pps-registry> ipc|tcp
*/
#include <lmdb.h>
#include "it_harness.h"

#define ACTOR           "it-api"
#define EXPECTED_MAX    64            //  Events this scenario writes at most
#define HEARTBEAT_MS    200

typedef struct {
    const char *topic;                //  Full topic the write must publish
    const char *request_id;
} expected_t;

typedef struct {
    it_service_t *service;
    pps_client_t *client;
    pps_arena_t *arena;               //  Everything of the run; small enough to keep
    zsock_t *sub;                     //  Subscribed to "registry."
    zlistx_t *live;                   //  Events seen on the PUB socket (zframe_t *)
    expected_t expected [EXPECTED_MAX];
    size_t expected_count;
    size_t heartbeats;                //  Heartbeats seen on the PUB socket
    uint64_t heartbeat_seq;           //  last_seq of the latest one
} api_t;

//  ---------------------------------------------------------------- helpers

static Pps__Date *
s_date (pps_arena_t *arena, int year, int month, int day)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

static Registry__Establishment *
s_establishment (pps_arena_t *arena, const char *code, const char *name,
                 Registry__EstablishmentKind kind, bool minors, int capacity,
                 const char *region_code, const char *departement_code, const char *commune)
{
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->code = pps_arena_strdup (arena, code);
    establishment->name = pps_arena_strdup (arena, name);
    establishment->kind = kind;
    establishment->has_minors_quarter = minors;
    establishment->capacity = capacity;
    establishment->region_code = pps_arena_strdup (arena, region_code);
    establishment->departement_code = pps_arena_strdup (arena, departement_code);
    establishment->commune = pps_arena_strdup (arena, commune);
    return establishment;
}

static Registry__Region *
s_region (pps_arena_t *arena, const char *code, const char *name, const char *ars_name)
{
    Registry__Region *region = pps_arena_alloc (arena, sizeof *region);
    registry__region__init (region);
    region->code = pps_arena_strdup (arena, code);
    region->name = pps_arena_strdup (arena, name);
    region->ars_name = pps_arena_strdup (arena, ars_name);
    return region;
}

//  Receive from the SUB socket until a message under wanted arrives (its body
//  is returned, the caller destroys it) or timeout_ms pass (NULL). Events
//  are kept in api->live, heartbeats are checked and counted.
static zframe_t *
s_sub_pump (api_t *api, const char *wanted, int timeout_ms)
{
    int64_t deadline = zclock_mono () + timeout_ms;
    while (true) {
        int64_t left = deadline - zclock_mono ();
        if (left <= 0)
            return NULL;
        char *topic;
        zframe_t *body;
        if (it_sub_recv (api->sub, (int) left, &topic, &body))
            return NULL;
        bool heartbeat = streq (topic, "registry.heartbeat");
        if (heartbeat) {
            Pps__Heartbeat *beat = (Pps__Heartbeat *) pps_arena_unpack (
                api->arena, &pps__heartbeat__descriptor, zframe_data (body), zframe_size (body));
            IT_CHECK (beat, "a heartbeat does not decode as pps.Heartbeat");
            IT_CHECK (streq (beat->source, "registry"), "heartbeat source '%s'", beat->source);
            int64_t now = zclock_time ();
            IT_CHECK (beat->time_ms > now - 60000 && beat->time_ms < now + 60000,
                      "heartbeat time_ms %lld is not now", (long long) beat->time_ms);
            IT_CHECK (beat->last_seq >= api->heartbeat_seq,
                      "heartbeat last_seq went back from %llu to %llu",
                      (unsigned long long) api->heartbeat_seq, (unsigned long long) beat->last_seq);
            api->heartbeat_seq = beat->last_seq;
            api->heartbeats++;
        }
        else {
            IT_CHECK (strncmp (topic, "registry.", 9) == 0, "topic '%s' on the PUB socket", topic);
            zframe_t *copy = zframe_dup (body);
            zlistx_add_end (api->live, copy);
        }
        bool match = wanted && streq (topic, wanted);
        zstr_free (&topic);
        if (match)
            return body;
        zframe_destroy (&body);
    }
}

//  Wait until the live event of seq arrives; returns it decoded, or NULL.
static Registry__RegistryEvent *
s_wait_event (api_t *api, const char *topic, uint64_t seq, int timeout_ms)
{
    int64_t deadline = zclock_mono () + timeout_ms;
    while (zclock_mono () < deadline) {
        zframe_t *body = s_sub_pump (api, topic, (int) (deadline - zclock_mono ()));
        if (!body)
            return NULL;
        Registry__RegistryEvent *event = (Registry__RegistryEvent *) pps_arena_unpack (
            api->arena, &registry__registry_event__descriptor, zframe_data (body), zframe_size (body));
        zframe_destroy (&body);
        IT_CHECK (event, "a live %s event does not decode as a RegistryEvent", topic);
        if (event->seq == seq)
            return event;
    }
    return NULL;
}

//  True when replay is the first reply byte for byte but for status.replayed,
//  which the first lacks and the replay carries.
static bool
s_replay_of (pps_arena_t *arena, zframe_t *first, zframe_t *replay)
{
    Registry__RegistryReply *reply = (Registry__RegistryReply *) pps_arena_unpack (
        arena, &registry__registry_reply__descriptor, zframe_data (replay), zframe_size (replay));
    if (!reply || !reply->status || !reply->status->replayed)
        return false;
    reply->status->replayed = false;
    size_t size;
    uint8_t *bytes = pps_arena_pack (arena, &reply->base, &size);
    return size == zframe_size (first) && memcmp (bytes, zframe_data (first), size) == 0;
}

static const Pps__Status *
s_status (Registry__RegistryReply *reply)
{
    return pps_client_status (&reply->base);
}

//  A write that must succeed and publish topic.
static Registry__RegistryReply *
s_write_ok (api_t *api, Registry__RegistryRequest *request, const char *topic)
{
    Registry__RegistryReply *reply = it_call (api->client, api->arena, request);
    const Pps__Status *status = s_status (reply);
    IT_CHECK (status->code == PPS__CODE__OK, "%s answered %s field '%s': %s", topic,
              it_code_name (status->code), status->field, status->message);
    IT_CHECK (streq (reply->request_id, request->request_id), "reply request_id '%s' for '%s'",
              reply->request_id, request->request_id);
    IT_CHECK (api->expected_count < EXPECTED_MAX, "too many writes for this scenario");
    api->expected [api->expected_count].topic = topic;
    api->expected [api->expected_count].request_id = request->request_id;
    api->expected_count++;
    return reply;
}

//  A request that must fail with code on field, and write nothing.
static void
s_expect_error (api_t *api, Registry__RegistryRequest *request, Pps__Code code, const char *field)
{
    uint64_t before = it_last_seq (api->client, api->arena);
    Registry__RegistryReply *reply = it_call (api->client, api->arena, request);
    const Pps__Status *status = s_status (reply);
    IT_CHECK (status->code == code && streq (status->field, field),
              "expected %s on '%s', got %s on '%s': %s", it_code_name (code), field,
              it_code_name (status->code), status->field, status->message);
    IT_CHECK (*status->message, "an error without a message");
    IT_CHECK (reply->result_case == REGISTRY__REGISTRY_REPLY__RESULT__NOT_SET,
              "a failed reply carries a result");
    uint64_t after = it_last_seq (api->client, api->arena);
    IT_CHECK (after == before, "a failed request moved last_seq from %llu to %llu",
              (unsigned long long) before, (unsigned long long) after);
}

static Registry__RegistryReply *
s_read_ok (api_t *api, Registry__RegistryRequest *request)
{
    Registry__RegistryReply *reply = it_call (api->client, api->arena, request);
    const Pps__Status *status = s_status (reply);
    IT_CHECK (status->code == PPS__CODE__OK, "read answered %s field '%s': %s",
              it_code_name (status->code), status->field, status->message);
    return reply;
}

static bool
s_same_message (pps_arena_t *arena, const ProtobufCMessage *a, const ProtobufCMessage *b)
{
    size_t size_a, size_b;
    uint8_t *bytes_a = pps_arena_pack (arena, a, &size_a);
    uint8_t *bytes_b = pps_arena_pack (arena, b, &size_b);
    return size_a == size_b && memcmp (bytes_a, bytes_b, size_a) == 0;
}

static Registry__Establishment *
s_create_establishment (api_t *api, Registry__Establishment *establishment)
{
    Registry__RegistryRequest *request = it_request (api->arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = establishment;
    Registry__RegistryReply *reply = s_write_ok (api, request, "registry.establishment.created");
    IT_CHECK (reply->result_case == REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENT
              && reply->establishment, "create_establishment reply carries no establishment");
    Registry__Establishment *created = reply->establishment;
    IT_CHECK (created->id > 0, "establishment %s got id 0", establishment->code);
    IT_CHECK (streq (created->code, establishment->code) && streq (created->name, establishment->name)
              && created->kind == establishment->kind && created->capacity == establishment->capacity
              && created->has_minors_quarter == establishment->has_minors_quarter
              && streq (created->region_code, establishment->region_code),
              "the created establishment %s is not what was sent", establishment->code);
    return created;
}

static Registry__Establishment *
s_get_establishment (api_t *api, uint64_t id)
{
    Registry__RegistryRequest *request = it_request (api->arena, ACTOR);
    Registry__ById *by_id = pps_arena_alloc (api->arena, sizeof *by_id);
    registry__by_id__init (by_id);
    by_id->id = id;
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT;
    request->get_establishment = by_id;
    Registry__RegistryReply *reply = s_read_ok (api, request);
    IT_CHECK (reply->result_case == REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENT
              && reply->establishment && reply->establishment->id == id,
              "get_establishment %llu returned another record", (unsigned long long) id);
    return reply->establishment;
}

//  List with filter and check that exactly the establishments of ids come back.
static void
s_expect_list (api_t *api, Registry__EstablishmentFilter *filter, const char *what,
               const uint64_t *ids, size_t count)
{
    Registry__RegistryRequest *request = it_request (api->arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request->list_establishments = filter;
    Registry__RegistryReply *reply = s_read_ok (api, request);
    IT_CHECK (reply->result_case == REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENTS
              && reply->establishments, "list %s: no list in the reply", what);
    Registry__EstablishmentList *list = reply->establishments;
    IT_CHECK (list->n_items == count, "list %s: %zu establishments, expected %zu",
              what, list->n_items, count);
    for (size_t index = 0; index < count; index++) {
        bool found = false;
        for (size_t item = 0; item < list->n_items && !found; item++)
            found = list->items [item]->id == ids [index];
        IT_CHECK (found, "list %s: establishment %llu missing", what,
                  (unsigned long long) ids [index]);
    }
}

static Registry__EstablishmentFilter *
s_filter (pps_arena_t *arena, const char *region_code)
{
    Registry__EstablishmentFilter *filter = pps_arena_alloc (arena, sizeof *filter);
    registry__establishment_filter__init (filter);
    filter->region_code = pps_arena_strdup (arena, region_code);
    return filter;
}

//  ---------------------------------------------------------------- scenario

static void
s_check_event_log (api_t *api)
{
    Registry__RegistryEvent **events;
    size_t count = it_events_since (api->client, api->arena, 0, 0, &events, NULL);
    IT_CHECK (count == api->expected_count, "EventsSince(0) returned %zu events, %zu writes made",
              count, api->expected_count);
    int64_t now = zclock_time ();
    for (size_t index = 0; index < count; index++) {
        Registry__RegistryEvent *event = events [index];
        expected_t *expected = &api->expected [index];
        IT_CHECK (event->seq == index + 1, "event %zu has seq %llu", index,
                  (unsigned long long) event->seq);
        IT_CHECK (streq (event->source, "registry"), "event %llu source '%s'",
                  (unsigned long long) event->seq, event->source);
        IT_CHECK (streq (event->topic, expected->topic), "event %llu topic '%s', expected '%s'",
                  (unsigned long long) event->seq, event->topic, expected->topic);
        IT_CHECK (streq (event->actor, ACTOR), "event %llu actor '%s'",
                  (unsigned long long) event->seq, event->actor);
        IT_CHECK (streq (event->request_id, expected->request_id),
                  "event %llu request_id '%s', expected '%s'", (unsigned long long) event->seq,
                  event->request_id, expected->request_id);
        IT_CHECK (event->time_ms > now - 600000 && event->time_ms <= now + 60000,
                  "event %llu time_ms %lld is not recent", (unsigned long long) event->seq,
                  (long long) event->time_ms);
        bool region = strncmp (event->topic, "registry.region.", 16) == 0;
        IT_CHECK (event->change_case == (region ? REGISTRY__REGISTRY_EVENT__CHANGE_REGION
                                                : REGISTRY__REGISTRY_EVENT__CHANGE_ESTABLISHMENT),
                  "event %llu (%s) carries change %d", (unsigned long long) event->seq,
                  event->topic, (int) event->change_case);
        IT_CHECK (region ? event->region != NULL : event->establishment != NULL,
                  "event %llu carries no record", (unsigned long long) event->seq);
    }
    Pps__ServiceStatus *status = it_status (api->client, api->arena);
    IT_CHECK (status->last_seq == count, "ServiceStatus last_seq %llu, %zu events",
              (unsigned long long) status->last_seq, count);

    //  A page in the middle: exactly the events after seq, at most limit
    Registry__RegistryRequest *request = it_request (api->arena, ACTOR);
    Pps__EventsSinceRequest *since = pps_arena_alloc (api->arena, sizeof *since);
    pps__events_since_request__init (since);
    since->seq = count - 3;
    since->limit = 2;
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_EVENTS_SINCE;
    request->events_since = since;
    Registry__RegistryReply *reply = s_read_ok (api, request);
    IT_CHECK (reply->events && reply->events->n_events == 2 && reply->events->last_seq == count,
              "EventsSince(%zu, limit 2) returned %zu events, last_seq %llu", count - 3,
              reply->events ? reply->events->n_events : 0,
              reply->events ? (unsigned long long) reply->events->last_seq : 0ULL);
    for (size_t index = 0; index < 2; index++) {
        Registry__RegistryEvent *event = (Registry__RegistryEvent *) pps_arena_unpack (
            api->arena, &registry__registry_event__descriptor,
            reply->events->events [index].data, reply->events->events [index].len);
        IT_CHECK (event && event->seq == count - 2 + index, "page event %zu has the wrong seq", index);
    }
    //  Past the end: empty, with the last seq
    since->seq = count;
    since->limit = 0;
    request->request_id = pps_arena_strdup (api->arena, "events-past-end");
    reply = s_read_ok (api, request);
    IT_CHECK (reply->events && reply->events->n_events == 0 && reply->events->last_seq == count,
              "EventsSince(last_seq) is not empty");
}

//  Reads are answered from a snapshot of what is committed, so they do not
//  wait for the store's write lock, which another writer may hold a while
//  (a subscriber applying a page of events, an import). A write waits for
//  the lock and is answered once it is free. The other writer here is this
//  process, with the registry's own LMDB environment open.
static void
s_reads_beside_a_writer (api_t *api, Registry__Establishment *known)
{
    pps_arena_t *arena = api->arena;
    char *path = zsys_sprintf ("%s/registry", it_service_data_dir (api->service));
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    IT_CHECK (mdb_env_create (&env) == 0 && mdb_env_set_maxdbs (env, 64) == 0
              && mdb_env_set_mapsize (env, (size_t) 1024 << 20) == 0
              && mdb_env_open (env, path, 0, 0640) == 0, "cannot open the store in %s", path);
    IT_CHECK (mdb_txn_begin (env, NULL, 0, &txn) == 0, "cannot take the store's write lock");

    Registry__Establishment *got = s_get_establishment (api, known->id);
    IT_CHECK (s_same_message (arena, &got->base, &known->base),
              "get_establishment beside a writer differs from what create returned");

    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = s_region (arena, "32", "Again, beside a writer", "");
    size_t size;
    uint8_t *bytes = pps_arena_pack (arena, &request->base, &size);
    zsock_t *dealer = zsock_new_dealer (it_service_endpoint (api->service));
    IT_CHECK (dealer, "cannot connect a DEALER to %s", it_service_endpoint (api->service));
    zpoller_t *poller = zpoller_new (dealer, NULL);
    zframe_t *frame = zframe_new (bytes, size);
    IT_CHECK (zframe_send (&frame, dealer, 0) == 0, "cannot send the write");
    IT_CHECK (zpoller_wait (poller, 300) == NULL,
              "a write was answered while another process held the write lock");
    mdb_txn_abort (txn);
    IT_CHECK (zpoller_wait (poller, 5000) == dealer,
              "the write was not answered within 5 s of the lock being free");
    frame = zframe_recv (dealer);
    Registry__RegistryReply *reply = frame ? (Registry__RegistryReply *) pps_arena_unpack (
        arena, &registry__registry_reply__descriptor, zframe_data (frame), zframe_size (frame))
        : NULL;
    zframe_destroy (&frame);
    IT_CHECK (reply && streq (reply->request_id, request->request_id)
              && s_status (reply)->code == PPS__CODE__ALREADY_EXISTS,
              "the write that waited for the lock was not refused as a duplicate region");
    zpoller_destroy (&poller);
    zsock_destroy (&dealer);
    mdb_env_close (env);
    zstr_free (&path);
}

int
main (int argc, char **argv)
{
    if (argc != 3 || (!streq (argv [2], "ipc") && !streq (argv [2], "tcp"))) {
        fprintf (stderr, "usage: %s PPS-REGISTRY ipc|tcp\n", argv [0]);
        return 2;
    }
    zsys_init ();
    zsys_set_logident ("it_api");
    api_t api = { 0 };
    api.arena = pps_arena_new ();
    api.live = zlistx_new ();
    zlistx_set_destructor (api.live, (zlistx_destructor_fn *) zframe_destroy);
    api.service = it_service_new (argv [1], streq (argv [2], "tcp") ? IT_TCP : IT_IPC);
    char period [16];
    snprintf (period, sizeof period, "%d", HEARTBEAT_MS);
    it_service_setenv (api.service, "PPS_SERVER_HEARTBEAT_MS", period);
    it_service_start (api.service);
    printf (" * started pid %d on %s\n", (int) it_service_pid (api.service),
            it_service_endpoint (api.service));

    //  Subscribe first and wait for a heartbeat, so that no event is missed
    api.sub = zsock_new (ZMQ_SUB);
    IT_CHECK (api.sub && zsock_connect (api.sub, "%s", it_service_events (api.service)) == 0,
              "cannot connect SUB to %s", it_service_events (api.service));
    zsock_set_subscribe (api.sub, "registry.");
    zframe_t *beat = s_sub_pump (&api, "registry.heartbeat", 5000);
    IT_CHECK (beat, "no heartbeat within 5 s on %s", it_service_events (api.service));
    zframe_destroy (&beat);
    IT_CHECK (api.heartbeat_seq == 0, "a fresh service's heartbeat says last_seq %llu",
              (unsigned long long) api.heartbeat_seq);

    api.client = pps_client_new (it_service_endpoint (api.service), 5000, 1);
    IT_CHECK (api.client, "cannot connect to %s", it_service_endpoint (api.service));
    pps_arena_t *arena = api.arena;

    Pps__ServiceStatus *status = it_status (api.client, arena);
    IT_CHECK (streq (status->service, "registry") && streq (status->region_code, "32")
              && status->last_seq == 0 && status->schema_version == 1 && *status->version
              && status->lmdb_map_bytes > 0,
              "fresh ServiceStatus: service '%s' region '%s' last_seq %llu schema %u",
              status->service, status->region_code, (unsigned long long) status->last_seq,
              status->schema_version);

    //  Regions; the first write's event must reach the subscriber
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = s_region (arena, "32", "Hauts-de-France", "ARS Hauts-de-France");
    Registry__RegistryReply *reply = s_write_ok (&api, request, "registry.region.created");
    IT_CHECK (reply->region && streq (reply->region->code, "32")
              && streq (reply->region->name, "Hauts-de-France"), "create_region reply");
    const char *region_request_id = request->request_id;
    Registry__RegistryEvent *event = s_wait_event (&api, "registry.region.created", 1, 3000);
    IT_CHECK (event, "no live registry.region.created event of seq 1 within 3 s");
    IT_CHECK (event->region && streq (event->region->code, "32")
              && streq (event->request_id, region_request_id) && streq (event->actor, ACTOR),
              "the live region event is not seq 1 of region 32 by %s", ACTOR);

    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = s_region (arena, "11", "Île-de-France", "ARS Île-de-France");
    s_write_ok (&api, request, "registry.region.created");

    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = s_region (arena, "32", "Again", "");
    s_expect_error (&api, request, PPS__CODE__ALREADY_EXISTS, "region.code");

    //  Establishments
    Registry__Establishment *lille = s_create_establishment (&api, s_establishment (
        arena, "0590001A", "Maison d'arrêt de Lille-Sequedin", REGISTRY__ESTABLISHMENT_KIND__MA,
        false, 700, "32", "59", "Sequedin"));
    Registry__Establishment *epm = s_create_establishment (&api, s_establishment (
        arena, "0590002B", "EPM de Quiévrechain", REGISTRY__ESTABLISHMENT_KIND__EPM,
        false, 60, "32", "59", "Quiévrechain"));
    Registry__Establishment *liancourt = s_create_establishment (&api, s_establishment (
        arena, "0600001C", "Centre pénitentiaire de Liancourt", REGISTRY__ESTABLISHMENT_KIND__CP,
        true, 600, "32", "60", "Liancourt"));
    Registry__Establishment *bapaume_in = s_establishment (
        arena, "0620001D", "Centre de détention de Bapaume", REGISTRY__ESTABLISHMENT_KIND__CD,
        false, 400, "32", "62", "Bapaume");
    bapaume_in->closed_on = s_date (arena, 2020, 6, 30);
    Registry__Establishment *bapaume = s_create_establishment (&api, bapaume_in);
    IT_CHECK (bapaume->closed_on && bapaume->closed_on->year == 2020, "closed_on lost");
    Registry__Establishment *fresnes = s_create_establishment (&api, s_establishment (
        arena, "0940001E", "Centre pénitentiaire de Fresnes", REGISTRY__ESTABLISHMENT_KIND__CP,
        false, 1300, "11", "94", "Fresnes"));
    uint64_t all [] = { lille->id, epm->id, liancourt->id, bapaume->id, fresnes->id };
    for (size_t index = 0; index < 5; index++)
        for (size_t other = index + 1; other < 5; other++)
            IT_CHECK (all [index] != all [other], "two establishments share id %llu",
                      (unsigned long long) all [index]);

    //  A second establishment with a used code is refused
    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = s_establishment (
        arena, "0590001A", "Doublon", REGISTRY__ESTABLISHMENT_KIND__MA, false, 10, "32", "59", "Lille");
    s_expect_error (&api, request, PPS__CODE__ALREADY_EXISTS, "establishment.code");

    //  Get returns exactly what create returned
    Registry__Establishment *created [] = { lille, epm, liancourt, bapaume, fresnes };
    for (size_t index = 0; index < 5; index++) {
        Registry__Establishment *got = s_get_establishment (&api, created [index]->id);
        IT_CHECK (s_same_message (arena, &got->base, &created [index]->base),
                  "get_establishment %llu differs from what create returned",
                  (unsigned long long) created [index]->id);
    }
    s_reads_beside_a_writer (&api, lille);

    request = it_request (arena, ACTOR);
    Registry__ById *missing = pps_arena_alloc (arena, sizeof *missing);
    registry__by_id__init (missing);
    missing->id = 999999;
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT;
    request->get_establishment = missing;
    s_expect_error (&api, request, PPS__CODE__NOT_FOUND, "id");

    request = it_request (arena, ACTOR);
    Registry__ByRegion *by_region = pps_arena_alloc (arena, sizeof *by_region);
    registry__by_region__init (by_region);
    by_region->region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_REGION;
    request->get_region = by_region;
    reply = s_read_ok (&api, request);
    IT_CHECK (reply->region && streq (reply->region->ars_name, "ARS Hauts-de-France"), "get_region 32");

    request = it_request (arena, ACTOR);
    Registry__ByRegion *no_region = pps_arena_alloc (arena, sizeof *no_region);
    registry__by_region__init (no_region);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_REGIONS;
    request->list_regions = no_region;
    reply = s_read_ok (&api, request);
    IT_CHECK (reply->regions && reply->regions->n_items == 2, "list_regions: %zu regions, expected 2",
              reply->regions ? reply->regions->n_items : 0);

    //  List with each filter
    s_expect_list (&api, s_filter (arena, ""), "all", all, 5);
    s_expect_list (&api, s_filter (arena, "32"), "region 32", all, 4);
    s_expect_list (&api, s_filter (arena, "11"), "region 11", &fresnes->id, 1);
    s_expect_list (&api, s_filter (arena, "99"), "region 99", NULL, 0);
    Registry__EstablishmentFilter *filter = s_filter (arena, "");
    filter->kind = REGISTRY__ESTABLISHMENT_KIND__EPM;
    s_expect_list (&api, filter, "kind EPM", &epm->id, 1);
    filter = s_filter (arena, "");
    filter->kind = REGISTRY__ESTABLISHMENT_KIND__CP;
    uint64_t cps [] = { liancourt->id, fresnes->id };
    s_expect_list (&api, filter, "kind CP", cps, 2);
    filter = s_filter (arena, "32");
    filter->minors_only = true;
    uint64_t minors [] = { epm->id, liancourt->id };
    s_expect_list (&api, filter, "minors in 32", minors, 2);
    filter = s_filter (arena, "32");
    filter->open_at = s_date (arena, 2023, 1, 1);
    uint64_t open_2023 [] = { lille->id, epm->id, liancourt->id };
    s_expect_list (&api, filter, "open at 2023-01-01 in 32", open_2023, 3);
    filter = s_filter (arena, "32");
    filter->open_at = s_date (arena, 2019, 1, 1);
    s_expect_list (&api, filter, "open at 2019-01-01 in 32", all, 4);
    request = it_request (arena, ACTOR);
    filter = s_filter (arena, "32");
    filter->open_at = s_date (arena, 2023, 13, 1);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request->list_establishments = filter;
    s_expect_error (&api, request, PPS__CODE__INVALID_ARGUMENT, "open_at");

    //  Updates
    Registry__Establishment *renamed = s_establishment (
        arena, "0590001A", "Maison d'arrêt de Lille-Sequedin (rénovée)", REGISTRY__ESTABLISHMENT_KIND__MA,
        false, 750, "32", "59", "Sequedin");
    renamed->id = lille->id;
    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_UPDATE_ESTABLISHMENT;
    request->update_establishment = renamed;
    reply = s_write_ok (&api, request, "registry.establishment.updated");
    IT_CHECK (reply->establishment && reply->establishment->capacity == 750, "update reply");
    Registry__Establishment *got = s_get_establishment (&api, lille->id);
    IT_CHECK (got->capacity == 750 && strstr (got->name, "rénovée"), "the update did not stick");

    Registry__Establishment *ghost = s_establishment (
        arena, "0000000Z", "Nulle part", REGISTRY__ESTABLISHMENT_KIND__MA, false, 1, "32", "59", "X");
    ghost->id = 424242;
    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_UPDATE_ESTABLISHMENT;
    request->update_establishment = ghost;
    s_expect_error (&api, request, PPS__CODE__NOT_FOUND, "establishment.id");

    //  Taking another establishment's code is refused
    Registry__Establishment *stealer = s_establishment (
        arena, "0590002B", "EPM de Quiévrechain", REGISTRY__ESTABLISHMENT_KIND__EPM, false, 60,
        "32", "59", "Quiévrechain");
    stealer->id = liancourt->id;
    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_UPDATE_ESTABLISHMENT;
    request->update_establishment = stealer;
    s_expect_error (&api, request, PPS__CODE__ALREADY_EXISTS, "establishment.code");

    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_UPDATE_REGION;
    request->update_region = s_region (arena, "32", "Hauts-de-France", "ARS HdF, Lille");
    s_write_ok (&api, request, "registry.region.updated");

    s_check_event_log (&api);
    printf (" * %zu writes, event log and ServiceStatus agree\n", api.expected_count);

    //  Idempotency: the same request id answers the first reply, byte for byte
    uint64_t seq = it_last_seq (api.client, arena);
    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = s_establishment (
        arena, "0600002F", "Maison d'arrêt de Beauvais", REGISTRY__ESTABLISHMENT_KIND__MA,
        false, 600, "32", "60", "Beauvais");
    size_t size;
    uint8_t *bytes = pps_arena_pack (arena, &request->base, &size);
    zframe_t *first = pps_client_call_raw (api.client, bytes, size);
    IT_CHECK (first, "no reply to the first create");
    Registry__RegistryReply *first_reply = (Registry__RegistryReply *) pps_arena_unpack (
        arena, &registry__registry_reply__descriptor, zframe_data (first), zframe_size (first));
    IT_CHECK (first_reply && s_status (first_reply)->code == PPS__CODE__OK && first_reply->establishment,
              "the first create failed");
    api.expected [api.expected_count].topic = "registry.establishment.created";
    api.expected [api.expected_count].request_id = request->request_id;
    api.expected_count++;
    IT_CHECK (it_last_seq (api.client, arena) == seq + 1, "the first create did not write one event");
    event = s_wait_event (&api, "registry.establishment.created", seq + 1, 3000);
    IT_CHECK (event, "no live registry.establishment.created event of seq %llu within 3 s",
              (unsigned long long) (seq + 1));
    IT_CHECK (event->establishment
              && event->establishment->id == first_reply->establishment->id
              && streq (event->request_id, request->request_id),
              "the live event is not the one of the create just made");

    zframe_t *second = pps_client_call_raw (api.client, bytes, size);
    IT_CHECK (second && s_replay_of (arena, first, second),
              "the replayed request got another reply, or one not marked replayed");
    IT_CHECK (it_last_seq (api.client, arena) == seq + 1, "the replay wrote something");
    request->create_establishment = s_establishment (
        arena, "0600003G", "Autre", REGISTRY__ESTABLISHMENT_KIND__MA, false, 1, "32", "60", "X");
    bytes = pps_arena_pack (arena, &request->base, &size);
    zframe_t *third = pps_client_call_raw (api.client, bytes, size);
    IT_CHECK (third && s_replay_of (arena, first, third),
              "the same request id with other content did not get the first reply");
    IT_CHECK (it_last_seq (api.client, arena) == seq + 1, "the reused request id wrote something");
    zframe_destroy (&first);
    zframe_destroy (&second);
    zframe_destroy (&third);

    //  A write needs a request id; a read does not
    request = it_request (arena, ACTOR);
    request->request_id = "";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = s_establishment (
        arena, "0600004H", "Sans identifiant", REGISTRY__ESTABLISHMENT_KIND__MA, false, 1, "32", "60", "X");
    s_expect_error (&api, request, PPS__CODE__INVALID_ARGUMENT, "request_id");
    request = it_request (arena, ACTOR);
    request->request_id = "";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_REGION;
    request->get_region = by_region;
    reply = s_read_ok (&api, request);
    IT_CHECK (reply->region && streq (reply->region->code, "32"), "a read without request id");

    //  Heartbeats come every HEARTBEAT_MS and carry the last seq
    uint64_t last = it_last_seq (api.client, arena);
    int64_t deadline = zclock_mono () + 3000;
    while (api.heartbeat_seq != last && zclock_mono () < deadline) {
        beat = s_sub_pump (&api, "registry.heartbeat", 1000);
        zframe_destroy (&beat);
    }
    IT_CHECK (api.heartbeat_seq == last, "heartbeats say last_seq %llu, the service %llu",
              (unsigned long long) api.heartbeat_seq, (unsigned long long) last);
    size_t beats_before = api.heartbeats;
    int64_t window_end = zclock_mono () + 1000;
    while (zclock_mono () < window_end) {
        beat = s_sub_pump (&api, "registry.heartbeat", (int) (window_end - zclock_mono ()));
        zframe_destroy (&beat);
    }
    IT_CHECK (api.heartbeats - beats_before >= 3 && api.heartbeats - beats_before <= 8,
              "%zu heartbeats in 1 s with a period of %d ms", api.heartbeats - beats_before,
              HEARTBEAT_MS);

    //  Every committed event was published once, byte-identical to the log
    Registry__RegistryEvent **events;
    ProtobufCBinaryData *raw;
    size_t count = it_events_since (api.client, arena, 0, 3, &events, &raw);
    IT_CHECK (count == api.expected_count && count == last,
              "%zu events in the log, %zu writes, last_seq %llu", count, api.expected_count,
              (unsigned long long) last);
    s_check_event_log (&api);
    IT_CHECK (zlistx_size (api.live) == count, "%zu events published live, %zu in the log",
              zlistx_size (api.live), count);
    size_t index = 0;
    for (zframe_t *frame = zlistx_first (api.live); frame; frame = zlistx_next (api.live), index++)
        IT_CHECK (zframe_size (frame) == raw [index].len
                  && memcmp (zframe_data (frame), raw [index].data, raw [index].len) == 0,
                  "live event %zu differs from the log's seq %zu", index, index + 1);
    printf (" * %zu live events match the log; %zu heartbeats\n", count, api.heartbeats);

    //  A clean stop, and everything is there after a restart
    pps_client_destroy (&api.client);
    int exit_status = it_service_stop (api.service);
    IT_CHECK (exit_status == 0, "SIGTERM: exit status %d", exit_status);
    it_service_start (api.service);
    api.client = pps_client_new (it_service_endpoint (api.service), 5000, 1);
    IT_CHECK (api.client, "cannot reconnect");
    IT_CHECK (it_last_seq (api.client, arena) == last, "last_seq changed across a restart");
    got = s_get_establishment (&api, lille->id);
    IT_CHECK (got->capacity == 750, "the update was lost across a restart");
    s_check_event_log (&api);
    pps_client_destroy (&api.client);
    exit_status = it_service_stop (api.service);
    IT_CHECK (exit_status == 0, "SIGTERM after restart: exit status %d", exit_status);

    zsock_destroy (&api.sub);
    zlistx_destroy (&api.live);
    it_service_destroy (&api.service);
    pps_arena_destroy (&api.arena);
    printf (" * registry.api over %s: OK\n", argv [2]);
    return 0;
}
