/*  training_storage: loading and saving the training service's records,
    its composite keys, its indexes and prefix scans.  */
#include "training.h"

#include <czmq.h>

int
training_load (pps_call_t *call, MDB_dbi dbi, uint64_t id,
               const ProtobufCMessageDescriptor *descriptor, const char *field,
               void *record_p)
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
training_load_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
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
training_save (pps_call_t *call, MDB_dbi dbi, uint64_t id, const void *record, const char *what)
{
    int rc = pps_store_put_id (pps_call_txn (call), dbi, id, record);
    return rc ? pps_call_fail_lmdb (call, rc, what) : 0;
}

int
training_save_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                   const void *record, const char *what)
{
    int rc = pps_store_put (pps_call_txn (call), dbi, key, size, record);
    return rc ? pps_call_fail_lmdb (call, rc, what) : 0;
}

int
training_delete_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size, const char *what)
{
    MDB_val mdb_key = { size, (void *) key };
    int rc = mdb_del (pps_call_txn (call), dbi, &mdb_key, NULL);
    return rc && rc != MDB_NOTFOUND ? pps_call_fail_lmdb (call, rc, what) : 0;
}

uint64_t
training_new_id (training_t *self, pps_call_t *call, const char *entity)
{
    uint64_t id = pps_store_next_id (self->store, pps_call_txn (call), entity);
    if (id == 0)
        pps_call_fail (call, PPS__CODE__RESOURCE_EXHAUSTED, "", "cannot allocate a %s id", entity);
    return id;
}

int
training_index_add (pps_call_t *call, MDB_dbi dbi, uint64_t key, uint64_t id)
{
    uint8_t bytes [8];
    pps_key_u64 (bytes, key);
    int rc = pps_index_add (pps_call_txn (call), dbi, bytes, sizeof bytes, id);
    return rc ? pps_call_fail_lmdb (call, rc, "an index") : 0;
}

int
training_index_remove (pps_call_t *call, MDB_dbi dbi, uint64_t key, uint64_t id)
{
    uint8_t bytes [8];
    pps_key_u64 (bytes, key);
    int rc = pps_index_remove (pps_call_txn (call), dbi, bytes, sizeof bytes, id);
    return rc && rc != MDB_NOTFOUND ? pps_call_fail_lmdb (call, rc, "an index") : 0;
}

typedef struct {
    pps_arena_t *arena;
    uint64_t *ids;
    size_t count;
    size_t capacity;
} id_list_t;

//  Append one id of an index to the list, growing it in the arena.
static int
s_collect_id (uint64_t id, void *arg)
{
    id_list_t *list = arg;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity * 2;
        uint64_t *ids = pps_arena_alloc (list->arena, capacity * sizeof (uint64_t));
        memcpy (ids, list->ids, list->count * sizeof (uint64_t));
        list->ids = ids;
        list->capacity = capacity;
    }
    list->ids [list->count++] = id;
    return 0;
}

uint64_t *
training_index_ids (pps_call_t *call, MDB_dbi dbi, uint64_t key, size_t *count_p)
{
    id_list_t list = { pps_call_arena (call), NULL, 0, 16 };
    list.ids = pps_arena_alloc (list.arena, list.capacity * sizeof (uint64_t));
    uint8_t bytes [8];
    pps_key_u64 (bytes, key);
    int rc = pps_index_each (pps_call_txn (call), dbi, bytes, sizeof bytes, s_collect_id, &list);
    if (rc) {
        pps_call_fail_lmdb (call, rc, "an index");
        return NULL;
    }
    *count_p = list.count;
    return list.ids;
}

int
training_each_prefix (pps_call_t *call, MDB_dbi dbi, const void *prefix, size_t size,
                      const ProtobufCMessageDescriptor *descriptor,
                      pps_record_visit_fn *visit, void *arg)
{
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (pps_call_txn (call), dbi, &cursor);
    if (rc)
        return pps_call_fail_lmdb (call, rc, descriptor->short_name);
    MDB_val key = { size, (void *) prefix }, data;
    int result = 0;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_SET_RANGE);
    while (rc == 0 && key.mv_size >= size && memcmp (key.mv_data, prefix, size) == 0) {
        ProtobufCMessage *record = pps_arena_unpack (pps_call_arena (call), descriptor,
                                                     data.mv_data, data.mv_size);
        if (!record) {
            rc = MDB_CORRUPTED;
            break;
        }
        if ((result = visit (record, arg)))
            break;
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    if (result)
        return result;
    if (rc && rc != MDB_NOTFOUND)
        return pps_call_fail_lmdb (call, rc, descriptor->short_name);
    return 0;
}

int
training_each (pps_call_t *call, MDB_dbi dbi, const ProtobufCMessageDescriptor *descriptor,
               pps_record_visit_fn *visit, void *arg)
{
    int rc = pps_store_each (pps_call_txn (call), dbi, descriptor, pps_call_arena (call),
                             visit, arg);
    return rc ? pps_call_fail_lmdb (call, rc, descriptor->short_name) : 0;
}

//  Big-endian 32-bit field of a composite key.
static void
s_key_u32 (uint8_t *key, uint32_t value)
{
    key [0] = (uint8_t) (value >> 24);
    key [1] = (uint8_t) (value >> 16);
    key [2] = (uint8_t) (value >> 8);
    key [3] = (uint8_t) value;
}

void
training_participant_key (uint8_t key [TRAINING_PARTICIPANT_KEY], uint64_t session_id,
                          uint64_t person_id)
{
    pps_key_u64 (key, session_id);
    pps_key_u64 (key + 8, person_id);
}

void
training_count_key (uint8_t key [TRAINING_COUNT_KEY], uint64_t session_id,
                    uint64_t establishment_id, uint32_t category)
{
    pps_key_u64 (key, session_id);
    pps_key_u64 (key + 8, establishment_id);
    s_key_u32 (key + 16, category);
}

void
training_headcount_key (uint8_t key [TRAINING_HEADCOUNT_KEY], uint64_t establishment_id,
                        uint32_t year, uint32_t category)
{
    pps_key_u64 (key, establishment_id);
    s_key_u32 (key + 8, year);
    s_key_u32 (key + 12, category);
}
