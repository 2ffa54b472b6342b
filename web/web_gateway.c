/*  web_gateway: the routes, who is calling, and what they may do.  */
#include "web_gateway.h"

#include <czmq.h>
#include "pps_date.h"
#include "pps_http_assets.h"
#include "pps_json.h"

#define API                 "/api/v1/"
#define SESSION_COOKIE      "pps_session"
#define CSRF_HEADER         "X-CSRF-Token"

struct _web_gateway_t {
    pps_config_t *config;
    web_services_t *services;
    web_accounts_t *accounts;
    pps_httpd_t *httpd;
    bool secure;                      //  Served over TLS: cookies are Secure
};

web_services_t *web_gateway_services (web_gateway_t *self) { return self->services; }
web_accounts_t *web_gateway_accounts (web_gateway_t *self) { return self->accounts; }

//  ---------------------------------------------------------------- who calls

//  Authenticate the request into caller: a bearer token, else the session
//  cookie. false with a 401 problem in response.
static bool
s_authenticate (web_gateway_t *self, const pps_http_request_t *request, web_caller_t *caller,
                pps_http_response_t *response)
{
    memset (caller, 0, sizeof *caller);
    int64_t now = pps_now_ms ();
    const char *authorization = pps_http_header (request, "Authorization");
    if (authorization && strncasecmp (authorization, "Bearer ", 7) == 0) {
        web_token_t token;
        if (web_token_check (self->accounts, authorization + 7, now, &token) == WEB_OK) {
            snprintf (caller->actor, sizeof caller->actor, "token:%s", token.name);
            caller->role = token.role;
            return true;
        }
        zsys_warning ("web: refused a bearer token from %s", request->address);
        pps_http_problem (response, 401, "unknown or revoked token", "Authorization");
        pps_http_add_header (response, "WWW-Authenticate", "Bearer");
        return false;
    }
    const char *cookie = pps_http_cookie (request, SESSION_COOKIE);
    if (cookie) {
        web_session_t session;
        web_result_t result = web_session_check (self->accounts, cookie, now, &session);
        if (result == WEB_OK && !session.user.disabled) {
            snprintf (caller->actor, sizeof caller->actor, "%s", session.user.login);
            caller->role = session.user.role;
            caller->cookie = true;
            snprintf (caller->session_id, sizeof caller->session_id, "%s", cookie);
            return true;
        }
        pps_http_problem (response, 401, result == WEB_EXPIRED ? "the session has expired: log in"
                                                               : "log in", NULL);
        return false;
    }
    pps_http_problem (response, 401, "log in (POST " API "login), or send a bearer token", NULL);
    pps_http_add_header (response, "WWW-Authenticate", "Bearer");
    return false;
}

//  A request made with the cookie that changes state carries the session's
//  CSRF token: another site's page can make the browser send the cookie,
//  not read the token.
static bool
s_csrf_ok (const pps_http_request_t *request, const web_caller_t *caller,
           pps_http_response_t *response)
{
    if (!caller->cookie || streq (request->method, "GET") || streq (request->method, "HEAD"))
        return true;
    const char *token = pps_http_header (request, CSRF_HEADER);
    if (token && web_csrf_matches (caller->session_id, token))
        return true;
    zsys_warning ("web: refused a %s %s by %s without its CSRF token", request->method,
                  request->path, caller->actor);
    pps_http_problem (response, 403, "a change made with the session cookie needs its "
                      CSRF_HEADER " header", CSRF_HEADER);
    return false;
}

//  ---------------------------------------------------------------- sessions

static void
s_session_cookie (web_gateway_t *self, pps_http_response_t *response, const char *id,
                  int64_t max_age_s)
{
    char cookie [256];
    snprintf (cookie, sizeof cookie, SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict;"
              " Max-Age=%lld%s", id, (long long) max_age_s, self->secure ? "; Secure" : "");
    pps_http_add_header (response, "Set-Cookie", cookie);
}

static json_t *
s_user_json (const web_user_t *user)
{
    return json_pack ("{s:s, s:s, s:s}", "login", user->login, "display_name", user->display_name,
                      "role", pps_role_name (user->role));
}

static void
s_login (web_gateway_t *self, const pps_http_request_t *request, pps_http_response_t *response)
{
    json_t *body = json_loadb (request->body, request->body_size, 0, NULL);
    const char *login = NULL, *password = NULL;
    if (!body || json_unpack (body, "{s:s, s:s !}", "login", &login, "password", &password)) {
        json_decref (body);
        pps_http_problem (response, 400, "send {\"login\": ..., \"password\": ...}", NULL);
        return;
    }
    //  A login renews the session: the one the browser had ends here
    const char *previous = pps_http_cookie (request, SESSION_COOKIE);
    if (previous)
        web_logout (self->accounts, previous);
    web_session_t session;
    int64_t locked_until = 0;
    web_result_t result = web_login (self->accounts, login, password, request->address,
                                     pps_now_ms (), &session, &locked_until);
    if (result == WEB_OK) {
        zsys_info ("web: %s logged in from %s", session.user.login, request->address);
        json_t *user = s_user_json (&session.user);
        json_object_set_new (user, "csrf_token", json_string (session.csrf));
        pps_http_json (response, 200, user);
        s_session_cookie (self, response, session.id,
                          (session.expires_ms - pps_now_ms ()) / 1000 + 1);
    }
    else
    if (result == WEB_LOCKED) {
        char until [40], detail [128];
        snprintf (detail, sizeof detail, "too many failed logins: locked until %s",
                  pps_time_format_ms (locked_until, until, sizeof until));
        zsys_warning ("web: login of '%.64s' from %s refused: locked until %s", login,
                      request->address, until);
        pps_http_problem (response, 429, detail, NULL);
        char retry [24];
        snprintf (retry, sizeof retry, "%lld",
                  (long long) ((locked_until - pps_now_ms ()) / 1000 + 1));
        pps_http_add_header (response, "Retry-After", retry);
    }
    else {
        zsys_warning ("web: login of '%.64s' from %s refused: %s", login, request->address,
                      web_result_name (result));
        pps_http_problem (response, 401, result == WEB_DISABLED ? "this account is disabled"
                                                                : "wrong login or password", NULL);
    }
    json_decref (body);
}

static void
s_logout (web_gateway_t *self, const web_caller_t *caller, pps_http_response_t *response)
{
    if (caller->cookie) {
        web_logout (self->accounts, caller->session_id);
        s_session_cookie (self, response, "", 0);
    }
    zsys_info ("web: %s logged out", caller->actor);
    pps_http_json (response, 200, json_object ());
}

static void
s_me (web_gateway_t *self, const web_caller_t *caller, pps_http_response_t *response)
{
    web_user_t user;
    web_session_t session;
    if (caller->cookie
    &&  web_user_get (self->accounts, caller->actor, pps_now_ms (), &user) == WEB_OK) {
        json_t *json = s_user_json (&user);
        //  A page reloaded has lost the token the login gave: it asks here
        if (web_session_check (self->accounts, caller->session_id, pps_now_ms (), &session)
            == WEB_OK)
            json_object_set_new (json, "csrf_token", json_string (session.csrf));
        pps_http_json (response, 200, json);
    }
    else
        pps_http_json (response, 200, json_pack ("{s:s, s:s}", "login", caller->actor,
                                                 "role", pps_role_name (caller->role)));
}

//  ---------------------------------------------------------------- routes

static void
s_handle (void *arg, const pps_http_request_t *request, pps_http_response_t *response)
{
    web_gateway_t *self = arg;
    const char *path = request->path;
    if (strncmp (path, API, strlen (API)) != 0) {
        //  The console: its files need no login, its data does
        if (pps_http_assets_serve (pps_console_region_assets, request, response))
            return;
        pps_http_problem (response, 404, "the API is under " API, NULL);
        return;
    }
    path += strlen (API);
    bool get = streq (request->method, "GET");
    //  What anyone may ask
    if (streq (path, "login")) {
        if (streq (request->method, "POST"))
            s_login (self, request, response);
        else
            pps_http_problem (response, 405, "log in with a POST", NULL);
        return;
    }
    if (streq (path, "openapi.json") && get) {
        web_openapi (self, response);
        return;
    }
    web_caller_t caller;
    if (!s_authenticate (self, request, &caller, response) || !s_csrf_ok (request, &caller, response))
        return;
    if (streq (path, "logout"))
        s_logout (self, &caller, response);
    else
    if (streq (path, "me"))
        s_me (self, &caller, response);
    else
    if (streq (path, "describe") && get)
        web_api_describe (self, response);
    else
    if (streq (path, "events") && get)
        web_events (self, request, response);
    else
    if (streq (path, "status") && get)
        web_status (self, response);
    else
    if (streq (path, "journal") && get)
        web_journal (self, request, response);
    else {
        char service [32], op [64];
        const char *slash = strchr (path, '/');
        size_t length = slash ? (size_t) (slash - path) : 0;
        if (!slash || length == 0 || length >= sizeof service || strlen (slash + 1) == 0
        ||  strlen (slash + 1) >= sizeof op || strchr (slash + 1, '/')) {
            pps_http_problem (response, 404, "no such resource", NULL);
            return;
        }
        memcpy (service, path, length);
        service [length] = 0;
        snprintf (op, sizeof op, "%s", slash + 1);
        //  Operations may be written with dashes, as ppsctl takes them
        for (char *dash = strchr (op, '-'); dash; dash = strchr (dash, '-'))
            *dash = '_';
        web_api_operation (self, request, &caller, service, op, response);
    }
}

//  ---------------------------------------------------------------- gateway

bool
web_gateway_enabled (pps_config_t *config)
{
    return !streq (pps_config_get (config, "web/bind", "127.0.0.1:8090"), "off");
}

web_gateway_t *
web_gateway_new (pps_config_t *config)
{
    web_gateway_t *self = calloc (1, sizeof *self);
    assert (self);
    self->config = config;
    self->services = web_services_new (config, (int) pps_config_get_int (config, "web/call_ms",
                                                                          5000));
    char *dir = zsys_sprintf ("%s/web", pps_config_data_dir (config));
    self->accounts = web_accounts_open (dir, (size_t) pps_config_get_int (config, "web/map_mb", 64));
    zstr_free (&dir);
    if (!self->accounts) {
        zsys_error ("web: cannot open the accounts");
        web_gateway_destroy (&self);
        return NULL;
    }
    web_policy_t policy;
    web_policy_default (&policy);
    policy.session_idle_ms = pps_config_get_int (config, "web/session_idle_s",
                                                 policy.session_idle_ms / 1000) * 1000;
    web_accounts_set_policy (self->accounts, &policy);
    pps_httpd_settings_t settings = {
        .bind = pps_config_get (config, "web/bind", "127.0.0.1:8090"),
        .tls_cert = pps_config_get (config, "web/tls_cert", ""),
        .tls_key = pps_config_get (config, "web/tls_key", ""),
        .max_body = (size_t) pps_config_get_int (config, "web/max_body_kb", 8192) * 1024,
        .max_connections = (unsigned) pps_config_get_int (config, "web/max_connections", 256),
        .per_address = (unsigned) pps_config_get_int (config, "web/per_address", 32),
        .timeout_s = (unsigned) pps_config_get_int (config, "web/timeout_s", 30),
        .name = "web",
    };
    self->secure = *settings.tls_cert;
    char error [256];
    self->httpd = pps_httpd_new (&settings, s_handle, self, error, sizeof error);
    if (!self->httpd) {
        zsys_error ("web: %s", error);
        web_gateway_destroy (&self);
        return NULL;
    }
    return self;
}

unsigned
web_gateway_port (web_gateway_t *self)
{
    return pps_httpd_port (self->httpd);
}

void
web_gateway_destroy (web_gateway_t **self_p)
{
    web_gateway_t *self = *self_p;
    if (!self)
        return;
    pps_httpd_destroy (&self->httpd);
    web_accounts_destroy (&self->accounts);
    web_services_destroy (&self->services);
    free (self);
    *self_p = NULL;
}
