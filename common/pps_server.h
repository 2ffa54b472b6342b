/*  pps_server: the actor that serves one service over ZeroMQ.

    It binds the service's ROUTER (requests) and PUB (events), opens its LMDB
    store under <data_dir>/<service>, and serves batches: every request
    waiting on the socket is handled in one durable write transaction (each
    write in a nested transaction of its own, so a failed request leaves no
    trace), the batch commits once, and only then are the replies sent and the
    events published (group commit). It also answers EventsSince and
    ServiceStatus for every service, and publishes a heartbeat.

    Security: the endpoints are made by pps_socket (CURVE on tcp when
    security/curve = 1, with the process's ZAP handler started here); each
    request's sender is identified by pps_security, its role checked against
    the operation's kind (PERMISSION_DENIED otherwise, logged), and an
    authenticated sender's certificate name is the actor of its events.

    Usage:
        zactor_t *server = pps_server_new (&registry_service, config);
        if (!server) ...  (the reason was logged)
        ...
        zactor_destroy (&server);
*/
#ifndef PPS_SERVER_H_INCLUDED
#define PPS_SERVER_H_INCLUDED

#include <czmq.h>
#include "pps_service.h"

//  Start serving service with config (which must outlive the actor).
//  Returns NULL when the store cannot be opened or an endpoint cannot be
//  bound. Caller owns return value and must destroy it.
zactor_t *pps_server_new (const pps_service_t *service, pps_config_t *config);

//  The actor itself; args is a pps_server_args_t.
typedef struct {
    const pps_service_t *service;
    pps_config_t *config;
} pps_server_args_t;

void pps_server_actor (zsock_t *pipe, void *args);

#endif
