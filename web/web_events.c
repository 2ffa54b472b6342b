/*  web_events: the services' events as Server-Sent Events.

    GET /api/v1/events?topics=registry.designation,notify. subscribes to
    the topic prefixes given (every event of every service without it).
    Each event's id is the cursor of the whole stream, the last seq sent of
    every service ("registry=41;notify=7"), so that a client that comes
    back with Last-Event-ID (or ?since=) is sent what it missed, through
    EventsSince, before the live events; a gap in the live seqs is filled
    the same way. A comment line every 15 s keeps proxies from closing an
    idle stream.  */
#include "web_gateway.h"

#include <czmq.h>
#include "pps_json.h"
#include "pps_socket.h"

#define SERVICES_MAX   8
#define KEEPALIVE_MS   15000
#define CATCH_UP_PAGE  500

typedef struct {
    web_gateway_t *gateway;
    zsock_t *subscriber;
    const char *names [SERVICES_MAX];         //  Services followed
    uint64_t last [SERVICES_MAX];             //  Last seq sent of each
    size_t count;
    zlist_t *prefixes;                        //  Topic prefixes (strings we own)
    char *pending;                            //  Text to send, from offset
    size_t pending_size;
    size_t pending_offset;
    int64_t next_keepalive;
} stream_t;

static int
s_service_index (stream_t *self, const char *name, size_t length)
{
    for (size_t index = 0; index < self->count; index++)
        if (strlen (self->names [index]) == length && !strncmp (self->names [index], name, length))
            return (int) index;
    return -1;
}

static bool
s_wanted (stream_t *self, const char *topic)
{
    if (zlist_size (self->prefixes) == 0)
        return true;
    for (char *prefix = zlist_first (self->prefixes); prefix; prefix = zlist_next (self->prefixes))
        if (strncmp (topic, prefix, strlen (prefix)) == 0)
            return true;
    return false;
}

static void
s_append (stream_t *self, const char *text)
{
    size_t length = strlen (text);
    char *grown = realloc (self->pending, self->pending_size + length + 1);
    assert (grown);
    self->pending = grown;
    memcpy (self->pending + self->pending_size, text, length + 1);
    self->pending_size += length;
}

//  The stream's cursor: every followed service's last seq.
static char *
s_cursor (stream_t *self)
{
    char *cursor = strdup ("");
    for (size_t index = 0; index < self->count; index++) {
        char *more = zsys_sprintf ("%s%s%s=%llu", cursor, index ? ";" : "", self->names [index],
                                   (unsigned long long) self->last [index]);
        free (cursor);
        cursor = more;
    }
    return cursor;
}

//  Queue one event (bytes of the service's <Svc>Event) when it is the next
//  of its service and its topic is wanted.
static void
s_event (stream_t *self, int index, const uint8_t *bytes, size_t size)
{
    web_services_t *services = web_gateway_services (self->gateway);
    const ProtobufCMessageDescriptor *descriptor =
        web_services_event (services, self->names [index]);
    ProtobufCMessage *event = protobuf_c_message_unpack (descriptor, NULL, size, bytes);
    if (!event)
        return;
    Pps__EventHeader *header = pps__event_header__unpack (NULL, size, bytes);
    if (header && header->seq > self->last [index]) {
        self->last [index] = header->seq;
        if (s_wanted (self, header->topic ? header->topic : "")) {
            json_t *json = pps_json_from_message (event, false);
            char *data = json_dumps (json, JSON_COMPACT);
            char *cursor = s_cursor (self);
            char *text = zsys_sprintf ("id: %s\nevent: %s\ndata: %s\n\n", cursor, header->topic,
                                       data);
            s_append (self, text);
            zstr_free (&text);
            free (cursor);
            free (data);
            json_decref (json);
        }
    }
    if (header)
        pps__event_header__free_unpacked (header, NULL);
    protobuf_c_message_free_unpacked (event, NULL);
}

//  Send what service index logged after the last seq we sent, up to its
//  last seq when the fetch began (bounded: a page at a time).
static void
s_catch_up (stream_t *self, int index)
{
    web_services_t *services = web_gateway_services (self->gateway);
    for (int page = 0; page < 1000; page++) {
        pps_arena_t *arena = pps_arena_new ();
        Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
        Pps__EventsSinceRequest since = PPS__EVENTS_SINCE_REQUEST__INIT;
        since.seq = self->last [index];
        since.limit = CATCH_UP_PAGE;
        request.op_case = PPS__COMMON_REQUEST__OP_EVENTS_SINCE;
        request.events_since = &since;
        request.actor = "pps-web";
        Pps__CommonReply *reply = web_services_common (services, self->names [index], &request,
                                                       arena);
        size_t got = 0;
        if (reply && reply->result_case == PPS__COMMON_REPLY__RESULT_EVENTS) {
            got = reply->events->n_events;
            for (size_t event = 0; event < got; event++)
                s_event (self, index, reply->events->events [event].data,
                         reply->events->events [event].len);
        }
        bool more = got > 0 && reply->events->last_seq > self->last [index];
        pps_arena_destroy (&arena);
        if (!more)
            break;
    }
}

static ssize_t
s_pull (void *arg, char *buffer, size_t size)
{
    stream_t *self = arg;
    if (self->pending_offset == self->pending_size) {
        self->pending_size = self->pending_offset = 0;
        if (zsock_events (self->subscriber) & ZMQ_POLLIN) {
            zmsg_t *message = zmsg_recv (self->subscriber);
            char *topic = message ? zmsg_popstr (message) : NULL;
            zframe_t *frame = message ? zmsg_pop (message) : NULL;
            const char *dot = topic ? strchr (topic, '.') : NULL;
            int index = dot ? s_service_index (self, topic, (size_t) (dot - topic)) : -1;
            if (index >= 0 && frame && !streq (dot + 1, "heartbeat")) {
                Pps__EventHeader *header = pps__event_header__unpack (
                    NULL, zframe_size (frame), zframe_data (frame));
                uint64_t seq = header ? header->seq : 0;
                if (header)
                    pps__event_header__free_unpacked (header, NULL);
                if (seq > self->last [index] + 1)
                    s_catch_up (self, index);     //  A gap: what we missed first
                s_event (self, index, zframe_data (frame), zframe_size (frame));
            }
            else
            if (index >= 0 && frame) {
                Pps__Heartbeat *beat = pps__heartbeat__unpack (NULL, zframe_size (frame),
                                                              zframe_data (frame));
                if (beat && beat->last_seq > self->last [index])
                    s_catch_up (self, index);
                if (beat)
                    pps__heartbeat__free_unpacked (beat, NULL);
            }
            zframe_destroy (&frame);
            zstr_free (&topic);
            zmsg_destroy (&message);
        }
        if (self->pending_size == 0 && zclock_mono () >= self->next_keepalive) {
            s_append (self, ": keep-alive\n\n");
            self->next_keepalive = zclock_mono () + KEEPALIVE_MS;
        }
        if (self->pending_size == 0)
            return 0;
    }
    size_t length = self->pending_size - self->pending_offset;
    if (length > size)
        length = size;
    memcpy (buffer, self->pending + self->pending_offset, length);
    self->pending_offset += length;
    return (ssize_t) length;
}

static void
s_stream_free (void *arg)
{
    stream_t *self = arg;
    zsock_destroy (&self->subscriber);
    zlist_destroy (&self->prefixes);
    free (self->pending);
    free (self);
}

//  Read a cursor ("registry=41;notify=7") into the stream's last seqs.
static void
s_resume (stream_t *self, const char *cursor)
{
    while (cursor && *cursor) {
        const char *equal = strchr (cursor, '=');
        if (!equal)
            break;
        int index = s_service_index (self, cursor, (size_t) (equal - cursor));
        char *end;
        unsigned long long seq = strtoull (equal + 1, &end, 10);
        if (index >= 0)
            self->last [index] = seq;
        cursor = *end == ';' ? end + 1 : NULL;
    }
}

void
web_events (web_gateway_t *gateway, const pps_http_request_t *request,
            pps_http_response_t *response)
{
    web_services_t *services = web_gateway_services (gateway);
    stream_t *self = calloc (1, sizeof *self);
    assert (self);
    self->gateway = gateway;
    self->prefixes = zlist_new ();
    zlist_autofree (self->prefixes);
    self->subscriber = zsock_new (ZMQ_SUB);
    zsock_set_linger (self->subscriber, 0);
    const char *topics = pps_http_query (request, "topics");
    for (size_t index = 0; index < web_services_count (services) && index < SERVICES_MAX; index++)
        self->names [self->count++] = web_services_name (services, index);
    //  Which services to follow: those the prefixes name, else all
    bool followed [SERVICES_MAX] = { false };
    char *list = strdup (topics ? topics : "");
    for (char *prefix = strtok (list, ","); prefix; prefix = strtok (NULL, ",")) {
        const char *dot = strchr (prefix, '.');
        int index = s_service_index (self, prefix, dot ? (size_t) (dot - prefix) : strlen (prefix));
        if (index < 0) {
            char detail [160];
            snprintf (detail, sizeof detail, "topics: '%.64s' names no service", prefix);
            pps_http_problem (response, 400, detail, "topics");
            free (list);
            s_stream_free (self);
            return;
        }
        followed [index] = true;
        zlist_append (self->prefixes, prefix);
    }
    free (list);
    for (size_t index = 0; index < self->count; index++)
        if (followed [index] || zlist_size (self->prefixes) == 0) {
            zsock_connect (self->subscriber, "%s",
                           web_services_events_endpoint (services, self->names [index]));
            zsock_set_subscribe (self->subscriber, self->names [index]);
        }
    //  Where the stream starts: the cursor given back, else each service's
    //  last seq now (only what happens from here on)
    const char *cursor = pps_http_header (request, "Last-Event-ID");
    if (!cursor)
        cursor = pps_http_query (request, "since");
    for (size_t index = 0; index < self->count; index++) {
        pps_arena_t *arena = pps_arena_new ();
        Pps__CommonRequest status_request = PPS__COMMON_REQUEST__INIT;
        Pps__ServiceStatusRequest status = PPS__SERVICE_STATUS_REQUEST__INIT;
        status_request.op_case = PPS__COMMON_REQUEST__OP_SERVICE_STATUS;
        status_request.service_status = &status;
        status_request.actor = "pps-web";
        Pps__CommonReply *reply = web_services_common (services, self->names [index],
                                                       &status_request, arena);
        if (reply && reply->result_case == PPS__COMMON_REPLY__RESULT_SERVICE_STATUS)
            self->last [index] = reply->service_status->last_seq;
        pps_arena_destroy (&arena);
    }
    if (cursor) {
        s_resume (self, cursor);
        for (size_t index = 0; index < self->count; index++)
            s_catch_up (self, (int) index);
    }
    char *start = s_cursor (self);
    char *text = zsys_sprintf (": stream of %s\nretry: 2000\n\n", start);
    s_append (self, text);
    zstr_free (&text);
    free (start);
    self->next_keepalive = zclock_mono () + KEEPALIVE_MS;
    response->status = 200;
    response->content_type = "text/event-stream";
    response->stream = s_pull;
    response->stream_arg = self;
    response->stream_free = s_stream_free;
}
