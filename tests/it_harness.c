/*  it_harness: runs pps-registry as a real process for the integration tests.  */
#include "it_harness.h"
#include "pps_reflect.h"
#include "test_ports.h"

#include <ctype.h>
#include "pps_fs.h"
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/wait.h>

extern char **environ;

#define ENV_MAX         256           //  Entries of the child's environment
#define LIVE_MAX        8             //  Services a test may run at once
#define READY_TRIES     100           //  ServiceStatus attempts at start...
#define READY_WAIT_MS   50            //  ...each waiting this long
#define STOP_TRIES      100           //  waitpid polls after SIGTERM...
#define STOP_WAIT_MS    50            //  ...this far apart
#define LOG_TAIL_BYTES  4000          //  Of a service's log, shown on failure

struct _it_service_t {
    char *program;                    //  Path of pps-registry
    char *data_dir;                   //  Fresh, removed on destroy
    char *log_path;                   //  The child's stdout and stderr
    char *endpoint;                   //  ROUTER
    char *events;                     //  PUB
    char *env [ENV_MAX];              //  Child's environment, NULL-terminated
    size_t env_count;
    pid_t pid;                        //  0 when not running
};

static pthread_mutex_t s_live_lock = PTHREAD_MUTEX_INITIALIZER;
static it_service_t *s_live [LIVE_MAX];

static void
s_live_add (it_service_t *self)
{
    pthread_mutex_lock (&s_live_lock);
    for (size_t index = 0; index < LIVE_MAX; index++)
        if (!s_live [index]) {
            s_live [index] = self;
            break;
        }
    pthread_mutex_unlock (&s_live_lock);
}

static void
s_live_remove (it_service_t *self)
{
    pthread_mutex_lock (&s_live_lock);
    for (size_t index = 0; index < LIVE_MAX; index++)
        if (s_live [index] == self)
            s_live [index] = NULL;
    pthread_mutex_unlock (&s_live_lock);
}

static void
s_remove_tree (const char *path)
{
    pps_fs_remove_tree (path);
}

static void
s_print_log_tail (it_service_t *self)
{
    FILE *file = fopen (self->log_path, "r");
    if (!file)
        return;
    fseek (file, 0, SEEK_END);
    long size = ftell (file);
    long from = size > LOG_TAIL_BYTES ? size - LOG_TAIL_BYTES : 0;
    fseek (file, from, SEEK_SET);
    fprintf (stderr, "---- tail of %s (pid %d)\n", self->log_path, (int) self->pid);
    char buffer [512];
    size_t bytes;
    while ((bytes = fread (buffer, 1, sizeof buffer, file)) > 0)
        fwrite (buffer, 1, bytes, stderr);
    fprintf (stderr, "---- end of log\n");
    fclose (file);
}

void
it_fail (const char *file, int line, const char *condition, const char *format, ...)
{
    fflush (stdout);
    fprintf (stderr, "FAIL %s:%d: (%s) ", file, line, condition);
    va_list args;
    va_start (args, format);
    vfprintf (stderr, format, args);
    va_end (args);
    fprintf (stderr, "\n");
    //  One thread cleans up; the lock is never released, so another failing
    //  thread waits here until the process exits
    pthread_mutex_lock (&s_live_lock);
    for (size_t index = 0; index < LIVE_MAX; index++) {
        it_service_t *self = s_live [index];
        if (!self)
            continue;
        s_print_log_tail (self);
        if (self->pid > 0) {
            kill (self->pid, SIGKILL);
            waitpid (self->pid, NULL, 0);
        }
        s_remove_tree (self->data_dir);
    }
    fflush (stderr);
    //  _exit: at-exit handlers would wait on sockets other threads hold
    _exit (1);
}

static void
s_env_add (it_service_t *self, char *entry)
{
    IT_CHECK (self->env_count + 1 < ENV_MAX, "too many environment entries");
    self->env [self->env_count++] = entry;
    self->env [self->env_count] = NULL;
}

it_service_t *
it_service_new (const char *program, it_transport_t transport)
{
    return it_service_new_named (program, "registry", transport);
}

it_service_t *
it_service_new_named (const char *program, const char *service, it_transport_t transport)
{
    it_service_t *self = calloc (1, sizeof (it_service_t));
    assert (self);
    self->program = strdup (program);
    char template [] = "/tmp/pps-it-XXXXXX";
    IT_CHECK (mkdtemp (template), "mkdtemp: %s", strerror (errno));
    self->data_dir = strdup (template);
    self->log_path = zsys_sprintf ("%s/service.log", self->data_dir);
    s_live_add (self);

    //  Our own PPS_ settings (a developer's PPS_CONFIG...) must not leak in
    for (char **entry = environ; *entry; entry++)
        if (strncmp (*entry, "PPS_", 4) != 0)
            s_env_add (self, strdup (*entry));
    s_env_add (self, zsys_sprintf ("PPS_REGION_DATA_DIR=%s", self->data_dir));
    if (transport == IT_TCP) {
        int port = test_port_take ();
        int events_port = test_port_take ();
        IT_CHECK (port && events_port, "no TCP ports reserved for this test");
        self->endpoint = zsys_sprintf ("tcp://127.0.0.1:%d", port);
        self->events = zsys_sprintf ("tcp://127.0.0.1:%d", events_port);
        char upper [64];
        size_t length = 0;
        for (; service [length] && length + 1 < sizeof upper; length++)
            upper [length] = (char) toupper ((unsigned char) service [length]);
        upper [length] = 0;
        s_env_add (self, zsys_sprintf ("PPS_%s_ENDPOINT=%s", upper, self->endpoint));
        s_env_add (self, zsys_sprintf ("PPS_%s_EVENTS=%s", upper, self->events));
    }
    else {
        //  The defaults a region gets with no configuration at all
        self->endpoint = zsys_sprintf ("ipc://%s/%s.ipc", self->data_dir, service);
        self->events = zsys_sprintf ("ipc://%s/%s-events.ipc", self->data_dir, service);
    }
    return self;
}

void
it_service_destroy (it_service_t **self_p)
{
    assert (self_p);
    it_service_t *self = *self_p;
    if (!self)
        return;
    if (self->pid > 0)
        it_service_stop (self);
    s_live_remove (self);
    s_remove_tree (self->data_dir);
    for (size_t index = 0; index < self->env_count; index++)
        free (self->env [index]);
    free (self->program);
    free (self->data_dir);
    zstr_free (&self->log_path);
    zstr_free (&self->endpoint);
    zstr_free (&self->events);
    free (self);
    *self_p = NULL;
}

void
it_service_setenv (it_service_t *self, const char *name, const char *value)
{
    s_env_add (self, zsys_sprintf ("%s=%s", name, value));
}

bool
it_service_alive (it_service_t *self)
{
    if (self->pid <= 0)
        return false;
    int status;
    pid_t rc = waitpid (self->pid, &status, WNOHANG);
    if (rc == self->pid || rc == -1) {
        self->pid = 0;
        return false;
    }
    return true;
}

pid_t
it_service_pid (it_service_t *self)
{
    return self->pid;
}

static void s_wait_ready (it_service_t *self);

void
it_service_start (it_service_t *self)
{
    it_service_spawn (self);
    s_wait_ready (self);
}

void
it_service_spawn (it_service_t *self)
{
    IT_CHECK (self->pid == 0, "the service already runs as %d", (int) self->pid);
    pid_t parent = getpid ();
    char *argv [] = { self->program, NULL };
    pid_t pid = fork ();
    IT_CHECK (pid >= 0, "fork: %s", strerror (errno));
    if (pid == 0) {
        //  Only async-signal-safe calls until execve: the parent has threads
        prctl (PR_SET_PDEATHSIG, SIGKILL);
        if (getppid () != parent)
            _exit (126);
        int log = open (self->log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (log >= 0) {
            dup2 (log, STDOUT_FILENO);
            dup2 (log, STDERR_FILENO);
            close (log);
        }
        execve (self->program, argv, self->env);
        _exit (127);
    }
    self->pid = pid;
}

//  Until the process answers ServiceStatus (at most READY_TRIES polls).
static void
s_wait_ready (it_service_t *self)
{
    pps_client_t *client = pps_client_new (self->endpoint, READY_WAIT_MS, 1);
    IT_CHECK (client, "cannot connect to %s", self->endpoint);
    pps_arena_t *arena = pps_arena_new ();
    bool ready = false;
    for (int attempt = 0; attempt < READY_TRIES && !ready; attempt++) {
        IT_CHECK (it_service_alive (self), "%s exited during start", self->program);
        Registry__RegistryRequest *request = it_request (arena, "it-harness");
        Pps__ServiceStatusRequest *status = pps_arena_alloc (arena, sizeof *status);
        pps__service_status_request__init (status);
        request->op_case = REGISTRY__REGISTRY_REQUEST__OP_SERVICE_STATUS;
        request->service = "";        //  A common operation: any service answers it
        request->service_status = status;
        int64_t sent = zclock_mono ();
        ProtobufCMessage *reply;
        if (pps_client_call (client, &request->base, &registry__registry_reply__descriptor,
                             arena, &reply) == 0)
            ready = pps_client_status (reply)->code == PPS__CODE__OK;
        else {
            //  A refused connection fails at once: keep the pace anyway
            int64_t left = READY_WAIT_MS - (zclock_mono () - sent);
            if (left > 0)
                zclock_sleep ((int) left);
        }
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    IT_CHECK (ready, "%s does not answer ServiceStatus on %s after %d ms",
              self->program, self->endpoint, READY_TRIES * READY_WAIT_MS);
}

int
it_service_stop (it_service_t *self)
{
    if (self->pid <= 0)
        return -1;
    kill (self->pid, SIGTERM);
    for (int attempt = 0; attempt < STOP_TRIES; attempt++) {
        int status;
        pid_t rc = waitpid (self->pid, &status, WNOHANG);
        if (rc == self->pid) {
            //  Say how it ended when not cleanly: the failed check that
            //  follows cannot tell a crash on shutdown from an exit code
            if (WIFSIGNALED (status))
                fprintf (stderr, "it_harness: pid %d ended by signal %d (%s) after SIGTERM\n",
                         (int) self->pid, WTERMSIG (status), strsignal (WTERMSIG (status)));
            else
            if (WIFEXITED (status) && WEXITSTATUS (status))
                fprintf (stderr, "it_harness: pid %d exited with %d after SIGTERM\n",
                         (int) self->pid, WEXITSTATUS (status));
            self->pid = 0;
            return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
        }
        IT_CHECK (rc == 0, "waitpid: %s", strerror (errno));
        zclock_sleep (STOP_WAIT_MS);
    }
    fprintf (stderr, "it_harness: pid %d ignored SIGTERM for %d ms, killing it\n",
             (int) self->pid, STOP_TRIES * STOP_WAIT_MS);
    it_service_kill (self);
    return -1;
}

void
it_service_kill (it_service_t *self)
{
    if (self->pid <= 0)
        return;
    kill (self->pid, SIGKILL);
    waitpid (self->pid, NULL, 0);
    self->pid = 0;
}

const char *it_service_endpoint (it_service_t *self) { return self->endpoint; }
const char *it_service_events (it_service_t *self) { return self->events; }
const char *it_service_data_dir (it_service_t *self) { return self->data_dir; }
const char *it_service_log (it_service_t *self) { return self->log_path; }

//  ---------------------------------------------------------------- client helpers

Registry__RegistryRequest *
it_request (pps_arena_t *arena, const char *actor)
{
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (arena, &registry__registry_request__descriptor);
    char id [33];
    request->request_id = pps_arena_strdup (arena, pps_client_new_request_id (id));
    request->actor = pps_arena_strdup (arena, actor);
    request->service = "registry";
    return request;
}

Registry__RegistryReply *
it_call (pps_client_t *client, pps_arena_t *arena, Registry__RegistryRequest *request)
{
    ProtobufCMessage *reply = NULL;
    int rc = pps_client_call (client, &request->base, &registry__registry_reply__descriptor,
                              arena, &reply);
    IT_CHECK (rc == 0, "no reply to %s (request '%s')",
              pps_reflect_field_name (&registry__registry_request__descriptor, request->op_case),
              request->request_id ? request->request_id : "");
    return (Registry__RegistryReply *) reply;
}

Pps__ServiceStatus *
it_status (pps_client_t *client, pps_arena_t *arena)
{
    Registry__RegistryRequest *request = it_request (arena, "it-harness");
    Pps__ServiceStatusRequest *status = pps_arena_alloc (arena, sizeof *status);
    pps__service_status_request__init (status);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_SERVICE_STATUS;
    request->service = "";            //  A common operation: any service answers it
    request->service_status = status;
    Registry__RegistryReply *reply = it_call (client, arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK,
              "ServiceStatus answered %s", it_code_name (pps_client_status (&reply->base)->code));
    IT_CHECK (reply->result_case == REGISTRY__REGISTRY_REPLY__RESULT_SERVICE_STATUS
              && reply->service_status, "ServiceStatus reply carries no status");
    return reply->service_status;
}

uint64_t
it_last_seq (pps_client_t *client, pps_arena_t *arena)
{
    return it_status (client, arena)->last_seq;
}

size_t
it_events_since (pps_client_t *client, pps_arena_t *arena, uint64_t seq, uint32_t limit,
                 Registry__RegistryEvent ***events_p, ProtobufCBinaryData **raw_p)
{
    Registry__RegistryEvent **events = NULL;
    size_t count = 0;
    ProtobufCBinaryData *raw = NULL;
    size_t raw_capacity = 0;
    uint64_t cursor = seq;
    //  Each page moves the cursor forward, so this ends; the bound only
    //  guards against a server that would repeat itself
    for (int page = 0; page < 1000000; page++) {
        Registry__RegistryRequest *request = it_request (arena, "it-harness");
        Pps__EventsSinceRequest *since = pps_arena_alloc (arena, sizeof *since);
        pps__events_since_request__init (since);
        since->seq = cursor;
        since->limit = limit;
        request->op_case = REGISTRY__REGISTRY_REQUEST__OP_EVENTS_SINCE;
        request->service = "";        //  A common operation: any service answers it
        request->events_since = since;
        Registry__RegistryReply *reply = it_call (client, arena, request);
        const Pps__Status *status = pps_client_status (&reply->base);
        IT_CHECK (status->code == PPS__CODE__OK, "EventsSince(%llu) answered %s: %s",
                  (unsigned long long) cursor, it_code_name (status->code), status->message);
        IT_CHECK (reply->result_case == REGISTRY__REGISTRY_REPLY__RESULT_EVENTS && reply->events,
                  "EventsSince reply carries no batch");
        Pps__EventBatch *batch = reply->events;
        IT_CHECK (limit == 0 || batch->n_events <= limit, "EventsSince returned %zu events, limit %u",
                  batch->n_events, limit);
        for (size_t index = 0; index < batch->n_events; index++) {
            Registry__RegistryEvent *event = (Registry__RegistryEvent *) pps_arena_unpack (
                arena, &registry__registry_event__descriptor,
                batch->events [index].data, batch->events [index].len);
            IT_CHECK (event, "event %zu after seq %llu does not decode as a RegistryEvent",
                      index, (unsigned long long) cursor);
            IT_CHECK (event->seq > cursor, "EventsSince(%llu) returned seq %llu",
                      (unsigned long long) cursor, (unsigned long long) event->seq);
            cursor = event->seq;
            pps_arena_push (arena, (void ***) &events, &count, event);
            if (raw_p) {
                if (count > raw_capacity) {
                    size_t capacity = raw_capacity ? raw_capacity * 2 : 64;
                    ProtobufCBinaryData *grown = pps_arena_alloc (arena, capacity * sizeof *grown);
                    if (raw)
                        memcpy (grown, raw, raw_capacity * sizeof *grown);
                    raw = grown;
                    raw_capacity = capacity;
                }
                raw [count - 1] = batch->events [index];
            }
        }
        if (batch->n_events == 0 || cursor >= batch->last_seq) {
            IT_CHECK (cursor >= batch->last_seq,
                      "EventsSince(%llu) returned nothing but last_seq is %llu",
                      (unsigned long long) cursor, (unsigned long long) batch->last_seq);
            break;
        }
    }
    *events_p = events;
    if (raw_p)
        *raw_p = raw;
    return count;
}

const char *
it_code_name (int code)
{
    const ProtobufCEnumValue *value = protobuf_c_enum_descriptor_get_value (&pps__code__descriptor, code);
    return value ? value->name : "?";
}

int
it_sub_recv (zsock_t *sub, int timeout_ms, char **topic_p, zframe_t **body_p)
{
    zpoller_t *poller = zpoller_new (sub, NULL);
    void *which = zpoller_wait (poller, timeout_ms);
    zpoller_destroy (&poller);
    if (which != sub)
        return -1;
    zmsg_t *message = zmsg_recv (sub);
    if (!message)
        return -1;
    *topic_p = zmsg_popstr (message);
    *body_p = zmsg_pop (message);
    zmsg_destroy (&message);
    if (*topic_p && *body_p)
        return 0;
    zstr_free (topic_p);
    zframe_destroy (body_p);
    return -1;
}

uint64_t
it_random (uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}
