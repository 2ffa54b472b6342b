/*  notify_raise: the outbox's bookkeeping shared by the raising code, the
    senders and the operations (see notify_raise.c for the databases).  */
#ifndef NOTIFY_RAISE_H_INCLUDED
#define NOTIFY_RAISE_H_INCLUDED

#include "notify.h"

//  Put the delivery in "pending" under its channel, due at its
//  next_attempt_ms. Returns 0 or an LMDB code.
int notify_pending_put (MDB_txn *txn, pps_store_t *store, const Notify__Delivery *delivery);

//  Take the delivery out of "pending" (absent is fine). Returns 0 or an LMDB code.
int notify_pending_del (MDB_txn *txn, pps_store_t *store, const Notify__Delivery *delivery);

//  Mark the delivery FAILED in "failed", or unmark it. Returns 0 or an LMDB code.
int notify_failed_mark (MDB_txn *txn, pps_store_t *store, uint64_t delivery_id, bool failed);

#endif
