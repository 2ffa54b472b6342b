/*  notify_vacancy: the mandatory posts found empty, followed until someone
    holds them again ("vacancies" database, key "<region>:<establishment
    id>:<role>").

    A post that was held and is now empty is a turnover: its opening is
    notified (VACANCY_OPENED), and so is its closing (VACANCY_CLOSED) when
    a new referent is designated. A post never held (a new establishment)
    is followed silently until its first reminder falls due: from then on
    its closing is notified too. */
#include "notify.h"
#include "notify_rules.h"

#include <czmq.h>

#define VACANCY_KEY_MAX 64

//  The vacancies key of a post, "<region>:<establishment id>:<role>".
static size_t
s_vacancy_key (char *key, size_t size, const char *region_code, uint64_t establishment_id,
               int role)
{
    int length = snprintf (key, size, "%s:%020llu:%02d", region_code,
                           (unsigned long long) establishment_id, role);
    return length < 0 ? 0 : (size_t) length < size ? (size_t) length : size - 1;
}

//  A new notification of kind about a followed post.
static Notify__Notification *
s_notification (notify_ctx_t *ctx, Notify__NotificationKind kind, const Notify__Vacancy *vacancy)
{
    Notify__Notification *notification = (Notify__Notification *)
        pps_arena_message (ctx->arena, &notify__notification__descriptor);
    notification->kind = kind;
    notification->region_code = vacancy->region_code;
    notification->role = vacancy->role;
    notification->establishment_id = vacancy->establishment_id;
    return notification;
}

//  A post just found empty: follow it, and tell of a turnover.
static int
s_open (notify_ctx_t *ctx, const char *key, const char *region_code, uint64_t establishment_id,
        Registry__ReferentRole role, const notify_post_t *post)
{
    Notify__Vacancy *vacancy = (Notify__Vacancy *)
        pps_arena_message (ctx->arena, &notify__vacancy__descriptor);
    vacancy->id = pps_store_next_id (ctx->store, ctx->txn, "vacancy");
    if (!vacancy->id)
        return MDB_PANIC;
    vacancy->region_code = (char *) region_code;
    vacancy->establishment_id = establishment_id;
    vacancy->role = role;
    vacancy->opened_ms = ctx->now_ms;
    if (pps_date_is_set (&post->since)) {
        vacancy->vacant_since = pps_arena_alloc (ctx->arena, sizeof (Pps__Date));
        *vacancy->vacant_since = post->since;
    }
    if (post->last && !ctx->quiet) {
        Notify__Notification *notification = s_notification (
            ctx, NOTIFY__NOTIFICATION_KIND__VACANCY_OPENED, vacancy);
        notification->person_id = post->last->person_id;
        notification->designation_id = post->last->id;
        notification->end_reason = post->last->end_reason;
        notification->date = vacancy->vacant_since;
        notification->dedup_key = pps_arena_printf (ctx->arena, "opened:%llu",
                                                    (unsigned long long) vacancy->id);
        int rc = notify_raise (ctx, notification, NULL);
        if (rc)
            return rc;
        vacancy->notified = true;
    }
    return pps_store_put (ctx->txn, pps_store_dbi (ctx->store, "vacancies"), key, strlen (key),
                          &vacancy->base);
}

//  A followed post held again (or no longer needed): stop following it,
//  and tell of the new referent when its vacancy was told of.
static int
s_close (notify_ctx_t *ctx, const char *key, const Notify__Vacancy *vacancy,
         const notify_post_t *post)
{
    MDB_val mkey = { strlen (key), (void *) key };
    int rc = mdb_del (ctx->txn, pps_store_dbi (ctx->store, "vacancies"), &mkey, NULL);
    if (rc || !post->holder || !vacancy->notified || ctx->quiet)
        return rc;
    Notify__Notification *notification = s_notification (
        ctx, NOTIFY__NOTIFICATION_KIND__VACANCY_CLOSED, vacancy);
    notification->person_id = post->holder->person_id;
    notification->designation_id = post->holder->id;
    notification->date = post->holder->start_date;
    notification->dedup_key = pps_arena_printf (ctx->arena, "closed:%llu",
                                                (unsigned long long) vacancy->id);
    return notify_raise (ctx, notification, NULL);
}

int
notify_vacancy_sync (notify_ctx_t *ctx, const char *region_code,
                     const Registry__Establishment *establishment)
{
    uint64_t establishment_id = establishment ? establishment->id : 0;
    Registry__Designation **designations;
    size_t count;
    int rc = notify_model_scope (ctx, region_code, establishment_id, &designations, &count);
    for (int role = 1; !rc && role <= 30; role++) {
        const registry_role_t *rule = registry_rules_role ((Registry__ReferentRole) role);
        if (!rule || (establishment != NULL) != (rule->scope == REGISTRY_SCOPE_ESTABLISHMENT))
            continue;
        notify_post_t post;
        notify_rules_post ((Registry__ReferentRole) role, establishment, designations, count,
                           &ctx->today, &post);
        char key [VACANCY_KEY_MAX];
        s_vacancy_key (key, sizeof key, region_code, establishment_id, role);
        ProtobufCMessage *stored = NULL;
        rc = pps_store_get (ctx->txn, pps_store_dbi (ctx->store, "vacancies"), key, strlen (key),
                            &notify__vacancy__descriptor, ctx->arena, &stored);
        if (rc == MDB_NOTFOUND) {
            rc = 0;
            stored = NULL;
        }
        if (rc)
            break;
        if (post.vacant && !stored)
            rc = s_open (ctx, pps_arena_strdup (ctx->arena, key), region_code, establishment_id,
                         (Registry__ReferentRole) role, &post);
        else
        if (stored && !post.vacant)
            rc = s_close (ctx, key, (Notify__Vacancy *) stored, &post);
    }
    return rc;
}

//  ---------------------------------------------------------------- reminders

typedef struct {
    pps_arena_t *arena;
    Notify__Vacancy **items;
    size_t count;
} vacancy_scan_t;

//  Keep every vacancy for the reminders round.
static int
s_collect (ProtobufCMessage *record, void *arg)
{
    vacancy_scan_t *scan = arg;
    pps_arena_push (scan->arena, (void ***) &scan->items, &scan->count, record);
    return 0;
}

//  Raise the next reminder of a vacancy and count it on the vacancy.
static int
s_remind (notify_ctx_t *ctx, Notify__Vacancy *vacancy)
{
    Notify__Notification *notification = s_notification (
        ctx, NOTIFY__NOTIFICATION_KIND__VACANCY_REMINDER, vacancy);
    uint32_t number = vacancy->reminders + 1;
    notification->reminder = number;
    notification->date = vacancy->vacant_since;
    notification->dedup_key = pps_arena_printf (ctx->arena, "reminder:%llu:%u",
                                                (unsigned long long) vacancy->id, number);
    int rc = notify_raise (ctx, notification, NULL);
    if (rc)
        return rc;
    vacancy->reminders = number;
    vacancy->last_reminder_ms = ctx->now_ms;
    vacancy->notified = true;
    char key [VACANCY_KEY_MAX];
    s_vacancy_key (key, sizeof key, vacancy->region_code, vacancy->establishment_id,
                   vacancy->role);
    return pps_store_put (ctx->txn, pps_store_dbi (ctx->store, "vacancies"), key, strlen (key),
                          &vacancy->base);
}

int
notify_vacancy_reminders (notify_ctx_t *ctx)
{
    vacancy_scan_t scan = { ctx->arena, NULL, 0 };
    int rc = pps_store_each (ctx->txn, pps_store_dbi (ctx->store, "vacancies"),
                             &notify__vacancy__descriptor, ctx->arena, s_collect, &scan);
    const notify_settings_t *settings = ctx->settings;
    for (size_t index = 0; !rc && index < scan.count; index++) {
        Notify__Vacancy *vacancy = scan.items [index];
        if (!streq (vacancy->region_code, settings->region))
            continue;
        int64_t base = pps_date_is_set (vacancy->vacant_since)
                     ? notify_rules_day_ms (vacancy->vacant_since) : vacancy->opened_ms;
        int64_t due = notify_rules_reminder_due (base, settings->reminder_after_ms,
                                                 settings->reminder_every_ms,
                                                 vacancy->reminders, vacancy->last_reminder_ms);
        if (ctx->now_ms >= due)
            rc = s_remind (ctx, vacancy);
    }
    return rc;
}
