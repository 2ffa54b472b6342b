/*  notify_sender: the delivery actor of one channel. It shares the store
    with the server, the subscriber and the check; LMDB serialises the
    writers. No transaction is ever held during SMTP or HTTP.  */
#include "notify_sender.h"
#include "pps_actor.h"
#include "notify_raise.h"

#include <czmq.h>
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>

#define DUE_MAX     32                //  Deliveries sent in one round

//  The actor's own state.
typedef struct {
    pps_store_t *store;
    const notify_settings_t *settings;
    Notify__Channel channel;
    zsock_t *pipe;
    pps_arena_t *arena;               //  One round's memory
    CURL *curl;                       //  Kept: its connection outlives one delivery
    bool terminated;                  //  $TERM came
} sender_t;

struct _notify_sender_t {
    zactor_t *actor;
    sender_t state;
    pthread_mutex_t lock;             //  Guards last_error
    char last_error [1024];
};

//  The channel's name, for logs and event actors.
static const char *
s_channel_name (Notify__Channel channel)
{
    return channel == NOTIFY__CHANNEL__EMAIL ? "email" : "webhook";
}

//  ---------------------------------------------------------------- pipe

//  Read every command waiting on the pipe ($TERM is the only one).
static void
s_drain_pipe (sender_t *self)
{
    while (!self->terminated && (zsock_events (self->pipe) & ZMQ_POLLIN)) {
        char *command = zstr_recv (self->pipe);
        if (!command || streq (command, "$TERM"))
            self->terminated = true;
        zstr_free (&command);
    }
}

//  Asked while an exchange runs: $TERM (or a signal) abandons it at once,
//  so that stopping the service never waits on a slow server.
static bool
s_stop_requested (void *arg)
{
    sender_t *self = arg;
    s_drain_pipe (self);
    return self->terminated || zsys_interrupted;
}

//  ---------------------------------------------------------------- store

//  The ids of the channel's deliveries due now, from "pending".
static size_t
s_collect_due (sender_t *self, uint64_t *ids)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return 0;
    MDB_cursor *cursor;
    size_t count = 0;
    if (mdb_cursor_open (txn, pps_store_dbi (self->store, "pending"), &cursor) == 0) {
        uint8_t prefix = (uint8_t) self->channel;
        int64_t now = pps_now_ms ();
        MDB_val key = { 1, &prefix }, value;
        int rc = mdb_cursor_get (cursor, &key, &value, MDB_SET_RANGE);
        while (rc == 0 && count < DUE_MAX && key.mv_size == 9
               && ((uint8_t *) key.mv_data) [0] == prefix) {
            if (value.mv_size == 8 && (int64_t) pps_key_to_u64 (value.mv_data) <= now)
                ids [count++] = pps_key_to_u64 ((uint8_t *) key.mv_data + 1);
            rc = mdb_cursor_get (cursor, &key, &value, MDB_NEXT);
        }
        mdb_cursor_close (cursor);
    }
    mdb_txn_abort (txn);
    return count;
}

//  Record the outcome of an attempt in one write transaction, at once.
static void
s_record (notify_sender_t *owner, uint64_t id, const char *recipient,
          const notify_attempt_t *attempt)
{
    sender_t *self = &owner->state;
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        zsys_error ("notify: %s: cannot record delivery %llu: %s", s_channel_name (self->channel),
                    (unsigned long long) id, mdb_strerror (rc));
        return;
    }
    MDB_dbi deliveries = pps_store_dbi (self->store, "deliveries");
    ProtobufCMessage *record = NULL;
    rc = pps_store_get_id (txn, deliveries, id, &notify__delivery__descriptor, self->arena, &record);
    Notify__Delivery *delivery = (Notify__Delivery *) record;
    if (rc || delivery->state != NOTIFY__DELIVERY_STATE__PENDING) {
        mdb_txn_abort (txn);
        return;
    }
    int64_t now = pps_now_ms ();
    delivery->recipient = (char *) recipient;
    delivery->attempts++;
    delivery->last_attempt_ms = now;
    delivery->last_error = (char *) attempt->error;
    const char *topic = "delivery.retried";
    if (attempt->verdict == NOTIFY_SENT) {
        delivery->state = NOTIFY__DELIVERY_STATE__SENT;
        delivery->sent_ms = now;
        topic = "delivery.sent";
        rc = notify_pending_del (txn, self->store, delivery);
    }
    else
    if (attempt->verdict == NOTIFY_REFUSED || delivery->attempts >= self->settings->max_attempts) {
        delivery->state = NOTIFY__DELIVERY_STATE__FAILED;
        topic = "delivery.failed";
        rc = notify_pending_del (txn, self->store, delivery);
        if (!rc)
            rc = notify_failed_mark (txn, self->store, delivery->id, true);
    }
    else {
        delivery->next_attempt_ms = now + notify_rules_backoff (
            self->settings->retry_base_ms, self->settings->retry_max_ms, delivery->attempts,
            randombytes_random ());
        rc = notify_pending_put (txn, self->store, delivery);
    }
    if (!rc)
        rc = pps_store_put_id (txn, deliveries, id, &delivery->base);
    if (!rc && !pps_service_log_event (&notify_service, self->store, txn, self->arena,
                                       s_channel_name (self->channel), topic,
                                       NOTIFY__NOTIFY_EVENT__CHANGE_DELIVERY, &delivery->base))
        rc = MDB_PANIC;
    if (!rc)
        rc = mdb_txn_commit (txn);
    else
        mdb_txn_abort (txn);
    //  Not recorded: it stays PENDING and goes again with the same key
    if (rc) {
        zsys_error ("notify: %s: cannot record delivery %llu: %s", s_channel_name (self->channel),
                    (unsigned long long) id, mdb_strerror (rc));
        return;
    }
    if (attempt->verdict != NOTIFY_SENT) {
        pthread_mutex_lock (&owner->lock);
        snprintf (owner->last_error, sizeof owner->last_error, "delivery %llu to %s: %s",
                  (unsigned long long) id, delivery->recipient, attempt->error);
        pthread_mutex_unlock (&owner->lock);
        zsys_warning ("notify: %s: delivery %llu to %s %s: %s", s_channel_name (self->channel),
                      (unsigned long long) id, delivery->recipient, topic + strlen ("delivery."),
                      attempt->error);
    }
}

//  Send one due delivery and record the outcome.
static void
s_deliver (notify_sender_t *owner, uint64_t id)
{
    sender_t *self = &owner->state;
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return;
    ProtobufCMessage *delivery = NULL, *notification = NULL;
    int rc = pps_store_get_id (txn, pps_store_dbi (self->store, "deliveries"), id,
                               &notify__delivery__descriptor, self->arena, &delivery);
    if (!rc)
        rc = pps_store_get_id (txn, pps_store_dbi (self->store, "notifications"),
                               ((Notify__Delivery *) delivery)->notification_id,
                               &notify__notification__descriptor, self->arena, &notification);
    //  Both were unpacked into the arena: they outlive the transaction
    mdb_txn_abort (txn);
    if (rc || ((Notify__Delivery *) delivery)->state != NOTIFY__DELIVERY_STATE__PENDING)
        return;
    Notify__Delivery *item = (Notify__Delivery *) delivery;
    notify_attempt_t attempt;
    if (self->channel == NOTIFY__CHANNEL__EMAIL) {
        char *message = notify_mail_message (self->settings,
                                             (Notify__Notification *) notification, item);
        notify_mail_send (self->curl, self->settings, item, message, s_stop_requested, self, &attempt);
        free (message);
    }
    else {
        //  The webhook's address as configured now: a corrected URL serves
        //  the deliveries still pending
        item->recipient = (char *) self->settings->webhook_url;
        char *document = notify_webhook_document ((Notify__Notification *) notification, item);
        notify_webhook_post (self->curl, self->settings, item, document, s_stop_requested, self, &attempt);
        free (document);
    }
    if (!attempt.abandoned)
        s_record (owner, id, item->recipient, &attempt);
}

//  ---------------------------------------------------------------- actor

//  The sender: a round of due deliveries, then wait poll_ms (or $TERM).
static void
s_sender_actor (zsock_t *pipe, void *args)
{
    notify_sender_t *owner = args;
    sender_t *self = &owner->state;
    self->pipe = pipe;
    self->arena = pps_arena_new ();
    self->curl = curl_easy_init ();
    assert (self->curl);
    zpoller_t *poller = pps_actor_poller (pipe, NULL);
    zsock_signal (pipe, 0);
    //  A restart resumes at once with what the store holds
    while (!self->terminated) {
        pps_arena_reset (self->arena);
        uint64_t ids [DUE_MAX];
        size_t count = s_collect_due (self, ids);
        for (size_t index = 0; index < count && !self->terminated && !zsys_interrupted; index++)
            s_deliver (owner, ids [index]);
        //  A full round may leave more due: look again at once
        //  (Stopping, nothing more is delivered: wait for the parent's $TERM)
        if ((count == DUE_MAX && !zsys_interrupted) || self->terminated)
            continue;
        void *which = zpoller_wait (poller, (int) self->settings->poll_ms);
        if (which == pipe)
            s_drain_pipe (self);
        else
        if (zpoller_terminated (poller))
            break;
    }
    zpoller_destroy (&poller);
    curl_easy_cleanup (self->curl);
    pps_arena_destroy (&self->arena);
}

notify_sender_t *
notify_sender_new (pps_store_t *store, const notify_settings_t *settings, Notify__Channel channel)
{
    //  A reference on libcurl's global state, which the program made in its
    //  main thread (pps_runner_start) before this server's actor started:
    //  here it only counts (thread-safe since libcurl 7.84)
    if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        zsys_error ("notify: libcurl cannot start");
        return NULL;
    }
    notify_sender_t *self = calloc (1, sizeof (notify_sender_t));
    assert (self);
    pthread_mutex_init (&self->lock, NULL);
    self->state.store = store;
    self->state.settings = settings;
    self->state.channel = channel;
    self->actor = pps_actor_new (s_sender_actor, self);
    if (!self->actor) {
        notify_sender_destroy (&self);
        return NULL;
    }
    zsys_info ("notify: %s deliveries to %s", s_channel_name (channel),
               channel == NOTIFY__CHANNEL__EMAIL ? settings->smtp_url : settings->webhook_url);
    return self;
}

void
notify_sender_destroy (notify_sender_t **self_p)
{
    notify_sender_t *self = *self_p;
    if (!self)
        return;
    zactor_destroy (&self->actor);
    pthread_mutex_destroy (&self->lock);
    free (self);
    curl_global_cleanup ();
    *self_p = NULL;
}

void
notify_sender_last_error (notify_sender_t *self, char *buffer, size_t size)
{
    pthread_mutex_lock (&self->lock);
    snprintf (buffer, size, "%s", self->last_error);
    pthread_mutex_unlock (&self->lock);
}
