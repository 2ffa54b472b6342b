/*  it_harness: runs pps-registry (or another service) as a real process for
    the integration tests (tests/it_*.c), and the few helpers every scenario
    needs to drive it.

    A service gets a fresh data directory (mkdtemp), its endpoints (ipc://
    under that directory, or tcp://127.0.0.1 on two free ports), and is
    started with fork + execve, the configuration passed only through the
    environment as an operator would. Start waits until the process answers
    ServiceStatus; stop is SIGTERM then waitpid, with a SIGKILL fallback;
    kill is SIGKILL, to simulate a crash; a restart reuses the same data
    directory. The child dies with the test (PR_SET_PDEATHSIG), so a test
    killed by ctest's timeout leaves no service behind.

    A failed IT_CHECK prints where and why, the tail of each live service's
    log, kills every live service, removes their data directories and exits
    with status 1.
*/
#ifndef IT_HARNESS_H_INCLUDED
#define IT_HARNESS_H_INCLUDED

#include <czmq.h>
#include "pps_arena.h"
#include "pps_client.h"
#include "registry.pb-c.h"

typedef struct _it_service_t it_service_t;

typedef enum {
    IT_IPC,                   //  ipc:// sockets in the data directory
    IT_TCP                    //  tcp://127.0.0.1 on free ports
} it_transport_t;

//  Fail the test unless condition holds; the message is printf-style.
#define IT_CHECK(condition, ...) \
    do { if (!(condition)) it_fail (__FILE__, __LINE__, #condition, __VA_ARGS__); } while (0)

//  Report a failure, clean up every live service and exit (1).
void it_fail (const char *file, int line, const char *condition, const char *format, ...)
    __attribute__ ((noreturn, format (printf, 4, 5)));

//  Prepare a service running program (the pps-registry binary) over
//  transport, with a fresh data directory. Does not start it.
//  Caller owns return value and must destroy it.
it_service_t *it_service_new (const char *program, it_transport_t transport);

//  Same for the program of another service (its name gives the endpoints'
//  defaults and environment names: "projects" -> projects.ipc,
//  PPS_PROJECTS_ENDPOINT). Requests to it are sent with the service's own
//  envelope; start only uses ServiceStatus, which every envelope shares.
it_service_t *it_service_new_named (const char *program, const char *service,
                                    it_transport_t transport);

//  Stop the service if it runs, remove its data directory; sets *self_p to NULL.
void it_service_destroy (it_service_t **self_p);

//  Add name=value to the child's environment (before start).
void it_service_setenv (it_service_t *self, const char *name, const char *value);

//  Start the process and wait until it answers ServiceStatus (at most
//  100 x 50 ms). Fails the test when it exits or does not answer.
void it_service_start (it_service_t *self);

//  Start the process and return at once (a test that stops it mid-start).
void it_service_spawn (it_service_t *self);

//  SIGTERM, then wait up to 5 s for the exit, then SIGKILL. Returns the exit
//  status, or -1 when it had to be killed or died of a signal.
int it_service_stop (it_service_t *self);

//  SIGKILL and reap: a crash.
void it_service_kill (it_service_t *self);

//  True while the process has not exited (waitpid WNOHANG).
bool it_service_alive (it_service_t *self);

//  The process id, 0 when not running.
pid_t it_service_pid (it_service_t *self);

//  ROUTER and PUB endpoints, and the data directory.
const char *it_service_endpoint (it_service_t *self);
const char *it_service_events (it_service_t *self);
const char *it_service_data_dir (it_service_t *self);
//  The file the child's stdout and stderr go to, across its starts.
const char *it_service_log (it_service_t *self);

//  ---------------------------------------------------------------- client helpers

//  A request with a fresh request id and actor, in arena. Reads carry one
//  too, so that the client drops a late answer to an earlier call.
Registry__RegistryRequest *it_request (pps_arena_t *arena, const char *actor);

//  Send request and return the reply; fails the test on a timeout or an
//  undecodable reply. The reply lives in arena.
Registry__RegistryReply *it_call (pps_client_t *client, pps_arena_t *arena,
                                  Registry__RegistryRequest *request);

//  The service's ServiceStatus (fails the test when it does not answer).
Pps__ServiceStatus *it_status (pps_client_t *client, pps_arena_t *arena);

//  The last committed seq, from ServiceStatus.
uint64_t it_last_seq (pps_client_t *client, pps_arena_t *arena);

//  Every event after seq, paged by limit; each is checked to decode as a
//  RegistryEvent. Sets *events_p to an array in arena (of raw bytes too in
//  *raw_p when not NULL). Returns the count.
size_t it_events_since (pps_client_t *client, pps_arena_t *arena, uint64_t seq, uint32_t limit,
                        Registry__RegistryEvent ***events_p, ProtobufCBinaryData **raw_p);

//  Name of a status code ("INVALID_ARGUMENT").
const char *it_code_name (int code);

//  Receive one message from a SUB socket within timeout_ms: its topic
//  (caller frees) and body. Returns 0, or -1 on timeout.
int it_sub_recv (zsock_t *sub, int timeout_ms, char **topic_p, zframe_t **body_p);

//  Deterministic pseudo-random numbers (xorshift64*), so a failing run can
//  be repeated exactly.
uint64_t it_random (uint64_t *state);

#endif
