/*  indicators_service: the indicators service as the runtime sees it, and
    the pieces it runs beside its requests: the subscriber that feeds the
    read model, the peers it asks how far the sources have gone, and the
    outbox actor that pushes finalised bilans to the national service.  */
#include "indicators_service.h"

#include <czmq.h>
#include "indicators_model.h"

static const char *const s_databases [] = { "records", "bilans", "outbox", NULL };

static const pps_op_t s_operations [] = {
    INDICATORS_OPERATIONS (PPS_OP_ENTRY, indicators)
};

static const char *const s_topics [] = { INDICATORS_TOPICS, NULL };

static void *
s_indicators_create (pps_store_t *store, pps_config_t *config)
{
    indicators_t *self = calloc (1, sizeof (indicators_t));
    assert (self);
    self->store = store;
    self->config = config;
    size_t count = 0;
    for (const char *const *source = indicators_model_sources; *source; source++, count++) {
        self->peers [count] = pps_peer_new (config, *source, &pps__common_reply__descriptor, 1000);
        if (!self->peers [count])
            goto fail;
    }
    self->subscriber = pps_subscriber_new (config, store, indicators_model_sources,
                                           indicators_model_apply, store);
    if (!self->subscriber)
        goto fail;
    self->outbox = indicators_outbox_new (store, config, &indicators_service);
    if (!self->outbox)
        goto fail;
    return self;
fail:
    {
        void *partial = self;
        indicators_service.destroy (&partial);
    }
    return NULL;
}

static void
s_indicators_destroy (void **self_p)
{
    indicators_t *self = *self_p;
    if (!self)
        return;
    //  First the outbox: it may be sending, and stops at once when told
    indicators_outbox_destroy (&self->outbox);
    pps_subscriber_destroy (&self->subscriber);
    for (size_t index = 0; index < INDICATORS_SOURCES_MAX; index++)
        pps_peer_destroy (&self->peers [index]);
    free (self);
    *self_p = NULL;
}

//  Status gauges: how far the read model is behind each source, and the
//  outbox's depth and last error (what an operator watches).
static void
s_indicators_status (void *self_pointer, pps_arena_t *arena, Pps__ServiceStatus *status)
{
    indicators_t *self = self_pointer;
    for (const char *const *source = indicators_model_sources; *source; source++)
        pps_status_gauge (arena, status, "subscriber_lag", *source,
                          (double) pps_subscriber_lag (self->subscriber, *source), NULL);
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn))
        return;
    size_t pending = 0, stuck = 0;
    int64_t last_attempt = 0;
    const char *last_error = "";
    MDB_cursor *cursor;
    if (mdb_cursor_open (txn, pps_store_dbi (self->store, "outbox"), &cursor) == 0) {
        MDB_val key, data;
        int rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
        while (rc == 0) {
            Indicators__OutboxEntry *entry = (Indicators__OutboxEntry *) pps_arena_unpack (
                arena, &indicators__outbox_entry__descriptor, data.mv_data, data.mv_size);
            if (entry) {
                pending += entry->state == INDICATORS__OUTBOX_STATE__PENDING;
                stuck += entry->state == INDICATORS__OUTBOX_STATE__NEEDS_OPERATOR;
                if (*entry->last_error && entry->last_attempt_ms >= last_attempt) {
                    last_attempt = entry->last_attempt_ms;
                    last_error = entry->last_error;
                }
            }
            rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
        }
        mdb_cursor_close (cursor);
    }
    mdb_txn_abort (txn);
    pps_status_gauge (arena, status, "outbox_pending", "", (double) pending, NULL);
    pps_status_gauge (arena, status, "outbox_needs_operator", "", (double) stuck, NULL);
    pps_status_gauge (arena, status, "outbox_last_error", "", 0, last_error);
}

const pps_service_t indicators_service = {
    .name = "indicators",
    .schema_version = INDICATORS_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &indicators__indicators_request__descriptor,
    .reply = &indicators__indicators_reply__descriptor,
    .event = &indicators__indicators_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .topics = s_topics,
    .create = s_indicators_create,
    .destroy = s_indicators_destroy,
    .status = s_indicators_status,
};
