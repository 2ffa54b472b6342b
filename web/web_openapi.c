/*  web_openapi: the OpenAPI 3 document of the gateway, made from each
    service's Describe (operations, kinds, summaries, required fields) and
    the protobuf descriptors (the messages' schemas, by the JSON mapping of
    pps_json.h). Nothing in it is written by hand per operation.  */
#include "web_gateway.h"

#include <czmq.h>

#define REF "#/components/schemas/"

static json_t *s_schema_of (json_t *schemas, const ProtobufCMessageDescriptor *descriptor);

static json_t *
s_ref (const char *name)
{
    char *ref = zsys_sprintf (REF "%s", name);
    json_t *value = json_pack ("{s:s}", "$ref", ref);
    zstr_free (&ref);
    return value;
}

static json_t *
s_enum (json_t *schemas, const ProtobufCEnumDescriptor *descriptor)
{
    if (!json_object_get (schemas, descriptor->name)) {
        json_t *names = json_array ();
        for (unsigned index = 0; index < descriptor->n_values; index++)
            json_array_append_new (names, json_string (descriptor->values [index].name));
        json_object_set_new (schemas, descriptor->name,
                             json_pack ("{s:s, s:o}", "type", "string", "enum", names));
    }
    return s_ref (descriptor->name);
}

//  The schema of one value of field.
static json_t *
s_value (json_t *schemas, const ProtobufCFieldDescriptor *field)
{
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
            return json_pack ("{s:s, s:s}", "type", "integer", "format", "int32");
        case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32:
            return json_pack ("{s:s, s:s, s:i}", "type", "integer", "format", "int64",
                              "minimum", 0);
        case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
            return json_pack ("{s:s, s:s, s:s}", "type", "string", "format", "int64",
                              "pattern", "^-?[0-9]+$");
        case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
            return json_pack ("{s:s, s:s, s:s}", "type", "string", "format", "uint64",
                              "pattern", "^[0-9]+$");
        case PROTOBUF_C_TYPE_FLOAT:
        case PROTOBUF_C_TYPE_DOUBLE:
            return json_pack ("{s:s}", "type", "number");
        case PROTOBUF_C_TYPE_BOOL:
            return json_pack ("{s:s}", "type", "boolean");
        case PROTOBUF_C_TYPE_STRING:
            return json_pack ("{s:s}", "type", "string");
        case PROTOBUF_C_TYPE_BYTES:
            return json_pack ("{s:s, s:s}", "type", "string", "format", "byte");
        case PROTOBUF_C_TYPE_ENUM:
            return s_enum (schemas, field->descriptor);
        default: {
            const ProtobufCMessageDescriptor *message = field->descriptor;
            if (streq (message->name, "pps.Date"))
                return json_pack ("{s:s, s:s}", "type", "string", "format", "date");
            return s_schema_of (schemas, message);
        }
    }
}

//  A $ref to the message's schema, adding it (and what it uses) to schemas.
static json_t *
s_schema_of (json_t *schemas, const ProtobufCMessageDescriptor *descriptor)
{
    if (json_object_get (schemas, descriptor->name))
        return s_ref (descriptor->name);
    json_t *properties = json_object ();
    json_t *schema = json_pack ("{s:s, s:o, s:b}", "type", "object", "properties", properties,
                                "additionalProperties", 0);
    //  Placed before its fields, so that a message that contains itself ends
    json_object_set_new (schemas, descriptor->name, schema);
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        json_t *value = s_value (schemas, field);
        if (field->label == PROTOBUF_C_LABEL_REPEATED)
            value = json_pack ("{s:s, s:o}", "type", "array", "items", value);
        json_object_set_new (properties, field->name, value);
        size_t length = strlen (field->name);
        if (field->type == PROTOBUF_C_TYPE_INT64 && length > 6
        &&  streq (field->name + length - 6, "_cents")) {
            char *euros = zsys_sprintf ("%.*s_euros", (int) (length - 6), field->name);
            json_object_set_new (properties, euros, json_pack (
                "{s:s, s:b, s:s}", "type", "string", "readOnly", 1, "description",
                "the amount in euros, two decimals (output only)"));
            zstr_free (&euros);
        }
    }
    return s_ref (descriptor->name);
}

//  Query parameters of a read: its message's fields, and one level of the
//  fields of its singular messages as dotted names.
static json_t *
s_parameters (json_t *schemas, const ProtobufCMessageDescriptor *descriptor)
{
    json_t *parameters = json_array ();
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        bool nested = field->type == PROTOBUF_C_TYPE_MESSAGE
                   && !streq (((const ProtobufCMessageDescriptor *) field->descriptor)->name,
                              "pps.Date");
        if (!nested) {
            json_t *schema = s_value (schemas, field);
            if (field->label == PROTOBUF_C_LABEL_REPEATED)
                schema = json_pack ("{s:s, s:o}", "type", "array", "items", schema);
            json_array_append_new (parameters, json_pack ("{s:s, s:s, s:b, s:o}", "name",
                                   field->name, "in", "query", "required", 0, "schema", schema));
            continue;
        }
        if (field->label == PROTOBUF_C_LABEL_REPEATED)
            continue;
        const ProtobufCMessageDescriptor *inner = field->descriptor;
        for (unsigned sub = 0; sub < inner->n_fields; sub++) {
            const ProtobufCFieldDescriptor *leaf = &inner->fields [sub];
            if (leaf->type == PROTOBUF_C_TYPE_MESSAGE
            &&  !streq (((const ProtobufCMessageDescriptor *) leaf->descriptor)->name, "pps.Date"))
                continue;
            char *name = zsys_sprintf ("%s.%s", field->name, leaf->name);
            json_array_append_new (parameters, json_pack ("{s:s, s:s, s:b, s:o}", "name", name,
                                   "in", "query", "required", 0, "schema",
                                   s_value (schemas, leaf)));
            zstr_free (&name);
        }
    }
    return parameters;
}

static json_t *
s_responses (json_t *schemas, const ProtobufCMessageDescriptor *result)
{
    json_t *ok = json_pack ("{s:s}", "description", "the result");
    json_object_set_new (ok, "content", json_pack ("{s:{s:o}}", "application/json", "schema",
                         result ? s_schema_of (schemas, result)
                                : json_pack ("{s:s}", "type", "object")));
    json_t *problem = json_pack ("{s:s, s:{s:{s:o}}}", "description",
                                 "a refusal (RFC 9457): 400 naming the field, 401, 403, 404, "
                                 "409, 422 for a failed precondition, 503 when the service "
                                 "does not answer", "content", "application/problem+json",
                                 "schema", s_ref ("Problem"));
    return json_pack ("{s:o, s:o}", "200", ok, "default", problem);
}

static json_t *
s_operation (json_t *schemas, const char *service, const Pps__OperationDescription *op,
             const ProtobufCMessageDescriptor *request, const ProtobufCMessageDescriptor *result,
             bool get)
{
    static const char *kinds [] = { "read", "write", "admin" };
    char *id = zsys_sprintf ("%s.%s%s", service, op->name, get ? "" : ".post");
    char *required = NULL;
    for (size_t index = 0; index < op->n_required; index++) {
        char *more = zsys_sprintf ("%s%s`%s`", required ? required : "", required ? ", " : "",
                                   op->required [index]);
        zstr_free (&required);
        required = more;
    }
    char *description = zsys_sprintf ("A %s (roles: %s).%s%s%s", kinds [op->kind % 3],
                                      op->kind == 0 ? "reader, editor, admin"
                                      : op->kind == 1 ? "editor, admin" : "admin",
                                      required ? " Required: " : "", required ? required : "",
                                      required ? " (`a|b`: one of them)." : "");
    json_t *operation = json_pack ("{s:s, s:s, s:s, s:[s], s:o}", "operationId", id,
                                   "summary", op->summary, "description", description,
                                   "tags", service, "responses", s_responses (schemas, result));
    zstr_free (&id);
    zstr_free (&required);
    zstr_free (&description);
    if (get)
        json_object_set_new (operation, "parameters", s_parameters (schemas, request));
    else {
        json_object_set_new (operation, "requestBody", json_pack (
            "{s:b, s:{s:{s:o}, s:{s:{s:s}}}}", "required", 0,
            "content", "application/json", "schema", s_schema_of (schemas, request),
            "text/csv", "schema", "type", "string"));
        if (op->kind != 0)
            json_object_set_new (operation, "parameters", json_pack (
                "[{s:s, s:s, s:b, s:s, s:{s:s, s:i}}]", "name", "Idempotency-Key", "in", "header",
                "required", 0, "description", "the request id: a replay answers the first reply",
                "schema", "type", "string", "maxLength", 128));
    }
    return operation;
}

//  The gateway's own resources: sessions, who am I, Describe, events.
static void
s_gateway_paths (json_t *paths, json_t *schemas)
{
    json_object_set_new (schemas, "Login", json_pack (
        "{s:s, s:[s, s], s:{s:{s:s}, s:{s:s, s:s}}, s:b}", "type", "object",
        "required", "login", "password", "properties", "login", "type", "string",
        "password", "type", "string", "format", "password", "additionalProperties", 0));
    json_object_set_new (schemas, "User", json_pack (
        "{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s, s:[s, s, s]}, s:{s:s}}}", "type", "object",
        "properties", "login", "type", "string", "display_name", "type", "string",
        "role", "type", "string", "enum", "reader", "editor", "admin",
        "csrf_token", "type", "string"));
    json_t *user = json_pack ("{s:s, s:{s:{s:o}}}", "description", "the user",
                              "content", "application/json", "schema", s_ref ("User"));
    json_t *problem = json_pack ("{s:s, s:{s:{s:o}}}", "description", "a refusal",
                                 "content", "application/problem+json", "schema",
                                 s_ref ("Problem"));
    json_object_set_new (paths, "/login", json_pack (
        "{s:{s:s, s:s, s:[s], s:[], s:{s:b, s:{s:{s:o}}}, s:{s:O, s:O}}}", "post",
        "operationId", "login", "summary", "Log in: a session cookie, and the CSRF token "
        "its changes carry in X-CSRF-Token.", "tags", "session", "security",
        "requestBody", "required", 1, "content", "application/json", "schema", s_ref ("Login"),
        "responses", "200", user, "default", problem));
    json_object_set_new (paths, "/logout", json_pack (
        "{s:{s:s, s:s, s:[s], s:{s:{s:s}, s:O}}}", "post", "operationId", "logout",
        "summary", "End the session.", "tags", "session", "responses", "200", "description",
        "logged out", "default", problem));
    json_object_set_new (paths, "/me", json_pack (
        "{s:{s:s, s:s, s:[s], s:{s:O, s:O}}}", "get", "operationId", "me",
        "summary", "Who is calling, and their role.", "tags", "session",
        "responses", "200", user, "default", problem));
    json_object_set_new (paths, "/describe", json_pack (
        "{s:{s:s, s:s, s:[s], s:{s:{s:s}, s:O}}}", "get", "operationId", "describe",
        "summary", "Every service's Describe: its operations, limits and topics.",
        "tags", "session", "responses", "200", "description", "the services", "default",
        problem));
    json_object_set_new (paths, "/events", json_pack (
        "{s:{s:s, s:s, s:[s], s:[{s:s, s:s, s:{s:s}}, {s:s, s:s, s:{s:s}}, {s:s, s:s, s:{s:s}}],"
        " s:{s:{s:s, s:{s:{s:{s:s}}}}, s:O}}}", "get", "operationId", "events",
        "summary", "The services' events as Server-Sent Events, resumable.", "tags", "session",
        "parameters", "name", "topics", "in", "query", "schema", "type", "string",
        "name", "since", "in", "query", "schema", "type", "string",
        "name", "Last-Event-ID", "in", "header", "schema", "type", "string",
        "responses", "200", "description", "the stream", "content", "text/event-stream",
        "schema", "type", "string", "default", problem));
    json_decref (user);
    json_decref (problem);
}

void
web_openapi (web_gateway_t *self, pps_http_response_t *response)
{
    web_services_t *services = web_gateway_services (self);
    pps_arena_t *arena = pps_arena_new ();
    json_t *schemas = json_object ();
    json_object_set_new (schemas, "Problem", json_pack (
        "{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}", "type", "object",
        "properties", "type", "type", "string", "title", "type", "string", "status", "type",
        "integer", "detail", "type", "string", "field", "type", "string"));
    json_t *paths = json_object ();
    for (size_t index = 0; index < web_services_count (services); index++) {
        const char *name = web_services_name (services, index);
        const Pps__ServiceDescription *description = web_services_describe (services, name, false);
        const ProtobufCMessageDescriptor *envelope = web_services_request (services, name);
        const ProtobufCMessageDescriptor *reply = web_services_reply (services, name);
        for (size_t op_index = 0; description && op_index < description->n_operations; op_index++) {
            const Pps__OperationDescription *op = description->operations [op_index];
            const ProtobufCFieldDescriptor *member =
                protobuf_c_message_descriptor_get_field_by_name (envelope, op->name);
            const ProtobufCFieldDescriptor *result = *op->result
                ? protobuf_c_message_descriptor_get_field_by_name (reply, op->result) : NULL;
            if (!member || member->type != PROTOBUF_C_TYPE_MESSAGE)
                continue;
            json_t *item = json_object ();
            if (op->kind == PPS__OPERATION_KIND__READ)
                json_object_set_new (item, "get", s_operation (schemas, name, op, member->descriptor,
                                     result ? result->descriptor : NULL, true));
            json_object_set_new (item, "post", s_operation (schemas, name, op, member->descriptor,
                                 result ? result->descriptor : NULL, false));
            char *path = zsys_sprintf ("/%s/%s", name, op->name);
            json_object_set_new (paths, path, item);
            zstr_free (&path);
        }
    }
    pps_arena_destroy (&arena);
    s_gateway_paths (paths, schemas);
    json_t *document = json_pack (
        "{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}},"
        " s:[{s:[]}, {s:[]}]}",
        "openapi", "3.0.3",
        "info", "title", "PPS region API", "version", PPS_VERSION,
        "description", "Every operation of the region's services (docs/web.md).",
        "servers", "url", "/api/v1",
        "paths", paths,
        "components", "schemas", schemas, "securitySchemes",
        "session", "type", "apiKey", "in", "cookie", "name", "pps_session",
        "bearer", "type", "http", "scheme", "bearer",
        "security", "session", "bearer");
    pps_http_json (response, 200, document);
}
