/*  fuzz_service: libFuzzer target for one regional service's request
    decoding and validation, built once per service with FUZZ_SERVICE set
    to its name ("registry"...).

    The whole region runs in this process (fuzz_region), loaded with the
    sample data so that requests can refer to real records; each input
    becomes one frame (raw, or an operation with structured fields: see
    fuzz_region.h) sent to the service's ROUTER. The finding is a crash or
    a sanitizer report in any service, a request left unanswered, or an
    answer that is not a proper reply echoing the request id.
*/
#include "fuzz_region.h"

#ifndef FUZZ_SERVICE
#   error "FUZZ_SERVICE must name the service"
#endif

static const pps_service_t *s_service;
static zsock_t *s_dealer;
static pps_arena_t *s_arena;
static uint64_t s_serial;

static void
s_stop (void)
{
    zsock_destroy (&s_dealer);
    pps_arena_destroy (&s_arena);
    fuzz_region_stop ();
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
    (void) argc; (void) argv;
    pps_config_t *config = fuzz_region_start ("fuzz");
    fuzz_region_load_sample (config);
    s_service = fuzz_region_service (FUZZ_SERVICE);
    assert (s_service);
    s_dealer = fuzz_region_dealer (config, FUZZ_SERVICE);
    s_arena = pps_arena_new ();
    //  Registered after czmq's own (zsys_init), so run before it: the
    //  actors stop first, else czmq's shutdown would wait on their sockets
    atexit (s_stop);
    return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    size_t frame_size;
    uint8_t *frame = fuzz_region_frame (s_service, s_arena, data, size, ++s_serial, &frame_size);
    if (frame)
        fuzz_region_call (s_service, s_dealer, s_arena, frame, frame_size);
    pps_arena_reset (s_arena);
    return 0;
}
