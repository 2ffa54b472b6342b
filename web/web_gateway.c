/*  web_gateway: the routes, and what a caller may do (who calls: web_auth).  */
#include "web_gateway.h"

#include <czmq.h>
#include "pps_date.h"
#include "pps_http_assets.h"
#include "pps_json.h"

#define API                 "/api/v1/"

struct _web_gateway_t {
    pps_config_t *config;
    web_services_t *services;
    web_auth_t *auth;                 //  Accounts, sessions, tokens (web_auth.h)
    pps_httpd_t *httpd;
    const pps_http_asset_t *console;  //  Embedded, or loaded (then owned)
    pps_http_asset_t *console_loaded;
};

web_services_t *web_gateway_services (web_gateway_t *self) { return self->services; }
web_accounts_t *
web_gateway_accounts (web_gateway_t *self)
{
    return web_auth_accounts (self->auth);
}

//  ---------------------------------------------------------------- routes

static void
s_handle (void *arg, const pps_http_request_t *request, pps_http_response_t *response)
{
    web_gateway_t *self = arg;
    const char *path = request->path;
    if (strncmp (path, API, strlen (API)) != 0) {
        //  The console: its files need no login, its data does
        if (pps_http_assets_serve (self->console, request, response))
            return;
        pps_http_problem (response, 404, "the API is under " API, NULL);
        return;
    }
    path += strlen (API);
    bool get = streq (request->method, "GET");
    //  Log in, log out, who am I: the same mechanism as pps-national's
    if (web_auth_serve (self->auth, path, request, response))
        return;
    //  What anyone may ask
    if (streq (path, "openapi.json") && get) {
        web_openapi (self, response);
        return;
    }
    web_caller_t caller;
    if (!web_auth_authenticate (self->auth, request, &caller, response)
    ||  !web_auth_csrf_ok (self->auth, request, &caller, response))
        return;
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
    self->auth = web_auth_new (config, "web");
    self->console = pps_http_assets_open (pps_config_get (config, "web/console_dir", PPS_CONSOLE_DIR),
                                          "region", pps_console_region_assets,
                                          &self->console_loaded);
    if (!self->auth || !self->console) {
        web_gateway_destroy (&self);
        return NULL;
    }
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
    web_auth_destroy (&self->auth);
    web_services_destroy (&self->services);
    pps_http_assets_destroy (&self->console_loaded);
    free (self);
    *self_p = NULL;
}
