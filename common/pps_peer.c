/*  pps_peer: a service's synchronous calls to another service.  */
#include "pps_peer.h"

#include "pps_reflect.h"

struct _pps_peer_t {
    char *service;                                  //  "registry"
    char *endpoint;
    const ProtobufCMessageDescriptor *reply;        //  <Peer>Reply
    pps_client_t *client;
    int timeout_ms;                                 //  Of a call to a live peer
    bool down;                                      //  The last call got no answer
};

//  While a peer is down, a call waits only this long: enough for a peer
//  that came back to answer, short enough that the caller's batch does not
//  stall behind every call to a dead peer.
#define PEER_PROBE_MS 200

pps_peer_t *
pps_peer_new (pps_config_t *config, const char *service,
              const ProtobufCMessageDescriptor *reply_descriptor, int timeout_ms)
{
    const char *endpoint = pps_config_endpoint (config, service);
    pps_client_t *client = pps_client_new (endpoint, timeout_ms, 1);
    if (!client)
        return NULL;
    pps_peer_t *self = calloc (1, sizeof (pps_peer_t));
    assert (self);
    self->service = strdup (service);
    self->endpoint = strdup (endpoint);
    self->reply = reply_descriptor;
    self->client = client;
    self->timeout_ms = timeout_ms;
    return self;
}

void
pps_peer_destroy (pps_peer_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_peer_t *self = *self_p;
        pps_client_destroy (&self->client);
        free (self->service);
        free (self->endpoint);
        free (self);
        *self_p = NULL;
    }
}

const char *
pps_peer_name (pps_peer_t *self)
{
    return self->service;
}

ProtobufCMessage *
pps_peer_ask (pps_peer_t *self, pps_arena_t *arena, ProtobufCMessage *request)
{
    //  A fresh id keeps a late answer to an earlier call from being taken
    char request_id [33];
    pps_reflect_set_string (request, 1, pps_client_new_request_id (request_id));
    pps_client_set_timeout (self->client, self->down && self->timeout_ms > PEER_PROBE_MS
                                          ? PEER_PROBE_MS : self->timeout_ms);
    ProtobufCMessage *reply = NULL;
    self->down = pps_client_call (self->client, request, self->reply, arena, &reply) != 0;
    return self->down ? NULL : reply;
}

ProtobufCMessage *
pps_peer_call (pps_peer_t *self, pps_call_t *call, ProtobufCMessage *request, const char *field)
{
    ProtobufCMessage *reply = pps_peer_ask (self, pps_call_arena (call), request);
    if (!reply) {
        pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                       "cannot check %s: the %s service at %s did not answer",
                       field, self->service, self->endpoint);
        return NULL;
    }
    const Pps__Status *status = pps_client_status (reply);
    if (status->code != PPS__CODE__OK) {
        pps_call_fail (call, status->code == PPS__CODE__NOT_FOUND
                             || status->code == PPS__CODE__INVALID_ARGUMENT
                             ? status->code : PPS__CODE__UNAVAILABLE,
                       field, "%s: %s says: %s", field, self->service, status->message);
        return NULL;
    }
    return reply;
}
