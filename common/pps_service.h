/*  pps_service: what a service gives the common runtime, and what the
    runtime gives each operation's handler.

    A service is data: its name, its databases, its envelope descriptors and
    one table of operations, each mapping a request field to its handler and
    its reply field. Adding an operation touches that table and one function.
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

//  What an operation does, in its table's `write` column, and so who may
//  call it (see pps_security.h): false, a query (any role); true, a write
//  (editor or admin); PPS_OP_ADMIN, a write only the admin role may call
//  (finalising and pushing bilans).
typedef enum {
    PPS_OP_READ = 0,
    PPS_OP_WRITE = 1,
    PPS_OP_ADMIN = 2
} pps_op_kind_t;

typedef struct {
    uint32_t op;                  //  Field number in <Svc>Request's oneof
    const char *name;             //  For logs and metrics
    pps_op_kind_t write;          //  Non-zero: needs a request_id; idempotent; commits
    uint32_t result;              //  Field number in <Svc>Reply's oneof, 0 = none
    pps_handler_fn *handler;
} pps_op_t;

typedef struct {
    const char *name;                               //  "registry": topics, data dir
    uint32_t schema_version;                        //  Checked against meta
    const char *const *databases;                   //  NULL-terminated names
    const ProtobufCMessageDescriptor *request;      //  <Svc>Request
    const ProtobufCMessageDescriptor *reply;        //  <Svc>Reply
    const ProtobufCMessageDescriptor *event;        //  <Svc>Event
    const pps_op_t *ops;                            //  Operation table
    size_t op_count;
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
//  commit. Returns 0, or -1 with the call failed.
int pps_call_emit (pps_call_t *call, const char *topic, uint32_t change_field,
                   const ProtobufCMessage *record);

//  Append an event to service's log in txn from outside a request (an
//  actor of the service's own, such as an outbox): the same event a handler
//  would emit, with the next seq. It is not published live (the PUB socket
//  belongs to the server actor): subscribers fetch it at the next heartbeat,
//  which shows the new last seq. Returns the seq, or 0 on a storage error.
uint64_t pps_service_log_event (const pps_service_t *service, pps_store_t *store, MDB_txn *txn,
                                pps_arena_t *arena, const char *actor, const char *topic,
                                uint32_t change_field, const ProtobufCMessage *record);

#endif
