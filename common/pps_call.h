/*  pps_call: one request while its handler runs, and the events it emits.

    Internal to the runtime: the server actor (pps_server.c) fills a call
    for each request, and the call API that handlers use (declared in
    pps_service.h) is implemented over it here. Services include
    pps_service.h only.
*/
#ifndef PPS_CALL_H_INCLUDED
#define PPS_CALL_H_INCLUDED

#include "pps_service.h"

//  An event logged in the batch's transaction, published after the commit.
typedef struct {
    char *topic;                      //  Full topic, in the batch arena
    uint8_t *bytes;                   //  Serialized <Svc>Event, in the batch arena
    size_t size;
} pps_pending_event_t;

//  The events of a batch, in seq order.
typedef struct {
    pps_pending_event_t *events;      //  Heap array; its contents live in the arena
    size_t count;
    size_t capacity;
} pps_pending_t;

struct _pps_call_t {
    const pps_service_t *service;     //  Whose call
    pps_store_t *store;
    pps_arena_t *arena;               //  The batch arena
    pps_pending_t *pending;           //  Where emitted events go
    MDB_txn *txn;                     //  The handler's transaction
    const char *request_id;
    const char *actor;                //  Recorded in events: the key's name when authenticated
    int64_t now_ms;
    Pps__Status *status;              //  Set when the call failed
};

//  A Status in arena (field and message copied).
Pps__Status *pps_call_status_new (pps_arena_t *arena, Pps__Code code, const char *field,
                                  const char *message);

//  Free the heap array of pending (not the events' bytes, which live in
//  the arena); pending itself is not freed.
void pps_pending_free (pps_pending_t *pending);

#endif
