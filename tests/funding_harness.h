/*  funding_harness: what the funding tests share: a registry, a projects
    service and a funding service served in-process on one configuration
    (pps_server over ipc, in a temporary data directory removed at the end),
    a client for each, the registry records and projects the scenarios refer
    to, and checks that work in every build type (assert is compiled out
    under NDEBUG). Each service can be stopped and restarted on the same
    data directory.
*/
#ifndef FUNDING_HARNESS_H_INCLUDED
#define FUNDING_HARNESS_H_INCLUDED

#include <czmq.h>
#include "funding.h"
#include "pps_client.h"
#include "test_scratch.h"

typedef enum { FH_REGISTRY, FH_PROJECTS, FH_FUNDING, FH_SERVICES } fh_service_t;

typedef struct {
    pps_config_t *config;
    zactor_t *actors [FH_SERVICES];     //  NULL while stopped
    pps_client_t *clients [FH_SERVICES];
    pps_arena_t *arena;                 //  Requests and replies; never reset
} fh_t;

//  What the scenarios refer to in the registry and the projects service.
typedef struct {
    uint64_t establishments [3];        //  Region 32; the third never applies
    uint64_t other_establishment;       //  Region 11
    uint64_t hospital;                  //  Region 32, runs the health unit
    uint64_t other_hospital;
    uint64_t health_unit;               //  In establishments [0]
    uint64_t partner;                   //  An IREPS of region 32
    uint64_t other_partner;
    uint64_t cpom;                      //  ARS/IREPS, 2024-2026
    uint64_t projects [4];              //  [0] in establishments [0], [1] and [3] in [1]; [2] region 11
} fh_world_t;

//  Planned budgets and themes of the projects of fh_world_t.
#define FH_BUDGET_0   5000000           //  50 000,00 euros
#define FH_BUDGET_1   2000000
#define FH_BUDGET_3   1000000

//  Start the three services on a fresh data directory and connect to them.
void fh_start (fh_t *self);

//  Stop them and remove the data directory.
void fh_stop (fh_t *self);

//  Stop / restart one service alone (same data directory).
void fh_service_stop (fh_t *self, fh_service_t service);
void fh_service_start (fh_t *self, fh_service_t service);

//  Send one request (op's field number and its message) to a service under
//  request_id, or a fresh id when NULL, and return the reply.
Registry__RegistryReply *fh_registry (fh_t *self, uint32_t op, const void *value);
Projects__ProjectsReply *fh_projects (fh_t *self, uint32_t op, const void *value);
Funding__FundingReply *fh_funding (fh_t *self, uint32_t op, const void *value,
                                   const char *request_id);
//  The projects service's reply whatever its status (fh_projects expects OK).
Projects__ProjectsReply *fh_projects_any (fh_t *self, uint32_t op, const void *value);

//  Check any reply's status code and, when field is not NULL, the field named.
void *fh_expect (void *reply, Pps__Code code, const char *field, const char *file, int line);

//  The funding service's last event seq, and its events after seq.
uint64_t fh_last_seq (fh_t *self);
size_t fh_events_since (fh_t *self, uint64_t seq, Funding__FundingEvent ***events_p);

//  Check that the funding log grew by exactly added events since *seq, the
//  last one under topic when not NULL, and move *seq to its end.
void fh_wrote (fh_t *self, uint64_t *seq, uint64_t added, const char *topic,
               const char *file, int line);

//  A date in the harness arena.
Pps__Date *fh_date (fh_t *self, int year, int month, int day);

//  Create the registry records and the projects of fh_world_t.
void fh_world (fh_t *self, fh_world_t *world);

//  Create a project (other_theme 0: one theme) through the projects
//  service; returns its id.
uint64_t fh_project (fh_t *self, uint64_t establishment_id, const char *title, int64_t budget,
                     Projects__Theme theme, Projects__Theme other_theme);

//  Records in the harness arena, for requests.
Funding__Funder *fh_funder (fh_t *self, Funding__FunderKind kind, Funding__FunderLevel level,
                            const char *region, const char *name);
//  A call of 2025 from March 1st to April 30th, with that envelope, of
//  funder, joint with other_funder unless it is 0.
Funding__Call *fh_call (fh_t *self, const char *title, int64_t envelope, uint64_t funder,
                        uint64_t other_funder);
Funding__Application *fh_application (fh_t *self, uint64_t call_id, uint64_t funder_id,
                                      uint64_t project_id, int64_t amount, Pps__Date *submitted);
Funding__Decision *fh_decision (fh_t *self, uint64_t application_id,
                                Funding__ApplicationStatus status, int64_t amount,
                                Pps__Date *date, const char *reason);
Funding__CallTransition *fh_transition (fh_t *self, uint64_t call_id, Funding__CallStatus status,
                                        Pps__Date *date);

//  Submit / decide / move and return the record, checking the reply is OK.
Funding__Application *fh_submit_ok (fh_t *self, Funding__Application *application,
                                    const char *file, int line);
Funding__Application *fh_decide_ok (fh_t *self, Funding__Decision *decision,
                                    const char *file, int line);
Funding__Call *fh_transition_ok (fh_t *self, Funding__CallTransition *transition,
                                 const char *file, int line);

#define CHECK(condition) \
    do { if (!(condition)) test_scratch_abort (__FILE__, __LINE__, #condition); } while (0)
#define FUNDING(upper, value) \
    fh_funding (t, FUNDING__FUNDING_REQUEST__OP_##upper, (value), NULL)
#define FUNDING_ID(upper, value, id) \
    fh_funding (t, FUNDING__FUNDING_REQUEST__OP_##upper, (value), (id))
#define EXPECT(reply, code, field) \
    ((Funding__FundingReply *) fh_expect ((reply), PPS__CODE__##code, (field), __FILE__, __LINE__))
#define OK(reply) EXPECT ((reply), OK, NULL)
#define WROTE(seq, added, topic) fh_wrote (t, (seq), (added), (topic), __FILE__, __LINE__)
#define SUBMIT_OK(application) fh_submit_ok (t, (application), __FILE__, __LINE__)
#define DECIDE_OK(decision) fh_decide_ok (t, (decision), __FILE__, __LINE__)
#define MOVE_OK(transition) fh_transition_ok (t, (transition), __FILE__, __LINE__)

#endif
