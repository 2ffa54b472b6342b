/*  notify: the service that tells operators of referent turnover the day it
    happens, and reminds the people responsible of the rétroplanning steps
    of planned sessions. It follows the registry's and the projects
    service's events with the catch-up subscriber (nothing missed while it
    was down, nothing applied twice), keeps its own read model of what it
    needs, and in the same transaction as each event raises Notifications
    and queues one Delivery per recipient and channel. Senders (one actor
    per channel) deliver them by e-mail (SMTP) and webhook (HTTP POST) with
    retries; a periodic check raises reminders of posts still empty,
    notices of ends of mandate coming and reminders of steps due or overdue.

        notify_service.c     the service: databases, op table, actors, status
        notify_settings.c    the configuration, rules of who is told
        notify_rules.c       pure rules: post states, reminders, verdicts
        notify_model.c       the read model fed by the registry's events
        notify_vacancy.c     posts found empty, opened and closed
        notify_raise.c       a notification, its recipients and deliveries
        notify_text.c        French subjects and texts
        notify_check.c       the periodic check and its actor
        notify_steps.c       plans followed from the projects service, step reminders
        notify_sender.c      the delivery actors (one per channel)
        notify_mail.c        RFC 5322 message and SMTP with libcurl
        notify_webhook.c     JSON document and HTTP POST with libcurl
        notify_ops.c         the operations (list, get, retry...)
*/
#ifndef NOTIFY_H_INCLUDED
#define NOTIFY_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_date.h"
#include "notify.pb-c.h"
#include "registry.pb-c.h"
#include "projects.pb-c.h"
#include "notify_settings.h"

#define NOTIFY_SCHEMA_VERSION 1

extern const pps_service_t notify_service;

//  One write transaction that may raise notifications: an event applied by
//  the subscriber, a round of the check, or the run_check operation.
typedef struct {
    pps_store_t *store;
    const notify_settings_t *settings;
    MDB_txn *txn;
    pps_arena_t *arena;               //  Records read and built; lives as long as the txn's work
    int64_t now_ms;
    Pps__Date today;                  //  UTC
    const char *source;               //  "registry", "projects" or "check"
    uint64_t seq;                     //  The event's seq; 0 for the check
    bool quiet;                       //  Keep the state, raise nothing (an old event)
    uint32_t raised;                  //  Notifications raised in this transaction
} notify_ctx_t;

//  Prepare a context for txn at the current time.
void notify_ctx_init (notify_ctx_t *ctx, pps_store_t *store, const notify_settings_t *settings,
                      MDB_txn *txn, pps_arena_t *arena, const char *source, uint64_t seq);

//  ---------------------------------------------------------------- read model
//  (notify_model.c) The records the registry's events brought.

//  The record with that id from db ("establishments", "persons",
//  "designations", "committees") into the context's arena. Returns 0,
//  MDB_NOTFOUND or another LMDB code.
int notify_model_get (notify_ctx_t *ctx, const char *db, uint64_t id,
                      const ProtobufCMessageDescriptor *descriptor, void *record_p);

//  Every designation of a scope (establishment_id 0: the region's own
//  posts), in id order, into an array in the arena. Returns 0 or an LMDB code.
int notify_model_scope (notify_ctx_t *ctx, const char *region_code, uint64_t establishment_id,
                        Registry__Designation ***items_p, size_t *count_p);

//  Raise DESIGNATION_ENDING for designation when its planned end is
//  near (once per designation and end date). Returns 0 or an LMDB code.
int notify_model_ending (notify_ctx_t *ctx, const Registry__Designation *designation);

//  The region record, if the registry has sent it (0, MDB_NOTFOUND...).
int notify_model_region (notify_ctx_t *ctx, const char *region_code, Registry__Region **region_p);

//  ---------------------------------------------------------------- vacancies
//  (notify_vacancy.c)

//  Compare every post of a scope (establishment NULL: the region's) at
//  today with the vacancies stored: open the new ones, close those held
//  again or no longer needed, and raise VACANCY_OPENED / VACANCY_CLOSED
//  when due. Returns 0 or an LMDB code.
int notify_vacancy_sync (notify_ctx_t *ctx, const char *region_code,
                         const Registry__Establishment *establishment);

//  Raise the reminders due for the open vacancies. Returns 0 or an LMDB code.
int notify_vacancy_reminders (notify_ctx_t *ctx);

//  ---------------------------------------------------------------- raising
//  (notify_raise.c)

//  Raise notification unless one with its dedup_key was raised before:
//  give it an id and its texts (note: the designation's end note, or
//  NULL), store it, queue a PENDING delivery per recipient (the rules'
//  e-mail recipients when SMTP is configured, the webhook when it is) and
//  log "notification.raised". Returns 0 (also when already raised) or an
//  LMDB code.
int notify_raise (notify_ctx_t *ctx, Notify__Notification *notification, const char *note);

//  Subject and text of a notification, in French, into its fields
//  (notify_text.c). note is the designation's end note, or NULL.
void notify_text (pps_arena_t *arena, Notify__Notification *notification, const char *note,
                  const Pps__Date *today);

//  French label of a role ("référent de l'unité sanitaire (USMP)").
const char *notify_text_role (int role);

//  Record key as raised by notification_id too (a reminder about several
//  steps keeps one dedup key per step). Returns 0 or an LMDB code.
int notify_dedup_add (notify_ctx_t *ctx, const char *key, uint64_t notification_id);

//  True when a notification was raised under key (0 or an LMDB code in *rc_p).
bool notify_dedup_seen (notify_ctx_t *ctx, const char *key, int *rc_p);

//  ---------------------------------------------------------------- steps
//  (notify_steps.c) Plans followed from the projects service's events.

//  Apply one projects event (source "projects") in ctx's transaction:
//  keep the plan or project it carries, remind the plan's steps now due.
//  Returns 0 or an LMDB code.
int notify_steps_apply (notify_ctx_t *ctx, const uint8_t *event, size_t size);

//  Raise the step reminders due for one plan (once per step, threshold
//  and due date), one notification per responsible person and threshold.
//  Returns 0 or an LMDB code.
int notify_steps_plan (notify_ctx_t *ctx, const Projects__SessionPlan *plan);

//  One round over every scheduled plan of the region. *followed_p (may be
//  NULL) gets how many there are. Returns 0 or an LMDB code.
int notify_steps_check (notify_ctx_t *ctx, uint32_t *followed_p);

//  ---------------------------------------------------------------- check
//  (notify_check.c)

//  One round of the check in ctx's transaction: posts of the region's
//  scopes, reminders, ends of mandate coming. Returns 0 or an LMDB code.
int notify_check_run (notify_ctx_t *ctx);

#endif
