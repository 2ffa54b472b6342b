/*  ppsctl_call: calling a service and reporting its answer, and the generic
    command `ppsctl <service> <op> [field=value ...]` that makes every
    operation of a service's request envelope a subcommand.  */
#include "ppsctl.h"

#include "pps_reflect.h"

//  Operations of a service start at this field of its request envelope
//  (see the wire convention in proto/common.proto).
#define FIRST_OP_FIELD 10

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

int
ppsctl_show_reply (ppsctl_t *self, const ProtobufCMessage *reply)
{
    const ProtobufCMessage *result = NULL;
    if (!pps_reflect_oneof (reply, &result) || !result) {
        if (self->json)
            ppsctl_json_print (stdout, json_object ());
        else
            printf ("ok\n");
        return PPSCTL_OK;
    }
    if (self->json) {
        ppsctl_json_print (stdout, ppsctl_json_message (result));
        return PPSCTL_OK;
    }
    return ppsctl_print_result (self, stdout, result);
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
    if (self->help)
        return ppsctl_help_op (self, service, op);
    ProtobufCMessage *payload = pps_arena_message (self->arena, op->descriptor);
    int rc = ppsctl_fields_apply (self->arena, payload, argc, argv);
    if (rc)
        return rc;
    //  Chosen here, so that the operator can be told which id to retry with
    if (!self->request_id)
        self->request_id = pps_client_new_request_id (pps_arena_alloc (self->arena, 33));
    ProtobufCMessage *reply;
    rc = ppsctl_send (self, service, op->id, payload, &reply);
    if (rc == PPSCTL_UNREACHABLE)
        fprintf (stderr, "hint: the request may have been done all the same; rerun with "
                 "--request-id %s: a write already done is then answered, not done twice\n",
                 self->request_id);
    if (rc)
        return rc;
    rc = ppsctl_check_status (reply);
    if (rc)
        return rc;
    return ppsctl_show_reply (self, reply);
}

int
ppsctl_cmd_service (ppsctl_t *self, const ppsctl_service_t *service, int argc, char **argv)
{
    if (argc < 1 || streq (argv [0], "help")) {
        int rc = ppsctl_help_service (self, service);
        return argc < 1 && !self->help && rc == PPSCTL_OK ? PPSCTL_USAGE : rc;
    }
    return ppsctl_run_op (self, service, argv [0], argc - 1, argv + 1);
}
