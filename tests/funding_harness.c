/*  funding_harness: an in-process registry, projects and funding service.  */
#include "funding_harness.h"

#include "pps_reflect.h"
#include "pps_server.h"
#include "registry.h"
#include "projects.h"

//  A request is resent (same request id) when unanswered: one sent as a
//  service restarts can be lost with the old connection
#define CALL_ATTEMPTS 3
#define CALL_MS     10000             //  Longer than the funding service's peer checks

static const pps_service_t *s_services [FH_SERVICES] = {
    &registry_service, &projects_service, &funding_service
};

void
fh_start (fh_t *self)
{
    memset (self, 0, sizeof *self);
    const char *names [FH_SERVICES + 1] = { NULL };
    for (int service = 0; service < FH_SERVICES; service++)
        names [service] = s_services [service]->name;
    self->config = test_scratch_config ("funding_test", names);
    pps_config_set (self->config, "region/code", "32");
    for (int service = 0; service < FH_SERVICES; service++) {
        fh_service_start (self, service);
        self->clients [service] = pps_client_new (
            pps_config_endpoint (self->config, s_services [service]->name), CALL_MS,
            CALL_ATTEMPTS);
        CHECK (self->clients [service]);
    }
    self->arena = pps_arena_new ();
}

void
fh_stop (fh_t *self)
{
    pps_arena_destroy (&self->arena);
    //  Funding first: it calls the others
    for (int service = FH_SERVICES - 1; service >= 0; service--) {
        pps_client_destroy (&self->clients [service]);
        zactor_destroy (&self->actors [service]);
    }
    pps_config_destroy (&self->config);
    test_scratch_remove ();
}

void
fh_service_stop (fh_t *self, fh_service_t service)
{
    zactor_destroy (&self->actors [service]);
}

void
fh_service_start (fh_t *self, fh_service_t service)
{
    CHECK (self->actors [service] == NULL);
    self->actors [service] = pps_server_new (s_services [service], self->config);
    CHECK (self->actors [service]);
}

//  A request of that service carrying value as its op, sent and answered.
static ProtobufCMessage *
s_send (fh_t *self, fh_service_t service, uint32_t op, const void *value, const char *request_id)
{
    ProtobufCMessage *request = pps_arena_message (self->arena, s_services [service]->request);
    pps_reflect_set_string (request, 1, request_id
        ? request_id : pps_client_new_request_id (pps_arena_alloc (self->arena, 33)));
    pps_reflect_set_string (request, 2, "funding_test");
    pps_reflect_set_message (request, op, value);
    ProtobufCMessage *reply = NULL;
    CHECK (pps_client_call (self->clients [service], request, s_services [service]->reply,
                            self->arena, &reply) == 0);
    return reply;
}

Registry__RegistryReply *
fh_registry (fh_t *self, uint32_t op, const void *value)
{
    Registry__RegistryReply *reply = (Registry__RegistryReply *) s_send (self, FH_REGISTRY, op,
                                                                         value, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, __FILE__, __LINE__);
    return reply;
}

Projects__ProjectsReply *
fh_projects (fh_t *self, uint32_t op, const void *value)
{
    Projects__ProjectsReply *reply = (Projects__ProjectsReply *) s_send (self, FH_PROJECTS, op,
                                                                         value, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, __FILE__, __LINE__);
    return reply;
}

Projects__ProjectsReply *
fh_projects_any (fh_t *self, uint32_t op, const void *value)
{
    return (Projects__ProjectsReply *) s_send (self, FH_PROJECTS, op, value, NULL);
}

Funding__FundingReply *
fh_funding (fh_t *self, uint32_t op, const void *value, const char *request_id)
{
    return (Funding__FundingReply *) s_send (self, FH_FUNDING, op, value, request_id);
}

void *
fh_expect (void *reply, Pps__Code code, const char *field, const char *file, int line)
{
    const Pps__Status *status = pps_client_status (reply);
    if (status->code != code || (field && !streq (status->field, field))) {
        fprintf (stderr, "expected code %d field '%s', got code %d field '%s': %s\n",
                 code, field ? field : "", status->code, status->field, status->message);
        test_scratch_abort (file, line, "reply status");
    }
    return reply;
}

uint64_t
fh_last_seq (fh_t *self)
{
    Pps__ServiceStatusRequest request = PPS__SERVICE_STATUS_REQUEST__INIT;
    Funding__FundingReply *reply = fh_funding (self, FUNDING__FUNDING_REQUEST__OP_SERVICE_STATUS,
                                               &request, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, __FILE__, __LINE__);
    CHECK (reply->service_status);
    return reply->service_status->last_seq;
}

size_t
fh_events_since (fh_t *self, uint64_t seq, Funding__FundingEvent ***events_p)
{
    Pps__EventsSinceRequest *request = pps_arena_alloc (self->arena, sizeof *request);
    pps__events_since_request__init (request);
    request->seq = seq;
    Funding__FundingReply *reply = fh_funding (self, FUNDING__FUNDING_REQUEST__OP_EVENTS_SINCE,
                                               request, NULL);
    fh_expect (reply, PPS__CODE__OK, NULL, __FILE__, __LINE__);
    CHECK (reply->events);
    Funding__FundingEvent **events = NULL;
    size_t count = 0;
    for (size_t index = 0; index < reply->events->n_events; index++) {
        ProtobufCMessage *event = pps_arena_unpack (self->arena, &funding__funding_event__descriptor,
                                                    reply->events->events [index].data,
                                                    reply->events->events [index].len);
        CHECK (event);
        pps_arena_push (self->arena, (void ***) &events, &count, event);
    }
    *events_p = events;
    return count;
}

void
fh_wrote (fh_t *self, uint64_t *seq, uint64_t added, const char *topic,
          const char *file, int line)
{
    uint64_t last = fh_last_seq (self);
    if (last != *seq + added) {
        fprintf (stderr, "expected %llu new events, got %lld\n", (unsigned long long) added,
                 (long long) (last - *seq));
        test_scratch_abort (file, line, "events written");
    }
    if (topic && added) {
        Funding__FundingEvent **events;
        size_t count = fh_events_since (self, last - 1, &events);
        if (count != 1 || !streq (events [0]->topic, topic)) {
            fprintf (stderr, "expected topic %s, got %s\n", topic, count ? events [0]->topic : "none");
            test_scratch_abort (file, line, "event topic");
        }
    }
    *seq = last;
}

Pps__Date *
fh_date (fh_t *self, int year, int month, int day)
{
    Pps__Date *date = pps_arena_alloc (self->arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}
