/*  national_http: libmicrohttpd plumbing of pps-national.  */
#include "national_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <czmq.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>

#define TOKEN_MAX 512

#define PEM_MAX   (1024 * 1024)

struct _national_http_t {
    struct MHD_Daemon *daemon;
    national_t *service;
    char *tls_cert;                   //  PEM text, kept while the daemon runs
    char *tls_key;
};

//  One request in flight.
typedef struct {
    const national_route_t *route;    //  Found at the headers
    int region;                       //  Posting region's index, -1 for readers
    char *body;                       //  Collected body, NUL-terminated
    size_t size;
    size_t capacity;
    bool too_big;                     //  Went beyond the limit: discarded
    bool answered;                    //  A response was queued at the headers
} s_exchange_t;

//  libmicrohttpd's own errors, into the service log.
static void
s_log (void *arg, const char *format, va_list args)
{
    (void) arg;
    char line [512];
    vsnprintf (line, sizeof line, format, args);
    size_t length = strlen (line);
    while (length && (line [length - 1] == '\n' || line [length - 1] == '\r'))
        line [--length] = 0;
    zsys_warning ("national: http: %s", line);
}

//  Send reply (and release what it holds). Returns MHD's verdict.
static enum MHD_Result
s_send (national_http_t *self, struct MHD_Connection *connection, const char *method,
        const char *url, national_reply_t *reply, const char *allow)
{
    char *body;
    size_t size;
    if (reply->raw) {
        body = reply->raw;
        size = reply->raw_size;
        reply->raw = NULL;
    }
    else {
        body = json_dumps (reply->json, JSON_COMPACT);
        size = body ? strlen (body) : 0;
    }
    struct MHD_Response *response = body
        ? MHD_create_response_from_buffer (size, body, MHD_RESPMEM_MUST_FREE)
        : MHD_create_response_from_buffer (0, (void *) "", MHD_RESPMEM_PERSISTENT);
    if (!response) {
        free (body);
        json_decref (reply->json);
        return MHD_NO;
    }
    MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    MHD_add_response_header (response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (reply->status == 401)
        MHD_add_response_header (response, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                                 "Bearer realm=\"pps-national\"");
    if (allow)
        MHD_add_response_header (response, MHD_HTTP_HEADER_ALLOW, allow);
    if (*reply->received_at)
        MHD_add_response_header (response, "X-PPS-Received-At", reply->received_at);
    enum MHD_Result result = MHD_queue_response (connection, reply->status, response);
    MHD_destroy_response (response);

    self->service->requests_served++;
    if (reply->status >= 400)
        self->service->requests_failed++;
    if (reply->status >= 400 || strcmp (method, "GET") != 0) {
        //  The path and the messages carry client bytes: no control
        //  characters reach the log, so that a client cannot forge lines
        char line [400];
        snprintf (line, sizeof line, "%s %.200s %u %s", method, url, reply->status,
                  reply->log ? reply->log : "");
        for (char *c = line; *c; c++)
            if ((unsigned char) *c < 0x20 || *c == 0x7f)
                *c = '?';
        zsys_info ("national: %s", line);
    }
    json_decref (reply->json);
    reply->json = NULL;
    return result;
}

//  True when the client connects from 127.0.0.0/8 or ::1.
static bool
s_is_loopback (struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr)
        return false;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *inet = (const struct sockaddr_in *) address;
        return (ntohl (inet->sin_addr.s_addr) >> 24) == 127;
    }
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *inet6 = (const struct sockaddr_in6 *) address;
        return IN6_IS_ADDR_LOOPBACK (&inet6->sin6_addr);
    }
    return false;
}

//  The bearer token of the Authorization header, copied into token, or
//  false when there is none.
static bool
s_bearer (struct MHD_Connection *connection, char token [TOKEN_MAX + 1])
{
    const char *header = MHD_lookup_connection_value (connection, MHD_HEADER_KIND,
                                                      MHD_HTTP_HEADER_AUTHORIZATION);
    if (!header || strncasecmp (header, "Bearer ", 7) != 0)
        return false;
    const char *value = header + 7;
    while (*value == ' ')
        value++;
    size_t length = strlen (value);
    while (length && value [length - 1] == ' ')
        length--;
    if (length == 0 || length > TOKEN_MAX)
        return false;
    memcpy (token, value, length);
    token [length] = 0;
    return true;
}

//  Check the caller of route; sets exchange->region. Returns 0, or fills
//  reply with the refusal and returns -1.
static int
s_authorise (national_http_t *self, struct MHD_Connection *connection,
             s_exchange_t *exchange, national_reply_t *reply)
{
    const national_settings_t *settings = self->service->settings;
    char token [TOKEN_MAX + 1];
    bool has_token = s_bearer (connection, token);
    bool import = exchange->route->import;
    exchange->region = -1;
    if (exchange->route->auth == NATIONAL_AUTH_REGION) {
        if (!has_token) {
            national_reply_error (reply, 401, "Authorization", "a bearer token is required",
                                  import);
            return -1;
        }
        exchange->region = national_settings_token_region (settings, token);
        sodium_memzero (token, sizeof token);
        if (exchange->region < 0) {
            national_reply_error (reply, 401, "Authorization", "unknown token", import);
            return -1;
        }
        return 0;
    }
    if (settings->has_reader_token) {
        bool reader = has_token && national_settings_token_is_reader (settings, token);
        sodium_memzero (token, sizeof token);
        if (!reader) {
            national_reply_error (reply, 401, "Authorization", "the reader token is required",
                                  import);
            return -1;
        }
        return 0;
    }
    sodium_memzero (token, sizeof token);
    if (!s_is_loopback (connection)) {
        national_reply_error (reply, 403, NULL, "reads are open to loopback clients only "
                              "unless national/reader_token_sha256 is configured", import);
        return -1;
    }
    return 0;
}

//  At the headers: route, caller, declared size. Returns 0 to go on reading
//  the body, or -1 with reply filled (and allow_p set for a 405).
static int
s_at_headers (national_http_t *self, struct MHD_Connection *connection, const char *method,
              const char *url, s_exchange_t *exchange, national_reply_t *reply,
              const char **allow_p)
{
    unsigned status;
    exchange->route = national_api_route (method, url, &status, allow_p);
    if (!exchange->route) {
        national_reply_error (reply, status, NULL, status == 405 ? "method not allowed"
                                                                 : "no such resource", false);
        return -1;
    }
    if (s_authorise (self, connection, exchange, reply))
        return -1;
    const char *length = MHD_lookup_connection_value (connection, MHD_HEADER_KIND,
                                                      MHD_HTTP_HEADER_CONTENT_LENGTH);
    size_t limit = self->service->settings->max_body_bytes;
    if (length) {
        char *end;
        unsigned long long declared = strtoull (length, &end, 10);
        if (declared > limit) {
            national_reply_error (reply, 413, "body", "the body is larger than "
                                  "national/max_body_kb", exchange->route->import);
            return -1;
        }
        //  Within the limit: read it into one allocation
        if (*end == 0 && declared > 0) {
            exchange->body = malloc (declared + 1);
            assert (exchange->body);
            exchange->capacity = declared + 1;
        }
    }
    return 0;
}

//  Keep a chunk of body, or drop everything once beyond the limit.
static void
s_collect (national_http_t *self, s_exchange_t *exchange, const char *data, size_t size)
{
    size_t limit = self->service->settings->max_body_bytes;
    if (exchange->too_big)
        return;
    if (exchange->size + size > limit) {
        exchange->too_big = true;
        free (exchange->body);
        exchange->body = NULL;
        exchange->size = exchange->capacity = 0;
        return;
    }
    if (exchange->size + size + 1 > exchange->capacity) {
        size_t capacity = exchange->capacity ? exchange->capacity : 4096;
        while (capacity < exchange->size + size + 1)
            capacity *= 2;
        if (capacity > limit + 1)
            capacity = limit + 1;
        exchange->body = realloc (exchange->body, capacity);
        assert (exchange->body);
        exchange->capacity = capacity;
    }
    memcpy (exchange->body + exchange->size, data, size);
    exchange->size += size;
    exchange->body [exchange->size] = 0;
}

//  libmicrohttpd's request callback: once at the headers, once per body
//  chunk, once at the end, where the handler runs.
static enum MHD_Result
s_access (void *arg, struct MHD_Connection *connection, const char *url, const char *method,
          const char *version, const char *upload_data, size_t *upload_data_size,
          void **context)
{
    (void) version;
    national_http_t *self = arg;
    national_reply_t reply = { .status = 500 };
    s_exchange_t *exchange = *context;
    if (!exchange) {
        exchange = calloc (1, sizeof (s_exchange_t));
        assert (exchange);
        *context = exchange;
        const char *allow = NULL;
        if (s_at_headers (self, connection, method, url, exchange, &reply, &allow) == 0)
            return MHD_YES;
        //  Refused before the body: libmicrohttpd closes the connection
        //  after this response instead of reading what the client sends
        exchange->answered = true;
        return s_send (self, connection, method, url, &reply, allow);
    }
    if (*upload_data_size) {
        if (!exchange->answered)
            s_collect (self, exchange, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (exchange->answered)
        return MHD_YES;
    exchange->answered = true;
    if (exchange->too_big) {
        national_reply_error (&reply, 413, "body", "the body is larger than national/max_body_kb",
                              exchange->route->import);
        return s_send (self, connection, method, url, &reply, NULL);
    }
    national_request_t request = {
        .url = url,
        .period = MHD_lookup_connection_value (connection, MHD_GET_ARGUMENT_KIND, "period"),
        .idempotency_key = MHD_lookup_connection_value (connection, MHD_HEADER_KIND,
                                                        "Idempotency-Key"),
        .region = exchange->region,
        .body = exchange->body,
        .body_size = exchange->size,
    };
    exchange->route->handler (self->service, &request, &reply);
    return s_send (self, connection, method, url, &reply, NULL);
}

//  Free a request's state when libmicrohttpd is done with it.
static void
s_completed (void *arg, struct MHD_Connection *connection, void **context,
             enum MHD_RequestTerminationCode code)
{
    (void) arg; (void) connection; (void) code;
    s_exchange_t *exchange = *context;
    if (exchange) {
        free (exchange->body);
        free (exchange);
        *context = NULL;
    }
}

//  The whole text of a PEM file (NUL-terminated), or NULL (logged).
static char *
s_read_pem (const char *path)
{
    FILE *file = fopen (path, "r");
    if (!file) {
        zsys_error ("national: cannot read %s: %s", path, strerror (errno));
        return NULL;
    }
    char *text = malloc (PEM_MAX + 1);
    assert (text);
    size_t size = fread (text, 1, PEM_MAX + 1, file);
    fclose (file);
    if (size == 0 || size > PEM_MAX) {
        zsys_error ("national: %s is empty or larger than %d bytes", path, PEM_MAX);
        free (text);
        return NULL;
    }
    text [size] = 0;
    return text;
}

//  Free the PEM texts and the server; sets *self_p to NULL.
static void
s_free (national_http_t **self_p)
{
    national_http_t *self = *self_p;
    if (self->tls_key)
        sodium_memzero (self->tls_key, strlen (self->tls_key));
    free (self->tls_key);
    free (self->tls_cert);
    free (self);
    *self_p = NULL;
}

national_http_t *
national_http_new (national_t *service)
{
    const national_settings_t *settings = service->settings;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (settings->port) };
    if (inet_pton (AF_INET, settings->bind_address, &address.sin_addr) != 1) {
        zsys_error ("national: bad bind address %s", settings->bind_address);
        return NULL;
    }
    national_http_t *self = calloc (1, sizeof (national_http_t));
    assert (self);
    self->service = service;
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
    if (*settings->tls_cert) {
        if (MHD_is_feature_supported (MHD_FEATURE_TLS) != MHD_YES) {
            zsys_error ("national: this libmicrohttpd has no TLS");
            s_free (&self);
            return NULL;
        }
        self->tls_cert = s_read_pem (settings->tls_cert);
        self->tls_key = s_read_pem (settings->tls_key);
        if (!self->tls_cert || !self->tls_key) {
            s_free (&self);
            return NULL;
        }
        flags |= MHD_USE_TLS;
    }
    //  The PEM options only with TLS; an empty list otherwise
    struct MHD_OptionItem tls [] = {
        { MHD_OPTION_HTTPS_MEM_CERT, 0, self->tls_cert },
        { MHD_OPTION_HTTPS_MEM_KEY, 0, self->tls_key },
        { MHD_OPTION_END, 0, NULL }
    };
    self->daemon = MHD_start_daemon (
        flags, 0, NULL, NULL, s_access, self,
        //  The logger first, so that every message of the daemon goes through it
        MHD_OPTION_EXTERNAL_LOGGER, s_log, self,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &address,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int) settings->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) settings->timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, s_completed, self,
        MHD_OPTION_ARRAY, self->tls_cert ? tls : tls + 2,
        MHD_OPTION_END);
    if (!self->daemon) {
        zsys_error ("national: cannot listen on %s:%u", settings->bind_address,
                    (unsigned) settings->port);
        s_free (&self);
        return NULL;
    }
    zsys_info ("national: listening on %s://%s:%u", self->tls_cert ? "https" : "http",
               settings->bind_address, (unsigned) settings->port);
    return self;
}

void
national_http_destroy (national_http_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        MHD_stop_daemon ((*self_p)->daemon);
        s_free (self_p);
    }
}
