/*  pps_socket: the one place where the project's sockets are made.

    Servers bind, clients connect; every socket gets the same limits here,
    and this is where transport security is switched on: with
    security/curve = 1 (see pps_keys), a tcp:// socket is a CURVE server
    (allow-list of client keys, checked by the process's ZAP handler) or a
    CURVE client of the service's public key. ipc:// and inproc:// never
    use CURVE: an ipc socket file is made 0660, and a directory the factory
    creates for it 0750, so that only the service's user and group connect.
*/
#ifndef PPS_SOCKET_H_INCLUDED
#define PPS_SOCKET_H_INCLUDED

#include <czmq.h>

//  Largest request frame a server serves: a larger one is answered with
//  RESOURCE_EXHAUSTED naming this limit. libzmq itself drops the connection
//  of a peer sending more than PPS_DROP_FRAME_BYTES, before any of it is
//  held in memory: that client sees no answer, only its timeout.
#define PPS_MAX_FRAME_BYTES (32 * 1024 * 1024)
#define PPS_DROP_FRAME_BYTES (2 * PPS_MAX_FRAME_BYTES)

//  A socket of type (ZMQ_ROUTER, ZMQ_PUB...) bound to endpoint for service
//  (whose key pair serves a CURVE endpoint); NULL (and a log line) on
//  failure. Caller owns return value and must destroy it.
zsock_t *pps_socket_bind (int type, const char *endpoint, const char *service);

//  Destroy a socket bound to endpoint, and remove its socket file when it
//  is an ipc endpoint, so that a clean stop leaves none behind (libzmq
//  does not). Sets *socket_p to NULL.
void pps_socket_unbind (zsock_t **socket_p, const char *endpoint);

//  A socket of type connected to endpoint; NULL (and a log line) on
//  failure, a missing key included. Caller owns return value and must
//  destroy it.
zsock_t *pps_socket_connect (int type, const char *endpoint);

#endif
