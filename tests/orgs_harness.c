/*  orgs_harness: an in-process registry for the organisation tests.  */
#include "orgs_harness.h"

#include "pps_server.h"

#define CALL_ATTEMPTS 3

void
orgs_harness_start (test_t *self)
{
    memset (self, 0, sizeof *self);
    static const char *const services [] = { "registry", NULL };
    self->config = test_scratch_config ("registry_orgs", services);
    self->server = pps_server_new (&registry_service, self->config);
    CHECK (self->server);
    //  Resent (same request id) when unanswered: a request sent as the
    //  registry restarts can be lost with the old connection
    self->client = pps_client_new (pps_config_endpoint (self->config, "registry"),
                                   5000, CALL_ATTEMPTS);
    CHECK (self->client);
    self->arena = pps_arena_new ();
}

void
orgs_harness_stop (test_t *self)
{
    pps_arena_destroy (&self->arena);
    pps_client_destroy (&self->client);
    zactor_destroy (&self->server);
    pps_config_destroy (&self->config);
    test_scratch_remove ();
}

Registry__RegistryReply *
orgs_harness_send (test_t *self, uint32_t op, size_t offset, void *value, const char *request_id)
{
    Registry__RegistryRequest *request = pps_arena_alloc (self->arena, sizeof *request);
    registry__registry_request__init (request);
    request->request_id = request_id
        ? (char *) request_id
        : pps_client_new_request_id (pps_arena_alloc (self->arena, 33));
    request->actor = "registry_orgs_test";
    request->op_case = op;
    *(void **) ((char *) request + offset) = value;
    ProtobufCMessage *reply = NULL;
    CHECK (pps_client_call (self->client, &request->base, &registry__registry_reply__descriptor,
                            self->arena, &reply) == 0);
    return (Registry__RegistryReply *) reply;
}

Registry__RegistryReply *
orgs_harness_expect (Registry__RegistryReply *reply, Pps__Code code, const char *field,
                     const char *file, int line)
{
    const Pps__Status *status = pps_client_status (&reply->base);
    if (status->code != code || (field && !streq (status->field, field))) {
        fprintf (stderr, "expected code %d field '%s', got code %d field '%s': %s\n",
                 code, field ? field : "", status->code, status->field, status->message);
        test_scratch_abort (file, line, "reply status");
    }
    return reply;
}

uint64_t
orgs_harness_last_seq (test_t *t)
{
    Pps__ServiceStatusRequest *request = pps_arena_alloc (t->arena, sizeof *request);
    pps__service_status_request__init (request);
    Registry__RegistryReply *reply = OK (SEND (SERVICE_STATUS, service_status, request));
    return reply->service_status->last_seq;
}
