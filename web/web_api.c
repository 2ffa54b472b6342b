/*  web_api: one operation over HTTP: its message from a JSON body or a
    query string, the call, the reply as JSON or as a problem.  */
#include "web_gateway.h"

#include <czmq.h>
#include "pps_client.h"
#include "pps_json.h"
#include "pps_reflect.h"
#include "pps_service.h"

#define ERROR_MAX 256

void
web_api_problem (pps_http_response_t *response, const Pps__Status *status)
{
    unsigned http;
    switch (status->code) {
        case PPS__CODE__INVALID_ARGUMENT:
        case PPS__CODE__OUT_OF_RANGE:       http = 400; break;
        case PPS__CODE__PERMISSION_DENIED:  http = 403; break;
        case PPS__CODE__NOT_FOUND:          http = 404; break;
        case PPS__CODE__ALREADY_EXISTS:
        case PPS__CODE__ABORTED:            http = 409; break;
        case PPS__CODE__FAILED_PRECONDITION: http = 422; break;
        case PPS__CODE__RESOURCE_EXHAUSTED: http = 507; break;
        case PPS__CODE__UNIMPLEMENTED:      http = 501; break;
        case PPS__CODE__UNAVAILABLE:        http = 503; break;
        case PPS__CODE__DEADLINE_EXCEEDED:  http = 504; break;
        default:                            http = 500; break;
    }
    pps_http_problem (response, http, status->message, status->field);
    const ProtobufCEnumValue *name =
        protobuf_c_enum_descriptor_get_value (&pps__code__descriptor, status->code);
    pps_http_add_header (response, "X-PPS-Code", name ? name->name : "UNKNOWN");
}

void
web_api_describe (web_gateway_t *self, pps_http_response_t *response)
{
    web_services_t *services = web_gateway_services (self);
    pps_arena_t *arena = pps_arena_new ();
    json_t *all = json_object ();
    for (size_t index = 0; index < web_services_count (services); index++) {
        const char *name = web_services_name (services, index);
        const Pps__ServiceDescription *description = web_services_describe (services, name, false);
        json_object_set_new (all, name, description ? pps_json_from_message (&description->base,
                                                                             false)
                                                    : json_null ());
    }
    pps_arena_destroy (&arena);
    pps_http_json (response, 200, json_pack ("{s:o}", "services", all));
}

//  Query pairs into a JSON object, the first refusal kept.
typedef struct {
    json_t *object;
    char error [ERROR_MAX];
    char field [128];
} query_t;

static void
s_query_pair (void *arg, const char *key, const char *value)
{
    query_t *query = arg;
    if (*query->error)
        return;
    if (pps_json_set_path (query->object, key, value, query->error, sizeof query->error))
        snprintf (query->field, sizeof query->field, "%s", key);
}

//  The operation's message from the request (a JSON body or the query), in
//  arena; NULL with a 400 problem in response.
static ProtobufCMessage *
s_message (const pps_http_request_t *request, const ProtobufCMessageDescriptor *descriptor,
           pps_arena_t *arena, pps_http_response_t *response)
{
    char field [128] = "", error [ERROR_MAX] = "";
    json_t *json = NULL;
    if (streq (request->method, "GET")) {
        query_t query = { json_object (), "", "" };
        pps_http_query_each (request, s_query_pair, &query);
        if (*query.error) {
            json_decref (query.object);
            pps_http_problem (response, 400, query.error, query.field);
            return NULL;
        }
        json = query.object;
    }
    else
    if (request->body_size == 0)
        json = json_object ();
    else {
        json_error_t parse;
        json = json_loadb (request->body, request->body_size, JSON_REJECT_DUPLICATES, &parse);
        if (!json) {
            snprintf (error, sizeof error, "the body is not JSON: %s (line %d)", parse.text,
                      parse.line);
            pps_http_problem (response, 400, error, NULL);
            return NULL;
        }
    }
    ProtobufCMessage *message = pps_json_to_message (arena, descriptor, json, field, sizeof field,
                                                     error, sizeof error);
    json_decref (json);
    if (!message)
        pps_http_problem (response, 400, error, field);
    return message;
}

//  The request id: the Idempotency-Key header (1 to 128 printable ASCII
//  characters), else a fresh one for a write and none for a read (a fresh
//  id costs a uuid, a few system calls, on every read); false with a 400
//  problem when malformed.
static bool
s_request_id (const pps_http_request_t *request, bool write, char *id, size_t size,
              pps_http_response_t *response)
{
    const char *key = pps_http_header (request, "Idempotency-Key");
    if (!key) {
        assert (size >= 33);
        if (write)
            pps_client_new_request_id (id);
        else
            *id = 0;
        return true;
    }
    size_t length = strlen (key);
    bool printable = length > 0 && length <= PPS_REQUEST_ID_MAX && length < size;
    for (size_t index = 0; printable && index < length; index++)
        printable = key [index] > 0x20 && key [index] < 0x7f;
    if (!printable) {
        pps_http_problem (response, 400, "Idempotency-Key must be 1 to 128 printable ASCII "
                          "characters without spaces", "Idempotency-Key");
        return false;
    }
    memcpy (id, key, length + 1);
    return true;
}

//  May the caller run an operation of this kind?
static bool
s_allowed (const web_caller_t *caller, Pps__OperationKind kind)
{
    return pps_role_allows (caller->role, kind != PPS__OPERATION_KIND__READ,
                            kind == PPS__OPERATION_KIND__ADMIN);
}

void
web_api_operation (web_gateway_t *self, const pps_http_request_t *request,
                   const web_caller_t *caller, const char *service, const char *name,
                   pps_http_response_t *response)
{
    web_services_t *services = web_gateway_services (self);
    const ProtobufCMessageDescriptor *envelope = web_services_request (services, service);
    if (!envelope) {
        pps_http_problem (response, 404, "no such service", NULL);
        return;
    }
    pps_arena_t *arena = pps_arena_new ();
    const Pps__ServiceDescription *description = web_services_describe (services, service, false);
    const Pps__OperationDescription *op = web_services_op (description, name);
    if (description && !op) {
        //  A service restarted with a new operation: ask again once
        description = web_services_describe (services, service, true);
        op = web_services_op (description, name);
    }
    const ProtobufCFieldDescriptor *member = op
        ? protobuf_c_message_descriptor_get_field_by_name (envelope, op->name) : NULL;
    if (!description)
        pps_http_problem (response, 503, "the service does not answer", NULL);
    else
    if (!op || !member || member->type != PROTOBUF_C_TYPE_MESSAGE)
        pps_http_problem (response, 404, "the service has no such operation", NULL);
    else
    if (!s_allowed (caller, op->kind)) {
        char detail [400];
        snprintf (detail, sizeof detail, "%s may not call %s (role %s)", caller->actor, op->name,
                  pps_role_name (caller->role));
        zsys_warning ("web: refused %s.%s to %s (role %s)", service, op->name, caller->actor,
                      pps_role_name (caller->role));
        pps_http_problem (response, 403, detail, NULL);
    }
    else
    if (streq (request->method, "GET") && op->kind != PPS__OPERATION_KIND__READ) {
        pps_http_problem (response, 405, "a write is a POST", NULL);
        pps_http_add_header (response, "Allow", "POST");
    }
    else
    if (!streq (request->method, "GET") && !streq (request->method, "POST")) {
        pps_http_problem (response, 405, "GET for reads, POST for any operation", NULL);
        pps_http_add_header (response, "Allow", op->kind == PPS__OPERATION_KIND__READ
                                                ? "GET, POST" : "POST");
    }
    else {
        const char *type = pps_http_header (request, "Content-Type");
        if (streq (request->method, "POST") && type && strncmp (type, "text/csv", 8) == 0) {
            if (op->kind == PPS__OPERATION_KIND__READ)
                pps_http_problem (response, 415, "a CSV file goes to a write operation", NULL);
            else
                web_bulk_import (self, request, caller, service, op, response);
            pps_arena_destroy (&arena);
            return;
        }
        char request_id [PPS_REQUEST_ID_MAX + 1];
        ProtobufCMessage *message = s_message (request, member->descriptor, arena, response);
        bool write = op->kind != PPS__OPERATION_KIND__READ;
        if (message && s_request_id (request, write, request_id, sizeof request_id, response)) {
            ProtobufCMessage *reply = web_services_call (services, service, op, message,
                                                         request_id, caller->actor, arena);
            if (!reply)
                pps_http_problem (response, 503, "the service did not answer in time", NULL);
            else {
                const Pps__Status *status = pps_client_status (reply);
                if (status->code != PPS__CODE__OK)
                    web_api_problem (response, status);
                else {
                    const ProtobufCMessage *result = NULL;
                    pps_reflect_oneof (reply, &result);
                    pps_http_json (response, 200, result ? pps_json_from_message (result, false)
                                                         : json_object ());
                    //  The name Stripe's API uses: a client that retried can
                    //  tell its first attempt had already been applied
                    if (status->replayed)
                        pps_http_add_header (response, "Idempotent-Replayed", "true");
                }
            }
            if (write)
                pps_http_add_header (response, "Idempotency-Key", request_id);
        }
    }
    pps_arena_destroy (&arena);
}
