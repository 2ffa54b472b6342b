/*  pps_socket: the one place where the project's sockets are made.  */
#include "pps_socket.h"

static void
s_prepare_ipc (const char *endpoint)
{
    if (strncmp (endpoint, "ipc://", 6) != 0 || endpoint [6] == '@')
        return;
    char *path = strdup (endpoint + 6);
    char *slash = strrchr (path, '/');
    if (slash && slash != path) {
        *slash = 0;
        zsys_dir_create ("%s", path);
    }
    free (path);
}

static zsock_t *
s_socket_new (int type)
{
    zsock_t *socket = zsock_new (type);
    if (!socket)
        return NULL;
    zsock_set_linger (socket, 0);
    zsock_set_sndhwm (socket, 100000);
    zsock_set_rcvhwm (socket, 100000);
    return socket;
}

zsock_t *
pps_socket_bind (int type, const char *endpoint)
{
    zsock_t *socket = s_socket_new (type);
    if (!socket)
        return NULL;
    zsock_set_maxmsgsize (socket, PPS_MAX_FRAME_BYTES);
    s_prepare_ipc (endpoint);
    if (zsock_bind (socket, "%s", endpoint) == -1) {
        zsys_error ("socket: cannot bind %s: %s", endpoint, zmq_strerror (zmq_errno ()));
        zsock_destroy (&socket);
    }
    return socket;
}

zsock_t *
pps_socket_connect (int type, const char *endpoint)
{
    zsock_t *socket = s_socket_new (type);
    if (!socket)
        return NULL;
    if (zsock_connect (socket, "%s", endpoint) == -1) {
        zsys_error ("socket: cannot connect %s: %s", endpoint, zmq_strerror (zmq_errno ()));
        zsock_destroy (&socket);
    }
    return socket;
}
