/*  it_crash: acknowledged writes survive a crash of pps-registry, and a
    stop by SIGTERM at any moment of a stream (--sigterm), of pps-registry
    or of a whole pps-region.

    Each of CYCLES cycles streams WRITES create_establishment requests (each
    its own request id, names "E-<i>", codes "C<i>") from THREADS client
    threads, while the main thread sends SIGKILL to the service at a
    pseudo-random moment (fixed seed) between KILL_MIN_MS and KILL_MAX_MS
    after the start, or earlier, as soon as a pseudo-random share (25 to 95%)
    of the cycle's writes is acknowledged: a fast machine finishes the
    stream well within KILL_MAX_MS, and the kill must still cut it midway. The service is restarted on the same data directory,
    then:
      - every acknowledged write is there, under the id its reply gave;
      - EventsSince(0), paged, returns seq 1..last_seq with no gap, each
        event decodes, and last_seq counts exactly the region and
        establishment events (nothing else, nothing twice);
      - resending every acknowledged request answers OK with the same id
        and writes nothing;
      - the writes left unacknowledged are resent with their request ids
        and all succeed, once (an unacknowledged write that did commit
        answers its first reply).

    With --sigterm N: N cycles of fewer writes, each cut by SIGTERM instead
    (the program's actors stop in order on their parent's $TERM, pps_actor.h),
    and the program must exit 0 within 5 s every time, with the same checks
    after each restart. The program may be pps-region: its registry is the
    one written to, every other service and its gateway stop with it.

    Usage: it_crash <path of pps-registry or pps-region> [--sigterm CYCLES]
*/
#include <pthread.h>
#include <stdatomic.h>
#include "it_harness.h"
#include "test_ports.h"

#define ACTOR           "it-crash"
#define THREADS         4
//  SIGKILL: few long cycles; SIGTERM: many short ones (main sets them)
static size_t WRITES = 2000;          //  Per cycle
static size_t CYCLES = 3;
static int KILL_MIN_MS = 200;
static int KILL_MAX_MS = 1500;
static bool s_sigterm = false;        //  Stop by SIGTERM, expecting exit 0
#define STARTING_ROUNDS 20            //  SIGTERM while starting (--sigterm)
//  A call unanswered this long: the service is down (SIGTERM: it exits in
//  a few ms, a shorter wait keeps the 50 cycles short)
static int CRASH_CALL_MS = 1000;
#define CALL_MS         10000         //  Calls to a running service
#define EVENT_PAGE      500

typedef struct {
    char request_id [32];
    uint64_t id;                      //  From the OK reply
    bool acked;                       //  An OK reply came
} item_t;

typedef enum {
    MODE_STREAM,                      //  Until the first unanswered call
    MODE_REPLAY,                      //  Resend the acknowledged: same id back
    MODE_RESUME                       //  Send the unacknowledged: all must succeed
} worker_mode_t;

typedef struct {
    const char *endpoint;
    item_t *items;                    //  Shared; each thread touches its own items
    size_t first;                     //  The cycle's items
    size_t count;
    size_t thread;                    //  Items first + thread + k * THREADS are ours
    worker_mode_t mode;
    atomic_bool *stop;
    atomic_size_t *acks;              //  OK replies of all the workers
    size_t calls;                     //  Results, read after the join
    size_t unanswered;
    char error [256];                 //  Set on the first wrong answer
} worker_t;

//  ---------------------------------------------------------------- client threads

static Registry__RegistryRequest *
s_create_request (pps_arena_t *arena, item_t *item, size_t index)
{
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (arena, &registry__registry_request__descriptor);
    request->request_id = item->request_id;
    request->actor = ACTOR;
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->code = pps_arena_printf (arena, "C%zu", index);
    establishment->name = pps_arena_printf (arena, "E-%zu", index);
    establishment->kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    establishment->capacity = (int32_t) (index % 1000);
    establishment->region_code = "32";
    establishment->departement_code = "59";
    establishment->commune = "Lille";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = establishment;
    return request;
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
    for (size_t offset = self->thread; offset < self->count; offset += THREADS) {
        if (atomic_load (self->stop))
            break;
        size_t index = self->first + offset;
        item_t *item = &self->items [index];
        if ((self->mode == MODE_REPLAY) != item->acked)
            continue;
        Registry__RegistryRequest *request = s_create_request (arena, item, index);
        ProtobufCMessage *answer;
        self->calls++;
        if (pps_client_call (client, &request->base, &registry__registry_reply__descriptor,
                             arena, &answer)) {
            self->unanswered++;
            if (self->mode != MODE_STREAM)
                snprintf (self->error, sizeof self->error, "no answer to %s", item->request_id);
            break;
        }
        Registry__RegistryReply *reply = (Registry__RegistryReply *) answer;
        const Pps__Status *status = pps_client_status (answer);
        Registry__Establishment *created = reply->establishment;
        if (status->code != PPS__CODE__OK || !created || !created->id
        ||  strcmp (created->code, request->create_establishment->code) != 0) {
            snprintf (self->error, sizeof self->error, "%s (C%zu) answered %s on '%s': %s",
                      item->request_id, index, it_code_name (status->code), status->field,
                      status->message);
            break;
        }
        if (self->mode == MODE_REPLAY && created->id != item->id) {
            snprintf (self->error, sizeof self->error, "replayed %s got id %llu, first %llu",
                      item->request_id, (unsigned long long) created->id,
                      (unsigned long long) item->id);
            break;
        }
        item->id = created->id;
        item->acked = true;
        atomic_fetch_add (self->acks, 1);
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return NULL;
}

//  Run THREADS workers over the cycle's items. When kill_after_ms >= 0 the
//  service is killed that long after they start, or once kill_at_acks
//  writes are acknowledged; *killed_ms_p says when. Returns the calls made.
static size_t
s_run_workers (it_service_t *service, item_t *items, size_t first, worker_mode_t mode,
               int kill_after_ms, size_t kill_at_acks, int64_t *killed_ms_p)
{
    atomic_bool stop = false;
    atomic_size_t acks = 0;
    worker_t workers [THREADS];
    pthread_t threads [THREADS];
    for (size_t thread = 0; thread < THREADS; thread++) {
        workers [thread] = (worker_t) {
            .endpoint = it_service_endpoint (service), .items = items, .first = first,
            .count = WRITES, .thread = thread, .mode = mode, .stop = &stop,
            .acks = &acks
        };
        IT_CHECK (pthread_create (&threads [thread], NULL, s_worker, &workers [thread]) == 0,
                  "pthread_create");
    }
    if (kill_after_ms >= 0) {
        int64_t start = zclock_mono ();
        while (zclock_mono () - start < kill_after_ms && atomic_load (&acks) < kill_at_acks)
            zclock_sleep (1);
        if (s_sigterm) {
            int exit_status = it_service_stop (service);
            IT_CHECK (exit_status == 0, "SIGTERM in a stream: exit status %d (-1: a signal, "
                      "or still running after 5 s)", exit_status);
        }
        else
            it_service_kill (service);
        *killed_ms_p = zclock_mono () - start;
        atomic_store (&stop, true);
    }
    //  Each worker ends after its last item or its first unanswered call
    size_t calls = 0;
    for (size_t thread = 0; thread < THREADS; thread++) {
        pthread_join (threads [thread], NULL);
        calls += workers [thread].calls;
    }
    for (size_t thread = 0; thread < THREADS; thread++)
        IT_CHECK (!*workers [thread].error, "thread %zu: %s", thread, workers [thread].error);
    if (mode != MODE_STREAM)
        for (size_t thread = 0; thread < THREADS; thread++)
            IT_CHECK (workers [thread].unanswered == 0, "thread %zu: a call went unanswered", thread);
    return calls;
}

//  ---------------------------------------------------------------- checks

static size_t
s_index_of_code (const char *code)
{
    IT_CHECK (code [0] == 'C' && code [1], "unexpected establishment code '%s'", code);
    char *end;
    unsigned long long index = strtoull (code + 1, &end, 10);
    IT_CHECK (*end == 0 && index < CYCLES * WRITES, "unexpected establishment code '%s'", code);
    return (size_t) index;
}

//  The establishments the service holds, by index (0 when absent).
static void
s_stored_ids (pps_client_t *client, pps_arena_t *arena, uint64_t *stored)
{
    memset (stored, 0, CYCLES * WRITES * sizeof (uint64_t));
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__EstablishmentFilter *filter = pps_arena_alloc (arena, sizeof *filter);
    registry__establishment_filter__init (filter);
    filter->region_code = "32";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request->list_establishments = filter;
    Registry__RegistryReply *reply = it_call (client, arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK && reply->establishments,
              "list_establishments failed");
    for (size_t item = 0; item < reply->establishments->n_items; item++) {
        Registry__Establishment *establishment = reply->establishments->items [item];
        size_t index = s_index_of_code (establishment->code);
        IT_CHECK (stored [index] == 0, "code %s listed twice", establishment->code);
        char name [32];
        snprintf (name, sizeof name, "E-%zu", index);
        IT_CHECK (streq (establishment->name, name) && establishment->id,
                  "establishment %s is named '%s', id %llu", establishment->code,
                  establishment->name, (unsigned long long) establishment->id);
        stored [index] = establishment->id;
    }
}

//  The event log is complete and consistent with the stored establishments:
//  seq 1..last_seq, one region event, one event per establishment, each
//  carrying the request id that created it. Returns last_seq.
static uint64_t
s_check_log (pps_client_t *client, pps_arena_t *arena, const item_t *items, const uint64_t *stored)
{
    Registry__RegistryEvent **events;
    size_t count = it_events_since (client, arena, 0, EVENT_PAGE, &events, NULL);
    size_t regions = 0, establishments = 0, stored_count = 0;
    for (size_t index = 0; index < CYCLES * WRITES; index++)
        stored_count += stored [index] != 0;
    for (size_t index = 0; index < count; index++) {
        Registry__RegistryEvent *event = events [index];
        IT_CHECK (event->seq == index + 1, "gap in the event log: event %zu has seq %llu",
                  index, (unsigned long long) event->seq);
        IT_CHECK (streq (event->source, "registry"), "event %llu source '%s'",
                  (unsigned long long) event->seq, event->source);
        if (streq (event->topic, "registry.region.created") && event->region) {
            regions++;
            continue;
        }
        IT_CHECK (streq (event->topic, "registry.establishment.created") && event->establishment,
                  "event %llu has topic '%s'", (unsigned long long) event->seq, event->topic);
        size_t item = s_index_of_code (event->establishment->code);
        IT_CHECK (stored [item] == event->establishment->id,
                  "event %llu created %s id %llu, the service holds id %llu",
                  (unsigned long long) event->seq, event->establishment->code,
                  (unsigned long long) event->establishment->id, (unsigned long long) stored [item]);
        IT_CHECK (streq (event->request_id, items [item].request_id),
                  "event %llu of %s carries request id '%s'", (unsigned long long) event->seq,
                  event->establishment->code, event->request_id);
        establishments++;
    }
    uint64_t last_seq = it_last_seq (client, arena);
    IT_CHECK (last_seq == count, "last_seq %llu, %zu events in the log",
              (unsigned long long) last_seq, count);
    IT_CHECK (regions == 1 && establishments == stored_count,
              "%zu region and %zu establishment events for %zu establishments",
              regions, establishments, stored_count);
    return last_seq;
}

//  Every stop in the log stopped the services in the reverse order of
//  their start ("X: serving ..." lines, then "X: stopped"): each actor on
//  its parent's $TERM, not each on its own when the signal came. Returns
//  how many stops the log holds.
static size_t
s_check_stop_order (const char *log_path)
{
    FILE *file = fopen (log_path, "r");
    IT_CHECK (file, "cannot read %s", log_path);
    char started [8][32], line [1024];
    size_t start_count = 0, stopped = 0, stops = 0;
    while (fgets (line, sizeof line, file)) {
        //  "I: (pps-region) 26-12-03 20:24:49 registry: serving ..."
        char *colon = strstr (line, ": serving ");
        char *end = colon ? colon : strstr (line, ": stopped");
        if (!end)
            continue;
        char *name = end;
        while (name > line && name [-1] != ' ')
            name--;
        char service [32];
        snprintf (service, sizeof service, "%.*s", (int) (end - name), name);
        if (colon) {
            if (stopped == start_count)         //  A new start
                start_count = stopped = 0;
            IT_CHECK (start_count < 8, "more than 8 services started");
            snprintf (started [start_count++], sizeof started [0], "%s", service);
            continue;
        }
        IT_CHECK (stopped < start_count, "%s stopped, not started", service);
        const char *expected = started [start_count - 1 - stopped];
        IT_CHECK (streq (service, expected), "stop %zu: %s stopped before %s", stops + 1,
                  service, expected);
        if (++stopped == start_count)
            stops++;
    }
    fclose (file);
    return stops;
}

int
main (int argc, char **argv)
{
    if (argc == 4 && streq (argv [2], "--sigterm") && atoi (argv [3]) > 0) {
        s_sigterm = true;
        CYCLES = (size_t) atoi (argv [3]);
        WRITES = 400;
        KILL_MIN_MS = 5;
        KILL_MAX_MS = 400;
        CRASH_CALL_MS = 250;
    }
    else
    if (argc != 2) {
        fprintf (stderr, "usage: %s PPS-REGISTRY|PPS-REGION [--sigterm CYCLES]\n", argv [0]);
        return 2;
    }
    zsys_init ();
    zsys_set_logident ("it_crash");
    int64_t started = zclock_mono ();
    item_t *items = calloc (CYCLES * WRITES, sizeof (item_t));
    uint64_t *stored = calloc (CYCLES * WRITES, sizeof (uint64_t));
    assert (items && stored);
    for (size_t index = 0; index < CYCLES * WRITES; index++)
        snprintf (items [index].request_id, sizeof items [index].request_id, "crash-%zu", index);
    pps_arena_t *arena = pps_arena_new ();
    it_service_t *service = it_service_new (argv [1], IT_IPC);
    //  pps-region's gateway stops with it, on a port of this test's own
    int port = strstr (argv [1], "pps-region") ? test_port_take () : 0;
    if (port) {
        char bind [32];
        snprintf (bind, sizeof bind, "127.0.0.1:%d", port);
        it_service_setenv (service, "PPS_WEB_BIND", bind);
    }
    it_service_start (service);

    pps_client_t *client = pps_client_new (it_service_endpoint (service), CALL_MS, 1);
    IT_CHECK (client, "cannot connect to %s", it_service_endpoint (service));
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = &region;
    Registry__RegistryReply *reply = it_call (client, arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK, "create_region 32 failed");
    pps_client_destroy (&client);
    pps_arena_reset (arena);

    uint64_t seed = 0xc0ffee2023ULL;
    size_t interrupted_cycles = 0;
    for (size_t cycle = 0; cycle < CYCLES; cycle++) {
        size_t first = cycle * WRITES;
        int kill_after = KILL_MIN_MS + (int) (it_random (&seed) % (KILL_MAX_MS - KILL_MIN_MS + 1));
        size_t kill_at_acks = WRITES * (25 + it_random (&seed) % 71) / 100;
        int64_t killed_ms = 0;
        size_t calls = s_run_workers (service, items, first, MODE_STREAM, kill_after,
                                      kill_at_acks, &killed_ms);
        size_t acked = 0;
        for (size_t index = first; index < first + WRITES; index++)
            acked += items [index].acked;
        interrupted_cycles += acked < WRITES;

        //  Restart on the same data: every acknowledged write is there
        it_service_start (service);
        client = pps_client_new (it_service_endpoint (service), CALL_MS, 1);
        IT_CHECK (client, "cannot reconnect");
        s_stored_ids (client, arena, stored);
        size_t in_doubt = 0;
        for (size_t index = 0; index < CYCLES * WRITES; index++) {
            if (items [index].acked)
                IT_CHECK (stored [index] == items [index].id,
                          "acknowledged write C%zu (id %llu) is %s after the crash", index,
                          (unsigned long long) items [index].id,
                          stored [index] ? "another id" : "missing");
            else
            if (stored [index]) {
                IT_CHECK (index >= first && index < first + WRITES,
                          "C%zu is stored but was never sent", index);
                in_doubt++;
            }
        }
        for (size_t index = first; index < first + WRITES; index++) {
            if (!items [index].acked)
                continue;
            Registry__RegistryRequest *get = it_request (arena, ACTOR);
            Registry__ById *by_id = pps_arena_alloc (arena, sizeof *by_id);
            registry__by_id__init (by_id);
            by_id->id = items [index].id;
            get->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT;
            get->get_establishment = by_id;
            Registry__RegistryReply *got = it_call (client, arena, get);
            char code [32];
            snprintf (code, sizeof code, "C%zu", index);
            IT_CHECK (pps_client_status (&got->base)->code == PPS__CODE__OK && got->establishment
                      && streq (got->establishment->code, code),
                      "get_establishment %llu does not return %s", (unsigned long long) by_id->id, code);
            pps_arena_reset (arena);
        }
        uint64_t last_seq = s_check_log (client, arena, items, stored);
        pps_arena_reset (arena);
        printf (" * cycle %zu: %s after %lld ms (at %d ms or %zu acks), %zu calls, "
                "%zu acknowledged, %zu committed unacknowledged, last_seq %llu\n", cycle + 1,
                s_sigterm ? "SIGTERM" : "killed", (long long) killed_ms, kill_after,
                kill_at_acks, calls, acked, in_doubt, (unsigned long long) last_seq);

        //  (A clean stop leaves nothing in doubt to resend: the next cycle)
        if (s_sigterm) {
            pps_client_destroy (&client);
            continue;
        }
        //  Resending the acknowledged writes changes nothing
        s_run_workers (service, items, first, MODE_REPLAY, -1, 0, NULL);
        IT_CHECK (it_last_seq (client, arena) == last_seq, "replaying acknowledged writes wrote");

        //  The rest go through, each once
        s_run_workers (service, items, first, MODE_RESUME, -1, 0, NULL);
        s_stored_ids (client, arena, stored);
        for (size_t index = 0; index < first + WRITES; index++)
            IT_CHECK (items [index].acked && stored [index] == items [index].id,
                      "after resuming, C%zu is %s", index,
                      !items [index].acked ? "unacknowledged"
                      : stored [index] ? "stored under another id" : "missing");
        last_seq = s_check_log (client, arena, items, stored);
        IT_CHECK (last_seq == 1 + first + WRITES, "last_seq %llu after %zu establishments",
                  (unsigned long long) last_seq, first + WRITES);
        pps_arena_reset (arena);
        pps_client_destroy (&client);
    }
    //  The kill on a share of the acknowledgments makes this hold everywhere
    IT_CHECK (interrupted_cycles > 0, "no cycle was killed in the middle of its stream");
    int exit_status = it_service_stop (service);
    IT_CHECK (exit_status == 0, "SIGTERM: exit status %d", exit_status);
    if (s_sigterm) {
        size_t stops = s_check_stop_order (it_service_log (service));
        IT_CHECK (stops == CYCLES + 1, "%zu stops in the log, %zu made", stops, CYCLES + 1);
        //  SIGTERM while the program still starts its services: it stops
        //  what it started and exits 0 (it said "cannot start", exit 1)
        const char *socket_file = it_service_endpoint (service) + strlen ("ipc://");
        for (int round = 0; round < STARTING_ROUNDS; round++) {
            //  From the moment the registry is bound (the process handles
            //  signals by then), while the other services start
            int delay_ms = (int) (it_random (&seed) % 30);
            it_service_spawn (service);
            for (int poll = 0; poll < 10000 && access (socket_file, F_OK); poll++)
                zclock_sleep (1);
            zclock_sleep (delay_ms);
            exit_status = it_service_stop (service);
            IT_CHECK (exit_status == 0, "SIGTERM %d ms after the registry bound: exit status %d",
                      delay_ms, exit_status);
        }
    }
    it_service_destroy (&service);
    pps_arena_destroy (&arena);
    free (items);
    free (stored);
    printf (" * %s: OK, %zu of %zu cycles %s mid-stream, %lld ms\n", argv [1],
            interrupted_cycles, CYCLES, s_sigterm ? "stopped by SIGTERM (exit 0)" : "killed",
            (long long) (zclock_mono () - started));
    return 0;
}
