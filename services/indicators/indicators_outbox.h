/*  indicators_outbox: the durable outbox that pushes finalised bilans to
    the national service (DESIGN.md section 7, docs/bilan-exports.md).

    The finalise handler writes an OutboxEntry PENDING under "outbox" (key
    "<region>:<year>:<version>") in the same transaction as the bilan. This
    actor, started with the service, looks for due PENDING entries every
    indicators/outbox_poll_ms (default 500) and whenever it is woken, reads
    the stored document in a read transaction, closes it, POSTs it with
    libcurl, then records the outcome in one write transaction:

        201, 200                  entry DELIVERED, bilan ACKNOWLEDGED
        400 401 403 409 413       entry NEEDS_OPERATOR, bilan REJECTED
        anything else, no answer  attempts + 1, next attempt after a backoff
                                  (retry_base_ms * 2^(attempts-1), capped at
                                  retry_max_ms, full jitter in [d/2, d])
        our own configuration     entry NEEDS_OPERATOR (bilan unchanged)

    Each change is logged as an event of the service ("outbox_entry.*",
    "bilan.acknowledged|rejected"). No LMDB transaction is ever held during
    HTTP; a restart resumes from the entries in LMDB.

    Configuration (read once at start):
        national/url                   default http://127.0.0.1:8480 [PPS_NATIONAL_URL]
        indicators/national_token      the region's bearer token
                                       [PPS_INDICATORS_NATIONAL_TOKEN]
        indicators/national_token_file else a file holding it (read at each attempt)
        indicators/allow_plain_http    1 to allow http:// (tests only), default 0
        indicators/ca_file             CA bundle for https://, default the system's
        indicators/outbox_poll_ms      default 500
        indicators/retry_base_ms       default 1000
        indicators/retry_max_ms        default 300000
*/
#ifndef INDICATORS_OUTBOX_H_INCLUDED
#define INDICATORS_OUTBOX_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include "pps_service.h"

typedef struct _indicators_outbox_t indicators_outbox_t;

//  Start the outbox actor over store, reading its settings from config now
//  (the configuration is not used after). service is the indicators
//  service, whose event log receives the outbox's events. Returns NULL when
//  the actor cannot start. Caller owns return value and must destroy it.
indicators_outbox_t *indicators_outbox_new (pps_store_t *store, pps_config_t *config,
                                            const pps_service_t *service);

//  Stop the actor (an HTTP exchange in flight is abandoned, the entry stays
//  PENDING) and free it; sets *self_p to NULL.
void indicators_outbox_destroy (indicators_outbox_t **self_p);

//  Tell the actor that an entry may be due now (after finalise or retry).
//  Never blocks: called from the server actor, inside its transaction; the
//  actor waits for that transaction to end before it looks.
void indicators_outbox_wake (indicators_outbox_t *self);

#endif
