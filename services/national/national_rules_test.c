/*  national_rules_test: the self test of national_rules: a valid document
    passes, and each broken variant of it is refused naming the field.  */
#include "national_rules.h"
#include "national_settings.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

//  Put the right sha256 in document.
static void
s_sign (json_t *document)
{
    char *canonical = national_rules_canonical (document);
    assert (canonical);
    char hex [NATIONAL_HASH_HEX];
    national_sha256_hex (canonical, strlen (canonical), hex);
    free (canonical);
    json_object_set_new (document, "sha256", json_string (hex));
}

//  A valid, signed document: every fixed indicator, one establishment.
static json_t *
s_valid_document (void)
{
    json_t *indicators = json_array ();
    for (size_t index = 0; index < national_rules_fixed_count (); index++) {
        national_kind_t kind;
        const char *id = national_rules_fixed_id (index, &kind);
        json_t *indicator = json_pack ("{s:s, s:s, s:i}", "id", id,
                                       "kind", national_kind_name (kind), "numerator", 1);
        json_object_set_new (indicator, "denominator",
                             kind == NATIONAL_RATIO ? json_integer (4) : json_null ());
        json_object_set_new (indicator, "value",
                             kind == NATIONAL_RATIO ? json_real (0.25) : json_integer (1));
        json_array_append_new (indicators, indicator);
    }
    json_array_append_new (indicators, json_pack ("{s:s, s:s, s:I, s:n, s:I}",
        "id", "OO4.3.granted.FIR", "kind", "amount", "numerator", (json_int_t) 125000000,
        "denominator", "value", (json_int_t) 125000000));
    json_t *document = json_pack (
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:o, s:[{s:s, s:s, s:s, s:b, s:["
        "{s:s, s:s, s:i, s:i, s:i}, {s:s, s:s, s:i, s:i, s:n}]}], s:[{s:s, s:s, s:s, s:s}]}",
        "schema", "pps-bilan/1", "region", "32", "period", "2025",
        "period_start", "2025-01-01", "period_end", "2025-12-31",
        "reference_date", "2025-12-31", "version", 1,
        "computed_at", "2026-01-12T09:30:00Z", "finalised_at", "2026-01-15T14:02:11.250Z",
        "indicators", indicators,
        "establishments", "code", "101739", "name", "CD BAPAUME", "kind", "CD", "minors", 0,
        "indicators",
        "id", "A5.5", "kind", "ratio", "numerator", 1, "denominator", 1, "value", 1,
        "id", "A5.8", "kind", "ratio", "numerator", 0, "denominator", 0, "value",
        "validation", "rule", "numerator_le_denominator", "severity", "warning",
        "indicator", "A5.4", "message", "check the health units");
    assert (document);
    s_sign (document);
    return document;
}

typedef struct {
    const char *path;             //  Member to change
    const char *json;             //  Its new value, NULL to delete it
    const char *field;            //  The field the refusal must name
} s_case_t;

static const s_case_t s_cases [] = {
    { "schema", "\"pps-bilan/2\"", "schema" },
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
    { "indicators[28].id", "\"OO4.3.granted.\"", "indicators[28].id" },
    { "indicators[28].id", "\"OO4.3.granted.F I R\"", "indicators[28].id" },
    { "establishments", "null", "establishments" },
    { "establishments[0].code", "\"\"", "establishments[0].code" },
    { "establishments[0].name", NULL, "establishments[0].name" },
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

void
national_rules_test (bool verbose)
{
    assert (sodium_init () >= 0);
    assert (national_kind_parse ("ratio") == NATIONAL_RATIO);
    assert (national_kind_parse ("Ratio") == -1);
    assert (national_kind_parse (NULL) == -1);
    assert (national_rules_fixed_count () == 28);
    national_problem_t problem;

    json_t *document = s_valid_document ();
    int rc = national_rules_check (document, &problem);
    if (rc && verbose)
        printf ("valid document refused: %s: %s\n", problem.field, problem.message);
    assert (rc == 0);

    //  The canonical form drops sha256 only, sorts keys, has no blanks
    char *canonical = national_rules_canonical (document);
    assert (canonical && strncmp (canonical, "{\"computed_at\":", 15) == 0);
    assert (!strstr (canonical, "sha256") && !strstr (canonical, ", "));
    assert (!strstr (canonical, "\n"));
    assert (json_object_get (document, "sha256"));
    free (canonical);

    //  A one-character change in a signed document breaks the hash
    json_t *tampered = json_deep_copy (document);
    s_set_path (tampered, "indicators[3].numerator", "2");
    assert (national_rules_check (tampered, &problem) == -1);
    assert (streq (problem.field, "sha256"));
    json_object_set_new (tampered, "sha256", json_string ("ABC"));
    assert (national_rules_check (tampered, &problem) == -1 && streq (problem.field, "sha256"));
    json_decref (tampered);

    json_t *array = json_array ();
    assert (national_rules_check (array, &problem) == -1);
    assert (streq (problem.field, "document"));
    json_decref (array);

    for (size_t index = 0; index < sizeof s_cases / sizeof s_cases [0]; index++) {
        const s_case_t *test = &s_cases [index];
        json_t *variant = json_deep_copy (document);
        s_set_path (variant, test->path, test->json);
        s_sign (variant);
        rc = national_rules_check (variant, &problem);
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
        { "establishments[0].indicators[0].numerator", "3", NULL },
        { "establishments[0].kind", "\"ESTABLISHMENT_KIND_UNSPECIFIED\"", NULL },
        { "validation[0].indicator", "null", NULL },
        { "period_start", "\"2025-07-01\"", NULL },
    };
    for (size_t index = 0; index < sizeof valid / sizeof valid [0]; index++) {
        json_t *variant = json_deep_copy (document);
        s_set_path (variant, valid [index].path, valid [index].json);
        if (streq (valid [index].path, "period_start"))
            s_set_path (variant, "period_end", "\"2026-06-30\"");
        s_sign (variant);
        rc = national_rules_check (variant, &problem);
        if (rc)
            printf ("valid %zu refused: %s: %s\n", index, problem.field, problem.message);
        assert (rc == 0);
        json_decref (variant);
    }
    json_decref (document);
}
