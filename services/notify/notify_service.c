/*  notify_service: the notify service as the runtime sees it, and the
    actors it runs beside its requests: the subscriber that follows the
    registry (and raises notifications in the same transactions), the
    check's timer, the steps' actor that follows the projects service's
    plans, and one sender per configured channel.  */
#include "notify_service.h"

#include <czmq.h>

static const char *const s_databases [] = {
    //  The read model (notify_model.h)
    "regions", "establishments", "persons", "designations", "committees", "idx_scope",
    //  Vacancies followed (notify_vacancy.c)
    "vacancies",
    //  Notifications and their outbox (notify_raise.c)
    "notifications", "dedup", "deliveries", "idx_deliveries", "pending", "failed",
    //  Plans followed from the projects service (notify_steps.c)
    "plans", "projects",
    NULL
};

static const pps_op_t s_operations [] = {
    NOTIFY_OPERATIONS (PPS_OP_ENTRY, notify)
};

static const char *const s_topics [] = { NOTIFY_TOPICS, NULL };

//  Read the settings and start the subscriber, the timer and the senders.
static void *
s_notify_create (pps_store_t *store, pps_config_t *config)
{
    notify_t *self = calloc (1, sizeof (notify_t));
    assert (self);
    self->store = store;
    self->config = config;
    char error [512];
    if (notify_settings_load (&self->settings, config, error, sizeof error)) {
        zsys_error ("notify: configuration: %s", error);
        notify_settings_free (&self->settings);
        free (self);
        return NULL;
    }
    self->model.store = store;
    self->model.settings = &self->settings;
    self->model.arena = pps_arena_new ();
    self->subscriber = pps_subscriber_new (config, store, notify_model_sources,
                                           notify_model_apply, &self->model);
    if (!self->subscriber)
        goto fail;
    self->timer = notify_timer_new (store, &self->settings, self->subscriber);
    if (!self->timer)
        goto fail;
    self->steps = notify_steps_new (store, config, &self->settings);
    if (!self->steps)
        goto fail;
    if (self->settings.smtp_url
    &&  !(self->senders [0] = notify_sender_new (store, &self->settings, NOTIFY__CHANNEL__EMAIL)))
        goto fail;
    if (self->settings.webhook_url
    &&  !(self->senders [1] = notify_sender_new (store, &self->settings, NOTIFY__CHANNEL__WEBHOOK)))
        goto fail;
    zsys_info ("notify: region %s, %zu rules, e-mail %s, webhook %s", self->settings.region,
               self->settings.rule_count, self->settings.smtp_url ? "on" : "off",
               self->settings.webhook_url ? "on" : "off");
    return self;
fail:
    {
        void *partial = self;
        notify_service.destroy (&partial);
    }
    return NULL;
}

//  Stop every actor and free the state; sets *self_p to NULL.
static void
s_notify_destroy (void **self_p)
{
    notify_t *self = *self_p;
    if (!self)
        return;
    //  Senders first: they stop at once when told, an exchange in flight stays PENDING
    notify_sender_destroy (&self->senders [0]);
    notify_sender_destroy (&self->senders [1]);
    notify_timer_destroy (&self->timer);
    notify_steps_destroy (&self->steps);
    pps_subscriber_destroy (&self->subscriber);
    pps_arena_destroy (&self->model.arena);
    notify_settings_free (&self->settings);
    free (self);
    *self_p = NULL;
}

//  Entries of a database, 0 when it cannot be read.
static double
s_entries (notify_t *self, MDB_txn *txn, const char *db)
{
    MDB_stat stat;
    return mdb_stat (txn, pps_store_dbi (self->store, db), &stat) ? 0 : (double) stat.ms_entries;
}

//  The service's gauges: outbox, vacancies, last errors, subscriber lag.
static void
s_notify_status (void *instance, pps_arena_t *arena, Pps__ServiceStatus *status)
{
    notify_t *self = instance;
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn) == 0) {
        pps_status_gauge (arena, status, "notifications", "", s_entries (self, txn, "notifications"),
                          NULL);
        pps_status_gauge (arena, status, "deliveries_pending", "", s_entries (self, txn, "pending"),
                          NULL);
        pps_status_gauge (arena, status, "deliveries_failed", "", s_entries (self, txn, "failed"),
                          NULL);
        pps_status_gauge (arena, status, "vacancies_open", "", s_entries (self, txn, "vacancies"),
                          NULL);
        pps_status_gauge (arena, status, "plans", "", s_entries (self, txn, "plans"), NULL);
        mdb_txn_abort (txn);
    }
    const char *channels [2] = { "email", "webhook" };
    for (size_t index = 0; index < 2; index++) {
        if (!self->senders [index])
            continue;
        char error [512];
        notify_sender_last_error (self->senders [index], error, sizeof error);
        pps_status_gauge (arena, status, "last_error", channels [index], 0,
                          pps_arena_strdup (arena, error));
    }
    pps_status_gauge (arena, status, "subscriber_lag", "registry",
                      (double) pps_subscriber_lag (self->subscriber, "registry"), NULL);
    pps_status_gauge (arena, status, "subscriber_lag", "projects",
                      (double) notify_steps_lag (self->steps), NULL);
}

const pps_service_t notify_service = {
    .name = "notify",
    .schema_version = NOTIFY_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &notify__notify_request__descriptor,
    .reply = &notify__notify_reply__descriptor,
    .event = &notify__notify_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .topics = s_topics,
    .create = s_notify_create,
    .destroy = s_notify_destroy,
    .status = s_notify_status,
};
