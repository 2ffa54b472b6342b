/*  national_it: helpers of the pps-national real-process test
    (national_it.c): run the program as a child process, speak HTTP to it
    with libcurl, build signed bilan documents.

    The child gets a fresh data directory, a ZPL file written by the test
    and PPS_* variables (none inherited from the caller's environment); it
    dies with the test (PR_SET_PDEATHSIG). A failed NIT_CHECK prints where
    and why and the tail of the child's log, kills the child by its PID,
    removes the temporary files and exits 1.
*/
#ifndef NATIONAL_IT_H_INCLUDED
#define NATIONAL_IT_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#define NIT_CHECK(condition, ...) \
    do { if (!(condition)) nit_fail (__FILE__, __LINE__, #condition, __VA_ARGS__); } while (0)

void nit_fail (const char *file, int line, const char *condition, const char *format, ...)
    __attribute__ ((noreturn, format (printf, 4, 5)));

//  Create the temporary directory (data and config) and pick a free port.
//  program is the pps-national binary.
void nit_setup (const char *program);

//  Stop the child if it runs and remove the temporary directory.
void nit_teardown (void);

//  From now on speak HTTPS, trusting the certificate in ca_file.
void nit_use_tls (const char *ca_file);

//  Base URL of the service ("http://127.0.0.1:PORT") and the temp directory.
const char *nit_url (void);
const char *nit_dir (void);

//  Write the ZPL configuration file the child reads with -c (the text is
//  used as given).
void nit_write_config (const char *zpl);

//  Add NAME=VALUE to the child's environment (kept across restarts).
void nit_setenv (const char *name, const char *value);

//  Start the child and wait until GET /api/v1/status answers (at most 5 s).
void nit_start (void);

//  SIGTERM and wait (at most 5 s, then SIGKILL); returns the exit status,
//  or -1 when it had to be killed or died of a signal.
int nit_stop (void);

//  SIGKILL (a crash) and wait for it.
void nit_kill (void);

//  One HTTP exchange.
typedef struct {
    long status;                      //  HTTP status, 0 when no answer
    char *body;                       //  NUL-terminated (free with nit_response_free)
    size_t size;
    json_t *json;                     //  body parsed, or NULL
    char received_at [40];            //  X-PPS-Received-At, or ""
} nit_response_t;

//  Send method path (with its query) with an optional bearer token,
//  Idempotency-Key and body; chunked sends the body without a
//  Content-Length. Fills response; fails the test when curl itself fails.
void nit_http (const char *method, const char *path, const char *token, const char *key,
               const char *body, size_t size, bool chunked, nit_response_t *response);

//  Same, but a failed exchange (the service died mid-request...) is not a
//  test failure: returns libcurl's code (0 when an answer came).
int nit_http_try (const char *method, const char *path, const char *token, const char *key,
                  const char *body, size_t size, bool chunked, nit_response_t *response);

void nit_response_free (nit_response_t *response);

//  SHA-256 hex (65 bytes with the NUL) of size bytes.
void nit_sha256_hex (const void *data, size_t size, char hex [65]);

//  Set "sha256" of document to the SHA-256 of its canonical form, computed
//  here as docs/bilan.md says (jansson, JSON_SORT_KEYS | JSON_COMPACT,
//  without the sha256 member).
void nit_sign (json_t *document);

//  A valid pps-bilan/2 document of region for 2025, version, signed: every
//  fixed indicator (yes_no 0, ratio 0/0, count and amount 0) except those
//  set in overrides, a JSON array of indicator objects that replace or add
//  to them; one establishment.
json_t *nit_bilan (const char *region, int version, const char *overrides);

//  Run a shell command line; its stdout into *output_p (caller frees).
//  Returns its exit status.
int nit_run (const char *command, char **output_p);

#endif
