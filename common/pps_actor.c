/*  pps_actor: actors that stop on their parent's $TERM only.  */
#include "pps_actor.h"

#include <signal.h>

void
pps_signals_hold (sigset_t *previous)
{
    sigset_t signals;
    sigemptyset (&signals);
    sigaddset (&signals, SIGINT);
    sigaddset (&signals, SIGTERM);
    pthread_sigmask (SIG_BLOCK, &signals, previous);
}

void
pps_signals_release (const sigset_t *previous)
{
    pthread_sigmask (SIG_SETMASK, previous, NULL);
}

zactor_t *
pps_actor_new (zactor_fn *task, void *args)
{
    //  A new thread starts with its creator's mask
    sigset_t previous;
    pps_signals_hold (&previous);
    zactor_t *actor = zactor_new (task, args);
    pps_signals_release (&previous);
    return actor;
}

zpoller_t *
pps_actor_poller (zsock_t *pipe, void *other)
{
    zpoller_t *poller = zpoller_new (pipe, other, NULL);
    assert (poller);
    zpoller_set_nonstop (poller, true);
    return poller;
}

//  ---------------------------------------------------------------- self test

//  Counts its timeouts until $TERM; says how many when asked.
static void
s_test_actor (zsock_t *pipe, void *args)
{
    (void) args;
    zpoller_t *poller = pps_actor_poller (pipe, NULL);
    zsock_signal (pipe, 0);
    int ticks = 0;
    while (true) {
        void *which = zpoller_wait (poller, 5);
        if (which == pipe) {
            char *command = zstr_recv (pipe);
            bool stop = !command || streq (command, "$TERM");
            if (command && streq (command, "TICKS"))
                zstr_sendf (pipe, "%d", ticks);
            if (command && streq (command, "BLOCKED")) {
                sigset_t mask;
                pthread_sigmask (SIG_BLOCK, NULL, &mask);
                zstr_sendf (pipe, "%d", sigismember (&mask, SIGTERM)
                                        && sigismember (&mask, SIGINT));
            }
            zstr_free (&command);
            if (stop)
                break;
        }
        else
        if (zpoller_terminated (poller))
            break;
        else
            ticks++;
    }
    zpoller_destroy (&poller);
}

static int
s_ticks (zactor_t *actor)
{
    zstr_send (actor, "TICKS");
    char *reply = zstr_recv (actor);
    int ticks = reply ? atoi (reply) : -1;
    zstr_free (&reply);
    return ticks;
}

void
pps_actor_test (bool verbose)
{
    (void) verbose;
    zactor_t *actor = pps_actor_new (s_test_actor, NULL);
    assert (actor);
    //  An interrupt, as SIGTERM leaves it: the actor goes on until $TERM
    zsys_interrupted = 1;
    int before = s_ticks (actor);
    zclock_sleep (50);
    int after = s_ticks (actor);
    zsys_interrupted = 0;
    assert (before >= 0 && after > before);
    //  Its thread never takes the signals: they are blocked there
    zstr_send (actor, "BLOCKED");
    char *blocked = zstr_recv (actor);
    assert (blocked && streq (blocked, "1"));
    zstr_free (&blocked);
    //  and still taken by this one
    sigset_t mask;
    pthread_sigmask (SIG_BLOCK, NULL, &mask);
    assert (!sigismember (&mask, SIGTERM));
    zactor_destroy (&actor);
    assert (actor == NULL);
}
