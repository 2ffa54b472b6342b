/*  funding: the service that coordinates the funding of health promotion in
    prisons (annex 4, OO 1.3 and OO 4.3 of instruction 2023/97): funders,
    calls for projects (joint when several funders issue one), applications
    of projects and their decisions, budgets allocated to health units by
    convention, indirect funding through CPOMs, and the co-financing,
    concertation and granted-totals views.

    funding_service.c declares the service for the common runtime; each
    handler lives with the records it works on:
        funding_funders.c       funders
        funding_calls.c         calls and their status transitions
        funding_applications.c  submission, review, withdrawal, reads
        funding_decisions.c     decisions of applications
        funding_allocations.c   allocations to health units, indirect funding
        funding_views.c         co-financing of a project, concertation of a call
        funding_totals.c        amounts granted over a period
    References to other services are checked through funding_peers.c (the
    registry and the projects service are asked, the client is not trusted);
    loading and saving are in funding_storage.c; the rules that need no
    storage in funding_rules.c. Money is summed with pps_money only.
*/
#ifndef FUNDING_H_INCLUDED
#define FUNDING_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_records.h"
#include "pps_date.h"
#include "pps_money.h"
#include "pps_peer.h"
#include "funding.pb-c.h"
#include "projects.pb-c.h"
#include "registry.pb-c.h"
#include "funding_operations.h"

#define FUNDING_SCHEMA_VERSION 1

//  Field size limits (bytes) and list caps.
#define FUNDING_CALL_FUNDERS_MAX  20    //  funders of one joint call
#define FUNDING_YEAR_MIN        2000
#define FUNDING_YEAR_MAX        2100
#define FUNDING_PEER_TIMEOUT_MS 2000

typedef struct {
    pps_store_t *store;
    char *region_code;                //  The deployment's region
    pps_peer_t *registry;             //  Establishments, health units, partners, CPOMs
    pps_peer_t *projects;             //  Projects
    MDB_dbi funders;                  //  key: id
    MDB_dbi calls;
    MDB_dbi applications;
    MDB_dbi allocations;
    MDB_dbi indirect_fundings;
    MDB_dbi idx_call_applications;    //  call id -> application ids
    MDB_dbi idx_project_applications; //  project id -> application ids
} funding_t;

extern const pps_service_t funding_service;

//  The applications filed under key_id in index, loaded in id order into
//  the call's arena: sets *items_p (an array built by pps_arena_push) and
//  *count_p. Returns 0 or -1 with the call failed.
int funding_applications_under (funding_t *self, pps_call_t *call, MDB_dbi index,
                                uint64_t key_id, Funding__Application ***items_p,
                                size_t *count_p);

//  Check a list of ids: at most max, none zero, no duplicate; the field
//  is named with its index ("call.funder_ids[2]"). Returns 0 or -1.
int funding_check_ids (pps_call_t *call, const char *field, const uint64_t *ids,
                       size_t count, size_t max);

//  Check an amount of cents: at most PPS_MONEY_MAX, not negative, and not
//  0 when positive. Fails INVALID_ARGUMENT on field. Returns 0 or -1.
int funding_check_amount (pps_call_t *call, const char *field, int64_t cents, bool positive);

//  Check a year in [FUNDING_YEAR_MIN, FUNDING_YEAR_MAX]. Returns 0 or -1.
int funding_check_year (pps_call_t *call, const char *field, int32_t year);

//  Name of an enum value ("FIR"), or "?" when unknown.
const char *funding_enum_name (const ProtobufCEnumDescriptor *descriptor, int value);

//  ---------------------------------------------------------------- peers
//  Each asks the other service for one record and returns it (in the call's
//  arena), or NULL with the call failed on field: NOT_FOUND when the record
//  does not exist, UNAVAILABLE when the service does not answer.
Projects__Project *funding_peer_project (funding_t *self, pps_call_t *call, uint64_t id,
                                         const char *field);
Registry__Region *funding_peer_region (funding_t *self, pps_call_t *call, const char *code,
                                       const char *field);
Registry__Establishment *funding_peer_establishment (funding_t *self, pps_call_t *call,
                                                     uint64_t id, const char *field);
Registry__HealthUnit *funding_peer_health_unit (funding_t *self, pps_call_t *call,
                                                uint64_t id, const char *field);
Registry__Partner *funding_peer_partner (funding_t *self, pps_call_t *call, uint64_t id,
                                         const char *field);
Registry__Cpom *funding_peer_cpom (funding_t *self, pps_call_t *call, uint64_t id,
                                   const char *field);

//  The establishments of a region open at open_at (NULL: every one).
Registry__EstablishmentList *funding_peer_establishments (funding_t *self, pps_call_t *call,
                                                          const char *region_code,
                                                          const Pps__Date *open_at,
                                                          const char *field);

//  ---------------------------------------------------------------- shared
//  Load a funder, failing with NOT_FOUND on field.
int funding_funder_load (funding_t *self, pps_call_t *call, uint64_t id, const char *field,
                         Funding__Funder **funder_p);

//  Load an application that still waits for its decision (submitted or
//  under review) in a call that is open or closed, with its call when
//  call_p is not NULL. Fails NOT_FOUND or FAILED_PRECONDITION on
//  "application_id". Returns 0 or -1.
int funding_pending_application (funding_t *self, pps_call_t *call, uint64_t id,
                                 Funding__Application **application_p, Funding__Call **call_p);

//  ---------------------------------------------------------------- handlers
//  One per operation, named from the list in funding_operations.h.
FUNDING_OPERATIONS (PPS_OP_DECLARE, funding)

#endif
