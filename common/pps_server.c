/*  pps_server: the actor that serves one service over ZeroMQ.  */
#include "pps_server.h"
#include "pps_actor.h"

#include "pps_call.h"
#include "pps_date.h"
#include "pps_describe.h"
#include "pps_eventlog.h"
#include "pps_gather.h"
#include "pps_keys.h"
#include "pps_reflect.h"
#include "pps_requests.h"
#include "pps_security.h"
#include "pps_socket.h"
#include "pps_wire.h"

#define BATCH_MAX            256      //  Requests folded into one commit
#define EVENTS_SINCE_LIMIT   10000    //  Most events in one EventsSince reply
#define EVENTS_SINCE_BYTES   (8 * 1024 * 1024)
#define PUBLISH_ROUND        1000     //  Events read from the log at a time to publish

typedef struct {
    zmsg_t *route;                    //  Routing frames to send back
    zframe_t *payload;                //  The request bytes
    uint8_t *reply;                   //  Reply bytes, in the batch arena
    size_t reply_size;
    bool deferred;                    //  Answered after the commit
    bool wrote;                       //  Changed the store
    const char *request_id;           //  Echoed in a reply made after the commit
    pps_role_t role;                  //  What the sender may do
    char *name;                       //  The sender's certificate name (arena), or NULL
    const pps_op_t *op;               //  A service operation ready to run, or NULL
    const ProtobufCMessage *op_message;
    const char *actor;                //  As the request claims it
} batch_item_t;

typedef struct {
    const pps_service_t *service;     //  What we serve
    void *instance;                   //  The service's own state
    pps_config_t *config;
    pps_store_t *store;
    zsock_t *pipe;                    //  Our actor pipe
    zsock_t *router;                  //  Requests
    zsock_t *publisher;               //  Events and heartbeats
    char *endpoint;                   //  Where they are bound
    char *events_endpoint;
    pps_security_t *security;         //  Who is calling, and their role
    bool auth_started;                //  We count as a user of the ZAP handler
    pps_arena_t *arena;               //  Batch memory
    pps_gather_t *gather;             //  How long a batch waits for busy clients
    uint64_t published_seq;           //  Last event of the log sent on the PUB socket
    int64_t publish_poll_ms;          //  How often the log is read for events of actors
    int64_t next_publish;
    batch_item_t items [BATCH_MAX];
    size_t item_count;
    int64_t started_ms;
    int64_t heartbeat_ms;             //  Period
    int64_t request_ttl_ms;           //  How long applied request ids are kept
    int64_t next_prune;               //  When to forget the old ones next
    int64_t next_heartbeat;
    char *allowlist;                  //  Stamp of security/clients_dir (CURVE), or NULL
    int64_t next_allowlist;           //  When to look at it again
    bool events_unbound;              //  A rebind failed: try again at the next look
    uint64_t requests_served;
    uint64_t requests_failed;
    char *failure;                    //  Why start-up failed, for pps_server_new
} server_t;

//  ---------------------------------------------------------------- allow-list

#define ALLOWLIST_CHECK_MS  250       //  A removed key's stream ends within this

//  A subscriber keeps a stream it opened while its key was allowed: ZAP
//  asks only at the handshake. When the allow-list loses a key, the events
//  endpoint is unbound and bound again, which ends every subscription; the
//  allowed reconnect through ZAP and catch up with EventsSince (they follow
//  seqs), the removed one cannot come back.
static void
s_check_allowlist (server_t *self)
{
    if (!pps_keys_protects (self->events_endpoint))
        return;
    char *now = pps_keys_allowlist_stamp ();
    if (!now)
        return;
    bool lost = self->allowlist && pps_keys_allowlist_lost (self->allowlist, now);
    free (self->allowlist);
    self->allowlist = now;
    if (!lost && !self->events_unbound)
        return;
    if (lost) {
        zsock_unbind (self->publisher, "%s", self->events_endpoint);
        zsys_info ("%s: a key left the allow-list: every event stream ends, the allowed "
                   "reconnect", self->service->name);
    }
    //  The listener closes in libzmq's thread: its port may be busy a moment
    int rc = -1;
    for (int attempt = 0; attempt < 50 && rc == -1; attempt++) {
        rc = zsock_bind (self->publisher, "%s", self->events_endpoint);
        if (rc == -1)
            zclock_sleep (10);
    }
    if (rc == -1 && !self->events_unbound)
        zsys_error ("%s: cannot bind %s again: %s (trying again)", self->service->name,
                    self->events_endpoint, zmq_strerror (zmq_errno ()));
    self->events_unbound = rc == -1;
}

//  ---------------------------------------------------------------- replies

static uint8_t *
s_reply_pack (server_t *self, const char *request_id, Pps__Status *status,
              uint32_t result_field, const ProtobufCMessage *result, size_t *size_p)
{
    ProtobufCMessage *reply = pps_arena_message (self->arena, self->service->reply);
    pps_reflect_set_string (reply, 1, request_id ? request_id : "");
    if (!status)
        status = pps_call_status_new (self->arena, PPS__CODE__OK, "", "");
    pps_reflect_set_message (reply, 2, &status->base);
    if (result_field && result)
        pps_reflect_set_message (reply, result_field, result);
    return pps_arena_pack (self->arena, reply, size_p);
}

static void
s_item_fail (server_t *self, batch_item_t *item, const char *request_id,
             Pps__Code code, const char *field, const char *message)
{
    Pps__Status *status = pps_call_status_new (self->arena, code, field, message);
    item->reply = s_reply_pack (self, request_id, status, 0, NULL, &item->reply_size);
    self->requests_failed++;
}

//  Refuse op to the item's sender: PERMISSION_DENIED on field "op", logged.
static void
s_item_deny (server_t *self, batch_item_t *item, const char *request_id, const char *op)
{
    const char *who = item->name ? item->name : "a client without a key";
    zsys_warning ("%s: refused %s to %s (role %s)", self->service->name, op, who,
                  pps_role_name (item->role));
    char message [256];
    snprintf (message, sizeof message, "%s may not %s (role %s)", who, op,
              pps_role_name (item->role));
    s_item_fail (self, item, request_id, PPS__CODE__PERMISSION_DENIED, "op", message);
}

//  The stored first reply of a write, marked status.replayed: a client
//  can then tell an id applied earlier (nothing written now) from one
//  applied by this call, as an import's "ignored" count needs. The stored
//  bytes stay as they were answered the first time.
static void
s_mark_replayed (server_t *self, batch_item_t *item)
{
    ProtobufCMessage *reply = pps_arena_unpack (self->arena, self->service->reply,
                                                item->reply, item->reply_size);
    if (!reply)
        return;                       //  Cannot happen: we packed it
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (self->service->reply, 2);
    Pps__Status **status_p = (Pps__Status **) ((char *) reply + field->offset);
    if (!*status_p)
        *status_p = pps_call_status_new (self->arena, PPS__CODE__OK, "", "");
    (*status_p)->replayed = true;
    item->reply = pps_arena_pack (self->arena, reply, &item->reply_size);
}

//  ---------------------------------------------------------------- requests

//  Decode one service request and check it: its envelope, its operation,
//  the sender's right to it. Sets item->op when it is ready to run, else
//  answers the item (a refusal).
static void
s_prepare_request (server_t *self, batch_item_t *item, const Pps__CommonRequest *header)
{
    const pps_service_t *service = self->service;
    const char *request_id = item->request_id;
    if (strlen (request_id) > PPS_REQUEST_ID_MAX) {
        //  Echo it all the same, so that the client can match the refusal
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, "request_id",
                     "request_id is longer than 128 characters");
        return;
    }
    if (header->actor && strlen (header->actor) > PPS_ACTOR_MAX) {
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, "actor",
                     "actor is longer than 128 characters");
        return;
    }
    ProtobufCMessage *request = pps_arena_unpack (self->arena, service->request,
                                                  zframe_data (item->payload),
                                                  zframe_size (item->payload));
    if (!request) {
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, "",
                     "the frame is not a valid request of this service");
        return;
    }
    const ProtobufCMessage *op_message = NULL;
    uint32_t number = pps_reflect_oneof (request, &op_message);
    const pps_op_t *op = number ? pps_service_op (service, number) : NULL;
    if (!op || !op_message) {
        s_item_fail (self, item, request_id,
                     number ? PPS__CODE__UNIMPLEMENTED : PPS__CODE__INVALID_ARGUMENT, "op",
                     number ? "operation not served" : "the request carries no operation");
        return;
    }
    //  Field numbers of operations are the service's own: the same number
    //  is another operation elsewhere, so the request must say where it goes
    if (!header->service || !*header->service) {
        char message [160];
        snprintf (message, sizeof message, "service is required: this is the %s service",
                  service->name);
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, "service", message);
        return;
    }
    if (!pps_role_allows (item->role, op->kind != PPS_OP_READ, op->kind == PPS_OP_ADMIN)) {
        s_item_deny (self, item, request_id, op->name);
        return;
    }
    if (op->kind != PPS_OP_READ && !*request_id) {
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, "request_id",
                     "a write needs a request_id");
        return;
    }
    item->op = op;
    item->op_message = op_message;
    item->actor = header->actor ? header->actor : "";
}

//  Run a prepared request: a read in txn (a snapshot of what is committed),
//  a write in a nested transaction of txn (the batch's write transaction).
static void
s_run_request (server_t *self, MDB_txn *txn, batch_item_t *item)
{
    const pps_service_t *service = self->service;
    const pps_op_t *op = item->op;
    const char *request_id = item->request_id;
    if (op->kind != PPS_OP_READ && pps_requests_find (self->store, txn, request_id, self->arena,
                                        &item->reply, &item->reply_size) == 0) {
        s_mark_replayed (self, item);
        self->requests_served++;
        return;
    }

    //  An authenticated client is who its certificate says, whatever it
    //  claims, but for the gateway, which speaks for the person it serves
    const char *actor = item->name && !(item->role == PPS_ROLE_GATEWAY && *item->actor)
                      ? item->name : item->actor;
    pps_call_t call = {
        .service = service,
        .store = self->store,
        .arena = self->arena,
        .txn = txn,
        .request_id = request_id,
        .actor = actor,
        .now_ms = pps_now_ms (),
    };
    MDB_txn *child = NULL;
    if (op->kind != PPS_OP_READ) {
        int rc = mdb_txn_begin (pps_store_env (self->store), txn, 0, &child);
        if (rc) {
            s_item_fail (self, item, request_id, PPS__CODE__UNAVAILABLE, "",
                         mdb_strerror (rc));
            return;
        }
        call.txn = child;
    }
    ProtobufCMessage *result = NULL;
    int rc = op->handler (self->instance, &call, item->op_message, &result);
    if (rc == 0 && !call.status) {
        item->reply = s_reply_pack (self, request_id, NULL, pps_op_result_field (service, op),
                                    result, &item->reply_size);
        if (op->kind != PPS_OP_READ) {
            int lmdb_rc = pps_requests_remember (self->store, child, request_id, call.now_ms,
                                            item->reply, item->reply_size);
            if (!lmdb_rc)
                lmdb_rc = mdb_txn_commit (child);
            else
                mdb_txn_abort (child);
            child = NULL;
            if (lmdb_rc) {
                pps_call_fail_lmdb (&call, lmdb_rc, op->name);
                item->reply = s_reply_pack (self, request_id, call.status, 0, NULL,
                                            &item->reply_size);
                self->requests_failed++;
                return;
            }
            item->wrote = true;
        }
        self->requests_served++;
        return;
    }
    //  Failed: nothing of this request stays
    if (child)
        mdb_txn_abort (child);
    if (!call.status)
        pps_call_fail (&call, PPS__CODE__INTERNAL, "", "%s failed", op->name);
    item->reply = s_reply_pack (self, request_id, call.status, pps_op_result_field (service, op),
                                result, &item->reply_size);
    self->requests_failed++;
    if (call.status->code == PPS__CODE__INTERNAL || call.status->code == PPS__CODE__RESOURCE_EXHAUSTED)
        zsys_error ("%s: %s failed: %s", service->name, op->name, call.status->message);
}

//  Run the batch's prepared requests of one kind (reads or writes) in one
//  transaction of that kind. Returns true when a write changed the store.
static bool
s_run_requests (server_t *self, bool writes, MDB_txn **txn_p)
{
    bool any_write = false;
    int rc = 0;
    for (size_t index = 0; index < self->item_count; index++) {
        batch_item_t *item = &self->items [index];
        if (!item->op || (item->op->kind != PPS_OP_READ) != writes)
            continue;
        if (!*txn_p && !rc)
            rc = mdb_txn_begin (pps_store_env (self->store), NULL, writes ? 0 : MDB_RDONLY,
                                txn_p);
        if (rc) {
            s_item_fail (self, item, item->request_id, PPS__CODE__UNAVAILABLE, "",
                         mdb_strerror (rc));
            continue;
        }
        s_run_request (self, *txn_p, item);
        any_write |= item->wrote;
    }
    return any_write;
}

//  Answer EventsSince / ServiceStatus from committed state only, so that a
//  subscriber never sees an event whose commit could still fail; and
//  Describe from the service's table.
static void
s_handle_common (server_t *self, batch_item_t *item, const Pps__CommonRequest *header)
{
    const char *request_id = header->request_id ? header->request_id : "";
    if (header->op_case == PPS__COMMON_REQUEST__OP_DESCRIBE) {
        Pps__ServiceDescription *description = pps_describe (self->service, self->config,
                                                             self->arena);
        item->reply = s_reply_pack (self, request_id, NULL, PPS__COMMON_REPLY__RESULT_DESCRIPTION,
                                    &description->base, &item->reply_size);
        self->requests_served++;
        return;
    }
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc) {
        s_item_fail (self, item, request_id, PPS__CODE__UNAVAILABLE, "", mdb_strerror (rc));
        return;
    }
    ProtobufCMessage *result = NULL;
    uint32_t field = 0;
    if (header->op_case == PPS__COMMON_REQUEST__OP_EVENTS_SINCE) {
        Pps__EventBatch *batch = pps_arena_alloc (self->arena, sizeof (Pps__EventBatch));
        pps__event_batch__init (batch);
        uint32_t limit = header->events_since->limit;
        if (limit == 0 || limit > EVENTS_SINCE_LIMIT)
            limit = EVENTS_SINCE_LIMIT;
        rc = pps_eventlog_since (self->store, txn, header->events_since->seq, limit,
                                 EVENTS_SINCE_BYTES, self->arena, batch);
        result = &batch->base;
        field = PPS__COMMON_REPLY__RESULT_EVENTS;
    }
    else {
        Pps__ServiceStatus *status = pps_arena_alloc (self->arena, sizeof (Pps__ServiceStatus));
        pps__service_status__init (status);
        status->service = (char *) self->service->name;
        status->version = PPS_VERSION;
        status->region_code = (char *) pps_config_region (self->config);
        status->started_ms = self->started_ms;
        status->now_ms = pps_now_ms ();
        status->last_seq = pps_eventlog_last_seq (self->store, txn);
        status->requests_served = self->requests_served;
        status->requests_failed = self->requests_failed;
        pps_store_size (self->store, &status->lmdb_size_bytes, &status->lmdb_map_bytes);
        pps_store_fs (self->store, &status->fs_free_bytes, &status->fs_size_bytes);
        status->schema_version = pps_store_schema_version (self->store);
        result = &status->base;
        field = PPS__COMMON_REPLY__RESULT_SERVICE_STATUS;
    }
    mdb_txn_abort (txn);
    if (rc) {
        s_item_fail (self, item, request_id, PPS__CODE__INTERNAL, "", mdb_strerror (rc));
        return;
    }
    //  The service's own gauges may read its store: after our transaction
    if (field == PPS__COMMON_REPLY__RESULT_SERVICE_STATUS && self->service->status && self->instance)
        self->service->status (self->instance, self->arena, (Pps__ServiceStatus *) result);
    item->reply = s_reply_pack (self, request_id, NULL, field, result, &item->reply_size);
    self->requests_served++;
}

//  Check a request's frame and read its envelope: its size, its strings
//  (no NUL byte), that it is meant for this service. Returns the envelope,
//  or NULL with the item answered; a refusal carries the request id
//  whenever the bytes let it be read.
static Pps__CommonRequest *
s_read_header (server_t *self, batch_item_t *item)
{
    const char *name = self->service->name;
    const uint8_t *data = zframe_data (item->payload);
    size_t size = zframe_size (item->payload);
    char id_buffer [PPS_REQUEST_ID_MAX + 1];
    const char *request_id = pps_wire_find_string (data, size, 1, id_buffer, sizeof id_buffer);
    request_id = pps_arena_strdup (self->arena, request_id ? request_id : "");
    char message [256];
    if (size > PPS_MAX_FRAME_BYTES) {
        snprintf (message, sizeof message, "the request is %zu bytes: more than frame_bytes "
                  "(%d) allows", size, PPS_MAX_FRAME_BYTES);
        zsys_warning ("%s: refused a request of %zu bytes (frame_bytes %d)", name, size,
                      PPS_MAX_FRAME_BYTES);
        s_item_fail (self, item, request_id, PPS__CODE__RESOURCE_EXHAUSTED, "", message);
        return NULL;
    }
    char path [128];
    if (pps_wire_check_strings (self->service->request, data, size, path, sizeof path) == 1) {
        snprintf (message, sizeof message, "%s holds a NUL byte", path);
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, path, message);
        return NULL;
    }
    Pps__CommonRequest *header = (Pps__CommonRequest *) pps_arena_unpack (
        self->arena, &pps__common_request__descriptor, data, size);
    if (!header) {
        s_item_fail (self, item, request_id, PPS__CODE__INVALID_ARGUMENT, "",
                     "the frame is not a valid protobuf request");
        return NULL;
    }
    if (header->service && *header->service && !streq (header->service, name)) {
        snprintf (message, sizeof message, "this is the %s service: a request for %.*s "
                  "goes to that service's endpoint", name, PPS_SERVICE_NAME_MAX,
                  header->service);
        s_item_fail (self, item, request_id, PPS__CODE__FAILED_PRECONDITION, "service", message);
        return NULL;
    }
    return header;
}

//  Split a ROUTER message into routing frames and the one payload frame.
//  REQ clients add an empty delimiter; it stays in the route and goes back.
static bool
s_item_take (batch_item_t *item, zmsg_t **message_p)
{
    zmsg_t *message = *message_p;
    *message_p = NULL;
    size_t frames = zmsg_size (message);
    item->route = zmsg_new ();
    for (size_t index = 0; index + 1 < frames; index++) {
        zframe_t *frame = zmsg_pop (message);
        zmsg_append (item->route, &frame);
    }
    item->payload = zmsg_pop (message);
    zmsg_destroy (&message);
    return frames >= 2 && item->payload != NULL;
}

//  Publish every event committed to the log since the last one published,
//  in seq order, whoever wrote it: this batch's requests, or the service's
//  own actors (an outbox, a sender), which write to the log beside us.
static void
s_publish_logged (server_t *self)
{
    for (int round = 0; round < 100; round++) {
        MDB_txn *txn;
        if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
            return;
        Pps__EventBatch batch = PPS__EVENT_BATCH__INIT;
        int rc = pps_eventlog_since (self->store, txn, self->published_seq, PUBLISH_ROUND,
                                     EVENTS_SINCE_BYTES, self->arena, &batch);
        mdb_txn_abort (txn);
        if (rc || batch.n_events == 0)
            break;
        for (size_t index = 0; index < batch.n_events; index++) {
            ProtobufCBinaryData *event = &batch.events [index];
            char topic [256];
            if (!pps_wire_find_string (event->data, event->len, 5, topic, sizeof topic))
                snprintf (topic, sizeof topic, "%s.event", self->service->name);
            zmsg_t *message = zmsg_new ();
            zmsg_addstr (message, topic);
            zmsg_addmem (message, event->data, event->len);
            zmsg_send (&message, self->publisher);
        }
        uint64_t last = 0;
        const ProtobufCBinaryData *tail = &batch.events [batch.n_events - 1];
        Pps__EventHeader *header = pps__event_header__unpack (NULL, tail->len, tail->data);
        if (header) {
            last = header->seq;
            pps__event_header__free_unpacked (header, NULL);
        }
        pps_arena_reset (self->arena);
        if (last <= self->published_seq)
            break;                    //  Cannot happen with a sound log: never loop on it
        self->published_seq = last;
        if (last >= batch.last_seq)
            break;
    }
}

//  Whether a request's bytes ask for a write: its operation, the last
//  length-delimited top-level field numbered as a service operation (10 and
//  up; as unpacking keeps the last member of a oneof), is not a read. Read
//  from the wire without unpacking, before the batch is served, to decide
//  whether the batch waits for other writers; bytes that do not parse
//  count as what they held up to there (they are refused later anyway).
static bool
s_request_writes (const pps_service_t *service, const uint8_t *data, size_t size)
{
    uint32_t op_number = 0;
    size_t at = 0;
    while (at < size) {
        uint64_t tag = 0;
        int shift = 0;
        while (at < size && shift < 64) {
            uint8_t byte = data [at++];
            tag |= (uint64_t) (byte & 0x7F) << shift;
            shift += 7;
            if (!(byte & 0x80))
                break;
        }
        uint64_t number = tag >> 3;
        uint64_t length = 0;
        switch (tag & 7) {
            case 0:                   //  Varint
                while (at < size && (data [at++] & 0x80))
                    ;
                break;
            case 1:                   //  64-bit
                at += 8;
                break;
            case 5:                   //  32-bit
                at += 4;
                break;
            case 2:                   //  Length-delimited
                shift = 0;
                while (at < size && shift < 64) {
                    uint8_t byte = data [at++];
                    length |= (uint64_t) (byte & 0x7F) << shift;
                    shift += 7;
                    if (!(byte & 0x80))
                        break;
                }
                if (length > size - at)
                    at = size;        //  Malformed: stop here
                else {
                    at += length;
                    if (number >= 10 && number <= UINT32_MAX)
                        op_number = (uint32_t) number;
                }
                break;
            default:                  //  Groups and malformed tags: stop
                at = size;
        }
    }
    const pps_op_t *op = op_number ? pps_service_op (service, op_number) : NULL;
    return op && op->kind != PPS_OP_READ;
}

static void
s_serve_batch (server_t *self)
{
    self->item_count = 0;
    pps_gather_begin (self->gather);
    while (self->item_count < BATCH_MAX) {
        if (self->item_count > 0 && !(zsock_events (self->router) & ZMQ_POLLIN)
        &&  !pps_gather_more (self->gather, self->router))
            break;
        zmsg_t *message = zmsg_recv (self->router);
        if (!message)
            break;
        batch_item_t *item = &self->items [self->item_count];
        memset (item, 0, sizeof *item);
        if (!s_item_take (item, &message)) {
            zmsg_destroy (&item->route);
            zframe_destroy (&item->payload);
            continue;
        }
        pps_gather_seen (self->gather, zmsg_first (item->route),
                         s_request_writes (self->service, zframe_data (item->payload),
                                           zframe_size (item->payload)));
        pps_identity_t identity;
        pps_security_identify (self->security, item->payload, &identity);
        item->role = identity.role;
        item->name = identity.name ? pps_arena_strdup (self->arena, identity.name) : NULL;
        self->item_count++;
    }
    if (self->item_count == 0)
        return;

    for (size_t index = 0; index < self->item_count; index++) {
        batch_item_t *item = &self->items [index];
        Pps__CommonRequest *header = s_read_header (self, item);
        if (!header)
            continue;                 //  Answered
        item->request_id = header->request_id ? header->request_id : "";
        if (header->op_case != PPS__COMMON_REQUEST__OP__NOT_SET) {
            if (pps_role_allows (item->role, false, false))
                item->deferred = true;
            else
                s_item_deny (self, item, header->request_id,
                             header->op_case == PPS__COMMON_REQUEST__OP_EVENTS_SINCE
                             ? "events_since"
                             : header->op_case == PPS__COMMON_REQUEST__OP_DESCRIBE
                             ? "describe" : "service_status");
            continue;
        }
        s_prepare_request (self, item, header);
    }
    //  Reads see what is committed, never a write of this batch that could
    //  still fail; then the writes, in one write transaction
    MDB_txn *read_txn = NULL, *txn = NULL;
    s_run_requests (self, false, &read_txn);
    if (read_txn)
        mdb_txn_abort (read_txn);
    bool any_write = s_run_requests (self, true, &txn);
    if (txn) {
        int commit_rc = any_write ? mdb_txn_commit (txn) : (mdb_txn_abort (txn), 0);
        if (commit_rc) {
            //  Nothing of the batch is durable: every write is told so
            zsys_error ("%s: commit failed: %s", self->service->name, mdb_strerror (commit_rc));
            bool full = commit_rc == MDB_MAP_FULL || commit_rc == ENOSPC || commit_rc == EDQUOT;
            char message [256];
            snprintf (message, sizeof message, "%s: nothing was written: %s",
                      full ? "storage full" : "commit failed", mdb_strerror (commit_rc));
            for (size_t index = 0; index < self->item_count; index++) {
                batch_item_t *item = &self->items [index];
                if (item->wrote)
                    s_item_fail (self, item, item->request_id, full
                                 ? PPS__CODE__RESOURCE_EXHAUSTED : PPS__CODE__UNAVAILABLE,
                                 "", message);
            }
        }
    }
    for (size_t index = 0; index < self->item_count; index++) {
        batch_item_t *item = &self->items [index];
        if (item->deferred) {
            Pps__CommonRequest *header = (Pps__CommonRequest *) pps_arena_unpack (
                self->arena, &pps__common_request__descriptor,
                zframe_data (item->payload), zframe_size (item->payload));
            s_handle_common (self, item, header);
        }
        zmsg_t *reply = item->route;
        item->route = NULL;
        zmsg_addmem (reply, item->reply, item->reply_size);
        zmsg_send (&reply, self->router);
        zframe_destroy (&item->payload);
    }
    pps_arena_reset (self->arena);
    if (any_write)
        s_publish_logged (self);
}

static void
s_heartbeat (server_t *self)
{
    //  What the heartbeat announces is published first, when it can be
    s_publish_logged (self);
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return;
    Pps__Heartbeat heartbeat = PPS__HEARTBEAT__INIT;
    heartbeat.source = (char *) self->service->name;
    heartbeat.last_seq = pps_eventlog_last_seq (self->store, txn);
    heartbeat.time_ms = pps_now_ms ();
    mdb_txn_abort (txn);
    size_t size;
    uint8_t *bytes = pps_arena_pack (self->arena, &heartbeat.base, &size);
    zmsg_t *message = zmsg_new ();
    zmsg_addstrf (message, "%s.heartbeat", self->service->name);
    zmsg_addmem (message, bytes, size);
    zmsg_send (&message, self->publisher);
    pps_arena_reset (self->arena);
}

//  ---------------------------------------------------------------- actor

static void
s_server_destroy (server_t **self_p)
{
    server_t *self = *self_p;
    if (!self)
        return;
    if (self->instance && self->service->destroy)
        self->service->destroy (&self->instance);
    //  Both bound: the endpoints are ours to clean up. The configuration
    //  is not read here: a main thread interrupted by a signal may have
    //  destroyed it already (zactor_destroy does not wait then)
    if (self->router && self->publisher) {
        pps_socket_unbind (&self->router, self->endpoint);
        pps_socket_unbind (&self->publisher, self->events_endpoint);
    }
    zsock_destroy (&self->router);
    zsock_destroy (&self->publisher);
    free (self->endpoint);
    free (self->events_endpoint);
    free (self->allowlist);
    pps_security_destroy (&self->security);
    if (self->auth_started)
        pps_keys_auth_stop ();
    pps_store_destroy (&self->store);
    pps_arena_destroy (&self->arena);
    pps_gather_destroy (&self->gather);
    free (self->failure);
    free (self);
    *self_p = NULL;
}

static int
s_server_start (server_t *self)
{
    const char *name = self->service->name;
    char error [256];
    if (pps_service_check (self->service, error, sizeof error)) {
        self->failure = strdup (error);
        return -1;
    }
    //  Keys first: the service's own peers and subscribers connect in create
    if (pps_keys_setup (self->config, name)) {
        self->failure = strdup ("cannot read its keys (security/keys_dir)");
        return -1;
    }
    if (pps_keys_curve ()) {
        if (pps_keys_auth_start ()) {
            self->failure = strdup ("cannot start the ZAP handler");
            return -1;
        }
        self->auth_started = true;
    }
    char *path = zsys_sprintf ("%s/%s", pps_config_data_dir (self->config), name);
    char map_key [64];
    snprintf (map_key, sizeof map_key, "%s/map_mb", name);
    size_t map_bytes = (size_t) pps_config_get_int (self->config, map_key, 1024) << 20;
    self->store = pps_store_open (path, map_bytes, self->service->databases,
                                  self->service->schema_version);
    zstr_free (&path);
    if (!self->store) {
        self->failure = strdup ("cannot open the store");
        return -1;
    }
    if (self->service->create) {
        self->instance = self->service->create (self->store, self->config);
        if (!self->instance) {
            self->failure = strdup ("cannot create the service");
            return -1;
        }
    }
    const char *endpoint = pps_config_endpoint (self->config, name);
    const char *events = pps_config_events_endpoint (self->config, name);
    self->security = pps_security_new (self->config, pps_keys_protects (endpoint));
    if (!self->security) {
        self->failure = strdup ("bad security/ipc_role");
        return -1;
    }
    self->endpoint = strdup (endpoint);
    self->events_endpoint = strdup (events);
    assert (self->endpoint && self->events_endpoint);
    self->router = pps_socket_bind (ZMQ_ROUTER, endpoint, name);
    self->publisher = pps_socket_bind (ZMQ_PUB, events, name);
    if (!self->router || !self->publisher) {
        self->failure = zsys_sprintf ("cannot bind %s or %s", endpoint, events);
        return -1;
    }
    self->heartbeat_ms = pps_config_get_int (self->config, "server/heartbeat_ms", 2000);
    self->request_ttl_ms = pps_config_get_int (self->config, "server/request_ttl_days", 30)
                         * 24 * 3600 * 1000;
    //  A batch holding a write waits up to the linger for the clients that
    //  sent a write in the last 50 ms (a read never waits, a reader is never
    //  waited for): long enough for a client behind the HTTP gateway to send
    //  its next write, about the cost of a durable commit
    self->gather = pps_gather_new (pps_config_get_int (self->config, "server/batch_linger_us", 2000),
                                   50 * 1000);
    self->publish_poll_ms = pps_config_get_int (self->config, "server/publish_poll_ms", 50);
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn) == 0) {
        self->published_seq = pps_eventlog_last_seq (self->store, txn);
        mdb_txn_abort (txn);
    }
    self->started_ms = pps_now_ms ();
    self->next_heartbeat = zclock_mono ();
    self->next_publish = zclock_mono ();
    zsys_info ("%s: serving %s, events on %s%s", name, endpoint, events,
               pps_keys_protects (endpoint) ? " (CURVE)" : "");
    return 0;
}

void
pps_server_actor (zsock_t *pipe, void *args)
{
    pps_server_args_t *server_args = args;
    server_t *self = calloc (1, sizeof (server_t));
    assert (self);
    self->service = server_args->service;
    self->config = server_args->config;
    self->pipe = pipe;
    self->arena = pps_arena_new ();
    zsock_signal (pipe, 0);

    //  The first command is START: we answer OK or the reason we cannot
    char *command = zstr_recv (pipe);
    bool started = command && streq (command, "START") && s_server_start (self) == 0;
    zstr_send (pipe, started ? "OK" : (self->failure ? self->failure : "no START"));
    zstr_free (&command);

    zpoller_t *poller = pps_actor_poller (pipe, started ? self->router : NULL);
    while (true) {
        int64_t next = self->next_heartbeat < self->next_publish ? self->next_heartbeat
                                                                 : self->next_publish;
        int64_t wait = started ? next - zclock_mono () : -1;
        if (started && wait < 0)
            wait = 0;
        zsock_t *which = zpoller_wait (poller, (int) wait);
        if (which == pipe) {
            zmsg_t *message = zmsg_recv (pipe);
            char *verb = message ? zmsg_popstr (message) : NULL;
            bool terminate = !verb || streq (verb, "$TERM");
            zstr_free (&verb);
            zmsg_destroy (&message);
            if (terminate)
                break;
        }
        else
        if (which == self->router)
            s_serve_batch (self);
        else
        if (zpoller_terminated (poller))
            break;
        //  Events the service's own actors logged go out within a poll
        if (started && zclock_mono () >= self->next_publish) {
            s_publish_logged (self);
            self->next_publish = zclock_mono () + self->publish_poll_ms;
        }
        if (started && zclock_mono () >= self->next_allowlist) {
            s_check_allowlist (self);
            self->next_allowlist = zclock_mono () + ALLOWLIST_CHECK_MS;
        }
        if (started && zclock_mono () >= self->next_heartbeat) {
            s_heartbeat (self);
            self->next_heartbeat = zclock_mono () + self->heartbeat_ms;
        }
        //  Once an hour (and at start), a bounded round of forgetting
        if (started && zclock_mono () >= self->next_prune) {
            int64_t forgotten = pps_requests_prune (self->store,
                                                    pps_now_ms () - self->request_ttl_ms, 10000);
            self->next_prune = zclock_mono () + (forgotten == 10000 ? 1000 : 3600 * 1000);
        }
    }
    zpoller_destroy (&poller);
    if (started)
        zsys_info ("%s: stopped", self->service->name);
    s_server_destroy (&self);
}

zactor_t *
pps_server_new (const pps_service_t *service, pps_config_t *config)
{
    //  The actor copies args before it signals, and zactor_new waits for
    //  that signal, so args may live on our stack.
    pps_server_args_t args = { service, config };
    //  A signal must not cut the START handshake (pps_runner_start)
    sigset_t previous;
    pps_signals_hold (&previous);
    zactor_t *actor = pps_actor_new (pps_server_actor, &args);
    if (actor) {
        zstr_send (actor, "START");
        char *answer = zstr_recv (actor);
        bool ok = answer && streq (answer, "OK");
        if (!ok) {
            zsys_error ("%s: cannot start: %s", service->name, answer ? answer : "no answer");
            zactor_destroy (&actor);
        }
        zstr_free (&answer);
    }
    pps_signals_release (&previous);
    return actor;
}
