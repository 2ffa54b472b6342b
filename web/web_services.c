/*  web_services: the region's services as the gateway calls them.  */
#include "web_services.h"

#include <czmq.h>
#include <pthread.h>
#include "pps_client.h"
#include "pps_reflect.h"
#include "registry.pb-c.h"
#include "projects.pb-c.h"
#include "training.pb-c.h"
#include "funding.pb-c.h"
#include "indicators.pb-c.h"
#include "notify.pb-c.h"

#define POOL_MAX 64                   //  Idle clients kept per service

typedef struct {
    const char *name;
    const ProtobufCMessageDescriptor *request;
    const ProtobufCMessageDescriptor *reply;
    const ProtobufCMessageDescriptor *event;
} envelope_t;

//  The services of a region; their operations come from Describe.
static const envelope_t s_envelopes [] = {
    { "registry", &registry__registry_request__descriptor, &registry__registry_reply__descriptor,
      &registry__registry_event__descriptor },
    { "projects", &projects__projects_request__descriptor, &projects__projects_reply__descriptor,
      &projects__projects_event__descriptor },
    { "training", &training__training_request__descriptor, &training__training_reply__descriptor,
      &training__training_event__descriptor },
    { "funding", &funding__funding_request__descriptor, &funding__funding_reply__descriptor,
      &funding__funding_event__descriptor },
    { "indicators", &indicators__indicators_request__descriptor,
      &indicators__indicators_reply__descriptor,
      &indicators__indicators_event__descriptor },
    { "notify", &notify__notify_request__descriptor, &notify__notify_reply__descriptor,
      &notify__notify_event__descriptor },
};
#define SERVICE_COUNT (sizeof s_envelopes / sizeof s_envelopes [0])

typedef struct {
    char *endpoint;
    char *events;                     //  Its PUB socket
    pps_client_t *idle [POOL_MAX];
    size_t idle_count;
    Pps__ServiceDescription *description;   //  Its Describe, NULL until known
} service_t;

struct _web_services_t {
    pthread_mutex_t lock;             //  Guards the pools and descriptions
    service_t services [SERVICE_COUNT];
    zlist_t *retired;                 //  Descriptions replaced by a newer one
    int timeout_ms;
};

web_services_t *
web_services_new (pps_config_t *config, int timeout_ms)
{
    web_services_t *self = calloc (1, sizeof *self);
    assert (self);
    pthread_mutex_init (&self->lock, NULL);
    self->retired = zlist_new ();
    self->timeout_ms = timeout_ms;
    for (size_t index = 0; index < SERVICE_COUNT; index++) {
        self->services [index].endpoint = strdup (pps_config_endpoint (config,
                                                                       s_envelopes [index].name));
        self->services [index].events = strdup (pps_config_events_endpoint (
            config, s_envelopes [index].name));
        assert (self->services [index].endpoint && self->services [index].events);
    }
    return self;
}

void
web_services_destroy (web_services_t **self_p)
{
    web_services_t *self = *self_p;
    if (!self)
        return;
    for (size_t index = 0; index < SERVICE_COUNT; index++) {
        service_t *service = &self->services [index];
        for (size_t client = 0; client < service->idle_count; client++)
            pps_client_destroy (&service->idle [client]);
        free (service->endpoint);
        free (service->events);
        if (service->description)
            pps__service_description__free_unpacked (service->description, NULL);
    }
    for (Pps__ServiceDescription *old = zlist_first (self->retired); old;
         old = zlist_next (self->retired))
        pps__service_description__free_unpacked (old, NULL);
    zlist_destroy (&self->retired);
    pthread_mutex_destroy (&self->lock);
    free (self);
    *self_p = NULL;
}

size_t web_services_count (web_services_t *self) { (void) self; return SERVICE_COUNT; }
const char *web_services_name (web_services_t *self, size_t index)
{
    (void) self;
    return index < SERVICE_COUNT ? s_envelopes [index].name : NULL;
}

static int
s_index (const char *name)
{
    for (size_t index = 0; index < SERVICE_COUNT; index++)
        if (name && streq (s_envelopes [index].name, name))
            return (int) index;
    return -1;
}

const ProtobufCMessageDescriptor *
web_services_request (web_services_t *self, const char *service)
{
    (void) self;
    int index = s_index (service);
    return index < 0 ? NULL : s_envelopes [index].request;
}

const ProtobufCMessageDescriptor *
web_services_event (web_services_t *self, const char *service)
{
    (void) self;
    int index = s_index (service);
    return index < 0 ? NULL : s_envelopes [index].event;
}

const char *
web_services_events_endpoint (web_services_t *self, const char *service)
{
    int index = s_index (service);
    return index < 0 ? NULL : self->services [index].events;
}

const ProtobufCMessageDescriptor *
web_services_reply (web_services_t *self, const char *service)
{
    (void) self;
    int index = s_index (service);
    return index < 0 ? NULL : s_envelopes [index].reply;
}

//  ---------------------------------------------------------------- clients

static pps_client_t *
s_take (web_services_t *self, service_t *service)
{
    pthread_mutex_lock (&self->lock);
    pps_client_t *client = service->idle_count ? service->idle [--service->idle_count] : NULL;
    pthread_mutex_unlock (&self->lock);
    //  One attempt: the gateway's own client decides whether to retry
    return client ? client : pps_client_new (service->endpoint, self->timeout_ms, 1);
}

//  Give a client back; a client that timed out may still get a late reply,
//  which pps_client drops by request id, so it can be reused.
static void
s_give (web_services_t *self, service_t *service, pps_client_t *client)
{
    pthread_mutex_lock (&self->lock);
    if (service->idle_count < POOL_MAX) {
        service->idle [service->idle_count++] = client;
        client = NULL;
    }
    pthread_mutex_unlock (&self->lock);
    pps_client_destroy (&client);
}

static ProtobufCMessage *
s_call (web_services_t *self, int index, const ProtobufCMessage *request,
        const ProtobufCMessageDescriptor *reply_descriptor, pps_arena_t *arena)
{
    service_t *service = &self->services [index];
    pps_client_t *client = s_take (self, service);
    if (!client)
        return NULL;
    ProtobufCMessage *reply = NULL;
    int rc = pps_client_call (client, request, reply_descriptor, arena, &reply);
    s_give (self, service, client);
    return rc == 0 ? reply : NULL;
}

//  ---------------------------------------------------------------- describe

const Pps__ServiceDescription *
web_services_describe (web_services_t *self, const char *name, bool refresh)
{
    int index = s_index (name);
    if (index < 0)
        return NULL;
    service_t *service = &self->services [index];
    pthread_mutex_lock (&self->lock);
    Pps__ServiceDescription *known = service->description;
    pthread_mutex_unlock (&self->lock);
    if (known && !refresh)
        return known;
    pps_arena_t *arena = pps_arena_new ();
    Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
    Pps__DescribeRequest describe = PPS__DESCRIBE_REQUEST__INIT;
    char id [33];
    request.request_id = pps_client_new_request_id (id);
    request.actor = "pps-web";
    request.op_case = PPS__COMMON_REQUEST__OP_DESCRIBE;
    request.describe = &describe;
    Pps__CommonReply *reply = (Pps__CommonReply *) s_call (
        self, index, &request.base, &pps__common_reply__descriptor, arena);
    Pps__ServiceDescription *fresh = NULL;
    if (reply && reply->result_case == PPS__COMMON_REPLY__RESULT_DESCRIPTION) {
        size_t size;
        uint8_t *bytes = pps_arena_pack (arena, &reply->description->base, &size);
        fresh = pps__service_description__unpack (NULL, size, bytes);
    }
    pps_arena_destroy (&arena);
    if (!fresh)
        return known;
    pthread_mutex_lock (&self->lock);
    //  Another thread may still read the one it replaces: kept until the end
    if (service->description)
        zlist_append (self->retired, service->description);
    service->description = fresh;
    pthread_mutex_unlock (&self->lock);
    return fresh;
}

const Pps__OperationDescription *
web_services_op (const Pps__ServiceDescription *description, const char *name)
{
    for (size_t index = 0; description && index < description->n_operations; index++)
        if (streq (description->operations [index]->name, name))
            return description->operations [index];
    return NULL;
}

//  ---------------------------------------------------------------- calls

ProtobufCMessage *
web_services_call (web_services_t *self, const char *name, const Pps__OperationDescription *op,
                   const ProtobufCMessage *message, const char *request_id, const char *actor,
                   pps_arena_t *arena)
{
    int index = s_index (name);
    assert (index >= 0);
    ProtobufCMessage *request = pps_arena_message (arena, s_envelopes [index].request);
    pps_reflect_set_string (request, 1, request_id);
    pps_reflect_set_string (request, 2, actor);
    pps_reflect_set_string (request, PPS_SERVICE_FIELD, name);
    pps_reflect_set_message (request, op->field, message);
    return s_call (self, index, request, s_envelopes [index].reply, arena);
}

Pps__CommonReply *
web_services_common (web_services_t *self, const char *name, Pps__CommonRequest *request,
                     pps_arena_t *arena)
{
    int index = s_index (name);
    if (index < 0)
        return NULL;
    return (Pps__CommonReply *) s_call (self, index, &request->base, &pps__common_reply__descriptor,
                                        arena);
}
