/*  indicators_outbox_http: one POST of a bilan to the national service and
    the rules that say what its answer means; the outbox actor
    (indicators_outbox.c) calls it with no LMDB transaction open.

    Configuration keys: see indicators_outbox.h.
*/
#ifndef INDICATORS_OUTBOX_HTTP_H_INCLUDED
#define INDICATORS_OUTBOX_HTTP_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include "pps_config.h"

//  What the outbox reads from the configuration, once, at start.
typedef struct {
    char *url;                    //  <national/url>/api/v1/bilans
    char *token;                  //  indicators/national_token, or NULL
    char *token_file;             //  indicators/national_token_file, or NULL
    char *ca_file;                //  indicators/ca_file, or NULL
    bool allow_plain_http;        //  indicators/allow_plain_http = 1
    int64_t poll_ms;              //  indicators/outbox_poll_ms
    int64_t retry_base_ms;        //  indicators/retry_base_ms
    int64_t retry_max_ms;         //  indicators/retry_max_ms
} indicators_outbox_settings_t;

//  What one POST's answer means for the entry.
typedef enum {
    INDICATORS_OUTBOX_DELIVERED,      //  201 or 200
    INDICATORS_OUTBOX_REFUSED,        //  400 401 403 409 413: an operator must act
    INDICATORS_OUTBOX_RETRY           //  Anything else: try again later
} indicators_outbox_verdict_t;

//  One attempt and its outcome.
typedef struct {
    indicators_outbox_verdict_t verdict;
    bool configuration;           //  Refused here, before sending: our own settings
    bool abandoned;               //  Stopped on request: record nothing
    long http_status;             //  0 when no answer
    char error [512];             //  For the entry's last_error, "" when delivered
} indicators_outbox_attempt_t;

//  Fill settings from config (defaults for what is absent or out of range).
void indicators_outbox_settings_load (indicators_outbox_settings_t *self, pps_config_t *config);

//  Free what settings hold (the token is wiped first).
void indicators_outbox_settings_free (indicators_outbox_settings_t *self);

//  Asked while the exchange runs: true abandons it at once.
typedef bool (indicators_outbox_stop_fn) (void *arg);

//  POST document (a bilan's JSON) under idempotency key with the bearer
//  token, and say in attempt what came of it. Plain http:// is refused
//  unless allowed; https:// verifies the certificate and the host name.
//  Connect timeout 5 s, total 20 s; stop is asked every few ms meanwhile.
void indicators_outbox_post (const indicators_outbox_settings_t *settings, const char *key,
                             const char *document, indicators_outbox_stop_fn *stop,
                             void *stop_arg, indicators_outbox_attempt_t *attempt);

//  The verdict for an HTTP status (0 = no answer).
indicators_outbox_verdict_t indicators_outbox_verdict (long http_status);

//  Delay before the next attempt after `attempts` failed ones: base * 2^(attempts-1)
//  capped at max, then jittered into [delay/2, delay] by random (any 32-bit value).
int64_t indicators_outbox_backoff (int64_t base_ms, int64_t max_ms, uint32_t attempts,
                                   uint32_t random);

//  A short reason out of a national answer's body (its "field" and
//  "message", else its first conflict, else the text itself) into buffer,
//  printable characters only.
char *indicators_outbox_reason (const char *body, size_t size, char *buffer, size_t buffer_size);

#endif
