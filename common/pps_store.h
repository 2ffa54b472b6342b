/*  pps_store: one service's LMDB environment and its named databases.

    Every store has three databases of its own besides the service's:
        meta      schema version, id counters, last event seq
        events    the event log, key = big-endian seq (see pps_eventlog)
        requests  applied write request ids and their first reply
    A database whose name starts with "idx_" is opened MDB_DUPSORT, for
    secondary indexes (key = index key, values = big-endian record ids).
    Records are stored as packed protobuf; reads unpack into an arena, so a
    record stays valid after its transaction ends.
*/
#ifndef PPS_STORE_H_INCLUDED
#define PPS_STORE_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include <lmdb.h>
#include "pps_arena.h"

typedef struct _pps_store_t pps_store_t;

//  Open (creating if needed) the environment in directory path with a map of
//  map_bytes and the given NULL-terminated database names; checks or writes
//  the schema version. Returns NULL and logs the reason on failure.
//  Caller owns return value and must destroy it.
pps_store_t *pps_store_open (const char *path, size_t map_bytes,
                             const char *const *databases, uint32_t schema_version);

//  Close the environment; sets *self_p to NULL.
void pps_store_destroy (pps_store_t **self_p);

//  The LMDB environment (owned by the store).
MDB_env *pps_store_env (pps_store_t *self);

//  Handle of a named database; the name must be one given at open.
MDB_dbi pps_store_dbi (pps_store_t *self, const char *name);

//  Schema version written in meta.
uint32_t pps_store_schema_version (pps_store_t *self);

//  Bytes in use and bytes mapped.
void pps_store_size (pps_store_t *self, uint64_t *used_p, uint64_t *map_p);

//  The filesystem under the store's directory: bytes available to an
//  unprivileged writer, and its size (statvfs); 0 and 0 when unknown.
void pps_store_fs (pps_store_t *self, uint64_t *free_p, uint64_t *size_p);

//  Big-endian encoding of a 64-bit key, so that LMDB's byte order is the
//  numeric order.
void pps_key_u64 (uint8_t key [8], uint64_t value);
uint64_t pps_key_to_u64 (const void *key);

//  Read the record at key and unpack it into arena. Returns 0 and sets
//  *message_p, MDB_NOTFOUND when absent, or another LMDB code; a stored value
//  that does not unpack is reported as MDB_CORRUPTED.
int pps_store_get (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size,
                   const ProtobufCMessageDescriptor *descriptor, pps_arena_t *arena,
                   ProtobufCMessage **message_p);

//  Same with a 64-bit id as key.
int pps_store_get_id (MDB_txn *txn, MDB_dbi dbi, uint64_t id,
                      const ProtobufCMessageDescriptor *descriptor, pps_arena_t *arena,
                      ProtobufCMessage **message_p);

//  Pack message and store it at key. Returns 0 or an LMDB error code.
int pps_store_put (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size,
                   const ProtobufCMessage *message);

//  Same with a 64-bit id as key.
int pps_store_put_id (MDB_txn *txn, MDB_dbi dbi, uint64_t id, const ProtobufCMessage *message);

//  Next value of a named counter kept in meta (first value 1), inside txn.
//  Returns 0 when the counter cannot be written.
uint64_t pps_store_next_id (pps_store_t *self, MDB_txn *txn, const char *counter);

//  Read / write a 64-bit value in meta under name. get returns 0 when absent.
uint64_t pps_store_meta_u64 (pps_store_t *self, MDB_txn *txn, const char *name);
int pps_store_set_meta_u64 (pps_store_t *self, MDB_txn *txn, const char *name, uint64_t value);

//  Secondary index (an idx_ database): add / remove the pair (key, id).
int pps_index_add (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size, uint64_t id);
int pps_index_remove (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size, uint64_t id);

//  Calls visit for every id stored under key, in id order, until it returns
//  non-zero (which is then returned). Returns 0 after the last id.
typedef int (pps_index_visit_fn) (uint64_t id, void *arg);
int pps_index_each (MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_size,
                    pps_index_visit_fn *visit, void *arg);

//  Calls visit for every record of a database, unpacked into arena, in key
//  order, until it returns non-zero (which is then returned).
typedef int (pps_record_visit_fn) (ProtobufCMessage *record, void *arg);
int pps_store_each (MDB_txn *txn, MDB_dbi dbi, const ProtobufCMessageDescriptor *descriptor,
                    pps_arena_t *arena, pps_record_visit_fn *visit, void *arg);

//  Self test.
void pps_store_test (bool verbose);

#endif
