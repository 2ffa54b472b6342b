/*  national_aggregate: national figures and the region table of a period.  */
#include "national_aggregate.h"
#include "pps_bilan.h"
#include "national_settings.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

//  Running sums of one indicator id.
typedef struct {
    const char *id;                   //  Points into a document
    pps_bilan_kind_t kind;
    int64_t numerator;                //  yes_no: regions answering 1
    int64_t denominator;              //  ratio: sum; yes_no: regions reporting
    int regions;                      //  Regions whose document carries it
} s_sum_t;

void
national_entries_free (national_entry_t *entries, size_t count)
{
    for (size_t index = 0; entries && index < count; index++)
        json_decref (entries [index].document);
    free (entries);
}

int32_t
national_day_of (int64_t time_ms)
{
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm day;
    if (!gmtime_r (&seconds, &day))
        return 0;
    return (day.tm_year + 1900) * 10000 + (day.tm_mon + 1) * 100 + day.tm_mday;
}

char *
national_iso_time (int64_t time_ms, char *buffer, size_t size)
{
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm moment;
    if (!gmtime_r (&seconds, &moment)) {
        snprintf (buffer, size, "%s", "");
        return buffer;
    }
    snprintf (buffer, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", moment.tm_year + 1900,
              moment.tm_mon + 1, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec,
              (int) (time_ms % 1000));
    return buffer;
}

json_t *
national_date_json (int32_t ordinal)
{
    if (ordinal <= 0)
        return json_null ();
    char text [16];
    snprintf (text, sizeof text, "%04d-%02d-%02d", ordinal / 10000, ordinal / 100 % 100,
              ordinal % 100);
    return json_string (text);
}

json_t *
national_fraction (int64_t numerator, int64_t denominator)
{
    return json_pack ("{s:I, s:I, s:o}", "numerator", (json_int_t) numerator,
                      "denominator", (json_int_t) denominator,
                      "value", denominator ? json_real ((double) numerator / denominator)
                                           : json_null ());
}

//  True when the region's first version arrived on or before the due day.
static bool
s_on_time (const national_entry_t *entry, int32_t due_ordinal)
{
    return national_day_of (entry->first_received_ms) <= due_ordinal;
}

//  qsort order of the sums: by id, byte order.
static int
s_compare_sums (const void *left, const void *right)
{
    return strcmp (((const s_sum_t *) left)->id, ((const s_sum_t *) right)->id);
}

//  Add one region's indicators into sums (grown as needed).
static void
s_accumulate (const json_t *document, s_sum_t **sums_p, size_t *count_p, size_t *capacity_p)
{
    const json_t *indicators = json_object_get (document, "indicators");
    for (size_t index = 0; index < json_array_size (indicators); index++) {
        const json_t *indicator = json_array_get (indicators, index);
        const char *id = json_string_value (json_object_get (indicator, "id"));
        int kind = pps_bilan_kind_parse (json_string_value (json_object_get (indicator, "kind")));
        //  Documents were validated when stored; anything else is skipped
        if (!id || kind < 0)
            continue;
        s_sum_t *sum = NULL;
        for (size_t known = 0; known < *count_p && !sum; known++)
            if (strcmp ((*sums_p) [known].id, id) == 0)
                sum = &(*sums_p) [known];
        if (!sum) {
            if (*count_p == *capacity_p) {
                *capacity_p = *capacity_p ? 2 * *capacity_p : 64;
                *sums_p = realloc (*sums_p, *capacity_p * sizeof (s_sum_t));
                assert (*sums_p);
            }
            sum = &(*sums_p) [(*count_p)++];
            *sum = (s_sum_t) { .id = id, .kind = (pps_bilan_kind_t) kind };
        }
        int64_t numerator = json_integer_value (json_object_get (indicator, "numerator"));
        sum->regions++;
        if (sum->kind == PPS_BILAN_YES_NO) {
            sum->numerator += numerator == 1;
            sum->denominator++;
        }
        else {
            sum->numerator += numerator;
            sum->denominator += json_integer_value (json_object_get (indicator, "denominator"));
        }
    }
}

//  One aggregated indicator as JSON.
static json_t *
s_sum_json (const s_sum_t *sum)
{
    json_t *row;
    if (sum->kind == PPS_BILAN_YES_NO || sum->kind == PPS_BILAN_RATIO)
        row = national_fraction (sum->numerator, sum->denominator);
    else
        row = json_pack ("{s:I, s:n, s:I}", "numerator", (json_int_t) sum->numerator,
                         "denominator", "value", (json_int_t) sum->numerator);
    json_object_set_new (row, "kind", json_string (pps_bilan_kind_name (sum->kind)));
    json_object_set_new (row, "regions_reporting", json_integer (sum->regions));
    return row;
}

json_t *
national_aggregate (const char *period, const national_entry_t *entries, size_t count,
                    int32_t due_ordinal)
{
    s_sum_t *sums = NULL;
    size_t sum_count = 0, capacity = 0, on_time = 0;
    json_t *regions = json_array ();
    for (size_t index = 0; index < count; index++) {
        json_array_append_new (regions, json_string (entries [index].region));
        on_time += s_on_time (&entries [index], due_ordinal);
        s_accumulate (entries [index].document, &sums, &sum_count, &capacity);
    }
    if (sum_count)
        qsort (sums, sum_count, sizeof (s_sum_t), s_compare_sums);
    json_t *indicators = json_object ();
    for (size_t index = 0; index < sum_count; index++)
        json_object_set_new (indicators, sums [index].id, s_sum_json (&sums [index]));
    free (sums);
    return json_pack ("{s:s, s:o, s:i, s:I, s:o, s:o, s:o, s:o}",
                      "period", period, "due_date", national_date_json (due_ordinal),
                      "regions_expected", PPS_BILAN_REGION_COUNT,
                      "regions_reporting", (json_int_t) count, "regions", regions,
                      "completeness", national_fraction ((int64_t) count,
                                                        PPS_BILAN_REGION_COUNT),
                      "timeliness", national_fraction ((int64_t) on_time, (int64_t) count),
                      "indicators", indicators);
}

json_t *
national_regions_table (const char *period, const national_entry_t *entries, size_t count,
                        int32_t due_ordinal)
{
    json_t *rows = json_array ();
    for (size_t index = 0; index < count; index++) {
        const national_entry_t *entry = &entries [index];
        char received [32], first [32];
        json_t *indicators = json_object ();
        const json_t *list = json_object_get (entry->document, "indicators");
        for (size_t item = 0; item < json_array_size (list); item++) {
            const json_t *indicator = json_array_get (list, item);
            const char *id = json_string_value (json_object_get (indicator, "id"));
            if (!id)
                continue;
            json_object_set_new (indicators, id, json_pack ("{s:O, s:O, s:O, s:O}",
                "kind", json_object_get (indicator, "kind"),
                "numerator", json_object_get (indicator, "numerator"),
                "denominator", json_object_get (indicator, "denominator"),
                "value", json_object_get (indicator, "value")));
        }
        json_array_append_new (rows, json_pack ("{s:s, s:I, s:s, s:s, s:b, s:o}",
            "region", entry->region, "version", (json_int_t) entry->version,
            "received_at", national_iso_time (entry->received_ms, received, sizeof received),
            "first_received_at", national_iso_time (entry->first_received_ms, first,
                                                    sizeof first),
            "on_time", s_on_time (entry, due_ordinal), "indicators", indicators));
    }
    return json_pack ("{s:s, s:o, s:o}", "period", period,
                      "due_date", national_date_json (due_ordinal),
                      "regions", rows);
}

//  ---------------------------------------------------------------- self test

//  One indicator object as JSON text.
#define INDICATOR(id, kind, numerator, denominator, value) \
    "{\"id\":\"" id "\",\"kind\":\"" kind "\",\"numerator\":" #numerator \
    ",\"denominator\":" #denominator ",\"value\":" #value "}"

//  A minimal document carrying the given indicators (aggregation does not
//  validate, so only indicators matter).
static json_t *
s_document (const char *indicators_json)
{
    json_error_t error;
    json_t *indicators = json_loads (indicators_json, 0, &error);
    assert (indicators);
    return json_pack ("{s:o}", "indicators", indicators);
}

//  An aggregated indicator by id.
static const json_t *
s_indicator (const json_t *aggregate, const char *id)
{
    return json_object_get (json_object_get (aggregate, "indicators"), id);
}

//  An integer member (asserted present).
static int64_t
s_int (const json_t *object, const char *key)
{
    const json_t *value = json_object_get (object, key);
    assert (json_is_integer (value));
    return json_integer_value (value);
}

//  A real member (asserted present).
static double
s_real (const json_t *object, const char *key)
{
    const json_t *value = json_object_get (object, key);
    assert (json_is_real (value));
    return json_real_value (value);
}

void
national_aggregate_test (bool verbose)
{
    //  2025-03-31T12:00:00Z and 2026-04-01T00:00:00Z
    const int64_t early = 1743422400000LL, late = 1775001600000LL;
    assert (national_day_of (early) == 20250331);
    assert (national_day_of (late) == 20260401);
    assert (national_day_of (late - 1) == 20260331);
    char text [32];
    assert (streq (national_iso_time (early + 123, text, sizeof text),
                   "2025-03-31T12:00:00.123Z"));

    national_entry_t entries [3] = {
        { "11", 1, early, early, s_document ("["
            INDICATOR (PPS_BILAN_A5_1, "yes_no", 1, null, 1) ","
            INDICATOR (PPS_BILAN_A5_4, "ratio", 12, 17, 0.7059) ","
            INDICATOR (PPS_BILAN_OS3_MEETINGS, "count", 3, null, 3) ","
            INDICATOR (PPS_BILAN_OO4_3_GRANTED, "amount", 1250000, null, 1250000) "]") },
        { "32", 2, late, early, s_document ("["
            INDICATOR (PPS_BILAN_A5_1, "yes_no", 0, null, 0) ","
            INDICATOR (PPS_BILAN_A5_4, "ratio", 3, 3, 1) ","
            INDICATOR (PPS_BILAN_OS3_MEETINGS, "count", 0, null, 0) ","
            INDICATOR (PPS_BILAN_FUNDER_PREFIX "FIR", "amount", 500, null, 500) "]") },
        { "44", 1, late, late, s_document ("["
            INDICATOR (PPS_BILAN_A5_1, "yes_no", 1, null, 1) ","
            INDICATOR (PPS_BILAN_A5_4, "ratio", 0, 0, null) ","
            INDICATOR (PPS_BILAN_OS3_MEETINGS, "count", 7, null, 7) ","
            INDICATOR (PPS_BILAN_OO4_3_GRANTED, "amount", 250, null, 250) "]") },
    };
    json_t *aggregate = national_aggregate ("2025", entries, 3, 20260331);
    if (verbose) {
        char *dump = json_dumps (aggregate, JSON_INDENT (2) | JSON_SORT_KEYS);
        printf ("%s\n", dump);
        free (dump);
    }
    assert (streq (json_string_value (json_object_get (aggregate, "due_date")), "2026-03-31"));
    assert (s_int (aggregate, "regions_reporting") == 3);
    assert (s_int (aggregate, "regions_expected") == 18);
    const json_t *completeness = json_object_get (aggregate, "completeness");
    assert (s_int (completeness, "numerator") == 3 && s_int (completeness, "denominator") == 18);
    //  Region 32's second version came late, but its first was on time
    const json_t *timeliness = json_object_get (aggregate, "timeliness");
    assert (s_int (timeliness, "numerator") == 2 && s_int (timeliness, "denominator") == 3);

    const json_t *yes_no = s_indicator (aggregate, PPS_BILAN_A5_1);
    assert (s_int (yes_no, "numerator") == 2 && s_int (yes_no, "denominator") == 3);
    assert (s_real (yes_no, "value") > 0.6666 && s_real (yes_no, "value") < 0.6667);
    const json_t *ratio = s_indicator (aggregate, PPS_BILAN_A5_4);
    assert (s_int (ratio, "numerator") == 15 && s_int (ratio, "denominator") == 20);
    assert (s_real (ratio, "value") == 0.75);
    assert (s_int (ratio, "regions_reporting") == 3);
    assert (streq (json_string_value (json_object_get (ratio, "kind")), "ratio"));
    const json_t *count = s_indicator (aggregate, PPS_BILAN_OS3_MEETINGS);
    assert (s_int (count, "numerator") == 10 && s_int (count, "value") == 10);
    assert (json_is_null (json_object_get (count, "denominator")));
    const json_t *amount = s_indicator (aggregate, PPS_BILAN_OO4_3_GRANTED);
    assert (s_int (amount, "value") == 1250250 && s_int (amount, "regions_reporting") == 2);
    assert (s_int (s_indicator (aggregate, PPS_BILAN_FUNDER_PREFIX "FIR"), "value") == 500);
    //  Ids come out in byte order
    const char *key;
    json_t *value;
    const char *previous = "";
    json_object_foreach (json_object_get (aggregate, "indicators"), key, value) {
        assert (strcmp (previous, key) < 0);
        previous = key;
    }
    json_decref (aggregate);

    //  Nobody reported: zero everywhere, no division by zero
    aggregate = national_aggregate ("2024", NULL, 0, 20250331);
    assert (s_int (aggregate, "regions_reporting") == 0);
    assert (json_is_null (json_object_get (json_object_get (aggregate, "timeliness"), "value")));
    assert (json_object_size (json_object_get (aggregate, "indicators")) == 0);
    json_decref (aggregate);

    json_t *table = national_regions_table ("2025", entries, 3, 20260331);
    const json_t *rows = json_object_get (table, "regions");
    assert (json_array_size (rows) == 3);
    const json_t *row = json_array_get (rows, 1);
    assert (streq (json_string_value (json_object_get (row, "region")), "32"));
    assert (s_int (row, "version") == 2);
    assert (json_is_true (json_object_get (row, "on_time")));
    assert (json_is_false (json_object_get (json_array_get (rows, 2), "on_time")));
    assert (streq (json_string_value (json_object_get (row, "received_at")),
                   "2026-04-01T00:00:00.000Z"));
    const json_t *cell = json_object_get (json_object_get (row, "indicators"), PPS_BILAN_A5_4);
    assert (s_int (cell, "numerator") == 3 && s_int (cell, "denominator") == 3);
    json_decref (table);
    for (size_t index = 0; index < 3; index++)
        json_decref (entries [index].document);
}
