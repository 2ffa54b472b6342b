/*  pps_peer: a service's synchronous calls to another service of the region,
    to check the references a request carries ("ask the registry, do not
    trust the client").

    A peer is made once, when the service starts, and used from the service's
    own actor thread only. A call runs inside the handler: when the peer says
    the record does not exist, the caller's call fails with NOT_FOUND on the
    caller's own field name; when the peer cannot be reached, with UNAVAILABLE.
*/
#ifndef PPS_PEER_H_INCLUDED
#define PPS_PEER_H_INCLUDED

#include "pps_client.h"
#include "pps_service.h"

typedef struct _pps_peer_t pps_peer_t;

//  A peer for service (its endpoint from config), whose replies are of type
//  reply_descriptor. Caller owns return value and must destroy it.
pps_peer_t *pps_peer_new (pps_config_t *config, const char *service,
                          const ProtobufCMessageDescriptor *reply_descriptor, int timeout_ms);

//  Destroy the peer; sets *self_p to NULL.
void pps_peer_destroy (pps_peer_t **self_p);

//  Send request (a read of the peer's; its request_id is set here) and
//  return the reply, unpacked into the call's arena, when its status is OK.
//  Otherwise fail call on field (NOT_FOUND, INVALID_ARGUMENT... as the peer
//  said; UNAVAILABLE when it did not answer) and return NULL.
ProtobufCMessage *pps_peer_call (pps_peer_t *self, pps_call_t *call,
                                 ProtobufCMessage *request, const char *field);

//  Send request (its request_id is set here) and return the reply unpacked
//  into arena whatever its status, or NULL when the peer did not answer.
//  For callers that report a peer's state rather than fail on it.
ProtobufCMessage *pps_peer_ask (pps_peer_t *self, pps_arena_t *arena, ProtobufCMessage *request);

//  The peer's service name.
const char *pps_peer_name (pps_peer_t *self);

#endif
