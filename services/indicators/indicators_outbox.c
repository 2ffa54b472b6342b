/*  indicators_outbox: the actor that pushes finalised bilans to the national
    service, and the list_outbox and retry_outbox handlers.

    The actor shares the store with the server actor. LMDB serialises the
    writers: the server holds a write transaction while it serves a batch,
    and our write transactions simply wait for it. We never wait on the
    server the other way, and never hold a transaction during HTTP.
*/
#include "indicators_service.h"
#include "pps_actor.h"
#include "indicators_outbox.h"

#include <czmq.h>
#include <curl/curl.h>
#include <sodium.h>
#include "pps_date.h"
#include "indicators_outbox_http.h"

#define ACTOR_NAME        "outbox"      //  The actor of the events we log
#define DUE_MAX           64            //  Entries sent in one round

//  The actor's own state; lives in indicators_outbox_t, used by the actor only.
typedef struct {
    pps_store_t *store;
    const pps_service_t *service;
    indicators_outbox_settings_t settings;
    zsock_t *pipe;
    pps_arena_t *arena;           //  One round's memory
    bool woken;                   //  A WAKE came: a write may have just committed
    bool terminated;              //  $TERM came
} outbox_t;

struct _indicators_outbox_t {
    zactor_t *actor;
    outbox_t state;
};

//  ---------------------------------------------------------------- the pipe

//  Read every command waiting on the pipe: WAKE and $TERM.
static void
s_drain_pipe (outbox_t *self)
{
    while (!self->terminated && (zsock_events (self->pipe) & ZMQ_POLLIN)) {
        zmsg_t *message = zmsg_recv (self->pipe);
        char *verb = message ? zmsg_popstr (message) : NULL;
        if (!verb || streq (verb, "$TERM"))
            self->terminated = true;
        else
        if (streq (verb, "WAKE"))
            self->woken = true;
        zstr_free (&verb);
        zmsg_destroy (&message);
    }
}

//  Asked while a POST runs: $TERM (or a signal) abandons it at once, so
//  that stopping the service never waits for a slow national service.
static bool
s_stop_requested (void *arg)
{
    outbox_t *self = arg;
    s_drain_pipe (self);
    return self->terminated || zsys_interrupted;
}

//  ---------------------------------------------------------------- store

static Indicators__OutboxEntry *
s_entry_get (outbox_t *self, MDB_txn *txn, const char *key, int *rc_p)
{
    ProtobufCMessage *entry = NULL;
    *rc_p = pps_store_get (txn, pps_store_dbi (self->store, "outbox"), key, strlen (key),
                           &indicators__outbox_entry__descriptor, self->arena, &entry);
    return *rc_p ? NULL : (Indicators__OutboxEntry *) entry;
}

typedef struct {
    outbox_t *self;
    int64_t now_ms;
    char **keys;
    size_t count;
} due_scan_t;

static int
s_collect_due (ProtobufCMessage *record, void *arg)
{
    due_scan_t *scan = arg;
    Indicators__OutboxEntry *entry = (Indicators__OutboxEntry *) record;
    //  The rest waits for the next round
    if (entry->state == INDICATORS__OUTBOX_STATE__PENDING && entry->next_attempt_ms <= scan->now_ms
    &&  scan->count < DUE_MAX)
        pps_arena_push (scan->self->arena, (void ***) &scan->keys, &scan->count, entry->key);
    return 0;
}

//  Wait until no write transaction is open: taking the writer lock and
//  letting go of it. After a WAKE, the server's batch that queued an entry
//  may not have committed yet; once it has, a read sees the entry.
static void
s_after_writer (outbox_t *self)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn) == 0)
        mdb_txn_abort (txn);
}

//  Record the outcome of an attempt on the entry (and its bilan) in one
//  write transaction, with their events.
static void
s_record (outbox_t *self, const char *key, const indicators_outbox_attempt_t *attempt)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        zsys_error ("indicators: outbox: cannot record %s: %s", key, mdb_strerror (rc));
        return;
    }
    Indicators__OutboxEntry *entry = s_entry_get (self, txn, key, &rc);
    if (!entry || entry->state != INDICATORS__OUTBOX_STATE__PENDING) {
        mdb_txn_abort (txn);
        return;
    }
    int64_t now = pps_now_ms ();
    entry->attempts++;
    entry->last_attempt_ms = now;
    entry->last_http_status = (int32_t) attempt->http_status;
    entry->last_error = (char *) attempt->error;
    const char *topic = "outbox_entry.retried";
    Indicators__BilanState bilan_state = INDICATORS__BILAN_STATE__BILAN_STATE_UNSPECIFIED;
    if (attempt->verdict == INDICATORS_OUTBOX_DELIVERED) {
        entry->state = INDICATORS__OUTBOX_STATE__DELIVERED;
        entry->delivered_ms = now;
        topic = "outbox_entry.delivered";
        bilan_state = INDICATORS__BILAN_STATE__ACKNOWLEDGED;
    }
    else
    if (attempt->verdict == INDICATORS_OUTBOX_REFUSED) {
        entry->state = INDICATORS__OUTBOX_STATE__NEEDS_OPERATOR;
        topic = "outbox_entry.needs_operator";
        if (!attempt->configuration)
            bilan_state = INDICATORS__BILAN_STATE__REJECTED;
    }
    else
        entry->next_attempt_ms = now + indicators_outbox_backoff (
            self->settings.retry_base_ms, self->settings.retry_max_ms, entry->attempts,
            randombytes_random ());
    rc = pps_store_put (txn, pps_store_dbi (self->store, "outbox"), key, strlen (key), &entry->base);
    if (!rc && !pps_service_log_event (self->service, self->store, txn, self->arena, ACTOR_NAME,
                                       topic, INDICATORS__INDICATORS_EVENT__CHANGE_OUTBOX_ENTRY,
                                       &entry->base))
        rc = MDB_PANIC;
    if (!rc && bilan_state) {
        const char *bilan_key = indicators_bilan_key (self->arena, entry->region_code, entry->year,
                                                       entry->version);
        ProtobufCMessage *record = NULL;
        MDB_dbi bilans = pps_store_dbi (self->store, "bilans");
        rc = pps_store_get (txn, bilans, bilan_key, strlen (bilan_key),
                            &indicators__bilan__descriptor, self->arena, &record);
        Indicators__Bilan *bilan = (Indicators__Bilan *) record;
        //  A resend of an acknowledged bilan changes nothing about it
        if (!rc && bilan->state != bilan_state) {
            bilan->state = bilan_state;
            rc = pps_store_put (txn, bilans, bilan_key, strlen (bilan_key), &bilan->base);
            if (!rc && !pps_service_log_event (
                    self->service, self->store, txn, self->arena, ACTOR_NAME,
                    bilan_state == INDICATORS__BILAN_STATE__ACKNOWLEDGED ? "bilan.acknowledged"
                                                                         : "bilan.rejected",
                    INDICATORS__INDICATORS_EVENT__CHANGE_BILAN, &bilan->base))
                rc = MDB_PANIC;
        }
    }
    if (!rc)
        rc = mdb_txn_commit (txn);
    else
        mdb_txn_abort (txn);
    //  Not recorded: the entry stays PENDING and is sent again, which the
    //  national service answers 200 when it had been stored
    if (rc)
        zsys_error ("indicators: outbox: cannot record %s: %s", key, mdb_strerror (rc));
    else
        zsys_info ("indicators: outbox: %s %s%s%s", key, topic + strlen ("outbox_entry."),
                   *attempt->error ? ": " : "", attempt->error);
}

//  Send one due entry and record the outcome.
static void
s_deliver (outbox_t *self, const char *key)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return;
    int rc;
    Indicators__OutboxEntry *entry = s_entry_get (self, txn, key, &rc);
    const char *document = NULL;
    if (entry && entry->state == INDICATORS__OUTBOX_STATE__PENDING) {
        const char *bilan_key = indicators_bilan_key (self->arena, entry->region_code, entry->year,
                                                       entry->version);
        ProtobufCMessage *bilan = NULL;
        if (pps_store_get (txn, pps_store_dbi (self->store, "bilans"), bilan_key,
                           strlen (bilan_key), &indicators__bilan__descriptor, self->arena,
                           &bilan) == 0)
            document = ((Indicators__Bilan *) bilan)->document;
    }
    //  The document was unpacked into the arena: it outlives the transaction
    mdb_txn_abort (txn);
    if (!entry || entry->state != INDICATORS__OUTBOX_STATE__PENDING)
        return;

    indicators_outbox_attempt_t attempt;
    memset (&attempt, 0, sizeof attempt);
    if (!document || !*document) {
        attempt.verdict = INDICATORS_OUTBOX_REFUSED;
        attempt.configuration = true;
        snprintf (attempt.error, sizeof attempt.error, "the bilan of %s is not in the store", key);
    }
    else
        indicators_outbox_post (&self->settings, key, document, s_stop_requested, self,
                                &attempt);
    if (!attempt.abandoned)
        s_record (self, key, &attempt);
}

//  Send every due entry (at most DUE_MAX in a round).
static void
s_deliver_due (outbox_t *self)
{
    pps_arena_reset (self->arena);
    if (self->woken)
        s_after_writer (self);
    self->woken = false;
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return;
    due_scan_t scan = { self, pps_now_ms (), NULL, 0 };
    int rc = pps_store_each (txn, pps_store_dbi (self->store, "outbox"),
                             &indicators__outbox_entry__descriptor, self->arena,
                             s_collect_due, &scan);
    mdb_txn_abort (txn);
    if (rc)
        zsys_error ("indicators: outbox: cannot read the outbox: %s", mdb_strerror (rc));
    for (size_t index = 0; index < scan.count && !self->terminated && !zsys_interrupted; index++)
        s_deliver (self, scan.keys [index]);
}

//  ---------------------------------------------------------------- actor

static void
s_outbox_actor (zsock_t *pipe, void *args)
{
    outbox_t *self = args;
    self->pipe = pipe;
    self->arena = pps_arena_new ();
    zpoller_t *poller = pps_actor_poller (pipe, NULL);
    zsock_signal (pipe, 0);
    //  A restart resumes at once with what the store holds
    while (!self->terminated) {
        s_deliver_due (self);
        if (self->terminated || self->woken)
            continue;
        void *which = zpoller_wait (poller, (int) self->settings.poll_ms);
        if (which == pipe)
            s_drain_pipe (self);
        else
        if (zpoller_terminated (poller))
            break;
    }
    zpoller_destroy (&poller);
    pps_arena_destroy (&self->arena);
}

indicators_outbox_t *
indicators_outbox_new (pps_store_t *store, pps_config_t *config, const pps_service_t *service)
{
    //  A reference on libcurl's global state, which the program made in its
    //  main thread (pps_runner_start) before this server's actor started:
    //  here it only counts (thread-safe since libcurl 7.84)
    if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        zsys_error ("indicators: outbox: libcurl cannot start");
        return NULL;
    }
    indicators_outbox_t *self = calloc (1, sizeof (indicators_outbox_t));
    assert (self);
    self->state.store = store;
    self->state.service = service;
    indicators_outbox_settings_load (&self->state.settings, config);
    self->actor = pps_actor_new (s_outbox_actor, &self->state);
    if (!self->actor) {
        indicators_outbox_destroy (&self);
        return NULL;
    }
    zsys_info ("indicators: outbox: pushing to %s", self->state.settings.url);
    return self;
}

void
indicators_outbox_destroy (indicators_outbox_t **self_p)
{
    indicators_outbox_t *self = *self_p;
    if (!self)
        return;
    zactor_destroy (&self->actor);
    indicators_outbox_settings_free (&self->state.settings);
    free (self);
    curl_global_cleanup ();
    *self_p = NULL;
}

void
indicators_outbox_wake (indicators_outbox_t *self)
{
    //  A full pipe already holds a WAKE: dropping this one loses nothing
    if (self && self->actor)
        zmq_send (zsock_resolve (self->actor), "WAKE", 4, ZMQ_DONTWAIT);
}

//  ---------------------------------------------------------------- handlers

typedef struct {
    Indicators__OutboxList *list;
    pps_arena_t *arena;
} list_scan_t;

static int
s_collect (ProtobufCMessage *record, void *arg)
{
    list_scan_t *scan = arg;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (indicators_list_outbox)
{
    indicators_t *indicators = self;
    pps_arena_t *arena = pps_call_arena (call);
    Indicators__OutboxList *list = pps_arena_alloc (arena, sizeof *list);
    indicators__outbox_list__init (list);
    list_scan_t scan = { list, arena };
    int rc = pps_store_each (pps_call_txn (call), pps_store_dbi (indicators->store, "outbox"),
                             &indicators__outbox_entry__descriptor, arena, s_collect, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the outbox");
    *result_p = &list->base;
    return 0;
}

PPS_HANDLER (indicators_retry_outbox)
{
    indicators_t *indicators = self;
    const Indicators__RetryOutbox *in = op;
    if (pps_check_text (call, "key", in->key, 64, true))
        return -1;
    MDB_dbi outbox = pps_store_dbi (indicators->store, "outbox");
    ProtobufCMessage *record = NULL;
    int rc = pps_store_get (pps_call_txn (call), outbox, in->key, strlen (in->key),
                            &indicators__outbox_entry__descriptor, pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "key", "no outbox entry %s", in->key);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the outbox");
    //  Any state: a delivered entry is resent too, and the national
    //  service answers 200 for the identical document (stored once)
    Indicators__OutboxEntry *entry = (Indicators__OutboxEntry *) record;
    entry->state = INDICATORS__OUTBOX_STATE__PENDING;
    entry->attempts = 0;
    entry->next_attempt_ms = pps_call_now_ms (call);
    rc = pps_store_put (pps_call_txn (call), outbox, in->key, strlen (in->key), &entry->base);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the outbox");
    if (pps_call_emit (call, "outbox_entry.requeued",
                       INDICATORS__INDICATORS_EVENT__CHANGE_OUTBOX_ENTRY, &entry->base))
        return -1;
    indicators_outbox_wake (indicators->outbox);
    *result_p = &entry->base;
    return 0;
}
