/*  bench_pg: PostgreSQL beside pps-registry, the same writes and reads.

    - Durable writes: create_person's logical write, in PostgreSQL as a
      PostgreSQL-based application would send it: BEGIN; INSERT the person
      (RETURNING its id); INSERT its event (topic, the person's id, a JSON
      payload); INSERT the request id with its reply; COMMIT; the five
      statements prepared once per connection and sent in one round trip in
      libpq's pipeline mode, then read back. Default durability (fsync on,
      synchronous_commit on): a COMMIT returns once its WAL is flushed.
      pps: pps-registry create_person (durable, replied after its commit).
    - Reads by id: a prepared SELECT of one person by primary key; pps:
      get_person.
    - Each client a thread with its own connection (libpq over the unix
      socket; pps_client over ipc://), synchronous. A phase alternates
      WRITE_ROUNDS slices of pps and of PostgreSQL, so both see the disk and
      the machine at the same times.
    - Writes per commit (pps: its LMDB last txnid) against commits per WAL
      flush (PostgreSQL: pg_stat_wal.wal_sync over the phase).
    - Memory: sampled in the middle of the 8-client read slices: the
      registry's Pss and VmRSS, the cluster's Pss summed over the
      postmaster and its children (smaps_rollup).
*/
#include "peers/postgresql/bench_pg.h"
#include "pps_client.h"

#include <dirent.h>
#include <inttypes.h>
#include <pthread.h>

#define PG_ROUNDS       3         //  pps and PostgreSQL slices of a phase
#define PG_MAX_OPS      100000    //  Per client thread and slice
#define PG_PORT         "5432"    //  Only names the socket: no TCP

//  ---------------------------------------------------------------- helpers

PGconn *
bench_pg_connect (const bench_t *self, const char *options)
{
    const char *keys [] = { "host", "port", "dbname", "user", "options", NULL };
    //  No NOTICE in the log (DROP ... IF EXISTS)
    char all [256];
    snprintf (all, sizeof all, "-c client_min_messages=warning %s", options ? options : "");
    const char *values [] = { self->peer_pg, PG_PORT, "postgres", "postgres", all, NULL };
    PGconn *conn = PQconnectdbParams (keys, values, 0);
    if (!conn || PQstatus (conn) != CONNECTION_OK) {
        fprintf (stderr, "pps-bench: PostgreSQL at %s: %s", self->peer_pg,
                 conn ? PQerrorMessage (conn) : "out of memory\n");
        PQfinish (conn);
        return NULL;
    }
    return conn;
}

int
bench_pg_exec (PGconn *conn, const char *sql)
{
    PGresult *result = PQexec (conn, sql);
    ExecStatusType status = PQresultStatus (result);
    int rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? 0 : -1;
    if (rc)
        fprintf (stderr, "pps-bench: PostgreSQL: %s(in: %.200s)\n", PQerrorMessage (conn), sql);
    PQclear (result);
    return rc;
}

//  One integer from a one-row query, -1 on error.
static int64_t
s_pg_int (PGconn *conn, const char *sql)
{
    PGresult *result = PQexec (conn, sql);
    int64_t value = -1;
    if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1
    &&  !PQgetisnull (result, 0, 0))
        value = strtoll (PQgetvalue (result, 0, 0), NULL, 10);
    else
        fprintf (stderr, "pps-bench: PostgreSQL: %s", PQerrorMessage (conn));
    PQclear (result);
    return value;
}

//  ---------------------------------------------------------------- clients

typedef struct {
    const bench_t *bench;
    bool writes;
    int64_t persons;              //  Persons that exist (ids 1..persons), for reads
} pg_arg_t;

typedef struct {
    pg_arg_t *arg;
    PGconn *conn;
    char request_id [64];
    char name [64];
    char payload [512];
    char category [8];
} pg_client_t;

static const char *const s_person_sql =
    "INSERT INTO person (full_name, organisation, role_title, work_email, work_phone, "
    "region_code, category) VALUES ($1, $2, $3, $4, $5, $6, $7::int) RETURNING id";
static const char *const s_event_sql =
    "INSERT INTO event (topic, entity_id, payload) "
    "VALUES ('registry.person.created', currval('person_id_seq'), $1::jsonb)";
static const char *const s_request_sql =
    "INSERT INTO request (request_id, reply) "
    "VALUES ($1, jsonb_build_object('code', 'OK', 'id', currval('person_id_seq')))";
static const char *const s_get_sql =
    "SELECT id, full_name, organisation, role_title, work_email, work_phone, region_code, "
    "category FROM person WHERE id = $1::bigint";

static int
s_prepare (PGconn *conn, const char *name, const char *sql)
{
    PGresult *result = PQprepare (conn, name, sql, 0, NULL);
    int rc = PQresultStatus (result) == PGRES_COMMAND_OK ? 0 : -1;
    if (rc)
        fprintf (stderr, "pps-bench: PostgreSQL prepare %s: %s", name, PQerrorMessage (conn));
    PQclear (result);
    return rc;
}

static void *
s_pg_setup (void *pointer, size_t thread)
{
    pg_arg_t *arg = pointer;
    pg_client_t *self = calloc (1, sizeof (pg_client_t));
    assert (self);
    self->arg = arg;
    self->conn = bench_pg_connect (arg->bench, NULL);
    snprintf (self->category, sizeof self->category, "%d", 1);
    if (self->conn) {
        bool ok = arg->writes
                ? s_prepare (self->conn, "person", s_person_sql) == 0
                  && s_prepare (self->conn, "event", s_event_sql) == 0
                  && s_prepare (self->conn, "request", s_request_sql) == 0
                  && PQenterPipelineMode (self->conn) == 1
                : s_prepare (self->conn, "get", s_get_sql) == 0;
        if (!ok) {
            PQfinish (self->conn);
            self->conn = NULL;
        }
    }
    (void) thread;
    return self;
}

//  Read one query's result in pipeline mode: true when it succeeded.
static bool
s_pipeline_result (PGconn *conn)
{
    PGresult *result = PQgetResult (conn);
    ExecStatusType status = PQresultStatus (result);
    bool ok = result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK);
    PQclear (result);
    //  Each query's results end with a NULL
    while ((result = PQgetResult (conn)) != NULL) {
        ok = false;
        PQclear (result);
    }
    return ok;
}

static int
s_pg_write (void *pointer, size_t thread, size_t sequence)
{
    pg_client_t *self = pointer;
    if (!self->conn)
        return -1;
    PGconn *conn = self->conn;
    //  The same request ids, names and fields as the registry's clients
    pps_client_new_request_id (self->request_id);
    snprintf (self->name, sizeof self->name, "Personne %zu-%zu", thread, sequence);
    snprintf (self->payload, sizeof self->payload,
              "{\"full_name\": \"%s\", \"organisation\": \"USMP (banc d'essai)\", "
              "\"role_title\": \"infirmier\", \"work_email\": \"referent@example.org\", "
              "\"work_phone\": \"+33 3 00 00 00 00\", \"region_code\": \"44\", "
              "\"category\": \"HEALTH_PROFESSIONAL\"}", self->name);
    const char *person [] = { self->name, "USMP (banc d'essai)", "infirmier",
                              "referent@example.org", "+33 3 00 00 00 00", "44",
                              self->category };
    const char *event [] = { self->payload };
    const char *request [] = { self->request_id };
    bool sent = PQsendQueryParams (conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0)
             && PQsendQueryPrepared (conn, "person", 7, person, NULL, NULL, 0)
             && PQsendQueryPrepared (conn, "event", 1, event, NULL, NULL, 0)
             && PQsendQueryPrepared (conn, "request", 1, request, NULL, NULL, 0)
             && PQsendQueryParams (conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0)
             && PQpipelineSync (conn)
             && PQflush (conn) == 0;
    if (!sent)
        return -1;
    bool ok = true;
    for (int query = 0; query < 5; query++)
        ok &= s_pipeline_result (conn);
    PGresult *result = PQgetResult (conn);
    ok &= PQresultStatus (result) == PGRES_PIPELINE_SYNC;
    PQclear (result);
    return ok ? 0 : -1;
}

static int
s_pg_read (void *pointer, size_t thread, size_t sequence)
{
    pg_client_t *self = pointer;
    if (!self->conn || self->arg->persons <= 0)
        return -1;
    //  The same ids as the registry's readers
    char id [32];
    snprintf (id, sizeof id, "%" PRIu64,
              (uint64_t) (1 + (sequence * 7919 + thread * 104729) % (uint64_t) self->arg->persons));
    const char *values [] = { id };
    PGresult *result = PQexecPrepared (self->conn, "get", 1, values, NULL, NULL, 0);
    int rc = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 ? 0 : -1;
    PQclear (result);
    return rc;
}

static void
s_pg_teardown (void *pointer)
{
    pg_client_t *self = pointer;
    PQfinish (self->conn);
    free (self);
}

//  ---------------------------------------------------------------- memory

//  Pss of a process in KiB (smaps_rollup), 0 when unknown.
static long
s_pss_kib (pid_t pid)
{
    char path [64], line [256];
    snprintf (path, sizeof path, "/proc/%d/smaps_rollup", (int) pid);
    FILE *file = fopen (path, "r");
    long kib = 0;
    if (!file)
        return 0;
    while (fgets (line, sizeof line, file))
        if (strncmp (line, "Pss:", 4) == 0) {
            kib = strtol (line + 4, NULL, 10);
            break;
        }
    fclose (file);
    return kib;
}

//  The postmaster's pid: the first line of the socket's lock file.
static pid_t
s_postmaster (const bench_t *self)
{
    char path [4096];
    snprintf (path, sizeof path, "%s/.s.PGSQL.%s.lock", self->peer_pg, PG_PORT);
    FILE *file = fopen (path, "r");
    long pid = 0;
    if (file) {
        if (fscanf (file, "%ld", &pid) != 1)
            pid = 0;
        fclose (file);
    }
    return (pid_t) pid;
}

//  Pss of the postmaster and its children, and how many processes.
static long
s_cluster_pss_kib (pid_t postmaster, int *processes_p)
{
    long total = s_pss_kib (postmaster);
    int processes = 1;
    DIR *proc = opendir ("/proc");
    struct dirent *entry;
    while (proc && (entry = readdir (proc)) != NULL) {
        pid_t pid = (pid_t) atol (entry->d_name);
        if (pid <= 0)
            continue;
        char path [64], line [256];
        snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
        FILE *file = fopen (path, "r");
        if (!file)
            continue;
        long parent = 0;
        while (fgets (line, sizeof line, file))
            if (strncmp (line, "PPid:", 5) == 0) {
                parent = strtol (line + 5, NULL, 10);
                break;
            }
        fclose (file);
        if (parent == postmaster) {
            total += s_pss_kib (pid);
            processes++;
        }
    }
    if (proc)
        closedir (proc);
    *processes_p = processes;
    return total;
}

//  Samples memory once, in the middle of a slice.
typedef struct {
    pthread_t thread;
    double delay;                 //  Seconds
    pid_t registry;               //  Sample this registry, else the cluster
    pid_t postmaster;
    long pss_kib;
    long rss_kib;
    int processes;
} sampler_t;

static void *
s_sampler (void *pointer)
{
    sampler_t *self = pointer;
    struct timespec pause = { (time_t) self->delay,
                              (long) ((self->delay - (double) (time_t) self->delay) * 1e9) };
    nanosleep (&pause, NULL);
    if (self->registry) {
        self->pss_kib = s_pss_kib (self->registry);
        self->rss_kib = bench_process_status_kib (self->registry, "VmRSS");
        self->processes = 1;
    }
    else
        self->pss_kib = s_cluster_pss_kib (self->postmaster, &self->processes);
    return NULL;
}

//  ---------------------------------------------------------------- phases

//  One phase: slices of pps and PostgreSQL alternated.
typedef struct {
    bench_figure_t pps;
    bench_figure_t pg;
    uint64_t pps_commits;
    int64_t pg_flushes;           //  pg_stat_wal.wal_sync over the phase, -1 unknown
    size_t pps_failures;
    size_t pg_failures;
    sampler_t pps_memory;
    sampler_t pg_memory;
} pair_t;

static void
s_pair (bench_t *self, bench_registry_t *registry, PGconn *control, pg_arg_t *arg,
        bool writes, size_t clients, bool sample, pair_t *out)
{
    double slice = self->phase_seconds / PG_ROUNDS;
    bench_samples_t *pps = bench_samples_new (clients * PG_MAX_OPS * PG_ROUNDS);
    bench_samples_t *pg = bench_samples_new (clients * PG_MAX_OPS * PG_ROUNDS);
    size_t pps_ops = 0, pg_ops = 0;
    double pps_seconds = 0, pg_seconds = 0;
    memset (out, 0, sizeof *out);
    arg->writes = writes;
    int64_t flushes = s_pg_int (control, "SELECT wal_sync FROM pg_stat_wal");
    for (int round = 0; round < PG_ROUNDS; round++) {
        bench_figure_t figure;
        bool sampled = sample && round == PG_ROUNDS - 1;
        uint64_t before = bench_registry_commits (registry);
        if (sampled) {
            out->pps_memory = (sampler_t) { .delay = slice / 2,
                                            .registry = bench_registry_pid (registry) };
            pthread_create (&out->pps_memory.thread, NULL, s_sampler, &out->pps_memory);
        }
        out->pps_failures += bench_registry_load (registry, writes, clients, slice, &figure, pps);
        if (sampled)
            pthread_join (out->pps_memory.thread, NULL);
        out->pps_commits += bench_registry_commits (registry) - before;
        pps_ops += figure.ops;
        pps_seconds += figure.seconds;
        if (sampled) {
            out->pg_memory = (sampler_t) { .delay = slice / 2, .postmaster = s_postmaster (self) };
            pthread_create (&out->pg_memory.thread, NULL, s_sampler, &out->pg_memory);
        }
        out->pg_failures += bench_clients_run (clients, slice, PG_MAX_OPS, s_pg_setup,
                                               writes ? s_pg_write : s_pg_read, s_pg_teardown,
                                               arg, &figure, pg);
        if (sampled)
            pthread_join (out->pg_memory.thread, NULL);
        pg_ops += figure.ops;
        pg_seconds += figure.seconds;
        if (writes)
            arg->persons += (int64_t) figure.ops;
    }
    //  A backend's statistics reach pg_stat_wal when it exits (the clients'
    //  connections are closed by now) or within a second
    if (writes && flushes >= 0) {
        zclock_sleep (1100);
        int64_t after = s_pg_int (control, "SELECT wal_sync FROM pg_stat_wal");
        out->pg_flushes = after >= flushes ? after - flushes : -1;
    }
    else
        out->pg_flushes = -1;
    bench_figure_set (&out->pps, pps, pps_ops, pps_seconds);
    bench_figure_set (&out->pg, pg, pg_ops, pg_seconds);
    bench_samples_destroy (&pps);
    bench_samples_destroy (&pg);
}

static void
s_pair_row (const char *what, size_t clients, bool writes, const pair_t *pair)
{
    char measure [160], result [256], baseline [160], ratio [96];
    snprintf (measure, sizeof measure, "%s, %zu client%s: pps-registry / PostgreSQL", what,
              clients, clients > 1 ? "s" : "");
    char pps_extra [64] = "", pg_extra [64] = "";
    if (writes) {
        snprintf (pps_extra, sizeof pps_extra, ", %.2f writes per commit",
                  pair->pps_commits ? (double) pair->pps.ops / (double) pair->pps_commits : 0.0);
        if (pair->pg_flushes > 0)
            snprintf (pg_extra, sizeof pg_extra, ", %.2f commits per WAL flush",
                      (double) pair->pg.ops / (double) pair->pg_flushes);
    }
    snprintf (result, sizeof result, "pps %.0f/s%s%s; pg %.0f/s%s%s", pair->pps.rate, pps_extra,
              pair->pps_failures ? " (FAILURES)" : "", pair->pg.rate, pg_extra,
              pair->pg_failures ? " (FAILURES)" : "");
    snprintf (baseline, sizeof baseline, "PostgreSQL, alternated slices: %.0f/s, p50 %.0f us, "
              "p99 %.0f us", pair->pg.rate, pair->pg.p50_us, pair->pg.p99_us);
    double share = pair->pg.rate > 0 ? pair->pps.rate / pair->pg.rate : 0;
    snprintf (ratio, sizeof ratio, "pps / pg %.2f: %s", share,
              share >= 1 ? "pps wins" : "PostgreSQL wins");
    bench_row (measure, result, pair->pps.p50_us, pair->pps.p99_us, baseline, ratio);
}

//  ---------------------------------------------------------------- the section

static const char *const s_schema =
    "CREATE TABLE person (id bigserial PRIMARY KEY, full_name text NOT NULL, "
    "  organisation text, role_title text, work_email text, work_phone text, "
    "  region_code text, category int NOT NULL);"
    "CREATE TABLE event (seq bigserial PRIMARY KEY, topic text NOT NULL, "
    "  entity_id bigint NOT NULL, payload jsonb NOT NULL, "
    "  recorded_at timestamptz NOT NULL DEFAULT now());"
    "CREATE TABLE request (request_id text PRIMARY KEY, reply jsonb NOT NULL, "
    "  recorded_at timestamptz NOT NULL DEFAULT now());";

void
bench_peer_postgresql (bench_t *self)
{
    PGconn *control = bench_pg_connect (self, NULL);
    if (!control)
        return;
    PGresult *settings = PQexec (control,
        "SELECT current_setting('server_version'), current_setting('fsync'), "
        "current_setting('synchronous_commit'), current_setting('wal_sync_method'), "
        "current_setting('shared_buffers'), current_setting('jit')");
    if (PQresultStatus (settings) == PGRES_TUPLES_OK && PQntuples (settings) == 1)
        fprintf (stderr, "pps-bench: PostgreSQL %s, fsync %s, synchronous_commit %s, "
                 "wal_sync_method %s, shared_buffers %s, jit %s\n", PQgetvalue (settings, 0, 0),
                 PQgetvalue (settings, 0, 1), PQgetvalue (settings, 0, 2),
                 PQgetvalue (settings, 0, 3), PQgetvalue (settings, 0, 4),
                 PQgetvalue (settings, 0, 5));
    PQclear (settings);
    bench_registry_t *registry = NULL;
    if (bench_pg_exec (control, "DROP TABLE IF EXISTS person, event, request")
    ||  bench_pg_exec (control, s_schema)
    ||  !(registry = bench_registry_new (self, "peer-registry"))) {
        PQfinish (control);
        return;
    }
    pg_arg_t arg = { .bench = self };
    static const size_t write_clients [] = { 1, 8, 16, 32 };
    static const size_t read_clients [] = { 1, 8 };
    for (size_t index = 0; index < sizeof write_clients / sizeof write_clients [0]; index++) {
        pair_t pair;
        s_pair (self, registry, control, &arg, true, write_clients [index], false, &pair);
        s_pair_row ("durable writes (create_person's shape)", write_clients [index], true, &pair);
    }
    pair_t memory = { 0 };
    for (size_t index = 0; index < sizeof read_clients / sizeof read_clients [0]; index++) {
        pair_t pair;
        bool sample = read_clients [index] == BENCH_CLIENTS;
        s_pair (self, registry, control, &arg, false, read_clients [index], sample, &pair);
        s_pair_row ("reads by id", read_clients [index], false, &pair);
        if (sample)
            memory = pair;
    }
    if (memory.pps_memory.pss_kib && memory.pg_memory.pss_kib) {
        char result [192], baseline [160], ratio [64];
        snprintf (result, sizeof result, "pps-registry Pss %.1f MiB (VmRSS %.1f MiB), 1 process",
                  memory.pps_memory.pss_kib / 1024.0, memory.pps_memory.rss_kib / 1024.0);
        snprintf (baseline, sizeof baseline, "PostgreSQL: Pss %.1f MiB over %d processes",
                  memory.pg_memory.pss_kib / 1024.0, memory.pg_memory.processes);
        snprintf (ratio, sizeof ratio, "pps / pg %.2f: %s",
                  (double) memory.pps_memory.pss_kib / (double) memory.pg_memory.pss_kib,
                  memory.pps_memory.pss_kib <= memory.pg_memory.pss_kib ? "pps uses less"
                                                                          : "PostgreSQL uses less");
        bench_row ("memory in the middle of the 8-client read slices", result, 0, 0, baseline,
                   ratio);
    }
    bench_registry_destroy (&registry);
    PQfinish (control);
    bench_pg_bilan (self);
}
