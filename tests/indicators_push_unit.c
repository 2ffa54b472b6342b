/*  indicators_push_unit: the outbox's rules (verdicts, backoff, reasons)
    and the four exports of a hand-built bilan, without any process.  */
#include "indicators_export.h"
#include "indicators_outbox.h"
#include "indicators_outbox_http.h"

#include <czmq.h>
#include <jansson.h>

static int s_failures;

#define CHECK(condition, ...) \
    do { if (!(condition)) { s_failures++; fprintf (stderr, "FAIL %s:%d: (%s) ", \
         __FILE__, __LINE__, #condition); fprintf (stderr, __VA_ARGS__); \
         fprintf (stderr, "\n"); } } while (0)

static void
s_test_verdicts (void)
{
    const long delivered [] = { 200, 201 };
    const long refused [] = { 400, 401, 403, 409, 413 };
    const long retried [] = { 0, 202, 204, 301, 404, 408, 429, 500, 502, 503, 504 };
    for (size_t index = 0; index < 2; index++)
        CHECK (indicators_outbox_verdict (delivered [index]) == INDICATORS_OUTBOX_DELIVERED,
               "%ld", delivered [index]);
    for (size_t index = 0; index < 5; index++)
        CHECK (indicators_outbox_verdict (refused [index]) == INDICATORS_OUTBOX_REFUSED,
               "%ld", refused [index]);
    for (size_t index = 0; index < sizeof retried / sizeof retried [0]; index++)
        CHECK (indicators_outbox_verdict (retried [index]) == INDICATORS_OUTBOX_RETRY,
               "%ld", retried [index]);
}

static void
s_test_backoff (void)
{
    //  Bounds: [d/2, d] with d = base * 2^(attempts-1) capped at max
    const uint32_t randoms [] = { 0, 1, 12345, 0x7fffffff, 0xffffffff };
    for (uint32_t attempts = 1; attempts <= 40; attempts++) {
        int64_t delay = 1000;
        for (uint32_t step = 1; step < attempts && delay < 300000; step++)
            delay *= 2;
        if (delay > 300000)
            delay = 300000;
        for (size_t index = 0; index < 5; index++) {
            int64_t got = indicators_outbox_backoff (1000, 300000, attempts, randoms [index]);
            CHECK (got >= delay / 2 && got <= delay, "attempt %u: %lld not in [%lld, %lld]",
                   attempts, (long long) got, (long long) delay / 2, (long long) delay);
        }
    }
    CHECK (indicators_outbox_backoff (1000, 300000, 1, 0) == 500, "lowest jitter");
    CHECK (indicators_outbox_backoff (1000, 300000, 3, 2000) == 4000, "highest jitter");
    //  The jitter spreads: not every random gives the same delay
    CHECK (indicators_outbox_backoff (1000, 300000, 5, 1)
           != indicators_outbox_backoff (1000, 300000, 5, 7001), "jitter");
    CHECK (indicators_outbox_backoff (1000, 300000, 4000000000u, 5) <= 300000, "huge count");
}

static void
s_test_reasons (void)
{
    char buffer [256];
    const char *error = "{\"status\":\"ERROR\",\"field\":\"region\",\"message\":\"not yours\"}";
    CHECK (streq (indicators_outbox_reason (error, strlen (error), buffer, sizeof buffer),
                  "region: not yours"), "%s", buffer);
    const char *conflict = "{\"status\":\"CONFLICT\",\"conflicts\":[{\"object\":\"32:2025:1\","
                           "\"value\":\"another document\"}]}";
    CHECK (streq (indicators_outbox_reason (conflict, strlen (conflict), buffer, sizeof buffer),
                  "another document"), "%s", buffer);
    const char *text = "Bad\r\nGateway\x1b[31m";
    indicators_outbox_reason (text, strlen (text), buffer, sizeof buffer);
    CHECK (streq (buffer, "Bad  Gateway [31m"), "control characters: '%s'", buffer);
    indicators_outbox_reason (NULL, 0, buffer, sizeof buffer);
    CHECK (streq (buffer, ""), "no body");
}

//  ---------------------------------------------------------------- exports

static Indicators__Indicator *
s_indicator (pps_arena_t *arena, const char *id, Indicators__IndicatorKind kind,
             int64_t numerator, int64_t denominator)
{
    Indicators__Indicator *indicator = pps_arena_alloc (arena, sizeof *indicator);
    indicators__indicator__init (indicator);
    indicator->id = (char *) id;
    indicator->kind = kind;
    indicator->numerator = numerator;
    indicator->denominator = denominator;
    indicator->has_value = kind != INDICATORS__INDICATOR_KIND__RATIO || denominator > 0;
    indicator->value = kind == INDICATORS__INDICATOR_KIND__RATIO && denominator
        ? (double) ((numerator * 10000 + denominator / 2) / denominator) / 10000.0
        : (double) numerator;
    return indicator;
}

static Indicators__Bilan *
s_bilan (pps_arena_t *arena)
{
    Indicators__Bilan *bilan = pps_arena_alloc (arena, sizeof *bilan);
    indicators__bilan__init (bilan);
    bilan->region_code = "32";
    bilan->year = 2025;
    bilan->version = 3;
    bilan->finalised_ms = 1768485731000;        //  2026-01-15T14:02:11Z
    bilan->document = "{\"schema\":\"pps-bilan/1\"}";
    Indicators__Indicator **items = pps_arena_alloc (arena, 4 * sizeof *items);
    items [0] = s_indicator (arena, "A5.1", INDICATORS__INDICATOR_KIND__YES_NO, 1, 0);
    items [1] = s_indicator (arena, "A5.4", INDICATORS__INDICATOR_KIND__RATIO, 12, 17);
    items [2] = s_indicator (arena, "A5.8", INDICATORS__INDICATOR_KIND__RATIO, 0, 0);
    items [3] = s_indicator (arena, "OO4.3.granted", INDICATORS__INDICATOR_KIND__AMOUNT,
                             1250000, 0);
    bilan->indicators = items;
    bilan->n_indicators = 4;
    Indicators__EstablishmentFigures *figures = pps_arena_alloc (arena, sizeof *figures);
    indicators__establishment_figures__init (figures);
    figures->code = "A&B<1>";
    figures->name = "CD \"Nord\", aile B";
    figures->kind = "CD";
    Indicators__Indicator **own = pps_arena_alloc (arena, sizeof *own);
    own [0] = s_indicator (arena, "A5.5", INDICATORS__INDICATOR_KIND__RATIO, 1, 1);
    figures->indicators = own;
    figures->n_indicators = 1;
    bilan->establishments = pps_arena_alloc (arena, sizeof (void *));
    bilan->establishments [0] = figures;
    bilan->n_establishments = 1;
    return bilan;
}

static void
s_test_values (pps_arena_t *arena)
{
    char buffer [32];
    const struct { int64_t numerator, denominator; const char *text; } ratios [] = {
        { 12, 17, "0.7059" }, { 1, 2, "0.5" }, { 1, 1, "1" }, { 0, 3, "0" }, { 1, 3, "0.3333" },
        { 0, 0, "" }
    };
    for (size_t index = 0; index < sizeof ratios / sizeof ratios [0]; index++) {
        Indicators__Indicator *indicator = s_indicator (
            arena, "R", INDICATORS__INDICATOR_KIND__RATIO, ratios [index].numerator,
            ratios [index].denominator);
        CHECK (streq (indicators_export_value (indicator, buffer, sizeof buffer),
                      ratios [index].text), "%s, wanted %s", buffer, ratios [index].text);
    }
    Indicators__Indicator *count = s_indicator (arena, "C", INDICATORS__INDICATOR_KIND__COUNT, 42, 0);
    CHECK (streq (indicators_export_value (count, buffer, sizeof buffer), "42"), "%s", buffer);
}

static void
s_test_exports (pps_arena_t *arena)
{
    Indicators__Bilan *bilan = s_bilan (arena);
    Indicators__Export export = INDICATORS__EXPORT__INIT;

    CHECK (indicators_export (bilan, INDICATORS__EXPORT_FORMAT__JSON, 0, arena, &export) == 0, "json");
    CHECK (streq (export.text, bilan->document), "json is the document: %s", export.text);
    CHECK (streq (export.filename, "bilan-32-2025-v3.json"), "%s", export.filename);

    CHECK (indicators_export (bilan, INDICATORS__EXPORT_FORMAT__CSV, 0, arena, &export) == 0, "csv");
    CHECK (strncmp (export.text, "scope,establishment_code,establishment_name,indicator,kind,"
                    "numerator,denominator,value\r\n", 77) == 0, "csv header: %s", export.text);
    CHECK (strstr (export.text, "\r\nregion,,,A5.4,ratio,12,17,0.7059\r\n"), "ratio row");
    CHECK (strstr (export.text, "\r\nregion,,,A5.8,ratio,0,0,\r\n"), "ratio over zero");
    CHECK (strstr (export.text, "\r\nregion,,,OO4.3.granted,amount,1250000,,1250000\r\n"), "amount");
    CHECK (strstr (export.text, "\r\nestablishment,A&B<1>,\"CD \"\"Nord\"\", aile B\",A5.5,"
                   "ratio,1,1,1\r\n"), "quoted name: %s", export.text);
    CHECK (streq (export.content_type, "text/csv; charset=utf-8"), "%s", export.content_type);

    CHECK (indicators_export (bilan, INDICATORS__EXPORT_FORMAT__DHIS2, 0, arena, &export) == 0, "dhis2");
    json_t *dhis2 = json_loads (export.text, 0, NULL);
    json_t *values = json_object_get (dhis2, "dataValues");
    //  Region-only figures at the region (A5.1, OO4.3.granted), per-establishment
    //  ones (A5.4, A5.8) only at establishments: here A5.5 at A&B<1>, split in two
    CHECK (json_array_size (values) == 1 + 1 + 2, "%zu data values", json_array_size (values));
    json_t *first = json_array_get (values, 0);
    CHECK (streq (json_string_value (json_object_get (first, "dataElement")), "A5.1")
           && streq (json_string_value (json_object_get (first, "orgUnit")), "32")
           && streq (json_string_value (json_object_get (first, "period")), "2025")
           && streq (json_string_value (json_object_get (first, "value")), "true"), "A5.1");
    json_t *numerator = json_array_get (values, 2);
    CHECK (streq (json_string_value (json_object_get (numerator, "dataElement")), "A5.5")
           && streq (json_string_value (json_object_get (numerator, "orgUnit")), "A&B<1>")
           && streq (json_string_value (json_object_get (numerator, "categoryOptionCombo")),
                     "PPS_NUMERATOR")
           && streq (json_string_value (json_object_get (numerator, "value")), "1"), "numerator");
    CHECK (!json_object_get (dhis2, "orgUnit"), "no top-level org unit over establishments");
    json_decref (dhis2);

    CHECK (indicators_export (bilan, INDICATORS__EXPORT_FORMAT__ADX, 1768485731000, arena,
                              &export) == 0, "adx");
    CHECK (strstr (export.text, "<adx xmlns=\"urn:ihe:qrph:adx:2015\" "
                   "exported=\"2026-01-15T14:02:11Z\">"), "root: %s", export.text);
    CHECK (strstr (export.text, "<group orgUnit=\"32\" period=\"2025-01-01/P1Y\" "
                   "dataSet=\"PPS_BILAN\" completeDate=\"2026-01-15\">"), "group");
    CHECK (strstr (export.text, "<dataValue dataElement=\"A5.4\" value=\"0.7059\"/>"), "value");
    CHECK (strstr (export.text, "orgUnit=\"A&amp;B&lt;1&gt;\""), "escaped org unit");
    CHECK (!strstr (export.text, "dataElement=\"A5.8\""), "no value for a ratio over 0");
    CHECK (strstr (export.text, "</adx>\n"), "closed");

    //  A programme period that is not a calendar year
    Pps__Date start = PPS__DATE__INIT, end = PPS__DATE__INIT;
    start.year = 2025; start.month = 4; start.day = 1;
    end.year = 2026; end.month = 3; end.day = 31;
    bilan->period_start = &start;
    bilan->period_end = &end;
    indicators_export (bilan, INDICATORS__EXPORT_FORMAT__ADX, 0, arena, &export);
    CHECK (strstr (export.text, "period=\"2025-04-01/P365D\""), "days period");

    CHECK (indicators_export (bilan, (Indicators__ExportFormat) 9, 0, arena, &export) == -1,
           "unknown format");
}

int
main (void)
{
    pps_arena_t *arena = pps_arena_new ();
    s_test_verdicts ();
    s_test_backoff ();
    s_test_reasons ();
    s_test_values (arena);
    s_test_exports (arena);
    pps_arena_destroy (&arena);
    if (s_failures)
        fprintf (stderr, "%d failures\n", s_failures);
    else
        printf ("indicators push unit: ok\n");
    return s_failures ? 1 : 0;
}
