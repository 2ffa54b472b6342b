/*  pps_socket: the one place where the project's sockets are made.

    Servers bind, clients connect; every socket gets the same limits here,
    and this is where transport security is switched on for TCP endpoints.
    For ipc:// endpoints the socket file's directory is created, and the file
    is protected by that directory's permissions.
*/
#ifndef PPS_SOCKET_H_INCLUDED
#define PPS_SOCKET_H_INCLUDED

#include <czmq.h>

//  Largest frame a server accepts; bigger ones are dropped by libzmq.
#define PPS_MAX_FRAME_BYTES (32 * 1024 * 1024)

//  A socket of type (ZMQ_ROUTER, ZMQ_PUB...) bound to endpoint; NULL (and a
//  log line) on failure. Caller owns return value and must destroy it.
zsock_t *pps_socket_bind (int type, const char *endpoint);

//  A socket of type connected to endpoint; NULL on failure.
//  Caller owns return value and must destroy it.
zsock_t *pps_socket_connect (int type, const char *endpoint);

#endif
