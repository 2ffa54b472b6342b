/*  indicators_service: the service's state and its handlers.  */
#ifndef INDICATORS_SERVICE_H_INCLUDED
#define INDICATORS_SERVICE_H_INCLUDED

#include "indicators.h"
#include "pps_peer.h"
#include "pps_subscriber.h"
#include "indicators_outbox.h"
#include "indicators_operations.h"

#define INDICATORS_SOURCES_MAX 4

typedef struct {
    pps_store_t *store;
    pps_config_t *config;
    pps_subscriber_t *subscriber;                 //  Feeds the read model
    pps_peer_t *peers [INDICATORS_SOURCES_MAX];   //  Asked for their last seq
    indicators_outbox_t *outbox;                  //  Pushes finalised bilans
} indicators_t;

INDICATORS_OPERATIONS (PPS_OP_DECLARE, indicators)

#endif
