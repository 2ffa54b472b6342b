/*  pps_describe: a service's table of operations read against its
    protobuf descriptors: checked once at start, looked up by field number
    for each request, and told to clients (Describe).

    The handlers check their fields (required ones included, with more:
    lengths, formats, references) and name them in their refusals; the
    table says which are required so that a client knows before it asks.
    The tests hold the two together: an operation's empty message is
    refused naming one of its declared required fields, or not refused for
    a missing field at all.
*/
#ifndef PPS_DESCRIBE_H_INCLUDED
#define PPS_DESCRIBE_H_INCLUDED

#include "pps_service.h"

//  Check that every operation names a member of the request's oneof and of
//  the reply's, has a summary, and that each required path exists in its
//  message; that topics are declared. Returns 0, or -1 with why in error.
int pps_service_check (const pps_service_t *service, char *error, size_t error_size);

//  The operation serving request field number, or NULL.
const pps_op_t *pps_service_op (const pps_service_t *service, uint32_t number);

//  The operation of that name, or NULL.
const pps_op_t *pps_service_op_named (const pps_service_t *service, const char *name);

//  The request field number of op, and its reply field number (0 for none).
uint32_t pps_op_request_field (const pps_service_t *service, const pps_op_t *op);
uint32_t pps_op_result_field (const pps_service_t *service, const pps_op_t *op);

//  True when topic ("entity.verb") is one the service declares.
bool pps_service_has_topic (const pps_service_t *service, const char *topic);

//  What Describe answers, in arena: the service, its operations with their
//  messages, kinds, roles, summaries and required fields, the limits every
//  request is checked against, its topics and where it publishes them.
Pps__ServiceDescription *pps_describe (const pps_service_t *service, pps_config_t *config,
                                       pps_arena_t *arena);

//  The service's operations as a Markdown table (operation, kind, what it
//  does, required fields), for docs/protocol.md. Caller frees.
char *pps_describe_markdown (const pps_service_t *service);

#endif
