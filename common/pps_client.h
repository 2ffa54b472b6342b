/*  pps_client: calls a service's ROUTER with one request frame and waits for
    the reply frame.

    Writes are safe to retry because the service answers a repeated request id
    with its first reply: on a timeout the client resends the same bytes, up
    to the configured number of attempts. Replies that do not carry the
    request id asked for (late answers to an earlier call) are dropped.
*/
#ifndef PPS_CLIENT_H_INCLUDED
#define PPS_CLIENT_H_INCLUDED

#include <czmq.h>
#include "pps_arena.h"
#include "common.pb-c.h"

typedef struct _pps_client_t pps_client_t;

//  Connect to endpoint; timeout_ms per attempt, attempts >= 1.
//  Caller owns return value and must destroy it.
pps_client_t *pps_client_new (const char *endpoint, int timeout_ms, int attempts);

//  Disconnect; sets *self_p to NULL.
void pps_client_destroy (pps_client_t **self_p);

//  Change the time one attempt waits for its reply.
void pps_client_set_timeout (pps_client_t *self, int timeout_ms);

//  A fresh request id (32 hex characters) written into buffer (>= 33 bytes):
//  the time in milliseconds (12 hex digits), then 80 random bits. Ids made
//  one after the other sort one after the other, so the server's requests
//  database grows at its end instead of touching a random page per write.
char *pps_client_new_request_id (char *buffer);

//  The envelope's field naming the service a request is meant for.
#define PPS_SERVICE_FIELD 6

//  Send request (whose field 1 is its request_id; set one for writes) and
//  unpack the reply as reply_descriptor into arena. A request for one of a
//  service's own operations that does not name its service (field 6) is
//  sent naming the package of its envelope. Returns 0 and sets
//  *reply_p, or -1 when no reply came in time (or it did not unpack).
int pps_client_call (pps_client_t *self, const ProtobufCMessage *request,
                     const ProtobufCMessageDescriptor *reply_descriptor,
                     pps_arena_t *arena, ProtobufCMessage **reply_p);

//  Same with raw bytes, for tests that send malformed frames: returns the
//  reply frame or NULL on timeout. Caller owns the frame.
zframe_t *pps_client_call_raw (pps_client_t *self, const void *bytes, size_t size);

//  The Status of a reply (field 2 of every reply), never NULL.
const Pps__Status *pps_client_status (const ProtobufCMessage *reply);

//  Self test.
void pps_client_test (bool verbose);

#endif
