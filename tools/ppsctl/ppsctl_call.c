/*  ppsctl_call: calling a service and reporting its answer, and the generic
    command `ppsctl <service> <op> [field=value ...]` that makes every
    operation of a service's request envelope a subcommand.  */
#include "ppsctl.h"

#include "pps_reflect.h"

//  Operations of a service start at this field of its request envelope
//  (see the wire convention in proto/common.proto).
#define FIRST_OP_FIELD 10

//  Operations that change state, by their name's start: they need a request
//  id, which makes a retry with the same --request-id harmless.
static const char *const s_write_prefixes [] = {
    "create_", "update_", "import_", "designate", "end_", "put_", "dissolve_",
    "add_", "remove_", "set_", "transition_", "record_", "submit_", "decide_", "withdraw_",
    "finalise_", "retry_", "review_", "run_", NULL
};

//  True when the operation writes.
static bool
s_is_write (const char *op_name)
{
    for (const char *const *prefix = s_write_prefixes; *prefix; prefix++)
        if (strncmp (op_name, *prefix, strlen (*prefix)) == 0)
            return true;
    return false;
}

ProtobufCMessage *
ppsctl_request_new (ppsctl_t *self, const ProtobufCMessageDescriptor *descriptor,
                    const char *request_id)
{
    ProtobufCMessage *request = pps_arena_message (self->arena, descriptor);
    if (!request_id) {
        char *fresh = pps_arena_alloc (self->arena, 33);
        request_id = pps_client_new_request_id (fresh);
    }
    pps_reflect_set_string (request, 1, request_id);
    pps_reflect_set_string (request, 2, self->actor);
    return request;
}

int
ppsctl_call (ppsctl_t *self, const char *service, const ProtobufCMessage *request,
             const ProtobufCMessageDescriptor *reply_descriptor, int timeout_ms,
             bool quiet, ProtobufCMessage **reply_p)
{
    const char *endpoint = pps_config_endpoint (self->config, service);
    //  One attempt: a caller that wants a retry reruns with --request-id
    pps_client_t *client = pps_client_new (endpoint, timeout_ms, 1);
    int rc = client ? pps_client_call (client, request, reply_descriptor, self->arena, reply_p)
                    : -1;
    pps_client_destroy (&client);
    if (rc == 0)
        return PPSCTL_OK;
    if (!quiet)
        fprintf (stderr, "error: %s unreachable at %s\n", service, endpoint);
    return PPSCTL_UNREACHABLE;
}

int
ppsctl_check_status (const ProtobufCMessage *reply)
{
    const Pps__Status *status = pps_client_status (reply);
    if (status->code == PPS__CODE__OK)
        return PPSCTL_OK;
    const ProtobufCEnumValue *code =
        protobuf_c_enum_descriptor_get_value (&pps__code__descriptor, (int) status->code);
    const char *field = status->field ? status->field : "";
    fprintf (stderr, "error: %s%s%s: %s\n", code ? code->name : "UNKNOWN",
             *field ? " " : "", field, status->message ? status->message : "");
    return PPSCTL_FAILED;
}

void
ppsctl_show_reply (ppsctl_t *self, const ProtobufCMessage *reply)
{
    const ProtobufCMessage *result = NULL;
    if (!pps_reflect_oneof (reply, &result) || !result) {
        if (self->json)
            ppsctl_json_print (stdout, json_object ());
        else
            printf ("ok\n");
        return;
    }
    if (self->json)
        ppsctl_json_print (stdout, ppsctl_json_message (result));
    else
        ppsctl_print_result (stdout, self->arena, result);
}

//  The operation field of the request envelope named op_name ('-' for '_').
static const ProtobufCFieldDescriptor *
s_find_op (const ppsctl_service_t *service, const char *op_name)
{
    const ProtobufCFieldDescriptor *field = ppsctl_field_find (service->request, op_name);
    if (field && field->id >= FIRST_OP_FIELD && field->type == PROTOBUF_C_TYPE_MESSAGE)
        return field;
    return NULL;
}

//  List the operations of a service.
static void
s_help_ops (const ppsctl_service_t *service)
{
    const ProtobufCMessageDescriptor *request = service->request;
    printf ("usage: ppsctl %s <op> [field=value ...]   ('-' may replace '_')\n"
            "       ppsctl %s <op> --help              fields of an operation\n\n"
            "operations of %s:\n", service->name, service->name, service->name);
    for (unsigned index = 0; index < request->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &request->fields [index];
        if (field->id < FIRST_OP_FIELD || field->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        printf ("  %-30s %-32s %s\n", field->name,
                ((const ProtobufCMessageDescriptor *) field->descriptor)->name,
                s_is_write (field->name) ? "write" : "read");
    }
}

//  Describe one operation and its fields.
static void
s_help_op (const ppsctl_service_t *service, const ProtobufCFieldDescriptor *op)
{
    const ProtobufCMessageDescriptor *descriptor = op->descriptor;
    printf ("usage: ppsctl %s %s [field=value ...]\n"
            "%s: %s, a %s\n\nfields:\n", service->name, op->name, op->name,
            descriptor->name, s_is_write (op->name) ? "write" : "read");
    if (descriptor->n_fields == 0)
        printf ("  (none)\n");
    ppsctl_fields_help (stdout, descriptor);
    printf ("\nNested fields are set by their dotted path, elements of a list by\n"
            "their index (list.0.field=value); enums by name or number.\n");
}

int
ppsctl_send (ppsctl_t *self, const ppsctl_service_t *service, uint32_t op,
             ProtobufCMessage *payload, ProtobufCMessage **reply_p)
{
    //  Reads do not need an id; sending one anyway keeps a single path
    ProtobufCMessage *request = ppsctl_request_new (self, service->request, self->request_id);
    pps_reflect_set_message (request, op, payload);
    return ppsctl_call (self, service->name, request, service->reply, self->timeout_ms,
                        false, reply_p);
}

int
ppsctl_run_op (ppsctl_t *self, const ppsctl_service_t *service, const char *op_name,
               int argc, char **argv)
{
    const ProtobufCFieldDescriptor *op = s_find_op (service, op_name);
    if (!op) {
        fprintf (stderr, "error: %s has no operation '%s' (see ppsctl %s help)\n",
                 service->name, op_name, service->name);
        return PPSCTL_USAGE;
    }
    for (int index = 0; index < argc; index++)
        if (streq (argv [index], "--help") || streq (argv [index], "-h")) {
            s_help_op (service, op);
            return PPSCTL_OK;
        }
    ProtobufCMessage *payload = pps_arena_message (self->arena, op->descriptor);
    int rc = ppsctl_fields_apply (self->arena, payload, argc, argv);
    if (rc)
        return rc;
    ProtobufCMessage *reply;
    rc = ppsctl_send (self, service, op->id, payload, &reply);
    if (rc)
        return rc;
    rc = ppsctl_check_status (reply);
    if (rc)
        return rc;
    ppsctl_show_reply (self, reply);
    return PPSCTL_OK;
}

int
ppsctl_cmd_service (ppsctl_t *self, const ppsctl_service_t *service, int argc, char **argv)
{
    if (argc < 1 || streq (argv [0], "help") || streq (argv [0], "--help")
    ||  streq (argv [0], "-h")) {
        s_help_ops (service);
        return argc < 1 ? PPSCTL_USAGE : PPSCTL_OK;
    }
    return ppsctl_run_op (self, service, argv [0], argc - 1, argv + 1);
}
