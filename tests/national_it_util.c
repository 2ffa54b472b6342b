/*  national_it_util: process, HTTP and document helpers of the
    pps-national real-process test.  */
#include "national_it.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include "pps_fs.h"
#include "test_ports.h"
#include "pps_bilan.h"
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define ENV_MAX         256
#define READY_TRIES     100           //  Status probes at start...
#define READY_WAIT_MS   50            //  ...this far apart
#define STOP_TRIES      100           //  waitpid polls after SIGTERM...
#define STOP_WAIT_MS    50            //  ...this far apart
#define LOG_TAIL_BYTES  3000

static char s_program [512];
static char s_dir [64];
static char s_config [128];
static char s_log [128];
static char s_url [64];
static char s_ca_file [256];          //  Trusted certificate once on HTTPS
static char *s_env [ENV_MAX];
static size_t s_env_count;
static pid_t s_pid;

//  Sleep ms milliseconds.
static void
s_sleep_ms (int ms)
{
    struct timespec pause = { ms / 1000, (long) (ms % 1000) * 1000000L };
    nanosleep (&pause, NULL);
}

void
nit_fail (const char *file, int line, const char *condition, const char *format, ...)
{
    fflush (stdout);
    fprintf (stderr, "FAIL %s:%d: (%s) ", file, line, condition);
    va_list args;
    va_start (args, format);
    vfprintf (stderr, format, args);
    va_end (args);
    fprintf (stderr, "\n");
    FILE *log = fopen (s_log, "r");
    if (log) {
        fseek (log, 0, SEEK_END);
        long size = ftell (log);
        fseek (log, size > LOG_TAIL_BYTES ? size - LOG_TAIL_BYTES : 0, SEEK_SET);
        fprintf (stderr, "---- tail of the service log\n");
        char buffer [512];
        size_t bytes;
        while ((bytes = fread (buffer, 1, sizeof buffer, log)) > 0)
            fwrite (buffer, 1, bytes, stderr);
        fprintf (stderr, "---- end of log\n");
        fclose (log);
    }
    if (s_pid > 0) {
        kill (s_pid, SIGKILL);
        waitpid (s_pid, NULL, 0);
    }
    if (*s_dir)
        pps_fs_remove_tree (s_dir);
    _exit (1);
}

//  Append an entry (owned) to the child's environment.
static void
s_env_add (char *entry)
{
    NIT_CHECK (entry && s_env_count + 1 < ENV_MAX, "environment full");
    s_env [s_env_count++] = entry;
    s_env [s_env_count] = NULL;
}

void
nit_setup (const char *program)
{
    NIT_CHECK (sodium_init () >= 0, "sodium_init");
    NIT_CHECK (curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK, "curl_global_init");
    snprintf (s_program, sizeof s_program, "%s", program);
    snprintf (s_dir, sizeof s_dir, "/tmp/pps-national-it-XXXXXX");
    NIT_CHECK (mkdtemp (s_dir), "mkdtemp: %s", strerror (errno));
    snprintf (s_config, sizeof s_config, "%s/national.cfg", s_dir);
    snprintf (s_log, sizeof s_log, "%s/service.log", s_dir);
    int port = test_port_take ();
    NIT_CHECK (port, "no TCP port reserved for this test");
    snprintf (s_url, sizeof s_url, "http://127.0.0.1:%d", port);
    //  The caller's own PPS_ settings must not leak into the child
    for (char **entry = environ; *entry; entry++)
        if (strncmp (*entry, "PPS_", 4) != 0)
            s_env_add (strdup (*entry));
    char entry [256];
    snprintf (entry, sizeof entry, "PPS_REGION_DATA_DIR=%s/data", s_dir);
    s_env_add (strdup (entry));
}

void
nit_teardown (void)
{
    if (s_pid > 0)
        nit_stop ();
    pps_fs_remove_tree (s_dir);
    for (size_t index = 0; index < s_env_count; index++)
        free (s_env [index]);
    s_env_count = 0;
    curl_global_cleanup ();
}

void
nit_use_tls (const char *ca_file)
{
    snprintf (s_ca_file, sizeof s_ca_file, "%s", ca_file);
    char *port = strrchr (s_url, ':');
    char url [64];
    snprintf (url, sizeof url, "https://127.0.0.1%s", port);
    snprintf (s_url, sizeof s_url, "%s", url);
}

const char *
nit_url (void)
{
    return s_url;
}

const char *
nit_dir (void)
{
    return s_dir;
}

void
nit_write_config (const char *zpl)
{
    FILE *file = fopen (s_config, "w");
    NIT_CHECK (file, "cannot write %s: %s", s_config, strerror (errno));
    fputs (zpl, file);
    fclose (file);
}

void
nit_setenv (const char *name, const char *value)
{
    char entry [512];
    snprintf (entry, sizeof entry, "%s=%s", name, value);
    s_env_add (strdup (entry));
}

void
nit_start (void)
{
    NIT_CHECK (s_pid == 0, "already running");
    fflush (stdout);
    pid_t pid = fork ();
    NIT_CHECK (pid >= 0, "fork: %s", strerror (errno));
    if (pid == 0) {
        prctl (PR_SET_PDEATHSIG, SIGKILL);
        int log = open (s_log, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (log >= 0) {
            dup2 (log, STDOUT_FILENO);
            dup2 (log, STDERR_FILENO);
            close (log);
        }
        char *argv [] = { s_program, "-c", s_config, NULL };
        execve (s_program, argv, s_env);
        _exit (127);
    }
    s_pid = pid;
    for (int attempt = 0; attempt < READY_TRIES; attempt++) {
        int status;
        NIT_CHECK (waitpid (s_pid, &status, WNOHANG) == 0,
                   "pps-national exited at start (status %d)", status);
        nit_response_t response;
        nit_http ("GET", "/api/v1/status", NULL, NULL, NULL, 0, false, &response);
        long code = response.status;
        nit_response_free (&response);
        //  Any HTTP answer means it listens (status may need a reader token)
        if (code > 0)
            return;
        s_sleep_ms (READY_WAIT_MS);
    }
    NIT_CHECK (false, "pps-national did not answer on %s", s_url);
}

void
nit_kill (void)
{
    NIT_CHECK (s_pid > 0, "not running");
    kill (s_pid, SIGKILL);
    waitpid (s_pid, NULL, 0);
    s_pid = 0;
}

int
nit_stop (void)
{
    NIT_CHECK (s_pid > 0, "not running");
    kill (s_pid, SIGTERM);
    int status = 0;
    for (int attempt = 0; attempt < STOP_TRIES; attempt++) {
        if (waitpid (s_pid, &status, WNOHANG) == s_pid) {
            s_pid = 0;
            return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
        }
        s_sleep_ms (STOP_WAIT_MS);
    }
    kill (s_pid, SIGKILL);
    waitpid (s_pid, NULL, 0);
    s_pid = 0;
    return -1;
}

//  ---------------------------------------------------------------- HTTP

//  libcurl's write callback: append to the response body.
static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    nit_response_t *response = arg;
    size_t bytes = size * count;
    response->body = realloc (response->body, response->size + bytes + 1);
    NIT_CHECK (response->body, "out of memory");
    memcpy (response->body + response->size, data, bytes);
    response->size += bytes;
    response->body [response->size] = 0;
    return bytes;
}

//  libcurl's header callback: keep X-PPS-Received-At.
static size_t
s_on_header (char *data, size_t size, size_t count, void *arg)
{
    nit_response_t *response = arg;
    size_t bytes = size * count;
    const char *name = "X-PPS-Received-At:";
    size_t length = strlen (name);
    if (bytes > length && strncasecmp (data, name, length) == 0) {
        size_t at = length;
        while (at < bytes && data [at] == ' ')
            at++;
        size_t value = 0;
        while (at < bytes && data [at] != '\r' && data [at] != '\n'
               && value + 1 < sizeof response->received_at)
            response->received_at [value++] = data [at++];
        response->received_at [value] = 0;
    }
    return bytes;
}

//  What a chunked upload still has to send.
typedef struct {
    const char *data;
    size_t left;
} s_upload_t;

//  libcurl's read callback of a chunked upload.
static size_t
s_on_read (char *buffer, size_t size, size_t count, void *arg)
{
    s_upload_t *upload = arg;
    size_t bytes = size * count < upload->left ? size * count : upload->left;
    memcpy (buffer, upload->data, bytes);
    upload->data += bytes;
    upload->left -= bytes;
    return bytes;
}

int
nit_http_try (const char *method, const char *path, const char *token, const char *key,
              const char *body, size_t size, bool chunked, nit_response_t *response)
{
    memset (response, 0, sizeof *response);
    CURL *curl = curl_easy_init ();
    NIT_CHECK (curl, "curl_easy_init");
    char url [512], header [600];
    snprintf (url, sizeof url, "%s%s", s_url, path);
    struct curl_slist *headers = NULL;
    if (token) {
        snprintf (header, sizeof header, "Authorization: Bearer %s", token);
        headers = curl_slist_append (headers, header);
    }
    if (key) {
        snprintf (header, sizeof header, "Idempotency-Key: %s", key);
        headers = curl_slist_append (headers, header);
    }
    s_upload_t upload = { body, size };
    if (body) {
        headers = curl_slist_append (headers, "Content-Type: application/json");
        if (chunked) {
            headers = curl_slist_append (headers, "Transfer-Encoding: chunked");
            curl_easy_setopt (curl, CURLOPT_POST, 1L);
            curl_easy_setopt (curl, CURLOPT_READFUNCTION, s_on_read);
            curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
        }
        else {
            curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
            curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) size);
        }
    }
    if (strcmp (method, "GET") != 0 && strcmp (method, "POST") != 0)
        curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt (curl, CURLOPT_URL, url);
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, response);
    curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, s_on_header);
    curl_easy_setopt (curl, CURLOPT_HEADERDATA, response);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
    if (*s_ca_file)
        curl_easy_setopt (curl, CURLOPT_CAINFO, s_ca_file);
    CURLcode rc = curl_easy_perform (curl);
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
    curl_slist_free_all (headers);
    curl_easy_cleanup (curl);
    if (response->body)
        response->json = json_loadb (response->body, response->size, 0, NULL);
    return (int) rc;
}

void
nit_http (const char *method, const char *path, const char *token, const char *key,
          const char *body, size_t size, bool chunked, nit_response_t *response)
{
    int rc = nit_http_try (method, path, token, key, body, size, chunked, response);
    //  Before start-up, a refused connection is expected: status 0
    NIT_CHECK (rc == CURLE_OK || rc == CURLE_COULDNT_CONNECT || response->status > 0,
               "%s %s: %s", method, path, curl_easy_strerror ((CURLcode) rc));
}

void
nit_response_free (nit_response_t *response)
{
    free (response->body);
    json_decref (response->json);
    memset (response, 0, sizeof *response);
}

int
nit_run (const char *command, char **output_p)
{
    FILE *pipe = popen (command, "r");
    NIT_CHECK (pipe, "popen %s: %s", command, strerror (errno));
    size_t size = 0;
    char *output = malloc (1);
    char buffer [4096];
    size_t bytes;
    while ((bytes = fread (buffer, 1, sizeof buffer, pipe)) > 0) {
        output = realloc (output, size + bytes + 1);
        NIT_CHECK (output, "out of memory");
        memcpy (output + size, buffer, bytes);
        size += bytes;
    }
    output [size] = 0;
    int status = pclose (pipe);
    *output_p = output;
    return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

//  ---------------------------------------------------------------- documents

void
nit_sha256_hex (const void *data, size_t size, char hex [65])
{
    unsigned char hash [crypto_hash_sha256_BYTES];
    crypto_hash_sha256 (hash, data, size);
    sodium_bin2hex (hex, 65, hash, sizeof hash);
}

void
nit_sign (json_t *document)
{
    NIT_CHECK (pps_bilan_seal (document) == 0, "pps_bilan_seal");
}

json_t *
nit_bilan (const char *region, int version, const char *overrides)
{
    json_t *indicators = json_array ();
    //  Every indicator of the contract at zero (bilan/pps_bilan.h)
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (index);
        bool ratio = definition->kind == PPS_BILAN_RATIO;
        json_array_append_new (indicators, json_pack ("{s:s, s:s, s:i, s:o, s:o}",
            "id", definition->id, "kind", pps_bilan_kind_name (definition->kind), "numerator", 0,
            "denominator", ratio ? json_integer (0) : json_null (),
            "value", ratio ? json_null () : json_integer (0)));
    }
    json_error_t error;
    json_t *extra = json_loads (overrides ? overrides : "[]", 0, &error);
    NIT_CHECK (json_is_array (extra), "overrides: %s", error.text);
    for (size_t item = 0; item < json_array_size (extra); item++) {
        json_t *indicator = json_array_get (extra, item);
        const char *id = json_string_value (json_object_get (indicator, "id"));
        size_t index = 0;
        while (index < json_array_size (indicators)
               && strcmp (id, json_string_value (json_object_get (
                      json_array_get (indicators, index), "id"))) != 0)
            index++;
        if (index < json_array_size (indicators))
            json_array_set (indicators, index, indicator);
        else
            json_array_append (indicators, indicator);
    }
    json_decref (extra);
    json_t *document = json_pack (
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:o, s:[{s:s, s:s, s:s, s:b, s:[]}],"
        " s:[]}",
        "schema", PPS_BILAN_SCHEMA, "region", region, "period", "2025",
        "period_start", "2025-01-01", "period_end", "2025-12-31",
        "reference_date", "2025-12-31", "version", version,
        "computed_at", "2026-01-12T09:30:00Z", "finalised_at", "2026-01-15T14:02:11Z",
        "indicators", indicators,
        "establishments", "code", "101739", "name", "CD BAPAUME", "kind", "CD", "minors", 0,
        "indicators", "validation");
    NIT_CHECK (document, "json_pack of the bilan");
    nit_sign (document);
    return document;
}
