/*  pps_actor: the threads of a program (each service's server, its
    subscriber, outbox, timers) stop when their parent tells them, in the
    order the parent chooses, not each on its own when a signal arrives.

    czmq's handler sets zsys_interrupted on SIGINT and SIGTERM, and by
    default a poller then returns at once: every actor used to leave its
    loop by itself while main was stopping them in order, and a signal that
    interrupted a thread's wait freed what another still used. Here the
    actors never see the signals (blocked in their threads, which their own
    actors inherit) and their pollers ignore zsys_interrupted: main waits
    for the signal, then sends each actor $TERM in reverse order of start
    (pps_runner_stop), and each stops its own actors first.
*/
#ifndef PPS_ACTOR_H_INCLUDED
#define PPS_ACTOR_H_INCLUDED

#include <czmq.h>
#include <signal.h>

//  Hold SIGINT and SIGTERM in the calling thread while it starts or stops
//  something that must not be cut halfway (a wait interrupted by a signal
//  returns early); a signal that came meanwhile is taken at the release.
void pps_signals_hold (sigset_t *previous);
void pps_signals_release (const sigset_t *previous);

//  zactor_new, the actor's thread (and so every thread it starts) with
//  SIGINT and SIGTERM blocked.
zactor_t *pps_actor_new (zactor_fn *task, void *args);

//  A poller on the actor's pipe and, when not NULL, one more socket, that
//  returns for them and for its timeout only (zpoller_set_nonstop).
zpoller_t *pps_actor_poller (zsock_t *pipe, void *other);

//  Self test.
void pps_actor_test (bool verbose);

#endif
