/*  pps_service: what a service gives the common runtime, and what the
    runtime gives each operation's handler.

    A service is data: its name, its databases, its envelope descriptors,
    the topics of its events and one table of operations, each naming the
    request's member it serves, its handler, its reply's member, its kind,
    what it does and its required fields. Adding an operation touches that
    table (an X-macro in the service's header) and one function.
    The runtime (pps_server) decodes requests, checks request ids, runs the
    handler inside a write transaction, stores the event log and the reply,
    commits, then replies and publishes.
*/
#ifndef PPS_SERVICE_H_INCLUDED
#define PPS_SERVICE_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include "pps_arena.h"
#include "pps_config.h"
#include "pps_store.h"
#include "common.pb-c.h"

typedef struct _pps_call_t pps_call_t;

//  A handler reads op (the request's oneof member) and, on success, sets
//  *result_p to the message for the reply's result field (allocated in the
//  call's arena) and returns 0. On failure it returns pps_call_fail (...);
//  it may still set *result_p to detail the refusal (the rows an import
//  refused, say): the reply then carries both the status and that result.
typedef int (pps_handler_fn) (void *self, pps_call_t *call, const void *op,
                              ProtobufCMessage **result_p);

//  What an operation does, and so who may call it (see pps_security.h): a
//  query (any role); a write (editor or admin), which needs a request_id;
//  an admin write (finalising and pushing bilans).
typedef enum {
    PPS_OP_READ = 0,
    PPS_OP_WRITE = 1,
    PPS_OP_ADMIN = 2
} pps_op_kind_t;

//  One operation, as its service declares it once (see PPS_OP_ENTRY): the
//  runtime serves it, Describe tells clients of it, ppsctl and the HTTP API
//  follow from it.
typedef struct {
    const char *name;             //  Member of <Svc>Request's oneof op
    pps_op_kind_t kind;
    const char *result;           //  Member of <Svc>Reply's oneof result, "" = none
    pps_handler_fn *handler;
    const char *summary;          //  One line in plain words
    const char *required;         //  Space-separated dotted paths in the
                                  //  operation's message its handler refuses
                                  //  to go without; "a|b": one of them
} pps_op_t;

//  A handler's definition: PPS_HANDLER (registry_get_region) { ... }
#define PPS_HANDLER(name) \
    int name (void *self, pps_call_t *call, const void *op, ProtobufCMessage **result_p)

/*  A service lists its operations once, as an X-macro taking the macro to
    apply and the handlers' prefix:
        #define REGISTRY_OPERATIONS(OP, P) \
            OP (P, get_region, READ, region, "Show one region.", "id") ...
    REGISTRY_OPERATIONS (PPS_OP_DECLARE, registry) declares every handler;
    REGISTRY_OPERATIONS (PPS_OP_ENTRY, registry) fills the pps_op_t table.  */
#define PPS_OP_DECLARE(prefix, name, kind, result, summary, required) \
    PPS_HANDLER (prefix##_##name);
#define PPS_OP_ENTRY(prefix, name, kind, result, summary, required) \
    { #name, PPS_OP_##kind, #result, prefix##_##name, summary, required },

//  A limit of the service's own, beyond those every request is checked
//  against (pps_limits in pps_describe.h); told by Describe.
typedef struct {
    const char *name;             //  "title_bytes"
    uint64_t value;
    const char *applies_to;       //  In plain words
} pps_limit_t;

typedef struct {
    const char *name;                               //  "registry": topics, data dir
    uint32_t schema_version;                        //  Checked against meta
    const char *const *databases;                   //  NULL-terminated names
    const ProtobufCMessageDescriptor *request;      //  <Svc>Request
    const ProtobufCMessageDescriptor *reply;        //  <Svc>Reply
    const ProtobufCMessageDescriptor *event;        //  <Svc>Event
    const pps_op_t *ops;                            //  Operation table
    size_t op_count;
    //  Every "entity.verb" its events may carry, NULL-terminated: an event
    //  under another topic is refused (INTERNAL), so Describe tells them all.
    const char *const *topics;
    const pps_limit_t *limits;                      //  Its own limits
    size_t limit_count;
    //  Create the service's own state once the store is open; NULL on failure.
    void *(*create) (pps_store_t *store, pps_config_t *config);
    void (*destroy) (void **self_p);
    //  Optional: add the service's own gauges to its status (memory from
    //  arena). Called on the server actor outside any transaction; must not
    //  block for long.
    void (*status) (void *self, pps_arena_t *arena, Pps__ServiceStatus *status);
} pps_service_t;

//  Append a gauge to a status (name and label are not copied).
void pps_status_gauge (pps_arena_t *arena, Pps__ServiceStatus *status, const char *name,
                       const char *label, double value, const char *text);

//  Limits every request is checked against before any handler runs.
#define PPS_REQUEST_ID_MAX   128
#define PPS_ACTOR_MAX        128
#define PPS_SERVICE_NAME_MAX 32

//  The call's arena: everything a handler allocates lives until the reply left.
pps_arena_t *pps_call_arena (pps_call_t *call);

//  The transaction the handler works in (a write transaction for writes).
MDB_txn *pps_call_txn (pps_call_t *call);

//  The service's store.
pps_store_t *pps_call_store (pps_call_t *call);

//  Who asked: the name in the client's certificate when the request came
//  over CURVE, else the actor the request claims ("" when it did not say);
//  and the request id.
const char *pps_call_actor (pps_call_t *call);
const char *pps_call_request_id (pps_call_t *call);

//  When the call is served, in ms since the epoch.
int64_t pps_call_now_ms (pps_call_t *call);

//  Record the failure of the call; returns -1 so that a handler can
//  "return pps_call_fail (...)". field is the offending field's name.
int pps_call_fail (pps_call_t *call, Pps__Code code, const char *field,
                   const char *format, ...) __attribute__ ((format (printf, 4, 5)));

//  Same for an LMDB error: a full map is RESOURCE_EXHAUSTED, the rest INTERNAL.
int pps_call_fail_lmdb (pps_call_t *call, int rc, const char *what);

//  Append an event carrying record as the <Svc>Event's change field number
//  change_field, under topic "<service>.<entity>.<verb>" (give "entity.verb").
//  The event is logged in the call's transaction and published after the
//  commit. Returns 0, or -1 with the call failed (a topic the service does
//  not declare fails it too).
int pps_call_emit (pps_call_t *call, const char *topic, uint32_t change_field,
                   const ProtobufCMessage *record);

//  Append an event to service's log in txn from outside a request (an
//  actor of the service's own, such as an outbox): the same event a handler
//  would emit, with the next seq. The server actor publishes it live once
//  it is committed (it reads the log every server/publish_poll_ms, 50 by
//  default). Returns the seq, or 0 on a storage error or an undeclared topic.
uint64_t pps_service_log_event (const pps_service_t *service, pps_store_t *store, MDB_txn *txn,
                                pps_arena_t *arena, const char *actor, const char *topic,
                                uint32_t change_field, const ProtobufCMessage *record);

#endif
