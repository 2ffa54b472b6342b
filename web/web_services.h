/*  web_services: the region's services as the gateway calls them.

    The gateway knows the services' names and envelopes (compiled from
    proto/); what each one offers it learns from its Describe, asked at
    the first need and again when an operation is not found, so that a new
    operation appears in the API without gateway code. Calls go through a
    pool of clients per service: a connection's thread takes one, calls,
    and gives it back.
*/
#ifndef WEB_SERVICES_H_INCLUDED
#define WEB_SERVICES_H_INCLUDED

#include "pps_arena.h"
#include "pps_config.h"
#include "common.pb-c.h"

typedef struct _web_services_t web_services_t;

//  The region's services at the endpoints config gives. Caller owns
//  return value and must destroy it.
web_services_t *web_services_new (pps_config_t *config, int timeout_ms);

//  Destroy; sets *self_p to NULL.
void web_services_destroy (web_services_t **self_p);

//  How many services, and the name of each.
size_t web_services_count (web_services_t *self);
const char *web_services_name (web_services_t *self, size_t index);

//  The request and reply envelopes of a service, NULL when there is no such.
const ProtobufCMessageDescriptor *web_services_request (web_services_t *self, const char *service);
const ProtobufCMessageDescriptor *web_services_reply (web_services_t *self, const char *service);

//  The event envelope of a service and where it publishes its events.
const ProtobufCMessageDescriptor *web_services_event (web_services_t *self, const char *service);
const char *web_services_events_endpoint (web_services_t *self, const char *service);

//  The service's Describe, asked again when refresh or when not known yet;
//  NULL when the service never answered. It stays valid until the services
//  are destroyed (a newer one replaces it for later calls).
const Pps__ServiceDescription *web_services_describe (web_services_t *self, const char *service,
                                                      bool refresh);

//  The operation's description in description, or NULL.
const Pps__OperationDescription *web_services_op (const Pps__ServiceDescription *description,
                                                  const char *name);

//  Call op of service with message (the operation's own message), as actor,
//  with request_id (may be "" for a read). Returns the reply envelope in
//  arena, or NULL when the service did not answer in time.
ProtobufCMessage *web_services_call (web_services_t *self, const char *service,
                                     const Pps__OperationDescription *op,
                                     const ProtobufCMessage *message, const char *request_id,
                                     const char *actor, pps_arena_t *arena);

//  A common request (EventsSince) to service; the reply, or NULL.
Pps__CommonReply *web_services_common (web_services_t *self, const char *service,
                                       Pps__CommonRequest *request, pps_arena_t *arena);

#endif
