/*  pps_httpd: an HTTP server on libmicrohttpd that hands each request,
    whole, to one handler, and bounds what a client can make it hold.

    Each connection has its own thread, so a slow or idle client never
    delays the others; the number of connections, those of one address,
    the time a connection may stay idle and the size of a body are bounded
    (413 past max_body, before the body is read). Without TLS the server
    binds a loopback address only (unless told plain HTTP is fine
    anywhere). A handler fills a response: a body, or a stream (Server-Sent
    Events) that the server pulls until it ends.
*/
#ifndef PPS_HTTPD_H_INCLUDED
#define PPS_HTTPD_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <jansson.h>

typedef struct _pps_httpd_t pps_httpd_t;
struct MHD_Connection;

typedef struct {
    const char *method;               //  "GET", "POST"...
    const char *path;                 //  Without the query string
    const char *body;                 //  NUL-terminated; "" when none
    size_t body_size;
    const char *address;              //  The client's address as text
    bool tls;                         //  Came over TLS
    struct MHD_Connection *connection;
} pps_http_request_t;

#define PPS_HTTP_HEADERS_MAX 8

//  Pull the next bytes of a stream into buffer (at most size); return how
//  many, 0 to wait a little and ask again, -1 when the stream ends.
typedef ssize_t (pps_http_stream_fn) (void *arg, char *buffer, size_t size);

typedef struct {
    unsigned status;
    const char *content_type;         //  Static string
    char *body;                       //  malloc'd; the server frees it
    size_t body_size;
    const char *header_names [PPS_HTTP_HEADERS_MAX];    //  Static strings
    char *header_values [PPS_HTTP_HEADERS_MAX];         //  malloc'd; freed by the server
    size_t header_count;
    pps_http_stream_fn *stream;       //  When set, the body is streamed
    void *stream_arg;
    void (*stream_free) (void *arg);  //  Called once the stream is done with
} pps_http_response_t;

//  Serve request into response (status 0 is taken as 500).
typedef void (pps_http_handler_fn) (void *arg, const pps_http_request_t *request,
                                    pps_http_response_t *response);

//  Answer a refusal the server makes itself (a body over max_body) in the
//  shape of the API it serves.
typedef void (pps_http_refuse_fn) (void *arg, const pps_http_request_t *request,
                                   pps_http_response_t *response, unsigned status,
                                   const char *detail, const char *field);

typedef struct {
    const char *bind;                 //  "127.0.0.1:8090", "[::1]:8090", "0.0.0.0:443"
    const char *tls_cert;             //  PEM files; both or neither
    const char *tls_key;
    size_t max_body;                  //  Bytes of a request body
    unsigned max_connections;
    unsigned per_address;             //  Connections from one address
    unsigned timeout_s;               //  Idle connection timeout
    const char *name;                 //  For the log ("web", "national")
    bool plain_anywhere;              //  Allow plain HTTP on any address
                                      //  (else loopback only without TLS)
    //  Optional: called once the headers are in, before any body is read
    //  (request->body is ""); a response given here (status set) is sent
    //  at once and the body is never read: a caller refused by its
    //  credentials cannot make the server hold its body.
    pps_http_handler_fn *at_headers;
    //  Optional: the shape of the server's own refusals (default: an RFC
    //  9457 problem, pps_http_problem).
    pps_http_refuse_fn *refuse;
} pps_httpd_settings_t;

//  Start serving; NULL with the reason in error when the settings are
//  refused (no TLS on a non-loopback address) or the address cannot be
//  bound. Caller owns return value and must destroy it.
pps_httpd_t *pps_httpd_new (const pps_httpd_settings_t *settings, pps_http_handler_fn *handler,
                            void *arg, char *error, size_t error_size);

//  Stop serving (waits for the connections' threads); sets *self_p to NULL.
void pps_httpd_destroy (pps_httpd_t **self_p);

//  The port actually bound (for a bind on port 0).
unsigned pps_httpd_port (pps_httpd_t *self);

//  A request header, a query parameter or a cookie; NULL when absent.
const char *pps_http_header (const pps_http_request_t *request, const char *name);
const char *pps_http_query (const pps_http_request_t *request, const char *name);
const char *pps_http_cookie (const pps_http_request_t *request, const char *name);

//  Call fn for each query parameter, in order.
void pps_http_query_each (const pps_http_request_t *request,
                          void (*fn) (void *arg, const char *key, const char *value), void *arg);

//  Add a header to a response (value copied).
void pps_http_add_header (pps_http_response_t *response, const char *name, const char *value);

//  A JSON body (value is released); content type application/json.
void pps_http_json (pps_http_response_t *response, unsigned status, json_t *value);

//  An RFC 9457 problem (application/problem+json): title for the status,
//  detail for a person, field (may be NULL) naming the offending field.
void pps_http_problem (pps_http_response_t *response, unsigned status, const char *detail,
                       const char *field);

#endif
