/*  pps_call: one request while its handler runs, and the events it emits.

    Internal to the runtime: the server actor (pps_server.c) fills a call
    for each request, and the call API that handlers use (declared in
    pps_service.h) is implemented over it here. Services include
    pps_service.h only.
*/
#ifndef PPS_CALL_H_INCLUDED
#define PPS_CALL_H_INCLUDED

#include "pps_service.h"

struct _pps_call_t {
    const pps_service_t *service;     //  Whose call
    pps_store_t *store;
    pps_arena_t *arena;               //  The batch arena
    MDB_txn *txn;                     //  The handler's transaction
    const char *request_id;
    const char *actor;                //  Recorded in events: the key's name when authenticated
    int64_t now_ms;
    Pps__Status *status;              //  Set when the call failed
};

//  A Status in arena (field and message copied).
Pps__Status *pps_call_status_new (pps_arena_t *arena, Pps__Code code, const char *field,
                                  const char *message);

#endif
