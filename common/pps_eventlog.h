/*  pps_eventlog: the service's event log, in its LMDB "events" database.

    Every committed change appends one serialized <Svc>Event under the next
    seq (big-endian key), in the same transaction as the change, and the last
    seq is kept in meta. The log is the source for EventsSince catch-up and
    the audit trail: who changed what, when.
*/
#ifndef PPS_EVENTLOG_H_INCLUDED
#define PPS_EVENTLOG_H_INCLUDED

#include "pps_store.h"
#include "common.pb-c.h"

//  The last seq committed (or written in txn); 0 for an empty log.
uint64_t pps_eventlog_last_seq (pps_store_t *store, MDB_txn *txn);

//  Append the event bytes under seq, which must be last_seq + 1, and make it
//  the last seq. Returns 0 or an LMDB error code (EINVAL for a wrong seq).
int pps_eventlog_append (pps_store_t *store, MDB_txn *txn, uint64_t seq,
                         const void *bytes, size_t size);

//  Fill batch with the events after seq, at most limit of them and no more
//  than max_bytes in all (at least one event is always returned when there
//  is one). The bytes live in arena. Returns 0 or an LMDB error code.
int pps_eventlog_since (pps_store_t *store, MDB_txn *txn, uint64_t seq,
                        uint32_t limit, size_t max_bytes, pps_arena_t *arena,
                        Pps__EventBatch *batch);

//  Self test.
void pps_eventlog_test (bool verbose);

#endif
