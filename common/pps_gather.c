/*  pps_gather: how long a batch of requests waits before its commit.  */
#include "pps_gather.h"

#include <time.h>

#define GATHER_CLIENTS_MAX  256
#define GATHER_IDENTITY_MAX 32

typedef struct {
    uint8_t identity [GATHER_IDENTITY_MAX];
    size_t size;
    int64_t last_seen_us;         //  Monotonic: any request
    int64_t last_write_us;        //  Monotonic: a write; 0 when none yet
    bool in_batch;                //  Has a request in the current batch
} client_t;

struct _pps_gather_t {
    client_t clients [GATHER_CLIENTS_MAX];
    size_t count;
    int64_t linger_us;
    int64_t window_us;
    int64_t deadline_us;          //  Of the current batch's linger, 0 before it starts
    size_t in_batch;
    bool batch_writes;            //  The current batch holds a write
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
    self->batch_writes = false;
    self->deadline_us = 0;
}

void
pps_gather_seen (pps_gather_t *self, zframe_t *identity, bool writes)
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
        slot->last_write_us = 0;
        slot->in_batch = false;
    }
    slot->last_seen_us = now;
    if (writes) {
        slot->last_write_us = now;
        self->batch_writes = true;
    }
    if (!slot->in_batch) {
        slot->in_batch = true;
        self->in_batch++;
    }
}

bool
pps_gather_more (pps_gather_t *self, zsock_t *socket)
{
    //  Only a commit is worth waiting for, and only a writer to join it
    if (!self->batch_writes || self->linger_us <= 0)
        return false;
    int64_t now = zclock_usecs ();
    size_t missing = 0;
    for (size_t index = 0; index < self->count; index++) {
        client_t *client = &self->clients [index];
        if (!client->in_batch && client->last_write_us
        &&  now - client->last_write_us <= self->window_us)
            missing++;
    }
    if (missing == 0)
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
    //  A linger far above a scheduling hiccup of this loaded machine, so
    //  that "did not wait" (under half of it) and "waited" cannot be confused
    const int64_t linger = 100 * 1000;
    pps_gather_t *gather = pps_gather_new (linger, 10 * 1000 * 1000);
    zsock_t *pull = zsock_new_pull ("inproc://gather-test");
    zsock_t *push = zsock_new_push ("inproc://gather-test");
    assert (pull && push);
    zframe_t *alice = zframe_new ("alice", 5);
    zframe_t *bob = zframe_new ("bob", 3);
    zframe_t *carol = zframe_new ("carol", 5);

    //  A lone writer never waits
    pps_gather_begin (gather);
    pps_gather_seen (gather, alice, true);
    int64_t start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));
    assert (zclock_usecs () - start < linger / 2);

    //  A client that only reads is never waited for, even by a write
    pps_gather_begin (gather);
    pps_gather_seen (gather, carol, false);
    pps_gather_begin (gather);
    pps_gather_seen (gather, alice, true);
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));
    assert (zclock_usecs () - start < linger / 2);

    //  Bob writes: from now on a recent writer
    pps_gather_begin (gather);
    pps_gather_seen (gather, bob, true);

    //  A batch of reads never waits, though a recent writer is not in it
    pps_gather_begin (gather);
    pps_gather_seen (gather, carol, false);
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));
    assert (zclock_usecs () - start < linger / 2);
    pps_gather_seen (gather, alice, false);         //  A writer's read is a read too
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));
    assert (zclock_usecs () - start < linger / 2);

    //  A batch holding a write waits for the recent writer missing, bounded
    pps_gather_begin (gather);
    pps_gather_seen (gather, carol, false);
    pps_gather_seen (gather, alice, true);
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));       //  Nobody sends: the linger runs out
    assert (zclock_usecs () - start >= linger);
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));       //  ... and stays out for this batch
    assert (zclock_usecs () - start < linger / 2);

    //  Bob's request arrives while the batch waits: it goes in; then every
    //  recent writer is in (carol, a reader, is not waited for)
    zstr_send (push, "bob's request");
    pps_gather_begin (gather);
    pps_gather_seen (gather, alice, true);
    assert (pps_gather_more (gather, pull));        //  Input is there
    char *text = zstr_recv (pull);
    zstr_free (&text);
    pps_gather_seen (gather, bob, true);
    start = zclock_usecs ();
    assert (!pps_gather_more (gather, pull));       //  Everyone who wrote is in
    assert (zclock_usecs () - start < linger / 2);

    //  A writer quiet for longer than the window is no longer waited for
    pps_gather_t *brief = pps_gather_new (linger, 20 * 1000);
    pps_gather_begin (brief);
    pps_gather_seen (brief, bob, true);
    zclock_sleep (50);
    pps_gather_begin (brief);
    pps_gather_seen (brief, alice, true);
    start = zclock_usecs ();
    assert (!pps_gather_more (brief, pull));
    assert (zclock_usecs () - start < linger / 2);
    pps_gather_destroy (&brief);

    //  No linger: never waits
    pps_gather_t *none = pps_gather_new (0, 10 * 1000 * 1000);
    pps_gather_begin (none);
    pps_gather_seen (none, bob, true);
    pps_gather_begin (none);
    pps_gather_seen (none, alice, true);
    assert (!pps_gather_more (none, pull));
    pps_gather_destroy (&none);

    zframe_destroy (&alice);
    zframe_destroy (&bob);
    zframe_destroy (&carol);
    zsock_destroy (&push);
    zsock_destroy (&pull);
    pps_gather_destroy (&gather);
}
