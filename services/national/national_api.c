/*  national_api: the routes of pps-national and their handlers.  */
#include "national_api.h"
#include "national_views.h"
#include "pps_bilan.h"

#include <ctype.h>
#include <czmq.h>
#include <lmdb.h>
#include "pps_date.h"

static national_handler_fn s_post_bilan, s_get_aggregate, s_get_regions, s_get_bilan,
                           s_get_status, s_get_overview, s_get_series, s_get_periods;

static const national_route_t s_routes [] = {
    { "POST", "/api/v1/bilans",    NATIONAL_AUTH_REGION, true,  s_post_bilan },
    { "GET",  "/api/v1/aggregate", NATIONAL_AUTH_READER, false, s_get_aggregate },
    { "GET",  "/api/v1/regions",   NATIONAL_AUTH_READER, false, s_get_regions },
    { "GET",  "/api/v1/bilans/",   NATIONAL_AUTH_READER, false, s_get_bilan },
    { "GET",  "/api/v1/status",    NATIONAL_AUTH_READER, false, s_get_status },
    { "GET",  "/api/v1/overview",  NATIONAL_AUTH_READER, false, s_get_overview },
    { "GET",  "/api/v1/series",    NATIONAL_AUTH_READER, false, s_get_series },
    { "GET",  "/api/v1/periods",   NATIONAL_AUTH_READER, false, s_get_periods },
};
#define ROUTE_COUNT (sizeof s_routes / sizeof s_routes [0])

//  True when url is the route's path, or under it for a prefix route.
static bool
s_path_matches (const national_route_t *route, const char *url)
{
    size_t length = strlen (route->path);
    if (route->path [length - 1] == '/')
        return strncmp (url, route->path, length) == 0 && url [length];
    return strcmp (url, route->path) == 0;
}

const national_route_t *
national_api_route (const char *method, const char *url, unsigned *status_p,
                    const char **allow_p)
{
    *status_p = 404;
    *allow_p = NULL;
    for (size_t index = 0; index < ROUTE_COUNT; index++) {
        if (!s_path_matches (&s_routes [index], url))
            continue;
        if (strcmp (s_routes [index].method, method) == 0)
            return &s_routes [index];
        *status_p = 405;
        *allow_p = s_routes [index].method;
    }
    return NULL;
}

//  An import summary in the shape of a DHIS2 one.
static json_t *
s_summary (const char *status, unsigned http, int imported, int ignored, json_t *conflicts,
           const char *key)
{
    json_t *summary = json_pack ("{s:s, s:i, s:i, s:i, s:i, s:o}", "status", status,
                                 "httpStatusCode", (int) http, "imported", imported,
                                 "updated", 0, "ignored", ignored,
                                 "conflicts", conflicts ? conflicts : json_array ());
    if (key)
        json_object_set_new (summary, "key", json_string (key));
    return summary;
}

void
national_reply_error (national_reply_t *reply, unsigned status, const char *field,
                      const char *message, bool import)
{
    json_t *body;
    if (import)
        body = s_summary ("ERROR", status, 0, 1,
                          json_pack ("[{s:s, s:s}]", "object", field ? field : "request",
                                     "value", message), NULL);
    else
        body = json_pack ("{s:s, s:i}", "status", "ERROR", "httpStatusCode", (int) status);
    if (field)
        json_object_set_new (body, "field", json_string (field));
    json_object_set_new (body, "message", json_string (message));
    //  The consoles read an RFC 9457 problem's detail (console/common/api.js)
    if (!import)
        json_object_set_new (body, "detail", json_string (message));
    json_decref (reply->json);
    reply->json = body;
    reply->status = status;
    reply->log = json_string_value (json_object_get (body, "message"));
}

//  POST /api/v1/bilans: validate, check the key, store once.
static void
s_post_bilan (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    json_error_t error;
    json_t *document = json_loadb (request->body ? request->body : "", request->body_size,
                                   JSON_REJECT_DUPLICATES, &error);
    if (!document) {
        char message [256];
        snprintf (message, sizeof message, "not JSON (line %d, column %d): %s",
                  error.line, error.column, error.text);
        national_reply_error (reply, 400, "body", message, true);
        return;
    }
    //  A region posts its own bilan only; checked before the rules, so that
    //  a token cannot be used to probe another region's documents
    const char *region = json_string_value (json_object_get (document, "region"));
    const char *own = pps_bilan_region (request->region);
    if (region && strcmp (region, own) != 0) {
        char message [128];
        snprintf (message, sizeof message, "this token is region %s's, not region %.8s's",
                  own, region);
        national_reply_error (reply, 403, "region", message, true);
        json_decref (document);
        return;
    }
    pps_bilan_problem_t problem;
    if (pps_bilan_check (document, &problem)) {
        national_reply_error (reply, 400, problem.field, problem.message, true);
        json_decref (document);
        return;
    }
    const char *period = json_string_value (json_object_get (document, "period"));
    int64_t version = json_integer_value (json_object_get (document, "version"));
    char key [48];
    snprintf (key, sizeof key, "%s:%s:%" PRId64, region, period, version);
    if (!request->idempotency_key || strcmp (request->idempotency_key, key) != 0) {
        char message [128];
        snprintf (message, sizeof message, "must be the document's key %s", key);
        national_reply_error (reply, 400, "Idempotency-Key", message, true);
        json_decref (document);
        return;
    }
    //  Stored as its canonical form with the hash, byte-comparable on resend
    char *canonical = json_dumps (document, JSON_SORT_KEYS | JSON_COMPACT);
    if (!canonical) {
        national_reply_error (reply, 500, NULL, "cannot serialise the document", true);
        json_decref (document);
        return;
    }
    //  region and period belong to document: released only after the write
    int64_t previous = 0;
    national_put_t put = national_store_put (self->store, region, period, version, canonical,
                                             strlen (canonical), zclock_time (), &previous);
    free (canonical);
    json_decref (document);
    switch (put) {
        case NATIONAL_PUT_STORED:
            reply->status = 201;
            reply->json = s_summary ("OK", 201, 1, 0, NULL, key);
            if (previous && previous < version)
                json_object_set_new (reply->json, "replaces", json_integer (previous));
            reply->log = "stored";
            break;
        case NATIONAL_PUT_IDENTICAL:
            reply->status = 200;
            reply->json = s_summary ("OK", 200, 0, 1, NULL, key);
            reply->log = "identical resend";
            break;
        case NATIONAL_PUT_CONFLICT:
            reply->status = 409;
            reply->json = s_summary ("CONFLICT", 409, 0, 1,
                json_pack ("[{s:s, s:s}]", "object", key,
                           "value", "another document is stored under this key; "
                                    "a changed bilan needs a new version"), key);
            reply->log = "conflict";
            break;
        case NATIONAL_PUT_FAILED:
            national_reply_error (reply, 503, NULL, "the bilan could not be stored, retry later",
                                  true);
            break;
    }
}

//  The period query argument as a year in range; else answers 400.
static const char *
s_period_arg (const national_request_t *request, national_reply_t *reply)
{
    const char *period = request->period;
    bool valid = period && strlen (period) == 4;
    for (size_t index = 0; valid && index < 4; index++)
        valid = isdigit ((unsigned char) period [index]);
    if (valid)
        valid = atoi (period) >= PPS_BILAN_PERIOD_MIN && atoi (period) <= PPS_BILAN_PERIOD_MAX;
    if (!valid) {
        national_reply_error (reply, 400, "period", "?period=YYYY is required (2000 to 2100)",
                              false);
        return NULL;
    }
    return period;
}

//  The format query argument: 0 for JSON (absent or "json"), 1 for "csv";
//  else answers 400 and returns -1.
static int
s_csv_arg (const national_request_t *request, national_reply_t *reply)
{
    if (!request->format || streq (request->format, "json"))
        return 0;
    if (streq (request->format, "csv"))
        return 1;
    national_reply_error (reply, 400, "format", "?format= is json (the default) or csv", false);
    return -1;
}

//  A CSV download into reply (text is taken), named name-period.csv.
static void
s_reply_csv (national_reply_t *reply, char *text, const char *name, const char *period)
{
    if (!text) {
        national_reply_error (reply, 500, NULL, "cannot make the CSV", false);
        return;
    }
    reply->status = 200;
    reply->raw = text;
    reply->raw_size = strlen (text);
    reply->content_type = "text/csv; charset=utf-8";
    snprintf (reply->filename, sizeof reply->filename, "pps-%s-%s.csv", name, period);
}

//  GET /api/v1/aggregate and /api/v1/regions share everything but the view.
static void
s_get_period_view (national_t *self, const national_request_t *request,
                   national_reply_t *reply, bool table)
{
    const char *period = s_period_arg (request, reply);
    if (!period)
        return;
    int csv = s_csv_arg (request, reply);
    if (csv < 0)
        return;
    national_entry_t *entries;
    size_t count;
    if (national_store_period (self->store, period, &entries, &count)) {
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
        return;
    }
    int32_t due = national_settings_due (self->settings, atoi (period));
    json_t *view = table ? national_regions_table (period, entries, count, due)
                         : national_aggregate (period, entries, count, due);
    national_entries_free (entries, count);
    if (csv) {
        s_reply_csv (reply, table ? national_regions_csv (view) : national_aggregate_csv (view),
                     table ? "regions" : "aggregate", period);
        json_decref (view);
        return;
    }
    reply->json = view;
    reply->status = 200;
}

//  GET /api/v1/aggregate?period=YYYY.
static void
s_get_aggregate (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    s_get_period_view (self, request, reply, false);
}

//  GET /api/v1/regions?period=YYYY.
static void
s_get_regions (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    s_get_period_view (self, request, reply, true);
}

//  A period's due date, for national_versions.
static int32_t
s_due_of (void *arg, int period)
{
    return national_settings_due ((const national_settings_t *) arg, period);
}

//  GET /api/v1/bilans/<region>: every version of every period.
static void
s_get_versions (national_t *self, const char *region, national_reply_t *reply)
{
    national_version_t *versions;
    size_t count;
    if (national_store_versions (self->store, region, &versions, &count)) {
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
        return;
    }
    reply->json = national_versions (region, versions, count, s_due_of,
                                     (void *) self->settings);
    reply->status = 200;
    free (versions);
}

//  GET /api/v1/bilans/<region>/<period>[/<version>]: the stored bytes.
static void
s_get_bilan (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    char region [8] = "", period [8] = "", version_text [16] = "", rest [2] = "";
    const char *path = request->url + strlen ("/api/v1/bilans/");
    int parts = sscanf (path, "%7[^/]/%7[^/]/%15[^/]%1s", region, period, version_text, rest);
    bool trailing = path [strlen (path) - 1] == '/';
    if (parts == 1 && !trailing && pps_bilan_region_index (region) >= 0) {
        s_get_versions (self, region, reply);
        return;
    }
    if (parts < 2 || parts > 3 || trailing || pps_bilan_region_index (region) < 0) {
        national_reply_error (reply, 404, "path",
                              "no such bilan path: /api/v1/bilans/REGION[/PERIOD[/VERSION]]",
                              false);
        return;
    }
    national_request_t query = { .period = period };
    if (!s_period_arg (&query, reply))
        return;
    int64_t version = 0;
    if (parts == 3) {
        char *end;
        version = strtoll (version_text, &end, 10);
        if (*end || !isdigit ((unsigned char) version_text [0]) || version < 1
        ||  version > PPS_BILAN_VERSION_MAX) {
            national_reply_error (reply, 400, "version", "must be an integer >= 1", false);
            return;
        }
    }
    char *document;
    size_t size;
    int64_t received;
    int rc = national_store_get (self->store, region, period, version, &document, &size,
                                 &version, &received);
    if (rc == MDB_NOTFOUND) {
        national_reply_error (reply, 404, NULL, "no such bilan", false);
        return;
    }
    if (rc) {
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
        return;
    }
    reply->status = 200;
    reply->raw = document;
    reply->raw_size = size;
    national_iso_time (received, reply->received_at, sizeof reply->received_at);
}

//  GET /api/v1/status.
static void
s_get_status (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    (void) request;
    uint64_t bilans, latest, used, map, fs_free, fs_size;
    national_store_stats (self->store, &bilans, &latest, &used, &map);
    national_store_fs (self->store, &fs_free, &fs_size);
    int64_t now = zclock_time ();
    char started [32];
    reply->status = 200;
    reply->json = json_pack ("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b}",
        "status", "OK", "service", "pps-national", "version", PPS_VERSION,
        "started_at", national_iso_time (self->started_ms, started, sizeof started),
        "uptime_s", (json_int_t) ((now - self->started_ms) / 1000),
        "bilans_stored", (json_int_t) bilans, "region_periods", (json_int_t) latest,
        "lmdb_used_bytes", (json_int_t) used, "lmdb_map_bytes", (json_int_t) map,
        "fs_free_bytes", (json_int_t) fs_free, "fs_size_bytes", (json_int_t) fs_size,
        "requests_served", (json_int_t) self->requests_served,
        "requests_failed", (json_int_t) self->requests_failed,
        "reader_token", self->settings->has_reader_token);
}

//  The periods that hold bilans, in order, as JSON strings. NULL when the
//  store cannot be read. Caller owns return value.
static json_t *
s_periods (national_t *self)
{
    int counts [NATIONAL_PERIOD_COUNT];
    if (national_store_periods (self->store, counts))
        return NULL;
    json_t *periods = json_array ();
    for (int index = 0; index < NATIONAL_PERIOD_COUNT; index++)
        if (counts [index])
            json_array_append_new (periods, json_sprintf ("%d", PPS_BILAN_PERIOD_MIN + index));
    return periods;
}

//  GET /api/v1/periods: each period that holds bilans, its due date and
//  how many regions reported; and the 18 regions.
static void
s_get_periods (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    (void) request;
    int counts [NATIONAL_PERIOD_COUNT];
    if (national_store_periods (self->store, counts)) {
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
        return;
    }
    json_t *periods = json_array ();
    for (int index = 0; index < NATIONAL_PERIOD_COUNT; index++) {
        if (!counts [index])
            continue;
        int period = PPS_BILAN_PERIOD_MIN + index;
        json_array_append_new (periods, json_pack ("{s:o, s:o, s:i, s:i}",
            "period", json_sprintf ("%d", period),
            "due_date", national_date_json (national_settings_due (self->settings, period)),
            "regions_reporting", counts [index], "regions_expected", PPS_BILAN_REGION_COUNT));
    }
    //  The 18 regions with their names, for the console's choices
    json_t *regions = json_array ();
    for (size_t index = 0; index < PPS_BILAN_REGION_COUNT; index++)
        json_array_append_new (regions, json_pack ("{s:s, s:s}", "region",
            pps_bilan_region (index), "name", national_region_name (pps_bilan_region (index))));
    reply->status = 200;
    reply->json = json_pack ("{s:o, s:o}", "periods", periods, "regions", regions);
}

//  GET /api/v1/overview?period=YYYY: the console's regions x indicators.
static void
s_get_overview (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    const char *period = s_period_arg (request, reply);
    if (!period)
        return;
    national_entry_t *entries;
    size_t count;
    json_t *periods = s_periods (self);
    if (!periods || national_store_period (self->store, period, &entries, &count)) {
        json_decref (periods);
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
        return;
    }
    reply->json = national_overview (period, entries, count,
                                     national_settings_due (self->settings, atoi (period)),
                                     national_day_of (zclock_time ()), periods);
    reply->status = 200;
    national_entries_free (entries, count);
}

//  GET /api/v1/series?indicator=ID: one indicator over every period that
//  holds bilans, nationally and region by region.
static void
s_get_series (national_t *self, const national_request_t *request, national_reply_t *reply)
{
    const char *id = request->indicator;
    if (!id || !pps_bilan_indicator (id)) {
        national_reply_error (reply, 400, "indicator", "?indicator= is an indicator id of "
                              "the contract (docs/bilan.md), e.g. A5.4", false);
        return;
    }
    int counts [NATIONAL_PERIOD_COUNT];
    if (national_store_periods (self->store, counts)) {
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
        return;
    }
    national_period_t periods [NATIONAL_PERIOD_COUNT];
    size_t count = 0;
    int rc = 0;
    for (int index = 0; index < NATIONAL_PERIOD_COUNT && rc == 0; index++) {
        if (!counts [index])
            continue;
        national_period_t *period = &periods [count];
        snprintf (period->period, sizeof period->period, "%d", PPS_BILAN_PERIOD_MIN + index);
        rc = national_store_period (self->store, period->period, &period->entries,
                                    &period->count);
        count += rc == 0;
    }
    if (rc == 0) {
        reply->json = national_series (id, periods, count);
        reply->status = 200;
    }
    else
        national_reply_error (reply, 503, NULL, "the store cannot be read", false);
    for (size_t index = 0; index < count; index++)
        national_entries_free (periods [index].entries, periods [index].count);
}
