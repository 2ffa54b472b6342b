/*  fuzz_region: a whole region inside the fuzzing process, and the way a
    fuzzer's input becomes a request frame.

    fuzz_region_start runs the six regional services as actors of this
    process, exactly as pps-region does, on inproc:// endpoints, with their
    LMDB stores in a fresh directory that is unlinked as soon as the stores
    are open (the files live on, open, until the process ends, however it
    ends). The indicators service's outbox is pointed at a plain http://
    URL it refuses to use, so nothing ever leaves the process. The services'
    threads block the signals libFuzzer uses (SIGALRM for its timeouts...):
    a signal interrupts a czmq poll, and zpoller_wait then reports the
    poller terminated, which would stop a service's actor.

    An input is turned into one frame for a service's ROUTER:
        [even byte] rest             the rest, as it is (raw frame)
        [odd byte] [op] [flags] rest the rest unpacked as the message of
                                     operation number op modulo (the
                                     service's operations + EventsSince +
                                     ServiceStatus), put in a <Svc>Request
                                     with, by flags: 1 a fresh request id,
                                     2 the request id of the previous input
                                     (a replay), 4 an actor
    The second form reaches every handler's validation with structured
    values instead of spending the fuzzer's time on the envelope.
*/
#ifndef FUZZ_REGION_H_INCLUDED
#define FUZZ_REGION_H_INCLUDED

#include <czmq.h>
#include "pps_arena.h"
#include "pps_client.h"
#include "pps_config.h"
#include "pps_service.h"

#define FUZZ_REPLY_MS      20000      //  A request unanswered this long: a hang
#define FUZZ_FLAG_ID       1
#define FUZZ_FLAG_REPLAY   2
#define FUZZ_FLAG_ACTOR    4

//  Remove the PPS_ variables (but PPS_FUZZ_*) from the environment: the
//  configuration is the fuzzer's alone, and an environment variable
//  (PPS_REGION_DATA_DIR...) would override it.
void fuzz_clear_environment (void);

//  Start every regional service in this process (once; later calls return
//  the same configuration). Endpoints are inproc://<prefix>-<service>.
//  Aborts when a service cannot start. The configuration belongs to the
//  region; fuzz_region_stop destroys it.
pps_config_t *fuzz_region_start (const char *prefix);

//  Stop the services (safe to call twice).
void fuzz_region_stop (void);

//  Load the sample region (the ministry's establishments file from
//  $PPS_FUZZ_CSV, else the build's default path) and the sample projects,
//  training and funding through config's endpoints, then finalise the 2025
//  bilan; without the file, only region 32 and three establishments.
//  Returns 0 (the sample), 1 (the minimal region), or -1 when the data
//  could not be loaded (logged).
int fuzz_region_load_sample (pps_config_t *config);

//  The service named name ("registry"...), or NULL.
const pps_service_t *fuzz_region_service (const char *name);

//  The frame an input makes for service (see above), in arena; NULL when
//  the input makes none. serial numbers the request ids.
uint8_t *fuzz_region_frame (const pps_service_t *service, pps_arena_t *arena,
                            const uint8_t *data, size_t size, uint64_t serial,
                            size_t *frame_size_p);

//  The structured input (odd first byte) for a request frame of service,
//  in arena; NULL when the frame carries no operation.
uint8_t *fuzz_region_structured (const pps_service_t *service, pps_arena_t *arena,
                                 const uint8_t *frame, size_t size, size_t *input_size_p);

//  A DEALER connected to service's ROUTER. Caller owns return value.
zsock_t *fuzz_region_dealer (pps_config_t *config, const char *service);

//  Send frame to service through dealer and check the answer: it comes
//  within FUZZ_REPLY_MS (a signal, such as libFuzzer's SIGALRM, does not
//  cut the wait short), decodes as the service's reply, carries a status,
//  and echoes the request id of a frame that decodes. Aborts otherwise
//  (that is the finding).
void fuzz_region_call (const pps_service_t *service, zsock_t *dealer, pps_arena_t *arena,
                       const uint8_t *frame, size_t size);

#endif
