/*  ppsctl_describe: what a service says of itself (the common Describe
    operation) made into help for an operator: `ppsctl <service> help` lists
    its operations with their kind and what each does, `ppsctl <service>
    <op> --help` the operation's fields, which are required, and the limits
    every request is checked against.

    The running service is the one that knows: its kinds, summaries and
    required fields are read from it, never guessed here. When it does not
    answer, the help says so, lists what the compiled descriptors alone
    tell (names, messages, fields and their types), and exits 3.  */
#include "ppsctl.h"

#include "pps_reflect.h"

//  Operations of a service start at this field of its request envelope
//  (see the wire convention in proto/common.proto).
#define FIRST_OP_FIELD 10

int
ppsctl_describe (ppsctl_t *self, const ppsctl_service_t *service,
                 const Pps__ServiceDescription **description_p)
{
    ProtobufCMessage *request = ppsctl_request_new (self, &pps__common_request__descriptor, NULL);
    pps_reflect_set_message (request, PPS__COMMON_REQUEST__OP_DESCRIBE,
                             pps_arena_message (self->arena, &pps__describe_request__descriptor));
    ProtobufCMessage *reply;
    int rc = ppsctl_call (self, service->name, request, &pps__common_reply__descriptor,
                          self->timeout_ms, true, &reply);
    if (rc)
        return rc;
    const Pps__CommonReply *common = (const Pps__CommonReply *) reply;
    if (pps_client_status (reply)->code != PPS__CODE__OK || !common->description)
        return PPSCTL_FAILED;
    *description_p = common->description;
    return PPSCTL_OK;
}

const Pps__OperationDescription *
ppsctl_describe_op (const Pps__ServiceDescription *description, const char *name)
{
    for (size_t index = 0; index < description->n_operations; index++) {
        const char *known = description->operations [index]->name;
        size_t at = 0;
        while (known [at] && (known [at] == name [at] || (known [at] == '_' && name [at] == '-')))
            at++;
        if (!known [at] && !name [at])
            return description->operations [index];
    }
    return NULL;
}

//  The kind as the help says it, with who may call it.
static const char *
s_kind (const Pps__OperationDescription *op)
{
    switch (op->kind) {
        case PPS__OPERATION_KIND__WRITE: return "write";
        case PPS__OPERATION_KIND__ADMIN: return "admin";
        default:                         return "read";
    }
}

//  Say plainly that the service does not answer, on stderr.
static void
s_not_answering (ppsctl_t *self, const ppsctl_service_t *service, int rc)
{
    fprintf (stderr, "error: %s %s at %s: the operations' descriptions, kinds and required\n"
                     "  fields come from the running service. Is the region started\n"
                     "  (build/bin/pps-region, or the pps-%s unit)? See ppsctl status.\n",
             service->name, rc == PPSCTL_UNREACHABLE ? "does not answer" : "refused Describe",
             pps_config_endpoint (self->config, service->name), service->name);
}

int
ppsctl_help_service (ppsctl_t *self, const ppsctl_service_t *service)
{
    const Pps__ServiceDescription *description;
    int rc = ppsctl_describe (self, service, &description);
    printf ("usage: ppsctl %s OP [field=value ...]   ('-' may replace '_')\n"
            "       ppsctl %s OP --help              its fields, which are required, limits\n\n",
            service->name, service->name);
    if (rc) {
        s_not_answering (self, service, rc);
        //  What this build of ppsctl knows without it: the names
        printf ("operations of %s (names only: the service did not answer):\n", service->name);
        const ProtobufCMessageDescriptor *request = service->request;
        for (unsigned index = 0; index < request->n_fields; index++) {
            const ProtobufCFieldDescriptor *field = &request->fields [index];
            if (field->id >= FIRST_OP_FIELD && field->type == PROTOBUF_C_TYPE_MESSAGE)
                printf ("  %s\n", field->name);
        }
        return rc;
    }
    size_t width = 0;
    for (size_t index = 0; index < description->n_operations; index++)
        if (strlen (description->operations [index]->name) > width)
            width = strlen (description->operations [index]->name);
    printf ("operations of %s %s (read: any role; write: editor or admin; admin: admin):\n",
            description->service, description->version);
    for (size_t index = 0; index < description->n_operations; index++) {
        const Pps__OperationDescription *op = description->operations [index];
        printf ("  %-*s  %-5s  %s\n", (int) width, op->name, s_kind (op), op->summary);
    }
    return PPSCTL_OK;
}

int
ppsctl_help_op (ppsctl_t *self, const ppsctl_service_t *service,
                const ProtobufCFieldDescriptor *field)
{
    const ProtobufCMessageDescriptor *message = field->descriptor;
    const Pps__ServiceDescription *description = NULL;
    int rc = ppsctl_describe (self, service, &description);
    const Pps__OperationDescription *op = rc ? NULL : ppsctl_describe_op (description, field->name);
    printf ("usage: ppsctl %s %s [field=value ...]\n\n", service->name, field->name);
    if (op) {
        printf ("%s: %s\n", op->name, op->summary);
        printf ("  a %s", s_kind (op));
        if (op->n_roles) {
            printf (" (roles:");
            for (size_t index = 0; index < op->n_roles; index++)
                printf (" %s", op->roles [index]);
            printf (")");
        }
        printf (", sends %s", op->request_message);
        if (*op->result)
            printf (", answers %s (%s)", op->result, op->reply_message);
        printf ("\n");
        if (op->needs_request_id)
            printf ("  a retry with the same --request-id is answered without being done twice\n");
    }
    else
        printf ("%s: sends %s\n", field->name, message->name);
    printf ("\nfields:\n");
    if (message->n_fields == 0)
        printf ("  (none)\n");
    ppsctl_fields_help (stdout, message, op ? op->required : NULL, op ? op->n_required : 0);
    printf ("\nNested fields are set by their dotted path, elements of a list by\n"
            "their index (list.0.field=value); enums by name or number; dates\n"
            "YYYY-MM-DD; an amount in euros by its name without _cents.\n");
    if (rc) {
        printf ("\n");
        s_not_answering (self, service, rc);
        fprintf (stderr, "  Which fields are required and the limits are not shown.\n");
        return rc;
    }
    if (!op) {
        fprintf (stderr, "error: %s does not describe '%s': its ppsctl and the service are "
                         "not the same version?\n", service->name, field->name);
        return PPSCTL_FAILED;
    }
    if (description->n_limits) {
        printf ("\nlimits every request to %s is checked against:\n", service->name);
        size_t width = 0;
        for (size_t index = 0; index < description->n_limits; index++)
            if (strlen (description->limits [index]->name) > width)
                width = strlen (description->limits [index]->name);
        for (size_t index = 0; index < description->n_limits; index++) {
            const Pps__Limit *limit = description->limits [index];
            printf ("  %-*s %14" PRIu64 "  %s\n", (int) width, limit->name, limit->value,
                    limit->applies_to);
        }
    }
    return PPSCTL_OK;
}
