/*  national_views: the national console's views of the stored bilans.  */
#include "national_views.h"
#include "pps_bilan.h"

#include <czmq.h>

//  The 18 ARS regions by INSEE code, with the names the ARS carry.
static const struct {
    const char *code;
    const char *name;
} s_region_names [] = {
    { "01", "Guadeloupe" }, { "02", "Martinique" }, { "03", "Guyane" },
    { "04", "La Réunion" }, { "06", "Mayotte" }, { "11", "Île-de-France" },
    { "24", "Centre-Val de Loire" }, { "27", "Bourgogne-Franche-Comté" },
    { "28", "Normandie" }, { "32", "Hauts-de-France" }, { "44", "Grand Est" },
    { "52", "Pays de la Loire" }, { "53", "Bretagne" }, { "75", "Nouvelle-Aquitaine" },
    { "76", "Occitanie" }, { "84", "Auvergne-Rhône-Alpes" },
    { "93", "Provence-Alpes-Côte d'Azur" }, { "94", "Corse" },
};
#define REGION_NAMES (sizeof s_region_names / sizeof s_region_names [0])

const char *
national_region_name (const char *code)
{
    for (size_t index = 0; code && index < REGION_NAMES; index++)
        if (strcmp (s_region_names [index].code, code) == 0)
            return s_region_names [index].name;
    return NULL;
}

//  Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
static int64_t
s_days (int32_t ordinal)
{
    int64_t year = ordinal / 10000, month = ordinal / 100 % 100, day = ordinal % 100;
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

int32_t
national_days_between (int32_t from, int32_t to)
{
    return (int32_t) (s_days (to) - s_days (from));
}

//  "5" for an annex 5 indicator, "1" for annex 1's.
static const char *
s_annex (const char *id)
{
    return strncmp (id, "A5.", 3) == 0 ? "5" : "1";
}

//  A document's indicators by id: {"A5.1": {...}, ...} (values borrowed
//  from the document, which must outlive it). Caller owns return value.
static json_t *
s_by_id (const json_t *document)
{
    json_t *by_id = json_object ();
    const json_t *list = json_object_get (document, "indicators");
    for (size_t index = 0; index < json_array_size (list); index++) {
        json_t *indicator = json_array_get (list, index);
        const char *id = json_string_value (json_object_get (indicator, "id"));
        if (id)
            json_object_set (by_id, id, indicator);
    }
    return by_id;
}

//  {numerator, denominator, value} of a document's indicator, or of an
//  aggregate's; null when absent. Caller owns return value.
static json_t *
s_figures (const json_t *indicator)
{
    if (!indicator)
        return json_null ();
    json_t *numerator = json_object_get (indicator, "numerator");
    json_t *denominator = json_object_get (indicator, "denominator");
    json_t *value = json_object_get (indicator, "value");
    return json_pack ("{s:O, s:O, s:O}", "numerator", numerator ? numerator : json_null (),
                      "denominator", denominator ? denominator : json_null (),
                      "value", value ? value : json_null ());
}

//  The entry of region code among entries, or NULL.
static const national_entry_t *
s_entry (const national_entry_t *entries, size_t count, const char *code)
{
    for (size_t index = 0; index < count; index++)
        if (strcmp (entries [index].region, code) == 0)
            return &entries [index];
    return NULL;
}

//  ---------------------------------------------------------------- overview

//  One region's row of the overview; counts into with_value the contract
//  indicators it gives a value.
static json_t *
s_overview_row (const char *code, const national_entry_t *entry, int32_t due_ordinal,
                int32_t today_ordinal, int *with_value)
{
    json_t *row = json_pack ("{s:s, s:s, s:b}", "region", code,
                             "name", national_region_name (code), "reported", entry != NULL);
    if (!entry) {
        //  Not in yet: expected while the due date has not passed
        json_object_set_new (row, "timeliness", json_string (
            today_ordinal <= due_ordinal ? "pending" : "missing"));
        return row;
    }
    int32_t first_day = national_day_of (entry->first_received_ms);
    bool on_time = first_day <= due_ordinal;
    int32_t late = on_time ? 0 : national_days_between (due_ordinal, first_day);
    char received [32], first [32];
    json_object_set_new (row, "version", json_integer (entry->version));
    json_object_set_new (row, "received_at", json_string (
        national_iso_time (entry->received_ms, received, sizeof received)));
    json_object_set_new (row, "first_received_at", json_string (
        national_iso_time (entry->first_received_ms, first, sizeof first)));
    json_object_set_new (row, "on_time", json_boolean (on_time));
    json_object_set_new (row, "timeliness", json_string (on_time ? "on_time" : "late"));
    json_object_set_new (row, "days_late", json_integer (late));
    json_t *by_id = s_by_id (entry->document);
    json_t *values = json_object ();
    size_t indicators = pps_bilan_indicator_count (), filled = 0;
    for (size_t index = 0; index < indicators; index++) {
        const char *id = pps_bilan_indicator_at (index)->id;
        json_t *figures = s_figures (json_object_get (by_id, id));
        //  Zero is a value; a ratio over a zero denominator has none
        const json_t *value = json_object_get (figures, "value");
        if (value && !json_is_null (value)) {
            filled++;
            with_value [index]++;
        }
        json_object_set_new (values, id, figures);
    }
    json_decref (by_id);
    json_object_set_new (row, "completeness", national_fraction ((int64_t) filled,
                                                                 (int64_t) indicators));
    json_object_set_new (row, "values", values);
    return row;
}

json_t *
national_overview (const char *period, const national_entry_t *entries, size_t count,
                   int32_t due_ordinal, int32_t today_ordinal, json_t *periods)
{
    json_t *aggregate = national_aggregate (period, entries, count, due_ordinal);
    size_t indicators = pps_bilan_indicator_count ();
    int *with_value = calloc (indicators, sizeof (int));
    assert (with_value);
    json_t *rows = json_array ();
    for (size_t index = 0; index < PPS_BILAN_REGION_COUNT; index++) {
        const char *code = pps_bilan_region (index);
        json_array_append_new (rows, s_overview_row (code, s_entry (entries, count, code),
                                                     due_ordinal, today_ordinal, with_value));
    }
    const json_t *national = json_object_get (aggregate, "indicators");
    json_t *columns = json_array ();
    for (size_t index = 0; index < indicators; index++) {
        const pps_bilan_indicator_t *indicator = pps_bilan_indicator_at (index);
        json_t *sum = json_object_get (national, indicator->id);
        json_array_append_new (columns, json_pack (
            "{s:s, s:s, s:s, s:s, s:o, s:i, s:o}", "id", indicator->id,
            "kind", pps_bilan_kind_name (indicator->kind), "label", indicator->label,
            "annex", s_annex (indicator->id), "national", s_figures (sum),
            "regions_with_value", with_value [index],
            "completeness", national_fraction (with_value [index], PPS_BILAN_REGION_COUNT)));
    }
    free (with_value);
    json_t *overview = json_pack (
        "{s:s, s:O, s:o, s:o, s:i, s:O, s:O, s:O, s:o, s:o}", "period", period,
        "due_date", json_object_get (aggregate, "due_date"),
        "as_of", national_date_json (today_ordinal),
        "periods", periods ? periods : json_array (),
        "regions_expected", PPS_BILAN_REGION_COUNT,
        "regions_reporting", json_object_get (aggregate, "regions_reporting"),
        "completeness", json_object_get (aggregate, "completeness"),
        "timeliness", json_object_get (aggregate, "timeliness"),
        "indicators", columns, "regions", rows);
    json_decref (aggregate);
    return overview;
}

//  ---------------------------------------------------------------- series

json_t *
national_series (const char *id, const national_period_t *periods, size_t count)
{
    const pps_bilan_indicator_t *definition = pps_bilan_indicator (id);
    json_t *names = json_array (), *national = json_array ();
    json_t *values [PPS_BILAN_REGION_COUNT];
    bool any [PPS_BILAN_REGION_COUNT] = { false };
    for (size_t region = 0; region < PPS_BILAN_REGION_COUNT; region++)
        values [region] = json_array ();
    for (size_t index = 0; index < count; index++) {
        const national_period_t *period = &periods [index];
        json_array_append_new (names, json_string (period->period));
        //  The same sums as GET /aggregate, so that both always agree
        json_t *aggregate = national_aggregate (period->period, period->entries, period->count, 0);
        const json_t *sum = json_object_get (json_object_get (aggregate, "indicators"), id);
        json_t *figures = s_figures (sum);
        if (json_is_null (figures))
            figures = json_pack ("{s:n, s:n, s:n}", "numerator", "denominator", "value");
        json_object_set_new (figures, "period", json_string (period->period));
        json_object_set_new (figures, "regions_reporting", json_integer (
            sum ? json_integer_value (json_object_get (sum, "regions_reporting")) : 0));
        json_array_append_new (national, figures);
        json_decref (aggregate);
        for (size_t region = 0; region < PPS_BILAN_REGION_COUNT; region++) {
            const national_entry_t *entry = s_entry (period->entries, period->count,
                                                     pps_bilan_region (region));
            json_t *by_id = entry ? s_by_id (entry->document) : NULL;
            json_t *indicator = by_id ? json_object_get (by_id, id) : NULL;
            json_t *cell = s_figures (indicator);
            if (indicator) {
                json_object_set_new (cell, "period", json_string (period->period));
                json_object_set_new (cell, "version", json_integer (entry->version));
                any [region] = true;
            }
            json_array_append_new (values [region], cell);
            json_decref (by_id);
        }
    }
    json_t *regions = json_array ();
    for (size_t region = 0; region < PPS_BILAN_REGION_COUNT; region++) {
        const char *code = pps_bilan_region (region);
        if (any [region])
            json_array_append_new (regions, json_pack ("{s:s, s:s, s:O}", "region", code,
                                                       "name", national_region_name (code),
                                                       "values", values [region]));
        json_decref (values [region]);
    }
    return json_pack ("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "indicator", id,
                      "kind", definition ? pps_bilan_kind_name (definition->kind) : "",
                      "label", definition ? definition->label : "",
                      "annex", s_annex (id), "periods", names, "national", national,
                      "regions", regions);
}

//  ---------------------------------------------------------------- versions

json_t *
national_versions (const char *region, const national_version_t *versions, size_t count,
                   int32_t (*due_of) (void *arg, int period), void *arg)
{
    json_t *periods = json_array ();
    json_t *current = NULL, *list = NULL;
    for (size_t index = 0; index < count; index++) {
        const national_version_t *version = &versions [index];
        char received [32];
        if (!current || strcmp (json_string_value (json_object_get (current, "period")),
                                version->period) != 0) {
            int32_t due = due_of (arg, atoi (version->period));
            char first [32];
            list = json_array ();
            current = json_pack ("{s:s, s:o, s:s, s:b, s:o}", "period", version->period,
                "due_date", national_date_json (due),
                "first_received_at", national_iso_time (version->first_received_ms, first,
                                                        sizeof first),
                "on_time", national_day_of (version->first_received_ms) <= due,
                "versions", list);
            json_array_append_new (periods, current);
        }
        if (version->latest)
            json_object_set_new (current, "latest_version", json_integer (version->version));
        json_array_append_new (list, json_pack (
            "{s:I, s:s, s:s, s:s, s:s, s:i, s:b}", "version", (json_int_t) version->version,
            "received_at", national_iso_time (version->received_ms, received, sizeof received),
            "sha256", version->sha256, "computed_at", version->computed_at,
            "finalised_at", version->finalised_at, "warnings", (int) version->warnings,
            "latest", version->latest));
    }
    const char *name = national_region_name (region);
    return json_pack ("{s:s, s:s, s:o}", "region", region, "name", name ? name : "",
                      "periods", periods);
}

//  ---------------------------------------------------------------- CSV

//  Write text as one CSV field (quoted when it holds a comma, a quote or a
//  line end).
static void
s_csv_text (FILE *out, const char *text)
{
    if (!strpbrk (text, ",\"\r\n")) {
        fputs (text, out);
        return;
    }
    fputc ('"', out);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc ('"', out);
        fputc (*c, out);
    }
    fputc ('"', out);
}

//  Write a JSON scalar as a CSV field: null empty, a real with ten
//  significant digits (a ratio needs no more), booleans true/false.
static void
s_csv_value (FILE *out, const json_t *value)
{
    if (json_is_integer (value))
        fprintf (out, "%" JSON_INTEGER_FORMAT, json_integer_value (value));
    else
    if (json_is_real (value))
        fprintf (out, "%.10g", json_real_value (value));
    else
    if (json_is_string (value))
        s_csv_text (out, json_string_value (value));
    else
    if (json_is_boolean (value))
        fputs (json_is_true (value) ? "true" : "false", out);
}

//  Write fields (a JSON value or NULL each, count of them) as one row.
static void
s_csv_row (FILE *out, json_t *const *fields, size_t count)
{
    for (size_t index = 0; index < count; index++) {
        if (index)
            fputc (',', out);
        if (fields [index])
            s_csv_value (out, fields [index]);
    }
    fputs ("\r\n", out);
}

//  The ids of object's keys in the contract's order, each funder's amount
//  after OO4.3.granted, anything else at the end. Caller owns return value.
static json_t *
s_ordered_ids (const json_t *object)
{
    json_t *ids = json_array (), *seen = json_object ();
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const char *id = pps_bilan_indicator_at (index)->id;
        if (json_object_get (object, id)) {
            json_array_append_new (ids, json_string (id));
            json_object_set_new (seen, id, json_true ());
        }
        if (strcmp (id, PPS_BILAN_OO4_3_GRANTED) == 0) {
            const char *key;
            json_t *value;
            json_object_foreach ((json_t *) object, key, value)
                if (strncmp (key, PPS_BILAN_FUNDER_PREFIX, strlen (PPS_BILAN_FUNDER_PREFIX)) == 0) {
                    json_array_append_new (ids, json_string (key));
                    json_object_set_new (seen, key, json_true ());
                }
        }
    }
    const char *key;
    json_t *value;
    json_object_foreach ((json_t *) object, key, value)
        if (!json_object_get (seen, key))
            json_array_append_new (ids, json_string (key));
    json_decref (seen);
    return ids;
}

//  An indicator's label for a person: the contract's, with the funder for
//  a funder's amount. Caller owns return value.
static json_t *
s_label (const char *id)
{
    const pps_bilan_indicator_t *definition = pps_bilan_indicator (id);
    if (!definition)
        return json_string ("");
    size_t prefix = strlen (PPS_BILAN_FUNDER_PREFIX);
    if (strncmp (id, PPS_BILAN_FUNDER_PREFIX, prefix) == 0)
        return json_sprintf ("%s (%s)", definition->label, id + prefix);
    return json_string (definition->label);
}

//  Close a memory stream and return its text (*text_p is only final once
//  the stream is closed), or NULL when out of memory.
static char *
s_csv_close (FILE *out, char **text_p)
{
    if (fclose (out) == 0)
        return *text_p;
    free (*text_p);
    return NULL;
}

char *
national_aggregate_csv (const json_t *aggregate)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    if (!out)
        return NULL;
    fputs ("period,indicator,label,kind,numerator,denominator,value,regions_reporting\r\n", out);
    const json_t *indicators = json_object_get (aggregate, "indicators");
    json_t *ids = s_ordered_ids (indicators);
    json_t *period = json_object_get (aggregate, "period");
    for (size_t index = 0; index < json_array_size (ids); index++) {
        json_t *id = json_array_get (ids, index);
        json_t *row = json_object_get (indicators, json_string_value (id));
        json_t *label = s_label (json_string_value (id));
        json_t *fields [] = {
            period, id, label, json_object_get (row, "kind"),
            json_object_get (row, "numerator"), json_object_get (row, "denominator"),
            json_object_get (row, "value"), json_object_get (row, "regions_reporting")
        };
        s_csv_row (out, fields, sizeof fields / sizeof fields [0]);
        json_decref (label);
    }
    json_decref (ids);
    return s_csv_close (out, &text);
}

char *
national_regions_csv (const json_t *table)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    if (!out)
        return NULL;
    fputs ("period,region,name,version,received_at,first_received_at,on_time,indicator,label,"
           "kind,numerator,denominator,value\r\n", out);
    json_t *period = json_object_get (table, "period");
    const json_t *rows = json_object_get (table, "regions");
    for (size_t index = 0; index < json_array_size (rows); index++) {
        const json_t *row = json_array_get (rows, index);
        json_t *region = json_object_get (row, "region");
        json_t *name = json_string (national_region_name (json_string_value (region)));
        const json_t *indicators = json_object_get (row, "indicators");
        json_t *ids = s_ordered_ids (indicators);
        for (size_t item = 0; item < json_array_size (ids); item++) {
            json_t *id = json_array_get (ids, item);
            json_t *cell = json_object_get (indicators, json_string_value (id));
            json_t *label = s_label (json_string_value (id));
            json_t *fields [] = {
                period, region, name, json_object_get (row, "version"),
                json_object_get (row, "received_at"), json_object_get (row, "first_received_at"),
                json_object_get (row, "on_time"), id, label, json_object_get (cell, "kind"),
                json_object_get (cell, "numerator"), json_object_get (cell, "denominator"),
                json_object_get (cell, "value")
            };
            s_csv_row (out, fields, sizeof fields / sizeof fields [0]);
            json_decref (label);
        }
        json_decref (ids);
        json_decref (name);
    }
    return s_csv_close (out, &text);
}

//  ---------------------------------------------------------------- self test

//  A document with every contract indicator: A5.4 a ratio over 0 (no
//  value), the others valued, plus a funder's amount.
static json_t *
s_document (int64_t a5_1)
{
    json_t *list = json_array ();
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *indicator = pps_bilan_indicator_at (index);
        bool ratio = indicator->kind == PPS_BILAN_RATIO;
        bool empty = strcmp (indicator->id, PPS_BILAN_A5_4) == 0;
        int64_t numerator = strcmp (indicator->id, PPS_BILAN_A5_1) == 0 ? a5_1 : empty ? 0 : 1;
        json_t *value = ratio ? (empty ? json_null () : json_real (0.5)) : json_integer (numerator);
        json_array_append_new (list, json_pack ("{s:s, s:s, s:I, s:o, s:o}", "id", indicator->id,
            "kind", pps_bilan_kind_name (indicator->kind), "numerator", (json_int_t) numerator,
            "denominator", ratio ? json_integer (empty ? 0 : 2) : json_null (), "value", value));
    }
    json_array_append_new (list, json_pack ("{s:s, s:s, s:i, s:n, s:i}",
        "id", PPS_BILAN_FUNDER_PREFIX "FIR", "kind", "amount", "numerator", 500,
        "denominator", "value", 500));
    return json_pack ("{s:o}", "indicators", list);
}

//  Due date of the tests: 31 March of the following year.
static int32_t
s_due_test (void *arg, int period)
{
    (void) arg;
    return (period + 1) * 10000 + 331;
}

void
national_views_test (bool verbose)
{
    assert (streq (national_region_name ("32"), "Hauts-de-France"));
    assert (national_region_name ("99") == NULL && national_region_name (NULL) == NULL);
    for (size_t index = 0; index < PPS_BILAN_REGION_COUNT; index++)
        assert (national_region_name (pps_bilan_region (index)));
    assert (national_days_between (20260331, 20260401) == 1);
    assert (national_days_between (20240228, 20240301) == 2);         //  Leap year
    assert (national_days_between (20251231, 20250101) == -364);

    //  2026-03-31T12:00Z (on time for 2025) and 2026-04-02T00:00Z (2 days late)
    const int64_t early = 1774958400000LL, late = 1775088000000LL;
    national_entry_t entries [2] = {
        { "11", 1, early, early, s_document (1) },
        { "32", 2, late, late, s_document (0) },
    };
    json_t *periods = json_pack ("[s, s]", "2024", "2025");
    json_t *overview = national_overview ("2025", entries, 2, 20260331, 20260402, periods);
    if (verbose) {
        char *dump = json_dumps (overview, JSON_INDENT (2));
        printf ("%s\n", dump);
        free (dump);
    }
    assert (streq (json_string_value (json_object_get (overview, "due_date")), "2026-03-31"));
    assert (streq (json_string_value (json_object_get (overview, "as_of")), "2026-04-02"));
    assert (json_array_size (json_object_get (overview, "periods")) == 2);
    assert (json_integer_value (json_object_get (overview, "regions_reporting")) == 2);
    const json_t *rows = json_object_get (overview, "regions");
    assert (json_array_size (rows) == PPS_BILAN_REGION_COUNT);
    const json_t *absent = json_array_get (rows, 0);
    assert (streq (json_string_value (json_object_get (absent, "region")), "01"));
    assert (json_is_false (json_object_get (absent, "reported")));
    assert (streq (json_string_value (json_object_get (absent, "timeliness")), "missing"));
    const json_t *idf = json_array_get (rows, 5), *hdf = json_array_get (rows, 9);
    assert (streq (json_string_value (json_object_get (idf, "name")), "Île-de-France"));
    assert (streq (json_string_value (json_object_get (idf, "timeliness")), "on_time"));
    assert (streq (json_string_value (json_object_get (hdf, "timeliness")), "late"));
    assert (json_integer_value (json_object_get (hdf, "days_late")) == 2);
    //  Every indicator but A5.4 (a ratio over 0) has a value
    size_t indicators = pps_bilan_indicator_count ();
    const json_t *completeness = json_object_get (hdf, "completeness");
    assert ((size_t) json_integer_value (json_object_get (completeness, "numerator"))
            == indicators - 1);
    assert ((size_t) json_integer_value (json_object_get (completeness, "denominator"))
            == indicators);
    const json_t *values = json_object_get (hdf, "values");
    assert (json_object_size (values) == indicators);      //  The funder's is not a column
    assert (json_integer_value (json_object_get (json_object_get (values, PPS_BILAN_A5_1),
                                                 "numerator")) == 0);
    const json_t *columns = json_object_get (overview, "indicators");
    assert (json_array_size (columns) == indicators);
    const json_t *a5_1 = json_array_get (columns, 0);
    assert (streq (json_string_value (json_object_get (a5_1, "id")), PPS_BILAN_A5_1));
    assert (streq (json_string_value (json_object_get (a5_1, "annex")), "5"));
    assert (json_integer_value (json_object_get (a5_1, "regions_with_value")) == 2);
    //  A yes/no nationally: regions answering yes / regions reporting
    const json_t *sum = json_object_get (a5_1, "national");
    assert (json_integer_value (json_object_get (sum, "numerator")) == 1);
    assert (json_integer_value (json_object_get (sum, "denominator")) == 2);
    json_decref (overview);

    //  Before the due date, a region not in yet is pending
    overview = national_overview ("2025", entries, 2, 20260331, 20260331, NULL);
    absent = json_array_get (json_object_get (overview, "regions"), 0);
    assert (streq (json_string_value (json_object_get (absent, "timeliness")), "pending"));
    json_decref (overview);

    national_period_t series_periods [2] = {
        { "2024", entries, 1 }, { "2025", entries, 2 },
    };
    json_t *series = national_series (PPS_BILAN_A5_1, series_periods, 2);
    assert (json_array_size (json_object_get (series, "periods")) == 2);
    const json_t *national = json_object_get (series, "national");
    assert (json_integer_value (json_object_get (json_array_get (national, 1),
                                                 "regions_reporting")) == 2);
    const json_t *series_rows = json_object_get (series, "regions");
    assert (json_array_size (series_rows) == 2);
    const json_t *second = json_object_get (json_array_get (series_rows, 1), "values");
    assert (json_is_null (json_array_get (second, 0)));     //  32 did not report 2024
    assert (json_integer_value (json_object_get (json_array_get (second, 1), "version")) == 2);
    json_decref (series);

    json_t *aggregate = national_aggregate ("2025", entries, 2, 20260331);
    char *csv = national_aggregate_csv (aggregate);
    if (verbose)
        printf ("%s", csv);
    assert (strncmp (csv, "period,indicator,label,", 23) == 0);
    assert (strstr (csv, "\r\n2025,A5.1,"));
    assert (strstr (csv, ",yes_no,1,2,0.5,2\r\n"));
    //  The funder's amount follows OO4.3.granted, labelled with the funder
    const char *granted = strstr (csv, "\r\n2025,OO4.3.granted,");
    assert (granted && strstr (granted, "\r\n2025,OO4.3.granted.FIR,") && strstr (csv, "(FIR)"));
    free (csv);
    json_decref (aggregate);
    json_t *table = national_regions_table ("2025", entries, 2, 20260331);
    csv = national_regions_csv (table);
    assert (strstr (csv, "\r\n2025,32,Hauts-de-France,2,2026-04-02T00:00:00.000Z,"
                         "2026-04-02T00:00:00.000Z,false,A5.1,"));
    assert (strstr (csv, ",A5.4,") && strstr (csv, ",ratio,0,0,\r\n"));
    free (csv);
    json_decref (table);

    national_version_t versions [3] = {
        { .period = "2024", .version = 1, .received_ms = early, .first_received_ms = early,
          .latest = true, .sha256 = "aa" },
        { .period = "2025", .version = 1, .received_ms = early, .first_received_ms = early },
        { .period = "2025", .version = 2, .received_ms = late, .first_received_ms = early,
          .latest = true, .sha256 = "bb", .warnings = 3 },
    };
    json_t *listing = national_versions ("32", versions, 3, s_due_test, NULL);
    assert (streq (json_string_value (json_object_get (listing, "name")), "Hauts-de-France"));
    const json_t *listed = json_object_get (listing, "periods");
    assert (json_array_size (listed) == 2);
    const json_t *year = json_array_get (listed, 1);
    assert (streq (json_string_value (json_object_get (year, "period")), "2025"));
    assert (streq (json_string_value (json_object_get (year, "due_date")), "2026-03-31"));
    assert (json_is_true (json_object_get (year, "on_time")));
    assert (json_integer_value (json_object_get (year, "latest_version")) == 2);
    const json_t *last = json_array_get (json_object_get (year, "versions"), 1);
    assert (streq (json_string_value (json_object_get (last, "sha256")), "bb"));
    assert (json_integer_value (json_object_get (last, "warnings")) == 3);
    json_decref (listing);
    for (size_t index = 0; index < 2; index++)
        json_decref (entries [index].document);
}
