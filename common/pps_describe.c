/*  pps_describe: a service's operations against its descriptors.  */
#include "pps_describe.h"

#include <czmq.h>
#include "pps_socket.h"
#include "pps_validate.h"

//  The limits every request of every service is checked against.
static const pps_limit_t s_common_limits [] = {
    { "frame_bytes", PPS_MAX_FRAME_BYTES,
      "a request's frame; a larger one is refused, one over twice that drops the connection" },
    { "request_id_bytes", PPS_REQUEST_ID_MAX, "request_id" },
    { "actor_bytes", PPS_ACTOR_MAX, "actor" },
    { "service_bytes", PPS_SERVICE_NAME_MAX, "service" },
    { "name_bytes", PPS_NAME_MAX, "names and titles" },
    { "code_bytes", PPS_CODE_MAX, "codes (FINESS, INSEE, references)" },
    { "text_bytes", PPS_TEXT_MAX, "free texts" },
    { "list_items", PPS_LIST_MAX, "items in one repeated field of a request" },
};

static const ProtobufCFieldDescriptor *
s_member (const ProtobufCMessageDescriptor *envelope, const char *name)
{
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field_by_name (envelope, name);
    //  Operations and results are the envelope's oneof members from 10 on
    return field && field->id >= 10 && (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        && field->type == PROTOBUF_C_TYPE_MESSAGE ? field : NULL;
}

uint32_t
pps_op_request_field (const pps_service_t *service, const pps_op_t *op)
{
    const ProtobufCFieldDescriptor *field = s_member (service->request, op->name);
    return field ? field->id : 0;
}

uint32_t
pps_op_result_field (const pps_service_t *service, const pps_op_t *op)
{
    const ProtobufCFieldDescriptor *field = *op->result ? s_member (service->reply, op->result)
                                                        : NULL;
    return field ? field->id : 0;
}

const pps_op_t *
pps_service_op_named (const pps_service_t *service, const char *name)
{
    for (size_t index = 0; index < service->op_count; index++)
        if (streq (service->ops [index].name, name))
            return &service->ops [index];
    return NULL;
}

const pps_op_t *
pps_service_op (const pps_service_t *service, uint32_t number)
{
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (service->request, number);
    return field && field->id >= 10 ? pps_service_op_named (service, field->name) : NULL;
}

//  Copy the next space-separated word of *list_p into buffer; false at the end.
static bool
s_next_path (const char **list_p, char *buffer, size_t size)
{
    const char *at = *list_p;
    while (*at == ' ')
        at++;
    size_t length = strcspn (at, " ");
    if (length == 0 || length >= size)
        return false;
    memcpy (buffer, at, length);
    buffer [length] = 0;
    *list_p = at + length;
    return true;
}

//  The field at the dotted path in descriptor (through singular messages),
//  or NULL.
static const ProtobufCFieldDescriptor *
s_resolve (const ProtobufCMessageDescriptor *descriptor, const char *path)
{
    char step [128];
    const ProtobufCFieldDescriptor *field = NULL;
    while (*path) {
        size_t length = strcspn (path, ".");
        if (length == 0 || length >= sizeof step || !descriptor)
            return NULL;
        memcpy (step, path, length);
        step [length] = 0;
        path += length + (path [length] == '.');
        field = protobuf_c_message_descriptor_get_field_by_name (descriptor, step);
        if (!field)
            return NULL;
        if (*path && (field->type != PROTOBUF_C_TYPE_MESSAGE
                  ||  field->label == PROTOBUF_C_LABEL_REPEATED))
            return NULL;              //  Only singular messages lead further
        descriptor = field->type == PROTOBUF_C_TYPE_MESSAGE ? field->descriptor : NULL;
    }
    return field;
}

bool
pps_service_has_topic (const pps_service_t *service, const char *topic)
{
    for (const char *const *each = service->topics; each && *each; each++)
        if (streq (*each, topic))
            return true;
    return false;
}

int
pps_service_check (const pps_service_t *service, char *error, size_t error_size)
{
    if (!service->topics) {
        snprintf (error, error_size, "%s declares no topics", service->name);
        return -1;
    }
    for (size_t index = 0; index < service->op_count; index++) {
        const pps_op_t *op = &service->ops [index];
        const ProtobufCFieldDescriptor *request = s_member (service->request, op->name);
        if (!request) {
            snprintf (error, error_size, "%s: %s is no operation of %s", service->name,
                      op->name, service->request->name);
            return -1;
        }
        if (*op->result && !s_member (service->reply, op->result)) {
            snprintf (error, error_size, "%s: %s: %s is no result of %s", service->name,
                      op->name, op->result, service->reply->name);
            return -1;
        }
        size_t summary = op->summary ? strlen (op->summary) : 0;
        if (summary == 0 || op->summary [summary - 1] != '.') {
            snprintf (error, error_size, "%s: %s needs a summary, a sentence", service->name,
                      op->name);
            return -1;
        }
        if (pps_service_op_named (service, op->name) != op) {
            snprintf (error, error_size, "%s: %s is declared twice", service->name, op->name);
            return -1;
        }
        char path [128];
        const char *list = op->required;
        while (s_next_path (&list, path, sizeof path))
            for (char *choice = strtok (path, "|"); choice; choice = strtok (NULL, "|"))
                if (!s_resolve (request->descriptor, choice)) {
                    snprintf (error, error_size, "%s: %s: required %s is no field of %s",
                              service->name, op->name, choice,
                              ((const ProtobufCMessageDescriptor *) request->descriptor)->name);
                    return -1;
                }
    }
    return 0;
}

static const char *s_roles_read [] = { "reader", "editor", "admin" };
static const char *s_roles_write [] = { "editor", "admin" };
static const char *s_roles_admin [] = { "admin" };

Pps__ServiceDescription *
pps_describe (const pps_service_t *service, pps_config_t *config, pps_arena_t *arena)
{
    Pps__ServiceDescription *description = pps_arena_alloc (arena, sizeof *description);
    pps__service_description__init (description);
    description->service = (char *) service->name;
    description->version = PPS_VERSION;
    description->schema_version = service->schema_version;
    description->request_message = (char *) service->request->name;
    description->reply_message = (char *) service->reply->name;
    description->event_message = (char *) service->event->name;
    description->events_endpoint = config
        ? (char *) pps_config_events_endpoint (config, service->name) : "";

    description->operations = pps_arena_alloc (arena, service->op_count
                                               * sizeof (Pps__OperationDescription *));
    for (size_t index = 0; index < service->op_count; index++) {
        const pps_op_t *op = &service->ops [index];
        Pps__OperationDescription *entry = pps_arena_alloc (arena, sizeof *entry);
        pps__operation_description__init (entry);
        const ProtobufCFieldDescriptor *request = s_member (service->request, op->name);
        const ProtobufCFieldDescriptor *result = *op->result
                                               ? s_member (service->reply, op->result) : NULL;
        entry->name = (char *) op->name;
        entry->field = request ? request->id : 0;
        entry->request_message = request
            ? (char *) ((const ProtobufCMessageDescriptor *) request->descriptor)->name : "";
        entry->result = (char *) op->result;
        entry->result_field = result ? result->id : 0;
        entry->reply_message = result
            ? (char *) ((const ProtobufCMessageDescriptor *) result->descriptor)->name : "";
        entry->kind = (Pps__OperationKind) op->kind;
        entry->needs_request_id = op->kind != PPS_OP_READ;
        entry->summary = (char *) op->summary;
        const char *list = op->required;
        char path [128];
        while (s_next_path (&list, path, sizeof path))
            pps_arena_push (arena, (void ***) &entry->required, &entry->n_required,
                            pps_arena_strdup (arena, path));
        entry->roles = (char **) (op->kind == PPS_OP_READ ? s_roles_read
                                : op->kind == PPS_OP_WRITE ? s_roles_write : s_roles_admin);
        entry->n_roles = op->kind == PPS_OP_READ ? 3 : op->kind == PPS_OP_WRITE ? 2 : 1;
        description->operations [description->n_operations++] = entry;
    }

    size_t common = sizeof s_common_limits / sizeof s_common_limits [0];
    for (size_t index = 0; index < common + service->limit_count; index++) {
        const pps_limit_t *limit = index < common ? &s_common_limits [index]
                                                  : &service->limits [index - common];
        Pps__Limit *entry = pps_arena_alloc (arena, sizeof *entry);
        pps__limit__init (entry);
        entry->name = (char *) limit->name;
        entry->value = limit->value;
        entry->applies_to = (char *) limit->applies_to;
        pps_arena_push (arena, (void ***) &description->limits, &description->n_limits, entry);
    }
    pps_arena_push (arena, (void ***) &description->topics, &description->n_topics,
                    pps_arena_printf (arena, "%s.heartbeat", service->name));
    for (const char *const *topic = service->topics; topic && *topic; topic++)
        pps_arena_push (arena, (void ***) &description->topics, &description->n_topics,
                        pps_arena_printf (arena, "%s.%s", service->name, *topic));
    return description;
}

char *
pps_describe_markdown (const pps_service_t *service)
{
    static const char *kinds [] = { "read", "write", "admin" };
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    assert (out);
    fprintf (out, "| `%s` operation | kind | what it does | required |\n| --- | --- | --- | --- |\n",
             service->name);
    for (size_t index = 0; index < service->op_count; index++) {
        const pps_op_t *op = &service->ops [index];
        fprintf (out, "| `%s` | %s | %s | ", op->name, kinds [op->kind], op->summary);
        const char *list = op->required;
        char path [128];
        bool first = true;
        while (s_next_path (&list, path, sizeof path)) {
            fprintf (out, "%s", first ? "" : ", ");
            for (char *choice = strtok (path, "|"), *next; choice; choice = next) {
                next = strtok (NULL, "|");
                fprintf (out, "`%s`%s", choice, next ? " or " : "");
            }
            first = false;
        }
        fprintf (out, " |\n");
    }
    fclose (out);
    return text;
}
