/*  notify_service: the service's state and its handlers.  */
#ifndef NOTIFY_SERVICE_H_INCLUDED
#define NOTIFY_SERVICE_H_INCLUDED

#include "notify.h"
#include "notify_model.h"
#include "notify_sender.h"
#include "pps_subscriber.h"
#include "notify_operations.h"

typedef struct _notify_timer_t notify_timer_t;
typedef struct _notify_steps_t notify_steps_t;

typedef struct {
    pps_store_t *store;
    pps_config_t *config;
    notify_settings_t settings;               //  Read once at start
    notify_model_t model;                     //  The subscriber's apply argument
    pps_subscriber_t *subscriber;             //  Follows the registry
    notify_timer_t *timer;                    //  Runs the periodic check
    notify_steps_t *steps;                    //  Follows the projects service, reminds steps
    notify_sender_t *senders [2];             //  E-mail, webhook (NULL when not configured)
} notify_t;

NOTIFY_OPERATIONS (PPS_OP_DECLARE, notify)

//  Start the actor that runs the check every settings->check_interval_ms,
//  the first time once the subscriber has caught up with the registry
//  (so that a half-applied history does not look like turnover). Returns
//  NULL when the actor cannot start. Caller owns return value.
notify_timer_t *notify_timer_new (pps_store_t *store, const notify_settings_t *settings,
                                  pps_subscriber_t *subscriber);

//  Stop the actor; sets *self_p to NULL.
void notify_timer_destroy (notify_timer_t **self_p);

//  Start the actor that follows the projects service's plans (once it
//  answers) and runs the steps' check every settings->check_interval_ms,
//  the first time once caught up (notify_steps.c). Returns NULL when the
//  actor cannot start. Caller owns return value.
notify_steps_t *notify_steps_new (pps_store_t *store, pps_config_t *config,
                                  const notify_settings_t *settings);

//  Stop the actor and the subscriber; sets *self_p to NULL.
void notify_steps_destroy (notify_steps_t **self_p);

//  How far behind the projects service the plans are (0 when unknown).
uint64_t notify_steps_lag (notify_steps_t *self);

#endif
