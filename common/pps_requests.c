/*  pps_requests: the write request ids a service has applied.  */
#include "pps_requests.h"

#include <czmq.h>

int
pps_requests_find (pps_store_t *store, MDB_txn *txn, const char *request_id,
                   pps_arena_t *arena, uint8_t **reply_p, size_t *size_p)
{
    MDB_val key = { strlen (request_id), (void *) request_id }, data;
    int rc = mdb_get (txn, pps_store_dbi (store, "requests"), &key, &data);
    if (rc)
        return rc;
    if (data.mv_size < 8)
        return MDB_NOTFOUND;
    *size_p = data.mv_size - 8;
    *reply_p = pps_arena_alloc (arena, *size_p ? *size_p : 1);
    memcpy (*reply_p, (uint8_t *) data.mv_data + 8, *size_p);
    return 0;
}

int
pps_requests_remember (pps_store_t *store, MDB_txn *txn, const char *request_id,
                       int64_t now_ms, const uint8_t *reply, size_t size)
{
    MDB_val key = { strlen (request_id), (void *) request_id }, data = { size + 8, NULL };
    int rc = mdb_put (txn, pps_store_dbi (store, "requests"), &key, &data, MDB_RESERVE);
    if (rc)
        return rc;
    pps_key_u64 (data.mv_data, (uint64_t) now_ms);
    memcpy ((uint8_t *) data.mv_data + 8, reply, size);
    return 0;
}

int64_t
pps_requests_prune (pps_store_t *store, int64_t cutoff_ms, size_t limit)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (store), NULL, 0, &txn))
        return -1;
    MDB_cursor *cursor;
    if (mdb_cursor_open (txn, pps_store_dbi (store, "requests"), &cursor)) {
        mdb_txn_abort (txn);
        return -1;
    }
    int64_t forgotten = 0;
    MDB_val key, data;
    int rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
    while (rc == 0 && (size_t) forgotten < limit) {
        if (data.mv_size >= 8 && (int64_t) pps_key_to_u64 (data.mv_data) < cutoff_ms) {
            if ((rc = mdb_cursor_del (cursor, 0)))
                break;
            forgotten++;
            //  After a delete the cursor stands on the next entry
            rc = mdb_cursor_get (cursor, &key, &data, MDB_GET_CURRENT);
            continue;
        }
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    if (rc && rc != MDB_NOTFOUND) {
        mdb_txn_abort (txn);
        return -1;
    }
    if (forgotten == 0) {
        mdb_txn_abort (txn);
        return 0;
    }
    return mdb_txn_commit (txn) ? -1 : forgotten;
}

void
pps_requests_test (bool verbose)
{
    (void) verbose;
    const char *path = "/tmp/pps-requests-test";
    char file [256];
    snprintf (file, sizeof file, "%s/data.mdb", path);
    zsys_file_delete (file);
    snprintf (file, sizeof file, "%s/lock.mdb", path);
    zsys_file_delete (file);
    pps_store_t *store = pps_store_open (path, 16 << 20, NULL, 1);
    assert (store);
    pps_arena_t *arena = pps_arena_new ();
    MDB_txn *txn;
    assert (mdb_txn_begin (pps_store_env (store), NULL, 0, &txn) == 0);
    for (int index = 0; index < 100; index++) {
        char id [16];
        snprintf (id, sizeof id, "req-%03d", index);
        //  Half applied long ago, half recently
        assert (pps_requests_remember (store, txn, id, index % 2 ? 5000 : 1000,
                                       (const uint8_t *) id, strlen (id)) == 0);
    }
    assert (mdb_txn_commit (txn) == 0);

    assert (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn) == 0);
    uint8_t *reply;
    size_t size;
    assert (pps_requests_find (store, txn, "req-042", arena, &reply, &size) == 0);
    assert (size == 7 && memcmp (reply, "req-042", 7) == 0);
    assert (pps_requests_find (store, txn, "absent", arena, &reply, &size) == MDB_NOTFOUND);
    mdb_txn_abort (txn);

    //  Forget those before 2000, in bounded rounds
    assert (pps_requests_prune (store, 2000, 30) == 30);
    assert (pps_requests_prune (store, 2000, 30) == 20);
    assert (pps_requests_prune (store, 2000, 30) == 0);
    assert (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn) == 0);
    assert (pps_requests_find (store, txn, "req-042", arena, &reply, &size) == MDB_NOTFOUND);
    assert (pps_requests_find (store, txn, "req-043", arena, &reply, &size) == 0);
    MDB_stat stat;
    mdb_stat (txn, pps_store_dbi (store, "requests"), &stat);
    assert (stat.ms_entries == 50);
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    pps_store_destroy (&store);
    snprintf (file, sizeof file, "%s/data.mdb", path);
    zsys_file_delete (file);
    snprintf (file, sizeof file, "%s/lock.mdb", path);
    zsys_file_delete (file);
}
