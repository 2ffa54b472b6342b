/*  notify_raise: a notification, who is told of it, and one PENDING
    delivery per recipient and channel, all in the caller's transaction.

    Databases:
        notifications   key: id               Notify.Notification
        dedup           key: dedup key        notification id (8 bytes)
        deliveries      key: id               Notify.Delivery
        idx_deliveries  notification id -> delivery ids
        pending         key: channel (1 byte) + delivery id   next attempt ms (8 bytes)
        failed          key: delivery id      (empty)
    The senders read "pending" only, so a round costs what is due, not the
    history. */
#include "notify.h"
#include "notify_raise.h"
#include "notify_rules.h"

#include <czmq.h>

#define RECIPIENTS_MAX 64

typedef struct {
    const char *kind;                 //  "ars_referent", "team"... (a literal: "address")
    const char *address;
} recipient_t;

typedef struct {
    recipient_t items [RECIPIENTS_MAX];
    size_t count;
} recipients_t;

//  ---------------------------------------------------------------- recipients

//  Add an address to the list unless it is there already (case aside).
static void
s_add (recipients_t *list, const char *kind, const char *address)
{
    for (size_t index = 0; index < list->count; index++)
        if (strcasecmp (list->items [index].address, address) == 0)
            return;
    if (list->count < RECIPIENTS_MAX)
        list->items [list->count++] = (recipient_t) { kind, address };
}

//  Note on the notification a recipient nobody could be found for (once).
static void
s_unreached (notify_ctx_t *ctx, Notify__Notification *notification, const char *format,
             const char *kind, const char *detail)
{
    char *text = pps_arena_printf (ctx->arena, format, kind, detail);
    for (size_t index = 0; index < notification->n_unreached; index++)
        if (streq (notification->unreached [index], text))
            return;
    pps_arena_push (ctx->arena, (void ***) &notification->unreached, &notification->n_unreached,
                    text);
}

//  The e-mail of a person for kind, or a note of why there is none.
static int
s_person (notify_ctx_t *ctx, Notify__Notification *notification, recipients_t *list,
          const char *kind, uint64_t person_id)
{
    Registry__Person *person;
    int rc = notify_model_get (ctx, "persons", person_id, &registry__person__descriptor, &person);
    if (rc == MDB_NOTFOUND) {
        s_unreached (ctx, notification, "%s: person %s is unknown", kind,
                     pps_arena_printf (ctx->arena, "%llu", (unsigned long long) person_id));
        return 0;
    }
    if (rc)
        return rc;
    if (notify_address_valid (person->work_email))
        s_add (list, kind, person->work_email);
    else
        s_unreached (ctx, notification, "%s: %s has no valid work e-mail", kind,
                     person->full_name);
    return 0;
}

//  The holders at today of the posts of a scope: of role only_role (0:
//  any role but skip_role), other than skip_person.
static int
s_holders (notify_ctx_t *ctx, Notify__Notification *notification, recipients_t *list,
           const char *kind, uint64_t establishment_id, int only_role, int skip_role,
           uint64_t skip_person)
{
    Registry__Designation **designations;
    size_t count, found = 0;
    int rc = notify_model_scope (ctx, notification->region_code, establishment_id,
                                 &designations, &count);
    for (size_t index = 0; !rc && index < count; index++) {
        const Registry__Designation *designation = designations [index];
        if (!registry_rules_designation_active (designation, &ctx->today)
        ||  (only_role && designation->role != (Registry__ReferentRole) only_role)
        ||  (skip_role && designation->role == (Registry__ReferentRole) skip_role)
        ||  (skip_person && designation->person_id == skip_person))
            continue;
        found++;
        rc = s_person (ctx, notification, list, kind, designation->person_id);
    }
    if (!rc && !found)
        s_unreached (ctx, notification, "%s: %s", kind, "nobody holds the post today");
    return rc;
}

//  True for the reminders of a plan's steps.
static bool
s_is_step (const Notify__Notification *notification)
{
    return notification->kind == NOTIFY__NOTIFICATION_KIND__STEP_DUE
        || notification->kind == NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE;
}

//  Everyone the matching rules name, each address once; a step reminder
//  goes first to the person responsible for its steps, whatever the rules.
static int
s_resolve (notify_ctx_t *ctx, Notify__Notification *notification, recipients_t *list)
{
    const notify_settings_t *settings = ctx->settings;
    int rc = 0;
    bool step = s_is_step (notification);
    if (step && notification->person_id)
        rc = s_person (ctx, notification, list, "responsible", notification->person_id);
    else
    if (step)
        s_unreached (ctx, notification, "%s: %s", "responsible",
                     "nobody is named responsible for these steps");
    for (size_t index = 0; !rc && index < settings->rule_count; index++) {
        const notify_rule_t *rule = &settings->rules [index];
        if (!notify_rule_matches (rule, notification->kind,
                                  step ? NOTIFY_ROLE_PLAN : (int) notification->role,
                                  notification->establishment_id))
            continue;
        for (size_t at = 0; !rc && at < rule->target_count; at++) {
            const notify_target_t *target = &rule->targets [at];
            switch (target->to) {
                case NOTIFY_TO_ARS_REFERENT:
                    rc = s_holders (ctx, notification, list, "ars_referent", 0,
                                    REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, 0);
                    break;
                case NOTIFY_TO_DISP_REFERENT:
                    rc = s_holders (ctx, notification, list, "disp_referent", 0,
                                    REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, 0, 0);
                    break;
                case NOTIFY_TO_OTHER_REFERENT:
                    //  A region's post has no "other" referent of its own;
                    //  a plan's steps concern no post
                    if (notification->establishment_id && !step)
                        rc = s_holders (ctx, notification, list, "other_referent",
                                        notification->establishment_id, 0, notification->role,
                                        notification->person_id);
                    break;
                case NOTIFY_TO_PERSON:
                    if (notification->person_id)
                        rc = s_person (ctx, notification, list, "person",
                                       notification->person_id);
                    break;
                case NOTIFY_TO_TEAM:
                    if (settings->team_email)
                        s_add (list, "team", settings->team_email);
                    else
                        s_unreached (ctx, notification, "%s: %s", "team",
                                     "notify/team_email is not set");
                    break;
                case NOTIFY_TO_ADDRESS:
                    s_add (list, "address", target->address);
                    break;
            }
        }
    }
    return rc;
}

//  ---------------------------------------------------------------- deliveries

int
notify_pending_put (MDB_txn *txn, pps_store_t *store, const Notify__Delivery *delivery)
{
    uint8_t key [9], value [8];
    key [0] = (uint8_t) delivery->channel;
    pps_key_u64 (key + 1, delivery->id);
    pps_key_u64 (value, (uint64_t) delivery->next_attempt_ms);
    MDB_val mkey = { sizeof key, key }, mvalue = { sizeof value, value };
    return mdb_put (txn, pps_store_dbi (store, "pending"), &mkey, &mvalue, 0);
}

int
notify_pending_del (MDB_txn *txn, pps_store_t *store, const Notify__Delivery *delivery)
{
    uint8_t key [9];
    key [0] = (uint8_t) delivery->channel;
    pps_key_u64 (key + 1, delivery->id);
    MDB_val mkey = { sizeof key, key };
    int rc = mdb_del (txn, pps_store_dbi (store, "pending"), &mkey, NULL);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

int
notify_failed_mark (MDB_txn *txn, pps_store_t *store, uint64_t delivery_id, bool failed)
{
    uint8_t key [8];
    pps_key_u64 (key, delivery_id);
    MDB_val mkey = { sizeof key, key }, mvalue = { 0, "" };
    int rc = failed ? mdb_put (txn, pps_store_dbi (store, "failed"), &mkey, &mvalue, 0)
                    : mdb_del (txn, pps_store_dbi (store, "failed"), &mkey, NULL);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

//  Queue one PENDING delivery of notification to recipient by channel.
static int
s_delivery (notify_ctx_t *ctx, const Notify__Notification *notification,
            Notify__Channel channel, const char *recipient, const char *kind)
{
    Notify__Delivery *delivery = (Notify__Delivery *)
        pps_arena_message (ctx->arena, &notify__delivery__descriptor);
    delivery->id = pps_store_next_id (ctx->store, ctx->txn, "delivery");
    if (!delivery->id)
        return MDB_PANIC;
    delivery->notification_id = notification->id;
    delivery->channel = channel;
    delivery->recipient = (char *) recipient;
    delivery->recipient_kind = (char *) kind;
    delivery->state = NOTIFY__DELIVERY_STATE__PENDING;
    delivery->created_ms = ctx->now_ms;
    delivery->next_attempt_ms = ctx->now_ms;
    //  Stable across resends: receivers recognise a repeat by it. The time
    //  keeps it unique should the data directory ever start afresh.
    delivery->message_key = pps_arena_printf (ctx->arena, "pps-notify.%s.%llu.%lld",
                                              notification->region_code,
                                              (unsigned long long) delivery->id,
                                              (long long) delivery->created_ms);
    uint8_t key [8];
    pps_key_u64 (key, notification->id);
    int rc = pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "deliveries"), delivery->id,
                               &delivery->base);
    if (!rc)
        rc = pps_index_add (ctx->txn, pps_store_dbi (ctx->store, "idx_deliveries"), key,
                            sizeof key, delivery->id);
    if (!rc)
        rc = notify_pending_put (ctx->txn, ctx->store, delivery);
    return rc;
}

//  ---------------------------------------------------------------- raise

//  Names of the establishment and the person, from the read model.
static int
s_names (notify_ctx_t *ctx, Notify__Notification *notification)
{
    int rc = 0;
    if (notification->establishment_id && !*notification->establishment_name) {
        Registry__Establishment *establishment;
        rc = notify_model_get (ctx, "establishments", notification->establishment_id,
                               &registry__establishment__descriptor, &establishment);
        if (rc == 0)
            notification->establishment_name = establishment->name;
    }
    if ((!rc || rc == MDB_NOTFOUND) && notification->person_id && !*notification->person_name) {
        Registry__Person *person;
        rc = notify_model_get (ctx, "persons", notification->person_id,
                               &registry__person__descriptor, &person);
        if (rc == 0)
            notification->person_name = person->full_name;
    }
    return rc == MDB_NOTFOUND ? 0 : rc;
}

int
notify_dedup_add (notify_ctx_t *ctx, const char *key, uint64_t notification_id)
{
    uint8_t id [8];
    pps_key_u64 (id, notification_id);
    MDB_val mkey = { strlen (key), (void *) key }, value = { sizeof id, id };
    return mdb_put (ctx->txn, pps_store_dbi (ctx->store, "dedup"), &mkey, &value, 0);
}

bool
notify_dedup_seen (notify_ctx_t *ctx, const char *key, int *rc_p)
{
    MDB_val mkey = { strlen (key), (void *) key }, value;
    int rc = mdb_get (ctx->txn, pps_store_dbi (ctx->store, "dedup"), &mkey, &value);
    *rc_p = rc == MDB_NOTFOUND ? 0 : rc;
    return rc == 0;
}

int
notify_raise (notify_ctx_t *ctx, Notify__Notification *notification, const char *note)
{
    if (ctx->quiet)
        return 0;
    MDB_dbi dedup = pps_store_dbi (ctx->store, "dedup");
    MDB_val key = { strlen (notification->dedup_key), notification->dedup_key }, value;
    int rc = mdb_get (ctx->txn, dedup, &key, &value);
    if (rc != MDB_NOTFOUND)
        return rc;                  //  0: raised before, nothing to do
    if ((rc = s_names (ctx, notification)))
        return rc;
    notification->id = pps_store_next_id (ctx->store, ctx->txn, "notification");
    if (!notification->id)
        return MDB_PANIC;
    notification->created_ms = ctx->now_ms;
    notification->source = (char *) ctx->source;
    notification->source_seq = ctx->seq;
    notify_text (ctx->arena, notification, note, &ctx->today);
    recipients_t *list = pps_arena_alloc (ctx->arena, sizeof *list);
    if ((rc = s_resolve (ctx, notification, list)))
        return rc;

    uint8_t id [8];
    pps_key_u64 (id, notification->id);
    value = (MDB_val) { sizeof id, id };
    rc = pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "notifications"),
                           notification->id, &notification->base);
    if (!rc)
        rc = mdb_put (ctx->txn, dedup, &key, &value, 0);
    const notify_settings_t *settings = ctx->settings;
    for (size_t index = 0; !rc && settings->smtp_url && index < list->count; index++)
        rc = s_delivery (ctx, notification, NOTIFY__CHANNEL__EMAIL,
                         list->items [index].address, list->items [index].kind);
    if (!rc && settings->webhook_url)
        rc = s_delivery (ctx, notification, NOTIFY__CHANNEL__WEBHOOK, settings->webhook_url,
                         "webhook");
    if (!rc && !pps_service_log_event (&notify_service, ctx->store, ctx->txn, ctx->arena,
                                       "notify", "notification.raised",
                                       NOTIFY__NOTIFY_EVENT__CHANGE_NOTIFICATION,
                                       &notification->base))
        rc = MDB_PANIC;
    if (!rc) {
        ctx->raised++;
        zsys_info ("notify: notification %llu %s: %s (%zu recipients)",
                   (unsigned long long) notification->id,
                   protobuf_c_enum_descriptor_get_value (&notify__notification_kind__descriptor,
                                                         notification->kind)->name,
                   notification->subject, list->count);
    }
    return rc;
}
