/*  training: the service that owns the training of professionals (OS 2 and
    OO 1.1 of instruction 2023/97): the regional catalogue of offers, their
    sessions, who attended (named persons, or counts per category where
    names are not collected) and the staff headcount of each establishment
    per category and year, the denominator of OS 2.

    training_service.c declares the service for the common runtime (its
    databases, its table of operations, the registry peer); each handler
    lives with the records it works on:
        training_offers.c      offers: create, update, get, list
        training_sessions.c    sessions: create, update, get, list
        training_attendance.c  participants, anonymous counts, a session's attendance
        training_headcounts.c  staff headcounts
        training_stats.c       trained_stats (OS 2) and is_trained (OO 1.1)
        training_refs.c        references checked with the registry, shared checks
        training_storage.c     loading, saving, keys and prefix scans
    The counting rules, which need no storage, are in training_rules.c.

    References to the registry's records are checked by asking the registry
    (pps_peer) when a record is written: an unknown record is NOT_FOUND on
    the request's field, a registry that does not answer is UNAVAILABLE.
    Reads never ask the registry, so they work while it is down.
*/
#ifndef TRAINING_H_INCLUDED
#define TRAINING_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_records.h"
#include "pps_date.h"
#include "pps_peer.h"
#include "training.pb-c.h"
#include "registry.pb-c.h"
#include "training_operations.h"

#define TRAINING_SCHEMA_VERSION 1

//  Field size limits (bytes) and list caps.
#define TRAINING_MINUTES_MIN    60      //  an offer lasts 1 hour...
#define TRAINING_MINUTES_MAX    60000   //  ...to 1000 hours
#define TRAINING_COUNT_MAX      10000   //  anonymous attendees of one line
#define TRAINING_HEADCOUNT_MAX  100000  //  staff of one category in one establishment
#define TRAINING_YEAR_MIN       2000
#define TRAINING_YEAR_MAX       2100
#define TRAINING_PEER_TIMEOUT_MS 2000   //  how long a registry check may take

//  Key sizes of the composite keys (big-endian fields, so that LMDB's order
//  groups a session's lines together).
#define TRAINING_PARTICIPANT_KEY 16     //  session id, person id
#define TRAINING_COUNT_KEY       20     //  session id, establishment id, category
#define TRAINING_HEADCOUNT_KEY   16     //  establishment id, year, category

typedef struct {
    pps_store_t *store;
    pps_peer_t *registry;         //  Checks references; owned
    MDB_dbi offers;               //  key: id
    MDB_dbi sessions;             //  key: id
    MDB_dbi participants;         //  key: session id, person id
    MDB_dbi category_counts;      //  key: session id, establishment id, category
    MDB_dbi headcounts;           //  key: establishment id, year, category
    MDB_dbi idx_session_offer;    //  offer id -> session ids
    MDB_dbi idx_person_session;   //  person id -> session ids they attended
} training_t;

extern const pps_service_t training_service;

//  Calls visit for every record whose key starts with prefix, unpacked in
//  the call's arena, in key order, until it returns non-zero. Returns 0, or
//  -1 with the call failed on a storage error.
int training_each_prefix (pps_call_t *call, MDB_dbi dbi, const void *prefix, size_t size,
                          const ProtobufCMessageDescriptor *descriptor,
                          pps_record_visit_fn *visit, void *arg);

//  Same over every record of dbi.
int training_each (pps_call_t *call, MDB_dbi dbi, const ProtobufCMessageDescriptor *descriptor,
                   pps_record_visit_fn *visit, void *arg);

//  Composite keys.
void training_participant_key (uint8_t key [TRAINING_PARTICIPANT_KEY], uint64_t session_id,
                               uint64_t person_id);
void training_count_key (uint8_t key [TRAINING_COUNT_KEY], uint64_t session_id,
                         uint64_t establishment_id, uint32_t category);
void training_headcount_key (uint8_t key [TRAINING_HEADCOUNT_KEY], uint64_t establishment_id,
                             uint32_t year, uint32_t category);

//  ---------------------------------------------------------------- registry references
//  Each asks the registry for one record and returns it (in the call's
//  arena), or NULL with the call failed on field: NOT_FOUND when the
//  registry does not know it, UNAVAILABLE when the registry does not answer.
const Registry__Region *training_ref_region (training_t *self, pps_call_t *call,
                                             const char *field, const char *region_code);
const Registry__Establishment *training_ref_establishment (training_t *self, pps_call_t *call,
                                                           const char *field, uint64_t id);
const Registry__Person *training_ref_person (training_t *self, pps_call_t *call,
                                             const char *field, uint64_t id);
const Registry__Partner *training_ref_partner (training_t *self, pps_call_t *call,
                                               const char *field, uint64_t id);

//  A region_code a client sent on a record whose region the service sets:
//  empty, or the expected one. Fails INVALID_ARGUMENT on field otherwise.
int training_check_region_echo (pps_call_t *call, const char *field, const char *given,
                                const char *expected);

//  Each item of a text list: not empty, at most max bytes, and at most
//  PPS_LIST_MAX items. Fails INVALID_ARGUMENT on "field[i]".
int training_check_text_list (pps_call_t *call, const char *field, char *const *items,
                              size_t count, size_t max);

//  The establishment an attendee works in: the one given, checked with the
//  registry and in region_code, or the session's site when none is given.
//  Returns 0 and sets *establishment_id_p, or -1 with the call failed.
int training_attendee_establishment (training_t *self, pps_call_t *call, const char *field,
                                     uint64_t given, const Training__TrainingSession *session,
                                     uint64_t *establishment_id_p);

//  ---------------------------------------------------------------- handlers
//  One per operation, named from the list in training_operations.h.
TRAINING_OPERATIONS (PPS_OP_DECLARE, training)

#endif
