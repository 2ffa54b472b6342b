/*  pps_gather: how long a batch of requests waits before its commit.

    A durable commit costs about the same whatever it holds, so a batch
    should hold a request of every client that is busy writing. The clients
    answered by the last commit send their next request a round trip later:
    starting the next batch at once with what is queued splits the clients
    into groups that take turns (measured: 8 clients, about 4 writes per
    commit). So the server notes which clients have sent a write lately and,
    when the batch holds a write and one of those writers has no request in
    it yet, waits a little (a bounded linger, under a commit's cost) for
    them to join the batch. Only a commit is worth waiting for: a batch of
    reads never waits, and a client that only reads is never waited for.
*/
#ifndef PPS_GATHER_H_INCLUDED
#define PPS_GATHER_H_INCLUDED

#include <czmq.h>

typedef struct _pps_gather_t pps_gather_t;

//  A gatherer that waits at most linger_us for late writers and counts the
//  clients that sent a write in the last window_us. Caller owns return value.
pps_gather_t *pps_gather_new (int64_t linger_us, int64_t window_us);

//  Destroy; sets *self_p to NULL.
void pps_gather_destroy (pps_gather_t **self_p);

//  Note a request from the client with this routing identity; writes says
//  whether it is a write (an operation that may change the store).
void pps_gather_seen (pps_gather_t *self, zframe_t *identity, bool writes);

//  Start a batch: forget the clients counted in the previous one.
void pps_gather_begin (pps_gather_t *self);

//  True when the batch should wait for more: it holds a write, a client that
//  sent a write in the last window has no request in it yet, and the linger
//  has not run out. Waits (a short sleep) for socket to have input, and
//  returns whether it has. Without a write in the batch, or without such a
//  writer, returns false at once.
bool pps_gather_more (pps_gather_t *self, zsock_t *socket);

//  Self test.
void pps_gather_test (bool verbose);

#endif
