/*  fuzz_region: a whole region inside the fuzzing process.  */
#include "fuzz_region.h"

#include <ftw.h>
#include <signal.h>
#include <unistd.h>
#include "pps_client.h"
#include "pps_describe.h"
#include "pps_reflect.h"
#include "pps_runner.h"
#include "pps_socket.h"
#include "registry.h"
#include "projects.h"
#include "training.h"
#include "funding.h"
#include "indicators.h"
#include "notify.h"
#include "sample_region.h"
#include "sample_projects.h"
#include "sample_training.h"
#include "sample_funding.h"

#define SERVICE_COUNT     6
#define MAP_MB            "256"       //  Per service: room for a long run's writes
#define FINALISE_TRIES    200         //  While the read model catches up...
#define FINALISE_WAIT_MS  50          //  ...this far apart
#define COMMON_OPS        3           //  EventsSince, ServiceStatus, Describe

#ifndef FUZZ_DEFAULT_CSV
#   define FUZZ_DEFAULT_CSV "../shared/data/etablissements_penitentiaires.csv"
#endif

static const pps_service_t *const s_services [SERVICE_COUNT + 1] = {
    &registry_service, &projects_service, &training_service, &funding_service,
    &indicators_service, &notify_service, NULL
};
static const uint32_t s_common_ops [COMMON_OPS] = { 3, 4, 5 };

static pps_config_t *s_config;
static zactor_t *s_actors [SERVICE_COUNT + 1];

static int
s_remove_entry (const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    (void) info; (void) flag; (void) ftw;
    remove (path);
    return 0;
}

void
fuzz_clear_environment (void)
{
    for (int pass = 0; pass < 1000; pass++) {
        char **entry = environ;
        while (*entry && (strncmp (*entry, "PPS_", 4) || !strncmp (*entry, "PPS_FUZZ_", 9)))
            entry++;
        if (!*entry)
            return;
        char name [128];
        snprintf (name, sizeof name, "%.*s", (int) strcspn (*entry, "="), *entry);
        unsetenv (name);
    }
}

pps_config_t *
fuzz_region_start (const char *prefix)
{
    if (s_config)
        return s_config;
    fuzz_clear_environment ();
    //  Every thread started from here on (libzmq's, the actors') inherits
    //  this mask; the caller's thread gets its own back at the end
    sigset_t blocked, caller;
    sigemptyset (&blocked);
    sigaddset (&blocked, SIGALRM);
    sigaddset (&blocked, SIGUSR1);
    sigaddset (&blocked, SIGUSR2);
    sigaddset (&blocked, SIGINT);
    sigaddset (&blocked, SIGTERM);
    pthread_sigmask (SIG_BLOCK, &blocked, &caller);
    //  libFuzzer handles SIGINT itself; our logs would drown its output
    zsys_handler_set (NULL);
    zsys_init ();
    if (!getenv ("PPS_FUZZ_VERBOSE"))
        zsys_set_logstream (NULL);
    const char *tmp = getenv ("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    char *template = zsys_sprintf ("%s/pps-fuzz-XXXXXX", tmp);
    if (!mkdtemp (template)) {
        fprintf (stderr, "fuzz_region: mkdtemp %s: %s\n", template, strerror (errno));
        abort ();
    }
    s_config = pps_config_load (NULL);
    assert (s_config);
    pps_config_set (s_config, "region/data_dir", template);
    pps_config_set (s_config, "region/code", "32");
    pps_config_set (s_config, "server/heartbeat_ms", "1000");
    pps_config_set (s_config, "national/url", "http://127.0.0.1:9");
    pps_config_set (s_config, "indicators/allow_plain_http", "0");
    for (size_t index = 0; index < SERVICE_COUNT; index++) {
        const char *name = s_services [index]->name;
        char key [64], value [128];
        snprintf (key, sizeof key, "%s/endpoint", name);
        snprintf (value, sizeof value, "inproc://%s-%s", prefix, name);
        pps_config_set (s_config, key, value);
        snprintf (key, sizeof key, "%s/events", name);
        snprintf (value, sizeof value, "inproc://%s-%s-events", prefix, name);
        pps_config_set (s_config, key, value);
        snprintf (key, sizeof key, "%s/map_mb", name);
        pps_config_set (s_config, key, MAP_MB);
    }
    if (pps_runner_start (s_services, s_config, s_actors)) {
        fprintf (stderr, "fuzz_region: the services do not start (PPS_FUZZ_VERBOSE=1 says why)\n");
        abort ();
    }
    //  The stores are open: their files need no name any more. The data
    //  directory now names an existing one, since pps_config_endpoint
    //  creates it whenever it is asked (it writes the default endpoints)
    nftw (template, s_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    zstr_free (&template);
    pps_config_set (s_config, "region/data_dir", tmp);
    pthread_sigmask (SIG_SETMASK, &caller, NULL);
    return s_config;
}

void
fuzz_region_stop (void)
{
    if (!s_config)
        return;
    pps_runner_stop (s_actors, SERVICE_COUNT);
    pps_config_destroy (&s_config);
}

const pps_service_t *
fuzz_region_service (const char *name)
{
    for (size_t index = 0; index < SERVICE_COUNT; index++)
        if (streq (s_services [index]->name, name))
            return s_services [index];
    return NULL;
}

//  Finalise the 2025 bilan once the read model has caught up.
static int
s_finalise (pps_config_t *config)
{
    pps_client_t *client = pps_client_new (pps_config_endpoint (config, "indicators"),
                                           FUZZ_REPLY_MS, 1);
    pps_arena_t *arena = pps_arena_new ();
    int rc = -1;
    for (int attempt = 0; client && attempt < FINALISE_TRIES && rc; attempt++) {
        Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
        Indicators__BilanQuery query = INDICATORS__BILAN_QUERY__INIT;
        query.year = 2025;
        request.request_id = "fuzz-sample-finalise-2025";
        request.actor = "fuzz";
        request.op_case = INDICATORS__INDICATORS_REQUEST__OP_FINALISE_BILAN;
        request.finalise_bilan = &query;
        ProtobufCMessage *reply;
        if (pps_client_call (client, &request.base, &indicators__indicators_reply__descriptor,
                             arena, &reply))
            break;
        const Pps__Status *status = pps_client_status (reply);
        if (status->code == PPS__CODE__OK)
            rc = 0;
        else
        if (status->code != PPS__CODE__FAILED_PRECONDITION) {
            fprintf (stderr, "fuzz_region: finalise: %s\n", status->message);
            break;
        }
        pps_arena_reset (arena);
        zclock_sleep (FINALISE_WAIT_MS);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return rc;
}

//  Without the ministry's file: region 32 and three establishments.
static int
s_minimal (pps_config_t *config)
{
    pps_client_t *client = pps_client_new (pps_config_endpoint (config, "registry"),
                                           FUZZ_REPLY_MS, 1);
    pps_arena_t *arena = pps_arena_new ();
    static const Registry__EstablishmentKind kinds [] = {
        REGISTRY__ESTABLISHMENT_KIND__MA, REGISTRY__ESTABLISHMENT_KIND__EPM,
        REGISTRY__ESTABLISHMENT_KIND__CD
    };
    int rc = client ? 0 : -1;
    for (size_t step = 0; rc == 0 && step <= sizeof kinds / sizeof kinds [0]; step++) {
        Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
        Registry__Region region = REGISTRY__REGION__INIT;
        Registry__Establishment establishment = REGISTRY__ESTABLISHMENT__INIT;
        request.request_id = pps_arena_printf (arena, "fuzz-minimal-%zu", step);
        request.actor = "fuzz";
        if (step == 0) {
            region.code = "32";
            region.name = "Hauts-de-France";
            request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
            request.create_region = &region;
        }
        else {
            establishment.code = pps_arena_printf (arena, "FZ%zu", step);
            establishment.name = pps_arena_printf (arena, "Etablissement %zu", step);
            establishment.kind = kinds [step - 1];
            establishment.has_minors_quarter = step == 3;
            establishment.capacity = 100;
            establishment.region_code = "32";
            request.op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
            request.create_establishment = &establishment;
        }
        ProtobufCMessage *reply;
        rc = pps_client_call (client, &request.base, &registry__registry_reply__descriptor,
                              arena, &reply) || pps_client_status (reply)->code != PPS__CODE__OK;
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return rc;
}

int
fuzz_region_load_sample (pps_config_t *config)
{
    const char *csv = getenv ("PPS_FUZZ_CSV");
    if (!csv || !*csv)
        csv = FUZZ_DEFAULT_CSV;
    if (access (csv, R_OK)) {
        fprintf (stderr, "fuzz_region: no establishments file at %s (set PPS_FUZZ_CSV): "
                 "a minimal region instead of the sample\n", csv);
        return s_minimal (config) ? -1 : 1;
    }
    if (sample_region_load (config, csv) || sample_projects_load (config)
    ||  sample_training_load (config) || sample_funding_load (config) || s_finalise (config)) {
        fprintf (stderr, "fuzz_region: the sample did not load (PPS_FUZZ_VERBOSE=1 says why)\n");
        return -1;
    }
    return 0;
}

//  ---------------------------------------------------------------- inputs

//  The operation numbers an input's op byte chooses from.
static size_t
s_op_count (const pps_service_t *service)
{
    return service->op_count + COMMON_OPS;
}

static uint32_t
s_op_number (const pps_service_t *service, size_t index)
{
    return index < service->op_count ? pps_op_request_field (service, &service->ops [index])
                                     : s_common_ops [index - service->op_count];
}

uint8_t *
fuzz_region_frame (const pps_service_t *service, pps_arena_t *arena, const uint8_t *data,
                   size_t size, uint64_t serial, size_t *frame_size_p)
{
    if (size == 0)
        return NULL;
    if ((data [0] & 1) == 0) {
        uint8_t *frame = pps_arena_alloc (arena, size);
        memcpy (frame, data + 1, size - 1);
        *frame_size_p = size - 1;
        return frame;
    }
    if (size < 3)
        return NULL;
    uint32_t number = s_op_number (service, data [1] % s_op_count (service));
    uint8_t flags = data [2];
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (service->request, number);
    assert (field && field->type == PROTOBUF_C_TYPE_MESSAGE);
    ProtobufCMessage *op = pps_arena_unpack (arena, field->descriptor, data + 3, size - 3);
    if (!op)
        return NULL;
    ProtobufCMessage *request = pps_arena_message (arena, service->request);
    if (flags & (FUZZ_FLAG_ID | FUZZ_FLAG_REPLAY))
        pps_reflect_set_string (request, 1, pps_arena_printf (
            arena, "fuzz-%llu", (unsigned long long) (flags & FUZZ_FLAG_REPLAY && serial
                                                      ? serial - 1 : serial)));
    if (flags & FUZZ_FLAG_ACTOR)
        pps_reflect_set_string (request, 2, "fuzz");
    pps_reflect_set_string (request, PPS_SERVICE_FIELD, service->name);
    pps_reflect_set_message (request, number, op);
    return pps_arena_pack (arena, request, frame_size_p);
}

uint8_t *
fuzz_region_structured (const pps_service_t *service, pps_arena_t *arena, const uint8_t *frame,
                        size_t size, size_t *input_size_p)
{
    ProtobufCMessage *request = pps_arena_unpack (arena, service->request, frame, size);
    const ProtobufCMessage *op = NULL;
    uint32_t number = request ? pps_reflect_oneof (request, &op) : 0;
    if (!number || !op)
        return NULL;
    size_t index = 0;
    while (index < s_op_count (service) && s_op_number (service, index) != number)
        index++;
    if (index == s_op_count (service))
        return NULL;
    size_t op_size;
    uint8_t *op_bytes = pps_arena_pack (arena, op, &op_size);
    uint8_t *input = pps_arena_alloc (arena, op_size + 3);
    input [0] = 1;
    input [1] = (uint8_t) index;
    input [2] = FUZZ_FLAG_ID | FUZZ_FLAG_ACTOR;
    memcpy (input + 3, op_bytes, op_size);
    *input_size_p = op_size + 3;
    return input;
}

zsock_t *
fuzz_region_dealer (pps_config_t *config, const char *service)
{
    zsock_t *dealer = pps_socket_connect (ZMQ_DEALER, pps_config_endpoint (config, service));
    assert (dealer);
    return dealer;
}

//  The next frame on dealer within FUZZ_REPLY_MS, or NULL. An interrupted
//  poll (EINTR) goes back to waiting until the deadline.
static zframe_t *
s_reply (zsock_t *dealer)
{
    int64_t deadline = zclock_mono () + FUZZ_REPLY_MS;
    zmq_pollitem_t item = { zsock_resolve (dealer), 0, ZMQ_POLLIN, 0 };
    for (int64_t left = FUZZ_REPLY_MS; left > 0; left = deadline - zclock_mono ())
        if (zmq_poll (&item, 1, (long) left) > 0)
            return zframe_recv (dealer);
    return NULL;
}

void
fuzz_region_call (const pps_service_t *service, zsock_t *dealer, pps_arena_t *arena,
                  const uint8_t *frame, size_t size)
{
    zframe_t *request = zframe_new (frame, size);
    if (zframe_send (&request, dealer, 0)) {
        fprintf (stderr, "fuzz_region: cannot send to %s\n", service->name);
        abort ();
    }
    zframe_t *answer = s_reply (dealer);
    if (!answer) {
        fprintf (stderr, "fuzz_region: %s did not answer a %zu-byte frame within %d ms\n",
                 service->name, size, FUZZ_REPLY_MS);
        abort ();
    }
    ProtobufCMessage *reply = pps_arena_unpack (arena, service->reply, zframe_data (answer),
                                                zframe_size (answer));
    zframe_destroy (&answer);
    if (!reply) {
        fprintf (stderr, "fuzz_region: %s answered with a frame that is not a reply\n",
                 service->name);
        abort ();
    }
    const ProtobufCFieldDescriptor *status_field =
        protobuf_c_message_descriptor_get_field (service->reply, 2);
    const ProtobufCFieldDescriptor *id_field =
        protobuf_c_message_descriptor_get_field (service->reply, 1);
    const Pps__Status *status = *(const Pps__Status **) ((const char *) reply + status_field->offset);
    const char *reply_id = *(const char **) ((const char *) reply + id_field->offset);
    if (!status) {
        fprintf (stderr, "fuzz_region: %s answered without a status\n", service->name);
        abort ();
    }
    Pps__CommonRequest *header = (Pps__CommonRequest *) pps_arena_unpack (
        arena, &pps__common_request__descriptor, frame, size);
    const char *request_id = header && header->request_id ? header->request_id : "";
    //  A request id holding a NUL cannot be echoed: it is refused, naming it
    bool id_refused = status->field && streq (status->field, "request_id");
    if (header && !id_refused && !streq (reply_id ? reply_id : "", request_id)) {
        fprintf (stderr, "fuzz_region: %s answered request id '%s' with '%s' (%d: %s)\n",
                 service->name, request_id, reply_id ? reply_id : "", (int) status->code,
                 status->message ? status->message : "");
        abort ();
    }
}
