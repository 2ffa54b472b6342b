/*  it_bad_input: what a real pps-registry process does with bad input.

    (a) frames that are not valid requests: 2000 frames of random bytes
        (fixed seed), 1000 valid requests with a few bytes changed (these
        reach the handlers with wild values), every proper prefix of a valid create_establishment, a
        frame of 1 MiB of garbage, one larger than the server accepts,
        multi-frame messages and an empty frame. Every single-frame request
        must be answered with a RegistryReply, with a non-OK status whenever
        the frame is not a request carrying an operation; the process must
        stay alive and keep answering.
    (b) every write operation of the registry, sent with an empty message:
        refused with INVALID_ARGUMENT, NOT_FOUND or FAILED_PRECONDITION, the
        offending field named, nothing written.
    (c) targeted create_establishment cases, each refused on its field with
        nothing written.

    Usage: it_bad_input <path of pps-registry>
*/
#include <stdarg.h>
#include "it_harness.h"
#include "pps_describe.h"
#include "pps_reflect.h"
#include "pps_socket.h"
#include "registry.h"

#define ACTOR           "it-bad-input"
#define RANDOM_FRAMES   2000
#define RANDOM_MAX      512
#define MUTATED_FRAMES  1000
#define GARBAGE_BYTES   (1024 * 1024)
#define REPLY_MS        3000

typedef struct {
    it_service_t *service;
    pps_client_t *client;
    pps_arena_t *arena;
    int failures;                     //  Soft failures of (b) and (c)
} bad_t;

static void
s_soft_fail (bad_t *bad, const char *format, ...) __attribute__ ((format (printf, 2, 3)));

//  Parts (b) and (c) report every operation that misbehaves, not only the first.
static void
s_soft_fail (bad_t *bad, const char *format, ...)
{
    va_list args;
    va_start (args, format);
    fprintf (stderr, "FAIL ");
    vfprintf (stderr, format, args);
    fprintf (stderr, "\n");
    va_end (args);
    bad->failures++;
}

static Registry__RegistryReply *
s_decode_reply (pps_arena_t *arena, zframe_t *frame)
{
    return (Registry__RegistryReply *) pps_arena_unpack (
        arena, &registry__registry_reply__descriptor, zframe_data (frame), zframe_size (frame));
}

//  Send bytes as one frame; the reply must come and decode.
static Registry__RegistryReply *
s_call_raw (bad_t *bad, const void *bytes, size_t size, const char *what)
{
    zframe_t *frame = pps_client_call_raw (bad->client, bytes, size);
    IT_CHECK (frame, "%s (%zu bytes) got no reply within %d ms", what, size, REPLY_MS);
    Registry__RegistryReply *reply = s_decode_reply (bad->arena, frame);
    zframe_destroy (&frame);
    IT_CHECK (reply, "the reply to %s does not decode as a RegistryReply", what);
    return reply;
}

static void
s_check_alive (bad_t *bad, const char *after)
{
    IT_CHECK (it_service_alive (bad->service), "pps-registry died after %s", after);
    Pps__ServiceStatus *status = it_status (bad->client, bad->arena);
    IT_CHECK (streq (status->service, "registry"), "ServiceStatus after %s", after);
}

static bool
s_is_write (uint32_t op)
{
    const pps_op_t *entry = pps_service_op (&registry_service, op);
    return entry && entry->kind != PPS_OP_READ;
}

static Registry__Establishment *
s_establishment (pps_arena_t *arena, const char *code)
{
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->code = pps_arena_strdup (arena, code);
    establishment->name = "Maison d'arrêt d'essai";
    establishment->kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    establishment->capacity = 100;
    establishment->region_code = "32";
    establishment->departement_code = "59";
    establishment->commune = "Lille";
    return establishment;
}

//  ---------------------------------------------------------------- (a) frames

static void
s_random_frames (bad_t *bad, uint64_t *accepted_writes)
{
    uint64_t state = 0x5eed2023a11ce5ULL;
    uint8_t bytes [RANDOM_MAX];
    size_t with_op = 0;
    for (int frame = 0; frame < RANDOM_FRAMES; frame++) {
        size_t size = it_random (&state) % (RANDOM_MAX + 1);
        for (size_t index = 0; index < size; index++)
            bytes [index] = (uint8_t) it_random (&state);
        //  What the frame means, to know which answer it deserves
        Registry__RegistryRequest *local = (Registry__RegistryRequest *) pps_arena_unpack (
            bad->arena, &registry__registry_request__descriptor, bytes, size);
        char what [64];
        snprintf (what, sizeof what, "random frame %d", frame);
        Registry__RegistryReply *reply = s_call_raw (bad, bytes, size, what);
        const Pps__Status *status = pps_client_status (&reply->base);
        if (!local || local->op_case == REGISTRY__REGISTRY_REQUEST__OP__NOT_SET)
            IT_CHECK (status->code != PPS__CODE__OK,
                      "random frame %d (%zu bytes, %s) answered OK", frame, size,
                      local ? "no operation" : "not a request");
        else {
            with_op++;
            if (status->code == PPS__CODE__OK && s_is_write (local->op_case))
                (*accepted_writes)++;
        }
        if (frame % 250 == 0)
            IT_CHECK (it_service_alive (bad->service), "pps-registry died at random frame %d", frame);
        pps_arena_reset (bad->arena);
    }
    printf (" * %d random frames answered (%zu decoded as an operation, %llu writes accepted)\n",
            RANDOM_FRAMES, with_op, (unsigned long long) *accepted_writes);
}

//  Valid requests with a few bytes changed: unlike random bytes, these mostly
//  decode, and reach the handlers with wild values.
static void
s_mutated_frames (bad_t *bad, uint64_t *accepted_writes)
{
    uint64_t state = 0x0ddba11ULL;
    size_t with_op = 0, refused = 0;
    for (int frame = 0; frame < MUTATED_FRAMES; frame++) {
        Registry__RegistryRequest *request = it_request (bad->arena, ACTOR);
        request->request_id = pps_arena_printf (bad->arena, "mutant-%04d", frame);
        request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
        request->create_establishment = s_establishment (
            bad->arena, pps_arena_printf (bad->arena, "M%04d", frame));
        size_t size;
        uint8_t *bytes = pps_arena_pack (bad->arena, &request->base, &size);
        int changes = 1 + (int) (it_random (&state) % 4);
        for (int change = 0; change < changes; change++)
            bytes [it_random (&state) % size] = (uint8_t) it_random (&state);
        Registry__RegistryRequest *local = (Registry__RegistryRequest *) pps_arena_unpack (
            bad->arena, &registry__registry_request__descriptor, bytes, size);
        char what [64];
        snprintf (what, sizeof what, "mutated frame %d", frame);
        Registry__RegistryReply *reply = s_call_raw (bad, bytes, size, what);
        const Pps__Status *status = pps_client_status (&reply->base);
        if (!local || local->op_case == REGISTRY__REGISTRY_REQUEST__OP__NOT_SET)
            IT_CHECK (status->code != PPS__CODE__OK, "%s (%s) answered OK", what,
                      local ? "no operation" : "not a request");
        else {
            with_op++;
            if (status->code == PPS__CODE__OK && s_is_write (local->op_case))
                (*accepted_writes)++;
        }
        refused += status->code != PPS__CODE__OK;
        if (frame % 250 == 0)
            IT_CHECK (it_service_alive (bad->service), "pps-registry died at %s", what);
        pps_arena_reset (bad->arena);
    }
    printf (" * %d mutated requests answered (%zu decoded as an operation, %zu refused)\n",
            MUTATED_FRAMES, with_op, refused);
}

static void
s_truncated (bad_t *bad)
{
    Registry__RegistryRequest *request = it_request (bad->arena, ACTOR);
    request->request_id = "truncated-create";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = s_establishment (bad->arena, "T0001");
    request->create_establishment->closed_on = pps_arena_alloc (bad->arena, sizeof (Pps__Date));
    pps__date__init (request->create_establishment->closed_on);
    request->create_establishment->closed_on->year = 2030;
    request->create_establishment->closed_on->month = 1;
    request->create_establishment->closed_on->day = 31;
    size_t size;
    uint8_t *bytes = pps_arena_pack (bad->arena, &request->base, &size);
    for (size_t length = 0; length < size; length++) {
        Registry__RegistryRequest *local = (Registry__RegistryRequest *) pps_arena_unpack (
            bad->arena, &registry__registry_request__descriptor, bytes, length);
        IT_CHECK (!local || local->op_case == REGISTRY__REGISTRY_REQUEST__OP__NOT_SET,
                  "a %zu-byte prefix decodes as a whole operation", length);
        char what [64];
        snprintf (what, sizeof what, "a %zu-byte prefix of %zu", length, size);
        Registry__RegistryReply *reply = s_call_raw (bad, bytes, length, what);
        const Pps__Status *status = pps_client_status (&reply->base);
        IT_CHECK (status->code == PPS__CODE__INVALID_ARGUMENT,
                  "%s answered %s", what, it_code_name (status->code));
    }
    //  The whole request is valid, and none of its prefixes took its id
    Registry__RegistryReply *reply = s_call_raw (bad, bytes, size, "the whole request");
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == PPS__CODE__OK && reply->establishment && reply->establishment->id,
              "the whole truncated-create request answered %s on '%s': %s",
              it_code_name (status->code), status->field, status->message);
    printf (" * %zu prefixes of a create_establishment refused, the whole one accepted\n", size);
    pps_arena_reset (bad->arena);
}

static void
s_big_frames (bad_t *bad)
{
    uint8_t *garbage = malloc (GARBAGE_BYTES);
    assert (garbage);
    uint64_t state = 0xbadbadbadULL;
    //  A tag varint longer than 10 bytes: never a protobuf message
    memset (garbage, 0xff, 16);
    for (size_t index = 16; index < GARBAGE_BYTES; index++)
        garbage [index] = (uint8_t) it_random (&state);
    IT_CHECK (!pps_arena_unpack (bad->arena, &registry__registry_request__descriptor,
                                 garbage, GARBAGE_BYTES), "the garbage decodes");
    Registry__RegistryReply *reply = s_call_raw (bad, garbage, GARBAGE_BYTES, "1 MiB of garbage");
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__INVALID_ARGUMENT,
              "1 MiB of garbage answered %s", it_code_name (pps_client_status (&reply->base)->code));
    free (garbage);
    s_check_alive (bad, "1 MiB of garbage");

    //  Over frame_bytes the server answers, naming the limit; over twice
    //  that libzmq drops the frame (and the connection) before holding it:
    //  no crash, and no answer then
    size_t oversize = PPS_MAX_FRAME_BYTES + 1024;
    size_t dropped = PPS_DROP_FRAME_BYTES + 1024;
    for (int round = 0; round < 2; round++) {
        size_t size = round == 0 ? oversize : dropped;
        zsock_t *dealer = zsock_new (ZMQ_DEALER);
        IT_CHECK (dealer && zsock_connect (dealer, "%s", it_service_endpoint (bad->service)) == 0,
                  "cannot connect a DEALER");
        zsock_set_linger (dealer, 0);
        zframe_t *frame = zframe_new (NULL, size);
        memset (zframe_data (frame), 0xff, size);
        //  A request id first: the refusal carries it though the rest is junk
        memcpy (zframe_data (frame), "\x0a\x03" "big", 5);
        IT_CHECK (zframe_send (&frame, dealer, 0) == 0, "cannot send the %zu-byte frame", size);
        zpoller_t *poller = zpoller_new (dealer, NULL);
        zsock_t *which = zpoller_wait (poller, round == 0 ? 10000 : 1000);
        if (round == 0) {
            IT_CHECK (which == dealer, "a %zu-byte frame got no answer", size);
            zframe_t *answer = zframe_recv (dealer);
            Registry__RegistryReply *decoded = answer ? s_decode_reply (bad->arena, answer) : NULL;
            const Pps__Status *status = decoded ? pps_client_status (&decoded->base) : NULL;
            IT_CHECK (status && status->code == PPS__CODE__RESOURCE_EXHAUSTED
                      && strstr (status->message, "frame_bytes")
                      && streq (decoded->request_id, "big"),
                      "the %zu-byte frame was not refused naming frame_bytes with its id", size);
            zframe_destroy (&answer);
        }
        else
            IT_CHECK (which == NULL, "a %zu-byte frame was answered: libzmq should drop it", size);
        zpoller_destroy (&poller);
        zsock_destroy (&dealer);
        s_check_alive (bad, "a frame over the size limit");
    }
    printf (" * 1 MiB of garbage refused, a %zu-byte frame refused naming frame_bytes, "
            "a %zu-byte one dropped\n", oversize, dropped);
    pps_arena_reset (bad->arena);
}

//  Send frames as one message on its own DEALER; the reply, if any, has the
//  same number of frames and its last one is a RegistryReply.
static void
s_multi_frame (bad_t *bad, const char *what, zmsg_t *message, bool expect_error)
{
    size_t frames = zmsg_size (message);
    zsock_t *dealer = zsock_new (ZMQ_DEALER);
    IT_CHECK (dealer && zsock_connect (dealer, "%s", it_service_endpoint (bad->service)) == 0,
              "cannot connect a DEALER");
    zsock_set_linger (dealer, 0);
    IT_CHECK (zmsg_send (&message, dealer) == 0, "cannot send %s", what);
    zpoller_t *poller = zpoller_new (dealer, NULL);
    if (zpoller_wait (poller, REPLY_MS) == dealer) {
        zmsg_t *answer = zmsg_recv (dealer);
        IT_CHECK (answer && zmsg_size (answer) == frames, "%s: answered with %zu frames", what,
                  answer ? zmsg_size (answer) : 0);
        zframe_t *last = zmsg_last (answer);
        Registry__RegistryReply *reply = s_decode_reply (bad->arena, last);
        IT_CHECK (reply, "%s: the answer's last frame is not a RegistryReply", what);
        IT_CHECK (!expect_error || pps_client_status (&reply->base)->code != PPS__CODE__OK,
                  "%s answered OK", what);
        printf (" * %s: answered %s\n", what, it_code_name (pps_client_status (&reply->base)->code));
        zmsg_destroy (&answer);
    }
    else
        printf (" * %s: dropped\n", what);
    zpoller_destroy (&poller);
    zsock_destroy (&dealer);
    s_check_alive (bad, what);
}

static void
s_frames (bad_t *bad)
{
    uint64_t seq = it_last_seq (bad->client, bad->arena);
    uint64_t accepted_writes = 0;
    s_random_frames (bad, &accepted_writes);
    s_check_alive (bad, "random frames");
    s_mutated_frames (bad, &accepted_writes);
    s_check_alive (bad, "mutated frames");
    s_truncated (bad);
    s_check_alive (bad, "truncated requests");
    s_big_frames (bad);

    Registry__RegistryReply *reply = s_call_raw (bad, "", 0, "an empty frame");
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == PPS__CODE__INVALID_ARGUMENT,
              "an empty frame answered %s", it_code_name (status->code));
    s_check_alive (bad, "an empty frame");

    Registry__RegistryRequest *request = it_request (bad->arena, ACTOR);
    Pps__ServiceStatusRequest *status_request = pps_arena_alloc (bad->arena, sizeof *status_request);
    pps__service_status_request__init (status_request);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_SERVICE_STATUS;
    request->service_status = status_request;
    size_t size;
    uint8_t *bytes = pps_arena_pack (bad->arena, &request->base, &size);
    zmsg_t *message = zmsg_new ();
    zmsg_addstr (message, "an extra frame");
    zmsg_addmem (message, bytes, size);
    s_multi_frame (bad, "an extra frame then a request", message, false);
    message = zmsg_new ();
    zmsg_addstr (message, "");
    zmsg_addmem (message, bytes, size);
    s_multi_frame (bad, "an empty delimiter then a request", message, false);
    message = zmsg_new ();
    zmsg_addstr (message, "one");
    zmsg_addmem (message, bytes, size);
    zmsg_addmem (message, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 12);
    s_multi_frame (bad, "a request then garbage", message, true);
    message = zmsg_new ();
    for (int index = 0; index < 50; index++)
        zmsg_addstrf (message, "frame %d", index);
    s_multi_frame (bad, "fifty text frames", message, true);

    uint64_t after = it_last_seq (bad->client, bad->arena);
    IT_CHECK (after == seq + 1 + accepted_writes,
              "bad frames moved last_seq from %llu to %llu (1 valid create, %llu accepted writes)",
              (unsigned long long) seq, (unsigned long long) after,
              (unsigned long long) accepted_writes);
    pps_arena_reset (bad->arena);
}

//  ---------------------------------------------------------------- (b) every write, empty

static bool
s_has_write_prefix (const char *name)
{
    static const char *const prefixes [] = {
        "create_", "update_", "designate", "end_", "put_", "dissolve_", "add_", "remove_", "import_"
    };
    for (size_t index = 0; index < sizeof prefixes / sizeof prefixes [0]; index++)
        if (strncmp (name, prefixes [index], strlen (prefixes [index])) == 0)
            return true;
    return false;
}

static void
s_empty_writes (bad_t *bad)
{
    const ProtobufCMessageDescriptor *descriptor = &registry__registry_request__descriptor;
    size_t tried = 0, refused = 0;
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        if (field->id < 10 || !s_has_write_prefix (field->name))
            continue;
        IT_CHECK (field->type == PROTOBUF_C_TYPE_MESSAGE, "%s is not a message", field->name);
        IT_CHECK (s_is_write (field->id), "%s is not a write in the operation table", field->name);
        tried++;
        uint64_t before = it_last_seq (bad->client, bad->arena);
        Registry__RegistryRequest *request = it_request (bad->arena, ACTOR);
        pps_reflect_set_message (&request->base, field->id,
                                 pps_arena_message (bad->arena, field->descriptor));
        Registry__RegistryReply *reply = it_call (bad->client, bad->arena, request);
        const Pps__Status *status = pps_client_status (&reply->base);
        bool refused_well = (status->code == PPS__CODE__INVALID_ARGUMENT
                             || status->code == PPS__CODE__NOT_FOUND
                             || status->code == PPS__CODE__FAILED_PRECONDITION)
                            && *status->field;
        if (status->code == PPS__CODE__UNIMPLEMENTED && streq (status->message, "PLACEHOLDER"))
            s_soft_fail (bad, "(b) %s: the handler is still a PLACEHOLDER", field->name);
        else
        if (!refused_well)
            s_soft_fail (bad, "(b) %s with an empty message answered %s on field '%s': %s",
                         field->name, it_code_name (status->code), status->field, status->message);
        else {
            refused++;
            printf ("   %-30s %s on '%s'\n", field->name, it_code_name (status->code), status->field);
        }
        uint64_t after = it_last_seq (bad->client, bad->arena);
        if (after != before)
            s_soft_fail (bad, "(b) %s with an empty message moved last_seq from %llu to %llu",
                         field->name, (unsigned long long) before, (unsigned long long) after);
        pps_arena_reset (bad->arena);
    }
    //  The prefixes must name every write of the table, or some went untested
    size_t writes = 0;
    for (size_t index = 0; index < registry_service.op_count; index++)
        if (registry_service.ops [index].kind != PPS_OP_READ) {
            writes++;
            IT_CHECK (s_has_write_prefix (registry_service.ops [index].name),
                      "write %s has a name the test does not recognise",
                      registry_service.ops [index].name);
        }
    IT_CHECK (tried == writes && tried >= 30, "%zu write operations tried, %zu in the table",
              tried, writes);
    printf (" * (b) %zu of %zu write operations refuse an empty message properly\n", refused, tried);
}

//  ---------------------------------------------------------------- (c) targeted

static void
s_case (bad_t *bad, const char *what, Registry__RegistryRequest *request,
        Pps__Code code, const char *field)
{
    uint64_t before = it_last_seq (bad->client, bad->arena);
    size_t size;
    uint8_t *bytes = pps_arena_pack (bad->arena, &request->base, &size);
    //  Raw: a request refused for its request id is answered without it
    Registry__RegistryReply *reply = s_call_raw (bad, bytes, size, what);
    const Pps__Status *status = pps_client_status (&reply->base);
    if (status->code != code || !streq (status->field, field))
        s_soft_fail (bad, "(c) %s: expected %s on '%s', got %s on '%s': %s", what,
                     it_code_name (code), field, it_code_name (status->code), status->field,
                     status->message);
    uint64_t after = it_last_seq (bad->client, bad->arena);
    if (after != before)
        s_soft_fail (bad, "(c) %s moved last_seq from %llu to %llu", what,
                     (unsigned long long) before, (unsigned long long) after);
    pps_arena_reset (bad->arena);
}

static Registry__RegistryRequest *
s_create (bad_t *bad, Registry__Establishment **establishment_p)
{
    Registry__RegistryRequest *request = it_request (bad->arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
    request->create_establishment = s_establishment (bad->arena, "C-TARGET");
    *establishment_p = request->create_establishment;
    return request;
}

static void
s_targeted (bad_t *bad)
{
    int failures = bad->failures;
    Registry__Establishment *establishment;
    Registry__RegistryRequest *request = s_create (bad, &establishment);
    char *long_name = pps_arena_alloc (bad->arena, 10001);
    memset (long_name, 'n', 10000);
    establishment->name = long_name;
    s_case (bad, "a 10000-character name", request, PPS__CODE__INVALID_ARGUMENT, "establishment.name");

    request = s_create (bad, &establishment);
    establishment->name = "Maison d'arr\xc3\x28t";
    s_case (bad, "a name that is not UTF-8", request, PPS__CODE__INVALID_ARGUMENT, "establishment.name");

    request = s_create (bad, &establishment);
    establishment->name = "Maison\x01" "d'arrêt";
    s_case (bad, "a name with a control character", request, PPS__CODE__INVALID_ARGUMENT,
            "establishment.name");

    request = s_create (bad, &establishment);
    establishment->code = "";
    s_case (bad, "an empty code", request, PPS__CODE__INVALID_ARGUMENT, "establishment.code");

    request = s_create (bad, &establishment);
    establishment->kind = 999;
    s_case (bad, "kind 999", request, PPS__CODE__INVALID_ARGUMENT, "establishment.kind");

    request = s_create (bad, &establishment);
    establishment->kind = REGISTRY__ESTABLISHMENT_KIND__ESTABLISHMENT_KIND_UNSPECIFIED;
    s_case (bad, "no kind", request, PPS__CODE__INVALID_ARGUMENT, "establishment.kind");

    request = s_create (bad, &establishment);
    establishment->capacity = -1;
    s_case (bad, "capacity -1", request, PPS__CODE__INVALID_ARGUMENT, "establishment.capacity");

    request = s_create (bad, &establishment);
    establishment->region_code = "99";
    s_case (bad, "an unknown region", request, PPS__CODE__NOT_FOUND, "establishment.region_code");

    request = s_create (bad, &establishment);
    establishment->directorate_id = 12345;
    s_case (bad, "an unknown directorate", request, PPS__CODE__NOT_FOUND,
            "establishment.directorate_id");

    request = s_create (bad, &establishment);
    establishment->closed_on = pps_arena_alloc (bad->arena, sizeof (Pps__Date));
    pps__date__init (establishment->closed_on);
    establishment->closed_on->year = 2023;
    establishment->closed_on->month = 2;
    establishment->closed_on->day = 30;
    s_case (bad, "closed on 2023-02-30", request, PPS__CODE__INVALID_ARGUMENT,
            "establishment.closed_on");

    request = s_create (bad, &establishment);
    establishment->id = 5;
    s_case (bad, "an id chosen by the client", request, PPS__CODE__INVALID_ARGUMENT,
            "establishment.id");

    request = s_create (bad, &establishment);
    char *long_id = pps_arena_alloc (bad->arena, 201);
    memset (long_id, 'r', 200);
    request->request_id = long_id;
    s_case (bad, "a 200-character request_id", request, PPS__CODE__INVALID_ARGUMENT, "request_id");

    request = s_create (bad, &establishment);
    char *long_actor = pps_arena_alloc (bad->arena, 201);
    memset (long_actor, 'a', 200);
    request->actor = long_actor;
    s_case (bad, "a 200-character actor", request, PPS__CODE__INVALID_ARGUMENT, "actor");

    //  The base request itself is valid: each case above failed for its field only
    uint64_t before = it_last_seq (bad->client, bad->arena);
    request = s_create (bad, &establishment);
    Registry__RegistryReply *reply = it_call (bad->client, bad->arena, request);
    const Pps__Status *status = pps_client_status (&reply->base);
    IT_CHECK (status->code == PPS__CODE__OK, "the valid base request answered %s on '%s': %s",
              it_code_name (status->code), status->field, status->message);
    IT_CHECK (it_last_seq (bad->client, bad->arena) == before + 1,
              "the valid base request did not write one event");
    pps_arena_reset (bad->arena);
    printf (" * (c) targeted cases: %d failed\n", bad->failures - failures);
}

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: %s PPS-REGISTRY\n", argv [0]);
        return 2;
    }
    zsys_init ();
    zsys_set_logident ("it_bad_input");
    bad_t bad = { 0 };
    bad.arena = pps_arena_new ();
    bad.service = it_service_new (argv [1], IT_IPC);
    it_service_start (bad.service);
    bad.client = pps_client_new (it_service_endpoint (bad.service), REPLY_MS, 1);
    IT_CHECK (bad.client, "cannot connect to %s", it_service_endpoint (bad.service));

    Registry__RegistryRequest *request = it_request (bad.arena, ACTOR);
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = &region;
    Registry__RegistryReply *reply = it_call (bad.client, bad.arena, request);
    IT_CHECK (pps_client_status (&reply->base)->code == PPS__CODE__OK, "create_region 32 failed");
    pps_arena_reset (bad.arena);

    s_frames (&bad);
    s_empty_writes (&bad);
    s_targeted (&bad);

    s_check_alive (&bad, "all the bad input");
    pps_client_destroy (&bad.client);
    int exit_status = it_service_stop (bad.service);
    IT_CHECK (exit_status == 0, "SIGTERM: exit status %d", exit_status);
    it_service_destroy (&bad.service);
    pps_arena_destroy (&bad.arena);
    if (bad.failures) {
        fprintf (stderr, "registry.bad_input: %d failures\n", bad.failures);
        return 1;
    }
    printf (" * registry.bad_input: OK\n");
    return 0;
}
