/*  fault_mapfull: a registry whose storage is full refuses writes with a
    clear error, goes on answering reads, damages nothing it stored, and
    accepts writes again once it has room.

    Mode "map": the LMDB map is 1 MiB (registry/map_mb = 1, from a
    configuration file given in PPS_CONFIG, as an operator would set it).
    Mode "disk": the map is the default 1 GiB but the registry's LMDB
    directory is a 2 MiB tmpfs, mounted in a mount namespace private to this
    test (unshare), so that the mount disappears with the test whatever
    happens; without the right to do that the test is skipped (exit 77).

    In both modes the test writes establishments (long names, so that the
    storage fills in a few hundred writes) one by one until REFUSALS writes
    in a row are refused (near the limit a smaller commit may still fit, or
    pages freed by a finished reader be reused: such a write must then be
    acknowledged and kept like any other), and checks:
      - every refusal is RESOURCE_EXHAUSTED, echoes the request id, and its
        message says the storage is full; a refused write resent is refused
        again;
      - the process still runs and answers ServiceStatus, get, list and
        EventsSince;
      - every acknowledged write is intact (get by id, list, the event log
        gap-free with one event per record in the order of the
        acknowledgments, a resend answers the first id);
    then restarts it with room (a 64 MiB map; a 64 MiB tmpfs) and checks
    that everything is still there and that writes succeed again, the
    refused one included, once.

    Usage: fault_mapfull PPS-REGISTRY map|disk
*/
#include <sched.h>
#include <sys/mount.h>
#include "it_harness.h"

#define ACTOR           "fault-mapfull"
#define WRITES_MAX      20000         //  Bound of the fill loop
#define CALL_MS         10000
#define REFUSALS        8             //  Refusals in a row that end the fill
#define AFTER_RESTART   20            //  Writes that must succeed after it
#define SKIP            77

typedef struct {
    char request_id [40];
    uint64_t id;                      //  0 until acknowledged
    size_t order;                     //  1 for the first acknowledged, 2...
} record_t;

static const char *s_mode;
static size_t s_acks;                 //  Writes acknowledged so far
static char s_config_path [512];
static char s_mount_point [512];

//  ---------------------------------------------------------------- requests

//  The establishment of index i: code F<i>, names long enough to fill fast.
static Registry__RegistryRequest *
s_create (pps_arena_t *arena, const char *request_id, size_t index)
{
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    request->request_id = pps_arena_strdup (arena, request_id);
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->code = pps_arena_printf (arena, "F%zu", index);
    establishment->name = pps_arena_printf (arena, "Etablissement %zu %0*d", index, 150, 0);
    establishment->commune = pps_arena_printf (arena, "Commune %zu %0*d", index, 150, 7);
    establishment->kind = index % 3 == 0 ? REGISTRY__ESTABLISHMENT_KIND__EPM
                                         : REGISTRY__ESTABLISHMENT_KIND__MA;
    establishment->capacity = (int32_t) (index % 900);
    establishment->region_code = "32";
    establishment->departement_code = "59";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = establishment;
    return request;
}

static bool
s_is_expected (const Registry__Establishment *establishment, size_t index, pps_arena_t *arena)
{
    Registry__RegistryRequest *model = s_create (arena, "x", index);
    const Registry__Establishment *want = model->create_establishment;
    return streq (establishment->code, want->code) && streq (establishment->name, want->name)
        && streq (establishment->commune, want->commune) && establishment->kind == want->kind
        && establishment->capacity == want->capacity
        && streq (establishment->region_code, "32");
}

//  Send a request and return whatever reply comes, checking that it echoes
//  the request id (a client matching replies by id would miss it otherwise).
static Registry__RegistryReply *
s_send (pps_client_t *client, pps_arena_t *arena, Registry__RegistryRequest *request)
{
    size_t size;
    uint8_t *bytes = pps_arena_pack (arena, &request->base, &size);
    zframe_t *frame = pps_client_call_raw (client, bytes, size);
    IT_CHECK (frame, "no reply at all to %s within %d ms", request->request_id, CALL_MS);
    Registry__RegistryReply *reply = (Registry__RegistryReply *) pps_arena_unpack (
        arena, &registry__registry_reply__descriptor, zframe_data (frame), zframe_size (frame));
    zframe_destroy (&frame);
    IT_CHECK (reply, "the reply to %s does not decode", request->request_id);
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (streq (reply->request_id, request->request_id),
              "the reply to %s carries request id '%s' (%s: %s), so pps_client_call "
              "drops it and the client only sees a timeout", request->request_id,
              reply->request_id, it_code_name (status->code), status->message);
    return reply;
}

//  ---------------------------------------------------------------- checks

static void
s_get (pps_client_t *client, pps_arena_t *arena, const record_t *record, size_t index)
{
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__ById *by_id = pps_arena_alloc (arena, sizeof *by_id);
    registry__by_id__init (by_id);
    by_id->id = record->id;
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT;
    request->get_establishment = by_id;
    Registry__RegistryReply *reply = s_send (client, arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK && reply->establishment,
              "get_establishment %llu (F%zu) answered %s",
              (unsigned long long) record->id, index,
              it_code_name (pps_client_status (&reply->base)->code));
    IT_CHECK (s_is_expected (reply->establishment, index, arena),
              "establishment %llu is not what F%zu wrote", (unsigned long long) record->id, index);
}

//  Every acknowledged record (id set) is intact, and nothing else is stored.
static void
s_check_all (pps_client_t *client, pps_arena_t *arena, const record_t *records, size_t count,
             const char *when)
{
    size_t acked = 0;
    for (size_t index = 0; index < count; index++) {
        if (!records [index].id)
            continue;
        s_get (client, arena, &records [index], index);
        pps_arena_reset (arena);
        acked++;
    }
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__EstablishmentFilter filter = REGISTRY__ESTABLISHMENT_FILTER__INIT;
    filter.region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request->list_establishments = &filter;
    Registry__RegistryReply *reply = s_send (client, arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK && reply->establishments,
              "%s: list_establishments failed", when);
    IT_CHECK (reply->establishments->n_items == acked, "%s: %zu establishments listed, %zu acknowledged",
              when, reply->establishments->n_items, acked);
    for (size_t item = 0; item < reply->establishments->n_items; item++) {
        Registry__Establishment *establishment = reply->establishments->items [item];
        size_t index = (size_t) strtoull (establishment->code + 1, NULL, 10);
        IT_CHECK (index < count && records [index].id == establishment->id
                  && s_is_expected (establishment, index, arena),
                  "%s: listed %s (id %llu) is not an acknowledged write", when,
                  establishment->code, (unsigned long long) establishment->id);
    }
    pps_arena_reset (arena);
    //  The log: seq 1.. without a gap, the region then one event per record
    //  in the order of the acknowledgments
    size_t *by_order = calloc (acked + 1, sizeof (size_t));
    assert (by_order);
    for (size_t index = 0; index < count; index++)
        if (records [index].id) {
            IT_CHECK (records [index].order >= 1 && records [index].order <= acked,
                      "F%zu: order %zu", index, records [index].order);
            by_order [records [index].order] = index;
        }
    Registry__RegistryEvent **events;
    size_t logged = it_events_since (client, arena, 0, 100, &events, NULL);
    IT_CHECK (logged == acked + 1, "%s: %zu events for %zu establishments", when, logged, acked);
    for (size_t index = 0; index < logged; index++) {
        IT_CHECK (events [index]->seq == index + 1, "%s: event %zu has seq %llu", when, index,
                  (unsigned long long) events [index]->seq);
        if (index == 0)
            continue;
        const record_t *record = &records [by_order [index]];
        IT_CHECK (events [index]->establishment
                  && events [index]->establishment->id == record->id
                  && streq (events [index]->request_id, record->request_id),
                  "%s: event %zu is not the creation of F%zu", when, index + 1, by_order [index]);
    }
    free (by_order);
    IT_CHECK (it_last_seq (client, arena) == logged, "%s: last_seq is not %zu", when, logged);
    pps_arena_reset (arena);
}

//  A resend of an acknowledged write answers its first id and writes nothing.
static void
s_check_replay (pps_client_t *client, pps_arena_t *arena, const record_t *records, size_t count)
{
    uint64_t before = it_last_seq (client, arena);
    for (size_t index = 0; index < count; index += count / 7 + 1) {
        if (!records [index].id)
            continue;
        Registry__RegistryReply *reply = s_send (client, arena,
                                                 s_create (arena, records [index].request_id, index));
        IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK && reply->establishment
                  && reply->establishment->id == records [index].id,
                  "resending acknowledged F%zu did not answer its id %llu", index,
                  (unsigned long long) records [index].id);
        pps_arena_reset (arena);
    }
    IT_CHECK (it_last_seq (client, arena) == before, "a resend wrote");
    pps_arena_reset (arena);
}

static void
s_check_refusal (const Registry__RegistryReply *reply, const char *what)
{
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == PPS__CODE__RESOURCE_EXHAUSTED,
              "%s answered %s (%s), not RESOURCE_EXHAUSTED", what, it_code_name (status->code),
              status->message);
    IT_CHECK (strstr (status->message, "full") && strstr (status->message, "storage"),
              "%s: the message '%s' does not say the storage is full", what, status->message);
    IT_CHECK (!reply->establishment, "%s: a refusal carries a record", what);
}

//  ---------------------------------------------------------------- set-up

static void
s_write_config (int map_mb)
{
    FILE *file = fopen (s_config_path, "w");
    IT_CHECK (file, "cannot write %s", s_config_path);
    fprintf (file, "#   fault_mapfull\nregistry\n    map_mb = %d\n", map_mb);
    fclose (file);
}

//  A private mount namespace and a tmpfs of size_mb on the registry's LMDB
//  directory. Returns 0, or -1 when this process may not do it.
static int
s_mount_tmpfs (int size_mb, bool remount)
{
    char options [32];
    snprintf (options, sizeof options, "size=%dm,mode=0700", size_mb);
    if (remount)
        return mount ("tmpfs", s_mount_point, "tmpfs", MS_REMOUNT, options);
    if (unshare (CLONE_NEWNS) || mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
        printf (" * %s: skipped, no private mount namespace: %s\n", s_mode, strerror (errno));
        return -1;
    }
    if (mkdir (s_mount_point, 0700) || mount ("tmpfs", s_mount_point, "tmpfs", 0, options)) {
        printf (" * %s: skipped, cannot mount a tmpfs: %s\n", s_mode, strerror (errno));
        return -1;
    }
    return 0;
}

static void
s_create_region (pps_client_t *client, pps_arena_t *arena)
{
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = &region;
    Registry__RegistryReply *reply = s_send (client, arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK, "create_region failed");
    pps_arena_reset (arena);
}

int
main (int argc, char **argv)
{
    if (argc != 3 || (!streq (argv [2], "map") && !streq (argv [2], "disk"))) {
        fprintf (stderr, "usage: %s PPS-REGISTRY map|disk\n", argv [0]);
        return 2;
    }
    s_mode = argv [2];
    bool disk = streq (s_mode, "disk");
    zsys_init ();
    zsys_set_logident ("fault_mapfull");
    int64_t started = zclock_mono ();
    it_service_t *service = it_service_new (argv [1], IT_IPC);
    //  Both in the service's data directory, removed with it (an empty
    //  mount point stays behind only when the test fails)
    snprintf (s_config_path, sizeof s_config_path, "%s/pps.cfg", it_service_data_dir (service));
    snprintf (s_mount_point, sizeof s_mount_point, "%s/registry", it_service_data_dir (service));
    if (disk && s_mount_tmpfs (2, false)) {
        it_service_destroy (&service);
        return SKIP;
    }
    if (!disk) {
        s_write_config (1);
        it_service_setenv (service, "PPS_CONFIG", s_config_path);
    }
    it_service_start (service);
    pps_client_t *client = pps_client_new (it_service_endpoint (service), CALL_MS, 1);
    IT_CHECK (client, "cannot connect");
    pps_arena_t *arena = pps_arena_new ();
    s_create_region (client, arena);

    //  Fill until REFUSALS refusals in a row
    record_t *records = calloc (WRITES_MAX, sizeof (record_t));
    assert (records);
    size_t count = 0, in_a_row = 0, refusals = 0, first_refused = 0;
    for (; count < WRITES_MAX && in_a_row < REFUSALS; count++) {
        snprintf (records [count].request_id, sizeof records [0].request_id, "fill-%zu", count);
        Registry__RegistryReply *reply = s_send (client, arena,
                                                 s_create (arena, records [count].request_id, count));
        if (pps_client_status (&reply->base)->code == PPS__CODE__OK) {
            IT_CHECK (reply->establishment && reply->establishment->id,
                      "F%zu: OK without a record", count);
            records [count].id = reply->establishment->id;
            records [count].order = ++s_acks;
            in_a_row = 0;
        }
        else {
            s_check_refusal (reply, records [count].request_id);
            if (refusals++ == 0) {
                first_refused = count;
                printf (" * %s: %zu writes acknowledged, then refused: %s\n", s_mode, count,
                        pps_client_status (&reply->base)->message);
            }
            in_a_row++;
        }
        pps_arena_reset (arena);
    }
    IT_CHECK (in_a_row == REFUSALS, "%d writes and the storage is not full", WRITES_MAX);
    printf (" * %s: %zu writes, %zu refused, the last %d in a row\n", s_mode, count, refusals,
            REFUSALS);

    //  A refused write resent: refused again; the process serves on
    s_check_refusal (s_send (client, arena, s_create (arena, records [first_refused].request_id,
                                                      first_refused)),
                     "the first refused write, resent");
    pps_arena_reset (arena);
    IT_CHECK (it_service_alive (service), "the registry exited once its storage was full");
    Pps__ServiceStatus *status = it_status (client, arena);
    IT_CHECK (status->requests_failed >= refusals + 1, "requests_failed is %llu after %zu refusals",
              (unsigned long long) status->requests_failed, refusals + 1);
    pps_arena_reset (arena);
    s_check_all (client, arena, records, count, "storage full");
    s_check_replay (client, arena, records, count);
    IT_CHECK (it_service_alive (service), "the registry exited");

    //  Room again: a restart with a bigger map, or on a bigger tmpfs
    int exit_status = it_service_stop (service);
    IT_CHECK (exit_status == 0, "SIGTERM with a full storage: exit status %d", exit_status);
    if (disk)
        IT_CHECK (s_mount_tmpfs (64, true) == 0, "remount: %s", strerror (errno));
    else
        s_write_config (64);
    it_service_start (service);
    pps_client_destroy (&client);
    client = pps_client_new (it_service_endpoint (service), CALL_MS, 1);
    IT_CHECK (client, "cannot reconnect");
    s_check_all (client, arena, records, count, "after the restart");
    //  The refused writes, with their request ids (they wrote nothing, so
    //  they go through now), then new ones
    size_t total = count + AFTER_RESTART;
    for (size_t index = 0; index < total; index++) {
        if (records [index].id)
            continue;
        if (index >= count)
            snprintf (records [index].request_id, sizeof records [0].request_id, "room-%zu", index);
        Registry__RegistryReply *reply = s_send (client, arena,
                                                 s_create (arena, records [index].request_id, index));
        const Pps__Status *write_status = pps_client_status (&reply->base);
        IT_CHECK (write_status->code == PPS__CODE__OK && reply->establishment,
                  "after the restart, F%zu answered %s: %s", index,
                  it_code_name (write_status->code), write_status->message);
        records [index].id = reply->establishment->id;
        records [index].order = ++s_acks;
        pps_arena_reset (arena);
    }
    count = total;
    s_check_all (client, arena, records, count, "after writing again");
    pps_client_destroy (&client);
    exit_status = it_service_stop (service);
    IT_CHECK (exit_status == 0, "SIGTERM: exit status %d", exit_status);
    if (disk)
        IT_CHECK (umount (s_mount_point) == 0, "umount %s: %s", s_mount_point, strerror (errno));
    it_service_destroy (&service);
    pps_arena_destroy (&arena);
    free (records);
    printf (" * registry.%s_full: OK, %zu establishments intact, %lld ms\n", s_mode, count,
            (long long) (zclock_mono () - started));
    return 0;
}
