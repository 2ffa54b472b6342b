/*  pps_socket: the one place where the project's sockets are made.  */
#include "pps_socket.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "pps_config.h"
#include "pps_keys.h"

//  The socket file's path of an ipc endpoint (not an abstract one), or NULL.
//  Caller frees.
static char *
s_ipc_path (const char *endpoint)
{
    if (strncmp (endpoint, "ipc://", 6) != 0 || endpoint [6] == '@' || !endpoint [6])
        return NULL;
    return strdup (endpoint + 6);
}

static void
s_prepare_ipc (const char *endpoint)
{
    char *path = s_ipc_path (endpoint);
    char *slash = path ? strrchr (path, '/') : NULL;
    if (slash && slash != path) {
        *slash = 0;
        pps_config_private_dir (path);
    }
    free (path);
}

//  True when a process accepts connections on the ipc endpoint's socket
//  file: libzmq would unlink that file and bind over it, silently taking
//  the endpoint from a running service. A file nobody accepts on is what
//  a process that died left: binding over it is right.
static bool
s_ipc_served (const char *endpoint)
{
    char *path = s_ipc_path (endpoint);
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    bool served = false;
    if (path && strlen (path) < sizeof address.sun_path) {
        strcpy (address.sun_path, path);
        int handle = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (handle >= 0) {
            served = connect (handle, (struct sockaddr *) &address, sizeof address) == 0;
            close (handle);
        }
    }
    free (path);
    return served;
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
pps_socket_bind (int type, const char *endpoint, const char *service)
{
    zsock_t *socket = s_socket_new (type);
    if (!socket)
        return NULL;
    zsock_set_maxmsgsize (socket, PPS_DROP_FRAME_BYTES);
    s_prepare_ipc (endpoint);
    if (s_ipc_served (endpoint)) {
        zsys_error ("socket: cannot bind %s: another process serves it (%s already running?)",
                    endpoint, service);
        zsock_destroy (&socket);
        return NULL;
    }
    if (pps_keys_apply_server (socket, endpoint, service)) {
        zsys_error ("socket: %s will not serve %s unprotected", service, endpoint);
        zsock_destroy (&socket);
        return NULL;
    }
    if (zsock_bind (socket, "%s", endpoint) == -1) {
        zsys_error ("socket: cannot bind %s: %s", endpoint, zmq_strerror (zmq_errno ()));
        zsock_destroy (&socket);
        return NULL;
    }
    //  Connecting to a unix socket needs write access to its file
    char *path = s_ipc_path (endpoint);
    if (path && chmod (path, 0660) == -1)
        zsys_warning ("socket: cannot chmod 0660 %s: %s", path, strerror (errno));
    free (path);
    return socket;
}

void
pps_socket_unbind (zsock_t **socket_p, const char *endpoint)
{
    if (!*socket_p)
        return;
    zsock_destroy (socket_p);
    char *path = endpoint ? s_ipc_path (endpoint) : NULL;
    if (path && unlink (path) == -1 && errno != ENOENT)
        zsys_warning ("socket: cannot remove %s: %s", path, strerror (errno));
    free (path);
}

zsock_t *
pps_socket_connect (int type, const char *endpoint)
{
    zsock_t *socket = s_socket_new (type);
    if (!socket)
        return NULL;
    if (pps_keys_apply_client (socket, endpoint)) {
        zsock_destroy (&socket);
        return NULL;
    }
    if (zsock_connect (socket, "%s", endpoint) == -1) {
        zsys_error ("socket: cannot connect %s: %s", endpoint, zmq_strerror (zmq_errno ()));
        zsock_destroy (&socket);
    }
    return socket;
}
