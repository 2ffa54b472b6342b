/*  bench_raw: the baselines every other figure is divided by, measured in
    the same run on the same machine:

    - ZeroMQ request/reply with an empty handler: a child process (this
      program, "echo") binds a ROUTER and sends every frame straight back;
      clients are threads, each with a DEALER (as pps_client), sending a
      128-byte frame and waiting for it, over ipc:// and tcp://127.0.0.1.
    - LMDB durable commits: an environment opened with the flags pps_store
      uses (default: synced), 8-byte keys and 160-byte values, committing one
      put per transaction, 8, 256 and 10,000 puts per transaction.
*/
#include "bench.h"

#include <lmdb.h>
#include <signal.h>

#define PAYLOAD_BYTES     128
#define VALUE_BYTES       160
#define ZMQ_MAX_OPS       400000      //  Per client thread and phase
#define LMDB_MAX_COMMITS  200000
#define BULK_PUTS         10000       //  Puts per commit, as a catch-up page
#define BULK_COMMITS      20

//  ---------------------------------------------------------------- ZeroMQ echo

static volatile sig_atomic_t s_echo_stop;

static void
s_echo_signal (int signal_number)
{
    (void) signal_number;
    s_echo_stop = 1;
}

int
bench_echo_main (const char *endpoint)
{
    struct sigaction action = { .sa_handler = s_echo_signal };
    sigaction (SIGTERM, &action, NULL);
    sigaction (SIGINT, &action, NULL);
    void *context = zmq_ctx_new ();
    void *router = zmq_socket (context, ZMQ_ROUTER);
    int linger = 0;
    zmq_setsockopt (router, ZMQ_LINGER, &linger, sizeof linger);
    if (zmq_bind (router, endpoint)) {
        fprintf (stderr, "echo: cannot bind %s: %s\n", endpoint, zmq_strerror (zmq_errno ()));
        return 1;
    }
    printf ("echo: ready on %s\n", endpoint);
    fflush (stdout);
    //  Bounded by the signal: the bench stops us by pid
    while (!s_echo_stop) {
        zmq_msg_t part;
        zmq_msg_init (&part);
        if (zmq_msg_recv (&part, router, 0) < 0) {
            zmq_msg_close (&part);
            continue;                   //  EINTR on the stop signal
        }
        int more = zmq_msg_more (&part);
        zmq_msg_send (&part, router, more ? ZMQ_SNDMORE : 0);
        zmq_msg_close (&part);
    }
    zmq_close (router);
    zmq_ctx_term (context);
    return 0;
}

typedef struct {
    void *context;
    const char *endpoint;
} echo_arg_t;

typedef struct {
    void *dealer;
    char payload [PAYLOAD_BYTES];
    char reply [PAYLOAD_BYTES * 2];
} echo_client_t;

static void *
s_echo_setup (void *pointer, size_t thread)
{
    echo_arg_t *arg = pointer;
    echo_client_t *self = calloc (1, sizeof (echo_client_t));
    assert (self);
    self->dealer = zmq_socket (arg->context, ZMQ_DEALER);
    int linger = 0, timeout_ms = 5000;
    zmq_setsockopt (self->dealer, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt (self->dealer, ZMQ_RCVTIMEO, &timeout_ms, sizeof timeout_ms);
    zmq_connect (self->dealer, arg->endpoint);
    memset (self->payload, 'a' + (int) (thread % 26), sizeof self->payload);
    //  Warm up: the connection is made and the child answers
    for (int round = 0; round < 100; round++) {
        zmq_send (self->dealer, self->payload, sizeof self->payload, 0);
        zmq_recv (self->dealer, self->reply, sizeof self->reply, 0);
    }
    return self;
}

static int
s_echo_call (void *pointer, size_t thread, size_t sequence)
{
    (void) thread; (void) sequence;
    echo_client_t *self = pointer;
    if (zmq_send (self->dealer, self->payload, sizeof self->payload, 0) < 0)
        return -1;
    return zmq_recv (self->dealer, self->reply, sizeof self->reply, 0) == PAYLOAD_BYTES ? 0 : -1;
}

static void
s_echo_teardown (void *pointer)
{
    echo_client_t *self = pointer;
    zmq_close (self->dealer);
    free (self);
}

//  Run 1 and 8 clients against a fresh echo child on endpoint.
static int
s_zmq_transport (bench_t *self, const char *endpoint, const char *log_name,
                 bench_figure_t figures [2])
{
    char *log_path = zsys_sprintf ("%s/%s", self->work_dir, log_name);
    const char *argv [] = { self->self_path, "echo", endpoint, NULL };
    bench_process_t child = { 0 };
    int rc = -1;
    if (bench_process_start (&child, argv, NULL, log_path) == 0
    &&  bench_process_wait_log (&child, "echo: ready", 5000)) {
        echo_arg_t arg = { zmq_ctx_new (), endpoint };
        size_t clients [2] = { 1, BENCH_CLIENTS };
        for (int index = 0; index < 2; index++)
            bench_clients_run (clients [index], self->phase_seconds, ZMQ_MAX_OPS,
                               s_echo_setup, s_echo_call, s_echo_teardown, &arg,
                               &figures [index], NULL);
        zmq_ctx_term (arg.context);
        rc = 0;
    }
    bench_process_stop (&child);
    zstr_free (&log_path);
    return rc;
}

void
bench_raw_zmq (bench_t *self)
{
    if (self->have_zmq)
        return;
    char *ipc = zsys_sprintf ("ipc://%s/echo.ipc", self->work_dir);
    char *tcp = zsys_sprintf ("tcp://127.0.0.1:%d", bench_free_port ());
    if (s_zmq_transport (self, ipc, "echo-ipc.log", self->zmq_ipc)
    ||  s_zmq_transport (self, tcp, "echo-tcp.log", self->zmq_tcp))
        fprintf (stderr, "pps-bench: the echo child did not start\n");
    else
        self->have_zmq = true;
    zstr_free (&ipc);
    zstr_free (&tcp);
    if (!self->have_zmq)
        return;
    const char *names [2] = { "ipc", "tcp" };
    bench_figure_t *sets [2] = { self->zmq_ipc, self->zmq_tcp };
    for (int transport = 0; transport < 2; transport++)
        for (int index = 0; index < 2; index++) {
            bench_figure_t *figure = &sets [transport] [index];
            char measure [96], result [64], ratio [64];
            snprintf (measure, sizeof measure, "raw ZeroMQ echo, %s, %d client%s",
                      names [transport], index ? BENCH_CLIENTS : 1, index ? "s" : "");
            snprintf (result, sizeof result, "%.0f req/s", figure->rate);
            if (transport == 0 && index == 0)
                snprintf (ratio, sizeof ratio, "1 (baseline)");
            else
                snprintf (ratio, sizeof ratio, "%.2f x ipc 1 client", figure->rate / self->zmq_ipc [0].rate);
            bench_row (measure, result, figure->p50_us, figure->p99_us, "itself", ratio);
        }
}

//  ---------------------------------------------------------------- LMDB

//  Commit puts_per_commit puts per durable transaction, for seconds or
//  max_commits commits; the latency recorded is begin .. commit returned.
static void
s_lmdb_phase (bench_t *self, size_t puts_per_commit, double seconds, size_t max_commits,
              bench_samples_t *samples, size_t *commits_p, double *seconds_p,
              int64_t *written_p)
{
    MDB_env *env = self->raw_env;
    uint8_t value [VALUE_BYTES];
    memset (value, 'v', sizeof value);
    int64_t start = bench_now_ns ();
    int64_t deadline = start + (int64_t) (seconds * 1e9);
    size_t commits = 0;
    for (; commits < max_commits && bench_now_ns () < deadline; commits++) {
        int64_t begin = bench_now_ns ();
        MDB_txn *txn;
        if (mdb_txn_begin (env, NULL, 0, &txn))
            break;
        for (size_t put = 0; put < puts_per_commit; put++) {
            uint8_t key [8];
            uint64_t id = self->raw_next_key++;
            for (int byte = 0; byte < 8; byte++)
                key [byte] = (uint8_t) (id >> (56 - 8 * byte));
            MDB_val mkey = { sizeof key, key }, data = { sizeof value, value };
            mdb_put (txn, (MDB_dbi) self->raw_dbi, &mkey, &data, 0);
        }
        int64_t written = written_p ? bench_thread_written () : 0;
        if (mdb_txn_commit (txn))
            break;
        if (written_p)
            *written_p += bench_thread_written () - written;
        if (samples)
            bench_samples_add (samples, bench_now_ns () - begin);
    }
    *commits_p += commits;
    *seconds_p += (double) (bench_now_ns () - start) / 1e9;
}

static void
s_lmdb_figure (bench_t *self, size_t puts_per_commit, double seconds, size_t max_commits,
               bench_figure_t *figure)
{
    bench_samples_t *samples = bench_samples_new (max_commits);
    size_t commits = 0;
    double elapsed = 0;
    int64_t written = 0;
    s_lmdb_phase (self, puts_per_commit, seconds, max_commits, samples, &commits, &elapsed,
                  &written);
    bench_figure_set (figure, samples, commits, elapsed);
    figure->pages = commits ? (double) written / 4096.0 / (double) commits : 0;
    bench_samples_destroy (&samples);
}

void
bench_raw_commits (bench_t *self, size_t puts_per_commit, double seconds, size_t max_commits,
                   bench_samples_t *into, size_t *commits_p, double *seconds_p)
{
    if (self->raw_env)
        s_lmdb_phase (self, puts_per_commit, seconds, max_commits, into, commits_p, seconds_p,
                      NULL);
}

void
bench_raw_close (bench_t *self)
{
    if (self->raw_env)
        mdb_env_close (self->raw_env);
    self->raw_env = NULL;
}

void
bench_raw_lmdb (bench_t *self)
{
    if (self->have_lmdb)
        return;
    char *path = zsys_sprintf ("%s/raw-lmdb", self->work_dir);
    zsys_dir_create (path);
    MDB_env *env = NULL;
    MDB_txn *txn;
    MDB_dbi dbi;
    if (mdb_env_create (&env)
    ||  mdb_env_set_mapsize (env, (size_t) 2048 << 20)
    ||  mdb_env_set_maxdbs (env, 4)
    ||  mdb_env_open (env, path, 0, 0640)
    ||  mdb_txn_begin (env, NULL, 0, &txn)
    ||  mdb_dbi_open (txn, "bench", MDB_CREATE, &dbi)
    ||  mdb_txn_commit (txn)) {
        fprintf (stderr, "pps-bench: cannot open LMDB in %s\n", path);
        if (env)
            mdb_env_close (env);
        zstr_free (&path);
        return;
    }
    zstr_free (&path);
    self->raw_env = env;
    self->raw_dbi = dbi;
    self->raw_next_key = 1;
    s_lmdb_figure (self, 1, self->phase_seconds, LMDB_MAX_COMMITS, &self->lmdb_single);
    s_lmdb_figure (self, 8, self->phase_seconds, LMDB_MAX_COMMITS, &self->lmdb_batch8);
    s_lmdb_figure (self, 256, self->phase_seconds, LMDB_MAX_COMMITS, &self->lmdb_batch256);
    s_lmdb_figure (self, BULK_PUTS, 60, BULK_COMMITS, &self->lmdb_bulk);
    self->have_lmdb = true;

    char result [64], ratio [64];
    snprintf (result, sizeof result, "%.0f commits/s; %.1f pages written per commit",
              self->lmdb_single.rate, self->lmdb_single.pages);
    bench_row ("raw LMDB durable commit, 1 put/txn", result, self->lmdb_single.p50_us,
               self->lmdb_single.p99_us, "itself", "1 (baseline)");
    struct { const char *name; bench_figure_t *figure; size_t puts; } batches [] = {
        { "raw LMDB durable commit, 8 puts/txn", &self->lmdb_batch8, 8 },
        { "raw LMDB durable commit, 256 puts/txn", &self->lmdb_batch256, 256 },
        { "raw LMDB durable commit, 10,000 puts/txn", &self->lmdb_bulk, BULK_PUTS },
    };
    for (size_t index = 0; index < sizeof batches / sizeof batches [0]; index++) {
        bench_figure_t *figure = batches [index].figure;
        snprintf (result, sizeof result, "%.0f commits/s = %.0f puts/s; %.1f pages written "
                  "per commit", figure->rate, figure->rate * (double) batches [index].puts,
                  figure->pages);
        snprintf (ratio, sizeof ratio, "commit p50 %.2f x, puts/s %.1f x",
                  figure->p50_us / self->lmdb_single.p50_us,
                  figure->rate * (double) batches [index].puts / self->lmdb_single.rate);
        bench_row (batches [index].name, result, figure->p50_us, figure->p99_us,
                   "1 put/txn", ratio);
    }
}
