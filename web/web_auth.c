/*  web_auth: login, logout, me, and who calls (see web_auth.h).  */
#include "web_auth.h"

#include <czmq.h>
#include <sodium.h>
#include <stdatomic.h>
#include "pps_date.h"

//  Default map size of the accounts' environment (ppsctl uses the same).
#define ACCOUNTS_MAP_MB     64
//  Expired sessions and spent failure counters are dropped this often, at
//  a login: they would otherwise grow the store for good (a spray of
//  addresses leaves a counter each).
#define PURGE_MS            (60 * 60 * 1000)

struct _web_auth_t {
    web_accounts_t *accounts;
    char *name;                       //  The log's prefix
    bool secure_cookies;              //  Secure even over plain HTTP
    _Atomic int64_t purged_ms;        //  When the store was last purged
};

web_auth_t *
web_auth_new (pps_config_t *config, const char *name)
{
    web_auth_t *self = calloc (1, sizeof *self);
    assert (self);
    self->name = strdup (name);
    assert (self->name);
    int64_t map_mb = pps_config_get_int (config, "web/map_mb", ACCOUNTS_MAP_MB);
    char *dir = zsys_sprintf ("%s/web", pps_config_data_dir (config));
    //  The store holds password hashes: its directory is the services' only
    if (pps_config_private_dir (dir) == 0)
        self->accounts = web_accounts_open (dir, (size_t) (map_mb > 0 ? map_mb : ACCOUNTS_MAP_MB));
    if (!self->accounts) {
        zsys_error ("%s: cannot open the accounts in %s", name, dir);
        zstr_free (&dir);
        web_auth_destroy (&self);
        return NULL;
    }
    zstr_free (&dir);
    web_policy_t policy;
    web_policy_default (&policy);
    int64_t idle_s = pps_config_get_int (config, "web/session_idle_s",
                                         policy.session_idle_ms / 1000);
    if (idle_s > 0)
        policy.session_idle_ms = idle_s * 1000;
    web_accounts_set_policy (self->accounts, &policy);
    self->secure_cookies = pps_config_get_int (config, "web/secure_cookies", 0) != 0;
    atomic_init (&self->purged_ms, 0);
    return self;
}

void
web_auth_destroy (web_auth_t **self_p)
{
    web_auth_t *self = *self_p;
    if (!self)
        return;
    web_accounts_destroy (&self->accounts);
    free (self->name);
    free (self);
    *self_p = NULL;
}

web_accounts_t *
web_auth_accounts (web_auth_t *self)
{
    return self->accounts;
}

bool
web_auth_is_account_token (const char *token)
{
    return token && strncmp (token, WEB_TOKEN_PREFIX, strlen (WEB_TOKEN_PREFIX)) == 0;
}

//  ---------------------------------------------------------------- who calls

web_auth_found_t
web_auth_check (web_auth_t *self, const pps_http_request_t *request, web_caller_t *caller,
                web_auth_refusal_t *why)
{
    memset (caller, 0, sizeof *caller);
    memset (why, 0, sizeof *why);
    int64_t now = pps_now_ms ();
    const char *authorization = pps_http_header (request, "Authorization");
    if (authorization && strncasecmp (authorization, "Bearer ", 7) == 0) {
        web_token_t token;
        if (web_token_check (self->accounts, authorization + 7, now, &token) == WEB_OK) {
            snprintf (caller->actor, sizeof caller->actor, "token:%s", token.name);
            caller->role = token.role;
            return WEB_AUTH_CALLER;
        }
        zsys_warning ("%s: refused a bearer token from %s", self->name, request->address);
        why->detail = "unknown or revoked token";
        why->field = "Authorization";
        why->challenge = true;
        return WEB_AUTH_REFUSED;
    }
    const char *cookie = pps_http_cookie (request, WEB_AUTH_COOKIE);
    if (cookie) {
        web_session_t session;
        web_result_t result = web_session_check (self->accounts, cookie, now, &session);
        if (result == WEB_OK && !session.user.disabled) {
            snprintf (caller->actor, sizeof caller->actor, "%s", session.user.login);
            caller->role = session.user.role;
            caller->cookie = true;
            snprintf (caller->session_id, sizeof caller->session_id, "%s", cookie);
            return WEB_AUTH_CALLER;
        }
        why->detail = result == WEB_EXPIRED ? "the session has expired: log in" : "log in";
        return WEB_AUTH_REFUSED;
    }
    return WEB_AUTH_NONE;
}

bool
web_auth_authenticate (web_auth_t *self, const pps_http_request_t *request,
                       web_caller_t *caller, pps_http_response_t *response)
{
    web_auth_refusal_t why;
    web_auth_found_t found = web_auth_check (self, request, caller, &why);
    if (found == WEB_AUTH_CALLER)
        return true;
    if (found == WEB_AUTH_NONE) {
        why.detail = "log in (POST /api/v1/login), or send a bearer token";
        why.challenge = true;
    }
    pps_http_problem (response, 401, why.detail, why.field);
    if (why.challenge)
        pps_http_add_header (response, "WWW-Authenticate", "Bearer");
    return false;
}

bool
web_auth_csrf_ok (web_auth_t *self, const pps_http_request_t *request,
                  const web_caller_t *caller, pps_http_response_t *response)
{
    if (!caller->cookie || streq (request->method, "GET") || streq (request->method, "HEAD"))
        return true;
    const char *token = pps_http_header (request, WEB_AUTH_CSRF_HEADER);
    if (token && web_csrf_matches (caller->session_id, token))
        return true;
    zsys_warning ("%s: refused a %s %.200s by %s without its CSRF token", self->name,
                  request->method, request->path, caller->actor);
    pps_http_problem (response, 403, "a change made with the session cookie needs its "
                      WEB_AUTH_CSRF_HEADER " header", WEB_AUTH_CSRF_HEADER);
    return false;
}

//  ---------------------------------------------------------------- sessions

//  Set (or with max_age_s 0, clear) the session cookie. Secure over TLS:
//  a browser then never sends it in clear; also over plain HTTP when the
//  operator says a TLS proxy is in front.
static void
s_session_cookie (web_auth_t *self, const pps_http_request_t *request,
                  pps_http_response_t *response, const char *id, int64_t max_age_s)
{
    char cookie [256];
    snprintf (cookie, sizeof cookie, WEB_AUTH_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict;"
              " Max-Age=%lld%s", id, (long long) max_age_s,
              request->tls || self->secure_cookies ? "; Secure" : "");
    pps_http_add_header (response, "Set-Cookie", cookie);
}

static json_t *
s_user_json (const web_user_t *user)
{
    return json_pack ("{s:s, s:s, s:s}", "login", user->login, "display_name", user->display_name,
                      "role", pps_role_name (user->role));
}

//  Drop what has expired, at most once per PURGE_MS, by whichever login
//  comes first.
static void
s_purge (web_auth_t *self, int64_t now)
{
    int64_t last = atomic_load (&self->purged_ms);
    if (now - last < PURGE_MS || !atomic_compare_exchange_strong (&self->purged_ms, &last, now))
        return;
    int purged = web_accounts_purge (self->accounts, now);
    if (purged > 0)
        zsys_info ("%s: %d expired session(s) and failure counter(s) dropped", self->name, purged);
}

static void
s_login (web_auth_t *self, const pps_http_request_t *request, pps_http_response_t *response)
{
    json_t *body = json_loadb (request->body, request->body_size, 0, NULL);
    const char *login = NULL, *password = NULL;
    if (!body || json_unpack (body, "{s:s, s:s !}", "login", &login, "password", &password)) {
        json_decref (body);
        pps_http_problem (response, 400, "send {\"login\": ..., \"password\": ...}", NULL);
        return;
    }
    //  A login renews the session: the one the browser had ends here
    const char *previous = pps_http_cookie (request, WEB_AUTH_COOKIE);
    if (previous)
        web_logout (self->accounts, previous);
    web_session_t session;
    int64_t locked_until = 0;
    web_result_t result = web_login (self->accounts, login, password, request->address,
                                     pps_now_ms (), &session, &locked_until);
    if (result == WEB_OK) {
        zsys_info ("%s: %s logged in from %s", self->name, session.user.login, request->address);
        json_t *user = s_user_json (&session.user);
        json_object_set_new (user, "csrf_token", json_string (session.csrf));
        pps_http_json (response, 200, user);
        s_session_cookie (self, request, response, session.id,
                          (session.expires_ms - pps_now_ms ()) / 1000 + 1);
        sodium_memzero (&session, sizeof session);
    }
    else
    if (result == WEB_LOCKED) {
        char until [40], detail [128];
        snprintf (detail, sizeof detail, "too many failed logins: locked until %s",
                  pps_time_format_ms (locked_until, until, sizeof until));
        zsys_warning ("%s: login of '%.64s' from %s refused: locked until %s", self->name, login,
                      request->address, until);
        pps_http_problem (response, 429, detail, NULL);
        char retry [24];
        snprintf (retry, sizeof retry, "%lld",
                  (long long) ((locked_until - pps_now_ms ()) / 1000 + 1));
        pps_http_add_header (response, "Retry-After", retry);
    }
    else {
        zsys_warning ("%s: login of '%.64s' from %s refused: %s", self->name, login,
                      request->address, web_result_name (result));
        pps_http_problem (response, 401, result == WEB_DISABLED ? "this account is disabled"
                                                                : "wrong login or password", NULL);
    }
    json_decref (body);
    s_purge (self, pps_now_ms ());
}

static void
s_logout (web_auth_t *self, const pps_http_request_t *request, const web_caller_t *caller,
          pps_http_response_t *response)
{
    if (caller->cookie) {
        web_logout (self->accounts, caller->session_id);
        s_session_cookie (self, request, response, "", 0);
    }
    zsys_info ("%s: %s logged out", self->name, caller->actor);
    pps_http_json (response, 200, json_object ());
}

static void
s_me (web_auth_t *self, const web_caller_t *caller, pps_http_response_t *response)
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
        sodium_memzero (&session, sizeof session);
        pps_http_json (response, 200, json);
    }
    else
        pps_http_json (response, 200, json_pack ("{s:s, s:s}", "login", caller->actor,
                                                 "role", pps_role_name (caller->role)));
}

bool
web_auth_is_route (const char *path)
{
    return streq (path, "login") || streq (path, "logout") || streq (path, "me");
}

bool
web_auth_serve (web_auth_t *self, const char *path, const pps_http_request_t *request,
                pps_http_response_t *response)
{
    if (!web_auth_is_route (path))
        return false;
    bool login = streq (path, "login"), me = streq (path, "me");
    const char *method = login || !me ? "POST" : "GET";
    if (!streq (request->method, method)) {
        pps_http_problem (response, 405, login ? "log in with a POST"
                                         : me ? "GET me" : "log out with a POST", NULL);
        pps_http_add_header (response, "Allow", method);
        return true;
    }
    if (login) {
        s_login (self, request, response);
        return true;
    }
    web_caller_t caller;
    if (!web_auth_authenticate (self, request, &caller, response)
    ||  !web_auth_csrf_ok (self, request, &caller, response))
        return true;
    if (me)
        s_me (self, &caller, response);
    else
        s_logout (self, request, &caller, response);
    return true;
}
