/*  notify_steps: the rétroplanning's reminders. The projects service's
    events bring every planned session (SessionPlan, with its steps, due
    dates, responsible and states) and the projects' titles into notify's
    read model; each plan event, and each round of the steps' check, raises
    the reminders now due:

        STEP_DUE       a step to do falls due within step_due_within_days
        STEP_OVERDUE   a step to do is past its due date (by at most
                       step_overdue_max_days)

    Once per step, threshold, due date and responsible person: each step's
    dedup key is "step_due:<plan>:<step>:<due>:<person>" (or step_overdue:),
    kept with the notification, so neither a repeated round nor a restart
    tells it twice; a step done or not applicable is no longer to do, so it
    is not told again; a session moved gives its steps new due dates, told
    anew; a step given to another person tells the newcomer, once. The
    steps that cross a threshold together are told in one notification per
    responsible person, not one e-mail per step.

    Databases:
        plans       key: id      Projects.SessionPlan (as last told)
        projects    key: id      Projects.Project (id, title, place, status)

    The steps' check runs in an actor of its own, beside the registry's: it
    starts following the projects service once it answers (a notify
    without a projects service beside it waits, and costs nothing), runs a
    first round once caught up, then every check_interval_ms.  */
#include "notify_service.h"
#include "pps_actor.h"
#include "notify_rules.h"

#include <czmq.h>
#include <stdatomic.h>
#include "pps_client.h"

#define PROBE_MS         300          //  How long the projects service may take to answer a probe
#define PROBE_EVERY_MS   2000         //  Probes while it does not answer
#define FIRST_SYNC_MS    1000         //  One try at catching up before the first round
#define FIRST_RETRY_MS   500

//  ---------------------------------------------------------------- read model

//  A project as the reminders need it: who it is, not its whole sheet.
static int
s_on_project (notify_ctx_t *ctx, const Projects__Project *project)
{
    Projects__Project *kept = (Projects__Project *)
        pps_arena_message (ctx->arena, &projects__project__descriptor);
    kept->id = project->id;
    kept->title = project->title;
    kept->establishment_id = project->establishment_id;
    kept->region_code = project->region_code;
    kept->status = project->status;
    return pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "projects"), kept->id,
                             &kept->base);
}

int
notify_steps_apply (notify_ctx_t *ctx, const uint8_t *event, size_t size)
{
    Projects__ProjectsEvent *decoded = (Projects__ProjectsEvent *) pps_arena_unpack (
        ctx->arena, &projects__projects_event__descriptor, event, size);
    if (!decoded) {
        zsys_warning ("notify: projects event %llu does not decode; skipped",
                      (unsigned long long) ctx->seq);
        return 0;
    }
    //  Replaying an old history (a first start) keeps the plans, tells nobody
    ctx->quiet = decoded->time_ms < ctx->now_ms - ctx->settings->max_event_age_ms;
    switch (decoded->change_case) {
        case PROJECTS__PROJECTS_EVENT__CHANGE_PLAN: {
            int rc = pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "plans"),
                                       decoded->plan->id, &decoded->plan->base);
            return rc ? rc : notify_steps_plan (ctx, decoded->plan);
        }
        case PROJECTS__PROJECTS_EVENT__CHANGE_PROJECT:
            return s_on_project (ctx, decoded->project);
        default:
            return 0;               //  Nothing the reminders need
    }
}

//  ---------------------------------------------------------------- reminders

//  The steps one person (0: nobody named) is reminded of at one threshold.
typedef struct {
    uint64_t person;
    Notify__StepReminder **steps;
    size_t count;
    char **keys;                      //  Each step's dedup key
    size_t key_count;
} group_t;

//  Raise one notification of kind for a group of a plan's steps; every
//  step's dedup key then points at it.
static int
s_raise_group (notify_ctx_t *ctx, const Projects__SessionPlan *plan, Notify__NotificationKind kind,
               const group_t *group)
{
    Notify__Notification *notification = (Notify__Notification *)
        pps_arena_message (ctx->arena, &notify__notification__descriptor);
    notification->kind = kind;
    notification->region_code = plan->region_code;
    notification->establishment_id = plan->establishment_id;
    notification->person_id = group->person;
    notification->plan_id = plan->id;
    notification->project_id = plan->project_id;
    notification->session_date = plan->date;
    notification->steps = group->steps;
    notification->n_steps = group->count;
    notification->date = group->steps [0]->due;      //  The plan's steps come by due date
    Projects__Project *project;
    int rc = pps_store_get_id (ctx->txn, pps_store_dbi (ctx->store, "projects"), plan->project_id,
                               &projects__project__descriptor, ctx->arena,
                               (ProtobufCMessage **) &project);
    if (rc == 0)
        notification->project_title = project->title;
    else
    if (rc != MDB_NOTFOUND)
        return rc;
    notification->dedup_key = group->keys [0];
    if ((rc = notify_raise (ctx, notification, NULL)))
        return rc;
    for (size_t index = 1; notification->id && index < group->key_count; index++)
        if ((rc = notify_dedup_add (ctx, group->keys [index], notification->id)))
            return rc;
    return 0;
}

int
notify_steps_plan (notify_ctx_t *ctx, const Projects__SessionPlan *plan)
{
    const notify_settings_t *settings = ctx->settings;
    if (ctx->quiet || plan->state != PROJECTS__PLAN_STATE__SCHEDULED
    ||  !streq (plan->region_code, settings->region) || plan->n_steps == 0)
        return 0;
    const Notify__NotificationKind kinds [2] = { NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE,
                                                 NOTIFY__NOTIFICATION_KIND__STEP_DUE };
    int rc = 0;
    for (size_t pass = 0; !rc && pass < 2; pass++) {
        group_t *groups = pps_arena_alloc (ctx->arena, plan->n_steps * sizeof *groups);
        size_t group_count = 0;
        for (size_t index = 0; !rc && index < plan->n_steps; index++) {
            const Projects__PlanStep *step = plan->steps [index];
            if (step->state != PROJECTS__STEP_STATE__TO_DO
            ||  notify_rules_step_reminder (step->due, &ctx->today, settings->step_due_within_days,
                                            settings->step_overdue_max_days)
                != (int) kinds [pass])
                continue;
            char *key = pps_arena_printf (
                ctx->arena, "%s:%llu:%s:%d:%llu",
                kinds [pass] == NOTIFY__NOTIFICATION_KIND__STEP_DUE ? "step_due" : "step_overdue",
                (unsigned long long) plan->id, step->key, pps_date_ordinal (step->due),
                (unsigned long long) step->responsible_person_id);
            if (notify_dedup_seen (ctx, key, &rc) || rc)
                continue;
            group_t *group = NULL;
            for (size_t at = 0; at < group_count && !group; at++)
                if (groups [at].person == step->responsible_person_id)
                    group = &groups [at];
            if (!group) {
                group = &groups [group_count++];
                group->person = step->responsible_person_id;
            }
            Notify__StepReminder *reminder = (Notify__StepReminder *)
                pps_arena_message (ctx->arena, &notify__step_reminder__descriptor);
            reminder->key = step->key;
            reminder->label = step->label;
            reminder->due = step->due;
            reminder->responsible_organisation = step->responsible_organisation;
            pps_arena_push (ctx->arena, (void ***) &group->steps, &group->count, reminder);
            pps_arena_push (ctx->arena, (void ***) &group->keys, &group->key_count, key);
        }
        for (size_t at = 0; !rc && at < group_count; at++)
            rc = s_raise_group (ctx, plan, kinds [pass], &groups [at]);
    }
    return rc;
}

typedef struct {
    const char *region;
    pps_arena_t *arena;
    void **items;
    size_t count;
} plan_scan_t;

//  Keep the region's scheduled plans.
static int
s_collect_plan (ProtobufCMessage *record, void *arg)
{
    plan_scan_t *scan = arg;
    Projects__SessionPlan *plan = (Projects__SessionPlan *) record;
    if (plan->state == PROJECTS__PLAN_STATE__SCHEDULED && streq (plan->region_code, scan->region))
        pps_arena_push (scan->arena, &scan->items, &scan->count, record);
    return 0;
}

int
notify_steps_check (notify_ctx_t *ctx, uint32_t *followed_p)
{
    //  Collected first: raising writes while no cursor is open on plans
    plan_scan_t scan = { ctx->settings->region, ctx->arena, NULL, 0 };
    int rc = pps_store_each (ctx->txn, pps_store_dbi (ctx->store, "plans"),
                             &projects__session_plan__descriptor, ctx->arena, s_collect_plan,
                             &scan);
    for (size_t index = 0; !rc && index < scan.count; index++)
        rc = notify_steps_plan (ctx, scan.items [index]);
    if (followed_p)
        *followed_p = (uint32_t) scan.count;
    return rc;
}

//  ---------------------------------------------------------------- actor

struct _notify_steps_t {
    zactor_t *actor;
    pps_store_t *store;
    pps_config_t *config;
    const notify_settings_t *settings;
    notify_model_t model;                     //  The subscriber's apply argument
    _Atomic (pps_subscriber_t *) subscriber;  //  Set once by the actor, read by status
};

//  True when the projects service answers ServiceStatus within PROBE_MS.
static bool
s_probe (pps_client_t *client, pps_arena_t *arena)
{
    Pps__ServiceStatusRequest status = PPS__SERVICE_STATUS_REQUEST__INIT;
    Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
    char request_id [33];
    request.request_id = pps_client_new_request_id (request_id);
    request.actor = "notify";
    request.op_case = PPS__COMMON_REQUEST__OP_SERVICE_STATUS;
    request.service_status = &status;
    ProtobufCMessage *reply = NULL;
    bool up = pps_client_call (client, &request.base, &pps__common_reply__descriptor, arena,
                               &reply) == 0;
    pps_arena_reset (arena);
    return up;
}

//  One round of the steps' check in a write transaction of its own.
static void
s_round (notify_steps_t *self, pps_arena_t *arena)
{
    pps_arena_reset (arena);
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        zsys_error ("notify: steps: cannot begin: %s", mdb_strerror (rc));
        return;
    }
    notify_ctx_t ctx;
    notify_ctx_init (&ctx, self->store, self->settings, txn, arena, "check", 0);
    rc = notify_steps_check (&ctx, NULL);
    if (rc)
        mdb_txn_abort (txn);
    else
        rc = mdb_txn_commit (txn);
    if (rc)
        zsys_error ("notify: steps' check failed: %s", mdb_strerror (rc));
    else
    if (ctx.raised)
        zsys_info ("notify: steps' check raised %u notifications", ctx.raised);
}

//  Probe the projects service until it answers, then follow it; once caught
//  up, a round at once and then every check_interval_ms.
static void
s_steps_actor (zsock_t *pipe, void *args)
{
    notify_steps_t *self = args;
    pps_arena_t *arena = pps_arena_new ();
    pps_client_t *probe = pps_client_new (pps_config_endpoint (self->config, "projects"),
                                          PROBE_MS, 1);
    zpoller_t *poller = pps_actor_poller (pipe, NULL);
    zsock_signal (pipe, 0);
    static const char *const sources [] = { "projects", NULL };
    pps_subscriber_t *subscriber = NULL;
    bool synced = false;
    while (true) {
        if (!subscriber && probe && !zsys_interrupted && s_probe (probe, arena)) {
            subscriber = pps_subscriber_new (self->config, self->store, sources,
                                             notify_model_apply, &self->model);
            atomic_store (&self->subscriber, subscriber);
            if (subscriber)
                zsys_info ("notify: following the projects service's plans");
        }
        if (subscriber && !synced)
            synced = pps_subscriber_sync (subscriber, FIRST_SYNC_MS) == 0;
        if (synced)
            s_round (self, arena);
        int64_t wait = synced ? self->settings->check_interval_ms
                     : subscriber ? FIRST_RETRY_MS : PROBE_EVERY_MS;
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
    pps_client_destroy (&probe);
    pps_arena_destroy (&arena);
}

notify_steps_t *
notify_steps_new (pps_store_t *store, pps_config_t *config, const notify_settings_t *settings)
{
    notify_steps_t *self = calloc (1, sizeof (notify_steps_t));
    assert (self);
    self->store = store;
    self->config = config;
    self->settings = settings;
    self->model.store = store;
    self->model.settings = settings;
    self->model.arena = pps_arena_new ();
    atomic_init (&self->subscriber, NULL);
    self->actor = pps_actor_new (s_steps_actor, self);
    if (!self->actor) {
        pps_arena_destroy (&self->model.arena);
        free (self);
        return NULL;
    }
    return self;
}

void
notify_steps_destroy (notify_steps_t **self_p)
{
    notify_steps_t *self = *self_p;
    if (!self)
        return;
    //  The actor first: it may be waiting on the subscriber (a sync)
    zactor_destroy (&self->actor);
    pps_subscriber_t *subscriber = atomic_exchange (&self->subscriber, NULL);
    pps_subscriber_destroy (&subscriber);
    pps_arena_destroy (&self->model.arena);
    free (self);
    *self_p = NULL;
}

uint64_t
notify_steps_lag (notify_steps_t *self)
{
    pps_subscriber_t *subscriber = atomic_load (&self->subscriber);
    return subscriber ? pps_subscriber_lag (subscriber, "projects") : 0;
}
