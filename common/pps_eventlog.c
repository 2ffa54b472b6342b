/*  pps_eventlog: the service's event log, in its LMDB "events" database.  */
#include "pps_eventlog.h"

#include <czmq.h>
#include <errno.h>

uint64_t
pps_eventlog_last_seq (pps_store_t *store, MDB_txn *txn)
{
    return pps_store_meta_u64 (store, txn, "last_seq");
}

int
pps_eventlog_append (pps_store_t *store, MDB_txn *txn, uint64_t seq,
                     const void *bytes, size_t size)
{
    if (seq != pps_eventlog_last_seq (store, txn) + 1)
        return EINVAL;
    uint8_t key [8];
    pps_key_u64 (key, seq);
    MDB_val mkey = { 8, key }, data = { size, (void *) bytes };
    //  Keys only ever grow: MDB_APPEND keeps the log's pages packed.
    int rc = mdb_put (txn, pps_store_dbi (store, "events"), &mkey, &data, MDB_APPEND);
    if (rc)
        return rc;
    return pps_store_set_meta_u64 (store, txn, "last_seq", seq);
}

int
pps_eventlog_since (pps_store_t *store, MDB_txn *txn, uint64_t seq, uint32_t limit,
                    size_t max_bytes, pps_arena_t *arena, Pps__EventBatch *batch)
{
    batch->last_seq = pps_eventlog_last_seq (store, txn);
    batch->n_events = 0;
    batch->events = NULL;
    if (seq >= batch->last_seq || limit == 0)
        return 0;
    uint64_t available = batch->last_seq - seq;
    size_t capacity = available < limit ? (size_t) available : limit;
    batch->events = pps_arena_alloc (arena, capacity * sizeof (ProtobufCBinaryData));

    MDB_cursor *cursor;
    int rc = mdb_cursor_open (txn, pps_store_dbi (store, "events"), &cursor);
    if (rc)
        return rc;
    uint8_t start [8];
    pps_key_u64 (start, seq + 1);
    MDB_val key = { 8, start }, data;
    size_t total = 0;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_SET_RANGE);
    while (rc == 0 && batch->n_events < capacity) {
        if (batch->n_events > 0 && total + data.mv_size > max_bytes)
            break;
        uint8_t *copy = pps_arena_alloc (arena, data.mv_size ? data.mv_size : 1);
        memcpy (copy, data.mv_data, data.mv_size);
        batch->events [batch->n_events].data = copy;
        batch->events [batch->n_events].len = data.mv_size;
        batch->n_events++;
        total += data.mv_size;
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

void
pps_eventlog_test (bool verbose)
{
    (void) verbose;
    const char *path = "/tmp/pps-eventlog-test";
    { char file [256]; snprintf (file, sizeof file, "%s/data.mdb", path); zsys_file_delete (file); }
    { char file [256]; snprintf (file, sizeof file, "%s/lock.mdb", path); zsys_file_delete (file); }
    pps_store_t *store = pps_store_open (path, 16 << 20, NULL, 1);
    assert (store);
    pps_arena_t *arena = pps_arena_new ();
    MDB_txn *txn;
    assert (mdb_txn_begin (pps_store_env (store), NULL, 0, &txn) == 0);
    assert (pps_eventlog_last_seq (store, txn) == 0);
    for (uint64_t seq = 1; seq <= 10; seq++) {
        char text [16];
        snprintf (text, sizeof text, "event-%02u", (unsigned) seq);
        assert (pps_eventlog_append (store, txn, seq, text, strlen (text)) == 0);
    }
    //  A gap or a repeat is refused
    assert (pps_eventlog_append (store, txn, 12, "x", 1) == EINVAL);
    assert (pps_eventlog_append (store, txn, 10, "x", 1) == EINVAL);
    assert (mdb_txn_commit (txn) == 0);

    assert (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn) == 0);
    Pps__EventBatch batch = PPS__EVENT_BATCH__INIT;
    assert (pps_eventlog_since (store, txn, 0, 100, 1 << 20, arena, &batch) == 0);
    assert (batch.n_events == 10 && batch.last_seq == 10);
    assert (memcmp (batch.events [0].data, "event-01", 8) == 0);
    assert (pps_eventlog_since (store, txn, 7, 100, 1 << 20, arena, &batch) == 0);
    assert (batch.n_events == 3);
    assert (memcmp (batch.events [0].data, "event-08", 8) == 0);
    assert (pps_eventlog_since (store, txn, 2, 4, 1 << 20, arena, &batch) == 0);
    assert (batch.n_events == 4);
    assert (memcmp (batch.events [3].data, "event-06", 8) == 0);
    //  The byte cap stops early but always returns one event
    assert (pps_eventlog_since (store, txn, 0, 100, 1, arena, &batch) == 0);
    assert (batch.n_events == 1);
    assert (pps_eventlog_since (store, txn, 10, 100, 1 << 20, arena, &batch) == 0);
    assert (batch.n_events == 0 && batch.last_seq == 10);
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    pps_store_destroy (&store);
    { char file [256]; snprintf (file, sizeof file, "%s/data.mdb", path); zsys_file_delete (file); }
    { char file [256]; snprintf (file, sizeof file, "%s/lock.mdb", path); zsys_file_delete (file); }
}
