/*  pps_records: a handler's reads and writes of its service's records, with
    storage errors turned into the call's failure (pps_call_fail), so that a
    handler chains them:
        if (pps_record_load (call, db, in->id, &x__descriptor, "x.id", &record)
        ||  pps_record_save (call, db, record->id, record, "x"))
            return -1;
    Records are keyed by their 64-bit id (big-endian) or by a composite key.
*/
#ifndef PPS_RECORDS_H_INCLUDED
#define PPS_RECORDS_H_INCLUDED

#include "pps_service.h"

//  Load the record with that id into the call's arena, or fail the call:
//  INVALID_ARGUMENT naming field when id is 0, NOT_FOUND when absent.
//  Returns 0 or -1.
int pps_record_load (pps_call_t *call, MDB_dbi dbi, uint64_t id,
                     const ProtobufCMessageDescriptor *descriptor, const char *field,
                     void *record_p);

//  Load the record at a composite key. Returns 0, 1 when absent (the call
//  is not failed), or -1 on a storage error (the call failed).
int pps_record_load_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                         const ProtobufCMessageDescriptor *descriptor, void *record_p);

//  Store a record under its id / a composite key; fails the call on error.
int pps_record_save (pps_call_t *call, MDB_dbi dbi, uint64_t id, const void *record,
                     const char *what);
int pps_record_save_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                         const void *record, const char *what);

//  Delete the record at a composite key (absent is fine); fails on error.
int pps_record_delete_key (pps_call_t *call, MDB_dbi dbi, const void *key, size_t size,
                           const char *what);

//  A new id for entity from the service's counters, or 0 with the call failed.
uint64_t pps_record_new_id (pps_call_t *call, const char *entity);

//  Add / remove the pair (owner, id) in a secondary index keyed by a 64-bit
//  owner id; fails the call on error.
int pps_record_index_add (pps_call_t *call, MDB_dbi index, uint64_t owner, uint64_t id);
int pps_record_index_remove (pps_call_t *call, MDB_dbi index, uint64_t owner, uint64_t id);

//  The ids stored under owner in an index, in the call's arena (count in
//  *count_p). NULL with the call failed on a storage error; an empty list
//  is not NULL.
uint64_t *pps_record_index_ids (pps_call_t *call, MDB_dbi index, uint64_t owner,
                                size_t *count_p);

#endif
