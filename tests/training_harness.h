/*  training_harness: what the training.service, training.stats and
    training.sample tests share: a registry and a training service served
    in-process on one configuration (pps_server
    over ipc, in a temporary data directory removed at the end), a client
    for each, and checks that work in every build type (assert is compiled
    out under NDEBUG). The registry can be stopped and restarted, to see
    what the training service answers while it is down.
*/
#ifndef TRAINING_HARNESS_H_INCLUDED
#define TRAINING_HARNESS_H_INCLUDED

#include <czmq.h>
#include "registry.h"
#include "training.h"
#include "pps_client.h"
#include "test_scratch.h"

typedef struct {
    pps_config_t *config;
    zactor_t *registry;             //  NULL while stopped
    zactor_t *training;
    pps_client_t *registry_client;
    pps_client_t *training_client;
    pps_arena_t *arena;             //  Requests and replies; never reset
} th_t;

//  Start both services on a fresh data directory and connect to them.
void th_start (th_t *self);

//  Stop both and remove the data directory.
void th_stop (th_t *self);

//  Stop / restart the registry alone (same data directory).
void th_registry_stop (th_t *self);
void th_registry_start (th_t *self);

//  Send one request of the service (op's field number, its message) under
//  request_id, or a fresh id when NULL, and return the reply.
Registry__RegistryReply *th_registry (th_t *self, uint32_t op, const ProtobufCMessage *value,
                                      const char *request_id);
Training__TrainingReply *th_training (th_t *self, uint32_t op, const ProtobufCMessage *value,
                                      const char *request_id);

//  Check a reply's status code and, when field is not NULL, the field
//  named; return the reply.
Registry__RegistryReply *th_expect_registry (Registry__RegistryReply *reply, Pps__Code code,
                                             const char *field, const char *file, int line);
Training__TrainingReply *th_expect_training (Training__TrainingReply *reply, Pps__Code code,
                                             const char *field, const char *file, int line);

//  The training service's last event seq, and its events after seq.
uint64_t th_last_seq (th_t *self);
size_t th_events_since (th_t *self, uint64_t seq, Training__TrainingEvent ***events_p);

//  A date in the harness arena.
Pps__Date *th_date (th_t *self, int year, int month, int day);

//  What the scenarios refer to in the registry.
typedef struct {
    uint64_t region_establishment [2];    //  Two establishments of region 32
    uint64_t other_establishment;         //  One of region 11
    uint64_t partner;                     //  An IREPS of region 32
    uint64_t persons [4];                 //  Staff of region 32
} prerequisites_t;

//  Create regions 32 and 11, the establishments, the partner and the
//  persons through the registry's API.
void th_prerequisites (th_t *self, prerequisites_t *p);

//  Check that the training service's log grew by exactly added events
//  since *seq, and move *seq to its end.
void th_wrote (th_t *self, uint64_t *seq, uint64_t added, const char *file, int line);

//  Records in the harness arena, for requests.
Training__TrainingOffer *th_offer (th_t *self, const prerequisites_t *p, Pps__Date *open_from,
                                   Pps__Date *open_to);
Training__TrainingSession *th_session (th_t *self, uint64_t offer_id, Pps__Date *first,
                                       Pps__Date *last, uint64_t establishment_id,
                                       const char *site_label);
Training__Participant *th_participant (th_t *self, uint64_t session_id, uint64_t person_id,
                                       Training__StaffCategory category,
                                       uint64_t establishment_id);
Training__CategoryCount *th_count (th_t *self, uint64_t session_id, uint64_t establishment_id,
                                   Training__StaffCategory category, int32_t count);
Training__StaffHeadcount *th_headcount (th_t *self, uint64_t establishment_id, int32_t year,
                                        Training__StaffCategory category, int32_t count);

//  TrainedStats of region 32 (or one establishment of it) over [from, to],
//  checked OK; a category's line of it (NULL when absent).
Training__TrainedStats *th_stats (th_t *self, uint64_t establishment_id, Pps__Date *from,
                                  Pps__Date *to);
Training__CategoryStats *th_category (Training__TrainedStats *stats,
                                      Training__StaffCategory category);

//  IsTrained of a person over a calendar year, checked OK.
Training__IsTrained *th_is_trained (th_t *self, uint64_t person_id, int year);

#define CHECK(condition) \
    do { if (!(condition)) test_scratch_abort (__FILE__, __LINE__, #condition); } while (0)
#define REGISTRY(upper, value) \
    th_registry (t, REGISTRY__REGISTRY_REQUEST__OP_##upper, &(value)->base, NULL)
#define TRAINING_ID(upper, value, id) \
    th_training (t, TRAINING__TRAINING_REQUEST__OP_##upper, &(value)->base, (id))
#define TRAINING(upper, value) TRAINING_ID (upper, value, NULL)
#define EXPECT_R(reply, code, field) \
    th_expect_registry ((reply), PPS__CODE__##code, (field), __FILE__, __LINE__)
#define EXPECT(reply, code, field) \
    th_expect_training ((reply), PPS__CODE__##code, (field), __FILE__, __LINE__)
#define OK_R(reply) EXPECT_R ((reply), OK, NULL)
#define OK(reply) EXPECT ((reply), OK, NULL)
#define WROTE(count) th_wrote (t, &seq, (count), __FILE__, __LINE__)

#endif
