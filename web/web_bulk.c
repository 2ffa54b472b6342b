/*  web_bulk: a CSV file posted to a write operation: one request per row,
    each with a request id made from the file's hash and the row's number,
    so that posting the same file again applies nothing twice. The header
    row names the fields (dotted paths for nested ones, a column repeated
    for a list); an empty cell leaves its field unset. The answer is an
    import summary in the shape of DHIS2's.  */
#include "web_gateway.h"

#include <csv.h>
#include <czmq.h>
#include <sodium.h>
#include "pps_client.h"
#include "pps_json.h"

#define ROWS_MAX   100000             //  Rows of one file
#define ERROR_MAX  256

typedef struct {
    web_gateway_t *gateway;
    const web_caller_t *caller;
    const char *service;
    const Pps__OperationDescription *op;
    const ProtobufCMessageDescriptor *descriptor;
    char file_id [33];                //  Hex of the file's hash, for request ids
    zlist_t *header;                  //  Column names (strings we own)
    json_t *row;                      //  The row being read
    size_t column;
    size_t line;                      //  Of the row being read, 1 = header
    char row_error [ERROR_MAX];
    char row_field [128];
    size_t imported;
    size_t refused;
    json_t *conflicts;
    bool unavailable;                 //  A service stopped answering: stop
} bulk_t;

static void
s_refuse (bulk_t *self, const char *field, const char *reason)
{
    self->refused++;
    json_array_append_new (self->conflicts, json_pack ("{s:I, s:s, s:s}", "line",
                           (json_int_t) self->line, "field", field ? field : "",
                           "reason", reason));
}

static void
s_cell (void *data, size_t size, void *arg)
{
    bulk_t *self = arg;
    char *text = strndup (data ? data : "", size);
    assert (text);
    if (self->line == 1) {
        zlist_append (self->header, text);
        zlist_freefn (self->header, text, free, true);
        return;
    }
    const char *name = self->column < zlist_size (self->header)
                     ? zlist_first (self->header) : NULL;
    for (size_t index = 0; name && index < self->column; index++)
        name = zlist_next (self->header);
    if (!name) {
        if (*text && !*self->row_error)
            snprintf (self->row_error, sizeof self->row_error, "more cells than the header has");
    }
    else
    if (*text && !*self->row_error
    &&  pps_json_set_path (self->row, name, text, self->row_error, sizeof self->row_error))
        snprintf (self->row_field, sizeof self->row_field, "%s", name);
    free (text);
    self->column++;
}

static void
s_row (int terminator, void *arg)
{
    (void) terminator;
    bulk_t *self = arg;
    if (self->line > 1 && !self->unavailable) {
        if (self->line - 1 > ROWS_MAX)
            ;                         //  Counted as refused below, once
        else
        if (*self->row_error)
            s_refuse (self, self->row_field, self->row_error);
        else {
            pps_arena_t *arena = pps_arena_new ();
            char field [128] = "", error [ERROR_MAX] = "";
            ProtobufCMessage *message = pps_json_to_message (arena, self->descriptor, self->row,
                                                             field, sizeof field,
                                                             error, sizeof error);
            if (!message)
                s_refuse (self, field, error);
            else {
                char request_id [64];
                snprintf (request_id, sizeof request_id, "csv-%s-%zu", self->file_id, self->line);
                ProtobufCMessage *reply = web_services_call (
                    web_gateway_services (self->gateway), self->service, self->op, message,
                    request_id, self->caller->actor, arena);
                const Pps__Status *status = reply ? pps_client_status (reply) : NULL;
                if (!reply) {
                    self->unavailable = true;
                    s_refuse (self, NULL, "the service did not answer: the rows from here "
                              "were not sent");
                }
                else
                if (status->code == PPS__CODE__OK)
                    self->imported++;
                else
                    s_refuse (self, status->field, status->message);
            }
            pps_arena_destroy (&arena);
        }
    }
    json_decref (self->row);
    self->row = json_object ();
    self->column = 0;
    self->row_error [0] = 0;
    self->row_field [0] = 0;
    self->line++;
}

void
web_bulk_import (web_gateway_t *gateway, const pps_http_request_t *request,
                 const web_caller_t *caller, const char *service,
                 const Pps__OperationDescription *op, pps_http_response_t *response)
{
    const ProtobufCFieldDescriptor *member = protobuf_c_message_descriptor_get_field_by_name (
        web_services_request (web_gateway_services (gateway), service), op->name);
    bulk_t self = {
        .gateway = gateway, .caller = caller, .service = service, .op = op,
        .descriptor = member->descriptor, .header = zlist_new (), .row = json_object (),
        .line = 1, .conflicts = json_array (),
    };
    uint8_t hash [crypto_generichash_BYTES];
    crypto_generichash (hash, sizeof hash, (const uint8_t *) request->body, request->body_size,
                        (const uint8_t *) op->name, strlen (op->name));
    sodium_bin2hex (self.file_id, sizeof self.file_id, hash, 16);
    struct csv_parser parser;
    csv_init (&parser, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
    size_t parsed = csv_parse (&parser, request->body, request->body_size, s_cell, s_row, &self);
    bool broken = parsed != request->body_size || csv_fini (&parser, s_cell, s_row, &self) != 0;
    if (broken) {
        char reason [128];
        snprintf (reason, sizeof reason, "the file is not CSV from here: %s",
                  csv_strerror (csv_error (&parser)));
        s_refuse (&self, NULL, reason);
    }
    csv_free (&parser);
    size_t rows = self.line > 1 ? self.line - 2 : 0;
    if (rows > ROWS_MAX) {
        char reason [96];
        snprintf (reason, sizeof reason, "only the first %d rows were read", ROWS_MAX);
        s_refuse (&self, NULL, reason);
    }
    zsys_info ("web: %s imported %s.%s from CSV: %zu imported, %zu refused", caller->actor,
               service, op->name, self.imported, self.refused);
    const char *status = self.refused == 0 ? "OK" : self.imported ? "WARNING" : "ERROR";
    json_t *summary = json_pack ("{s:s, s:s, s:{s:I, s:I, s:I}, s:o}",
                                 "responseType", "ImportSummary", "status", status,
                                 "importCount", "imported", (json_int_t) self.imported,
                                 "ignored", (json_int_t) 0, "refused", (json_int_t) self.refused,
                                 "conflicts", self.conflicts);
    pps_http_json (response, self.unavailable ? 503 : 200, summary);
    json_decref (self.row);
    zlist_destroy (&self.header);
}
