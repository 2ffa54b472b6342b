/*  national_http: pps-national's HTTP server (common/pps_httpd.h: a
    thread per connection, connections per address and idle time bounded,
    so that slow or idle clients never hold the regions' pushes; the
    handlers, written for one thread, take turns under a lock).

    For each request, at the headers: find the route (404/405), check the
    caller (401/403), refuse a declared Content-Length above the body limit
    (413) before reading any of the body. Then the body is collected up to
    the limit; a chunked body that goes beyond is discarded as it arrives
    and answered 413. Then the route's handler runs and its reply is sent.

    Beside the API: any path outside /api/ is the national console's files
    (GET or HEAD, embedded: pps_http_assets.h), and /api/v1/login, logout
    and me are the accounts' (web_auth.h), answered outside the handlers'
    lock so that a login's argon2id never holds a region's push.
*/
#ifndef NATIONAL_HTTP_H_INCLUDED
#define NATIONAL_HTTP_H_INCLUDED

#include "national_api.h"

typedef struct _national_http_t national_http_t;

//  Listen on the settings' address and serve service until destroyed.
//  Returns NULL (logged) when the address cannot be bound.
//  Caller owns return value and must destroy it.
national_http_t *national_http_new (national_t *service);

//  Stop listening, finish the thread; sets *self_p to NULL.
void national_http_destroy (national_http_t **self_p);

#endif
