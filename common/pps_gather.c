/*  pps_gather: how long a batch of requests waits before its commit.  */
#include "pps_gather.h"

#include <time.h>

#define GATHER_CLIENTS_MAX  256
#define GATHER_IDENTITY_MAX 32

typedef struct {
    uint8_t identity [GATHER_IDENTITY_MAX];
    size_t size;
    int64_t last_seen_us;         //  Monotonic
    bool in_batch;                //  Has a request in the current batch
} client_t;

struct _pps_gather_t {
    client_t clients [GATHER_CLIENTS_MAX];
    size_t count;
    int64_t linger_us;
    int64_t window_us;
    int64_t deadline_us;          //  Of the current batch's linger, 0 before it starts
    size_t in_batch;
};

pps_gather_t *
pps_gather_new (int64_t linger_us, int64_t window_us)
{
    pps_gather_t *self = calloc (1, sizeof (pps_gather_t));
    assert (self);
    self->linger_us = linger_us;
    self->window_us = window_us;
    return self;
}

void
pps_gather_destroy (pps_gather_t **self_p)
{
    assert (self_p);
    free (*self_p);
    *self_p = NULL;
}

void
pps_gather_begin (pps_gather_t *self)
{
    for (size_t index = 0; index < self->count; index++)
        self->clients [index].in_batch = false;
    self->in_batch = 0;
    self->deadline_us = 0;
}

void
pps_gather_seen (pps_gather_t *self, zframe_t *identity)
{
    if (!identity)
        return;
    size_t size = zframe_size (identity);
    if (size > GATHER_IDENTITY_MAX)
        size = GATHER_IDENTITY_MAX;
    int64_t now = zclock_usecs ();
    client_t *slot = NULL, *oldest = NULL;
    for (size_t index = 0; index < self->count && !slot; index++) {
        client_t *client = &self->clients [index];
        if (client->size == size && memcmp (client->identity, zframe_data (identity), size) == 0)
            slot = client;
        else
        if (!oldest || client->last_seen_us < oldest->last_seen_us)
            oldest = client;
    }
    if (!slot) {
        //  A new client takes a free slot, or the one heard from longest ago
        slot = self->count < GATHER_CLIENTS_MAX ? &self->clients [self->count++] : oldest;
        memcpy (slot->identity, zframe_data (identity), size);
        slot->size = size;
        slot->in_batch = false;
    }
    slot->last_seen_us = now;
    if (!slot->in_batch) {
        slot->in_batch = true;
        self->in_batch++;
    }
}

bool
pps_gather_more (pps_gather_t *self, zsock_t *socket)
{
    int64_t now = zclock_usecs ();
    size_t active = 0;
    for (size_t index = 0; index < self->count; index++)
        if (now - self->clients [index].last_seen_us <= self->window_us)
            active++;
    if (self->in_batch >= active || self->linger_us <= 0)
        return false;
    if (self->deadline_us == 0)
        self->deadline_us = now + self->linger_us;
    //  A round trip on loopback is tens of microseconds: poll at that pace
    while (zclock_usecs () < self->deadline_us) {
        if (zsock_events (socket) & ZMQ_POLLIN)
            return true;
        struct timespec pause = { 0, 20 * 1000 };
        nanosleep (&pause, NULL);
    }
    return (zsock_events (socket) & ZMQ_POLLIN) != 0;
}

void
pps_gather_test (bool verbose)
{
    (void) verbose;
    pps_gather_t *gather = pps_gather_new (2000, 1000000);
    zsock_t *pull = zsock_new_pull ("inproc://gather-test");
    zsock_t *push = zsock_new_push ("inproc://gather-test");
    assert (pull && push);
    zframe_t *alice = zframe_new ("alice", 5);
    zframe_t *bob = zframe_new ("bob", 3);

    //  A lone client never waits
    pps_gather_begin (gather);
    pps_gather_seen (gather, alice);
    int64_t start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));
    assert (zclock_usecs () - start < 1000);

    //  Two active clients, one in the batch: wait for the other, bounded
    pps_gather_seen (gather, bob);
    pps_gather_begin (gather);
    pps_gather_seen (gather, alice);
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));       //  Nobody sends: the linger runs out
    assert (zclock_usecs () - start >= 2000);
    assert (!pps_gather_more (gather, pull));       //  ... and stays out for this batch
    zstr_send (push, "bob's request");
    pps_gather_begin (gather);
    pps_gather_seen (gather, alice);
    assert (pps_gather_more (gather, pull));        //  Input is there
    char *text = zstr_recv (pull);
    zstr_free (&text);
    pps_gather_seen (gather, bob);
    assert (!pps_gather_more (gather, pull));       //  Everyone is in

    zframe_destroy (&alice);
    zframe_destroy (&bob);
    zsock_destroy (&push);
    zsock_destroy (&pull);
    pps_gather_destroy (&gather);
}
