/*  pps_store: one service's LMDB environment and its named databases.  */
#include "pps_store.h"

#include <sys/statvfs.h>

#include <czmq.h>
#include <errno.h>
#include "common.pb-c.h"
#include "pps_config.h"

#define STORE_MAX_DBS 64

struct _pps_store_t {
    MDB_env *env;                     //  The environment
    char *path;                       //  Its directory
    size_t dbi_count;                 //  Named databases opened
    char *names [STORE_MAX_DBS];      //  Their names
    MDB_dbi dbis [STORE_MAX_DBS];     //  Their handles
    uint32_t schema_version;          //  As stored in meta
};

static const char *const s_own_databases [] = { "meta", "events", "requests", NULL };

static int
s_open_dbi (pps_store_t *self, MDB_txn *txn, const char *name)
{
    if (self->dbi_count >= STORE_MAX_DBS)
        return EINVAL;
    unsigned flags = MDB_CREATE;
    if (strncmp (name, "idx_", 4) == 0)
        flags |= MDB_DUPSORT | MDB_DUPFIXED;
    MDB_dbi dbi;
    int rc = mdb_dbi_open (txn, name, flags, &dbi);
    if (rc)
        return rc;
    self->names [self->dbi_count] = strdup (name);
    self->dbis [self->dbi_count] = dbi;
    self->dbi_count++;
    return 0;
}

pps_store_t *
pps_store_open (const char *path, size_t map_bytes, const char *const *databases,
                uint32_t schema_version)
{
    pps_store_t *self = calloc (1, sizeof (pps_store_t));
    assert (self);
    self->path = strdup (path);
    MDB_txn *txn = NULL;
    int rc;
    //  0750, as every directory of a region (pps_config_private_dir): the
    //  records are the region's, not every local account's
    if (pps_config_private_dir (path)) {
        zsys_error ("store: cannot create directory %s", path);
        goto fail;
    }
    if ((rc = mdb_env_create (&self->env)))
        goto lmdb_fail;
    if ((rc = mdb_env_set_maxdbs (self->env, STORE_MAX_DBS)))
        goto lmdb_fail;
    if ((rc = mdb_env_set_mapsize (self->env, map_bytes)))
        goto lmdb_fail;
    //  Every commit is synced to disk before we reply (no NOSYNC flag).
    //  MDB_NOTLS: a reader slot belongs to its transaction, not to its
    //  thread. With thread-local slots an actor's thread, exiting after it
    //  signalled its parent, released its slot in a TLS destructor while the
    //  service was closing the environment: a crash in liblmdb on SIGTERM
    //  (region.sigterm, one stop in a few hundred)
    if ((rc = mdb_env_open (self->env, path, MDB_NOTLS, 0640)))
        goto lmdb_fail;
    if ((rc = mdb_txn_begin (self->env, NULL, 0, &txn)))
        goto lmdb_fail;
    for (const char *const *name = s_own_databases; *name; name++)
        if ((rc = s_open_dbi (self, txn, *name)))
            goto lmdb_fail;
    for (const char *const *name = databases; name && *name; name++)
        if ((rc = s_open_dbi (self, txn, *name)))
            goto lmdb_fail;
    uint64_t stored = pps_store_meta_u64 (self, txn, "schema_version");
    if (stored == 0) {
        if ((rc = pps_store_set_meta_u64 (self, txn, "schema_version", schema_version)))
            goto lmdb_fail;
        stored = schema_version;
    }
    else
    if (stored > schema_version) {
        zsys_error ("store: %s has schema %u, newer than this program's %u",
                    path, (unsigned) stored, schema_version);
        goto fail;
    }
    self->schema_version = (uint32_t) stored;
    if ((rc = mdb_txn_commit (txn))) {
        txn = NULL;
        goto lmdb_fail;
    }
    return self;

lmdb_fail:
    zsys_error ("store: cannot open %s: %s", path, mdb_strerror (rc));
fail:
    if (txn)
        mdb_txn_abort (txn);
    pps_store_destroy (&self);
    return NULL;
}

void
pps_store_destroy (pps_store_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_store_t *self = *self_p;
        if (self->env)
            mdb_env_close (self->env);
        for (size_t index = 0; index < self->dbi_count; index++)
            free (self->names [index]);
        free (self->path);
        free (self);
        *self_p = NULL;
    }
}

MDB_env *
pps_store_env (pps_store_t *self)
{
    return self->env;
}

MDB_dbi
pps_store_dbi (pps_store_t *self, const char *name)
{
    for (size_t index = 0; index < self->dbi_count; index++)
        if (streq (self->names [index], name))
            return self->dbis [index];
    //  A database the service did not declare is a programming error
    zsys_error ("store: unknown database '%s'", name);
    assert (false);
    return 0;
}

uint32_t
pps_store_schema_version (pps_store_t *self)
{
    return self->schema_version;
}

void
pps_store_size (pps_store_t *self, uint64_t *used_p, uint64_t *map_p)
{
    MDB_envinfo info;
    MDB_stat stat;
    mdb_env_info (self->env, &info);
    mdb_env_stat (self->env, &stat);
    *used_p = (uint64_t) (info.me_last_pgno + 1) * stat.ms_psize;
    *map_p = info.me_mapsize;
}

void
pps_store_fs (pps_store_t *self, uint64_t *free_p, uint64_t *size_p)
{
    struct statvfs info;
    *free_p = *size_p = 0;
    if (statvfs (self->path, &info) == 0) {
        *free_p = (uint64_t) info.f_bavail * info.f_frsize;
        *size_p = (uint64_t) info.f_blocks * info.f_frsize;
    }
}

void
pps_key_u64 (uint8_t key [8], uint64_t value)
{
    for (int index = 7; index >= 0; index--) {
        key [index] = (uint8_t) (value & 0xff);
        value >>= 8;
    }
}

uint64_t
pps_key_to_u64 (const void *key)
{
    const uint8_t *bytes = key;
    uint64_t value = 0;
    for (int index = 0; index < 8; index++)
        value = (value << 8) | bytes [index];
    return value;
}

int
pps_store_get (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size,
               const ProtobufCMessageDescriptor *descriptor, pps_arena_t *arena,
               ProtobufCMessage **message_p)
{
    MDB_val mkey = { key_size, (void *) key }, data;
    int rc = mdb_get (txn, dbi, &mkey, &data);
    if (rc)
        return rc;
    ProtobufCMessage *message = pps_arena_unpack (arena, descriptor, data.mv_data, data.mv_size);
    if (!message)
        return MDB_CORRUPTED;
    *message_p = message;
    return 0;
}

int
pps_store_get_id (MDB_txn *txn, MDB_dbi dbi, uint64_t id,
                  const ProtobufCMessageDescriptor *descriptor, pps_arena_t *arena,
                  ProtobufCMessage **message_p)
{
    uint8_t key [8];
    pps_key_u64 (key, id);
    return pps_store_get (txn, dbi, key, sizeof key, descriptor, arena, message_p);
}

int
pps_store_put (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size,
               const ProtobufCMessage *message)
{
    size_t size = protobuf_c_message_get_packed_size (message);
    MDB_val mkey = { key_size, (void *) key };
    //  An empty message packs to zero bytes; LMDB stores that fine.
    MDB_val data = { size, NULL };
    int rc = mdb_put (txn, dbi, &mkey, &data, MDB_RESERVE);
    if (rc)
        return rc;
    protobuf_c_message_pack (message, data.mv_data);
    return 0;
}

int
pps_store_put_id (MDB_txn *txn, MDB_dbi dbi, uint64_t id, const ProtobufCMessage *message)
{
    uint8_t key [8];
    pps_key_u64 (key, id);
    return pps_store_put (txn, dbi, key, sizeof key, message);
}

uint64_t
pps_store_meta_u64 (pps_store_t *self, MDB_txn *txn, const char *name)
{
    MDB_val key = { strlen (name), (void *) name }, data;
    if (mdb_get (txn, pps_store_dbi (self, "meta"), &key, &data) || data.mv_size != 8)
        return 0;
    return pps_key_to_u64 (data.mv_data);
}

int
pps_store_set_meta_u64 (pps_store_t *self, MDB_txn *txn, const char *name, uint64_t value)
{
    uint8_t bytes [8];
    pps_key_u64 (bytes, value);
    MDB_val key = { strlen (name), (void *) name }, data = { 8, bytes };
    return mdb_put (txn, pps_store_dbi (self, "meta"), &key, &data, 0);
}

uint64_t
pps_store_next_id (pps_store_t *self, MDB_txn *txn, const char *counter)
{
    char name [96];
    snprintf (name, sizeof name, "id:%s", counter);
    uint64_t next = pps_store_meta_u64 (self, txn, name) + 1;
    if (pps_store_set_meta_u64 (self, txn, name, next))
        return 0;
    return next;
}

int
pps_index_add (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size, uint64_t id)
{
    uint8_t value [8];
    pps_key_u64 (value, id);
    MDB_val mkey = { key_size, (void *) key }, data = { 8, value };
    int rc = mdb_put (txn, dbi, &mkey, &data, MDB_NODUPDATA);
    return rc == MDB_KEYEXIST ? 0 : rc;
}

int
pps_index_remove (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size, uint64_t id)
{
    uint8_t value [8];
    pps_key_u64 (value, id);
    MDB_val mkey = { key_size, (void *) key }, data = { 8, value };
    int rc = mdb_del (txn, dbi, &mkey, &data);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

int
pps_index_each (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size,
                pps_index_visit_fn *visit, void *arg)
{
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (txn, dbi, &cursor);
    if (rc)
        return rc;
    MDB_val mkey = { key_size, (void *) key }, data;
    int result = 0;
    rc = mdb_cursor_get (cursor, &mkey, &data, MDB_SET_KEY);
    while (rc == 0) {
        if ((result = visit (pps_key_to_u64 (data.mv_data), arg)))
            break;
        rc = mdb_cursor_get (cursor, &mkey, &data, MDB_NEXT_DUP);
    }
    mdb_cursor_close (cursor);
    if (result)
        return result;
    return rc == MDB_NOTFOUND ? 0 : rc;
}

int
pps_store_each (MDB_txn *txn, MDB_dbi dbi, const ProtobufCMessageDescriptor *descriptor,
                pps_arena_t *arena, pps_record_visit_fn *visit, void *arg)
{
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (txn, dbi, &cursor);
    if (rc)
        return rc;
    MDB_val key, data;
    int result = 0;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
    while (rc == 0) {
        ProtobufCMessage *record = pps_arena_unpack (arena, descriptor, data.mv_data, data.mv_size);
        if (!record) {
            result = MDB_CORRUPTED;
            break;
        }
        if ((result = visit (record, arg)))
            break;
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    if (result)
        return result;
    return rc == MDB_NOTFOUND ? 0 : rc;
}

static int
s_count_visit (uint64_t id, void *arg)
{
    (void) id;
    (*(int *) arg)++;
    return 0;
}

void
pps_store_test (bool verbose)
{
    (void) verbose;
    const char *path = "/tmp/pps-store-test";
    { char file [256]; snprintf (file, sizeof file, "%s/data.mdb", path); zsys_file_delete (file); }
    { char file [256]; snprintf (file, sizeof file, "%s/lock.mdb", path); zsys_file_delete (file); }
    const char *const databases [] = { "things", "idx_things_by_colour", NULL };
    pps_store_t *store = pps_store_open (path, 16 << 20, databases, 3);
    assert (store);
    assert (pps_store_schema_version (store) == 3);
    pps_arena_t *arena = pps_arena_new ();

    uint8_t key [8];
    pps_key_u64 (key, 0x0102030405060708ULL);
    assert (key [0] == 1 && key [7] == 8);
    assert (pps_key_to_u64 (key) == 0x0102030405060708ULL);

    MDB_txn *txn;
    assert (mdb_txn_begin (pps_store_env (store), NULL, 0, &txn) == 0);
    uint64_t first = pps_store_next_id (store, txn, "things");
    uint64_t second = pps_store_next_id (store, txn, "things");
    assert (first == 1 && second == 2);
    Pps__Date date = PPS__DATE__INIT;
    date.year = 2025; date.month = 6; date.day = 30;
    assert (pps_store_put_id (txn, pps_store_dbi (store, "things"), first, &date.base) == 0);
    assert (pps_index_add (txn, pps_store_dbi (store, "idx_things_by_colour"), "red", 3, first) == 0);
    assert (pps_index_add (txn, pps_store_dbi (store, "idx_things_by_colour"), "red", 3, second) == 0);
    assert (pps_index_add (txn, pps_store_dbi (store, "idx_things_by_colour"), "red", 3, second) == 0);
    assert (mdb_txn_commit (txn) == 0);

    //  Abort leaves nothing behind
    assert (mdb_txn_begin (pps_store_env (store), NULL, 0, &txn) == 0);
    assert (pps_store_next_id (store, txn, "things") == 3);
    mdb_txn_abort (txn);

    pps_store_destroy (&store);
    store = pps_store_open (path, 16 << 20, databases, 3);
    assert (store);
    assert (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn) == 0);
    ProtobufCMessage *record = NULL;
    assert (pps_store_get_id (txn, pps_store_dbi (store, "things"), first,
                              &pps__date__descriptor, arena, &record) == 0);
    assert (((Pps__Date *) record)->month == 6);
    assert (pps_store_get_id (txn, pps_store_dbi (store, "things"), 99,
                              &pps__date__descriptor, arena, &record) == MDB_NOTFOUND);
    int count = 0;
    assert (pps_index_each (txn, pps_store_dbi (store, "idx_things_by_colour"), "red", 3,
                            s_count_visit, &count) == 0);
    assert (count == 2);
    assert (pps_store_meta_u64 (store, txn, "id:things") == 2);
    mdb_txn_abort (txn);
    uint64_t used, map;
    pps_store_size (store, &used, &map);
    assert (used > 0 && map == 16 << 20);
    uint64_t fs_free, fs_size;
    pps_store_fs (store, &fs_free, &fs_size);
    assert (fs_size > 0 && fs_free <= fs_size);

    //  A newer schema on disk is refused
    pps_store_destroy (&store);
    assert (pps_store_open (path, 16 << 20, databases, 2) == NULL);
    pps_arena_destroy (&arena);
    { char file [256]; snprintf (file, sizeof file, "%s/data.mdb", path); zsys_file_delete (file); }
    { char file [256]; snprintf (file, sizeof file, "%s/lock.mdb", path); zsys_file_delete (file); }
}
