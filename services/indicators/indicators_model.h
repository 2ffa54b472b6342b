/*  indicators_model: the read model the bilan is computed from, fed only by
    the other services' events.

    Each event carries the new state of one record; the model keeps the
    latest state of every record in the "records" database under
    "<source>:<entity>:<key>", where entity is the event's change field name
    ("designation", "project"...) and key is the record's id (zero-padded) or,
    for records without an id, its identifying fields (codes, *_id, year,
    category) joined by ':'. A topic ending in ".removed" or ".deleted"
    removes the record. Applying an event twice leaves the same state, and
    the subscriber applies each exactly once anyway.
*/
#ifndef INDICATORS_MODEL_H_INCLUDED
#define INDICATORS_MODEL_H_INCLUDED

#include "pps_store.h"

//  The sources the model follows, NULL-terminated.
extern const char *const indicators_model_sources [];

//  Apply one event of source into the model (a pps_apply_fn; arg is the
//  pps_store_t). Returns 0, or -1 when the event does not decode.
int indicators_model_apply (void *arg, MDB_txn *txn, const char *source, uint64_t seq,
                            const uint8_t *event, size_t size);

//  Every record of source's entity, unpacked into arena as descriptor,
//  in key order. Returns 0 or an LMDB error code.
int indicators_model_load (pps_store_t *store, MDB_txn *txn, const char *source,
                           const char *entity, const ProtobufCMessageDescriptor *descriptor,
                           pps_arena_t *arena, void ***items_p, size_t *count_p);

//  Number of records in the model.
uint64_t indicators_model_size (pps_store_t *store, MDB_txn *txn);

//  The key of a record (see above) into buffer; returns its length.
size_t indicators_model_key (const ProtobufCMessage *record, char *buffer, size_t size);

#endif
