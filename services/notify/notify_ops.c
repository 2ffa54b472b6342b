/*  notify_ops: the service's operations: list and get notifications, list
    deliveries, retry one, list the vacancies followed.  */
#include "notify_service.h"
#include "notify_raise.h"

#include <czmq.h>

#define LIST_DEFAULT   1000
#define LIST_MAX       10000
#define REGION_MAX     32

//  The limit of a list: 0 means the default; at most LIST_MAX.
static size_t
s_limit (uint32_t limit)
{
    return limit == 0 ? LIST_DEFAULT : limit > LIST_MAX ? LIST_MAX : limit;
}

//  Visit the records of a database from the newest id down, until visit
//  returns non-zero or limit were kept (visit says whether it kept one).
typedef int (s_keep_fn) (ProtobufCMessage *record, void *arg, bool *kept);

//  Visit db's records from the highest key down (see s_keep_fn).
static int
s_newest_first (pps_call_t *call, MDB_dbi dbi, const ProtobufCMessageDescriptor *descriptor,
                size_t limit, s_keep_fn *keep, void *arg)
{
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (pps_call_txn (call), dbi, &cursor);
    if (rc)
        return rc;
    MDB_val key, data;
    size_t kept = 0;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_LAST);
    while (rc == 0 && kept < limit) {
        ProtobufCMessage *record = pps_arena_unpack (pps_call_arena (call), descriptor,
                                                     data.mv_data, data.mv_size);
        if (!record) {
            rc = MDB_CORRUPTED;
            break;
        }
        bool taken = false;
        if ((rc = keep (record, arg, &taken)))
            break;
        kept += taken;
        rc = mdb_cursor_get (cursor, &key, &data, MDB_PREV);
    }
    mdb_cursor_close (cursor);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

//  ---------------------------------------------------------------- notifications

typedef struct {
    const Notify__NotificationFilter *filter;
    Notify__NotificationList *list;
    pps_arena_t *arena;
} notification_scan_t;

//  Keep a notification that passes the filter; stop at the first too old.
static int
s_keep_notification (ProtobufCMessage *record, void *arg, bool *kept)
{
    notification_scan_t *scan = arg;
    const Notify__NotificationFilter *filter = scan->filter;
    Notify__Notification *notification = (Notify__Notification *) record;
    if (filter->since_ms && notification->created_ms < filter->since_ms)
        return 1;                   //  Older ones follow: stop here
    if ((*filter->region_code && !streq (filter->region_code, notification->region_code))
    ||  (filter->kind && filter->kind != notification->kind))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    *kept = true;
    return 0;
}

PPS_HANDLER (notify_list_notifications)
{
    notify_t *notify = self;
    const Notify__NotificationFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, REGION_MAX, false)
    ||  pps_check_enum (call, "kind", &notify__notification_kind__descriptor, filter->kind, false)
    ||  pps_check_range (call, "since_ms", filter->since_ms, 0, INT64_MAX))
        return -1;
    Notify__NotificationList *list = (Notify__NotificationList *)
        pps_arena_message (pps_call_arena (call), &notify__notification_list__descriptor);
    notification_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = s_newest_first (call, pps_store_dbi (notify->store, "notifications"),
                             &notify__notification__descriptor, s_limit (filter->limit),
                             s_keep_notification, &scan);
    if (rc && rc != 1)
        return pps_call_fail_lmdb (call, rc, "notifications");
    *result_p = &list->base;
    return 0;
}

typedef struct {
    pps_call_t *call;
    pps_store_t *store;
    Notify__Delivery **items;
    size_t count;
} delivery_ids_t;

//  Load one delivery by id into the scan's array (a missing one is skipped).
static int
s_load_delivery (uint64_t id, void *arg)
{
    delivery_ids_t *scan = arg;
    ProtobufCMessage *record;
    int rc = pps_store_get_id (pps_call_txn (scan->call), pps_store_dbi (scan->store, "deliveries"),
                               id, &notify__delivery__descriptor, pps_call_arena (scan->call),
                               &record);
    if (rc == 0)
        pps_arena_push (pps_call_arena (scan->call), (void ***) &scan->items, &scan->count, record);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

PPS_HANDLER (notify_get_notification)
{
    notify_t *notify = self;
    const Notify__ById *in = op;
    if (pps_check_id (call, "id", in->id))
        return -1;
    ProtobufCMessage *notification;
    int rc = pps_store_get_id (pps_call_txn (call), pps_store_dbi (notify->store, "notifications"),
                               in->id, &notify__notification__descriptor, pps_call_arena (call),
                               &notification);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "id", "no notification %llu",
                              (unsigned long long) in->id);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "notifications");
    uint8_t key [8];
    pps_key_u64 (key, in->id);
    delivery_ids_t scan = { call, notify->store, NULL, 0 };
    rc = pps_index_each (pps_call_txn (call), pps_store_dbi (notify->store, "idx_deliveries"),
                         key, sizeof key, s_load_delivery, &scan);
    if (rc && rc != MDB_NOTFOUND)
        return pps_call_fail_lmdb (call, rc, "deliveries");
    Notify__NotificationDetail *detail = (Notify__NotificationDetail *)
        pps_arena_message (pps_call_arena (call), &notify__notification_detail__descriptor);
    detail->notification = (Notify__Notification *) notification;
    detail->deliveries = scan.items;
    detail->n_deliveries = scan.count;
    *result_p = &detail->base;
    return 0;
}

//  ---------------------------------------------------------------- deliveries

typedef struct {
    const Notify__DeliveryFilter *filter;
    Notify__DeliveryList *list;
    pps_arena_t *arena;
} delivery_scan_t;

//  Keep a delivery that passes the filter.
static int
s_keep_delivery (ProtobufCMessage *record, void *arg, bool *kept)
{
    delivery_scan_t *scan = arg;
    Notify__Delivery *delivery = (Notify__Delivery *) record;
    if ((scan->filter->state && scan->filter->state != delivery->state)
    ||  (scan->filter->channel && scan->filter->channel != delivery->channel))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    *kept = true;
    return 0;
}

//  The PENDING or FAILED deliveries, from their own small database: the
//  key ends with the delivery id.
static int
s_from_set (pps_call_t *call, notify_t *notify, const char *db, size_t limit,
            delivery_scan_t *scan)
{
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (pps_call_txn (call), pps_store_dbi (notify->store, db), &cursor);
    if (rc)
        return rc;
    MDB_val key, data;
    delivery_ids_t ids = { call, notify->store, NULL, 0 };
    rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
    while (rc == 0 && key.mv_size >= 8) {
        if ((rc = s_load_delivery (pps_key_to_u64 ((uint8_t *) key.mv_data + key.mv_size - 8),
                                   &ids)))
            break;
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    if (rc && rc != MDB_NOTFOUND)
        return rc;
    //  Newest first, like the other lists
    for (size_t index = ids.count; index > 0 && scan->list->n_items < limit; index--) {
        bool kept = false;
        s_keep_delivery (&ids.items [index - 1]->base, scan, &kept);
    }
    return 0;
}

PPS_HANDLER (notify_list_deliveries)
{
    notify_t *notify = self;
    const Notify__DeliveryFilter *filter = op;
    if (pps_check_enum (call, "state", &notify__delivery_state__descriptor, filter->state, false)
    ||  pps_check_enum (call, "channel", &notify__channel__descriptor, filter->channel, false))
        return -1;
    Notify__DeliveryList *list = (Notify__DeliveryList *)
        pps_arena_message (pps_call_arena (call), &notify__delivery_list__descriptor);
    delivery_scan_t scan = { filter, list, pps_call_arena (call) };
    size_t limit = s_limit (filter->limit);
    int rc;
    if (filter->state == NOTIFY__DELIVERY_STATE__PENDING)
        rc = s_from_set (call, notify, "pending", limit, &scan);
    else
    if (filter->state == NOTIFY__DELIVERY_STATE__FAILED)
        rc = s_from_set (call, notify, "failed", limit, &scan);
    else
        rc = s_newest_first (call, pps_store_dbi (notify->store, "deliveries"),
                             &notify__delivery__descriptor, limit, s_keep_delivery, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "deliveries");
    *result_p = &list->base;
    return 0;
}

PPS_HANDLER (notify_retry_delivery)
{
    notify_t *notify = self;
    const Notify__ById *in = op;
    if (pps_check_id (call, "id", in->id))
        return -1;
    MDB_dbi deliveries = pps_store_dbi (notify->store, "deliveries");
    ProtobufCMessage *record;
    int rc = pps_store_get_id (pps_call_txn (call), deliveries, in->id,
                               &notify__delivery__descriptor, pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "id", "no delivery %llu",
                              (unsigned long long) in->id);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "deliveries");
    //  Any state: a SENT one goes again with the same key, so that a
    //  receiver that lost it gets it and one that kept it drops it
    Notify__Delivery *delivery = (Notify__Delivery *) record;
    delivery->state = NOTIFY__DELIVERY_STATE__PENDING;
    delivery->attempts = 0;
    delivery->next_attempt_ms = pps_call_now_ms (call);
    if ((rc = notify_pending_put (pps_call_txn (call), notify->store, delivery))
    ||  (rc = notify_failed_mark (pps_call_txn (call), notify->store, delivery->id, false))
    ||  (rc = pps_store_put_id (pps_call_txn (call), deliveries, delivery->id, &delivery->base)))
        return pps_call_fail_lmdb (call, rc, "deliveries");
    if (pps_call_emit (call, "delivery.requeued", NOTIFY__NOTIFY_EVENT__CHANGE_DELIVERY,
                       &delivery->base))
        return -1;
    *result_p = &delivery->base;
    return 0;
}

//  ---------------------------------------------------------------- vacancies

typedef struct {
    const char *region_code;
    Notify__VacancyList *list;
    pps_arena_t *arena;
} vacancy_scan_t;

//  Keep a vacancy of the asked region (every one when none asked).
static int
s_collect_vacancy (ProtobufCMessage *record, void *arg)
{
    vacancy_scan_t *scan = arg;
    if (!*scan->region_code || streq (scan->region_code, ((Notify__Vacancy *) record)->region_code))
        pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (notify_list_vacancies)
{
    notify_t *notify = self;
    const Notify__VacancyFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, REGION_MAX, false))
        return -1;
    Notify__VacancyList *list = (Notify__VacancyList *)
        pps_arena_message (pps_call_arena (call), &notify__vacancy_list__descriptor);
    vacancy_scan_t scan = { filter->region_code, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), pps_store_dbi (notify->store, "vacancies"),
                             &notify__vacancy__descriptor, pps_call_arena (call),
                             s_collect_vacancy, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "vacancies");
    *result_p = &list->base;
    return 0;
}
