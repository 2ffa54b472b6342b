/*  pps_supervisor: every service of a region as its own child process,
    restarted when it dies, stopped by PID (see pps_supervisor.h).  */
#include "pps_supervisor.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "pps_arena.h"
#include "pps_client.h"
#include "pps_reflect.h"

#define BACKOFF_FIRST_MS   500
#define BACKOFF_MAX_MS     30000
//  A child that ran this long before dying starts again at once
#define HEALTHY_RUN_MS     30000
#define STOP_GRACE_MS      10000
#define TICK_MS            100

typedef struct {
    char *name;                       //  "registry"
    char *program;                    //  <dir>/pps-registry
    pid_t pid;                        //  Running child, or 0
    int64_t started_ms;               //  When it was last started (monotonic)
    int64_t restart_at_ms;            //  When to start it again, while pid is 0
    int64_t backoff_ms;               //  Wait before the next restart
    unsigned restarts;                //  How many times it was started again
} child_t;

struct _pps_supervisor_t {
    child_t *children;                //  One per service, in start order
    size_t count;
    char *config_path;                //  -c, or NULL
    bool verbose;                     //  -v
};

//  The directory of the running program, or "." when unknown.
static char *
s_program_dir (void)
{
    char path [PATH_MAX];
    ssize_t length = readlink ("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0)
        return strdup (".");
    path [length] = 0;
    char *slash = strrchr (path, '/');
    if (slash)
        *slash = 0;
    return strdup (path);
}

pps_supervisor_t *
pps_supervisor_new (const char *const *names, const char *config_path, bool verbose)
{
    pps_supervisor_t *self = calloc (1, sizeof (pps_supervisor_t));
    assert (self);
    while (names [self->count])
        self->count++;
    self->children = calloc (self->count, sizeof (child_t));
    assert (self->children);
    self->config_path = config_path ? strdup (config_path) : NULL;
    self->verbose = verbose;
    char *dir = s_program_dir ();
    bool missing = false;
    for (size_t index = 0; index < self->count; index++) {
        child_t *child = &self->children [index];
        child->name = strdup (names [index]);
        child->program = zsys_sprintf ("%s/pps-%s", dir, names [index]);
        child->backoff_ms = BACKOFF_FIRST_MS;
        if (access (child->program, X_OK)) {
            zsys_error ("supervisor: no program %s: %s", child->program, strerror (errno));
            missing = true;
        }
    }
    free (dir);
    if (missing)
        pps_supervisor_destroy (&self);
    return self;
}

//  Reap whatever child ended, without waiting; returns its pid or 0.
static pid_t
s_reap (pps_supervisor_t *self, int *status_p)
{
    pid_t pid = waitpid (-1, status_p, WNOHANG);
    return pid > 0 ? pid : 0;
}

void
pps_supervisor_destroy (pps_supervisor_t **self_p)
{
    assert (self_p);
    pps_supervisor_t *self = *self_p;
    if (!self)
        return;
    //  In the reverse of the start order, each by its own PID
    for (size_t index = self->count; index > 0; index--) {
        child_t *child = &self->children [index - 1];
        if (child->pid > 0)
            kill (child->pid, SIGTERM);
    }
    int64_t deadline = zclock_mono () + STOP_GRACE_MS;
    size_t running = 0;
    do {
        int status;
        pid_t pid;
        while ((pid = s_reap (self, &status)))
            for (size_t index = 0; index < self->count; index++)
                if (self->children [index].pid == pid)
                    self->children [index].pid = 0;
        running = 0;
        for (size_t index = 0; index < self->count; index++)
            running += self->children [index].pid > 0;
        if (running)
            zclock_sleep (50);
    } while (running && zclock_mono () < deadline);
    for (size_t index = 0; index < self->count; index++) {
        child_t *child = &self->children [index];
        if (child->pid > 0) {
            zsys_warning ("supervisor: %s (pid %d) did not stop in %d s; killing it",
                          child->name, (int) child->pid, STOP_GRACE_MS / 1000);
            kill (child->pid, SIGKILL);
            waitpid (child->pid, NULL, 0);
            child->pid = 0;
        }
        free (child->name);
        free (child->program);
    }
    free (self->children);
    free (self->config_path);
    free (self);
    *self_p = NULL;
}

//  Start one child; returns 0 or -1 when fork fails.
static int
s_start (pps_supervisor_t *self, child_t *child)
{
    char *argv [6];
    size_t argc = 0;
    argv [argc++] = child->program;
    if (self->config_path) {
        argv [argc++] = "-c";
        argv [argc++] = self->config_path;
    }
    if (self->verbose)
        argv [argc++] = "-v";
    argv [argc] = NULL;
    pid_t parent = getpid ();
    pid_t pid = fork ();
    if (pid < 0) {
        zsys_error ("supervisor: cannot start %s: %s", child->name, strerror (errno));
        return -1;
    }
    if (pid == 0) {
        //  A supervisor killed outright (SIGKILL, the OOM killer) must not
        //  leave its services running: they would hold the endpoints and
        //  the LMDB lock its restart needs. SIGTERM lets them commit and stop.
        if (prctl (PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid () != parent)
            _exit (127);
        //  In the child: the program replaces us, with our environment
        execv (child->program, argv);
        _exit (127);
    }
    child->pid = pid;
    child->started_ms = zclock_mono ();
    zsys_info ("supervisor: %s started (pid %d)", child->name, (int) pid);
    return 0;
}

int
pps_supervisor_start (pps_supervisor_t *self)
{
    for (size_t index = 0; index < self->count; index++)
        if (s_start (self, &self->children [index]))
            return -1;
    return 0;
}

//  Record that child ended with status, and when to start it again.
static void
s_ended (child_t *child, int status)
{
    int64_t now = zclock_mono ();
    int64_t ran = now - child->started_ms;
    if (ran >= HEALTHY_RUN_MS)
        child->backoff_ms = BACKOFF_FIRST_MS;
    if (WIFEXITED (status))
        zsys_warning ("supervisor: %s (pid %d) exited with status %d after %.1f s; "
                      "restart in %.1f s", child->name, (int) child->pid, WEXITSTATUS (status),
                      ran / 1000.0, child->backoff_ms / 1000.0);
    else
        zsys_warning ("supervisor: %s (pid %d) killed by signal %d after %.1f s; "
                      "restart in %.1f s", child->name, (int) child->pid,
                      WIFSIGNALED (status) ? WTERMSIG (status) : 0, ran / 1000.0,
                      child->backoff_ms / 1000.0);
    child->pid = 0;
    child->restart_at_ms = now + child->backoff_ms;
    child->backoff_ms = child->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS
                                                               : child->backoff_ms * 2;
}

void
pps_supervisor_tick (pps_supervisor_t *self)
{
    int status;
    pid_t pid;
    while ((pid = s_reap (self, &status)))
        for (size_t index = 0; index < self->count; index++)
            if (self->children [index].pid == pid)
                s_ended (&self->children [index], status);
    //  No restart once we are told to stop
    if (zsys_interrupted)
        return;
    int64_t now = zclock_mono ();
    for (size_t index = 0; index < self->count; index++) {
        child_t *child = &self->children [index];
        if (child->pid == 0 && now >= child->restart_at_ms && s_start (self, child) == 0)
            child->restarts++;
    }
}

//  True when the service answers a ServiceStatus request within timeout_ms.
static bool
s_answers (pps_config_t *config, const char *name, int timeout_ms)
{
    //  The gateway is no ZeroMQ service: running is all we can ask of it
    //  here (its log says when it listens)
    if (streq (name, "web"))
        return true;
    pps_client_t *client = pps_client_new (pps_config_endpoint (config, name), timeout_ms, 1);
    if (!client)
        return false;
    pps_arena_t *arena = pps_arena_new ();
    Pps__CommonRequest *request = (Pps__CommonRequest *)
        pps_arena_message (arena, &pps__common_request__descriptor);
    char id [33];
    request->request_id = pps_client_new_request_id (id);
    pps_reflect_set_message (&request->base, PPS__COMMON_REQUEST__OP_SERVICE_STATUS,
                             pps_arena_message (arena, &pps__service_status_request__descriptor));
    ProtobufCMessage *reply;
    bool answers = pps_client_call (client, &request->base, &pps__common_reply__descriptor,
                                    arena, &reply) == 0
                && pps_client_status (reply)->code == PPS__CODE__OK;
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return answers;
}

int
pps_supervisor_wait_ready (pps_supervisor_t *self, pps_config_t *config, int timeout_ms)
{
    int64_t deadline = zclock_mono () + timeout_ms;
    bool *ready = calloc (self->count, sizeof (bool));
    assert (ready);
    size_t waiting = self->count;
    while (waiting && !zsys_interrupted && zclock_mono () < deadline) {
        pps_supervisor_tick (self);
        for (size_t index = 0; index < self->count; index++)
            if (!ready [index] && self->children [index].pid
            &&  s_answers (config, self->children [index].name, 200)) {
                ready [index] = true;
                waiting--;
            }
        if (waiting)
            zclock_sleep (TICK_MS);
    }
    for (size_t index = 0; index < self->count; index++)
        if (!ready [index])
            zsys_error ("supervisor: %s does not answer at %s", self->children [index].name,
                        pps_config_endpoint (config, self->children [index].name));
    free (ready);
    return waiting ? -1 : 0;
}

void
pps_supervisor_run (pps_supervisor_t *self)
{
    //  czmq's handler sets zsys_interrupted on SIGINT and SIGTERM
    while (!zsys_interrupted) {
        pps_supervisor_tick (self);
        zclock_sleep (TICK_MS);
    }
}
