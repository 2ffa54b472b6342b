/*  web_bulk: a CSV file posted to a write operation: one request per row
    (pps_csv_rows.h), each with the request id of its line in this file,
    so that posting the same file again applies nothing twice: a row the
    service answers as a replay (status.replayed) counts as ignored. The
    answer is an import summary in the shape of DHIS2's.  */
#include "web_gateway.h"

#include <czmq.h>
#include "pps_client.h"
#include "pps_csv_rows.h"
#include "pps_json.h"

typedef struct {
    web_gateway_t *gateway;
    const pps_http_request_t *request;
    const web_caller_t *caller;
    const char *service;
    const Pps__OperationDescription *op;
    const ProtobufCMessageDescriptor *descriptor;
    size_t imported;                  //  Applied by this post
    size_t ignored;                   //  Applied before, by an earlier post or import
    size_t refused;
    json_t *conflicts;
    bool unavailable;                 //  A service stopped answering: stop
} bulk_t;

static void
s_refuse (bulk_t *self, size_t line, const char *field, const char *reason)
{
    self->refused++;
    json_array_append_new (self->conflicts, json_pack ("{s:I, s:s, s:s}", "line",
                           (json_int_t) line, "field", field ? field : "", "reason", reason));
}

static int
s_row (void *arg, size_t line, const json_t *row, const char *field, const char *reason)
{
    bulk_t *self = arg;
    if (!row) {
        s_refuse (self, line, field, reason);
        return 0;
    }
    pps_arena_t *arena = pps_arena_new ();
    char bad_field [128] = "", error [256] = "";
    ProtobufCMessage *message = pps_json_to_message (arena, self->descriptor, row, bad_field,
                                                     sizeof bad_field, error, sizeof error);
    if (!message)
        s_refuse (self, line, bad_field, error);
    else {
        char request_id [64];
        pps_csv_request_id (self->request->body, self->request->body_size, self->op->name, line,
                            request_id, sizeof request_id);
        ProtobufCMessage *reply = web_services_call (web_gateway_services (self->gateway),
                                                     self->service, self->op, message,
                                                     request_id, self->caller->actor, arena);
        const Pps__Status *status = reply ? pps_client_status (reply) : NULL;
        if (!reply) {
            self->unavailable = true;
            s_refuse (self, line, NULL, "the service did not answer: this row and the next "
                      "were not applied");
        }
        else
        if (status->code == PPS__CODE__OK && status->replayed)
            self->ignored++;
        else
        if (status->code == PPS__CODE__OK)
            self->imported++;
        else
            s_refuse (self, line, status->field, status->message);
    }
    pps_arena_destroy (&arena);
    return self->unavailable ? -1 : 0;
}

void
web_bulk_import (web_gateway_t *gateway, const pps_http_request_t *request,
                 const web_caller_t *caller, const char *service,
                 const Pps__OperationDescription *op, pps_http_response_t *response)
{
    const ProtobufCFieldDescriptor *member = protobuf_c_message_descriptor_get_field_by_name (
        web_services_request (web_gateway_services (gateway), service), op->name);
    bulk_t self = {
        .gateway = gateway, .request = request, .caller = caller, .service = service, .op = op,
        .descriptor = member->descriptor, .conflicts = json_array (),
    };
    char error [256];
    if (pps_csv_rows (request->body, request->body_size, s_row, &self, error, sizeof error))
        s_refuse (&self, 0, NULL, error);
    zsys_info ("web: %s imported %s.%s from CSV: %zu imported, %zu ignored, %zu refused",
               caller->actor, service, op->name, self.imported, self.ignored, self.refused);
    const char *status = self.refused == 0 ? "OK"
                       : self.imported || self.ignored ? "WARNING" : "ERROR";
    json_t *summary = json_pack ("{s:s, s:s, s:{s:I, s:I, s:I}, s:o}",
                                 "responseType", "ImportSummary", "status", status,
                                 "importCount", "imported", (json_int_t) self.imported,
                                 "ignored", (json_int_t) self.ignored,
                                 "refused", (json_int_t) self.refused,
                                 "conflicts", self.conflicts);
    pps_http_json (response, self.unavailable ? 503 : 200, summary);
}
