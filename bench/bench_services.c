/*  bench_services: the services measured as they run.

    - Registry writes and reads: a real pps-registry process (fork + exec,
      configured through its environment as an operator would, ipc://
      endpoints), clients are threads each with its own pps_client calling
      create_person (a durable write, replied after its commit) or
      get_person synchronously. A write phase alternates slices of raw
      durable commits and of registry writes, so that the ceiling (clients
      x raw commits/s) is measured on the same disk at the same times. The
      number of durable commits the registry made is read from its LMDB
      environment (last txnid, through a read-only handle of the bench), so
      writes per commit = the average size of a group commit.
    - The same group commit seen from inside: the real pps_server actor in
      the bench's process serving registry_service with its create_person
      handler wrapped (the service is data: a copy of its op table) to note
      each write's transaction id (a nested transaction carries its
      parent's), hence the size of every batch and the time between
      batches; and durable commits shaped as create_person writes them
      (nested transaction, id counter, person, event, stored reply) without
      the runtime, 1 and 8 writes per commit.
    - Write -> read model: a real pps-region (all services in one process,
      the embedded default); a create_person is timed from its reply until
      (a) the indicators service's model_status shows the registry seq
      applied, polled as fast as it answers; (b) a pps_subscriber in the
      bench, applying with the indicators' own indicators_model_apply into
      a store of its own, has committed it.
    - Catch-up: 1,000,000 person.created events written into a registry
      store directly (pps_store_open + pps_eventlog_append, 100,000 per
      transaction: the same bytes a handler would log, far faster than
      1M requests), served by a real pps-registry answering EventsSince;
      the real pps_subscriber replays them with indicators_model_apply,
      then again with an apply that does nothing (transport and commits only).
    - Resident memory: pps-region started empty, then with --sample.
*/
#include "bench.h"
#include "pps_client.h"
#include "pps_config.h"
#include "pps_eventlog.h"
#include "pps_server.h"
#include "pps_store.h"
#include "pps_subscriber.h"
#include "registry.h"
#include "indicators.h"
#include "indicators_model.h"

#include <lmdb.h>
#include <stdatomic.h>

#define CLIENT_TIMEOUT_MS   10000
#define WRITE_MAX_OPS       200000    //  Per client thread and phase
#define E2E_SAMPLES         300       //  Writes timed until applied, per variant
#define E2E_IDLE_CALLS      200       //  model_status calls timed with nothing written
#define E2E_WAIT_MS         5000      //  Longest wait for one write to be applied
#define GENERATE_PER_TXN    100000
#define CATCHUP_TIMEOUT_MS  120000    //  Longest replay
#define RAW_BULK_COMMITS    10        //  Of 10,000 puts, before and after each replay
#define CATCHUP_PAGE        10000     //  pps_subscriber's EventsSince page
#define REGION_READY_MS     120000
#define WRITE_ROUNDS        3         //  Raw and registry slices of a write phase

//  ---------------------------------------------------------------- helpers

static pps_config_t *s_config (const char *data_dir);

//  The registry's LMDB, opened read-only to count its commits.
static MDB_env *
s_txnid_env (const char *path)
{
    MDB_env *env;
    if (mdb_env_create (&env))
        return NULL;
    mdb_env_set_maxdbs (env, 64);
    if (mdb_env_open (env, path, MDB_RDONLY, 0640)) {
        mdb_env_close (env);
        return NULL;
    }
    return env;
}

static uint64_t
s_txnid (MDB_env *env)
{
    MDB_envinfo info;
    if (!env || mdb_env_info (env, &info))
        return 0;
    return (uint64_t) info.me_last_txnid;
}

static Registry__RegistryReply *
s_call (pps_client_t *client, pps_arena_t *arena, Registry__RegistryRequest *request)
{
    ProtobufCMessage *reply = NULL;
    if (pps_client_call (client, &request->base, &registry__registry_reply__descriptor,
                         arena, &reply))
        return NULL;
    return (Registry__RegistryReply *) reply;
}

static int
s_create_region (const char *endpoint, const char *code)
{
    pps_client_t *client = pps_client_new (endpoint, CLIENT_TIMEOUT_MS, 1);
    pps_arena_t *arena = pps_arena_new ();
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = (char *) code;
    region.name = "Région du banc d'essai";
    region.ars_name = "ARS";
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    char request_id [33];
    request.request_id = pps_client_new_request_id (request_id);
    request.actor = "bench";
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request.create_region = &region;
    Registry__RegistryReply *reply = s_call (client, arena, &request);
    int rc = reply && pps_client_status (&reply->base)->code == PPS__CODE__OK ? 0 : -1;
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return rc;
}

//  Last seq of a service, from its ServiceStatus; 0 when it does not answer.
static uint64_t
s_last_seq (pps_client_t *client, pps_arena_t *arena)
{
    Pps__ServiceStatusRequest ask = PPS__SERVICE_STATUS_REQUEST__INIT;
    Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
    char request_id [33];
    request.request_id = pps_client_new_request_id (request_id);
    request.op_case = PPS__COMMON_REQUEST__OP_SERVICE_STATUS;
    request.service_status = &ask;
    ProtobufCMessage *reply = NULL;
    uint64_t seq = 0;
    if (pps_client_call (client, &request.base, &pps__common_reply__descriptor, arena, &reply) == 0
    &&  ((Pps__CommonReply *) reply)->service_status)
        seq = ((Pps__CommonReply *) reply)->service_status->last_seq;
    pps_arena_reset (arena);
    return seq;
}

//  ---------------------------------------------------------------- registry clients

typedef struct {
    const char *endpoint;
    const char *region_code;
    int phase;                        //  Makes request ids unique across phases
    uint64_t persons;                 //  Persons that exist (ids 1..persons), for reads
} registry_arg_t;

typedef struct {
    registry_arg_t *arg;
    pps_client_t *client;
    pps_arena_t *arena;
    Registry__Person person;
    Registry__ById by_id;
    Registry__RegistryRequest request;
    char request_id [64];
    char name [64];
} registry_client_t;

static void *
s_registry_setup (void *pointer, size_t thread)
{
    registry_arg_t *arg = pointer;
    registry_client_t *self = calloc (1, sizeof (registry_client_t));
    assert (self);
    self->arg = arg;
    self->client = pps_client_new (arg->endpoint, CLIENT_TIMEOUT_MS, 1);
    self->arena = pps_arena_new ();
    registry__person__init (&self->person);
    self->person.organisation = "USMP (banc d'essai)";
    self->person.role_title = "infirmier";
    self->person.work_email = "referent@example.org";
    self->person.work_phone = "+33 3 00 00 00 00";
    self->person.region_code = (char *) arg->region_code;
    self->person.category = REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROFESSIONAL;
    registry__by_id__init (&self->by_id);
    registry__registry_request__init (&self->request);
    self->request.actor = "bench";
    self->request.request_id = self->request_id;
    (void) thread;
    return self;
}

static int
s_write_call (void *pointer, size_t thread, size_t sequence)
{
    registry_client_t *self = pointer;
    //  Made as every client of the runtime makes them
    pps_client_new_request_id (self->request_id);
    snprintf (self->name, sizeof self->name, "Personne %zu-%zu", thread, sequence);
    self->person.id = 0;
    self->person.full_name = self->name;
    self->request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PERSON;
    self->request.create_person = &self->person;
    Registry__RegistryReply *reply = s_call (self->client, self->arena, &self->request);
    int rc = reply && pps_client_status (&reply->base)->code == PPS__CODE__OK ? 0 : -1;
    pps_arena_reset (self->arena);
    return rc;
}

static int
s_read_call (void *pointer, size_t thread, size_t sequence)
{
    registry_client_t *self = pointer;
    snprintf (self->request_id, sizeof self->request_id, "read-%d-%zu-%zu",
              self->arg->phase, thread, sequence);
    self->by_id.id = 1 + (sequence * 7919 + thread * 104729) % self->arg->persons;
    self->request.op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_PERSON;
    self->request.get_person = &self->by_id;
    Registry__RegistryReply *reply = s_call (self->client, self->arena, &self->request);
    int rc = reply && pps_client_status (&reply->base)->code == PPS__CODE__OK
          && reply->person ? 0 : -1;
    pps_arena_reset (self->arena);
    return rc;
}

static void
s_registry_teardown (void *pointer)
{
    registry_client_t *self = pointer;
    pps_arena_destroy (&self->arena);
    pps_client_destroy (&self->client);
    free (self);
}

//  ---------------------------------------------------------------- registry

//  A write phase: rounds of (raw durable commits, then the registry's
//  clients) of equal length, so that both see the same disk at the same
//  times; the ceiling is clients x the raw commits/s of those slices.
typedef struct {
    bench_figure_t writes;            //  The registry's
    bench_figure_t raw;               //  The raw commits interleaved with it
    uint64_t commits;                 //  The registry's durable commits
    size_t failures;
} write_phase_t;

static void
s_write_phase (bench_t *self, registry_arg_t *arg, size_t clients, MDB_env *txn_env,
               int phase, write_phase_t *out)
{
    double slice = self->phase_seconds / WRITE_ROUNDS;
    bench_samples_t *writes = bench_samples_new (clients * WRITE_MAX_OPS);
    bench_samples_t *raw = bench_samples_new (WRITE_ROUNDS * 100000);
    size_t ops = 0, raw_commits = 0;
    double seconds = 0, raw_seconds = 0;
    memset (out, 0, sizeof *out);
    for (int round = 0; round < WRITE_ROUNDS; round++) {
        bench_raw_commits (self, 1, slice, 100000, raw, &raw_commits, &raw_seconds);
        arg->phase = phase * 100 + round;
        uint64_t before = s_txnid (txn_env);
        bench_figure_t figure;
        out->failures += bench_clients_run (clients, slice, WRITE_MAX_OPS, s_registry_setup,
                                            s_write_call, s_registry_teardown, arg, &figure,
                                            writes);
        out->commits += s_txnid (txn_env) - before;
        ops += figure.ops;
        seconds += figure.seconds;
        arg->persons += figure.ops;
    }
    bench_figure_set (&out->writes, writes, ops, seconds);
    bench_figure_set (&out->raw, raw, raw_commits, raw_seconds);
    bench_samples_destroy (&writes);
    bench_samples_destroy (&raw);
}

//  What the observed create_person saw: which batch (LMDB txn id; a nested
//  transaction carries its parent's) and when. Written by the server
//  actor's thread only, read once the actor is destroyed.
typedef struct {
    uint64_t txnid;
    int64_t start_ns;
    int64_t handler_ns;
} observation_t;

#define OBSERVED_MAX 400000
static observation_t *s_observed;
static size_t s_observed_count;
static pps_handler_fn *s_real_create_person;

static int
s_observe_create_person (void *self, pps_call_t *call, const void *op, ProtobufCMessage **result_p)
{
    int64_t start = bench_now_ns ();
    int rc = s_real_create_person (self, call, op, result_p);
    if (s_observed_count < OBSERVED_MAX)
        s_observed [s_observed_count++] = (observation_t) {
            mdb_txn_id (pps_call_txn (call)), start, bench_now_ns () - start
        };
    return rc;
}

//  Durable commits shaped as the registry's create_person writes them
//  (without the runtime around them): per write a nested transaction with
//  the id counter, the person, its event and the stored reply, then one
//  commit for writes_per_commit writes. Fills figure (rate = commits/s).
static void
s_shaped_commits (pps_store_t *store, uint64_t *seq, size_t writes_per_commit, double seconds,
                  bench_figure_t *figure)
{
    bench_samples_t *samples = bench_samples_new (100000);
    pps_arena_t *arena = pps_arena_new ();
    MDB_env *env = pps_store_env (store);
    MDB_dbi persons = pps_store_dbi (store, "persons");
    MDB_dbi requests = pps_store_dbi (store, "requests");
    uint8_t reply [120];
    memset (reply, 'r', sizeof reply);
    int64_t start = bench_now_ns ();
    int64_t written = 0;
    size_t commits = 0;
    for (; commits < 100000 && bench_now_ns () - start < (int64_t) (seconds * 1e9); commits++) {
        int64_t begin = bench_now_ns ();
        MDB_txn *txn, *child;
        int rc = mdb_txn_begin (env, NULL, 0, &txn);
        for (size_t write = 0; rc == 0 && write < writes_per_commit; write++) {
            if ((rc = mdb_txn_begin (env, txn, 0, &child)))
                break;
            char name [48], request_id [48];
            snprintf (request_id, sizeof request_id, "shaped-%llu", (unsigned long long) (*seq + 1));
            snprintf (name, sizeof name, "Personne %llu", (unsigned long long) (*seq + 1));
            Registry__Person person = REGISTRY__PERSON__INIT;
            person.id = pps_store_next_id (store, child, "person");
            person.full_name = name;
            person.organisation = "USMP (banc d'essai)";
            person.work_email = "referent@example.org";
            person.region_code = "44";
            Registry__RegistryEvent event = REGISTRY__REGISTRY_EVENT__INIT;
            event.source = "registry";
            event.seq = ++*seq;
            event.actor = "bench";
            event.topic = "registry.person.created";
            event.request_id = request_id;
            event.change_case = REGISTRY__REGISTRY_EVENT__CHANGE_PERSON;
            event.person = &person;
            size_t size;
            uint8_t *bytes = pps_arena_pack (arena, &event.base, &size);
            MDB_val key = { strlen (request_id), request_id }, data = { sizeof reply, reply };
            if ((rc = pps_store_put_id (child, persons, person.id, &person.base))
            ||  (rc = pps_eventlog_append (store, child, event.seq, bytes, size))
            ||  (rc = mdb_put (child, requests, &key, &data, 0))
            ||  (rc = mdb_txn_commit (child)))
                break;
        }
        pps_arena_reset (arena);
        int64_t before = bench_thread_written ();
        if (rc || mdb_txn_commit (txn))
            break;
        written += bench_thread_written () - before;
        bench_samples_add (samples, bench_now_ns () - begin);
    }
    bench_figure_set (figure, samples, commits, (double) (bench_now_ns () - start) / 1e9);
    figure->pages = commits ? (double) written / 4096.0 / (double) commits : 0;
    bench_samples_destroy (&samples);
    pps_arena_destroy (&arena);
}

//  The registry served in-process by the real pps_server actor, its
//  create_person handler wrapped to see how writes fall into batches.
static void
s_observed_batches (bench_t *self, const write_phase_t *reference)
{
    char *data_dir = zsys_sprintf ("%s/registry-inproc", self->work_dir);
    char *endpoint = zsys_sprintf ("ipc://%s/registry.ipc", data_dir);
    pps_config_t *config = s_config (data_dir);
    pps_service_t service = registry_service;
    pps_op_t *ops = malloc (service.op_count * sizeof (pps_op_t));
    assert (ops);
    memcpy (ops, registry_service.ops, service.op_count * sizeof (pps_op_t));
    for (size_t index = 0; index < service.op_count; index++)
        if (streq (ops [index].name, "create_person")) {
            s_real_create_person = ops [index].handler;
            ops [index].handler = s_observe_create_person;
        }
    service.ops = ops;
    s_observed = calloc (OBSERVED_MAX, sizeof (observation_t));
    s_observed_count = 0;
    assert (s_observed);
    zactor_t *server = pps_server_new (&service, config);
    bench_figure_t figure = { 0 };
    size_t failures = 0;
    if (server && s_create_region (endpoint, "44") == 0) {
        s_observed_count = 0;
        registry_arg_t arg = { .endpoint = endpoint, .region_code = "44", .phase = 900 };
        failures = bench_clients_run (BENCH_CLIENTS, self->phase_seconds, WRITE_MAX_OPS,
                                      s_registry_setup, s_write_call, s_registry_teardown,
                                      &arg, &figure, NULL);
    }
    else
        fprintf (stderr, "pps-bench: the in-process registry did not start\n");
    zactor_destroy (&server);

    //  Batches: runs of the same txn id
    size_t histogram [BENCH_CLIENTS + 2] = { 0 }, batches = 0;
    bench_samples_t *cycles = bench_samples_new (s_observed_count + 1);
    bench_samples_t *handlers = bench_samples_new (s_observed_count + 1);
    int64_t handler_sum = 0;
    for (size_t index = 0; index < s_observed_count; ) {
        size_t end = index;
        handler_sum = 0;
        while (end < s_observed_count && s_observed [end].txnid == s_observed [index].txnid)
            handler_sum += s_observed [end++].handler_ns;
        size_t size = end - index;
        histogram [size > BENCH_CLIENTS ? BENCH_CLIENTS + 1 : size]++;
        batches++;
        bench_samples_add (handlers, handler_sum);
        if (end < s_observed_count)
            bench_samples_add (cycles, s_observed [end].start_ns - s_observed [index].start_ns);
        index = end;
    }
    if (batches && failures == 0) {
        char result [256], baseline [128], ratio [96];
        size_t used = (size_t) snprintf (result, sizeof result, "%.0f writes/s; %.2f writes/commit; "
                                         "batches of 1..8:", figure.rate,
                                         (double) s_observed_count / (double) batches);
        for (size_t size = 1; size <= BENCH_CLIENTS && used < sizeof result; size++)
            used += (size_t) snprintf (result + used, sizeof result - used, " %.0f%%",
                                       100.0 * (double) histogram [size] / (double) batches);
        double ceiling = BENCH_CLIENTS * reference->raw.rate;
        snprintf (baseline, sizeof baseline, "ceiling %d x %.0f raw commits/s = %.0f/s",
                  BENCH_CLIENTS, reference->raw.rate, ceiling);
        snprintf (ratio, sizeof ratio, "%.2f of ceiling", figure.rate / ceiling);
        bench_row ("in-process pps_server (registry), 8 clients, batches observed", result,
                   figure.p50_us, figure.p99_us, baseline, ratio);
        double cycle = bench_samples_pct_us (cycles, 50);
        double handler = bench_samples_pct_us (handlers, 50);
        snprintf (result, sizeof result, "%.0f batches/s; per batch: handlers %.0f us (p50), "
                  "the rest (commit, replies, receive) %.0f us", (double) batches / figure.seconds,
                  handler, cycle - handler);
        snprintf (baseline, sizeof baseline, "raw commit p50 %.0f us", reference->raw.p50_us);
        snprintf (ratio, sizeof ratio, "cycle %.2f x raw commit", cycle / reference->raw.p50_us);
        bench_row ("group-commit cycle (first write of a batch to the next's)", result, cycle,
                   bench_samples_pct_us (cycles, 99), baseline, ratio);
        //  What LMDB alone costs for the registry's writes, and the ideal
        //  group commit that would follow: 8 writes in every commit
        char *shaped_path = zsys_sprintf ("%s/registry-shaped", self->work_dir);
        zsys_dir_create (shaped_path);
        pps_store_t *store = pps_store_open (shaped_path, (size_t) 1024 << 20,
                                             registry_service.databases,
                                             registry_service.schema_version);
        if (store) {
            uint64_t seq = 0;
            bench_figure_t one, eight, raw;
            size_t raw_commits = 0;
            double raw_seconds = 0;
            bench_samples_t *raw_samples = bench_samples_new (100000);
            bench_raw_commits (self, 1, 1.0, 100000, raw_samples, &raw_commits, &raw_seconds);
            bench_figure_set (&raw, raw_samples, raw_commits, raw_seconds);
            bench_samples_destroy (&raw_samples);
            s_shaped_commits (store, &seq, 1, 1.0, &one);
            s_shaped_commits (store, &seq, BENCH_CLIENTS, 1.0, &eight);
            snprintf (baseline, sizeof baseline, "raw 1 put/txn, measured next: %.0f commits/s, "
                      "p50 %.0f us", raw.rate, raw.p50_us);
            snprintf (result, sizeof result, "1 write/txn: %.0f commits/s, %.1f pages written "
                      "per commit; 8 writes/txn: %.0f commits/s = %.0f writes/s, %.1f pages "
                      "(p50/p99: 8 writes/txn)", one.rate, one.pages, eight.rate,
                      eight.rate * BENCH_CLIENTS, eight.pages);
            snprintf (ratio, sizeof ratio, "p50 %.2f x (1 write), %.2f x (8 writes)",
                      one.p50_us / raw.p50_us, eight.p50_us / raw.p50_us);
            bench_row ("registry-shaped durable commit, no runtime (nested txn, id, person, "
                       "event, reply)", result, eight.p50_us, eight.p99_us, baseline, ratio);
            //  The best a group commit of 8 synchronous clients could do
            //  with this disk: every commit full, no transport at all
            snprintf (result, sizeof result, "%.0f writes/s (the in-process row above)",
                      figure.rate);
            snprintf (baseline, sizeof baseline, "registry-shaped, 8 writes/txn, no runtime: "
                      "%.0f writes/s", eight.rate * BENCH_CLIENTS);
            snprintf (ratio, sizeof ratio, "%.2f of LMDB alone",
                      figure.rate / (eight.rate * BENCH_CLIENTS));
            bench_row ("pps_server, 8 clients, against LMDB alone doing the same writes 8 per "
                       "commit", result, figure.p50_us, figure.p99_us, baseline, ratio);
            //  The same work without the sync: what of it is CPU (a
            //  diagnosis only; the services never run unsynced)
            bench_figure_t one_cpu, eight_cpu;
            mdb_env_set_flags (pps_store_env (store), MDB_NOSYNC, 1);
            s_shaped_commits (store, &seq, 1, 0.5, &one_cpu);
            s_shaped_commits (store, &seq, BENCH_CLIENTS, 0.5, &eight_cpu);
            snprintf (result, sizeof result, "1 write/txn: p50 %.0f us; 8 writes/txn: p50 %.0f us "
                      "(p50/p99: 8 writes/txn)", one_cpu.p50_us, eight_cpu.p50_us);
            snprintf (baseline, sizeof baseline, "the durable 8 writes/txn above: p50 %.0f us",
                      eight.p50_us);
            snprintf (ratio, sizeof ratio, "CPU %.0f%% of the durable commit",
                      100.0 * eight_cpu.p50_us / eight.p50_us);
            bench_row ("same, MDB_NOSYNC (diagnosis only: the CPU part)", result,
                       eight_cpu.p50_us, eight_cpu.p99_us, baseline, ratio);
            pps_store_destroy (&store);
        }
        zstr_free (&shaped_path);
    }
    bench_samples_destroy (&cycles);
    bench_samples_destroy (&handlers);
    free (s_observed);
    s_observed = NULL;
    free (ops);
    pps_config_destroy (&config);
    zstr_free (&data_dir);
    zstr_free (&endpoint);
}

void
bench_registry (bench_t *self)
{
    bench_raw_zmq (self);
    bench_raw_lmdb (self);
    if (!self->have_zmq || !self->have_lmdb)
        return;
    char *data_dir = zsys_sprintf ("%s/registry", self->work_dir);
    char *program = zsys_sprintf ("%s/pps-registry", self->bin_dir);
    char *log_path = zsys_sprintf ("%s/registry.log", self->work_dir);
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *endpoint = zsys_sprintf ("ipc://%s/registry.ipc", data_dir);
    char *store_path = zsys_sprintf ("%s/registry", data_dir);
    zsys_dir_create (data_dir);
    const char *argv [] = { program, NULL };
    const char *env [] = { env_dir, NULL };
    bench_process_t registry = { 0 };
    MDB_env *txn_env = NULL;
    write_phase_t writes [2];
    bool written = false;
    if (bench_process_start (&registry, argv, env, log_path)
    ||  bench_wait_service (endpoint, 10000)
    ||  s_create_region (endpoint, "44")
    ||  !(txn_env = s_txnid_env (store_path))) {
        fprintf (stderr, "pps-bench: pps-registry did not start (see %s)\n", log_path);
        goto done;
    }
    registry_arg_t arg = { .endpoint = endpoint, .region_code = "44" };
    bench_figure_t reads [2];
    size_t read_failures [2];
    size_t clients [2] = { 1, BENCH_CLIENTS };
    for (int index = 0; index < 2; index++)
        s_write_phase (self, &arg, clients [index], txn_env, index + 1, &writes [index]);
    written = true;
    for (int index = 0; index < 2; index++) {
        arg.phase = 10 + index;
        read_failures [index] = bench_clients_run (clients [index], self->phase_seconds,
                                                   WRITE_MAX_OPS, s_registry_setup, s_read_call,
                                                   s_registry_teardown, &arg, &reads [index], NULL);
    }
    for (int index = 0; index < 2; index++) {
        write_phase_t *phase = &writes [index];
        double ceiling = (double) clients [index] * phase->raw.rate;
        double share = phase->writes.rate / ceiling;
        char measure [128], result [160], baseline [160], ratio [128];
        snprintf (measure, sizeof measure, "pps-registry create_person (durable), %zu client%s",
                  clients [index], index ? "s" : "");
        snprintf (result, sizeof result, "%.0f writes/s; %.2f writes per commit%s",
                  phase->writes.rate,
                  phase->commits ? (double) phase->writes.ops / (double) phase->commits : 0.0,
                  phase->failures ? "; FAILURES" : "");
        snprintf (baseline, sizeof baseline, "ceiling %zu x %.0f raw commits/s (interleaved, "
                  "p50 %.0f us) = %.0f/s", clients [index], phase->raw.rate, phase->raw.p50_us,
                  ceiling);
        if (index == 1)
            snprintf (ratio, sizeof ratio, "%.2f of ceiling (target >= 0.50: %s)", share,
                      share >= 0.5 ? "met" : "NOT met");
        else
            snprintf (ratio, sizeof ratio, "%.2f of ceiling", share);
        bench_row (measure, result, phase->writes.p50_us, phase->writes.p99_us, baseline, ratio);
    }
    for (int index = 0; index < 2; index++) {
        bench_figure_t *raw = &self->zmq_ipc [index];
        char measure [128], result [96], baseline [96], ratio [64];
        snprintf (measure, sizeof measure, "pps-registry get_person, %zu client%s", clients [index],
                  index ? "s" : "");
        snprintf (result, sizeof result, "%.0f reads/s%s", reads [index].rate,
                  read_failures [index] ? "; FAILURES" : "");
        snprintf (baseline, sizeof baseline, "raw ipc echo, %zu client%s: %.0f/s", clients [index],
                  index ? "s" : "", raw->rate);
        snprintf (ratio, sizeof ratio, "%.2f x raw", reads [index].rate / raw->rate);
        bench_row (measure, result, reads [index].p50_us, reads [index].p99_us, baseline, ratio);
    }
done:
    if (txn_env)
        mdb_env_close (txn_env);
    bench_process_stop (&registry);
    if (written)
        s_observed_batches (self, &writes [1]);
    zstr_free (&data_dir);
    zstr_free (&program);
    zstr_free (&log_path);
    zstr_free (&env_dir);
    zstr_free (&endpoint);
    zstr_free (&store_path);
}

//  ---------------------------------------------------------------- for the peers

struct bench_registry_s {
    bench_process_t process;
    MDB_env *txn_env;
    char *endpoint;
    registry_arg_t arg;
    int phase;
};

bench_registry_t *
bench_registry_new (bench_t *self, const char *name)
{
    bench_registry_t *registry = calloc (1, sizeof (bench_registry_t));
    assert (registry);
    char *data_dir = zsys_sprintf ("%s/%s", self->work_dir, name);
    char *program = zsys_sprintf ("%s/pps-registry", self->bin_dir);
    char *log_path = zsys_sprintf ("%s/%s.log", self->work_dir, name);
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *store_path = zsys_sprintf ("%s/registry", data_dir);
    registry->endpoint = zsys_sprintf ("ipc://%s/registry.ipc", data_dir);
    zsys_dir_create (data_dir);
    const char *argv [] = { program, NULL };
    const char *env [] = { env_dir, NULL };
    if (bench_process_start (&registry->process, argv, env, log_path)
    ||  bench_wait_service (registry->endpoint, 10000)
    ||  s_create_region (registry->endpoint, "44")
    ||  !(registry->txn_env = s_txnid_env (store_path))) {
        fprintf (stderr, "pps-bench: pps-registry did not start (see %s)\n", log_path);
        bench_registry_destroy (&registry);
    }
    else
        registry->arg = (registry_arg_t) { .endpoint = registry->endpoint, .region_code = "44" };
    zstr_free (&data_dir);
    zstr_free (&program);
    zstr_free (&log_path);
    zstr_free (&env_dir);
    zstr_free (&store_path);
    return registry;
}

void
bench_registry_destroy (bench_registry_t **self_p)
{
    bench_registry_t *self = *self_p;
    if (!self)
        return;
    if (self->txn_env)
        mdb_env_close (self->txn_env);
    bench_process_stop (&self->process);
    zstr_free (&self->endpoint);
    free (self);
    *self_p = NULL;
}

size_t
bench_registry_load (bench_registry_t *self, bool writes, size_t clients, double seconds,
                     bench_figure_t *figure, bench_samples_t *into)
{
    //  Request ids of reads must differ from phase to phase
    self->arg.phase = 1000 + self->phase++;
    if (!writes && self->arg.persons == 0) {
        memset (figure, 0, sizeof *figure);
        return 1;
    }
    size_t failures = bench_clients_run (clients, seconds, WRITE_MAX_OPS, s_registry_setup,
                                         writes ? s_write_call : s_read_call,
                                         s_registry_teardown, &self->arg, figure, into);
    if (writes)
        self->arg.persons += figure->ops;
    return failures;
}

uint64_t
bench_registry_commits (bench_registry_t *self)
{
    return s_txnid (self->txn_env);
}

pid_t
bench_registry_pid (bench_registry_t *self)
{
    return self->process.pid;
}

//  ---------------------------------------------------------------- subscriber

//  A subscriber's apply, wrapping the indicators' (or doing nothing), and
//  noting when each page of a catch-up was applied.
typedef struct {
    pps_store_t *store;               //  The subscriber's own store
    bool model;                       //  Apply into the read model, else nothing
    _Atomic uint64_t applied;         //  Events applied (committed or not)
    bench_samples_t *pages;           //  Time per CATCHUP_PAGE events
    int64_t page_start;
} apply_arg_t;

static int
s_apply (void *pointer, MDB_txn *txn, const char *source, uint64_t seq,
         const uint8_t *event, size_t size)
{
    apply_arg_t *self = pointer;
    int rc = self->model ? indicators_model_apply (self->store, txn, source, seq, event, size) : 0;
    uint64_t count = atomic_fetch_add (&self->applied, 1) + 1;
    if (self->pages && count % CATCHUP_PAGE == 0) {
        int64_t now = bench_now_ns ();
        bench_samples_add (self->pages, now - self->page_start);
        self->page_start = now;
    }
    return rc;
}

//  A config whose endpoints are the ipc defaults under data_dir.
static pps_config_t *
s_config (const char *data_dir)
{
    pps_config_t *config = pps_config_load (NULL);
    pps_config_set (config, "region/data_dir", data_dir);
    return config;
}

static uint64_t
s_applied (pps_store_t *store, const char *source)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn))
        return 0;
    uint64_t seq = pps_subscriber_applied (store, txn, source);
    mdb_txn_abort (txn);
    return seq;
}

//  ---------------------------------------------------------------- end to end

//  The registry seq the indicators' read model has applied, from model_status.
static uint64_t
s_model_applied (pps_client_t *client, pps_arena_t *arena)
{
    Indicators__ModelQuery query = INDICATORS__MODEL_QUERY__INIT;
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    char request_id [40];
    static _Atomic uint64_t counter;
    snprintf (request_id, sizeof request_id, "model-%llu",
              (unsigned long long) atomic_fetch_add (&counter, 1));
    request.request_id = request_id;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_MODEL_STATUS;
    request.model_status = &query;
    ProtobufCMessage *reply = NULL;
    uint64_t seq = 0;
    if (pps_client_call (client, &request.base, &indicators__indicators_reply__descriptor,
                         arena, &reply) == 0) {
        Indicators__ModelStatus *model = ((Indicators__IndicatorsReply *) reply)->model;
        for (size_t index = 0; model && index < model->n_sources; index++)
            if (streq (model->sources [index]->source, "registry"))
                seq = model->sources [index]->applied_seq;
    }
    pps_arena_reset (arena);
    return seq;
}

void
bench_end_to_end (bench_t *self)
{
    bench_raw_zmq (self);
    bench_raw_lmdb (self);
    if (!self->have_zmq || !self->have_lmdb)
        return;
    char *data_dir = zsys_sprintf ("%s/region-e2e", self->work_dir);
    char *sub_dir = zsys_sprintf ("%s/e2e-subscriber", self->work_dir);
    char *program = zsys_sprintf ("%s/pps-region", self->bin_dir);
    char *log_path = zsys_sprintf ("%s/region-e2e.log", self->work_dir);
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *registry_endpoint = zsys_sprintf ("ipc://%s/registry.ipc", data_dir);
    char *indicators_endpoint = zsys_sprintf ("ipc://%s/indicators.ipc", data_dir);
    zsys_dir_create (data_dir);
    zsys_dir_create (sub_dir);
    const char *argv [] = { program, NULL };
    const char *env [] = { env_dir, NULL };
    bench_process_t region = { 0 };
    pps_config_t *config = s_config (data_dir);
    const char *sources [] = { "registry", NULL };
    pps_store_t *store = NULL;
    pps_subscriber_t *subscriber = NULL;
    pps_client_t *writer = NULL, *indicators = NULL;
    pps_arena_t *arena = pps_arena_new ();
    bench_samples_t *writes = bench_samples_new (2 * E2E_SAMPLES);
    bench_samples_t *via_model = bench_samples_new (E2E_SAMPLES);
    bench_samples_t *via_subscriber = bench_samples_new (E2E_SAMPLES);
    bench_samples_t *raw = bench_samples_new (2 * E2E_SAMPLES);
    bench_samples_t *polls = bench_samples_new (100 * E2E_SAMPLES);
    bench_samples_t *idle_polls = bench_samples_new (E2E_IDLE_CALLS);
    apply_arg_t apply = { 0 };
    if (bench_process_start (&region, argv, env, log_path)
    ||  !bench_process_wait_log (&region, "ready", REGION_READY_MS)
    ||  bench_wait_service (registry_endpoint, 10000)
    ||  bench_wait_service (indicators_endpoint, 10000)
    ||  s_create_region (registry_endpoint, "32")) {
        fprintf (stderr, "pps-bench: pps-region did not start (see %s)\n", log_path);
        goto done;
    }
    store = pps_store_open (sub_dir, (size_t) 256 << 20, indicators_service.databases,
                            indicators_service.schema_version);
    apply.store = store;
    apply.model = true;
    subscriber = store ? pps_subscriber_new (config, store, sources, s_apply, &apply) : NULL;
    writer = pps_client_new (registry_endpoint, CLIENT_TIMEOUT_MS, 1);
    indicators = pps_client_new (indicators_endpoint, CLIENT_TIMEOUT_MS, 1);
    if (!subscriber || pps_subscriber_sync (subscriber, 10000)) {
        fprintf (stderr, "pps-bench: the bench's subscriber did not start\n");
        goto done;
    }
    //  model_status alone, nothing being written
    for (size_t call = 0; call < E2E_IDLE_CALLS; call++) {
        int64_t asked = bench_now_ns ();
        s_model_applied (indicators, arena);
        bench_samples_add (idle_polls, bench_now_ns () - asked);
    }
    uint64_t seq = s_last_seq (writer, arena);
    registry_arg_t arg = { .endpoint = registry_endpoint, .region_code = "32", .phase = 20 };
    registry_client_t *client = s_registry_setup (&arg, 0);
    size_t timeouts = 0;
    //  (a) until model_status shows it, (b) until the bench's subscriber committed it
    for (int variant = 0; variant < 2; variant++) {
        for (size_t sample = 0; sample < E2E_SAMPLES; sample++) {
            int64_t start = bench_now_ns ();
            if (s_write_call (client, (size_t) variant, sample))
                break;
            int64_t replied = bench_now_ns ();
            bench_samples_add (writes, replied - start);
            seq++;
            bool applied = false;
            while (!applied && bench_now_ns () - replied < (int64_t) E2E_WAIT_MS * 1000000) {
                if (variant == 0) {
                    int64_t asked = bench_now_ns ();
                    applied = s_model_applied (indicators, arena) >= seq;
                    bench_samples_add (polls, bench_now_ns () - asked);
                }
                else {
                    applied = s_applied (store, "registry") >= seq;
                    if (!applied)
                        sched_yield ();
                }
            }
            if (applied)
                bench_samples_add (variant ? via_subscriber : via_model, bench_now_ns () - replied);
            else
                timeouts++;
            //  The floor is measured between the samples, on the same disk
            size_t commits = 0;
            double seconds = 0;
            bench_raw_commits (self, 1, 1.0, 1, raw, &commits, &seconds);
        }
    }
    s_registry_teardown (client);

    double floor_us = bench_samples_pct_us (raw, 50) + self->zmq_ipc [0].p50_us;
    char baseline [160], ratio [64], result [96];
    snprintf (baseline, sizeof baseline, "floor: 1 raw commit (interleaved, p50 %.0f us) + 1 raw "
              "ipc round trip (%.0f us) = %.0f us", bench_samples_pct_us (raw, 50),
              self->zmq_ipc [0].p50_us, floor_us);
    double write_p50 = bench_samples_pct_us (writes, 50), write_p99 = bench_samples_pct_us (writes, 99);
    double model_p50 = bench_samples_pct_us (via_model, 50), model_p99 = bench_samples_pct_us (via_model, 99);
    double sub_p50 = bench_samples_pct_us (via_subscriber, 50), sub_p99 = bench_samples_pct_us (via_subscriber, 99);
    snprintf (result, sizeof result, "%zu writes, 1 client", writes->count);
    snprintf (ratio, sizeof ratio, "%.2f x floor", write_p50 / floor_us);
    bench_row ("pps-region: create_person until its reply (the write itself)", result,
               write_p50, write_p99, baseline, ratio);
    snprintf (result, sizeof result, "%zu samples%s", via_model->count,
              timeouts ? " (some timed out)" : "");
    snprintf (ratio, sizeof ratio, "%.2f x floor", model_p50 / floor_us);
    bench_row ("write reply -> indicators model_status shows it applied", result,
               model_p50, model_p99, baseline, ratio);
    snprintf (result, sizeof result, "%zu calls while waiting", polls->count);
    snprintf (ratio, sizeof ratio, "%.2f x raw ipc round trip",
              bench_samples_pct_us (polls, 50) / self->zmq_ipc [0].p50_us);
    snprintf (baseline, sizeof baseline, "raw ipc round trip, 1 client: %.0f us",
              self->zmq_ipc [0].p50_us);
    bench_row ("one indicators model_status call (asks the 4 sources' status), while the "
               "write is being applied", result,
               bench_samples_pct_us (polls, 50), bench_samples_pct_us (polls, 99), baseline, ratio);
    snprintf (result, sizeof result, "%zu calls, nothing written", idle_polls->count);
    snprintf (ratio, sizeof ratio, "%.2f x raw ipc round trip",
              bench_samples_pct_us (idle_polls, 50) / self->zmq_ipc [0].p50_us);
    bench_row ("same call, idle region", result, bench_samples_pct_us (idle_polls, 50),
               bench_samples_pct_us (idle_polls, 99), baseline, ratio);
    snprintf (baseline, sizeof baseline, "floor: 1 raw commit (interleaved, p50 %.0f us) + 1 raw "
              "ipc round trip (%.0f us) = %.0f us", bench_samples_pct_us (raw, 50),
              self->zmq_ipc [0].p50_us, floor_us);
    snprintf (result, sizeof result, "%zu samples", via_subscriber->count);
    snprintf (ratio, sizeof ratio, "%.2f x floor", sub_p50 / floor_us);
    bench_row ("write reply -> pps_subscriber (indicators_model_apply) committed it", result,
               sub_p50, sub_p99, baseline, ratio);
done:
    pps_client_destroy (&writer);
    pps_client_destroy (&indicators);
    pps_subscriber_destroy (&subscriber);
    pps_store_destroy (&store);
    pps_config_destroy (&config);
    bench_process_stop (&region);
    bench_samples_destroy (&writes);
    bench_samples_destroy (&via_model);
    bench_samples_destroy (&via_subscriber);
    bench_samples_destroy (&raw);
    bench_samples_destroy (&polls);
    bench_samples_destroy (&idle_polls);
    pps_arena_destroy (&arena);
    zstr_free (&data_dir);
    zstr_free (&sub_dir);
    zstr_free (&program);
    zstr_free (&log_path);
    zstr_free (&env_dir);
    zstr_free (&registry_endpoint);
    zstr_free (&indicators_endpoint);
}

//  ---------------------------------------------------------------- catch-up

//  Write count person.created events into a registry store at path, as the
//  registry's handlers would log them. Returns 0 or -1.
static int
s_generate_events (const char *path, size_t count)
{
    pps_store_t *store = pps_store_open (path, (size_t) 2048 << 20, registry_service.databases,
                                         registry_service.schema_version);
    if (!store)
        return -1;
    pps_arena_t *arena = pps_arena_new ();
    int rc = 0;
    uint64_t seq = 0;
    int64_t now_ms = zclock_time ();
    while (rc == 0 && seq < count) {
        MDB_txn *txn;
        if ((rc = mdb_txn_begin (pps_store_env (store), NULL, 0, &txn)))
            break;
        for (size_t index = 0; rc == 0 && index < GENERATE_PER_TXN && seq < count; index++) {
            seq++;
            char name [48], request_id [48];
            snprintf (name, sizeof name, "Personne %llu", (unsigned long long) seq);
            snprintf (request_id, sizeof request_id, "generated-%llu", (unsigned long long) seq);
            Registry__Person person = REGISTRY__PERSON__INIT;
            person.id = seq;
            person.full_name = name;
            person.organisation = "USMP (banc d'essai)";
            person.role_title = "infirmier";
            person.work_email = "referent@example.org";
            person.region_code = "44";
            person.category = REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROFESSIONAL;
            Registry__RegistryEvent event = REGISTRY__REGISTRY_EVENT__INIT;
            event.source = "registry";
            event.seq = seq;
            event.time_ms = now_ms;
            event.actor = "bench";
            event.topic = "registry.person.created";
            event.request_id = request_id;
            event.change_case = REGISTRY__REGISTRY_EVENT__CHANGE_PERSON;
            event.person = &person;
            size_t size;
            uint8_t *bytes = pps_arena_pack (arena, &event.base, &size);
            rc = pps_eventlog_append (store, txn, seq, bytes, size);
        }
        pps_arena_reset (arena);
        if (rc)
            mdb_txn_abort (txn);
        else
            rc = mdb_txn_commit (txn);
    }
    pps_arena_destroy (&arena);
    pps_store_destroy (&store);
    return rc ? -1 : 0;
}

//  Replay everything the registry at data_dir has into a fresh store at
//  sub_path; returns the seconds it took (0 on failure), pages timed.
static double
s_replay (const char *data_dir, const char *sub_path, bool model, size_t count,
          bench_samples_t *pages)
{
    pps_config_t *config = s_config (data_dir);
    pps_store_t *store = pps_store_open (sub_path, (size_t) 2048 << 20,
                                         indicators_service.databases,
                                         indicators_service.schema_version);
    const char *sources [] = { "registry", NULL };
    apply_arg_t apply = { .store = store, .model = model, .pages = pages };
    double seconds = 0;
    if (store) {
        int64_t start = bench_now_ns ();
        apply.page_start = start;
        pps_subscriber_t *subscriber = pps_subscriber_new (config, store, sources, s_apply, &apply);
        //  The subscriber catches up as it starts; SYNC returns once it has
        if (subscriber && pps_subscriber_sync (subscriber, CATCHUP_TIMEOUT_MS) == 0
        &&  s_applied (store, "registry") >= count)
            seconds = (double) (bench_now_ns () - start) / 1e9;
        pps_subscriber_destroy (&subscriber);
    }
    pps_store_destroy (&store);
    pps_config_destroy (&config);
    return seconds;
}

void
bench_catchup (bench_t *self)
{
    bench_raw_lmdb (self);
    if (!self->have_lmdb)
        return;
    size_t count = self->catchup_events;
    char *data_dir = zsys_sprintf ("%s/catchup", self->work_dir);
    char *store_path = zsys_sprintf ("%s/registry", data_dir);
    char *model_path = zsys_sprintf ("%s/catchup-model", self->work_dir);
    char *noop_path = zsys_sprintf ("%s/catchup-noop", self->work_dir);
    char *program = zsys_sprintf ("%s/pps-registry", self->bin_dir);
    char *log_path = zsys_sprintf ("%s/catchup-registry.log", self->work_dir);
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *endpoint = zsys_sprintf ("ipc://%s/registry.ipc", data_dir);
    const char *argv [] = { program, NULL };
    const char *env [] = { env_dir, "PPS_REGISTRY_MAP_MB=2048", NULL };
    bench_process_t registry = { 0 };
    bench_samples_t *model_pages = bench_samples_new (count / CATCHUP_PAGE + 1);
    bench_samples_t *noop_pages = bench_samples_new (count / CATCHUP_PAGE + 1);
    zsys_dir_create (store_path);
    zsys_dir_create (model_path);
    zsys_dir_create (noop_path);
    int64_t start = bench_now_ns ();
    if (s_generate_events (store_path, count)) {
        fprintf (stderr, "pps-bench: cannot write the events into %s\n", store_path);
        goto done;
    }
    double generate_s = (double) (bench_now_ns () - start) / 1e9;
    if (bench_process_start (&registry, argv, env, log_path)
    ||  bench_wait_service (endpoint, 20000)) {
        fprintf (stderr, "pps-bench: pps-registry did not start (see %s)\n", log_path);
        goto done;
    }
    //  Raw bulk commits just before and after each replay, on the same disk
    size_t raw_commits = 0;
    double raw_seconds = 0;
    bench_raw_commits (self, CATCHUP_PAGE, 30, RAW_BULK_COMMITS, NULL, &raw_commits, &raw_seconds);
    double model_s = s_replay (data_dir, model_path, true, count, model_pages);
    bench_raw_commits (self, CATCHUP_PAGE, 30, RAW_BULK_COMMITS, NULL, &raw_commits, &raw_seconds);
    double noop_s = s_replay (data_dir, noop_path, false, count, noop_pages);
    bench_raw_commits (self, CATCHUP_PAGE, 30, RAW_BULK_COMMITS, NULL, &raw_commits, &raw_seconds);
    double raw = (double) raw_commits * CATCHUP_PAGE / raw_seconds;
    char measure [160], result [128], baseline [128], ratio [64];
    snprintf (baseline, sizeof baseline, "raw LMDB puts, 10,000 per durable txn (interleaved): "
              "%.0f/s", raw);
    snprintf (measure, sizeof measure, "catch-up of %zu events, pps_subscriber + indicators_model_apply "
              "(p50/p99: per 10,000-event page)", count);
    if (model_s > 0) {
        snprintf (result, sizeof result, "%.0f events/s (%.1f s)", (double) count / model_s, model_s);
        snprintf (ratio, sizeof ratio, "%.2f x raw", (double) count / model_s / raw);
    }
    else
        snprintf (result, sizeof result, "FAILED"), snprintf (ratio, sizeof ratio, "-");
    bench_row (measure, result, bench_samples_pct_us (model_pages, 50),
               bench_samples_pct_us (model_pages, 99), baseline, ratio);
    snprintf (measure, sizeof measure, "same catch-up, apply does nothing (EventsSince + commits only; "
              "events written in %.1f s)", generate_s);
    if (noop_s > 0) {
        snprintf (result, sizeof result, "%.0f events/s (%.1f s)", (double) count / noop_s, noop_s);
        snprintf (ratio, sizeof ratio, "%.2f x raw", (double) count / noop_s / raw);
    }
    else
        snprintf (result, sizeof result, "FAILED"), snprintf (ratio, sizeof ratio, "-");
    bench_row (measure, result, bench_samples_pct_us (noop_pages, 50),
               bench_samples_pct_us (noop_pages, 99), baseline, ratio);
done:
    bench_process_stop (&registry);
    bench_samples_destroy (&model_pages);
    bench_samples_destroy (&noop_pages);
    zstr_free (&data_dir);
    zstr_free (&store_path);
    zstr_free (&model_path);
    zstr_free (&noop_path);
    zstr_free (&program);
    zstr_free (&log_path);
    zstr_free (&env_dir);
    zstr_free (&endpoint);
}

//  ---------------------------------------------------------------- memory

//  Start pps-region (with the sample or not), wait until it is ready and
//  its read model has caught up, and read its memory. Returns 0 or -1.
static int
s_region_memory (bench_t *self, bool sample, long *rss_p, long *peak_p, uint64_t *disk_p)
{
    const char *name = sample ? "region-sample" : "region-empty";
    char *data_dir = zsys_sprintf ("%s/%s", self->work_dir, name);
    char *program = zsys_sprintf ("%s/pps-region", self->bin_dir);
    char *log_path = zsys_sprintf ("%s/%s.log", self->work_dir, name);
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *indicators_endpoint = zsys_sprintf ("ipc://%s/indicators.ipc", data_dir);
    zsys_dir_create (data_dir);
    const char *plain [] = { program, NULL };
    const char *with_sample [] = { program, "--sample", "--csv", self->csv_path, NULL };
    const char *env [] = { env_dir, NULL };
    bench_process_t region = { 0 };
    int rc = -1;
    if (bench_process_start (&region, sample ? with_sample : plain, env, log_path) == 0
    &&  bench_process_wait_log (&region, "ready", REGION_READY_MS)) {
        //  Let the read model catch up with what the sample wrote
        pps_client_t *client = pps_client_new (indicators_endpoint, CLIENT_TIMEOUT_MS, 1);
        pps_arena_t *arena = pps_arena_new ();
        for (int attempt = 0; attempt < 100; attempt++) {
            Indicators__ModelQuery query = INDICATORS__MODEL_QUERY__INIT;
            Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
            char request_id [33];
            request.request_id = pps_client_new_request_id (request_id);
            request.op_case = INDICATORS__INDICATORS_REQUEST__OP_MODEL_STATUS;
            request.model_status = &query;
            ProtobufCMessage *reply = NULL;
            uint64_t lag = 1;
            if (pps_client_call (client, &request.base, &indicators__indicators_reply__descriptor,
                                 arena, &reply) == 0
            &&  ((Indicators__IndicatorsReply *) reply)->model) {
                Indicators__ModelStatus *model = ((Indicators__IndicatorsReply *) reply)->model;
                lag = 0;
                for (size_t index = 0; index < model->n_sources; index++)
                    lag += model->sources [index]->lag;
            }
            pps_arena_reset (arena);
            if (lag == 0)
                break;
            zclock_sleep (100);
        }
        pps_arena_destroy (&arena);
        pps_client_destroy (&client);
        zclock_sleep (500);
        *rss_p = bench_process_status_kib (region.pid, "VmRSS");
        *peak_p = bench_process_status_kib (region.pid, "VmHWM");
        *disk_p = bench_tree_bytes (data_dir);
        rc = *rss_p > 0 ? 0 : -1;
    }
    else
        fprintf (stderr, "pps-bench: pps-region did not get ready (see %s)\n", log_path);
    bench_process_stop (&region);
    zstr_free (&data_dir);
    zstr_free (&program);
    zstr_free (&log_path);
    zstr_free (&env_dir);
    zstr_free (&indicators_endpoint);
    return rc;
}

void
bench_rss (bench_t *self)
{
    long empty_rss = 0, empty_peak = 0, sample_rss = 0, sample_peak = 0;
    uint64_t empty_disk = 0, sample_disk = 0;
    if (s_region_memory (self, false, &empty_rss, &empty_peak, &empty_disk)
    ||  s_region_memory (self, true, &sample_rss, &sample_peak, &sample_disk))
        return;
    char result [160], baseline [128], ratio [64];
    snprintf (result, sizeof result, "VmRSS %.1f MiB (peak %.1f MiB); LMDB on disk %.1f MiB",
              sample_rss / 1024.0, sample_peak / 1024.0, (double) sample_disk / 1048576.0);
    snprintf (baseline, sizeof baseline, "same, empty region: %.1f MiB (peak %.1f MiB)",
              empty_rss / 1024.0, empty_peak / 1024.0);
    snprintf (ratio, sizeof ratio, "%.2f x empty", (double) sample_rss / (double) empty_rss);
    bench_row ("resident memory, pps-region --sample (6 services, 1 process)", result, 0, 0,
               baseline, ratio);
}
