/*  pps_subscriber: keeps a local read model in step with event logs.  */
#include "pps_subscriber.h"
#include "pps_actor.h"

#include <stdatomic.h>

#include "pps_client.h"
#include "pps_socket.h"
#include "common.pb-c.h"

#define SOURCES_MAX       16
#define DRAIN_MAX         1000      //  Live events applied in one transaction
#define CATCH_UP_PAGE     10000     //  Events asked for in one EventsSince
#define RETRY_FIRST_MS    500
#define RETRY_MAX_MS      5000

typedef struct {
    uint64_t seq;
    zframe_t *event;
} pending_t;

typedef struct {
    char *name;                   //  Service name
    zsock_t *sub;                 //  Its events
    pps_client_t *client;         //  Its ROUTER, for EventsSince
    uint64_t applied;             //  Last seq committed here
    uint64_t seen;                //  Highest seq seen in an event or heartbeat
    bool behind;                  //  Must catch up before applying live events
    int64_t retry_at;             //  Monotonic ms of the next catch-up attempt
    int64_t retry_ms;             //  Current backoff
    pending_t *pending;           //  Live events waiting for the next commit
    size_t pending_count;
} source_t;

typedef struct _pps_subscriber_t pps_subscriber_shared_t;

typedef struct {
    pps_config_t *config;
    pps_store_t *store;
    pps_apply_fn *apply;
    void *arg;
    source_t sources [SOURCES_MAX];
    size_t source_count;
    pps_arena_t *arena;
    pps_subscriber_shared_t *shared;  //  Where progress is shown to other threads
} subscriber_t;

//  Progress of each source, written by the actor and read by any thread
//  (status pages), so that reading it never waits on the actor.
typedef struct {
    char name [64];
    _Atomic uint64_t applied;
    _Atomic uint64_t seen;
} progress_t;

struct _pps_subscriber_t {
    zactor_t *actor;
    progress_t progress [SOURCES_MAX];
    size_t progress_count;
};

typedef struct {
    pps_config_t *config;
    pps_store_t *store;
    const char *const *sources;
    pps_apply_fn *apply;
    void *arg;
    pps_subscriber_shared_t *shared;
} subscriber_args_t;

uint64_t
pps_subscriber_applied (pps_store_t *store, MDB_txn *txn, const char *source)
{
    char name [96];
    snprintf (name, sizeof name, "applied:%s", source);
    return pps_store_meta_u64 (store, txn, name);
}

static int
s_set_applied (pps_store_t *store, MDB_txn *txn, const char *source, uint64_t seq)
{
    char name [96];
    snprintf (name, sizeof name, "applied:%s", source);
    return pps_store_set_meta_u64 (store, txn, name, seq);
}

static void
s_pending_clear (source_t *source)
{
    for (size_t index = 0; index < source->pending_count; index++)
        zframe_destroy (&source->pending [index].event);
    source->pending_count = 0;
}

//  The live events can no longer be applied in order: the next catch-up
//  fetches everything after the applied seq from the log instead.
//  Show a source's progress to other threads.
static void
s_show_progress (subscriber_t *self, source_t *source)
{
    for (size_t index = 0; index < self->shared->progress_count; index++) {
        progress_t *progress = &self->shared->progress [index];
        if (streq (progress->name, source->name)) {
            atomic_store (&progress->applied, source->applied);
            atomic_store (&progress->seen, source->seen);
        }
    }
}

static void
s_fall_behind (source_t *source)
{
    source->behind = true;
    s_pending_clear (source);
}

static void
s_backoff (source_t *source)
{
    source->retry_ms = source->retry_ms ? source->retry_ms * 2 : RETRY_FIRST_MS;
    if (source->retry_ms > RETRY_MAX_MS)
        source->retry_ms = RETRY_MAX_MS;
    source->retry_at = zclock_mono () + source->retry_ms;
}

//  Seq of a serialized event (fields 1-6 are the common EventHeader).
static uint64_t
s_event_seq (const uint8_t *bytes, size_t size)
{
    Pps__EventHeader *header = pps__event_header__unpack (NULL, size, bytes);
    uint64_t seq = header ? header->seq : 0;
    if (header)
        pps__event_header__free_unpacked (header, NULL);
    return seq;
}

//  Apply a run of events of one source, seqs applied+1.., in one transaction.
static int
s_apply_run (subscriber_t *self, source_t *source, const ProtobufCBinaryData *events,
             size_t count)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        zsys_error ("subscriber: cannot begin: %s", mdb_strerror (rc));
        return -1;
    }
    uint64_t seq = source->applied;
    for (size_t index = 0; index < count; index++) {
        uint64_t event_seq = s_event_seq (events [index].data, events [index].len);
        if (event_seq != seq + 1) {
            zsys_error ("subscriber: %s sent seq %llu after %llu", source->name,
                        (unsigned long long) event_seq, (unsigned long long) seq);
            mdb_txn_abort (txn);
            return -1;
        }
        if (self->apply (self->arg, txn, source->name, event_seq,
                         events [index].data, events [index].len)) {
            zsys_error ("subscriber: applying %s seq %llu failed", source->name,
                        (unsigned long long) event_seq);
            mdb_txn_abort (txn);
            return -1;
        }
        seq = event_seq;
    }
    if ((rc = s_set_applied (self->store, txn, source->name, seq))
    ||  (rc = mdb_txn_commit (txn))) {
        zsys_error ("subscriber: cannot commit %s: %s", source->name, mdb_strerror (rc));
        return -1;
    }
    source->applied = seq;
    if (source->seen < seq)
        source->seen = seq;
    s_show_progress (self, source);
    return 0;
}

//  Fetch and apply everything the source has after our applied seq.
//  Returns 0 when caught up, -1 when the source could not be reached or an
//  event could not be applied (retried after a backoff).
static int
s_catch_up (subscriber_t *self, source_t *source)
{
    while (true) {
        Pps__EventsSinceRequest since = PPS__EVENTS_SINCE_REQUEST__INIT;
        since.seq = source->applied;
        since.limit = CATCH_UP_PAGE;
        Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
        char request_id [33];
        request.request_id = pps_client_new_request_id (request_id);
        request.actor = "subscriber";
        request.op_case = PPS__COMMON_REQUEST__OP_EVENTS_SINCE;
        request.events_since = &since;
        ProtobufCMessage *reply = NULL;
        int rc = pps_client_call (source->client, &request.base, &pps__common_reply__descriptor,
                                  self->arena, &reply);
        Pps__CommonReply *common = (Pps__CommonReply *) reply;
        if (rc || !common->events || pps_client_status (reply)->code != PPS__CODE__OK) {
            pps_arena_reset (self->arena);
            s_backoff (source);
            return -1;
        }
        Pps__EventBatch *batch = common->events;
        if (source->seen < batch->last_seq)
            source->seen = batch->last_seq;
        s_show_progress (self, source);
        if (batch->n_events > 0 && s_apply_run (self, source, batch->events, batch->n_events)) {
            pps_arena_reset (self->arena);
            s_backoff (source);
            return -1;
        }
        bool done = batch->n_events == 0 || source->applied >= batch->last_seq;
        pps_arena_reset (self->arena);
        if (done)
            break;
    }
    source->behind = false;
    source->retry_ms = 0;
    return 0;
}

static void
s_receive (subscriber_t *self, source_t *source)
{
    zmsg_t *message = zmsg_recv (source->sub);
    if (!message)
        return;
    char *topic = zmsg_popstr (message);
    zframe_t *payload = zmsg_pop (message);
    zmsg_destroy (&message);
    if (!topic || !payload)
        goto done;
    size_t length = strlen (topic);
    if (length > 10 && streq (topic + length - 10, ".heartbeat")) {
        Pps__Heartbeat *heartbeat = pps__heartbeat__unpack (
            NULL, zframe_size (payload), zframe_data (payload));
        if (heartbeat) {
            if (heartbeat->last_seq > source->seen)
                source->seen = heartbeat->last_seq;
            s_show_progress (self, source);
            if (heartbeat->last_seq > source->applied + source->pending_count)
                s_fall_behind (source);
            pps__heartbeat__free_unpacked (heartbeat, NULL);
        }
        goto done;
    }
    uint64_t seq = s_event_seq (zframe_data (payload), zframe_size (payload));
    if (seq > source->seen)
        source->seen = seq;
    if (seq <= source->applied + source->pending_count || source->behind)
        goto done;              //  Already applied, or the catch-up will fetch it
    if (seq != source->applied + source->pending_count + 1) {
        s_fall_behind (source);
        goto done;
    }
    source->pending = realloc (source->pending, (source->pending_count + 1) * sizeof (pending_t));
    assert (source->pending);
    source->pending [source->pending_count].seq = seq;
    source->pending [source->pending_count].event = payload;
    source->pending_count++;
    payload = NULL;
done:
    zstr_free (&topic);
    zframe_destroy (&payload);
}

static void
s_apply_pending (subscriber_t *self, source_t *source)
{
    if (source->pending_count == 0)
        return;
    ProtobufCBinaryData *events = pps_arena_alloc (self->arena,
                                                   source->pending_count * sizeof *events);
    for (size_t index = 0; index < source->pending_count; index++) {
        events [index].data = zframe_data (source->pending [index].event);
        events [index].len = zframe_size (source->pending [index].event);
    }
    int rc = s_apply_run (self, source, events, source->pending_count);
    pps_arena_reset (self->arena);
    s_pending_clear (source);
    if (rc) {
        source->behind = true;
        s_backoff (source);
    }
}

static int
s_sources_open (subscriber_t *self, const char *const *names)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return -1;
    for (const char *const *name = names; *name && self->source_count < SOURCES_MAX; name++) {
        source_t *source = &self->sources [self->source_count++];
        source->name = strdup (*name);
        source->applied = pps_subscriber_applied (self->store, txn, *name);
        source->seen = source->applied;
        source->behind = true;                   //  Catch up at start
        source->sub = pps_socket_connect (ZMQ_SUB, pps_config_events_endpoint (self->config, *name));
        source->client = pps_client_new (pps_config_endpoint (self->config, *name), 2000, 1);
        if (!source->sub || !source->client) {
            mdb_txn_abort (txn);
            return -1;
        }
        zsock_set_subscribe (source->sub, "");
    }
    mdb_txn_abort (txn);
    return 0;
}

static void
s_sources_close (subscriber_t *self)
{
    for (size_t index = 0; index < self->source_count; index++) {
        source_t *source = &self->sources [index];
        s_pending_clear (source);
        free (source->pending);
        zsock_destroy (&source->sub);
        pps_client_destroy (&source->client);
        free (source->name);
    }
}

//  Ask each source its last seq and catch up to it, until timeout_ms.
static bool
s_sync (subscriber_t *self, int64_t timeout_ms)
{
    int64_t deadline = zclock_mono () + timeout_ms;
    for (size_t index = 0; index < self->source_count; index++) {
        source_t *source = &self->sources [index];
        source->behind = true;
        source->retry_ms = 0;
        while (s_catch_up (self, source)) {
            if (zclock_mono () + RETRY_FIRST_MS > deadline)
                return false;
            zclock_sleep (RETRY_FIRST_MS / 5);
        }
    }
    return true;
}

//  Commands on the pipe: SYNC <ms> -> "OK"|"TIMEOUT".
static bool
s_command (subscriber_t *self, zsock_t *pipe)
{
    zmsg_t *message = zmsg_recv (pipe);
    if (!message)
        return false;
    char *verb = zmsg_popstr (message);
    char *argument = zmsg_popstr (message);
    bool keep_going = verb && !streq (verb, "$TERM");
    if (verb && streq (verb, "SYNC"))
        zstr_send (pipe, s_sync (self, argument ? atoll (argument) : 1000) ? "OK" : "TIMEOUT");
    zstr_free (&verb);
    zstr_free (&argument);
    zmsg_destroy (&message);
    return keep_going;
}

static void
s_subscriber_actor (zsock_t *pipe, void *args_pointer)
{
    subscriber_args_t *args = args_pointer;
    subscriber_t self = {
        .config = args->config, .store = args->store,
        .apply = args->apply, .arg = args->arg,
        .arena = pps_arena_new (), .shared = args->shared,
    };
    int rc = s_sources_open (&self, args->sources);
    for (size_t index = 0; index < self.source_count; index++)
        s_show_progress (&self, &self.sources [index]);
    //  The first signal releases zactor_new, the second says how we started
    zsock_signal (pipe, 0);
    zsock_signal (pipe, rc == 0 ? 0 : 1);
    zpoller_t *poller = pps_actor_poller (pipe, NULL);
    for (size_t index = 0; index < self.source_count; index++)
        zpoller_add (poller, self.sources [index].sub);

    while (rc == 0) {
        //  Catch up where needed and due, then wait for events
        int64_t next = zclock_mono () + 1000;
        for (size_t index = 0; index < self.source_count; index++) {
            source_t *source = &self.sources [index];
            if (source->behind && zclock_mono () >= source->retry_at)
                s_catch_up (&self, source);
            if (source->behind && source->retry_at < next)
                next = source->retry_at;
        }
        int64_t wait = next - zclock_mono ();
        void *which = zpoller_wait (poller, wait > 0 ? (int) wait : 0);
        if (which == pipe) {
            if (!s_command (&self, pipe))
                break;
            continue;
        }
        if (zpoller_terminated (poller))
            break;
        //  Drain what is waiting on every source, then commit once per source
        for (size_t round = 0; round < DRAIN_MAX; round++) {
            bool any = false;
            for (size_t index = 0; index < self.source_count; index++) {
                source_t *source = &self.sources [index];
                if (zsock_events (source->sub) & ZMQ_POLLIN) {
                    s_receive (&self, source);
                    any = true;
                }
            }
            if (!any)
                break;
        }
        for (size_t index = 0; index < self.source_count; index++)
            s_apply_pending (&self, &self.sources [index]);
    }
    zpoller_destroy (&poller);
    s_sources_close (&self);
    pps_arena_destroy (&self.arena);
}

pps_subscriber_t *
pps_subscriber_new (pps_config_t *config, pps_store_t *store, const char *const *sources,
                    pps_apply_fn *apply, void *arg)
{
    pps_subscriber_t *self = calloc (1, sizeof (pps_subscriber_t));
    assert (self);
    for (const char *const *name = sources; *name && self->progress_count < SOURCES_MAX; name++)
        snprintf (self->progress [self->progress_count++].name, sizeof self->progress [0].name,
                  "%s", *name);
    subscriber_args_t args = { config, store, sources, apply, arg, self };
    //  zactor_new returns after the actor signalled; args live until then
    self->actor = pps_actor_new (s_subscriber_actor, &args);
    if (!self->actor || zsock_wait (self->actor) != 0) {
        zsys_error ("subscriber: cannot connect to its sources");
        zactor_destroy (&self->actor);
        free (self);
        return NULL;
    }
    return self;
}

void
pps_subscriber_destroy (pps_subscriber_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_subscriber_t *self = *self_p;
        zactor_destroy (&self->actor);
        free (self);
        *self_p = NULL;
    }
}

int
pps_subscriber_sync (pps_subscriber_t *self, int timeout_ms)
{
    char timeout [16];
    snprintf (timeout, sizeof timeout, "%d", timeout_ms);
    zstr_sendx (self->actor, "SYNC", timeout, NULL);
    char *answer = zstr_recv (self->actor);
    int rc = answer && streq (answer, "OK") ? 0 : -1;
    zstr_free (&answer);
    return rc;
}

uint64_t
pps_subscriber_lag (pps_subscriber_t *self, const char *source)
{
    for (size_t index = 0; index < self->progress_count; index++) {
        progress_t *progress = &self->progress [index];
        if (streq (progress->name, source)) {
            uint64_t applied = atomic_load (&progress->applied);
            uint64_t seen = atomic_load (&progress->seen);
            return seen > applied ? seen - applied : 0;
        }
    }
    return 0;
}
