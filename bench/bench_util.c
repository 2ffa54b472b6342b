/*  bench_util: clocks, latency samples and percentiles, the table's rows,
    and the child processes the bench starts (and stops, by their pid).  */
#include "bench.h"
#include "pps_client.h"

#include <arpa/inet.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <pthread.h>
#include <time.h>

extern char **environ;

#define ENV_MAX         256           //  Entries of a child's environment
#define STOP_TRIES      100           //  waitpid polls after SIGTERM...
#define STOP_WAIT_MS    50            //  ...this far apart

//  ---------------------------------------------------------------- samples

bench_samples_t *
bench_samples_new (size_t capacity)
{
    bench_samples_t *self = calloc (1, sizeof (bench_samples_t));
    assert (self);
    self->values = malloc ((capacity ? capacity : 1) * sizeof (int64_t));
    assert (self->values);
    self->capacity = capacity;
    return self;
}

void
bench_samples_destroy (bench_samples_t **self_p)
{
    if (*self_p) {
        free ((*self_p)->values);
        free (*self_p);
        *self_p = NULL;
    }
}

void
bench_samples_add (bench_samples_t *self, int64_t ns)
{
    if (self->count < self->capacity)
        self->values [self->count++] = ns;
}

void
bench_samples_merge (bench_samples_t *self, const bench_samples_t *other)
{
    for (size_t index = 0; index < other->count; index++)
        bench_samples_add (self, other->values [index]);
}

static int
s_compare_i64 (const void *a, const void *b)
{
    int64_t left = *(const int64_t *) a, right = *(const int64_t *) b;
    return (left > right) - (left < right);
}

double
bench_samples_pct_us (bench_samples_t *self, double percentile)
{
    if (self->count == 0)
        return 0;
    qsort (self->values, self->count, sizeof (int64_t), s_compare_i64);
    //  Nearest rank
    size_t rank = (size_t) (percentile / 100.0 * (double) self->count + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > self->count)
        rank = self->count;
    return (double) self->values [rank - 1] / 1000.0;
}

int64_t
bench_now_ns (void)
{
    struct timespec now;
    clock_gettime (CLOCK_MONOTONIC, &now);
    return (int64_t) now.tv_sec * 1000000000LL + now.tv_nsec;
}

int64_t
bench_thread_written (void)
{
    FILE *file = fopen ("/proc/thread-self/io", "r");
    if (!file)
        return -1;
    char line [128];
    long long written = -1;
    while (fgets (line, sizeof line, file))
        if (sscanf (line, "wchar: %lld", &written) == 1)
            break;
    fclose (file);
    return written;
}

void
bench_figure_set (bench_figure_t *figure, bench_samples_t *samples, size_t ops, double seconds)
{
    figure->ops = ops;
    figure->seconds = seconds;
    figure->rate = seconds > 0 ? (double) ops / seconds : 0;
    figure->p50_us = bench_samples_pct_us (samples, 50);
    figure->p99_us = bench_samples_pct_us (samples, 99);
    figure->pages = 0;
}

//  A latency for the table: us below 10 ms, ms above.
static void
s_latency (char *buffer, size_t size, double us)
{
    if (us <= 0)
        snprintf (buffer, size, "-");
    else
    if (us < 10000)
        snprintf (buffer, size, "%.0f us", us);
    else
        snprintf (buffer, size, "%.1f ms", us / 1000.0);
}

void
bench_row (const char *measure, const char *result, double p50_us, double p99_us,
           const char *baseline, const char *ratio)
{
    char p50 [32], p99 [32];
    s_latency (p50, sizeof p50, p50_us);
    s_latency (p99, sizeof p99, p99_us);
    printf ("| %s | %s | %s | %s | %s | %s |\n", measure, result, p50, p99, baseline, ratio);
    fflush (stdout);
}

//  ---------------------------------------------------------------- processes

int
bench_process_start (bench_process_t *self, const char *const *argv,
                     const char *const *extra_env, const char *log_path)
{
    char *env [ENV_MAX];
    size_t count = 0;
    for (char **entry = environ; *entry && count + 1 < ENV_MAX; entry++)
        if (strncmp (*entry, "PPS_", 4) != 0)
            env [count++] = *entry;
    for (const char *const *entry = extra_env; entry && *entry && count + 1 < ENV_MAX; entry++)
        env [count++] = (char *) *entry;
    env [count] = NULL;
    self->log_path = strdup (log_path);
    pid_t parent = getpid ();
    pid_t pid = fork ();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        prctl (PR_SET_PDEATHSIG, SIGKILL);
        if (getppid () != parent)
            _exit (127);
        int fd = open (log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2 (fd, STDOUT_FILENO);
            dup2 (fd, STDERR_FILENO);
            close (fd);
        }
        execve (argv [0], (char *const *) argv, env);
        _exit (127);
    }
    self->pid = pid;
    return 0;
}

int
bench_process_stop (bench_process_t *self)
{
    int status = -1;
    if (self->pid > 0) {
        kill (self->pid, SIGTERM);
        bool reaped = false;
        for (int attempt = 0; attempt < STOP_TRIES && !reaped; attempt++) {
            if (waitpid (self->pid, &status, WNOHANG) == self->pid)
                reaped = true;
            else
                zclock_sleep (STOP_WAIT_MS);
        }
        if (!reaped) {
            kill (self->pid, SIGKILL);
            waitpid (self->pid, NULL, 0);
            status = -1;
        }
        else
            status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
        self->pid = 0;
    }
    free (self->log_path);
    self->log_path = NULL;
    return status;
}

bool
bench_process_wait_log (bench_process_t *self, const char *text, int timeout_ms)
{
    int64_t deadline = zclock_mono () + timeout_ms;
    while (zclock_mono () < deadline) {
        FILE *file = fopen (self->log_path, "r");
        if (file) {
            char line [1024];
            bool found = false;
            while (!found && fgets (line, sizeof line, file))
                found = strstr (line, text) != NULL;
            fclose (file);
            if (found)
                return true;
        }
        if (waitpid (self->pid, NULL, WNOHANG) == self->pid) {
            self->pid = 0;
            return false;
        }
        zclock_sleep (50);
    }
    return false;
}

long
bench_process_status_kib (pid_t pid, const char *field)
{
    char path [64];
    snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
    FILE *file = fopen (path, "r");
    if (!file)
        return 0;
    char line [256];
    long kib = 0;
    size_t length = strlen (field);
    while (fgets (line, sizeof line, file))
        if (strncmp (line, field, length) == 0 && line [length] == ':') {
            kib = strtol (line + length + 1, NULL, 10);
            break;
        }
    fclose (file);
    return kib;
}

int
bench_wait_service (const char *endpoint, int timeout_ms)
{
    pps_client_t *client = pps_client_new (endpoint, 200, 1);
    if (!client)
        return -1;
    pps_arena_t *arena = pps_arena_new ();
    int64_t deadline = zclock_mono () + timeout_ms;
    int rc = -1;
    while (rc && zclock_mono () < deadline) {
        Pps__ServiceStatusRequest ask = PPS__SERVICE_STATUS_REQUEST__INIT;
        Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
        char request_id [33];
        request.request_id = pps_client_new_request_id (request_id);
        request.op_case = PPS__COMMON_REQUEST__OP_SERVICE_STATUS;
        request.service_status = &ask;
        ProtobufCMessage *reply = NULL;
        if (pps_client_call (client, &request.base, &pps__common_reply__descriptor, arena,
                             &reply) == 0)
            rc = 0;
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return rc;
}

int
bench_free_port (void)
{
    int fd = socket (AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    struct sockaddr_in address = { .sin_family = AF_INET };
    address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (bind (fd, (struct sockaddr *) &address, sizeof address) == 0
    &&  getsockname (fd, (struct sockaddr *) &address, &length) == 0)
        port = ntohs (address.sin_port);
    close (fd);
    return port;
}

static uint64_t s_tree_total;

static int
s_tree_visit (const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    (void) path; (void) ftw;
    if (flag == FTW_F)
        s_tree_total += (uint64_t) info->st_blocks * 512;
    return 0;
}

uint64_t
bench_tree_bytes (const char *path)
{
    s_tree_total = 0;
    nftw (path, s_tree_visit, 16, FTW_PHYS);
    return s_tree_total;
}

//  ---------------------------------------------------------------- clients

typedef struct {
    size_t thread;
    bench_setup_fn *setup;
    bench_call_fn *call;
    bench_teardown_fn *teardown;
    void *arg;
    size_t max_ops;
    pthread_barrier_t *ready;         //  Every state made
    pthread_barrier_t *go;            //  The clock started
    const int64_t *deadline_ns;       //  Written before go
    bench_samples_t *samples;
    size_t ops;
    size_t failures;
    int64_t end_ns;
} s_client_t;

static void *
s_client_thread (void *pointer)
{
    s_client_t *self = pointer;
    void *state = self->setup (self->arg, self->thread);
    pthread_barrier_wait (self->ready);
    pthread_barrier_wait (self->go);
    int64_t deadline = *self->deadline_ns;
    for (size_t sequence = 0; sequence < self->max_ops; sequence++) {
        int64_t start = bench_now_ns ();
        if (start >= deadline)
            break;
        if (self->call (state, self->thread, sequence) == 0) {
            bench_samples_add (self->samples, bench_now_ns () - start);
            self->ops++;
        }
        else
            self->failures++;
    }
    self->end_ns = bench_now_ns ();
    if (self->teardown)
        self->teardown (state);
    return NULL;
}

size_t
bench_clients_run (size_t clients, double seconds, size_t max_ops,
                   bench_setup_fn *setup, bench_call_fn *call,
                   bench_teardown_fn *teardown, void *arg, bench_figure_t *figure,
                   bench_samples_t *into)
{
    s_client_t *threads = calloc (clients, sizeof (s_client_t));
    pthread_t *ids = calloc (clients, sizeof (pthread_t));
    assert (threads && ids);
    pthread_barrier_t ready, go;
    pthread_barrier_init (&ready, NULL, (unsigned) clients + 1);
    pthread_barrier_init (&go, NULL, (unsigned) clients + 1);
    int64_t deadline_ns = 0;
    for (size_t index = 0; index < clients; index++) {
        threads [index] = (s_client_t) {
            .thread = index, .setup = setup, .call = call, .teardown = teardown, .arg = arg,
            .max_ops = max_ops, .ready = &ready, .go = &go, .deadline_ns = &deadline_ns,
            .samples = bench_samples_new (max_ops),
        };
        pthread_create (&ids [index], NULL, s_client_thread, &threads [index]);
    }
    pthread_barrier_wait (&ready);
    int64_t start_ns = bench_now_ns ();
    deadline_ns = start_ns + (int64_t) (seconds * 1e9);
    pthread_barrier_wait (&go);
    bench_samples_t *all = bench_samples_new (clients * max_ops);
    size_t ops = 0, failures = 0;
    int64_t end_ns = start_ns;
    for (size_t index = 0; index < clients; index++) {
        pthread_join (ids [index], NULL);
        ops += threads [index].ops;
        failures += threads [index].failures;
        if (threads [index].end_ns > end_ns)
            end_ns = threads [index].end_ns;
        bench_samples_merge (all, threads [index].samples);
        bench_samples_destroy (&threads [index].samples);
    }
    if (into)
        bench_samples_merge (into, all);
    bench_figure_set (figure, all, ops, (double) (end_ns - start_ns) / 1e9);
    bench_samples_destroy (&all);
    pthread_barrier_destroy (&ready);
    pthread_barrier_destroy (&go);
    free (threads);
    free (ids);
    return failures;
}
