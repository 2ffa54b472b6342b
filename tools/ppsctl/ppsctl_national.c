/*  ppsctl_national: the national service's status, aggregate and region
    table, over HTTP with libcurl.  */
#include "ppsctl_national.h"

#include <curl/curl.h>
#include <time.h>
#include "pps_money.h"
#include "ppsctl_table.h"

#define DEFAULT_URL     "http://127.0.0.1:8480"
#define URL_MAX         512
#define MIB             (1024.0 * 1024.0)

void
ppsctl_usage_national (FILE *out)
{
    fprintf (out, "usage: ppsctl national status|aggregate|regions [--period YYYY] [--url URL]\n"
                  "  --period YYYY  the bilans' year (default: last year)\n"
                  "  --url URL      the national service (default: national/url, else "
                  DEFAULT_URL ")\n");
}

//  Body bytes as they arrive.
typedef struct {
    char *data;
    size_t size;
} s_buffer_t;

//  libcurl's write callback: append to the buffer.
static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    s_buffer_t *buffer = arg;
    size_t bytes = size * count;
    char *grown = realloc (buffer->data, buffer->size + bytes + 1);
    if (!grown)
        return 0;
    memcpy (grown + buffer->size, data, bytes);
    buffer->data = grown;
    buffer->size += bytes;
    buffer->data [buffer->size] = 0;
    return bytes;
}

//  GET url + path; on a 2xx JSON answer sets *json_p and returns
//  PPSCTL_OK; else prints why and returns PPSCTL_UNREACHABLE or PPSCTL_FAILED.
static int
s_get (ppsctl_t *self, const char *url, const char *path, json_t **json_p)
{
    char target [URL_MAX + 64], header [600];
    snprintf (target, sizeof target, "%s%s", url, path);
    CURL *curl = curl_easy_init ();
    if (!curl) {
        fprintf (stderr, "error: cannot start libcurl\n");
        return PPSCTL_FAILED;
    }
    struct curl_slist *headers = curl_slist_append (NULL, "Accept: application/json");
    const char *token = pps_config_get (self->config, "national/reader_token", NULL);
    if (token && *token) {
        snprintf (header, sizeof header, "Authorization: Bearer %s", token);
        headers = curl_slist_append (headers, header);
    }
    s_buffer_t body = { NULL, 0 };
    curl_easy_setopt (curl, CURLOPT_URL, target);
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) self->timeout_ms);
    curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
    //  A national service with its own certificate authority
    const char *ca_file = pps_config_get (self->config, "national/ca_file", NULL);
    if (ca_file && *ca_file)
        curl_easy_setopt (curl, CURLOPT_CAINFO, ca_file);
    CURLcode rc = curl_easy_perform (curl);
    long status = 0;
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all (headers);
    curl_easy_cleanup (curl);
    if (rc != CURLE_OK) {
        fprintf (stderr, "error: national unreachable at %s: %s\n", url, curl_easy_strerror (rc));
        free (body.data);
        return PPSCTL_UNREACHABLE;
    }
    json_t *json = body.data ? json_loadb (body.data, body.size, 0, NULL) : NULL;
    free (body.data);
    if (status < 200 || status > 299 || !json) {
        const char *field = json_string_value (json_object_get (json, "field"));
        const char *message = json_string_value (json_object_get (json, "message"));
        fprintf (stderr, "error: national: HTTP %ld%s%s: %s\n", status, field ? " " : "",
                 field ? field : "", message ? message : "no JSON answer");
        json_decref (json);
        return PPSCTL_FAILED;
    }
    *json_p = json;
    return PPSCTL_OK;
}

//  A number (or null) for a table cell, in arena.
static const char *
s_cell (ppsctl_t *self, const json_t *value, const char *kind)
{
    if (json_is_integer (value)) {
        if (kind && streq (kind, "amount"))
            return pps_money_format (json_integer_value (value),
                                     pps_arena_alloc (self->arena, PPS_MONEY_TEXT_MAX),
                                     PPS_MONEY_TEXT_MAX);
        return pps_arena_printf (self->arena, "%" JSON_INTEGER_FORMAT, json_integer_value (value));
    }
    if (json_is_real (value))
        return pps_arena_printf (self->arena, "%.4f", json_real_value (value));
    return "-";
}

//  The service status as "name: value" lines.
static int
s_print_status (ppsctl_t *self, const char *url, json_t *status)
{
    int64_t uptime = json_integer_value (json_object_get (status, "uptime_s"));
    printf ("service:         %s %s\n", json_string_value (json_object_get (status, "service")),
            json_string_value (json_object_get (status, "version")));
    printf ("url:             %s\n", url);
    printf ("started:         %s (up %" PRId64 ":%02d:%02d)\n",
            json_string_value (json_object_get (status, "started_at")), uptime / 3600,
            (int) (uptime / 60 % 60), (int) (uptime % 60));
    printf ("bilans stored:   %s\n",
            s_cell (self, json_object_get (status, "bilans_stored"), NULL));
    printf ("region-periods:  %s\n",
            s_cell (self, json_object_get (status, "region_periods"), NULL));
    printf ("requests:        %s served, %s failed\n",
            s_cell (self, json_object_get (status, "requests_served"), NULL),
            s_cell (self, json_object_get (status, "requests_failed"), NULL));
    printf ("lmdb used/map:   %.1f/%.0f MiB\n",
            json_integer_value (json_object_get (status, "lmdb_used_bytes")) / MIB,
            json_integer_value (json_object_get (status, "lmdb_map_bytes")) / MIB);
    return PPSCTL_OK;
}

//  The aggregate: a summary line, then one row per indicator.
static int
s_print_aggregate (ppsctl_t *self, json_t *aggregate)
{
    const json_t *completeness = json_object_get (aggregate, "completeness");
    const json_t *timeliness = json_object_get (aggregate, "timeliness");
    printf ("period %s: %s/%s regions reporting, %s/%s on time (due %s)\n",
            json_string_value (json_object_get (aggregate, "period")),
            s_cell (self, json_object_get (completeness, "numerator"), NULL),
            s_cell (self, json_object_get (completeness, "denominator"), NULL),
            s_cell (self, json_object_get (timeliness, "numerator"), NULL),
            s_cell (self, json_object_get (timeliness, "denominator"), NULL),
            json_string_value (json_object_get (aggregate, "due_date")));
    printf ("regions:");
    size_t index;
    json_t *value;
    json_array_foreach (json_object_get (aggregate, "regions"), index, value)
        printf (" %s", json_string_value (value));
    printf ("\n\n%-24s %-7s %15s %12s %18s %8s\n", "indicator", "kind", "numerator",
            "denominator", "value", "regions");
    const char *id;
    json_object_foreach (json_object_get (aggregate, "indicators"), id, value) {
        const char *kind = json_string_value (json_object_get (value, "kind"));
        //  An amount's numerator is the amount, in cents
        printf ("%-24s %-7s %s %12s %s %8s\n", id, kind,
                ppsctl_text_pad (self->arena,
                                 s_cell (self, json_object_get (value, "numerator"), kind),
                                 15, true),
                s_cell (self, json_object_get (value, "denominator"), NULL),
                ppsctl_text_pad (self->arena,
                                 s_cell (self, json_object_get (value, "value"), kind), 18, true),
                s_cell (self, json_object_get (value, "regions_reporting"), NULL));
    }
    return PPSCTL_OK;
}

//  qsort order of indicator ids.
static int
s_compare_ids (const void *left, const void *right)
{
    return strcmp (*(const char *const *) left, *(const char *const *) right);
}

//  One cell of the region table: "12/17" for a ratio, yes/no, or the number.
static const char *
s_region_cell (ppsctl_t *self, const json_t *indicator)
{
    if (!indicator)
        return "";
    const char *kind = json_string_value (json_object_get (indicator, "kind"));
    const json_t *numerator = json_object_get (indicator, "numerator");
    if (kind && streq (kind, "ratio"))
        return pps_arena_printf (self->arena, "%s/%s", s_cell (self, numerator, NULL),
                                 s_cell (self, json_object_get (indicator, "denominator"), NULL));
    if (kind && streq (kind, "yes_no"))
        return json_integer_value (numerator) ? "yes" : "no";
    return s_cell (self, numerator, kind);
}

//  The region table: one row per region, then indicator x region.
static int
s_print_regions (ppsctl_t *self, json_t *table)
{
    const json_t *rows = json_object_get (table, "regions");
    printf ("period %s, due %s\n\n%-6s %7s  %-24s %s\n",
            json_string_value (json_object_get (table, "period")),
            json_string_value (json_object_get (table, "due_date")),
            "region", "version", "received", "on time");
    size_t index;
    json_t *row;
    //  Every id any region sent, in byte order, as the table's rows
    char **ids = NULL;
    size_t id_count = 0;
    json_t *seen = json_object ();
    json_array_foreach (rows, index, row) {
        printf ("%-6s %7s  %-24s %s\n", json_string_value (json_object_get (row, "region")),
                s_cell (self, json_object_get (row, "version"), NULL),
                json_string_value (json_object_get (row, "received_at")),
                json_is_true (json_object_get (row, "on_time")) ? "yes" : "no");
        const char *id;
        json_t *value;
        json_object_foreach (json_object_get (row, "indicators"), id, value)
            if (!json_object_get (seen, id)) {
                json_object_set_new (seen, id, json_true ());
                pps_arena_push (self->arena, (void ***) &ids, &id_count,
                                pps_arena_strdup (self->arena, id));
            }
    }
    json_decref (seen);
    if (id_count)
        qsort (ids, id_count, sizeof (char *), s_compare_ids);
    printf ("\n%-24s", "indicator");
    json_array_foreach (rows, index, row)
        printf (" %12s", json_string_value (json_object_get (row, "region")));
    printf ("\n");
    for (size_t item = 0; item < id_count; item++) {
        printf ("%-24s", ids [item]);
        json_array_foreach (rows, index, row)
            printf (" %s", ppsctl_text_pad (self->arena, s_region_cell (self, json_object_get (
                                json_object_get (row, "indicators"), ids [item])), 12, true));
        printf ("\n");
    }
    return PPSCTL_OK;
}

int
ppsctl_cmd_national (ppsctl_t *self, int argc, char **argv)
{
    if (argc < 1 || !(streq (argv [0], "status") || streq (argv [0], "aggregate")
                      || streq (argv [0], "regions"))) {
        ppsctl_usage_national (stderr);
        return PPSCTL_USAGE;
    }
    const char *command = argv [0];
    const char *url = pps_config_get (self->config, "national/url", DEFAULT_URL);
    time_t now = time (NULL);
    struct tm today;
    gmtime_r (&now, &today);
    int64_t period = today.tm_year + 1900 - 1;
    for (int index = 1; index < argc; index++) {
        bool has_value = index + 1 < argc;
        if (streq (argv [index], "--period") && has_value) {
            if (ppsctl_parse_int (argv [++index], 2000, 2100, &period)) {
                fprintf (stderr, "error: --period: '%s' is not a year from 2000 to 2100\n",
                         argv [index]);
                return PPSCTL_USAGE;
            }
        }
        else
        if (streq (argv [index], "--url") && has_value)
            url = argv [++index];
        else {
            fprintf (stderr, "error: national %s: unexpected '%s'\n", command, argv [index]);
            ppsctl_usage_national (stderr);
            return PPSCTL_USAGE;
        }
    }
    if (strncmp (url, "http://", 7) != 0 && strncmp (url, "https://", 8) != 0) {
        fprintf (stderr, "error: --url: '%s' is not an http(s) URL\n", url);
        return PPSCTL_USAGE;
    }
    //  "http://host:8480/" and "http://host:8480" are the same service
    char base [URL_MAX];
    snprintf (base, sizeof base, "%s", url);
    size_t length = strlen (base);
    while (length && base [length - 1] == '/')
        base [--length] = 0;

    char path [64];
    if (streq (command, "status"))
        snprintf (path, sizeof path, "/api/v1/status");
    else
        snprintf (path, sizeof path, "/api/v1/%s?period=%" PRId64, command, period);
    if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf (stderr, "error: cannot start libcurl\n");
        return PPSCTL_FAILED;
    }
    json_t *json = NULL;
    int rc = s_get (self, base, path, &json);
    if (rc == PPSCTL_OK) {
        if (self->json)
            ppsctl_json_print (stdout, json);
        else {
            rc = streq (command, "status") ? s_print_status (self, base, json)
               : streq (command, "aggregate") ? s_print_aggregate (self, json)
               : s_print_regions (self, json);
            json_decref (json);
        }
    }
    curl_global_cleanup ();
    return rc;
}
