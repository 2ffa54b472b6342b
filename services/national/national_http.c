/*  national_http: pps-national over the common HTTP server (pps_httpd).  */
#include "national_http.h"

#include <arpa/inet.h>
#include <czmq.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include "pps_http_assets.h"
#include "pps_httpd.h"

#define API         "/api/v1/"
#define TOKEN_MAX   512

struct _national_http_t {
    pps_httpd_t *httpd;
    national_t *service;
    //  The handlers, the store and the counters were written for one
    //  thread; connections have a thread each, so handlers take turns
    pthread_mutex_t lock;
    const pps_http_asset_t *console;  //  Embedded, or loaded (then owned)
    pps_http_asset_t *console_loaded;
};

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
s_bearer (const pps_http_request_t *request, char token [TOKEN_MAX + 1])
{
    const char *header = pps_http_header (request, MHD_HTTP_HEADER_AUTHORIZATION);
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

//  Check the caller of route; *region_p gets the posting region's index
//  (-1 for a reader). Returns 0, or fills reply with the refusal and
//  returns -1.
static int
s_authorise (national_http_t *self, const pps_http_request_t *request,
             const national_route_t *route, int *region_p, national_reply_t *reply)
{
    const national_settings_t *settings = self->service->settings;
    char token [TOKEN_MAX + 1];
    bool has_token = s_bearer (request, token);
    bool import = route->import;
    *region_p = -1;
    if (route->auth == NATIONAL_AUTH_REGION) {
        if (!has_token) {
            national_reply_error (reply, 401, "Authorization", "a bearer token is required",
                                  import);
            return -1;
        }
        *region_p = national_settings_token_region (settings, token);
        sodium_memzero (token, sizeof token);
        if (*region_p < 0) {
            national_reply_error (reply, 401, "Authorization", "unknown token", import);
            return -1;
        }
        return 0;
    }
    //  A reader: the configured reader token, else an account
    if (has_token && !web_auth_is_account_token (token)) {
        bool reader = national_settings_token_is_reader (settings, token);
        sodium_memzero (token, sizeof token);
        if (!reader) {
            national_reply_error (reply, 401, "Authorization", "unknown token: send the reader "
                                  "token or an account's API token", import);
            return -1;
        }
        return 0;
    }
    sodium_memzero (token, sizeof token);
    web_caller_t caller;
    web_auth_refusal_t why;
    web_auth_found_t found = web_auth_check (self->service->auth, request, &caller, &why);
    if (found == WEB_AUTH_CALLER)
        return 0;                     //  Every role reads; nothing here writes
    if (found == WEB_AUTH_REFUSED) {
        national_reply_error (reply, 401, why.field, why.detail, import);
        return -1;
    }
    //  No credentials at all: a loopback client reads while nothing says
    //  otherwise (the demo, ppsctl national on the same machine); behind a
    //  reverse proxy every client is a loopback one, hence
    //  national/loopback_reads (docs/national.md)
    if (!settings->has_reader_token && settings->loopback_reads
    &&  s_is_loopback (request->connection))
        return 0;
    national_reply_error (reply, 401, NULL, "log in (POST " API "login), or send a bearer "
                          "token", import);
    return -1;
}

//  Count an answered request of the API.
static void
s_count (national_http_t *self, unsigned status)
{
    pthread_mutex_lock (&self->lock);
    self->service->requests_served++;
    if (status >= 400)
        self->service->requests_failed++;
    pthread_mutex_unlock (&self->lock);
}

//  Turn a handler's reply into the server's response (the reply's parts
//  are released), log it, count it.
static void
s_respond (national_http_t *self, const pps_http_request_t *request, national_reply_t *reply,
           const char *allow, pps_http_response_t *response)
{
    if (reply->raw) {
        response->body = reply->raw;
        response->body_size = reply->raw_size;
        reply->raw = NULL;
    }
    else {
        response->body = reply->json ? json_dumps (reply->json, JSON_COMPACT) : NULL;
        response->body_size = response->body ? strlen (response->body) : 0;
    }
    response->status = reply->status;
    response->content_type = response->body == NULL || !reply->content_type
                           ? "application/json" : reply->content_type;
    if (*reply->filename) {
        char disposition [128];
        snprintf (disposition, sizeof disposition, "attachment; filename=\"%s\"",
                  reply->filename);
        pps_http_add_header (response, "Content-Disposition", disposition);
    }
    if (reply->status == 401)
        pps_http_add_header (response, "WWW-Authenticate", "Bearer realm=\"pps-national\"");
    if (allow)
        pps_http_add_header (response, "Allow", allow);
    if (*reply->received_at)
        pps_http_add_header (response, "X-PPS-Received-At", reply->received_at);
    s_count (self, reply->status);
    if (reply->status >= 400 || strcmp (request->method, "GET") != 0) {
        //  The path and the messages carry client bytes: no control
        //  characters reach the log, so that a client cannot forge lines
        char line [400];
        snprintf (line, sizeof line, "%s %.200s %u %s", request->method, request->path,
                  reply->status, reply->log ? reply->log : "");
        for (char *c = line; *c; c++)
            if ((unsigned char) *c < 0x20 || *c == 0x7f)
                *c = '?';
        zsys_info ("national: %s", line);
    }
    json_decref (reply->json);
    reply->json = NULL;
}

//  What a path is: the console's files, the accounts' routes, the API's.
typedef enum { PATH_CONSOLE, PATH_ACCOUNTS, PATH_API } s_path_t;

static s_path_t
s_path_kind (const char *path)
{
    if (strncmp (path, API, strlen (API)) != 0)
        return PATH_CONSOLE;
    return web_auth_is_route (path + strlen (API)) ? PATH_ACCOUNTS : PATH_API;
}

//  At the headers: the route and the caller, before any body is read.
static void
s_at_headers (void *arg, const pps_http_request_t *request, pps_http_response_t *response)
{
    national_http_t *self = arg;
    national_reply_t reply = { .status = 500 };
    s_path_t kind = s_path_kind (request->path);
    if (kind == PATH_ACCOUNTS)
        return;                       //  A login's body is read, then s_handle
    if (kind == PATH_CONSOLE) {
        //  The console's files are read, never written: no body is taken
        if (streq (request->method, "GET") || streq (request->method, "HEAD"))
            return;
        national_reply_error (&reply, 404, NULL, "no such resource", false);
        s_respond (self, request, &reply, NULL, response);
        return;
    }
    unsigned status;
    const char *allow = NULL;
    const national_route_t *route = national_api_route (request->method, request->path, &status,
                                                        &allow);
    int region;
    if (!route)
        national_reply_error (&reply, status, NULL, status == 405 ? "method not allowed"
                                                                  : "no such resource", false);
    else
    if (s_authorise (self, request, route, &region, &reply) == 0)
        return;                       //  Read the body, then s_handle
    s_respond (self, request, &reply, allow, response);
}

static void
s_handle (void *arg, const pps_http_request_t *request, pps_http_response_t *response)
{
    national_http_t *self = arg;
    national_reply_t reply = { .status = 500 };
    s_path_t kind = s_path_kind (request->path);
    if (kind == PATH_CONSOLE) {
        //  The national console: its files need no login, its data does
        if (pps_http_assets_serve (self->console, request, response))
            return;
        national_reply_error (&reply, 404, NULL, "no such resource", false);
        s_respond (self, request, &reply, NULL, response);
        return;
    }
    if (kind == PATH_ACCOUNTS) {
        //  Not under the handlers' lock: a login costs 0.1 s of argon2id,
        //  and the regions' pushes must not wait for it. The accounts take
        //  care of their own concurrency (LMDB transactions).
        web_auth_serve (self->service->auth, request->path + strlen (API), request, response);
        s_count (self, response->status);
        return;
    }
    unsigned status;
    const char *allow = NULL;
    const national_route_t *route = national_api_route (request->method, request->path, &status,
                                                        &allow);
    int region;
    if (!route || s_authorise (self, request, route, &region, &reply)) {
        //  Checked at the headers already: only a session ended meanwhile lands here
        if (!route)
            national_reply_error (&reply, status, NULL, "no such resource", false);
        s_respond (self, request, &reply, allow, response);
        return;
    }
    national_request_t call = {
        .url = request->path,
        .period = pps_http_query (request, "period"),
        .format = pps_http_query (request, "format"),
        .indicator = pps_http_query (request, "indicator"),
        .idempotency_key = pps_http_header (request, "Idempotency-Key"),
        .region = region,
        .body = request->body_size ? request->body : NULL,
        .body_size = request->body_size,
    };
    pthread_mutex_lock (&self->lock);
    route->handler (self->service, &call, &reply);
    pthread_mutex_unlock (&self->lock);
    s_respond (self, request, &reply, NULL, response);
}

//  The server's own refusals (a body over national/max_body_kb) in the
//  shape of the national API's errors.
static void
s_refuse (void *arg, const pps_http_request_t *request, pps_http_response_t *response,
          unsigned status, const char *detail, const char *field)
{
    national_http_t *self = arg;
    unsigned found;
    const char *allow;
    const national_route_t *route = national_api_route (request->method, request->path, &found,
                                                        &allow);
    national_reply_t reply = { .status = status };
    national_reply_error (&reply, status, field, detail, route && route->import);
    s_respond (self, request, &reply, NULL, response);
}

national_http_t *
national_http_new (national_t *service)
{
    const national_settings_t *settings = service->settings;
    national_http_t *self = calloc (1, sizeof (national_http_t));
    assert (self);
    self->service = service;
    pthread_mutex_init (&self->lock, NULL);
    self->console = pps_http_assets_open (settings->console_dir, "national",
                                          pps_console_national_assets, &self->console_loaded);
    if (!self->console) {
        pthread_mutex_destroy (&self->lock);
        free (self);
        return NULL;
    }
    char bind [96];
    snprintf (bind, sizeof bind, "%s:%u", settings->bind_address, (unsigned) settings->port);
    pps_httpd_settings_t http = {
        .bind = bind,
        .tls_cert = settings->tls_cert,
        .tls_key = settings->tls_key,
        .max_body = settings->max_body_bytes,
        .max_connections = settings->max_connections,
        .per_address = settings->per_address,
        .timeout_s = settings->timeout_s,
        .name = "national",
        //  Regions push over their own network, often without TLS inside
        //  it: the national operator decides (docs/operations.md)
        .plain_anywhere = true,
        .at_headers = s_at_headers,
        .refuse = s_refuse,
    };
    char error [256];
    self->httpd = pps_httpd_new (&http, s_handle, self, error, sizeof error);
    if (!self->httpd) {
        zsys_error ("national: %s", error);
        national_http_destroy (&self);
        return NULL;
    }
    return self;
}

void
national_http_destroy (national_http_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_httpd_destroy (&(*self_p)->httpd);
        pthread_mutex_destroy (&(*self_p)->lock);
        pps_http_assets_destroy (&(*self_p)->console_loaded);
        free (*self_p);
        *self_p = NULL;
    }
}
