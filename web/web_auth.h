/*  web_auth: who calls an HTTP server of the project, through the accounts
    of web_accounts.h. pps-web (a region's API and console) and
    pps-national (the national console) both use it, each with its own
    accounts store: one mechanism, written once.

        POST /api/v1/login    {"login", "password"}: a session cookie and
                              the session's CSRF token (401 wrong, 429 with
                              Retry-After while locked)
        POST /api/v1/logout   ends the cookie's session
        GET  /api/v1/me       the caller; for a cookie session, its CSRF
                              token again (a reloaded page has lost it)

    A caller is a bearer API token ("Authorization: Bearer ppst_..."), else
    the session cookie (pps_session: HttpOnly, SameSite=Strict, Path=/,
    Secure when the request came over TLS or web/secure_cookies is set). A
    request made with the cookie that changes anything carries the
    session's CSRF token in X-CSRF-Token.

    Configuration (the same keys for pps-web and pps-national, and ppsctl
    opens the same store):
        <region/data_dir>/web   the accounts' LMDB environment
        web/map_mb              its map, default 64 (MiB)
        web/session_idle_s      a session unused that long ends, default 1800
        web/secure_cookies      1: Secure cookies over plain HTTP too, for a
                                server behind a TLS reverse proxy; default 0

    Answers are RFC 9457 problems (pps_http_problem). Logins, logouts,
    lockouts and refusals are logged with the server's name, never a
    password, a session id, a CSRF token or an API token.
*/
#ifndef WEB_AUTH_H_INCLUDED
#define WEB_AUTH_H_INCLUDED

#include <stdbool.h>
#include "pps_config.h"
#include "pps_httpd.h"
#include "pps_security.h"
#include "web_accounts.h"

#define WEB_AUTH_COOKIE         "pps_session"
#define WEB_AUTH_CSRF_HEADER    "X-CSRF-Token"

//  Who is calling, once authenticated.
typedef struct {
    char actor [WEB_DISPLAY_NAME_MAX + 16];     //  The login, or "token:<name>"
    pps_role_t role;
    bool cookie;                                //  By session cookie: CSRF applies
    char session_id [WEB_SESSION_ID_SIZE + 1];
} web_caller_t;

typedef struct _web_auth_t web_auth_t;

//  Open the accounts of config (<region/data_dir>/web) with its policy,
//  for the server name ("web", "national": the log's prefix). NULL
//  (logged) when the store cannot be opened. Caller owns return value and
//  must destroy it.
web_auth_t *web_auth_new (pps_config_t *config, const char *name);

//  Close; sets *self_p to NULL.
void web_auth_destroy (web_auth_t **self_p);

//  The accounts (owned by self).
web_accounts_t *web_auth_accounts (web_auth_t *self);

//  What the request's credentials are.
typedef enum {
    WEB_AUTH_CALLER,                //  A valid token or session: *caller is filled
    WEB_AUTH_NONE,                  //  No bearer token and no session cookie
    WEB_AUTH_REFUSED                //  Credentials that do not hold: *why says why
} web_auth_found_t;

//  Why credentials were refused (401).
typedef struct {
    const char *detail;             //  For a person (static)
    const char *field;              //  "Authorization", or NULL
    bool challenge;                 //  Answer WWW-Authenticate: Bearer
} web_auth_refusal_t;

//  True when token has the shape of an account's API token ("ppst_..."),
//  so that a server that also knows other bearer tokens (pps-national: the
//  regions' and the reader's) knows whose to check.
bool web_auth_is_account_token (const char *token);

//  The caller of request: a bearer token, else the session cookie. Every
//  refusal is logged.
web_auth_found_t web_auth_check (web_auth_t *self, const pps_http_request_t *request,
                                 web_caller_t *caller, web_auth_refusal_t *why);

//  web_auth_check, with no credentials refused too: false with a 401
//  problem in response.
bool web_auth_authenticate (web_auth_t *self, const pps_http_request_t *request,
                            web_caller_t *caller, pps_http_response_t *response);

//  True unless caller came by cookie and request changes state (not GET
//  or HEAD) without the session's CSRF token: then false with a 403
//  problem in response. Another site's page can make the browser send the
//  cookie, not read the token.
bool web_auth_csrf_ok (web_auth_t *self, const pps_http_request_t *request,
                       const web_caller_t *caller, pps_http_response_t *response);

//  True when path (under /api/v1/, e.g. "login") is one of the routes
//  above, whatever the method.
bool web_auth_is_route (const char *path);

//  Answer the route path (under /api/v1/) into response when it is one of
//  the above, authenticating logout and me (and CSRF for logout); false,
//  response untouched, for another path.
bool web_auth_serve (web_auth_t *self, const char *path, const pps_http_request_t *request,
                     pps_http_response_t *response);

#endif
