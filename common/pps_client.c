/*  pps_client: calls a service's ROUTER with one request frame.  */
#include "pps_client.h"
#include "pps_reflect.h"

#include <ctype.h>
#include <inttypes.h>

#include "pps_socket.h"

struct _pps_client_t {
    zsock_t *dealer;          //  One frame out, one frame back
    zpoller_t *poller;
    char *endpoint;
    int timeout_ms;
    int attempts;
};

pps_client_t *
pps_client_new (const char *endpoint, int timeout_ms, int attempts)
{
    zsock_t *dealer = pps_socket_connect (ZMQ_DEALER, endpoint);
    if (!dealer)
        return NULL;
    pps_client_t *self = calloc (1, sizeof (pps_client_t));
    assert (self);
    self->dealer = dealer;
    self->poller = zpoller_new (dealer, NULL);
    self->endpoint = strdup (endpoint);
    self->timeout_ms = timeout_ms;
    self->attempts = attempts < 1 ? 1 : attempts;
    return self;
}

void
pps_client_destroy (pps_client_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_client_t *self = *self_p;
        zpoller_destroy (&self->poller);
        zsock_destroy (&self->dealer);
        free (self->endpoint);
        free (self);
        *self_p = NULL;
    }
}

void
pps_client_set_timeout (pps_client_t *self, int timeout_ms)
{
    self->timeout_ms = timeout_ms;
}

char *
pps_client_new_request_id (char *buffer)
{
    zuuid_t *uuid = zuuid_new ();
    uint64_t now_ms = (uint64_t) zclock_time () & 0xFFFFFFFFFFFFull;
    //  The last 20 digits of the uuid: its version digit is among the first
    snprintf (buffer, 33, "%012" PRIX64 "%s", now_ms, zuuid_str (uuid) + 12);
    zuuid_destroy (&uuid);
    return buffer;
}

//  Wait up to the timeout for a reply whose request id is wanted_id.
static zframe_t *
s_await (pps_client_t *self, const char *wanted_id)
{
    int64_t deadline = zclock_mono () + self->timeout_ms;
    while (true) {
        int64_t left = deadline - zclock_mono ();
        if (left <= 0)
            return NULL;
        if (!zpoller_wait (self->poller, (int) left))
            return NULL;
        zframe_t *frame = zframe_recv (self->dealer);
        if (!frame)
            return NULL;
        if (!wanted_id)
            return frame;
        Pps__RequestHeader *header = pps__request_header__unpack (
            NULL, zframe_size (frame), zframe_data (frame));
        bool match = header && streq (header->request_id, wanted_id);
        if (header)
            pps__request_header__free_unpacked (header, NULL);
        if (match)
            return frame;
        zframe_destroy (&frame);
    }
}

static zframe_t *
s_call (pps_client_t *self, const void *bytes, size_t size, const char *wanted_id)
{
    for (int attempt = 0; attempt < self->attempts; attempt++) {
        zframe_t *request = zframe_new (bytes, size);
        if (zframe_send (&request, self->dealer, 0) == -1) {
            zframe_destroy (&request);
            return NULL;
        }
        zframe_t *reply = s_await (self, wanted_id);
        if (reply)
            return reply;
    }
    return NULL;
}

zframe_t *
pps_client_call_raw (pps_client_t *self, const void *bytes, size_t size)
{
    return s_call (self, bytes, size, NULL);
}

//  The request, saying which service it is meant for (the package of its
//  envelope, "registry" for registry.RegistryRequest) when it carries one of
//  the service's own operations and does not say already: a copy in arena
//  when it must be changed.
static const ProtobufCMessage *
s_addressed (pps_arena_t *arena, const ProtobufCMessage *request)
{
    const ProtobufCMessageDescriptor *descriptor = request->descriptor;
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (descriptor, PPS_SERVICE_FIELD);
    if (!field || field->type != PROTOBUF_C_TYPE_STRING || !streq (field->name, "service")
    ||  !descriptor->package_name || streq (descriptor->package_name, "pps"))
        return request;
    const char *service = *(const char *const *) ((const char *) request + field->offset);
    const ProtobufCMessage *op = NULL;
    //  The common operations (3 to 5) mean the same to every service
    if ((service && *service) || pps_reflect_oneof (request, &op) < 10)
        return request;
    ProtobufCMessage *copy = pps_arena_alloc (arena, descriptor->sizeof_message);
    memcpy (copy, request, descriptor->sizeof_message);
    *(const char **) ((char *) copy + field->offset) = descriptor->package_name;
    return copy;
}

int
pps_client_call (pps_client_t *self, const ProtobufCMessage *request,
                 const ProtobufCMessageDescriptor *reply_descriptor,
                 pps_arena_t *arena, ProtobufCMessage **reply_p)
{
    request = s_addressed (arena, request);
    size_t size;
    uint8_t *bytes = pps_arena_pack (arena, request, &size);
    const ProtobufCFieldDescriptor *id_field =
        protobuf_c_message_descriptor_get_field (request->descriptor, 1);
    assert (id_field && id_field->type == PROTOBUF_C_TYPE_STRING);
    const char *request_id = *(const char **) ((const char *) request + id_field->offset);
    zframe_t *frame = s_call (self, bytes, size, request_id ? request_id : "");
    if (!frame)
        return -1;
    ProtobufCMessage *reply = pps_arena_unpack (arena, reply_descriptor,
                                                zframe_data (frame), zframe_size (frame));
    zframe_destroy (&frame);
    if (!reply)
        return -1;
    *reply_p = reply;
    return 0;
}

const Pps__Status *
pps_client_status (const ProtobufCMessage *reply)
{
    static const Pps__Status ok = PPS__STATUS__INIT;
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (reply->descriptor, 2);
    assert (field && field->type == PROTOBUF_C_TYPE_MESSAGE);
    const Pps__Status *status = *(const Pps__Status **) ((const char *) reply + field->offset);
    return status ? status : &ok;
}

void
pps_client_test (bool verbose)
{
    (void) verbose;
    char first [33], second [33];
    pps_client_new_request_id (first);
    zclock_sleep (2);
    pps_client_new_request_id (second);
    assert (strlen (first) == 32 && strlen (second) == 32);
    for (size_t index = 0; index < 32; index++)
        assert (isxdigit ((unsigned char) first [index]));
    //  Made later, sorts later: the requests database grows at its end
    assert (strcmp (first, second) < 0);
    //  Made in the same millisecond, still different
    pps_client_new_request_id (second);
    pps_client_new_request_id (first);
    assert (strcmp (first, second) != 0);
}
