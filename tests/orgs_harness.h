/*  orgs_harness: what the registry.orgs and registry.import tests share: a
    registry served in-process (pps_server over ipc, in a temporary data
    directory removed at the end), a client, and checks that work in every
    build type (assert is compiled out under NDEBUG).
*/
#ifndef ORGS_HARNESS_H_INCLUDED
#define ORGS_HARNESS_H_INCLUDED

#include <czmq.h>
#include "registry.h"
#include "pps_client.h"
#include "test_scratch.h"

typedef struct {
    pps_client_t *client;
    pps_arena_t *arena;         //  Requests and replies; never reset
    zactor_t *server;
    pps_config_t *config;
} test_t;

//  Start a registry on a fresh data directory and connect to it.
void orgs_harness_start (test_t *self);

//  Stop it and remove its data directory.
void orgs_harness_stop (test_t *self);

//  Send one request (value is the op's message, at offset in the request)
//  under request_id, or a new id when NULL, and return its reply.
Registry__RegistryReply *orgs_harness_send (test_t *self, uint32_t op, size_t offset,
                                            void *value, const char *request_id);

//  Check a reply's status code and, when field is not NULL, the field named.
Registry__RegistryReply *orgs_harness_expect (Registry__RegistryReply *reply, Pps__Code code,
                                              const char *field, const char *file, int line);

//  The registry's last event seq: how many events a write added.
uint64_t orgs_harness_last_seq (test_t *self);

#define CHECK(condition) \
    do { if (!(condition)) test_scratch_abort (__FILE__, __LINE__, #condition); } while (0)
#define SEND_ID(upper, lower, value, id) \
    orgs_harness_send (t, REGISTRY__REGISTRY_REQUEST__OP_##upper, \
                       offsetof (Registry__RegistryRequest, lower), (value), (id))
#define SEND(upper, lower, value) SEND_ID (upper, lower, value, NULL)
#define EXPECT(reply, code, field) \
    orgs_harness_expect ((reply), PPS__CODE__##code, (field), __FILE__, __LINE__)
#define OK(reply) EXPECT ((reply), OK, NULL)

#endif
