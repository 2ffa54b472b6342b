/*  indicators_service: the indicators service as the runtime sees it, and
    the pieces it runs beside its requests: the subscriber that feeds the
    read model, the peers it asks how far the sources have gone, and the
    outbox actor that pushes finalised bilans to the national service.  */
#include "indicators_service.h"

#include <czmq.h>
#include "indicators_model.h"

static const char *const s_databases [] = { "records", "bilans", "outbox", NULL };

static const pps_op_t s_operations [] = {
    { INDICATORS__INDICATORS_REQUEST__OP_COMPUTE_BILAN, "compute_bilan", false,
      INDICATORS__INDICATORS_REPLY__RESULT_BILAN, indicators_compute_bilan },
    { INDICATORS__INDICATORS_REQUEST__OP_FINALISE_BILAN, "finalise_bilan", true,
      INDICATORS__INDICATORS_REPLY__RESULT_BILAN, indicators_finalise_bilan },
    { INDICATORS__INDICATORS_REQUEST__OP_GET_BILAN, "get_bilan", false,
      INDICATORS__INDICATORS_REPLY__RESULT_BILAN, indicators_get_bilan },
    { INDICATORS__INDICATORS_REQUEST__OP_LIST_BILANS, "list_bilans", false,
      INDICATORS__INDICATORS_REPLY__RESULT_BILANS, indicators_list_bilans },
    { INDICATORS__INDICATORS_REQUEST__OP_MODEL_STATUS, "model_status", false,
      INDICATORS__INDICATORS_REPLY__RESULT_MODEL, indicators_model_status },
    { INDICATORS__INDICATORS_REQUEST__OP_EXPORT_BILAN, "export_bilan", false,
      INDICATORS__INDICATORS_REPLY__RESULT_EXPORT, indicators_export_bilan },
    { INDICATORS__INDICATORS_REQUEST__OP_LIST_OUTBOX, "list_outbox", false,
      INDICATORS__INDICATORS_REPLY__RESULT_OUTBOX, indicators_list_outbox },
    { INDICATORS__INDICATORS_REQUEST__OP_RETRY_OUTBOX, "retry_outbox", true,
      INDICATORS__INDICATORS_REPLY__RESULT_OUTBOX_ENTRY, indicators_retry_outbox },
};

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

const pps_service_t indicators_service = {
    .name = "indicators",
    .schema_version = INDICATORS_SCHEMA_VERSION,
    .databases = s_databases,
    .request = &indicators__indicators_request__descriptor,
    .reply = &indicators__indicators_reply__descriptor,
    .event = &indicators__indicators_event__descriptor,
    .ops = s_operations,
    .op_count = sizeof (s_operations) / sizeof (s_operations [0]),
    .create = s_indicators_create,
    .destroy = s_indicators_destroy,
};
