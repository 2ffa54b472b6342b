/*  registry_storage: loading and saving the registry's records.  */
#include "registry.h"

#include <czmq.h>

int
registry_check_region (registry_t *self, pps_call_t *call, const char *field,
                       const char *region_code)
{
    if (pps_check_text (call, field, region_code, PPS_CODE_MAX, true))
        return -1;
    MDB_val key = { strlen (region_code), (void *) region_code }, data;
    int rc = mdb_get (pps_call_txn (call), self->regions, &key, &data);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, field,
                              "region '%s' does not exist", region_code);
    return rc ? pps_call_fail_lmdb (call, rc, field) : 0;
}

size_t
registry_scope_key (uint8_t *key, size_t size, const char *region_code, uint64_t establishment_id)
{
    //  "<region>\0" then the big-endian establishment id (0 = region scope)
    size_t length = strlen (region_code);
    assert (size >= length + 9);
    memcpy (key, region_code, length);
    key [length] = 0;
    pps_key_u64 (key + length + 1, establishment_id);
    return length + 9;
}

uint64_t
registry_id_by_code (pps_call_t *call, MDB_dbi index, const char *code)
{
    if (!code || !*code)
        return 0;
    MDB_val key = { strlen (code), (void *) code }, data;
    MDB_cursor *cursor;
    uint64_t id = 0;
    if (mdb_cursor_open (pps_call_txn (call), index, &cursor))
        return 0;
    if (mdb_cursor_get (cursor, &key, &data, MDB_SET_KEY) == 0)
        id = pps_key_to_u64 (data.mv_data);
    mdb_cursor_close (cursor);
    return id;
}

int
registry_claim_code (pps_call_t *call, MDB_dbi index, const char *field,
                     const char *old_code, const char *new_code, uint64_t id)
{
    uint64_t holder = registry_id_by_code (call, index, new_code);
    if (holder && holder != id)
        return pps_call_fail (call, PPS__CODE__ALREADY_EXISTS, field,
                              "%s %s is already used by %llu", field, new_code,
                              (unsigned long long) holder);
    MDB_txn *txn = pps_call_txn (call);
    int rc = 0;
    if (old_code && !streq (old_code, new_code))
        rc = pps_index_remove (txn, index, old_code, strlen (old_code), id);
    if (!rc)
        rc = pps_index_add (txn, index, new_code, strlen (new_code), id);
    return rc ? pps_call_fail_lmdb (call, rc, field) : 0;
}
