/*  national_api: the routes of pps-national, declared once as data (method,
    path, who may call it, handler), and their handlers. The HTTP layer
    (national_http) finds the route, checks the caller, collects the body,
    then calls the handler with a plain request and sends its reply
    (docs/national.md has every route with an example).

        POST /api/v1/bilans                         a region's token
        GET  /api/v1/aggregate?period=YYYY[&format=csv]     reader
        GET  /api/v1/regions?period=YYYY[&format=csv]       reader
        GET  /api/v1/bilans/<region>                reader: its versions
        GET  /api/v1/bilans/<region>/<period>[/<version>]   reader
        GET  /api/v1/overview?period=YYYY           reader: regions x indicators
        GET  /api/v1/series?indicator=ID            reader: across periods
        GET  /api/v1/periods                        reader
        GET  /api/v1/status                         reader
    and the accounts' routes of web_auth.h (login, logout, me).

    Reader: a national account's session cookie or API token (any role;
    web_auth.h), or the bearer token whose hash is
    national/reader_token_sha256. Without credentials, reads are open to
    loopback clients while no reader token is configured and
    national/loopback_reads is on (the default).
*/
#ifndef NATIONAL_API_H_INCLUDED
#define NATIONAL_API_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "national_settings.h"
#include "national_store.h"
#include "web_auth.h"

//  The running service: what every handler works with.
typedef struct {
    const national_settings_t *settings;
    national_store_t *store;
    web_auth_t *auth;                 //  The console's accounts (web_auth.h)
    int64_t started_ms;               //  For the uptime
    uint64_t requests_served;         //  Answered, whatever the status
    uint64_t requests_failed;         //  Answered with a status >= 400
} national_t;

//  A request as the handlers see it; every string belongs to the HTTP layer.
typedef struct {
    const char *url;                  //  Path, without the query
    const char *period;               //  ?period=, or NULL
    const char *format;               //  ?format=, or NULL
    const char *indicator;            //  ?indicator=, or NULL
    const char *idempotency_key;      //  Idempotency-Key header, or NULL
    int region;                       //  Index of the posting region's token, -1 for a reader
    const char *body;                 //  The whole body (POST), may be NULL
    size_t body_size;
} national_request_t;

//  What a handler answers: JSON, or the raw bytes of a stored document.
typedef struct {
    unsigned status;                  //  HTTP status
    json_t *json;                     //  Body as JSON (owned), or NULL
    char *raw;                        //  Else raw bytes (owned, malloc), or NULL
    size_t raw_size;
    const char *content_type;         //  Of raw (static); NULL: application/json
    char filename [64];               //  For Content-Disposition: attachment, when set
    char received_at [32];            //  X-PPS-Received-At header when set
    const char *log;                  //  What to log with the status (static or in json)
} national_reply_t;

typedef enum {
    NATIONAL_AUTH_REGION,             //  A region's token; the handler checks the region
    NATIONAL_AUTH_READER              //  An account, the reader token, or loopback (above)
} national_auth_t;

typedef void (national_handler_fn) (national_t *self, const national_request_t *request,
                                    national_reply_t *reply);

typedef struct {
    const char *method;               //  "GET", "POST"
    const char *path;                 //  Exact, or a prefix when it ends with '/'
    national_auth_t auth;
    bool import;                      //  Errors answered as an import summary
    national_handler_fn *handler;
} national_route_t;

//  The route for method and url, or NULL with *status_p set to 404 (no such
//  path) or 405 (a path served for another method; *allow_p names it).
const national_route_t *national_api_route (const char *method, const char *url,
                                            unsigned *status_p, const char **allow_p);

//  Answer an error: {"status": "ERROR", "httpStatusCode", "field", "message"},
//  plus the import summary counts (ignored 1, the field as a conflict) when
//  import is true, else "detail" (the message again, as an RFC 9457
//  problem names it, for the consoles). field may be NULL.
void national_reply_error (national_reply_t *reply, unsigned status, const char *field,
                           const char *message, bool import);

#endif
