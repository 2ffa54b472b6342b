/*  pps_supervisor: the multi-process mode of pps-region. Runs each service
    of a region as its own program (pps-<service>, found beside pps-region)
    with the same configuration file and environment, restarts a program
    that dies (after 0.5 s, doubling up to 30 s while it keeps dying young),
    and stops them all by their PIDs.

        pps_supervisor_t *supervisor = pps_supervisor_new (names, "r.cfg", false);
        pps_supervisor_start (supervisor);
        pps_supervisor_run (supervisor);          //  until SIGINT or SIGTERM
        pps_supervisor_destroy (&supervisor);     //  SIGTERM, then SIGKILL
*/
#ifndef PPS_SUPERVISOR_H_INCLUDED
#define PPS_SUPERVISOR_H_INCLUDED

#include <czmq.h>
#include "pps_config.h"

typedef struct _pps_supervisor_t pps_supervisor_t;

//  A supervisor of the NULL-terminated service names (copied). config_path
//  (may be NULL) is passed to each program as -c, and -v when verbose.
//  Returns NULL when a program is not beside this one (logged).
//  Caller owns return value and must destroy it.
pps_supervisor_t *pps_supervisor_new (const char *const *names, const char *config_path,
                                      bool verbose);

//  Stop every child still running (SIGTERM, SIGKILL after 10 s), reap
//  them, and destroy the supervisor; sets *self_p to NULL.
void pps_supervisor_destroy (pps_supervisor_t **self_p);

//  Start every program. Returns 0, or -1 when a fork fails.
int pps_supervisor_start (pps_supervisor_t *self);

//  Reap children that ended and start again those whose backoff is over.
//  Call it often (pps_supervisor_run does, every 100 ms).
void pps_supervisor_tick (pps_supervisor_t *self);

//  Supervise until every service answers its status request over its
//  ROUTER (endpoints from config), or timeout_ms passes. Returns 0 when
//  all answered, -1 otherwise (the silent ones are logged).
int pps_supervisor_wait_ready (pps_supervisor_t *self, pps_config_t *config, int timeout_ms);

//  Supervise until SIGINT or SIGTERM.
void pps_supervisor_run (pps_supervisor_t *self);

#endif
