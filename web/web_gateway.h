/*  web_gateway: pps-web, the region's HTTP/JSON gateway (docs/web.md).

    Every operation of every service under /api/v1/<service>/<operation>,
    driven by the services' Describe and their descriptors; accounts,
    sessions and API tokens (web_auth.h, web_accounts.h); the OpenAPI
    document; live events as Server-Sent Events. It runs as a thread of
    pps-region or as its own program, pps-web.

        web_gateway.c   the routes, what a caller may do
        web_auth.c      login, logout, me, who is calling, CSRF (shared with
                        pps-national)
        web_api.c       an operation: its message from JSON or a query,
                        the call, the reply as JSON or a problem
        web_bulk.c      a CSV file to a write operation, row by row
        web_events.c    Server-Sent Events, resumable through EventsSince
        web_status.c    the services' status, the journal (audit trail)
        web_openapi.c   the OpenAPI 3 document
        web_services.c  the services, their Describe, a pool of clients
        web_accounts.c  users, passwords, lockouts; web_sessions.c, web_tokens.c
*/
#ifndef WEB_GATEWAY_H_INCLUDED
#define WEB_GATEWAY_H_INCLUDED

#include "pps_config.h"
#include "pps_httpd.h"
#include "pps_security.h"
#include "web_accounts.h"
#include "web_auth.h"
#include "web_services.h"

typedef struct _web_gateway_t web_gateway_t;

//  False when config's web/bind is "off": the region runs without its API.
bool web_gateway_enabled (pps_config_t *config);

//  Start the gateway on config's web/bind (default 127.0.0.1:8090), its
//  accounts under <data_dir>/web. NULL (logged) when it cannot start.
//  Caller owns return value and must destroy it.
web_gateway_t *web_gateway_new (pps_config_t *config);

//  Stop; sets *self_p to NULL.
void web_gateway_destroy (web_gateway_t **self_p);

//  The port it listens on.
unsigned web_gateway_port (web_gateway_t *self);

//  The gateway's parts, for its routes.
web_services_t *web_gateway_services (web_gateway_t *self);
web_accounts_t *web_gateway_accounts (web_gateway_t *self);

//  ---------------------------------------------------------------- routes
//  Each serves one kind of request for an authenticated caller.

//  /api/v1/<service>/<op>: GET for reads, POST (JSON, or CSV for bulk).
void web_api_operation (web_gateway_t *self, const pps_http_request_t *request,
                        const web_caller_t *caller, const char *service, const char *op,
                        pps_http_response_t *response);

//  /api/v1/describe: every service's Describe.
void web_api_describe (web_gateway_t *self, pps_http_response_t *response);

//  Map a reply's status to a problem (gRPC code to HTTP status).
void web_api_problem (pps_http_response_t *response, const Pps__Status *status);

//  A CSV body sent to a write operation: one request per row.
void web_bulk_import (web_gateway_t *self, const pps_http_request_t *request,
                      const web_caller_t *caller, const char *service,
                      const Pps__OperationDescription *op, pps_http_response_t *response);

//  /api/v1/events: Server-Sent Events.
void web_events (web_gateway_t *self, const pps_http_request_t *request,
                 pps_http_response_t *response);

//  /api/v1/status: every service's status; /api/v1/journal: the audit
//  trail of a service, newest first, filtered (web_status.c).
void web_status (web_gateway_t *self, pps_http_response_t *response);
void web_journal (web_gateway_t *self, const pps_http_request_t *request,
                  pps_http_response_t *response);

//  /api/v1/openapi.json.
void web_openapi (web_gateway_t *self, pps_http_response_t *response);

#endif
