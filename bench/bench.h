/*  bench: the benchmarks of issue 7 (not tests: nothing here is asserted,
    nothing is registered with ctest).

    pps-bench measures the raw baselines (ZeroMQ request/reply with an empty
    handler, LMDB durable commits) and the services in the same run, and
    prints one markdown table where every figure is also a ratio to its
    baseline, with p50/p99 latencies. bench/run.sh runs it; bench/README.md
    says what each row measures.

        bench_main.c      flags, sections, the table
        bench_util.c      clocks, samples and percentiles, child processes
        bench_raw.c       the baselines: ZeroMQ echo, LMDB commits
        bench_services.c  registry writes and reads, write -> read model,
                          1M-event catch-up, resident memory of a region
        bench_compute.c   bilan computation, national aggregation
        bench_web.c       pps-web (HTTP/JSON) against the direct ZeroMQ
                          call, resident memory of the gateway
        peers/postgresql/ the PostgreSQL peer (issue 19), built in only
                          where libpq is found (PPS_BENCH_PG)
*/
#ifndef BENCH_H_INCLUDED
#define BENCH_H_INCLUDED

#include <czmq.h>
#include <stdbool.h>
#include <stdint.h>

//  ---------------------------------------------------------------- samples

//  Latencies of one measure, in nanoseconds, with a bounded capacity.
typedef struct {
    int64_t *values;              //  Recorded latencies (ns)
    size_t count;
    size_t capacity;
} bench_samples_t;

//  Create room for capacity samples. Caller owns return value.
bench_samples_t *bench_samples_new (size_t capacity);

//  Destroy; sets *self_p to NULL.
void bench_samples_destroy (bench_samples_t **self_p);

//  Record one latency (dropped once the capacity is reached).
void bench_samples_add (bench_samples_t *self, int64_t ns);

//  Append every sample of other into self (as far as capacity allows).
void bench_samples_merge (bench_samples_t *self, const bench_samples_t *other);

//  Percentile (0..100) in microseconds; sorts the samples. 0 when empty.
double bench_samples_pct_us (bench_samples_t *self, double percentile);

//  Monotonic clock in nanoseconds.
int64_t bench_now_ns (void);

//  ---------------------------------------------------------------- results

//  One measured figure, kept for the table and for later ratios.
typedef struct {
    double rate;                  //  Operations per second (0 when not a rate)
    double p50_us;
    double p99_us;
    size_t ops;                   //  Operations measured
    double seconds;               //  Wall time measured
    double pages;                 //  4 KiB pages written per operation, 0 when not counted
} bench_figure_t;

//  Bytes this thread has passed to write calls so far (wchar of
//  /proc/thread-self/io), -1 when unknown: a commit's share of it is what
//  LMDB wrote for that commit.
int64_t bench_thread_written (void);

//  Fill figure from samples, ops and seconds (rate = ops / seconds).
void bench_figure_set (bench_figure_t *figure, bench_samples_t *samples, size_t ops,
                       double seconds);

//  Print a table row: measure, result, p50, p99, baseline, ratio (all text).
void bench_row (const char *measure, const char *result, double p50_us, double p99_us,
                const char *baseline, const char *ratio);

//  ---------------------------------------------------------------- clients

//  Concurrent synchronous clients, one thread each. setup makes a thread's
//  state (its socket...) before the clock starts; call does one request
//  and returns 0 when it succeeded; teardown frees the state.
typedef void *(bench_setup_fn) (void *arg, size_t thread);
typedef int (bench_call_fn) (void *state, size_t thread, size_t sequence);
typedef void (bench_teardown_fn) (void *state);

//  Run clients threads calling as fast as they can for seconds (each thread
//  stops after its deadline or max_ops calls, whichever comes first); fill
//  figure with the calls that succeeded per second and their latencies,
//  and append those latencies to into when it is not NULL.
//  Returns the number of failed calls.
size_t bench_clients_run (size_t clients, double seconds, size_t max_ops,
                          bench_setup_fn *setup, bench_call_fn *call,
                          bench_teardown_fn *teardown, void *arg, bench_figure_t *figure,
                          bench_samples_t *into);

//  ---------------------------------------------------------------- processes

//  A program started by the bench, with its own environment and log.
typedef struct {
    pid_t pid;                    //  0 when not running
    char *log_path;               //  stdout and stderr of the child
} bench_process_t;

//  Start program with argv (NULL-terminated, argv[0] included) and the
//  bench's environment minus PPS_*, plus the NULL-terminated extra entries
//  ("NAME=value"). The child dies with the bench (PR_SET_PDEATHSIG).
//  Returns 0 or -1.
int bench_process_start (bench_process_t *self, const char *const *argv,
                         const char *const *extra_env, const char *log_path);

//  SIGTERM the child by its pid and wait (5 s at most, then SIGKILL).
//  Returns its exit status, or -1.
int bench_process_stop (bench_process_t *self);

//  True once text appears in the child's log, polled for at most timeout_ms.
bool bench_process_wait_log (bench_process_t *self, const char *text, int timeout_ms);

//  VmRSS (or another /proc/<pid>/status field) of a process, in KiB; 0 when unknown.
long bench_process_status_kib (pid_t pid, const char *field);

//  Ask endpoint for ServiceStatus until it answers (at most timeout_ms).
//  Returns 0 when it answered.
int bench_wait_service (const char *endpoint, int timeout_ms);

//  A free TCP port on 127.0.0.1 (bound then released), or 0.
int bench_free_port (void);

//  Total size in bytes of the files under path.
uint64_t bench_tree_bytes (const char *path);

//  ---------------------------------------------------------------- context

//  What every section needs: where to work, the programs, the seconds each
//  timed phase runs, and the baselines measured so far.
typedef struct {
    const char *work_dir;         //  Fresh temporary directory
    const char *bin_dir;          //  build/bin
    const char *csv_path;         //  The ministry's establishments file
    const char *self_path;        //  This program, for the echo child
    double phase_seconds;         //  Length of each timed throughput phase
    size_t catchup_events;        //  Events replayed by the catch-up (1,000,000)
    const char *peer_pg;          //  The PostgreSQL peer's socket directory, or NULL
    //  Baselines (filled by bench_raw_*)
    bool have_zmq;
    bench_figure_t zmq_ipc [2];   //  1 and 8 clients
    bench_figure_t zmq_tcp [2];
    bool have_lmdb;
    void *raw_env;                //  The raw LMDB environment (MDB_env), kept open
    unsigned raw_dbi;
    uint64_t raw_next_key;
    bench_figure_t lmdb_single;   //  One put per durable commit
    bench_figure_t lmdb_batch8;   //  8 puts per durable commit
    bench_figure_t lmdb_batch256; //  256 puts per durable commit
    bench_figure_t lmdb_bulk;     //  10,000 puts per durable commit (rate in puts/s)
} bench_t;

//  Number of clients of the multi-client phases.
#define BENCH_CLIENTS 8

//  More raw durable commits of puts_per_commit puts each, in the raw
//  environment, for seconds or max_commits commits: latencies appended to
//  into (may be NULL), commits and seconds added to *commits_p, *seconds_p.
void bench_raw_commits (bench_t *self, size_t puts_per_commit, double seconds,
                        size_t max_commits, bench_samples_t *into, size_t *commits_p,
                        double *seconds_p);

//  Close the raw environment.
void bench_raw_close (bench_t *self);

//  The sections (each prints its rows).
void bench_raw_zmq (bench_t *self);
void bench_raw_lmdb (bench_t *self);
void bench_registry (bench_t *self);
void bench_end_to_end (bench_t *self);
void bench_catchup (bench_t *self);
void bench_bilan (bench_t *self);
void bench_rss (bench_t *self);
void bench_web (bench_t *self);

//  ---------------------------------------------------------------- for the peers

//  A pps-registry process of its own (bench_services.c), for a section that
//  measures it beside a peer: started in work_dir/name with region 44.
typedef struct bench_registry_s bench_registry_t;

//  Start it; NULL when it did not start (its log says why).
bench_registry_t *bench_registry_new (bench_t *self, const char *name);

//  Stop it by its pid; sets *self_p to NULL.
void bench_registry_destroy (bench_registry_t **self_p);

//  clients synchronous clients, each its own pps_client, for seconds:
//  create_person (durable) when writes, else get_person of persons that
//  exist (write first). Fills figure, appends latencies to into (may be
//  NULL). Returns the number of failed calls.
size_t bench_registry_load (bench_registry_t *self, bool writes, size_t clients, double seconds,
                            bench_figure_t *figure, bench_samples_t *into);

//  The registry's durable commits so far (its LMDB last txnid).
uint64_t bench_registry_commits (bench_registry_t *self);

//  Its process id.
pid_t bench_registry_pid (bench_registry_t *self);

//  The PostgreSQL peer (bench/peers/postgresql/), when built in.
#ifdef PPS_BENCH_PG
void bench_peer_postgresql (bench_t *self);
#endif

//  The echo server child (pps-bench echo ENDPOINT); returns the exit code.
int bench_echo_main (const char *endpoint);

#endif
