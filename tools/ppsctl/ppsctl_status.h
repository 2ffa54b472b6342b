/*  ppsctl_status: the health of every service, for `ppsctl status` and
    `ppsctl metrics`.

    A probe asks every regional service for its ServiceStatus at once (one
    DEALER each, all requests sent before any reply is awaited), and the
    national service for GET /api/v1/status when national/url is
    configured, so that a region with a service down answers within one
    timeout. The national's JSON is turned into a ServiceStatus too, so
    that both commands treat every service alike.

    `ppsctl status` prints one row per service, then the services' gauges
    (subscriber lag per source, outbox depths, last push or delivery error),
    then what is wrong. It exits 1 when a service of the region is down or
    answers with an error, when a subscriber is more than --max-lag events
    behind a source, or when an outbox entry needs an operator (a gauge
    "*needs_operator", or notify's "deliveries_failed", above 0).
    The national service is not the region's: its row and its own line say
    how it is, but it never makes `ppsctl status` fail, so that a region's
    monitoring does not go red for an outage it cannot fix. `ppsctl status
    --national` checks it alone: exit 0 up, 1 down or in error, 2 when
    national/url is not configured.
*/
#ifndef PPSCTL_STATUS_H_INCLUDED
#define PPSCTL_STATUS_H_INCLUDED

#include "ppsctl.h"

//  How long a probe waits for every answer, unless --timeout says otherwise.
#define PPSCTL_PROBE_TIMEOUT_MS  1500

//  Default --max-lag of `ppsctl status`.
#define PPSCTL_MAX_LAG_DEFAULT   100

typedef enum {
    PPSCTL_PROBE_UP,                  //  Answered with its status
    PPSCTL_PROBE_DOWN,                //  No answer in time
    PPSCTL_PROBE_ERROR                //  Answered, but with an error
} ppsctl_probe_state_t;

typedef struct {
    const char *service;              //  "registry", ..., "national"
    const char *endpoint;             //  ROUTER endpoint, or the national URL
    ppsctl_probe_state_t state;
    const char *reason;               //  Why it is not up; "" when up
    const Pps__ServiceStatus *status; //  Its status when up, else NULL
} ppsctl_probe_t;

//  Probe every service of the region, plus the national service when
//  national/url is configured, waiting at most timeout_ms in all. Sets
//  *probes_p to an array in the arena, in ppsctl_services order then
//  national, and returns its length.
size_t ppsctl_probe_all (ppsctl_t *self, int timeout_ms, ppsctl_probe_t **probes_p);

//  ppsctl_probe_all between libcurl's global set-up and clean-up. Returns 0,
//  or -1 (printed) when libcurl cannot start.
int ppsctl_probe_run (ppsctl_t *self, int timeout_ms, ppsctl_probe_t **probes_p,
                      size_t *count_p);

//  The gauge of status with that name and label, or NULL.
const Pps__Gauge *ppsctl_gauge_find (const Pps__ServiceStatus *status, const char *name,
                                     const char *label);

//  What is wrong with the probed services of the region (the national
//  service left aside), one sentence per problem in arena ("indicators:
//  250 events behind registry (max 100)"). Returns the number of problems
//  and sets *problems_p.
size_t ppsctl_probe_problems (pps_arena_t *arena, const ppsctl_probe_t *probes, size_t count,
                              uint64_t max_lag, char ***problems_p);

#endif
