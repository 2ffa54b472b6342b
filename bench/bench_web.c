/*  bench_web: pps-web, the HTTP/JSON gateway (issue 14), against the direct
    ZeroMQ call of the same operation, measured in the same run.

    A real pps-region (its six services and the gateway thread, configured
    through its environment only: ipc:// endpoints in the scratch directory,
    web/bind on a free loopback port). Its first admin is made with ppsctl
    user bootstrap (password on stdin) and an API token with ppsctl token
    create; every HTTP call carries that token (Authorization: Bearer).

    - Reads: registry get_region, GET /api/v1/registry/get_region?region_code=32
      against pps_client's get_region. Writes: registry create_person, POST
      /api/v1/registry/create_person (JSON body, a fresh Idempotency-Key per
      request) against pps_client's create_person with the same fields.
      Request ids and idempotency keys come from the same generator
      (pps_client_new_request_id, time-ordered) on both sides.
    - 1 and 8 clients, each a thread. An HTTP client is one libcurl easy
      handle, reused (keep-alive): its connection is opened by a first GET
      before the clock starts, and the connections opened while timed are
      counted (0 expected). A ZeroMQ client is one pps_client.
    - Direct and HTTP alternate in slices (3 of each per phase), so that both
      see the disk and the machine at the same times.
    - Writes per commit: the registry's LMDB last txnid, read through a
      read-only handle, before and after each slice.
    - CPU per operation: the server process's utime + stime and the
      bench's own (its clients), over the slices.
    - Memory: pps-region after a direct warm-up, before any HTTP request,
      then after the HTTP phases (idle), the resident pages of the services'
      LMDB maps set apart (writes grow them whoever sends them); and a
      standalone pps-web (same environment, its own port) fresh, then after
      the same HTTP load: its private memory (the libraries it maps are
      shared with the running region) and its VmRSS.
    - Where the region's CPU per operation goes: its threads' CPU
      (/proc/<pid>/task) over the slices, by kind: the ZeroMQ I/O thread, the
      services' own threads, and the gateway's connection threads (named
      MHD-connection while they run; a connection's thread ends with it, and
      what the ended ones used is the process's CPU that no living thread
      accounts for).
    - PPS_BENCH_BATCH_LINGER_US, when set, is given to the region as
      PPS_SERVER_BATCH_LINGER_US (server/batch_linger_us), to compare lingers
      on the same build.
*/
#include "bench.h"
#include "pps_client.h"
#include "registry.h"

#include <curl/curl.h>
#include <dirent.h>
#include <lmdb.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

#define CLIENT_TIMEOUT_MS   10000
#define WEB_MAX_OPS         100000    //  Per client thread and slice
#define WEB_ROUNDS          3         //  Direct and HTTP slices of a phase
#define WEB_READY_MS        60000
#define TOOL_OUTPUT         4096
#define REGION_CODE         "32"
#define BENCH_PASSWORD      "bench-password-not-secret"
#define RSS_TARGET_KIB      (8 * 1024)
#define READ_RATE_TARGET    0.5       //  Of the direct throughput
#define READ_P99_TARGET_US  1000.0    //  Above the direct p99
#define BATCH_TARGET        7.5       //  Writes per commit with 8 clients

//  ---------------------------------------------------------------- helpers

//  Run a tool to its end with the bench's environment minus PPS_*, plus
//  extra_env, input on its stdin, and its stdout into output (NUL-ended,
//  trailing newline removed). Returns its exit status, or -1.
static int
s_run_tool (const char *const *argv, const char *const *extra_env, const char *input,
            char *output, size_t output_size, const char *log_path)
{
    char *env [256];
    size_t count = 0;
    for (char **entry = environ; *entry && count + 1 < 256; entry++)
        if (strncmp (*entry, "PPS_", 4) != 0)
            env [count++] = *entry;
    for (const char *const *entry = extra_env; *entry && count + 1 < 256; entry++)
        env [count++] = (char *) *entry;
    env [count] = NULL;
    int to_child [2], from_child [2];
    if (pipe (to_child))
        return -1;
    if (pipe (from_child)) {
        close (to_child [0]);
        close (to_child [1]);
        return -1;
    }
    pid_t pid = fork ();
    if (pid == 0) {
        dup2 (to_child [0], STDIN_FILENO);
        dup2 (from_child [1], STDOUT_FILENO);
        int fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0)
            dup2 (fd, STDERR_FILENO);
        close (to_child [1]);
        close (from_child [0]);
        execve (argv [0], (char *const *) argv, env);
        _exit (127);
    }
    close (to_child [0]);
    close (from_child [1]);
    if (pid > 0 && input)
        (void) !write (to_child [1], input, strlen (input));
    close (to_child [1]);
    size_t used = 0;
    ssize_t got;
    while (pid > 0 && (got = read (from_child [0], output + used, output_size - 1 - used)) > 0)
        used += (size_t) got;
    close (from_child [0]);
    output [used] = 0;
    while (used && (output [used - 1] == '\n' || output [used - 1] == '\r'))
        output [--used] = 0;
    int status;
    if (pid < 0 || waitpid (pid, &status, 0) != pid)
        return -1;
    return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

//  CPU time (user + system) a process has used, in microseconds; 0 when
//  unknown. pid 0 = this process (the clients).
static int64_t
s_cpu_us (pid_t pid)
{
    if (pid == 0) {
        struct rusage usage;
        if (getrusage (RUSAGE_SELF, &usage))
            return 0;
        return (int64_t) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000
             + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
    }
    char path [64], line [1024];
    snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
    FILE *file = fopen (path, "r");
    if (!file)
        return 0;
    char *read = fgets (line, sizeof line, file);
    fclose (file);
    //  Fields 14 and 15 (utime, stime), counted after the ")" of the name
    char *field = read ? strrchr (line, ')') : NULL;
    unsigned long long utime = 0, stime = 0;
    if (!field || sscanf (field + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                          &utime, &stime) != 2)
        return 0;
    return (int64_t) (utime + stime) * 1000000 / sysconf (_SC_CLK_TCK);
}

//  Memory of a process, in KiB, from /proc/<pid>/smaps_rollup and smaps.
typedef struct {
    long rss;                         //  VmRSS
    long anon;                        //  Anonymous (heap, stacks)
    long private_kib;                 //  Private_Clean + Private_Dirty: not shared with
                                      //  any other process (the region's libraries are)
    long stores;                      //  Resident pages of the services' LMDB maps
} memory_t;

static long
s_kib_field (const char *line, const char *field)
{
    size_t length = strlen (field);
    return strncmp (line, field, length) == 0 && line [length] == ':'
         ? strtol (line + length + 1, NULL, 10) : -1;
}

//  Read pid's memory; stores counts the maps under data_dir except its
//  web/ (the gateway's accounts). Returns 0 or -1.
static int
s_memory (pid_t pid, const char *data_dir, memory_t *memory)
{
    memset (memory, 0, sizeof *memory);
    char path [64], line [1024];
    snprintf (path, sizeof path, "/proc/%d/smaps_rollup", (int) pid);
    FILE *file = fopen (path, "r");
    if (!file)
        return -1;
    long value;
    while (fgets (line, sizeof line, file)) {
        if ((value = s_kib_field (line, "Rss")) >= 0)
            memory->rss = value;
        if ((value = s_kib_field (line, "Anonymous")) >= 0)
            memory->anon = value;
        if ((value = s_kib_field (line, "Private_Clean")) >= 0
        ||  (value = s_kib_field (line, "Private_Dirty")) >= 0)
            memory->private_kib += value;
    }
    fclose (file);
    snprintf (path, sizeof path, "/proc/%d/smaps", (int) pid);
    if (!(file = fopen (path, "r")))
        return -1;
    char *web_dir = zsys_sprintf ("%s/web/", data_dir);
    size_t prefix = strlen (data_dir);
    bool store = false;
    while (fgets (line, sizeof line, file)) {
        if (isxdigit ((unsigned char) line [0]) && !isupper ((unsigned char) line [0])) {
            //  A map's header: address range, perms, offset, device, inode, path
            char *name = strchr (line, '/');
            store = name && strncmp (name, data_dir, prefix) == 0 && name [prefix] == '/'
                 && strncmp (name, web_dir, strlen (web_dir)) != 0;
        }
        else
        if (store && (value = s_kib_field (line, "Rss")) >= 0)
            memory->stores += value;
    }
    fclose (file);
    zstr_free (&web_dir);
    return memory->rss > 0 ? 0 : -1;
}

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

static int
s_create_region (const char *endpoint)
{
    pps_client_t *client = pps_client_new (endpoint, CLIENT_TIMEOUT_MS, 1);
    pps_arena_t *arena = pps_arena_new ();
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = REGION_CODE;
    region.name = "Région du banc d'essai";
    region.ars_name = "ARS";
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    char request_id [33];
    request.request_id = pps_client_new_request_id (request_id);
    request.actor = "bench";
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request.create_region = &region;
    ProtobufCMessage *reply = NULL;
    int rc = pps_client_call (client, &request.base, &registry__registry_reply__descriptor,
                              arena, &reply) == 0
          && pps_client_status (reply)->code == PPS__CODE__OK ? 0 : -1;
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return rc;
}

//  ---------------------------------------------------------------- threads

#define THREADS_MAX 256

//  The CPU of each thread of a process at one time.
typedef struct {
    pid_t tids [THREADS_MAX];
    int64_t cpu_us [THREADS_MAX];
    char names [THREADS_MAX][16];
    size_t count;
    int64_t process_us;
} threads_t;

static void
s_threads (pid_t pid, threads_t *threads)
{
    threads->count = 0;
    threads->process_us = s_cpu_us (pid);
    char path [64];
    snprintf (path, sizeof path, "/proc/%d/task", (int) pid);
    DIR *dir = opendir (path);
    struct dirent *entry;
    while (dir && (entry = readdir (dir)) && threads->count < THREADS_MAX) {
        pid_t tid = (pid_t) atoi (entry->d_name);
        if (tid <= 0)
            continue;
        char line [1024];
        snprintf (path, sizeof path, "/proc/%d/task/%d/stat", (int) pid, (int) tid);
        FILE *file = fopen (path, "r");
        if (!file)
            continue;
        char *read = fgets (line, sizeof line, file);
        fclose (file);
        char *open = read ? strchr (line, '(') : NULL;
        char *close = read ? strrchr (line, ')') : NULL;
        unsigned long long utime = 0, stime = 0;
        if (!open || !close || close < open
        ||  sscanf (close + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                    &utime, &stime) != 2)
            continue;
        size_t index = threads->count++;
        threads->tids [index] = tid;
        threads->cpu_us [index] = (int64_t) (utime + stime) * 1000000 / sysconf (_SC_CLK_TCK);
        size_t length = (size_t) (close - open - 1);
        if (length >= sizeof threads->names [index])
            length = sizeof threads->names [index] - 1;
        memcpy (threads->names [index], open + 1, length);
        threads->names [index][length] = 0;
    }
    if (dir)
        closedir (dir);
}

//  The region's CPU between two snapshots, by kind of thread.
typedef struct {
    int64_t io_us;                    //  ZeroMQ's I/O threads
    int64_t gateway_us;               //  Connection threads, living or ended
    int64_t services_us;              //  Every other thread (the services' actors)
} thread_split_t;

static void
s_threads_add (thread_split_t *split, const threads_t *before, const threads_t *after)
{
    int64_t accounted = 0;
    for (size_t index = 0; index < after->count; index++) {
        int64_t used = after->cpu_us [index];
        for (size_t old = 0; old < before->count; old++)
            if (before->tids [old] == after->tids [index]) {
                used -= before->cpu_us [old];
                break;
            }
        accounted += used;
        const char *name = after->names [index];
        if (strncmp (name, "ZMQbg/IO", 8) == 0)
            split->io_us += used;
        else
        if (strncmp (name, "MHD-", 4) == 0)
            split->gateway_us += used;
        else
            split->services_us += used;
    }
    //  Threads that ended in between: the connections' (the services' live on)
    int64_t ended = after->process_us - before->process_us - accounted;
    if (ended > 0)
        split->gateway_us += ended;
}

//  ---------------------------------------------------------------- clients

typedef struct {
    const char *endpoint;             //  The registry's, for the direct clients
    char base_url [96];               //  http://127.0.0.1:PORT/api/v1/registry/
    char authorization [160];         //  "Authorization: Bearer ppst_..."
    atomic_size_t connects;           //  Connections opened while timed
    atomic_int complained;            //  One failure logged per phase
    pid_t server;                     //  pps-region or pps-web, whose CPU is counted
} web_arg_t;

//  A direct client: one pps_client, as the registry section's.
typedef struct {
    pps_client_t *client;
    pps_arena_t *arena;
    Registry__Person person;
    Registry__ByRegion by_region;
    Registry__RegistryRequest request;
    char request_id [64];
    char name [64];
} direct_client_t;

static void *
s_direct_setup (void *pointer, size_t thread)
{
    web_arg_t *arg = pointer;
    direct_client_t *self = calloc (1, sizeof (direct_client_t));
    assert (self);
    self->client = pps_client_new (arg->endpoint, CLIENT_TIMEOUT_MS, 1);
    self->arena = pps_arena_new ();
    registry__person__init (&self->person);
    self->person.region_code = REGION_CODE;
    self->person.category = REGISTRY__PROFESSIONAL_CATEGORY__HEALTH_PROFESSIONAL;
    registry__by_region__init (&self->by_region);
    self->by_region.region_code = REGION_CODE;
    registry__registry_request__init (&self->request);
    self->request.actor = "bench";
    self->request.request_id = self->request_id;
    (void) thread;
    return self;
}

static int
s_direct_finish (direct_client_t *self)
{
    ProtobufCMessage *reply = NULL;
    int rc = pps_client_call (self->client, &self->request.base,
                              &registry__registry_reply__descriptor, self->arena, &reply) == 0
          && pps_client_status (reply)->code == PPS__CODE__OK ? 0 : -1;
    pps_arena_reset (self->arena);
    return rc;
}

static int
s_direct_read (void *pointer, size_t thread, size_t sequence)
{
    direct_client_t *self = pointer;
    pps_client_new_request_id (self->request_id);
    self->request.op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_REGION;
    self->request.get_region = &self->by_region;
    return s_direct_finish (self);
}

static int
s_direct_write (void *pointer, size_t thread, size_t sequence)
{
    direct_client_t *self = pointer;
    pps_client_new_request_id (self->request_id);
    snprintf (self->name, sizeof self->name, "Personne directe %zu-%zu", thread, sequence);
    self->person.id = 0;
    self->person.full_name = self->name;
    self->request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PERSON;
    self->request.create_person = &self->person;
    return s_direct_finish (self);
}

static void
s_direct_teardown (void *pointer)
{
    direct_client_t *self = pointer;
    pps_arena_destroy (&self->arena);
    pps_client_destroy (&self->client);
    free (self);
}

//  An HTTP client: one libcurl easy handle, reused (keep-alive).
typedef struct {
    web_arg_t *arg;
    CURL *curl;
    char read_url [160];
    char write_url [160];
    char body [160];
    char key_header [80];             //  "Idempotency-Key: ..."
    char reply [2048];                //  Start of the last answer, for the log
    size_t reply_size;
} http_client_t;

static size_t
s_http_body (char *data, size_t size, size_t count, void *pointer)
{
    http_client_t *self = pointer;
    size_t bytes = size * count;
    size_t room = sizeof self->reply - 1 - self->reply_size;
    size_t kept = bytes < room ? bytes : room;
    memcpy (self->reply + self->reply_size, data, kept);
    self->reply_size += kept;
    self->reply [self->reply_size] = 0;
    return bytes;
}

//  Perform the handle's request; 0 when it answered 200. A connection
//  opened by this transfer is counted when counted is set.
static int
s_http_perform (http_client_t *self, bool counted)
{
    self->reply_size = 0;
    self->reply [0] = 0;
    long status = 0, connects = 0;
    CURLcode code = curl_easy_perform (self->curl);
    if (code == CURLE_OK)
        curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &status);
    if (counted && curl_easy_getinfo (self->curl, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
        atomic_fetch_add (&self->arg->connects, (size_t) connects);
    if (status == 200)
        return 0;
    if (atomic_exchange (&self->arg->complained, 1) == 0)
        fprintf (stderr, "pps-bench: web: HTTP %ld (%s): %s\n", status,
                 curl_easy_strerror (code), self->reply);
    return -1;
}

static void
s_http_get (http_client_t *self, struct curl_slist *headers)
{
    curl_easy_setopt (self->curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt (self->curl, CURLOPT_URL, self->read_url);
    curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, headers);
}

static void *
s_http_setup (void *pointer, size_t thread)
{
    web_arg_t *arg = pointer;
    http_client_t *self = calloc (1, sizeof (http_client_t));
    assert (self);
    self->arg = arg;
    self->curl = curl_easy_init ();
    assert (self->curl);
    snprintf (self->read_url, sizeof self->read_url, "%sget_region?region_code=" REGION_CODE,
              arg->base_url);
    snprintf (self->write_url, sizeof self->write_url, "%screate_person", arg->base_url);
    curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt (self->curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt (self->curl, CURLOPT_TIMEOUT_MS, (long) CLIENT_TIMEOUT_MS);
    curl_easy_setopt (self->curl, CURLOPT_WRITEFUNCTION, s_http_body);
    curl_easy_setopt (self->curl, CURLOPT_WRITEDATA, self);
    //  The connection, opened before the clock starts
    struct curl_slist *headers = curl_slist_append (NULL, arg->authorization);
    s_http_get (self, headers);
    s_http_perform (self, false);
    curl_slist_free_all (headers);
    (void) thread;
    return self;
}

static int
s_http_read (void *pointer, size_t thread, size_t sequence)
{
    http_client_t *self = pointer;
    struct curl_slist *headers = curl_slist_append (NULL, self->arg->authorization);
    s_http_get (self, headers);
    int rc = s_http_perform (self, true);
    curl_slist_free_all (headers);
    return rc;
}

static int
s_http_write (void *pointer, size_t thread, size_t sequence)
{
    http_client_t *self = pointer;
    char key [33];
    snprintf (self->key_header, sizeof self->key_header, "Idempotency-Key: %s",
              pps_client_new_request_id (key));
    snprintf (self->body, sizeof self->body, "{\"full_name\":\"Personne web %zu-%zu\","
              "\"region_code\":\"" REGION_CODE "\",\"category\":\"HEALTH_PROFESSIONAL\"}",
              thread, sequence);
    struct curl_slist *headers = curl_slist_append (NULL, self->arg->authorization);
    headers = curl_slist_append (headers, "Content-Type: application/json");
    headers = curl_slist_append (headers, self->key_header);
    curl_easy_setopt (self->curl, CURLOPT_URL, self->write_url);
    curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, self->body);
    curl_easy_setopt (self->curl, CURLOPT_POSTFIELDSIZE, (long) strlen (self->body));
    int rc = s_http_perform (self, true);
    curl_slist_free_all (headers);
    return rc;
}

static void
s_http_teardown (void *pointer)
{
    http_client_t *self = pointer;
    curl_easy_cleanup (self->curl);
    free (self);
}

//  ---------------------------------------------------------------- phases

//  One side of a phase: its latencies, operations, seconds, commits.
typedef struct {
    bench_samples_t *samples;
    size_t ops;
    double seconds;
    uint64_t commits;
    size_t failures;
    int64_t server_cpu_us;            //  CPU used by the server process (region or pps-web)
    int64_t client_cpu_us;            //  CPU used by the bench (the clients)
    thread_split_t split;             //  The server's CPU by thread
    bench_figure_t figure;            //  Filled at the end
} side_t;

static void
s_side_slice (side_t *side, size_t clients, double seconds, bench_setup_fn *setup,
              bench_call_fn *call, bench_teardown_fn *teardown, web_arg_t *arg, MDB_env *env)
{
    uint64_t before = s_txnid (env);
    threads_t *threads = malloc (2 * sizeof (threads_t));
    assert (threads);
    s_threads (arg->server, &threads [0]);
    int64_t server_cpu = s_cpu_us (arg->server), client_cpu = s_cpu_us (0);
    bench_figure_t figure;
    side->failures += bench_clients_run (clients, seconds, WEB_MAX_OPS, setup, call, teardown,
                                         arg, &figure, side->samples);
    side->server_cpu_us += s_cpu_us (arg->server) - server_cpu;
    s_threads (arg->server, &threads [1]);
    s_threads_add (&side->split, &threads [0], &threads [1]);
    free (threads);
    side->client_cpu_us += s_cpu_us (0) - client_cpu;
    side->commits += s_txnid (env) - before;
    side->ops += figure.ops;
    side->seconds += figure.seconds;
}

static void
s_side_end (side_t *side)
{
    bench_figure_set (&side->figure, side->samples, side->ops, side->seconds);
    bench_samples_destroy (&side->samples);
}

//  A phase: WEB_ROUNDS slices of the direct call, each followed by a slice
//  of the same operation through the gateway at arg's base_url.
static void
s_phase (bench_t *self, web_arg_t *arg, size_t clients, bool write, MDB_env *env,
         side_t *direct, side_t *http)
{
    double slice = self->phase_seconds / WEB_ROUNDS;
    memset (direct, 0, sizeof *direct);
    memset (http, 0, sizeof *http);
    direct->samples = bench_samples_new (WEB_ROUNDS * clients * WEB_MAX_OPS);
    http->samples = bench_samples_new (WEB_ROUNDS * clients * WEB_MAX_OPS);
    atomic_store (&arg->connects, 0);
    atomic_store (&arg->complained, 0);
    for (int round = 0; round < WEB_ROUNDS; round++) {
        s_side_slice (direct, clients, slice, s_direct_setup,
                      write ? s_direct_write : s_direct_read, s_direct_teardown, arg, env);
        s_side_slice (http, clients, slice, s_http_setup, write ? s_http_write : s_http_read,
                      s_http_teardown, arg, env);
    }
    s_side_end (direct);
    s_side_end (http);
}

static double
s_per_commit (const side_t *side)
{
    return side->commits ? (double) side->ops / (double) side->commits : 0;
}

//  "CPU per op: region R us, clients C us": what one operation cost the
//  server process and the bench's clients.
static void
s_cpu_text (char *buffer, size_t size, const side_t *side)
{
    double ops = side->ops ? (double) side->ops : 1;
    snprintf (buffer, size, "region %.0f us, clients %.0f us", (double) side->server_cpu_us / ops,
              (double) side->client_cpu_us / ops);
}

//  ---------------------------------------------------------------- rows

static void
s_read_row (size_t clients, const side_t *direct, const side_t *http, size_t connects)
{
    char measure [128], result [256], baseline [256], ratio [192], cpu [64], direct_cpu [64];
    s_cpu_text (cpu, sizeof cpu, http);
    s_cpu_text (direct_cpu, sizeof direct_cpu, direct);
    double share = http->figure.rate / direct->figure.rate;
    double extra_p99 = http->figure.p99_us - direct->figure.p99_us;
    bool met = share >= READ_RATE_TARGET && extra_p99 <= READ_P99_TARGET_US;
    snprintf (measure, sizeof measure, "pps-web GET registry/get_region, %zu client%s (keep-alive)",
              clients, clients > 1 ? "s" : "");
    snprintf (result, sizeof result, "%.0f reads/s; CPU per read: %s; %zu connections opened "
              "while timed%s", http->figure.rate, cpu, connects,
              http->failures ? "; FAILURES" : "");
    snprintf (baseline, sizeof baseline, "direct pps_client get_region (interleaved): %.0f/s, "
              "p50 %.0f us, p99 %.0f us; CPU per read: %s", direct->figure.rate,
              direct->figure.p50_us, direct->figure.p99_us, direct_cpu);
    snprintf (ratio, sizeof ratio, "%.2f x direct; p99 %+.0f us (target >= %.1f x and p99 "
              "within 1 ms: %s)", share, extra_p99, READ_RATE_TARGET, met ? "met" : "NOT met");
    bench_row (measure, result, http->figure.p50_us, http->figure.p99_us, baseline, ratio);
}

static void
s_write_row (size_t clients, const side_t *direct, const side_t *http, size_t connects)
{
    char measure [128], result [256], baseline [256], ratio [192], cpu [64], direct_cpu [64];
    s_cpu_text (cpu, sizeof cpu, http);
    s_cpu_text (direct_cpu, sizeof direct_cpu, direct);
    double share = http->figure.rate / direct->figure.rate;
    snprintf (measure, sizeof measure, "pps-web POST registry/create_person (durable), %zu "
              "client%s (keep-alive)", clients, clients > 1 ? "s" : "");
    snprintf (result, sizeof result, "%.0f writes/s; %.2f writes per commit; CPU per write: %s; "
              "%zu connections opened while timed%s", http->figure.rate, s_per_commit (http), cpu,
              connects, http->failures ? "; FAILURES" : "");
    snprintf (baseline, sizeof baseline, "direct pps_client create_person (interleaved): %.0f/s, "
              "%.2f writes per commit, p50 %.0f us, p99 %.0f us; CPU per write: %s",
              direct->figure.rate, s_per_commit (direct), direct->figure.p50_us,
              direct->figure.p99_us, direct_cpu);
    if (clients == BENCH_CLIENTS)
        snprintf (ratio, sizeof ratio, "%.2f x direct; p99 %+.0f us (target: batches of 8, "
                  ">= %.1f writes per commit: %s)", share,
                  http->figure.p99_us - direct->figure.p99_us, BATCH_TARGET,
                  s_per_commit (http) >= BATCH_TARGET ? "met" : "NOT met");
    else
        snprintf (ratio, sizeof ratio, "%.2f x direct; p99 %+.0f us", share,
                  http->figure.p99_us - direct->figure.p99_us);
    bench_row (measure, result, http->figure.p50_us, http->figure.p99_us, baseline, ratio);
}

//  ---------------------------------------------------------------- section

//  Start pps-web or pps-region with the environment of data_dir and bind,
//  and wait for its "listening" line. Returns 0 or -1.
static int
s_start (bench_process_t *process, const char *program, const char *data_dir, int port,
         const char *log_path)
{
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *env_bind = zsys_sprintf ("PPS_WEB_BIND=127.0.0.1:%d", port);
    const char *linger = getenv ("PPS_BENCH_BATCH_LINGER_US");
    char *env_linger = linger ? zsys_sprintf ("PPS_SERVER_BATCH_LINGER_US=%s", linger) : NULL;
    const char *argv [] = { program, NULL };
    const char *env [] = { env_dir, env_bind, "PPS_REGION_CODE=" REGION_CODE, env_linger, NULL };
    int rc = bench_process_start (process, argv, env, log_path) == 0
          && bench_process_wait_log (process, "web: listening", WEB_READY_MS) ? 0 : -1;
    zstr_free (&env_dir);
    zstr_free (&env_bind);
    zstr_free (&env_linger);
    return rc;
}

//  The first admin and an API token, as an operator makes them. Fills
//  arg's authorization. Returns 0 or -1.
static int
s_token (bench_t *self, const char *data_dir, web_arg_t *arg)
{
    char *ppsctl = zsys_sprintf ("%s/ppsctl", self->bin_dir);
    char *env_dir = zsys_sprintf ("PPS_REGION_DATA_DIR=%s", data_dir);
    char *log_path = zsys_sprintf ("%s/web-ppsctl.log", self->work_dir);
    const char *env [] = { env_dir, "PPS_REGION_CODE=" REGION_CODE, NULL };
    const char *bootstrap [] = { ppsctl, "user", "bootstrap", "benchadmin", "--name", "Bench",
                                 NULL };
    const char *create [] = { ppsctl, "token", "create", "bench", "--role", "admin", "--by",
                              "benchadmin", NULL };
    char output [TOOL_OUTPUT];
    int rc = -1;
    if (s_run_tool (bootstrap, env, BENCH_PASSWORD "\n", output, sizeof output, log_path) == 0
    &&  s_run_tool (create, env, NULL, output, sizeof output, log_path) == 0
    &&  strncmp (output, "ppst_", 5) == 0 && !strchr (output, '\n')
    &&  strlen (output) < sizeof arg->authorization - 32) {
        snprintf (arg->authorization, sizeof arg->authorization, "Authorization: Bearer %.*s",
                  (int) (sizeof arg->authorization - 32), output);
        rc = 0;
    }
    else
        fprintf (stderr, "pps-bench: web: ppsctl could not make the token (see %s)\n", log_path);
    zstr_free (&ppsctl);
    zstr_free (&env_dir);
    zstr_free (&log_path);
    return rc;
}

void
bench_web (bench_t *self)
{
    bench_raw_zmq (self);
    if (!self->have_zmq)
        return;
    char *data_dir = zsys_sprintf ("%s/web", self->work_dir);
    char *region_program = zsys_sprintf ("%s/pps-region", self->bin_dir);
    char *web_program = zsys_sprintf ("%s/pps-web", self->bin_dir);
    char *region_log = zsys_sprintf ("%s/web-region.log", self->work_dir);
    char *web_log = zsys_sprintf ("%s/web-standalone.log", self->work_dir);
    char *endpoint = zsys_sprintf ("ipc://%s/registry.ipc", data_dir);
    char *store_path = zsys_sprintf ("%s/registry", data_dir);
    zsys_dir_create (data_dir);
    bench_process_t region = { 0 }, standalone = { 0 };
    MDB_env *txn_env = NULL;
    web_arg_t arg = { .endpoint = endpoint };
    int port = bench_free_port ();
    curl_global_init (CURL_GLOBAL_DEFAULT);
    if (port == 0
    ||  s_start (&region, region_program, data_dir, port, region_log)
    ||  bench_wait_service (endpoint, 10000)
    ||  s_create_region (endpoint)
    ||  !(txn_env = s_txnid_env (store_path))) {
        fprintf (stderr, "pps-bench: web: pps-region did not start (see %s)\n", region_log);
        goto done;
    }
    if (s_token (self, data_dir, &arg))
        goto done;
    snprintf (arg.base_url, sizeof arg.base_url, "http://127.0.0.1:%d/api/v1/registry/", port);

    //  Warm the services with direct calls only, then the memory before
    //  any HTTP request
    size_t clients [2] = { 1, BENCH_CLIENTS };
    bench_figure_t warm;
    bench_clients_run (BENCH_CLIENTS, 1.0, WEB_MAX_OPS, s_direct_setup, s_direct_write,
                       s_direct_teardown, &arg, &warm, NULL);
    bench_clients_run (BENCH_CLIENTS, 1.0, WEB_MAX_OPS, s_direct_setup, s_direct_read,
                       s_direct_teardown, &arg, &warm, NULL);
    zclock_sleep (500);
    memory_t region_before, region_after;
    s_memory (region.pid, data_dir, &region_before);

    arg.server = region.pid;
    side_t direct, http;
    bench_figure_t embedded [4];      //  Reads 1, 8; writes 1, 8
    side_t read_sides [2][2];         //  Reads 1, 8: direct, HTTP
    for (int index = 0; index < 4; index++) {
        bool write = index >= 2;
        s_phase (self, &arg, clients [index % 2], write, txn_env, &direct, &http);
        if (!write) {
            read_sides [index][0] = direct;
            read_sides [index][1] = http;
        }
        if (write)
            s_write_row (clients [index % 2], &direct, &http, atomic_load (&arg.connects));
        else
            s_read_row (clients [index % 2], &direct, &http, atomic_load (&arg.connects));
        embedded [index] = http.figure;
    }
    //  Idle: every client has closed its connection
    zclock_sleep (1000);
    s_memory (region.pid, data_dir, &region_after);
    long region_peak = bench_process_status_kib (region.pid, "VmHWM");

    //  The gateway alone, as its own program, under the same HTTP load
    int web_port = bench_free_port ();
    memory_t web_fresh = { 0 }, web_after = { 0 };
    long web_peak = 0;
    side_t alone [4];
    memset (alone, 0, sizeof alone);
    if (web_port && s_start (&standalone, web_program, data_dir, web_port, web_log) == 0) {
        zclock_sleep (500);
        s_memory (standalone.pid, data_dir, &web_fresh);
        snprintf (arg.base_url, sizeof arg.base_url, "http://127.0.0.1:%d/api/v1/registry/",
                  web_port);
        arg.server = standalone.pid;
        atomic_store (&arg.complained, 0);
        for (int index = 0; index < 4; index++) {
            alone [index].samples = bench_samples_new (BENCH_CLIENTS * WEB_MAX_OPS);
            s_side_slice (&alone [index], clients [index % 2], self->phase_seconds,
                          s_http_setup, index >= 2 ? s_http_write : s_http_read,
                          s_http_teardown, &arg, txn_env);
            s_side_end (&alone [index]);
        }
        zclock_sleep (1000);
        s_memory (standalone.pid, data_dir, &web_after);
        web_peak = bench_process_status_kib (standalone.pid, "VmHWM");
    }
    else
        fprintf (stderr, "pps-bench: web: pps-web did not start (see %s)\n", web_log);

    char result [320], baseline [256], ratio [192];
    if (web_after.rss > 0) {
        const char *names [4] = { "reads, 1", "reads, 8", "writes, 1", "writes, 8" };
        size_t used = 0, base_used = 0, ratio_used = 0;
        size_t failures = 0;
        for (int index = 0; index < 4; index++) {
            double ops = alone [index].ops ? (double) alone [index].ops : 1;
            used += (size_t) snprintf (result + used, sizeof result - used,
                                       "%s%s: %.0f/s, pps-web CPU %.0f us/op", index ? "; " : "",
                                       names [index], alone [index].figure.rate,
                                       (double) alone [index].server_cpu_us / ops);
            base_used += (size_t) snprintf (baseline + base_used, sizeof baseline - base_used,
                                            "%s%.0f/s", index ? ", " : "embedded: ",
                                            embedded [index].rate);
            ratio_used += (size_t) snprintf (ratio + ratio_used, sizeof ratio - ratio_used,
                                             "%s%.2f x", index ? ", " : "",
                                             alone [index].figure.rate / embedded [index].rate);
            failures += alone [index].failures;
        }
        if (failures)
            snprintf (result + used, sizeof result - used, "; FAILURES");
        bench_row ("standalone pps-web (own process, same data dir), same HTTP load: the gateway's "
                   "own CPU", result, alone [3].figure.p50_us, alone [3].figure.p99_us, baseline,
                   ratio);
    }
    //  Where pps-region's CPU per read goes, by thread
    for (int index = 0; index < 2; index++) {
        const side_t *sides = read_sides [index];
        double ops [2] = { sides [0].ops ? (double) sides [0].ops : 1,
                           sides [1].ops ? (double) sides [1].ops : 1 };
        const thread_split_t *on_http = &sides [1].split, *on_direct = &sides [0].split;
        char measure [128];
        snprintf (measure, sizeof measure, "diagnosis: pps-region's CPU per read by thread, "
                  "%zu client%s", clients [index], index ? "s" : "");
        snprintf (result, sizeof result, "through pps-web: its connection threads %.0f us, "
                  "ZeroMQ I/O thread %.0f us, services %.0f us",
                  (double) on_http->gateway_us / ops [1], (double) on_http->io_us / ops [1],
                  (double) on_http->services_us / ops [1]);
        snprintf (baseline, sizeof baseline, "direct: ZeroMQ I/O thread %.0f us, services "
                  "%.0f us", (double) on_direct->io_us / ops [0],
                  (double) on_direct->services_us / ops [0]);
        double total = (double) (on_http->gateway_us + on_http->io_us + on_http->services_us);
        snprintf (ratio, sizeof ratio, "connection threads %.0f%%, I/O thread %.0f%% of the "
                  "HTTP read's region CPU", total > 0 ? 100.0 * on_http->gateway_us / total : 0,
                  total > 0 ? 100.0 * on_http->io_us / total : 0);
        bench_row (measure, result, 0, 0, baseline, ratio);
    }
    long region_delta = (region_after.rss - region_after.stores)
                      - (region_before.rss - region_before.stores);
    snprintf (result, sizeof result, "VmRSS %.1f MiB (peak %.1f MiB), of which the services' "
              "LMDB maps %.1f MiB; anonymous %.1f MiB", region_after.rss / 1024.0,
              region_peak / 1024.0, region_after.stores / 1024.0, region_after.anon / 1024.0);
    snprintf (baseline, sizeof baseline, "same process after direct calls only, before any HTTP "
              "request: VmRSS %.1f MiB, LMDB maps %.1f MiB, anonymous %.1f MiB",
              region_before.rss / 1024.0, region_before.stores / 1024.0,
              region_before.anon / 1024.0);
    snprintf (ratio, sizeof ratio, "+%.1f MiB outside the LMDB maps (+%.1f anonymous; VmRSS "
              "+%.1f) (target < 8 MiB: %s)", region_delta / 1024.0,
              (region_after.anon - region_before.anon) / 1024.0,
              (region_after.rss - region_before.rss) / 1024.0,
              region_delta < RSS_TARGET_KIB ? "met" : "NOT met");
    bench_row ("resident memory, pps-region after the HTTP phases (gateway idle)", result, 0, 0,
               baseline, ratio);
    if (web_after.rss > 0) {
        snprintf (result, sizeof result, "private %.1f MiB (anonymous %.1f MiB); VmRSS %.1f MiB "
                  "(peak %.1f MiB), the rest shared with the running region (libraries)",
                  web_after.private_kib / 1024.0, web_after.anon / 1024.0, web_after.rss / 1024.0,
                  web_peak / 1024.0);
        snprintf (baseline, sizeof baseline, "same program just started: private %.1f MiB, VmRSS "
                  "%.1f MiB", web_fresh.private_kib / 1024.0, web_fresh.rss / 1024.0);
        snprintf (ratio, sizeof ratio, "private %.2f x fresh (target < 8 MiB: private %s; whole "
                  "VmRSS %s)", (double) web_after.private_kib / (double) web_fresh.private_kib,
                  web_after.private_kib < RSS_TARGET_KIB ? "met" : "NOT met",
                  web_after.rss < RSS_TARGET_KIB ? "met" : "NOT met");
        bench_row ("resident memory, standalone pps-web after the same HTTP load (idle)", result,
                   0, 0, baseline, ratio);
    }
done:
    bench_process_stop (&standalone);
    if (txn_env)
        mdb_env_close (txn_env);
    bench_process_stop (&region);
    curl_global_cleanup ();
    zstr_free (&data_dir);
    zstr_free (&region_program);
    zstr_free (&web_program);
    zstr_free (&region_log);
    zstr_free (&web_log);
    zstr_free (&endpoint);
    zstr_free (&store_path);
}
