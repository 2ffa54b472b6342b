/*  projects: the service that owns the establishments' health-promotion
    projects (annex 2 of instruction 2023/97), their status history, their
    sessions with attendance counts and their evaluation, and per
    establishment and year the SWOT (OO 4.1) and the yearly review (OO 5.5).

    projects_service.c declares the service for the common runtime (its
    databases, its table of operations, the registry peer); each handler
    lives with the records it works on:
        projects_storage.c     loading, saving, keys; references checked
                               with the registry through pps_peer
        projects_sheet.c       create, update, get and list projects
        projects_lifecycle.c   status transitions and the evaluation
        projects_sessions.c    sessions of a project's action
        projects_years.c       SWOT and yearly review per establishment
        projects_stats.c       a region's figures over a period
        projects_plans.c       planned sessions and their rétroplanning steps
        projects_templates.c   a region's versioned template of steps
    Domain rules that need no storage are in projects_rules.c.

    No detainee is identified anywhere: sessions carry counts only, and a
    plan's steps say what to do with a list of participants, never the list.
*/
#ifndef PROJECTS_H_INCLUDED
#define PROJECTS_H_INCLUDED

#include <sys/types.h>
#include "pps_service.h"
#include "pps_validate.h"
#include "pps_records.h"
#include "pps_date.h"
#include "pps_peer.h"
#include "projects.pb-c.h"
#include "registry.pb-c.h"
#include "projects_operations.h"

#define PROJECTS_SCHEMA_VERSION 1

//  Field size limits (bytes) and counts.
#define PROJECTS_NOTE_MAX       1000
#define PROJECTS_FEEDBACK_MAX   2000
#define PROJECTS_PARTNERS_MAX   100       //  each one is checked with the registry
#define PROJECTS_COUNT_MAX      10000     //  registered or attended in one session
#define PROJECTS_YEAR_MIN       2000
#define PROJECTS_YEAR_MAX       2100
#define PROJECTS_REGISTRY_MS    2000      //  how long a registry check may take
#define PROJECTS_UPCOMING_DAYS  14        //  upcoming_steps' window when not given
#define PROJECTS_UPCOMING_MAX   366       //  its widest window

typedef struct {
    pps_store_t *store;
    pps_peer_t *registry;             //  Checks establishments and partners
    MDB_dbi projects;                 //  key: id
    MDB_dbi sessions;                 //  key: id
    MDB_dbi establishment_years;      //  key: establishment id, year (projects_year_key)
    MDB_dbi idx_establishment_projects;   //  establishment id -> project ids
    MDB_dbi idx_project_sessions;     //  project id -> session ids
    MDB_dbi plans;                    //  key: id
    MDB_dbi plan_templates;           //  key: region code, ':', version (projects_template_key)
    MDB_dbi idx_project_plans;        //  project id -> plan ids
} projects_t;

extern const pps_service_t projects_service;

//  Key of an establishment year: the big-endian id, then the big-endian year.
#define PROJECTS_YEAR_KEY_SIZE 12
void projects_year_key (uint8_t key [PROJECTS_YEAR_KEY_SIZE], uint64_t establishment_id,
                        int32_t year);

//  Ask the registry for an establishment; returns it (in the call's arena),
//  or NULL with the call failed on field: INVALID_ARGUMENT for id 0,
//  NOT_FOUND when the registry does not know it, UNAVAILABLE when the
//  registry does not answer.
Registry__Establishment *projects_establishment (projects_t *self, pps_call_t *call,
                                                 uint64_t id, const char *field);

//  Ask the registry whether a partner exists; same failures. Returns 0 or -1.
int projects_check_partner (projects_t *self, pps_call_t *call, uint64_t id, const char *field);

//  Ask the registry for a person (a staff member); same failures.
Registry__Person *projects_person (projects_t *self, pps_call_t *call, uint64_t id,
                                   const char *field);

//  Ask the registry whether a region exists (code checked as a code
//  first); same failures. Returns 0 or -1.
int projects_check_region (projects_t *self, pps_call_t *call, const char *code,
                           const char *field);

//  A region's template of steps: version 0 for the one in use (annex 2's,
//  version 0, when the region has none of its own), else that version.
//  Returns it in the call's arena, or NULL with the call failed on field
//  (NOT_FOUND for a version never stored, or a storage error).
Projects__PlanTemplate *projects_plan_template (projects_t *self, pps_call_t *call,
                                                const char *region_code, uint32_t version,
                                                const char *field);

//  Cancel the scheduled plans a project's last transition (on date) leaves
//  without a session: all of them when it was abandoned, those dated after
//  date when it was completed (the steps after its last sessions are
//  still owed). Each is told as plan.cancelled. Returns 0 or -1 with the
//  call failed.
int projects_close_plans (projects_t *self, pps_call_t *call, const Projects__Project *project,
                          const Pps__Date *date);

//  Every session of a project, in id order, loaded into the call's arena.
//  Returns their count, or -1 with the call failed.
ssize_t projects_project_sessions (projects_t *self, pps_call_t *call, uint64_t project_id,
                                   Projects__Session ***sessions_p);

//  Check a repeated enum field: at most PPS_LIST_MAX values, each known
//  to descriptor and not UNSPECIFIED, none twice; names "<field>[i]".
int projects_check_enums (pps_call_t *call, const char *field,
                          const ProtobufCEnumDescriptor *descriptor,
                          const int *values, size_t count);

//  ---------------------------------------------------------------- handlers
//  One per operation, named from the list in projects_operations.h.
PROJECTS_OPERATIONS (PPS_OP_DECLARE, projects)

#endif
