/*  pps_subscriber: keeps a local read model in step with other services'
    event logs (the "clone" pattern of the ZeroMQ guide).

    For each source service it subscribes to the PUB socket and remembers, in
    the subscriber's own LMDB ("meta", key "applied:<source>"), the last seq
    it applied, in the same transaction as the changes that event caused. It
    catches up with EventsSince over the source's ROUTER on start, on a gap
    in seq, when a heartbeat shows a seq it has not applied, and while a
    source that was unreachable comes back. So nothing is lost while the
    subscriber is down, and nothing is applied twice.

    It runs as an actor of its own; the store may be shared with a pps_server
    actor of the same process (LMDB serialises the writers).
*/
#ifndef PPS_SUBSCRIBER_H_INCLUDED
#define PPS_SUBSCRIBER_H_INCLUDED

#include <czmq.h>
#include "pps_config.h"
#include "pps_store.h"

//  Apply one event (a serialized <Source>Event with that seq) inside txn.
//  Returns 0, or -1 to abort the transaction: the events are then retried
//  later, and the failure is logged.
typedef int (pps_apply_fn) (void *arg, MDB_txn *txn, const char *source,
                            uint64_t seq, const uint8_t *event, size_t size);

typedef struct _pps_subscriber_t pps_subscriber_t;

//  Start following the NULL-terminated list of sources (service names whose
//  endpoints come from config). store, config and arg must outlive it.
//  Returns NULL when a socket cannot be made.
//  Caller owns return value and must destroy it.
pps_subscriber_t *pps_subscriber_new (pps_config_t *config, pps_store_t *store,
                                      const char *const *sources,
                                      pps_apply_fn *apply, void *arg);

//  Stop following and destroy; sets *self_p to NULL.
void pps_subscriber_destroy (pps_subscriber_t **self_p);

//  The last seq applied from source, as committed in the store.
uint64_t pps_subscriber_applied (pps_store_t *store, MDB_txn *txn, const char *source);

//  Block until every source's applied seq reaches its last seq as the
//  source reports it now (asked over its ROUTER), or timeout_ms passes.
//  Returns 0 when caught up, -1 on timeout or when a source is unreachable.
int pps_subscriber_sync (pps_subscriber_t *self, int timeout_ms);

//  How far behind source the subscriber is: the source's last seq seen in
//  a heartbeat, event or catch-up minus the seq applied (0 when unknown).
//  Safe from any thread; never waits on the subscriber.
uint64_t pps_subscriber_lag (pps_subscriber_t *self, const char *source);

#endif
