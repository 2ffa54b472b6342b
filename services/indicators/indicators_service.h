/*  indicators_service: the service's state and its handlers.  */
#ifndef INDICATORS_SERVICE_H_INCLUDED
#define INDICATORS_SERVICE_H_INCLUDED

#include "indicators.h"
#include "pps_peer.h"
#include "pps_subscriber.h"
#include "indicators_outbox.h"

#define INDICATORS_SOURCES_MAX 4

typedef struct {
    pps_store_t *store;
    pps_config_t *config;
    pps_subscriber_t *subscriber;                 //  Feeds the read model
    pps_peer_t *peers [INDICATORS_SOURCES_MAX];   //  Asked for their last seq
    indicators_outbox_t *outbox;                  //  Pushes finalised bilans
} indicators_t;

#define INDICATORS_HANDLER(name) \
    int name (void *self, pps_call_t *call, const void *op, ProtobufCMessage **result_p)

INDICATORS_HANDLER (indicators_compute_bilan);
INDICATORS_HANDLER (indicators_finalise_bilan);
INDICATORS_HANDLER (indicators_get_bilan);
INDICATORS_HANDLER (indicators_list_bilans);
INDICATORS_HANDLER (indicators_model_status);
INDICATORS_HANDLER (indicators_export_bilan);      //  indicators_export.c
INDICATORS_HANDLER (indicators_list_outbox);       //  indicators_outbox.c
INDICATORS_HANDLER (indicators_retry_outbox);

#endif
