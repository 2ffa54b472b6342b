/*  projects_harness: what the projects tests share: a registry and a
    projects service served in-process by pps_server on one configuration
    (ipc endpoints in a temporary data directory removed at the end), a
    client for each, the registry records a project refers to, and checks
    that work in every build type (assert is compiled out under NDEBUG).
*/
#ifndef PROJECTS_HARNESS_H_INCLUDED
#define PROJECTS_HARNESS_H_INCLUDED

#include <czmq.h>
#include "registry.h"
#include "projects.h"
#include "pps_client.h"

typedef struct {
    char data_dir [64];           //  Removed by projects_harness_stop
    pps_config_t *config;
    zactor_t *registry;           //  NULL when started without it
    zactor_t *projects;
    pps_client_t *registry_client;
    pps_client_t *projects_client;
    pps_arena_t *arena;           //  Requests and replies; never reset
    uint64_t prison_id;           //  A maison d'arrêt of region 32, no minors
    uint64_t epm_id;              //  An EPM of region 32
    uint64_t closed_id;           //  An establishment closed on 2024-06-30
    uint64_t partner_id;          //  A CSAPA of region 32
} test_t;

typedef enum {
    PROJECTS_HARNESS_FIXTURE,     //  registry with region 32, establishments, partner
    PROJECTS_HARNESS_EMPTY,       //  registry with nothing in it
    PROJECTS_HARNESS_ALONE        //  no registry: the projects service finds nobody to ask
} projects_harness_mode_t;

//  Start the services on a fresh data directory, as mode says.
void projects_harness_start (test_t *self, projects_harness_mode_t mode);

//  Create region 32, the establishments and the partner of test_t in the
//  registry (done at start in PROJECTS_HARNESS_FIXTURE mode).
void projects_harness_fixture (test_t *self);

//  Stop them and remove the data directory.
void projects_harness_stop (test_t *self);

//  Report a failed check, remove every data directory and exit with 1 at
//  once (a normal exit would wait for the server actors' sockets).
void projects_harness_abort (const char *file, int line, const char *what);

//  Send one projects request (value is the op's message, at offset in the
//  request) under request_id, or a new id when NULL; return its reply.
Projects__ProjectsReply *projects_harness_send (test_t *self, uint32_t op, size_t offset,
                                                void *value, const char *request_id);

//  Same for the registry.
Registry__RegistryReply *projects_harness_registry (test_t *self, uint32_t op, size_t offset,
                                                    void *value);

//  Check a reply's status code and, when field is not NULL, the field
//  named; returns the reply.
Projects__ProjectsReply *projects_harness_expect (Projects__ProjectsReply *reply, Pps__Code code,
                                                  const char *field, const char *file, int line);

//  Check that a registry reply is OK; returns it.
Registry__RegistryReply *projects_harness_registry_ok (Registry__RegistryReply *reply,
                                                       const char *file, int line);

//  The projects service's last event seq: how many events a write added.
uint64_t projects_harness_last_seq (test_t *self);

//  The event with that seq, decoded (the test fails when there is none).
Projects__ProjectsEvent *projects_harness_event (test_t *self, uint64_t seq);

//  A date in the harness's arena, from "YYYY-MM-DD".
Pps__Date *projects_harness_date (test_t *self, const char *text);

#define CHECK(condition) \
    do { if (!(condition)) projects_harness_abort (__FILE__, __LINE__, #condition); } while (0)
#define SEND_ID(upper, lower, value, id) \
    projects_harness_send (t, PROJECTS__PROJECTS_REQUEST__OP_##upper, \
                           offsetof (Projects__ProjectsRequest, lower), (value), (id))
#define SEND(upper, lower, value) SEND_ID (upper, lower, value, NULL)
#define REGISTRY(upper, lower, value) \
    projects_harness_registry (t, REGISTRY__REGISTRY_REQUEST__OP_##upper, \
                               offsetof (Registry__RegistryRequest, lower), (value))
#define EXPECT(reply, code, field) \
    projects_harness_expect ((reply), PPS__CODE__##code, (field), __FILE__, __LINE__)
#define REGISTRY_OK(reply) projects_harness_registry_ok ((reply), __FILE__, __LINE__)
#define OK(reply) EXPECT ((reply), OK, NULL)
#define DATE(text) projects_harness_date (t, (text))

#endif
