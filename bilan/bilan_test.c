/*  bilan_test: the self test of the contract: a valid document passes, each
    broken variant of it is refused naming the field, and the rules find
    what they are for.  */
#include "pps_bilan.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define streq(a, b) (strcmp ((a), (b)) == 0)

//  Set (or with json NULL, delete) the member at a path such as
//  "indicators[3].denominator" or "establishments[0].indicators[1]".
static void
s_set_path (json_t *document, const char *path, const char *json)
{
    char buffer [160];
    snprintf (buffer, sizeof buffer, "%s", path);
    json_t *parent = document;
    char *segment = buffer;
    while (true) {
        char *dot = strchr (segment, '.');
        if (dot)
            *dot = 0;
        char *bracket = strchr (segment, '[');
        size_t index = 0;
        if (bracket) {
            *bracket = 0;
            index = (size_t) atoi (bracket + 1);
        }
        bool last = dot == NULL;
        if (bracket) {
            json_t *array = *segment ? json_object_get (parent, segment) : parent;
            assert (json_is_array (array));
            if (last) {
                if (json)
                    json_array_set_new (array, index, json_loads (json, JSON_DECODE_ANY, NULL));
                else
                    json_array_remove (array, index);
                return;
            }
            parent = json_array_get (array, index);
        }
        else {
            if (last) {
                if (json)
                    json_object_set_new (parent, segment,
                                         json_loads (json, JSON_DECODE_ANY, NULL));
                else
                    json_object_del (parent, segment);
                return;
            }
            parent = json_object_get (parent, segment);
        }
        assert (parent);
        segment = dot + 1;
    }
}

//  A valid, signed document: every fixed indicator at 1 (over 4 for a
//  ratio), a funder's amount, one establishment whose figures are the
//  region's.
static json_t *
s_valid_document (void)
{
    json_t *indicators = json_array ();
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (index);
        bool ratio = definition->kind == PPS_BILAN_RATIO;
        bool granted = streq (definition->id, "OO4.3.granted");
        json_t *indicator = json_pack ("{s:s, s:s, s:I}", "id", definition->id,
                                       "kind", pps_bilan_kind_name (definition->kind),
                                       "numerator", (json_int_t) (granted ? 125000000 : 1));
        json_object_set_new (indicator, "denominator", ratio ? json_integer (4) : json_null ());
        json_object_set_new (indicator, "value", ratio ? json_real (0.25)
                             : json_integer (granted ? 125000000 : 1));
        json_array_append_new (indicators, indicator);
    }
    json_array_append_new (indicators, json_pack ("{s:s, s:s, s:I, s:n, s:I}",
        "id", "OO4.3.granted.FIR", "kind", "amount", "numerator", (json_int_t) 125000000,
        "denominator", "value", (json_int_t) 125000000));
    json_t *document = json_pack (
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:o, s:[{s:s, s:s, s:s, s:b, s:["
        "{s:s, s:s, s:i, s:i, s:f}, {s:s, s:s, s:i, s:i, s:f}]}], s:[{s:s, s:s, s:s, s:s, s:s}]}",
        "schema", PPS_BILAN_SCHEMA, "region", "32", "period", "2025",
        "period_start", "2025-01-01", "period_end", "2025-12-31",
        "reference_date", "2025-12-31", "version", 1,
        "computed_at", "2026-01-12T09:30:00Z", "finalised_at", "2026-01-15T14:02:11.250Z",
        "indicators", indicators,
        "establishments", "code", "101739", "name", "CD BAPAUME", "kind", "CD", "minors", 0,
        "indicators",
        "id", "A5.5", "kind", "ratio", "numerator", 1, "denominator", 4, "value", 0.25,
        "id", "A5.8", "kind", "ratio", "numerator", 1, "denominator", 4, "value", 0.25,
        "validation", "rule", "establishment_without_health_unit", "severity", "warning",
        "indicator", "A5.4", "establishment", "101739", "message", "check the health units");
    assert (document);
    assert (pps_bilan_seal (document) == 0);
    return document;
}

typedef struct {
    const char *path;             //  Member to change
    const char *json;             //  Its new value, NULL to delete it
    const char *field;            //  The field the refusal must name
} s_case_t;

static const s_case_t s_cases [] = {
    { "schema", "\"pps-bilan/1\"", "schema" },
    { "schema", NULL, "schema" },
    { "extra", "1", "extra" },
    { "region", "\"05\"", "region" },
    { "region", "32", "region" },
    { "period", "\"25\"", "period" },
    { "period", "\"1999\"", "period" },
    { "period", "2025", "period" },
    { "period_start", "\"2025-02-30\"", "period_start" },
    { "period_start", "\"2024-12-31\"", "period_start" },
    { "period_end", "\"2026-01-01\"", "period_end" },
    { "period_end", "\"2024-12-31\"", "period_end" },
    { "reference_date", "\"2026-01-01\"", "reference_date" },
    { "reference_date", "\" 2025-1-01\"", "reference_date" },
    { "version", "0", "version" },
    { "version", "1.0", "version" },
    { "version", "\"1\"", "version" },
    { "computed_at", "\"2026-01-12 09:30:00\"", "computed_at" },
    { "finalised_at", "\"2026-01-15T14:02:11+01:00\"", "finalised_at" },
    { "finalised_at", "\"2026-01-15T24:02:11Z\"", "finalised_at" },
    { "indicators", "{}", "indicators" },
    { "indicators[0]", NULL, "indicators" },
    { "indicators[3]", "7", "indicators[3]" },
    { "indicators[3].denominator", NULL, "indicators[3].denominator" },
    { "indicators[3].denominator", "-1", "indicators[3].denominator" },
    { "indicators[3].denominator", "2.5", "indicators[3].denominator" },
    { "indicators[3].numerator", "1.5", "indicators[3].numerator" },
    { "indicators[3].numerator", "\"1\"", "indicators[3].numerator" },
    { "indicators[3].numerator", "1000000000000001", "indicators[3].numerator" },
    { "indicators[3].kind", "\"count\"", "indicators[3].kind" },
    { "indicators[3].kind", "\"percent\"", "indicators[3].kind" },
    { "indicators[3].value", "\"0.25\"", "indicators[3].value" },
    { "indicators[3].colour", "\"red\"", "indicators[3].colour" },
    { "indicators[0].numerator", "2", "indicators[0].numerator" },
    { "indicators[0].denominator", "1", "indicators[0].denominator" },
    { "indicators[0].id", "\"\"", "indicators[0].id" },
    { "indicators[0].id", "\"A5.1\\u00e9\"", "indicators[0].id" },
    { "indicators[1].id", "\"A5.1\"", "indicators[1].id" },
    { "indicators[15].numerator", "-3", "indicators[15].numerator" },
    { "indicators[32].id", "\"OO4.3.granted.\"", "indicators[32].id" },
    { "indicators[32].id", "\"OO4.3.granted.F I R\"", "indicators[32].id" },
    { "indicators[32].numerator", "10000000000001", "indicators[32].numerator" },
    { "indicators[3].value", "0.2501", "indicators[3].value" },
    { "indicators[0].value", "0", "indicators[0].value" },
    { "validation[0].establishment", "7", "validation[0].establishment" },
    { "validation[0].establishment", NULL, "validation[0].establishment" },
    //  The rules: their errors name the figure at fault
    { "indicators[4]", "{\"id\":\"A5.5\",\"kind\":\"ratio\",\"numerator\":5,"
                       "\"denominator\":4,\"value\":1.25}", "indicators[4].numerator" },
    { "establishments[0].indicators[0]", "{\"id\":\"A5.5\",\"kind\":\"ratio\","
      "\"numerator\":3,\"denominator\":4,\"value\":0.75}", "indicators[4].numerator" },
    { "establishments[0].indicators[0]", "{\"id\":\"A5.5\",\"kind\":\"ratio\","
      "\"numerator\":1,\"denominator\":5,\"value\":0.2}", "indicators[4].denominator" },
    { "indicators[26]", "{\"id\":\"OO4.3.granted\",\"kind\":\"amount\",\"numerator\":"
      "125000001,\"denominator\":null,\"value\":125000001}", "indicators[26].numerator" },
    { "establishments", "null", "establishments" },
    { "establishments[0].code", "\"\"", "establishments[0].code" },
    { "establishments[0].name", NULL, "establishments[0].name" },
    //  The region's text rule: no control character, no bidirectional
    //  override (U+202E)
    { "establishments[0].name", "\"CD \\u202eelliL\"", "establishments[0].name" },
    { "establishments[0].name", "\"MA Lille\\u0007\"", "establishments[0].name" },
    { "validation[0].message", "\"figure \\u0085 wrong\"", "validation[0].message" },
    { "establishments[0].kind", "7", "establishments[0].kind" },
    { "establishments[0].minors", "\"no\"", "establishments[0].minors" },
    { "establishments[0].indicators[0].numerator", "-1",
      "establishments[0].indicators[0].numerator" },
    { "establishments[0].indicators[0].id", "\"A5.1\"",
      "establishments[0].indicators[0].id" },
    { "establishments[0].indicators[1].value", "0",
      "establishments[0].indicators[1].value" },
    { "validation[0].severity", "\"fatal\"", "validation[0].severity" },
    { "validation[0].rule", "\"\"", "validation[0].rule" },
    { "validation[0].indicator", "3", "validation[0].indicator" },
    { "validation[0].message", NULL, "validation[0].message" },
};

typedef struct {
    size_t errors;
    size_t warnings;
    char rules [512];             //  Names of the rules found, in order
} s_found_t;

static void
s_collect (const pps_bilan_issue_t *issue, void *arg)
{
    s_found_t *found = arg;
    if (issue->severity == PPS_BILAN_ERROR)
        found->errors++;
    else
        found->warnings++;
    size_t length = strlen (found->rules);
    snprintf (found->rules + length, sizeof found->rules - length, "%s%s",
              length ? " " : "", issue->rule);
}

//  The contract's table: ids unique, labels and definitions given, every
//  ratio says what an empty one means, every rule named is in the table.
static void
s_test_table (void)
{
    size_t count = pps_bilan_indicator_count ();
    assert (count == 32);
    for (size_t index = 0; index < count; index++) {
        const pps_bilan_indicator_t *one = pps_bilan_indicator_at (index);
        assert (*one->label && *one->definition && *one->source);
        assert (pps_bilan_indicator (one->id) == one);
        assert ((one->kind == PPS_BILAN_RATIO) == (one->empty_rule != NULL));
        assert (!one->proportion || one->kind == PPS_BILAN_RATIO);
        for (size_t other = 0; other < index; other++)
            assert (!streq (pps_bilan_indicator_at (other)->id, one->id));
        bool listed = !one->empty_rule;
        for (size_t rule = 0; rule < pps_bilan_rule_count () && !listed; rule++)
            listed = streq (pps_bilan_rule_at (rule)->name, one->empty_rule);
        assert (listed);
    }
    assert (pps_bilan_indicator ("OO4.3.granted.FIR") == pps_bilan_indicator ("OO4.3.granted"));
    assert (!pps_bilan_indicator ("OO4.3.granted.") && !pps_bilan_indicator ("A5.9"));
    assert (!pps_bilan_indicator (NULL));
    assert (pps_bilan_kind_parse ("ratio") == PPS_BILAN_RATIO);
    assert (pps_bilan_kind_parse ("Ratio") == -1 && pps_bilan_kind_parse (NULL) == -1);
    assert (pps_bilan_region_index ("32") == 9 && pps_bilan_region_index ("05") == -1);
    assert (streq (pps_bilan_region (17), "94") && !pps_bilan_region (18));
    bool has_value;
    assert (pps_bilan_value (PPS_BILAN_RATIO, 12, 17, &has_value) == 0.7059 && has_value);
    pps_bilan_value (PPS_BILAN_RATIO, 1, 0, &has_value);
    assert (!has_value);
    assert (pps_bilan_value (PPS_BILAN_COUNT, 7, 0, &has_value) == 7 && has_value);
    char *markdown = pps_bilan_markdown ();
    assert (markdown && strstr (markdown, "| `OS2.penitentiary_trained` | ratio | no |"));
    assert (strstr (markdown, "| `numerator_le_denominator` | error |"));
    free (markdown);
}

//  The rules over figures: what each finds, and what stays a warning.
static void
s_test_rules (const json_t *valid)
{
    s_found_t found = { 0 };
    assert (pps_bilan_rules_run (valid, s_collect, &found) == 0);
    assert (found.errors == 0 && found.warnings == 0);

    //  A ratio with no denominator is a warning, never an error
    json_t *empty = json_deep_copy (valid);
    s_set_path (empty, "indicators[13]", "{\"id\":\"OS2.health_trained\",\"kind\":\"ratio\","
                "\"numerator\":1,\"denominator\":0,\"value\":null}");
    s_set_path (empty, "indicators[7]", "{\"id\":\"A5.8\",\"kind\":\"ratio\","
                "\"numerator\":0,\"denominator\":0,\"value\":null}");
    s_set_path (empty, "establishments[0].indicators[1]", "{\"id\":\"A5.4\",\"kind\":"
                "\"ratio\",\"numerator\":0,\"denominator\":0,\"value\":null}");
    s_set_path (empty, "indicators[3]", "{\"id\":\"A5.4\",\"kind\":\"ratio\","
                "\"numerator\":0,\"denominator\":0,\"value\":null}");
    s_set_path (empty, "indicators[0].numerator", "0");
    s_set_path (empty, "indicators[0].value", "0");
    memset (&found, 0, sizeof found);
    assert (pps_bilan_rules_run (empty, s_collect, &found) == 0);
    assert (streq (found.rules, "region_without_health_unit minors_indicator_without_minors "
                   "headcount_missing establishment_without_health_unit programme_missing"));
    assert (pps_bilan_seal (empty) == 0);
    pps_bilan_problem_t problem;
    assert (pps_bilan_check (empty, &problem) == 0);
    json_decref (empty);
}

void
pps_bilan_test (bool verbose)
{
    assert (sodium_init () >= 0);
    s_test_table ();
    pps_bilan_problem_t problem;
    json_t *document = s_valid_document ();
    int rc = pps_bilan_check (document, &problem);
    if (rc)
        printf ("valid document refused: %s: %s\n", problem.field, problem.message);
    assert (rc == 0);
    s_test_rules (document);

    //  The canonical form drops sha256 only, sorts keys, has no blanks
    char hex [PPS_BILAN_HEX];
    char *canonical = pps_bilan_canonical (document, hex);
    assert (canonical && strncmp (canonical, "{\"computed_at\":", 15) == 0);
    assert (!strstr (canonical, "sha256") && !strstr (canonical, ", "));
    assert (!strstr (canonical, "\n"));
    assert (streq (hex, json_string_value (json_object_get (document, "sha256"))));
    free (canonical);

    //  A one-character change in a signed document breaks the hash
    json_t *tampered = json_deep_copy (document);
    s_set_path (tampered, "indicators[23].numerator", "2");
    s_set_path (tampered, "indicators[23].value", "0.5");
    assert (pps_bilan_check (tampered, &problem) == -1);
    assert (streq (problem.field, "sha256"));
    json_object_set_new (tampered, "sha256", json_string ("ABC"));
    assert (pps_bilan_check (tampered, &problem) == -1 && streq (problem.field, "sha256"));
    json_decref (tampered);

    json_t *array = json_array ();
    assert (pps_bilan_check (array, &problem) == -1);
    assert (streq (problem.field, "document"));
    json_decref (array);

    for (size_t index = 0; index < sizeof s_cases / sizeof s_cases [0]; index++) {
        const s_case_t *test = &s_cases [index];
        json_t *variant = json_deep_copy (document);
        s_set_path (variant, test->path, test->json);
        pps_bilan_seal (variant);
        rc = pps_bilan_check (variant, &problem);
        if (verbose || rc == 0 || !streq (problem.field, test->field))
            printf ("case %zu %s=%s: %s: %s\n", index, test->path,
                    test->json ? test->json : "(deleted)", rc ? problem.field : "accepted",
                    rc ? problem.message : "");
        assert (rc == -1);
        assert (streq (problem.field, test->field));
        json_decref (variant);
    }

    //  Variants that stay valid: a zero ratio with a null value, a bare
    //  establishment, no establishments, a whole-bilan validation entry
    const s_case_t valid [] = {
        { "indicators[3]", "{\"id\":\"A5.4\",\"kind\":\"ratio\",\"numerator\":0,"
                           "\"denominator\":0,\"value\":null}", NULL },
        { "establishments[0].kind", NULL, NULL },
        { "establishments", "[]", NULL },
        { "establishments[0].kind", "\"ESTABLISHMENT_KIND_UNSPECIFIED\"", NULL },
        { "validation[0].indicator", "null", NULL },
        { "validation[0].establishment", "null", NULL },
        { "period_start", "\"2025-07-01\"", NULL },
    };
    for (size_t index = 0; index < sizeof valid / sizeof valid [0]; index++) {
        json_t *variant = json_deep_copy (document);
        s_set_path (variant, valid [index].path, valid [index].json);
        if (streq (valid [index].path, "period_start"))
            s_set_path (variant, "period_end", "\"2026-06-30\"");
        pps_bilan_seal (variant);
        rc = pps_bilan_check (variant, &problem);
        if (rc)
            printf ("valid %zu refused: %s: %s\n", index, problem.field, problem.message);
        assert (rc == 0);
        json_decref (variant);
    }
    json_decref (document);
}
