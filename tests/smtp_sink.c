/*  smtp_sink: a minimal SMTP server for the notify tests. It listens on
    127.0.0.1, speaks just enough SMTP for libcurl (220 greeting, EHLO /
    HELO, MAIL FROM, RCPT TO, DATA ... ".", RSET, NOOP, QUIT), and writes
    every message it accepts to its own file in a directory, with the
    envelope first:

        X-Sink-Mail-From: <from>
        X-Sink-Rcpt-To: <to>          (one line per recipient)
        <the message as received, dots unstuffed>

    A message is written to a temporary name and renamed, so a reader never
    sees half of one. Every message is kept, repeats included: the test
    counts them by Message-ID.

    usage: smtp_sink --dir DIR (--port N | --port-file FILE) [--reject TEXT]
      --port 0 or --port-file: take a free port (written to FILE)
      --reject TEXT: answer 550 to a RCPT TO holding TEXT
*/
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define LINE_MAX_BYTES   4096
#define MESSAGE_MAX      (4 * 1024 * 1024)
#define RCPT_MAX         32
#define IDLE_MS          10000        //  A silent client is dropped after this

typedef struct {
    int fd;
    char buffer [LINE_MAX_BYTES * 2];
    size_t length;
} conn_t;

static const char *s_dir;
static const char *s_reject;
static unsigned s_counter;

//  Send all of text; false when the client went away.
static bool
s_send (conn_t *conn, const char *text)
{
    size_t length = strlen (text), sent = 0;
    while (sent < length) {
        ssize_t rc = send (conn->fd, text + sent, length - sent, MSG_NOSIGNAL);
        if (rc <= 0)
            return false;
        sent += (size_t) rc;
    }
    return true;
}

//  Read one line (without its CRLF) into line; false on EOF, idle or error.
static bool
s_read_line (conn_t *conn, char *line, size_t size)
{
    while (true) {
        char *end = memchr (conn->buffer, '\n', conn->length);
        if (end) {
            size_t length = (size_t) (end - conn->buffer);
            size_t kept = length && conn->buffer [length - 1] == '\r' ? length - 1 : length;
            if (kept >= size)
                kept = size - 1;
            memcpy (line, conn->buffer, kept);
            line [kept] = 0;
            memmove (conn->buffer, end + 1, conn->length - length - 1);
            conn->length -= length + 1;
            return true;
        }
        if (conn->length == sizeof conn->buffer)
            conn->length = 0;           //  An endless line: drop it
        struct pollfd item = { conn->fd, POLLIN, 0 };
        if (poll (&item, 1, IDLE_MS) <= 0)
            return false;
        ssize_t rc = recv (conn->fd, conn->buffer + conn->length,
                           sizeof conn->buffer - conn->length, 0);
        if (rc <= 0)
            return false;
        conn->length += (size_t) rc;
    }
}

//  True when line starts with the SMTP verb (case aside).
static bool
s_command_is (const char *line, const char *verb)
{
    return strncasecmp (line, verb, strlen (verb)) == 0;
}

//  Write one message to the directory, atomically.
static void
s_store (const char *from, char recipients [][LINE_MAX_BYTES], size_t count, const char *data,
         size_t size)
{
    char temporary [4096], final [4096];
    unsigned number = ++s_counter;
    snprintf (temporary, sizeof temporary, "%s/.msg-%d-%u.tmp", s_dir, (int) getpid (), number);
    snprintf (final, sizeof final, "%s/msg-%d-%u.eml", s_dir, (int) getpid (), number);
    FILE *file = fopen (temporary, "w");
    if (!file) {
        fprintf (stderr, "smtp_sink: cannot write %s: %s\n", temporary, strerror (errno));
        return;
    }
    fprintf (file, "X-Sink-Mail-From: %s\r\n", from);
    for (size_t index = 0; index < count; index++)
        fprintf (file, "X-Sink-Rcpt-To: %s\r\n", recipients [index]);
    fwrite (data, 1, size, file);
    fclose (file);
    rename (temporary, final);
}

//  Serve one client until QUIT or until it goes away.
static void
s_session (int fd)
{
    conn_t *conn = calloc (1, sizeof (conn_t));
    char (*recipients) [LINE_MAX_BYTES] = calloc (RCPT_MAX, LINE_MAX_BYTES);
    char *data = malloc (MESSAGE_MAX);
    char line [LINE_MAX_BYTES], from [LINE_MAX_BYTES] = "";
    size_t count = 0;
    if (!conn || !recipients || !data)
        goto done;
    conn->fd = fd;
    if (!s_send (conn, "220 smtp_sink ESMTP ready\r\n"))
        goto done;
    while (s_read_line (conn, line, sizeof line)) {
        bool ok = true;
        if (s_command_is (line, "EHLO"))
            ok = s_send (conn, "250-smtp_sink\r\n250 8BITMIME\r\n");
        else
        if (s_command_is (line, "HELO"))
            ok = s_send (conn, "250 smtp_sink\r\n");
        else
        if (s_command_is (line, "MAIL FROM:")) {
            snprintf (from, sizeof from, "%s", line + 10);
            count = 0;
            ok = s_send (conn, "250 2.1.0 OK\r\n");
        }
        else
        if (s_command_is (line, "RCPT TO:")) {
            if (s_reject && strstr (line, s_reject))
                ok = s_send (conn, "550 5.1.1 mailbox unavailable\r\n");
            else
            if (count == RCPT_MAX)
                ok = s_send (conn, "452 4.5.3 too many recipients\r\n");
            else {
                snprintf (recipients [count++], LINE_MAX_BYTES, "%s", line + 8);
                ok = s_send (conn, "250 2.1.5 OK\r\n");
            }
        }
        else
        if (s_command_is (line, "DATA")) {
            if (count == 0) {
                ok = s_send (conn, "503 5.5.1 RCPT first\r\n");
                continue;
            }
            if (!s_send (conn, "354 end data with <CR><LF>.<CR><LF>\r\n"))
                break;
            size_t size = 0;
            bool ended = false;
            while (s_read_line (conn, line, sizeof line)) {
                if (line [0] == '.' && line [1] == 0) {
                    ended = true;
                    break;
                }
                //  A leading dot was doubled by the client
                const char *text = line [0] == '.' ? line + 1 : line;
                size_t length = strlen (text);
                if (size + length + 2 < MESSAGE_MAX) {
                    memcpy (data + size, text, length);
                    memcpy (data + size + length, "\r\n", 2);
                    size += length + 2;
                }
            }
            if (!ended)
                break;              //  Cut off mid-message: nothing is stored
            s_store (from, recipients, count, data, size);
            count = 0;
            ok = s_send (conn, "250 2.0.0 OK queued\r\n");
        }
        else
        if (s_command_is (line, "RSET")) {
            count = 0;
            ok = s_send (conn, "250 2.0.0 OK\r\n");
        }
        else
        if (s_command_is (line, "NOOP"))
            ok = s_send (conn, "250 2.0.0 OK\r\n");
        else
        if (s_command_is (line, "QUIT")) {
            s_send (conn, "221 2.0.0 bye\r\n");
            break;
        }
        else
            ok = s_send (conn, "502 5.5.2 command not implemented\r\n");
        if (!ok)
            break;
    }
done:
    close (fd);
    free (conn);
    free (recipients);
    free (data);
}

//  Write the port to path through a temporary file, so a reader never sees
//  half of it.
static int
s_write_port (const char *path, int port)
{
    char temporary [4096];
    snprintf (temporary, sizeof temporary, "%s.tmp", path);
    FILE *file = fopen (temporary, "w");
    if (!file)
        return -1;
    fprintf (file, "%d\n", port);
    fclose (file);
    return rename (temporary, path);
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
        if (strcmp (argv [index], "--reject") == 0)
            s_reject = argv [index + 1];
    }
    if (!s_dir || (port < 0 && !port_file)) {
        fprintf (stderr, "usage: smtp_sink --dir DIR (--port N | --port-file FILE) "
                 "[--reject TEXT]\n");
        return 2;
    }
    //  A sink started by a test dies with it
    prctl (PR_SET_PDEATHSIG, SIGKILL);
    signal (SIGPIPE, SIG_IGN);
    int listener = socket (AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt (listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = { .sin_family = AF_INET };
    address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    address.sin_port = htons ((uint16_t) (port > 0 ? port : 0));
    socklen_t length = sizeof address;
    if (listener < 0 || bind (listener, (struct sockaddr *) &address, sizeof address)
    ||  listen (listener, 16) || getsockname (listener, (struct sockaddr *) &address, &length)) {
        fprintf (stderr, "smtp_sink: cannot listen on 127.0.0.1:%d: %s\n", port, strerror (errno));
        return 1;
    }
    if (port_file && s_write_port (port_file, ntohs (address.sin_port))) {
        fprintf (stderr, "smtp_sink: cannot write %s: %s\n", port_file, strerror (errno));
        return 1;
    }
    //  One client at a time is all the notify service needs
    while (true) {
        int fd = accept (listener, NULL, NULL);
        if (fd >= 0)
            s_session (fd);
        else
        if (errno != EINTR)
            return 1;
    }
}
