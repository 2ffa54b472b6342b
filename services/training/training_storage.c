/*  training_storage: loading and saving the training service's records,
    its composite keys, its indexes and prefix scans.  */
#include "training.h"

#include <czmq.h>

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
