/*  notify_model: the read model fed by the registry's events.  */
#include "notify_model.h"
#include "notify_rules.h"

#include <czmq.h>

const char *const notify_model_sources [] = { "registry", NULL };

#define SCOPE_KEY_MAX 64

void
notify_ctx_init (notify_ctx_t *ctx, pps_store_t *store, const notify_settings_t *settings,
                 MDB_txn *txn, pps_arena_t *arena, const char *source, uint64_t seq)
{
    memset (ctx, 0, sizeof *ctx);
    ctx->store = store;
    ctx->settings = settings;
    ctx->txn = txn;
    ctx->arena = arena;
    ctx->now_ms = pps_now_ms ();
    pps__date__init (&ctx->today);
    pps_date_today (&ctx->today);
    ctx->source = source;
    ctx->seq = seq;
}

//  ---------------------------------------------------------------- reads

int
notify_model_get (notify_ctx_t *ctx, const char *db, uint64_t id,
                  const ProtobufCMessageDescriptor *descriptor, void *record_p)
{
    return pps_store_get_id (ctx->txn, pps_store_dbi (ctx->store, db), id, descriptor,
                             ctx->arena, (ProtobufCMessage **) record_p);
}

int
notify_model_region (notify_ctx_t *ctx, const char *region_code, Registry__Region **region_p)
{
    return pps_store_get (ctx->txn, pps_store_dbi (ctx->store, "regions"), region_code,
                          strlen (region_code), &registry__region__descriptor, ctx->arena,
                          (ProtobufCMessage **) region_p);
}

//  The idx_scope key of a scope, "<region>:<establishment id>".
static size_t
s_scope_key (char *key, size_t size, const char *region_code, uint64_t establishment_id)
{
    int length = snprintf (key, size, "%s:%020llu", region_code,
                           (unsigned long long) establishment_id);
    return length < 0 ? 0 : (size_t) length < size ? (size_t) length : size - 1;
}

typedef struct {
    notify_ctx_t *ctx;
    Registry__Designation **items;
    size_t count;
    int rc;
} scope_scan_t;

//  Load one designation of a scope into the scan's array.
static int
s_collect_designation (uint64_t id, void *arg)
{
    scope_scan_t *scan = arg;
    Registry__Designation *designation;
    scan->rc = notify_model_get (scan->ctx, "designations", id,
                                 &registry__designation__descriptor, &designation);
    if (scan->rc == MDB_NOTFOUND)
        scan->rc = 0;               //  An index entry ahead of its record: nothing to see
    else
    if (scan->rc == 0)
        pps_arena_push (scan->ctx->arena, (void ***) &scan->items, &scan->count, designation);
    return scan->rc;
}

int
notify_model_scope (notify_ctx_t *ctx, const char *region_code, uint64_t establishment_id,
                    Registry__Designation ***items_p, size_t *count_p)
{
    char key [SCOPE_KEY_MAX];
    size_t size = s_scope_key (key, sizeof key, region_code, establishment_id);
    scope_scan_t scan = { ctx, NULL, 0, 0 };
    int rc = pps_index_each (ctx->txn, pps_store_dbi (ctx->store, "idx_scope"), key, size,
                             s_collect_designation, &scan);
    if (rc == MDB_NOTFOUND)
        rc = 0;
    *items_p = scan.items;
    *count_p = scan.count;
    return rc ? rc : scan.rc;
}

//  ---------------------------------------------------------------- events

//  A new notification of kind about designation (its post and person).
static Notify__Notification *
s_about_designation (notify_ctx_t *ctx, Notify__NotificationKind kind,
                     const Registry__Designation *designation)
{
    Notify__Notification *notification = (Notify__Notification *)
        pps_arena_message (ctx->arena, &notify__notification__descriptor);
    notification->kind = kind;
    notification->region_code = designation->region_code;
    notification->role = designation->role;
    notification->establishment_id = designation->establishment_id;
    notification->person_id = designation->person_id;
    notification->designation_id = designation->id;
    notification->end_reason = designation->end_reason;
    notification->date = designation->end_date;
    return notification;
}

//  The establishment of a scope (NULL for the region), or an error.
static int
s_scope_establishment (notify_ctx_t *ctx, uint64_t establishment_id,
                       Registry__Establishment **establishment_p)
{
    *establishment_p = NULL;
    if (!establishment_id)
        return 0;
    return notify_model_get (ctx, "establishments", establishment_id,
                             &registry__establishment__descriptor, establishment_p);
}

int
notify_model_ending (notify_ctx_t *ctx, const Registry__Designation *designation)
{
    if (!streq (designation->region_code, ctx->settings->region)
    ||  !notify_rules_ending_soon (designation, &ctx->today, ctx->settings->ending_within_days))
        return 0;
    Notify__Notification *notification = s_about_designation (
        ctx, NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDING, designation);
    //  A later end date (a renewal that is ended again) is news again
    notification->dedup_key = pps_arena_printf (
        ctx->arena, "ending:%llu:%d", (unsigned long long) designation->id,
        pps_date_ordinal (designation->end_date));
    return notify_raise (ctx, notification, NULL);
}

//  A designation created or ended: keep it, tell of its end, recompare its scope.
static int
s_on_designation (notify_ctx_t *ctx, Registry__Designation *designation, const char *topic)
{
    Registry__Designation *before = NULL;
    int rc = notify_model_get (ctx, "designations", designation->id,
                               &registry__designation__descriptor, &before);
    if (rc && rc != MDB_NOTFOUND)
        return rc;
    if ((rc = pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "designations"),
                                designation->id, &designation->base)))
        return rc;
    if (!before) {
        char key [SCOPE_KEY_MAX];
        size_t size = s_scope_key (key, sizeof key, designation->region_code,
                                   designation->establishment_id);
        if ((rc = pps_index_add (ctx->txn, pps_store_dbi (ctx->store, "idx_scope"), key, size,
                                 designation->id)))
            return rc;
    }
    if (!streq (designation->region_code, ctx->settings->region))
        return 0;
    size_t length = strlen (topic);
    bool ended = (length > 6 && streq (topic + length - 6, ".ended"))
              || (before && !before->end_reason && designation->end_reason);
    if (ended && pps_date_is_set (designation->end_date)) {
        Notify__Notification *notification = s_about_designation (
            ctx, NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED, designation);
        notification->dedup_key = pps_arena_printf (ctx->arena, "ended:%llu",
                                                    (unsigned long long) designation->id);
        if ((rc = notify_raise (ctx, notification, designation->end_note)))
            return rc;
    }
    if ((rc = notify_model_ending (ctx, designation)))
        return rc;
    Registry__Establishment *establishment;
    rc = s_scope_establishment (ctx, designation->establishment_id, &establishment);
    if (rc == MDB_NOTFOUND)
        return 0;                   //  Cannot happen in a registry's log; nothing to compare
    return rc ? rc : notify_vacancy_sync (ctx, designation->region_code, establishment);
}

//  An establishment created or changed (closed, minors): recompare its posts.
static int
s_on_establishment (notify_ctx_t *ctx, Registry__Establishment *establishment)
{
    int rc = pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "establishments"),
                               establishment->id, &establishment->base);
    if (rc || !streq (establishment->region_code, ctx->settings->region))
        return rc;
    return notify_vacancy_sync (ctx, establishment->region_code, establishment);
}

//  A region created or changed: recompare its own posts.
static int
s_on_region (notify_ctx_t *ctx, Registry__Region *region)
{
    int rc = pps_store_put (ctx->txn, pps_store_dbi (ctx->store, "regions"), region->code,
                            strlen (region->code), &region->base);
    if (rc || !streq (region->code, ctx->settings->region))
        return rc;
    return notify_vacancy_sync (ctx, region->code, NULL);
}

//  A steering committee changed: tell of the mandatory categories it lost.
static int
s_on_committee (notify_ctx_t *ctx, Registry__SteeringCommittee *committee)
{
    Registry__SteeringCommittee *before = NULL;
    int rc = notify_model_get (ctx, "committees", committee->id,
                               &registry__steering_committee__descriptor, &before);
    if (rc && rc != MDB_NOTFOUND)
        return rc;
    if ((rc = pps_store_put_id (ctx->txn, pps_store_dbi (ctx->store, "committees"),
                                committee->id, &committee->base)))
        return rc;
    //  Only a sitting committee that changed can lose someone
    if (!before || pps_date_is_set (before->dissolved_on)
    ||  pps_date_is_set (committee->dissolved_on)
    ||  !streq (committee->region_code, ctx->settings->region))
        return 0;
    Registry__Establishment *establishment;
    rc = s_scope_establishment (ctx, committee->establishment_id, &establishment);
    if (rc)
        return rc == MDB_NOTFOUND ? 0 : rc;
    Registry__MemberCategory lost [REGISTRY_CATEGORY_MAX];
    size_t count = notify_rules_lost_categories (before, committee,
                                                 registry_rules_holds_minors (establishment), lost);
    if (count == 0)
        return 0;
    Notify__Notification *notification = (Notify__Notification *)
        pps_arena_message (ctx->arena, &notify__notification__descriptor);
    notification->kind = NOTIFY__NOTIFICATION_KIND__COMMITTEE_CATEGORY_LOST;
    notification->region_code = committee->region_code;
    notification->establishment_id = committee->establishment_id;
    notification->committee_id = committee->id;
    notification->categories = pps_arena_alloc (ctx->arena, count * sizeof (Registry__MemberCategory));
    memcpy (notification->categories, lost, count * sizeof (Registry__MemberCategory));
    notification->n_categories = count;
    notification->dedup_key = pps_arena_printf (ctx->arena, "committee:%llu:%llu",
                                                (unsigned long long) committee->id,
                                                (unsigned long long) ctx->seq);
    return notify_raise (ctx, notification, NULL);
}

int
notify_model_apply (void *arg, MDB_txn *txn, const char *source, uint64_t seq,
                    const uint8_t *event, size_t size)
{
    notify_model_t *self = arg;
    if (streq (source, "projects")) {
        pps_arena_reset (self->arena);
        notify_ctx_t ctx;
        notify_ctx_init (&ctx, self->store, self->settings, txn, self->arena, "projects", seq);
        int rc = notify_steps_apply (&ctx, event, size);
        if (rc)
            zsys_error ("notify: applying projects event %llu: %s", (unsigned long long) seq,
                        mdb_strerror (rc));
        return rc ? -1 : 0;
    }
    if (!streq (source, "registry"))
        return 0;
    pps_arena_reset (self->arena);
    Registry__RegistryEvent *decoded = (Registry__RegistryEvent *) pps_arena_unpack (
        self->arena, &registry__registry_event__descriptor, event, size);
    if (!decoded) {
        zsys_warning ("notify: registry event %llu does not decode; skipped",
                      (unsigned long long) seq);
        return 0;
    }
    notify_ctx_t ctx;
    notify_ctx_init (&ctx, self->store, self->settings, txn, self->arena, "registry", seq);
    //  Replaying an old history (a first start) keeps the state, tells nobody
    ctx.quiet = decoded->time_ms < ctx.now_ms - self->settings->max_event_age_ms;
    int rc = 0;
    switch (decoded->change_case) {
        case REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION:
            rc = s_on_designation (&ctx, decoded->designation, decoded->topic);
            break;
        case REGISTRY__REGISTRY_EVENT__CHANGE_ESTABLISHMENT:
            rc = s_on_establishment (&ctx, decoded->establishment);
            break;
        case REGISTRY__REGISTRY_EVENT__CHANGE_PERSON:
            rc = pps_store_put_id (txn, pps_store_dbi (self->store, "persons"),
                                   decoded->person->id, &decoded->person->base);
            break;
        case REGISTRY__REGISTRY_EVENT__CHANGE_REGION:
            rc = s_on_region (&ctx, decoded->region);
            break;
        case REGISTRY__REGISTRY_EVENT__CHANGE_STEERING_COMMITTEE:
            rc = s_on_committee (&ctx, decoded->steering_committee);
            break;
        default:
            break;                  //  Nothing notify needs
    }
    if (rc)
        zsys_error ("notify: applying registry event %llu: %s", (unsigned long long) seq,
                    mdb_strerror (rc));
    return rc ? -1 : 0;
}
