/*  notify_sender: the actors that deliver notifications, one per channel
    (e-mail, webhook), so that a dead SMTP server never delays a webhook.

    Each looks for due PENDING deliveries of its channel every
    notify/poll_ms, reads the delivery and its notification in a read
    transaction, closes it, sends with libcurl, then records the outcome at
    once in one write transaction (with its event "delivery.sent",
    "delivery.retried" or "delivery.failed"):

        SMTP 250 after DATA, HTTP 2xx     SENT
        SMTP 5xx, HTTP 4xx (not 408/425/429), our own settings
                                          FAILED at once
        anything else, no answer          attempts + 1, retried after
                                          notify_rules_backoff; FAILED after
                                          notify/max_attempts

    Exactly once, honestly: a delivery is written SENT right after the
    server's acceptance, so a crash between the two (a window of one
    LMDB commit) sends it again on restart. The resend carries the same
    Message-ID (e-mail) or Idempotency-Key header (webhook), both derived
    from the delivery, so a receiver that keeps them drops the repeat: it
    is at-least-once delivery with an idempotency key.
*/
#ifndef NOTIFY_SENDER_H_INCLUDED
#define NOTIFY_SENDER_H_INCLUDED

#include <curl/curl.h>
#include "notify.h"
#include "notify_rules.h"

typedef struct _notify_sender_t notify_sender_t;

//  Start the actor delivering channel's deliveries from store. settings
//  must outlive it. Returns NULL when it cannot start.
//  Caller owns return value and must destroy it.
notify_sender_t *notify_sender_new (pps_store_t *store, const notify_settings_t *settings,
                                    Notify__Channel channel);

//  Stop the actor (an exchange in flight is abandoned and stays PENDING);
//  sets *self_p to NULL.
void notify_sender_destroy (notify_sender_t **self_p);

//  The last failed attempt's error ("" when none) into buffer; safe from
//  any thread.
void notify_sender_last_error (notify_sender_t *self, char *buffer, size_t size);

//  ---------------------------------------------------------------- channels

//  Asked while an exchange runs: true abandons it at once.
typedef bool (notify_stop_fn) (void *arg);

//  One attempt and its outcome.
typedef struct {
    notify_verdict_t verdict;
    bool abandoned;                   //  Stopped on request: record nothing
    long code;                        //  SMTP reply code or HTTP status, 0 = none
    char error [512];                 //  "" when sent
} notify_attempt_t;

//  The RFC 5322 message of an e-mail delivery (CRLF line ends, UTF-8 text
//  as quoted-printable, Message-ID <message_key@domain of mail_from>).
//  Caller owns return value and must free it.
char *notify_mail_message (const notify_settings_t *settings,
                           const Notify__Notification *notification,
                           const Notify__Delivery *delivery);

//  Send message to the delivery's recipient over settings->smtp_url with
//  curl, a handle the caller keeps from one delivery to the next: its
//  connection stays open, so the exchange ends at the server's 250 (no
//  QUIT round trip before the outcome is recorded).
void notify_mail_send (CURL *curl, const notify_settings_t *settings,
                       const Notify__Delivery *delivery,
                       const char *message, notify_stop_fn *stop, void *stop_arg,
                       notify_attempt_t *attempt);

//  A header value as is when it is printable ASCII, else as RFC 2047
//  encoded words (UTF-8, base64), folded. Caller owns return value.
char *notify_mail_header_value (const char *text);

//  text as quoted-printable with CRLF line ends and lines of at most 76
//  characters. Caller owns return value.
char *notify_mail_quoted_printable (const char *text);

//  The JSON document POSTed for a webhook delivery. Caller owns return value.
char *notify_webhook_document (const Notify__Notification *notification,
                               const Notify__Delivery *delivery);

//  POST document to the delivery's URL with its Idempotency-Key, with
//  curl, a handle the caller keeps (keep-alive).
void notify_webhook_post (CURL *curl, const notify_settings_t *settings,
                          const Notify__Delivery *delivery,
                          const char *document, notify_stop_fn *stop, void *stop_arg,
                          notify_attempt_t *attempt);

#endif
