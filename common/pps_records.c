/*  pps_records: a handler's reads and writes of its service's records.  */
#include "pps_records.h"

#include <czmq.h>

int
pps_record_load (pps_call_t *call, MDB_dbi dbi, uint64_t id,
                 const ProtobufCMessageDescriptor *descriptor, const char *field, void *record_p)
{
    if (id == 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field, "%s is required", field);
    ProtobufCMessage *record = NULL;
    int rc = pps_store_get_id (pps_call_txn (call), dbi, id, descriptor,
                               pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, field,
                              "%s %llu does not exist", field, (unsigned long long) id);
    if (rc)
        return pps_call_fail_lmdb (call, rc, field);
    *(ProtobufCMessage **) record_p = record;
    return 0;
}

int
pps_record_load_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                     const ProtobufCMessageDescriptor *descriptor, void *record_p)
{
    ProtobufCMessage *record = NULL;
    int rc = pps_store_get (pps_call_txn (call), dbi, key, size, descriptor,
                            pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return 1;
    if (rc)
        return pps_call_fail_lmdb (call, rc, descriptor->short_name);
    *(ProtobufCMessage **) record_p = record;
    return 0;
}

int
pps_record_save (pps_call_t *call, MDB_dbi dbi, uint64_t id, const void *record, const char *what)
{
    int rc = pps_store_put_id (pps_call_txn (call), dbi, id, record);
    return rc ? pps_call_fail_lmdb (call, rc, what) : 0;
}

int
pps_record_save_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                     const void *record, const char *what)
{
    int rc = pps_store_put (pps_call_txn (call), dbi, key, size, record);
    return rc ? pps_call_fail_lmdb (call, rc, what) : 0;
}

int
pps_record_delete_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                       const char *what)
{
    MDB_val mdb_key = { size, (void *) key };
    int rc = mdb_del (pps_call_txn (call), dbi, &mdb_key, NULL);
    return rc && rc != MDB_NOTFOUND ? pps_call_fail_lmdb (call, rc, what) : 0;
}

uint64_t
pps_record_new_id (pps_call_t *call, const char *entity)
{
    uint64_t id = pps_store_next_id (pps_call_store (call), pps_call_txn (call), entity);
    if (id == 0)
        pps_call_fail (call, PPS__CODE__RESOURCE_EXHAUSTED, "", "cannot allocate a %s id", entity);
    return id;
}

int
pps_record_index_add (pps_call_t *call, MDB_dbi index, uint64_t owner, uint64_t id)
{
    uint8_t key [8];
    pps_key_u64 (key, owner);
    int rc = pps_index_add (pps_call_txn (call), index, key, sizeof key, id);
    return rc ? pps_call_fail_lmdb (call, rc, "an index") : 0;
}

int
pps_record_index_remove (pps_call_t *call, MDB_dbi index, uint64_t owner, uint64_t id)
{
    uint8_t key [8];
    pps_key_u64 (key, owner);
    int rc = pps_index_remove (pps_call_txn (call), index, key, sizeof key, id);
    return rc ? pps_call_fail_lmdb (call, rc, "an index") : 0;
}

typedef struct {
    pps_arena_t *arena;
    uint64_t *ids;
    size_t count;
    size_t capacity;
} id_list_t;

static int
s_collect_id (uint64_t id, void *arg)
{
    id_list_t *list = arg;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        uint64_t *ids = pps_arena_alloc (list->arena, capacity * sizeof (uint64_t));
        if (list->count)
            memcpy (ids, list->ids, list->count * sizeof (uint64_t));
        list->ids = ids;
        list->capacity = capacity;
    }
    list->ids [list->count++] = id;
    return 0;
}

uint64_t *
pps_record_index_ids (pps_call_t *call, MDB_dbi index, uint64_t owner, size_t *count_p)
{
    id_list_t list = { .arena = pps_call_arena (call) };
    uint8_t key [8];
    pps_key_u64 (key, owner);
    int rc = pps_index_each (pps_call_txn (call), index, key, sizeof key, s_collect_id, &list);
    if (rc) {
        pps_call_fail_lmdb (call, rc, "an index");
        return NULL;
    }
    *count_p = list.count;
    return list.ids ? list.ids : pps_arena_alloc (list.arena, sizeof (uint64_t));
}
