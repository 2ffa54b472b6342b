/*  pps_requests: the write request ids a service has applied, with their
    first reply, in its "requests" database: value = [8 bytes time ms]
    [reply bytes]. A repeated id gets that reply and writes nothing. Ids are
    remembered for a retention period (server/request_ttl_days, 30 days by
    default) and then forgotten, so the database does not grow for ever; a
    client retries within seconds, not months.
*/
#ifndef PPS_REQUESTS_H_INCLUDED
#define PPS_REQUESTS_H_INCLUDED

#include "pps_store.h"

//  The first reply to request_id, copied into arena. Returns 0, or
//  MDB_NOTFOUND when the id was never applied (or has been forgotten).
int pps_requests_find (pps_store_t *store, MDB_txn *txn, const char *request_id,
                       pps_arena_t *arena, uint8_t **reply_p, size_t *size_p);

//  Remember request_id, applied at now_ms, with its reply. Returns 0 or an
//  LMDB error code.
int pps_requests_remember (pps_store_t *store, MDB_txn *txn, const char *request_id,
                           int64_t now_ms, const uint8_t *reply, size_t size);

//  Forget the ids applied before cutoff_ms, at most limit of them, in one
//  durable transaction of its own. Returns how many were forgotten, or -1.
int64_t pps_requests_prune (pps_store_t *store, int64_t cutoff_ms, size_t limit);

//  Self test.
void pps_requests_test (bool verbose);

#endif
