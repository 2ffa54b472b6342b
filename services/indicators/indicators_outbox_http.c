/*  indicators_outbox_http: one POST of a bilan with libcurl, and the
    rules that classify its answer.  */
#include "indicators_outbox_http.h"

#include <czmq.h>
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#define BODY_MAX          65536         //  Answer bytes kept
#define TOKEN_MAX         4096
#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S   20L

typedef struct {
    char *data;
    size_t size;
} body_t;

typedef struct {
    indicators_outbox_stop_fn *stop;
    void *arg;
} progress_t;

//  ---------------------------------------------------------------- rules

indicators_outbox_verdict_t
indicators_outbox_verdict (long http_status)
{
    switch (http_status) {
        case 200: case 201:
            return INDICATORS_OUTBOX_DELIVERED;
        case 400: case 401: case 403: case 409: case 413:
            return INDICATORS_OUTBOX_REFUSED;
        default:
            return INDICATORS_OUTBOX_RETRY;
    }
}

int64_t
indicators_outbox_backoff (int64_t base_ms, int64_t max_ms, uint32_t attempts, uint32_t random)
{
    int64_t delay = base_ms > 0 ? base_ms : 1;
    for (uint32_t step = 1; step < attempts && delay < max_ms; step++)
        delay *= 2;
    if (delay > max_ms)
        delay = max_ms;
    //  Full jitter keeps eighteen regions from retrying in step
    int64_t half = delay / 2;
    return half + (int64_t) (random % (uint64_t) (delay - half + 1));
}

//  Copy text into buffer, keeping printable characters only (a body is
//  untrusted: it must not break a log line or a terminal).
static void
s_printable (char *buffer, size_t size, const char *text, size_t length)
{
    size_t at = 0;
    for (size_t index = 0; index < length && at + 1 < size; index++) {
        unsigned char c = (unsigned char) text [index];
        buffer [at++] = (c >= 0x20 && c != 0x7f) || c >= 0x80 ? (char) c : ' ';
    }
    buffer [at] = 0;
}

char *
indicators_outbox_reason (const char *body, size_t size, char *buffer, size_t buffer_size)
{
    json_t *json = body && size ? json_loadb (body, size, 0, NULL) : NULL;
    const char *field = json_string_value (json_object_get (json, "field"));
    const char *message = json_string_value (json_object_get (json, "message"));
    const char *conflict = json_string_value (
        json_object_get (json_array_get (json_object_get (json, "conflicts"), 0), "value"));
    char text [512];
    if (message)
        snprintf (text, sizeof text, "%s%s%s", field ? field : "", field ? ": " : "", message);
    else
    if (conflict)
        snprintf (text, sizeof text, "%s", conflict);
    else
        snprintf (text, sizeof text, "%.*s", (int) (size < 200 ? size : 200), body ? body : "");
    json_decref (json);
    s_printable (buffer, buffer_size, text, strlen (text));
    return buffer;
}

//  ---------------------------------------------------------------- settings

static char *
s_setting (pps_config_t *config, const char *key)
{
    const char *value = pps_config_get (config, key, NULL);
    return value && *value ? strdup (value) : NULL;
}

void
indicators_outbox_settings_load (indicators_outbox_settings_t *self, pps_config_t *config)
{
    char *base = strdup (pps_config_get (config, "national/url", "http://127.0.0.1:8480"));
    size_t length = strlen (base);
    while (length && base [length - 1] == '/')
        base [--length] = 0;
    self->url = zsys_sprintf ("%s/api/v1/bilans", base);
    free (base);
    self->token = s_setting (config, "indicators/national_token");
    self->token_file = s_setting (config, "indicators/national_token_file");
    self->ca_file = s_setting (config, "indicators/ca_file");
    self->allow_plain_http = pps_config_get_int (config, "indicators/allow_plain_http", 0) == 1;
    self->poll_ms = pps_config_get_int (config, "indicators/outbox_poll_ms", 500);
    if (self->poll_ms < 10 || self->poll_ms > 60000)
        self->poll_ms = 500;
    self->retry_base_ms = pps_config_get_int (config, "indicators/retry_base_ms", 1000);
    self->retry_max_ms = pps_config_get_int (config, "indicators/retry_max_ms", 300000);
    if (self->retry_base_ms < 1)
        self->retry_base_ms = 1000;
    if (self->retry_max_ms < self->retry_base_ms)
        self->retry_max_ms = self->retry_base_ms;
}

void
indicators_outbox_settings_free (indicators_outbox_settings_t *self)
{
    zstr_free (&self->url);
    if (self->token)
        sodium_memzero (self->token, strlen (self->token));
    free (self->token);
    free (self->token_file);
    free (self->ca_file);
    memset (self, 0, sizeof *self);
}

//  The bearer token into buffer: the configured one, else the file's first
//  line (read at each attempt, so that fixing the file needs no restart).
//  Returns 0, or -1 with the reason in attempt.
static int
s_token (const indicators_outbox_settings_t *settings, char *buffer, size_t size,
         indicators_outbox_attempt_t *attempt)
{
    if (settings->token)
        snprintf (buffer, size, "%s", settings->token);
    else
    if (settings->token_file) {
        FILE *file = fopen (settings->token_file, "r");
        if (!file || !fgets (buffer, (int) size, file)) {
            snprintf (attempt->error, sizeof attempt->error,
                      "cannot read the national token from %s", settings->token_file);
            if (file)
                fclose (file);
            return -1;
        }
        fclose (file);
        buffer [strcspn (buffer, "\r\n")] = 0;
    }
    else {
        snprintf (attempt->error, sizeof attempt->error, "no national token configured "
                  "(indicators/national_token or indicators/national_token_file)");
        return -1;
    }
    //  A token goes into a header line: nothing that could end it
    for (const char *c = buffer; *c; c++)
        if ((unsigned char) *c < 0x21 || *c == 0x7f) {
            snprintf (attempt->error, sizeof attempt->error,
                      "the national token holds a blank or control character");
            return -1;
        }
    if (!*buffer) {
        snprintf (attempt->error, sizeof attempt->error, "the national token is empty");
        return -1;
    }
    return 0;
}

//  ---------------------------------------------------------------- HTTP

static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    body_t *body = arg;
    size_t bytes = size * count;
    size_t kept = body->size + bytes > BODY_MAX ? BODY_MAX - body->size : bytes;
    if (kept) {
        memcpy (body->data + body->size, data, kept);
        body->size += kept;
        body->data [body->size] = 0;
    }
    return bytes;
}

//  Refuse what must not be sent: plain http unless allowed, other schemes.
static int
s_check_url (const indicators_outbox_settings_t *settings, indicators_outbox_attempt_t *attempt)
{
    const char *url = settings->url;
    if (strncasecmp (url, "https://", 8) == 0)
        return 0;
    if (strncasecmp (url, "http://", 7) == 0) {
        if (settings->allow_plain_http)
            return 0;
        snprintf (attempt->error, sizeof attempt->error,
                  "refused to send a bilan over plain http:// (%s): use https://, or set "
                  "indicators/allow_plain_http = 1 on a test machine", url);
        return -1;
    }
    snprintf (attempt->error, sizeof attempt->error,
              "national/url must be an https:// URL, not %s", url);
    return -1;
}

//  libcurl's progress callback: a stop request ends the exchange at once,
//  so that the service never waits 20 s for a national service to answer.
static int
s_on_progress (void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
               curl_off_t ulnow)
{
    progress_t *progress = arg;
    return progress->stop && progress->stop (progress->arg);
}

void
indicators_outbox_post (const indicators_outbox_settings_t *settings, const char *key,
                        const char *document, indicators_outbox_stop_fn *stop, void *stop_arg,
                        indicators_outbox_attempt_t *attempt)
{
    memset (attempt, 0, sizeof *attempt);
    char token [TOKEN_MAX];
    if (s_check_url (settings, attempt) || s_token (settings, token, sizeof token, attempt)) {
        attempt->verdict = INDICATORS_OUTBOX_REFUSED;
        attempt->configuration = true;
        return;
    }
    CURL *curl = curl_easy_init ();
    if (!curl) {
        attempt->verdict = INDICATORS_OUTBOX_RETRY;
        snprintf (attempt->error, sizeof attempt->error, "cannot start libcurl");
        return;
    }
    char *authorization = zsys_sprintf ("Authorization: Bearer %s", token);
    char *idempotency = zsys_sprintf ("Idempotency-Key: %s", key);
    struct curl_slist *headers = curl_slist_append (NULL, "Content-Type: application/json");
    headers = curl_slist_append (headers, authorization);
    headers = curl_slist_append (headers, idempotency);
    //  No "100 Continue" round trip before the body
    headers = curl_slist_append (headers, "Expect:");
    sodium_memzero (token, sizeof token);
    char curl_error [CURL_ERROR_SIZE] = "";
    body_t body = { malloc (BODY_MAX + 1), 0 };
    assert (body.data);
    body.data [0] = 0;

    progress_t progress = { stop, stop_arg };
    curl_easy_setopt (curl, CURLOPT_URL, settings->url);
    curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, document);
    curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (document));
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_error);
    curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
    curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (settings->ca_file)
        curl_easy_setopt (curl, CURLOPT_CAINFO, settings->ca_file);
    curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, s_on_progress);
    curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &progress);

    CURLcode rc = curl_easy_perform (curl);
    if (rc == CURLE_OK)
        curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &attempt->http_status);
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        attempt->abandoned = true;
    else
    if (rc != CURLE_OK) {
        attempt->verdict = INDICATORS_OUTBOX_RETRY;
        snprintf (attempt->error, sizeof attempt->error, "%s",
                  *curl_error ? curl_error : curl_easy_strerror (rc));
    }
    else {
        attempt->verdict = indicators_outbox_verdict (attempt->http_status);
        if (attempt->verdict != INDICATORS_OUTBOX_DELIVERED) {
            char reason [400];
            indicators_outbox_reason (body.data, body.size, reason, sizeof reason);
            snprintf (attempt->error, sizeof attempt->error, "HTTP %ld%s%s",
                      attempt->http_status, *reason ? ": " : "", reason);
        }
    }
    free (body.data);
    curl_slist_free_all (headers);
    sodium_memzero (authorization, strlen (authorization));
    zstr_free (&authorization);
    zstr_free (&idempotency);
    curl_easy_cleanup (curl);
}
