/*  Every service's declaration of its operations holds against its
    protobuf descriptors (pps_service_check), and says what a client needs:
    a summary short enough for a help line, a kind that matches the name's
    promise where a name makes one, the Describe answer built from it.
    With "docs FILE": FILE's operations section is the tables made from
    the declarations ("markdown" prints them).  */
#include <czmq.h>
#include "doc_section.h"
#include "pps_describe.h"
#include "registry.h"
#include "projects.h"
#include "training.h"
#include "funding.h"
#include "indicators.h"
#include "notify.h"

#define SUMMARY_MAX 110               //  Fits a help line beside the name

static const pps_service_t *s_services [] = {
    &registry_service, &projects_service, &training_service,
    &funding_service, &indicators_service, &notify_service,
};

//  The tables docs/protocol.md carries, every service's in turn.
static char *
s_markdown (void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    for (size_t index = 0; index < sizeof s_services / sizeof s_services [0]; index++) {
        char *table = pps_describe_markdown (s_services [index]);
        fprintf (out, "%s%s", index ? "\n" : "", table);
        free (table);
    }
    fclose (out);
    return text;
}

int
main (int argc, char **argv)
{
    if (argc == 2 && streq (argv [1], "markdown")) {
        char *text = s_markdown ();
        fputs (text, stdout);
        free (text);
        return 0;
    }
    if (argc == 3 && streq (argv [1], "docs")) {
        char *text = s_markdown ();
        int rc = doc_section_check (argv [2], "operations", text);
        free (text);
        return rc;
    }
    pps_arena_t *arena = pps_arena_new ();
    size_t failures = 0;
    for (size_t index = 0; index < sizeof s_services / sizeof s_services [0]; index++) {
        const pps_service_t *service = s_services [index];
        char error [256];
        if (pps_service_check (service, error, sizeof error)) {
            fprintf (stderr, "FAIL %s\n", error);
            failures++;
            continue;
        }
        for (size_t op_index = 0; op_index < service->op_count; op_index++) {
            const pps_op_t *op = &service->ops [op_index];
            if (strlen (op->summary) > SUMMARY_MAX) {
                fprintf (stderr, "FAIL %s.%s: summary over %d bytes\n", service->name, op->name,
                         SUMMARY_MAX);
                failures++;
            }
            //  A name that reads as a query is one: ppsctl and the HTTP API
            //  rely on the kind, not on the name, but the two must not lie
            bool reads = strncmp (op->name, "get_", 4) == 0 || strncmp (op->name, "list_", 5) == 0;
            if (reads && op->kind != PPS_OP_READ) {
                fprintf (stderr, "FAIL %s.%s reads by its name but is declared a write\n",
                         service->name, op->name);
                failures++;
            }
        }
        //  Every request member from 10 on is served: no operation a client
        //  could compose from the .proto goes unanswered
        for (unsigned field_index = 0; field_index < service->request->n_fields; field_index++) {
            const ProtobufCFieldDescriptor *field = &service->request->fields [field_index];
            if (field->id >= 10 && !pps_service_op (service, field->id)) {
                fprintf (stderr, "FAIL %s: %s is in the request but serves nothing\n",
                         service->name, field->name);
                failures++;
            }
        }
        Pps__ServiceDescription *description = pps_describe (service, NULL, arena);
        assert (streq (description->service, service->name));
        assert (description->n_operations == service->op_count);
        assert (description->n_topics >= 2);
        assert (description->n_limits >= 8);
        size_t packed = protobuf_c_message_get_packed_size (&description->base);
        printf (" * %s: %zu operations, %zu topics, Describe answers %zu bytes\n", service->name,
                description->n_operations, description->n_topics, packed);
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    return failures ? 1 : 0;
}
