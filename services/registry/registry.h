/*  registry: the service that owns organisations, people, referent
    designations, the regional programme, committees and meetings.

    registry_service.c declares the service for the common runtime (its
    databases and its table of operations); each handler lives with the
    records it works on:
        registry_orgs.c        regions and establishments
        registry_directorates.c  DISP and DIRPJJ (helpers shared with the import)
        registry_health.c      hospitals and health units
        registry_people.c      partners and persons
        registry_import.c      CSV import of establishments
        registry_referents.c   designations, history of a scope, vacancies
        registry_programme.c   regional programme record and CPOMs
        registry_committees.c  regional committee, working groups, steering
                               committees and their members
        registry_meetings.c    meetings and their attendance statistics
    Domain rules that need no storage are in registry_rules.c.
*/
#ifndef REGISTRY_H_INCLUDED
#define REGISTRY_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_records.h"
#include "pps_date.h"
#include "registry.pb-c.h"
#include "registry_operations.h"

#define REGISTRY_SCHEMA_VERSION 1

//  Field size limits (bytes).

typedef struct {
    pps_store_t *store;
    MDB_dbi regions;              //  key: region code
    MDB_dbi directorates;         //  key: id
    MDB_dbi establishments;       //  key: id
    MDB_dbi hospitals;
    MDB_dbi health_units;
    MDB_dbi partners;
    MDB_dbi persons;
    MDB_dbi designations;
    MDB_dbi programmes;           //  key: region code
    MDB_dbi cpoms;
    MDB_dbi regional_committees;
    MDB_dbi working_groups;
    MDB_dbi steering_committees;
    MDB_dbi meetings;
    MDB_dbi idx_establishment_code;   //  ministry code -> establishment id
    MDB_dbi idx_directorate_code;     //  "DISP-LILLE" -> directorate id
    MDB_dbi idx_designation_scope;    //  scope key -> designation ids
} registry_t;

extern const pps_service_t registry_service;

//  Fail with NOT_FOUND when the region code is unknown.
int registry_check_region (registry_t *self, pps_call_t *call, const char *field,
                           const char *region_code);

//  The id registered under a unique code in index (an idx_*_code database),
//  or 0 when none.
uint64_t registry_id_by_code (pps_call_t *call, MDB_dbi index, const char *code);

//  Register new_code for id in a unique-code index, releasing old_code (NULL
//  for a new record). Fails with ALREADY_EXISTS naming field when another
//  record holds new_code. Returns 0 or -1.
int registry_claim_code (pps_call_t *call, MDB_dbi index, const char *field,
                         const char *old_code, const char *new_code, uint64_t id);

//  Index key of a designation scope: region code, then establishment id.
size_t registry_scope_key (uint8_t *key, size_t size, const char *region_code,
                           uint64_t establishment_id);

//  ---------------------------------------------------------------- shared rules
//  Check an establishment's fields and references (registry_orgs.c).
int registry_establishment_valid (registry_t *self, pps_call_t *call,
                                  const Registry__Establishment *in);

//  Check that a change of an establishment (before -> in) leaves its
//  designations and health units within its life: no designation starting
//  before a new opened_on or active after a new closed_on, no PJJ referent
//  still in post when it stops holding minors, no health unit dated outside
//  its new dates. Fails FAILED_PRECONDITION naming the establishment's
//  field and the conflicting record, writing nothing. Returns 0 or -1.
int registry_establishment_change_valid (registry_t *self, pps_call_t *call,
                                         const Registry__Establishment *in,
                                         const Registry__Establishment *before);

//  The designations part of registry_establishment_change_valid
//  (registry_referents.c).
int registry_designations_fit (registry_t *self, pps_call_t *call,
                               const Registry__Establishment *in,
                               const Registry__Establishment *before);

//  The health units part of registry_establishment_change_valid
//  (registry_health.c).
int registry_health_units_fit (registry_t *self, pps_call_t *call,
                               const Registry__Establishment *in,
                               const Registry__Establishment *before);

//  The id of the establishment with that ministry code, or 0.
uint64_t registry_establishment_by_code (registry_t *self, pps_call_t *call, const char *code);

//  Store an establishment (a new one when before is NULL: assigns its id),
//  keep the code index and emit its event. Returns 0 or -1.
int registry_establishment_store (registry_t *self, pps_call_t *call,
                                  Registry__Establishment *in,
                                  const Registry__Establishment *before);

//  The meetings of one body (registry_meetings.c), in id order, in the
//  call's arena; NULL with the call failed when they cannot be read.
Registry__MeetingList *registry_body_meetings (registry_t *self, pps_call_t *call,
                                               Registry__BodyKind kind, uint64_t id);

//  ---------------------------------------------------------------- handlers
//  One per operation, named from the list in registry_operations.h.
REGISTRY_OPERATIONS (PPS_OP_DECLARE, registry)

#endif
