/*  http_sink: a small HTTP server (libmicrohttpd) for the notify tests. It
    listens on 127.0.0.1 and writes the body of every POST it accepts to
    its own file in a directory, after two header lines:

        Idempotency-Key: <the request's header, or empty>
        Path: <the request's path>
        <blank line>
        <body>

    A file is written to a temporary name and renamed, so a reader never
    sees half of one. Every POST is kept, repeats included: the test counts
    them by Idempotency-Key.

    usage: http_sink --dir DIR (--port N | --port-file FILE) [--fail N]
      --fail N: answer 503 to the first N POSTs (and store nothing)
*/
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define BODY_MAX   (1024 * 1024)

typedef struct {
    char *data;
    size_t size;
    bool too_big;
} upload_t;

static const char *s_dir;
static unsigned s_fail;
static unsigned s_posts;
static unsigned s_counter;

//  Queue an answer of status with a small JSON text.
static enum MHD_Result
s_answer (struct MHD_Connection *connection, unsigned status, const char *text)
{
    struct MHD_Response *response = MHD_create_response_from_buffer (
        strlen (text), (void *) text, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header (response, "Content-Type", "application/json");
    enum MHD_Result rc = MHD_queue_response (connection, status, response);
    MHD_destroy_response (response);
    return rc;
}

//  Write one POST to the directory, atomically.
static void
s_store (const char *key, const char *path, const upload_t *upload)
{
    char temporary [4096], final [4096];
    unsigned number = ++s_counter;
    snprintf (temporary, sizeof temporary, "%s/.post-%d-%u.tmp", s_dir, (int) getpid (), number);
    snprintf (final, sizeof final, "%s/post-%d-%u.json", s_dir, (int) getpid (), number);
    FILE *file = fopen (temporary, "w");
    if (!file) {
        fprintf (stderr, "http_sink: cannot write %s: %s\n", temporary, strerror (errno));
        return;
    }
    fprintf (file, "Idempotency-Key: %s\nPath: %s\n\n", key ? key : "", path);
    fwrite (upload->data, 1, upload->size, file);
    fclose (file);
    rename (temporary, final);
}

//  libmicrohttpd calls this once with the headers, then with each piece of
//  the body, then once more with none: the request is complete.
static enum MHD_Result
s_handle (void *cls, struct MHD_Connection *connection, const char *url, const char *method,
          const char *version, const char *upload_data, size_t *upload_data_size, void **state)
{
    (void) cls;
    (void) version;
    upload_t *upload = *state;
    if (!upload) {
        upload = calloc (1, sizeof (upload_t));
        if (!upload)
            return MHD_NO;
        *state = upload;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (upload->size + *upload_data_size > BODY_MAX)
            upload->too_big = true;
        else {
            char *grown = realloc (upload->data, upload->size + *upload_data_size + 1);
            if (!grown)
                return MHD_NO;
            upload->data = grown;
            memcpy (upload->data + upload->size, upload_data, *upload_data_size);
            upload->size += *upload_data_size;
            upload->data [upload->size] = 0;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (strcmp (method, "POST") != 0)
        return s_answer (connection, 405, "{\"error\":\"POST only\"}");
    if (upload->too_big)
        return s_answer (connection, 413, "{\"error\":\"too big\"}");
    //  The internal polling thread is the only one: no lock needed
    if (s_posts++ < s_fail)
        return s_answer (connection, 503, "{\"error\":\"asked to fail\"}");
    s_store (MHD_lookup_connection_value (connection, MHD_HEADER_KIND, "Idempotency-Key"), url,
             upload);
    return s_answer (connection, 200, "{\"ok\":true}");
}

//  A request is over: free its upload.
static void
s_completed (void *cls, struct MHD_Connection *connection, void **state,
             enum MHD_RequestTerminationCode code)
{
    (void) cls;
    (void) connection;
    (void) code;
    upload_t *upload = *state;
    if (upload) {
        free (upload->data);
        free (upload);
        *state = NULL;
    }
}

int
main (int argc, char **argv)
{
    int port = -1;
    const char *port_file = NULL;
    for (int index = 1; index + 1 < argc; index += 2) {
        if (strcmp (argv [index], "--dir") == 0)
            s_dir = argv [index + 1];
        else
        if (strcmp (argv [index], "--port") == 0)
            port = atoi (argv [index + 1]);
        else
        if (strcmp (argv [index], "--port-file") == 0)
            port_file = argv [index + 1];
        else
        if (strcmp (argv [index], "--fail") == 0)
            s_fail = (unsigned) atoi (argv [index + 1]);
    }
    if (!s_dir || (port < 0 && !port_file)) {
        fprintf (stderr, "usage: http_sink --dir DIR (--port N | --port-file FILE) [--fail N]\n");
        return 2;
    }
    prctl (PR_SET_PDEATHSIG, SIGKILL);
    //  The daemon's thread inherits this mask: only sigwait below sees them
    sigset_t signals;
    sigemptyset (&signals);
    sigaddset (&signals, SIGTERM);
    sigaddset (&signals, SIGINT);
    pthread_sigmask (SIG_BLOCK, &signals, NULL);
    struct sockaddr_in address = { .sin_family = AF_INET };
    address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    address.sin_port = htons ((uint16_t) (port > 0 ? port : 0));
    struct MHD_Daemon *daemon = MHD_start_daemon (
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t) (port > 0 ? port : 0),
        NULL, NULL, s_handle, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &address,
        MHD_OPTION_NOTIFY_COMPLETED, s_completed, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 10,
        MHD_OPTION_END);
    if (!daemon) {
        fprintf (stderr, "http_sink: cannot listen on 127.0.0.1:%d\n", port);
        return 1;
    }
    if (port_file) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info (daemon,
                                                               MHD_DAEMON_INFO_BIND_PORT);
        char temporary [4096];
        snprintf (temporary, sizeof temporary, "%s.tmp", port_file);
        FILE *file = fopen (temporary, "w");
        if (!info || !file || fprintf (file, "%u\n", (unsigned) info->port) < 0) {
            fprintf (stderr, "http_sink: cannot write %s\n", port_file);
            return 1;
        }
        fclose (file);
        rename (temporary, port_file);
    }
    int received;
    sigwait (&signals, &received);
    MHD_stop_daemon (daemon);
    return 0;
}
