/*  notify_check: the periodic check, in its own actor and as the run_check
    operation. Each round, in one write transaction: compares every post of
    the region with the vacancies followed (an end date reached since the
    last event opens a vacancy; a designation starting today closes one),
    raises the reminders due, and the notices of ends of mandate coming.
    Every notification it raises carries a dedup key (vacancy id and
    reminder number, designation id and end date), so a round repeated
    after a crash raises nothing twice. The run_check operation also runs
    a round of the steps' check (notify_steps.c), whose own actor runs it
    beside this one.  */
#include "notify_service.h"
#include "pps_actor.h"

#include <czmq.h>

#define FIRST_SYNC_MS    1000         //  One try at catching up before the first round
#define FIRST_RETRY_MS   500          //  Pause between tries

typedef struct {
    pps_arena_t *arena;
    const char *region;
    void **items;
    size_t count;
} region_scan_t;

//  Keep the establishments of the scan's region.
static int
s_collect_establishment (ProtobufCMessage *record, void *arg)
{
    region_scan_t *scan = arg;
    if (streq (((Registry__Establishment *) record)->region_code, scan->region))
        pps_arena_push (scan->arena, &scan->items, &scan->count, record);
    return 0;
}

//  Keep the region's designations with a planned end (a date, no reason).
static int
s_collect_designation (ProtobufCMessage *record, void *arg)
{
    region_scan_t *scan = arg;
    Registry__Designation *designation = (Registry__Designation *) record;
    if (streq (designation->region_code, scan->region) && pps_date_is_set (designation->end_date)
    &&  !designation->end_reason)
        pps_arena_push (scan->arena, &scan->items, &scan->count, record);
    return 0;
}

int
notify_check_run (notify_ctx_t *ctx)
{
    const char *region_code = ctx->settings->region;
    Registry__Region *region;
    int rc = notify_model_region (ctx, region_code, &region);
    if (rc == 0)
        rc = notify_vacancy_sync (ctx, region_code, NULL);
    else
    if (rc == MDB_NOTFOUND)
        rc = 0;                     //  The registry has not told of the region yet
    region_scan_t scan = { ctx->arena, region_code, NULL, 0 };
    if (!rc)
        rc = pps_store_each (ctx->txn, pps_store_dbi (ctx->store, "establishments"),
                             &registry__establishment__descriptor, ctx->arena,
                             s_collect_establishment, &scan);
    for (size_t index = 0; !rc && index < scan.count; index++)
        rc = notify_vacancy_sync (ctx, region_code, scan.items [index]);
    if (!rc)
        rc = notify_vacancy_reminders (ctx);
    scan.items = NULL;
    scan.count = 0;
    if (!rc)
        rc = pps_store_each (ctx->txn, pps_store_dbi (ctx->store, "designations"),
                             &registry__designation__descriptor, ctx->arena,
                             s_collect_designation, &scan);
    for (size_t index = 0; !rc && index < scan.count; index++)
        rc = notify_model_ending (ctx, scan.items [index]);
    return rc;
}

//  ---------------------------------------------------------------- operation

PPS_HANDLER (notify_run_check)
{
    notify_t *notify = self;
    notify_ctx_t ctx;
    notify_ctx_init (&ctx, notify->store, &notify->settings, pps_call_txn (call),
                     pps_call_arena (call), "check", 0);
    uint32_t followed = 0;
    int rc = notify_check_run (&ctx);
    if (!rc)
        rc = notify_steps_check (&ctx, &followed);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the check");
    Notify__CheckReport *report = (Notify__CheckReport *)
        pps_arena_message (pps_call_arena (call), &notify__check_report__descriptor);
    report->raised = ctx.raised;
    report->plans_followed = followed;
    MDB_stat stat;
    if (mdb_stat (pps_call_txn (call), pps_store_dbi (notify->store, "vacancies"), &stat) == 0)
        report->open_vacancies = (uint32_t) stat.ms_entries;
    *result_p = &report->base;
    return 0;
}

//  ---------------------------------------------------------------- actor

struct _notify_timer_t {
    zactor_t *actor;
    pps_store_t *store;
    const notify_settings_t *settings;
    pps_subscriber_t *subscriber;
};

//  One round in a write transaction of its own.
static void
s_round (notify_timer_t *self, pps_arena_t *arena)
{
    pps_arena_reset (arena);
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        zsys_error ("notify: check: cannot begin: %s", mdb_strerror (rc));
        return;
    }
    notify_ctx_t ctx;
    notify_ctx_init (&ctx, self->store, self->settings, txn, arena, "check", 0);
    rc = notify_check_run (&ctx);
    if (rc)
        mdb_txn_abort (txn);
    else
        rc = mdb_txn_commit (txn);
    if (rc)
        zsys_error ("notify: check failed: %s", mdb_strerror (rc));
    else
    if (ctx.raised)
        zsys_info ("notify: check raised %u notifications", ctx.raised);
}

//  The timer: a round at once (once caught up), then every check_interval_ms.
static void
s_timer_actor (zsock_t *pipe, void *args)
{
    notify_timer_t *self = args;
    pps_arena_t *arena = pps_arena_new ();
    zpoller_t *poller = pps_actor_poller (pipe, NULL);
    zsock_signal (pipe, 0);
    bool synced = false;
    while (true) {
        if (!synced && !zsys_interrupted)
            synced = pps_subscriber_sync (self->subscriber, FIRST_SYNC_MS) == 0;
        if (synced)
            s_round (self, arena);
        int64_t wait = synced ? self->settings->check_interval_ms : FIRST_RETRY_MS;
        void *which = zpoller_wait (poller, (int) (wait < INT32_MAX ? wait : INT32_MAX));
        if (which == pipe) {
            char *command = zstr_recv (pipe);
            bool stop = !command || streq (command, "$TERM");
            zstr_free (&command);
            if (stop)
                break;
        }
        else
        if (zpoller_terminated (poller))
            break;
    }
    zpoller_destroy (&poller);
    pps_arena_destroy (&arena);
}

notify_timer_t *
notify_timer_new (pps_store_t *store, const notify_settings_t *settings,
                  pps_subscriber_t *subscriber)
{
    notify_timer_t *self = calloc (1, sizeof (notify_timer_t));
    assert (self);
    self->store = store;
    self->settings = settings;
    self->subscriber = subscriber;
    self->actor = pps_actor_new (s_timer_actor, self);
    if (!self->actor) {
        free (self);
        return NULL;
    }
    return self;
}

void
notify_timer_destroy (notify_timer_t **self_p)
{
    notify_timer_t *self = *self_p;
    if (!self)
        return;
    zactor_destroy (&self->actor);
    free (self);
    *self_p = NULL;
}
