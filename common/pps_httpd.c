/*  pps_httpd: an HTTP server on libmicrohttpd, one thread a connection.  */
#include "pps_httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <sys/socket.h>
#include <czmq.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include "pps_fs.h"

struct _pps_httpd_t {
    struct MHD_Daemon *daemon;
    pps_http_handler_fn *handler;
    pps_http_handler_fn *at_headers;
    pps_http_refuse_fn *refuse;
    void *arg;
    size_t max_body;
    bool tls;
    char *tls_cert;                   //  PEM texts, kept while the daemon runs
    char *tls_key;
    char name [32];
};

//  What a connection accumulates between libmicrohttpd's calls.
typedef struct {
    char *body;
    size_t size;
    bool too_large;
    bool answered;                    //  At the headers
} exchange_t;

typedef struct {
    pps_http_stream_fn *stream;
    void *arg;
    void (*free) (void *arg);
    int socket;                       //  The connection's, -1 when unknown
} stream_t;

//  True when the client has closed its end: a stream that waits for
//  something to send would otherwise notice only at its next write, and
//  hold a thread and a connection of the address's quota till then (a
//  console tab closed or reloaded).
static bool
s_peer_closed (int socket)
{
    if (socket < 0)
        return false;
    char byte;
    ssize_t got = recv (socket, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

//  ---------------------------------------------------------------- responses

static const char *
s_reason (unsigned status)
{
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        case 507: return "Insufficient Storage";
        default:  return "Error";
    }
}

void
pps_http_add_header (pps_http_response_t *response, const char *name, const char *value)
{
    if (response->header_count == PPS_HTTP_HEADERS_MAX)
        return;
    response->header_names [response->header_count] = name;
    response->header_values [response->header_count] = strdup (value);
    assert (response->header_values [response->header_count]);
    response->header_count++;
}

void
pps_http_json (pps_http_response_t *response, unsigned status, json_t *value)
{
    free (response->body);
    response->status = status;
    response->content_type = "application/json";
    response->body = json_dumps (value, JSON_COMPACT);
    response->body_size = response->body ? strlen (response->body) : 0;
    json_decref (value);
}

void
pps_http_problem (pps_http_response_t *response, unsigned status, const char *detail,
                  const char *field)
{
    json_t *problem = json_pack ("{s:s, s:s, s:i, s:s}", "type", "about:blank",
                                 "title", s_reason (status), "status", (int) status,
                                 "detail", detail ? detail : "");
    if (field && *field)
        json_object_set_new (problem, "field", json_string (field));
    pps_http_json (response, status, problem);
    response->content_type = "application/problem+json";
}

static void
s_response_free (pps_http_response_t *response)
{
    free (response->body);
    for (size_t index = 0; index < response->header_count; index++)
        free (response->header_values [index]);
}

static ssize_t
s_stream_read (void *arg, uint64_t position, char *buffer, size_t size)
{
    (void) position;
    stream_t *stream = arg;
    //  A stream that has nothing yet waits here a little: the connection
    //  has its own thread, and 0 would make libmicrohttpd call again at once
    for (int round = 0; round < 50; round++) {
        ssize_t got = stream->stream (stream->arg, buffer, size);
        if (got != 0)
            return got < 0 ? MHD_CONTENT_READER_END_OF_STREAM : got;
        if (round % 10 == 0 && s_peer_closed (stream->socket))
            return MHD_CONTENT_READER_END_OF_STREAM;
        zclock_sleep (20);
    }
    return 0;
}

static void
s_stream_free (void *arg)
{
    stream_t *stream = arg;
    if (stream->free)
        stream->free (stream->arg);
    free (stream);
}

static enum MHD_Result
s_queue (struct MHD_Connection *connection, pps_http_response_t *reply)
{
    struct MHD_Response *response;
    if (reply->stream) {
        stream_t *stream = calloc (1, sizeof *stream);
        assert (stream);
        stream->stream = reply->stream;
        stream->arg = reply->stream_arg;
        stream->free = reply->stream_free;
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        stream->socket = info ? info->connect_fd : -1;
        response = MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 4096, s_stream_read,
                                                      stream, s_stream_free);
    }
    else {
        response = MHD_create_response_from_buffer (reply->body_size, reply->body ? reply->body : "",
                                                    reply->body ? MHD_RESPMEM_MUST_FREE
                                                                : MHD_RESPMEM_PERSISTENT);
        reply->body = NULL;           //  The response owns it now
    }
    if (!response) {
        s_response_free (reply);
        return MHD_NO;
    }
    if (reply->content_type)
        MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE, reply->content_type);
    //  An answer is not kept by caches unless its handler says otherwise
    bool cache_said = false;
    for (size_t index = 0; index < reply->header_count; index++) {
        MHD_add_response_header (response, reply->header_names [index],
                                 reply->header_values [index]);
        cache_said |= strcasecmp (reply->header_names [index], "Cache-Control") == 0;
    }
    if (!cache_said)
        MHD_add_response_header (response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header (response, "X-Content-Type-Options", "nosniff");
    enum MHD_Result result = MHD_queue_response (connection, reply->status ? reply->status : 500,
                                                 response);
    MHD_destroy_response (response);
    s_response_free (reply);
    return result;
}

//  ---------------------------------------------------------------- requests

const char *
pps_http_header (const pps_http_request_t *request, const char *name)
{
    return MHD_lookup_connection_value (request->connection, MHD_HEADER_KIND, name);
}

const char *
pps_http_query (const pps_http_request_t *request, const char *name)
{
    return MHD_lookup_connection_value (request->connection, MHD_GET_ARGUMENT_KIND, name);
}

const char *
pps_http_cookie (const pps_http_request_t *request, const char *name)
{
    return MHD_lookup_connection_value (request->connection, MHD_COOKIE_KIND, name);
}

typedef struct {
    void (*fn) (void *arg, const char *key, const char *value);
    void *arg;
} each_t;

static enum MHD_Result
s_each (void *arg, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void) kind;
    each_t *each = arg;
    each->fn (each->arg, key, value ? value : "");
    return MHD_YES;
}

void
pps_http_query_each (const pps_http_request_t *request,
                     void (*fn) (void *arg, const char *key, const char *value), void *arg)
{
    each_t each = { fn, arg };
    MHD_get_connection_values (request->connection, MHD_GET_ARGUMENT_KIND, s_each, &each);
}

static void
s_address (struct MHD_Connection *connection, char *text, size_t size)
{
    snprintf (text, size, "?");
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr)
        return;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET)
        inet_ntop (AF_INET, &((const struct sockaddr_in *) address)->sin_addr, text, (socklen_t) size);
    else
    if (address->sa_family == AF_INET6)
        inet_ntop (AF_INET6, &((const struct sockaddr_in6 *) address)->sin6_addr, text,
                   (socklen_t) size);
}

static enum MHD_Result
s_access (void *arg, struct MHD_Connection *connection, const char *url, const char *method,
          const char *version, const char *data, size_t *data_size, void **context)
{
    (void) version;
    pps_httpd_t *self = arg;
    exchange_t *exchange = *context;
    if (!exchange) {
        exchange = calloc (1, sizeof *exchange);
        assert (exchange);
        *context = exchange;
        //  Refuse a declared oversize body before reading any of it
        const char *length = MHD_lookup_connection_value (connection, MHD_HEADER_KIND,
                                                          MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && strtoull (length, NULL, 10) > self->max_body)
            exchange->too_large = true;
        if (self->at_headers) {
            char address [INET6_ADDRSTRLEN + 1];
            s_address (connection, address, sizeof address);
            pps_http_request_t request = {
                .method = method, .path = url, .body = "", .address = address,
                .tls = self->tls, .connection = connection,
            };
            pps_http_response_t response = { 0 };
            self->at_headers (self->arg, &request, &response);
            if (response.status) {
                //  libmicrohttpd closes the connection after this answer
                //  instead of reading the body
                exchange->answered = true;
                return s_queue (connection, &response);
            }
        }
        return MHD_YES;
    }
    if (exchange->answered) {
        *data_size = 0;
        return MHD_YES;
    }
    if (*data_size) {
        if (!exchange->too_large && exchange->size + *data_size <= self->max_body) {
            char *body = realloc (exchange->body, exchange->size + *data_size + 1);
            assert (body);
            memcpy (body + exchange->size, data, *data_size);
            exchange->body = body;
            exchange->size += *data_size;
            exchange->body [exchange->size] = 0;
        }
        else
            exchange->too_large = true;
        *data_size = 0;
        return MHD_YES;
    }
    pps_http_response_t response = { 0 };
    char address [INET6_ADDRSTRLEN + 1];
    s_address (connection, address, sizeof address);
    pps_http_request_t request = {
        .method = method,
        .path = url,
        .body = exchange->body ? exchange->body : "",
        .body_size = exchange->size,
        .address = address,
        .tls = self->tls,
        .connection = connection,
    };
    if (exchange->too_large) {
        char detail [96];
        snprintf (detail, sizeof detail, "the body is over %zu bytes", self->max_body);
        if (self->refuse)
            self->refuse (self->arg, &request, &response, 413, detail, "body");
        else
            pps_http_problem (&response, 413, detail, "body");
        return s_queue (connection, &response);
    }
    self->handler (self->arg, &request, &response);
    return s_queue (connection, &response);
}

static void
s_completed (void *arg, struct MHD_Connection *connection, void **context,
             enum MHD_RequestTerminationCode code)
{
    (void) arg;
    (void) connection;
    (void) code;
    exchange_t *exchange = *context;
    if (exchange) {
        free (exchange->body);
        free (exchange);
        *context = NULL;
    }
}

static void
s_log (void *arg, const char *format, va_list args)
{
    pps_httpd_t *self = arg;
    char message [512];
    vsnprintf (message, sizeof message, format, args);
    size_t length = strlen (message);
    while (length && message [length - 1] == '\n')
        message [--length] = 0;
    zsys_warning ("%s: %s", self->name, message);
}

//  ---------------------------------------------------------------- daemon

//  Parse "host:port" or "[v6]:port" into address; false when it is neither.
static bool
s_parse_bind (const char *bind, struct sockaddr_storage *address, bool *loopback_p)
{
    char host [INET6_ADDRSTRLEN + 1];
    const char *colon = strrchr (bind, ':');
    if (!colon || colon == bind)
        return false;
    const char *start = bind, *end = colon;
    if (*bind == '[') {
        start = bind + 1;
        if (end [-1] != ']')
            return false;
        end--;
    }
    size_t length = (size_t) (end - start);
    char *rest;
    unsigned long port = strtoul (colon + 1, &rest, 10);
    if (length == 0 || length >= sizeof host || *rest || port > 65535)
        return false;
    memcpy (host, start, length);
    host [length] = 0;
    memset (address, 0, sizeof *address);
    struct sockaddr_in *v4 = (struct sockaddr_in *) address;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) address;
    if (inet_pton (AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons ((uint16_t) port);
        *loopback_p = (ntohl (v4->sin_addr.s_addr) >> 24) == 127;
        return true;
    }
    if (inet_pton (AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons ((uint16_t) port);
        *loopback_p = IN6_IS_ADDR_LOOPBACK (&v6->sin6_addr);
        return true;
    }
    return false;
}

static void
s_free (pps_httpd_t *self)
{
    if (self->tls_key)
        sodium_memzero (self->tls_key, strlen (self->tls_key));
    free (self->tls_key);
    free (self->tls_cert);
    free (self);
}

pps_httpd_t *
pps_httpd_new (const pps_httpd_settings_t *settings, pps_http_handler_fn *handler, void *arg,
               char *error, size_t error_size)
{
    struct sockaddr_storage address;
    bool loopback = false;
    if (!s_parse_bind (settings->bind, &address, &loopback)) {
        snprintf (error, error_size, "bind %s is not HOST:PORT", settings->bind);
        return NULL;
    }
    bool tls = settings->tls_cert && *settings->tls_cert;
    if (!tls && !loopback && !settings->plain_anywhere) {
        snprintf (error, error_size, "bind %s is not a loopback address: without TLS (tls_cert, "
                  "tls_key) the server serves this machine only", settings->bind);
        return NULL;
    }
    pps_httpd_t *self = calloc (1, sizeof *self);
    assert (self);
    self->handler = handler;
    self->at_headers = settings->at_headers;
    self->refuse = settings->refuse;
    self->arg = arg;
    self->max_body = settings->max_body;
    self->tls = tls;
    snprintf (self->name, sizeof self->name, "%s", settings->name ? settings->name : "http");
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD
                   | MHD_USE_ERROR_LOG | (address.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    if (tls) {
        self->tls_cert = pps_fs_read_text (settings->tls_cert, 1 << 20);
        self->tls_key = pps_fs_read_text (settings->tls_key, 1 << 20);
        if (MHD_is_feature_supported (MHD_FEATURE_TLS) != MHD_YES
        ||  !self->tls_cert || !self->tls_key) {
            snprintf (error, error_size, "cannot read %s and %s (or no TLS in libmicrohttpd)",
                      settings->tls_cert, settings->tls_key);
            s_free (self);
            return NULL;
        }
        flags |= MHD_USE_TLS;
    }
    struct MHD_OptionItem tls_options [] = {
        { MHD_OPTION_HTTPS_MEM_CERT, 0, self->tls_cert },
        { MHD_OPTION_HTTPS_MEM_KEY, 0, self->tls_key },
        { MHD_OPTION_END, 0, NULL }
    };
    self->daemon = MHD_start_daemon (
        flags, 0, NULL, NULL, s_access, self,
        MHD_OPTION_EXTERNAL_LOGGER, s_log, self,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &address,
        MHD_OPTION_CONNECTION_LIMIT, settings->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, settings->per_address,
        MHD_OPTION_CONNECTION_TIMEOUT, settings->timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) 64 * 1024,
        MHD_OPTION_NOTIFY_COMPLETED, s_completed, self,
        MHD_OPTION_ARRAY, tls ? tls_options : tls_options + 2,
        MHD_OPTION_END);
    if (!self->daemon) {
        snprintf (error, error_size, "cannot listen on %s", settings->bind);
        s_free (self);
        return NULL;
    }
    //  Say what the operator allowed: plain HTTP off loopback only where the
    //  service was told to accept it (the national endpoint behind a proxy)
    zsys_info ("%s: listening on %s://%s%s", self->name, tls ? "https" : "http", settings->bind,
               tls ? "" : loopback ? " (no TLS: loopback)" : " (no TLS: plain HTTP on this address)");
    return self;
}

unsigned
pps_httpd_port (pps_httpd_t *self)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info (self->daemon,
                                                            MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

void
pps_httpd_destroy (pps_httpd_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        MHD_stop_daemon ((*self_p)->daemon);
        s_free (*self_p);
        *self_p = NULL;
    }
}
