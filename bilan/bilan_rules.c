/*  bilan_rules: the rules a bilan's figures are checked against, each with
    its severity. An error stops the region from finalising and makes the
    national service refuse the document; a warning is carried in the
    document's validation list for its readers.

    The rules read the document with jansson's accessors, which give 0 for
    what is missing, so that they can run on a draft whose shape has not
    been checked yet; the national service checks the shape first.
*/
#include "pps_bilan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const pps_bilan_rule_t s_rules [] = {
    { "numerator_le_denominator", PPS_BILAN_ERROR,
      "a ratio whose numerator counts a subset of its denominator has numerator <= "
      "denominator (where the denominator is not 0)" },
    { "establishments_sum", PPS_BILAN_ERROR,
      "an indicator given per establishment has, for the region, the sums of the "
      "establishments' numerators and denominators" },
    { "granted_sum", PPS_BILAN_ERROR,
      "OO4.3.granted is the sum of the OO4.3.granted.<FUNDER> amounts" },
    { "amount_limit", PPS_BILAN_ERROR,
      "an amount is at most 10^13 cents (the limit of every amount the services store)" },
    { "region_without_establishment", PPS_BILAN_WARNING,
      "no establishment open at the reference date: the ratios over establishments have no "
      "value" },
    { "region_without_health_unit", PPS_BILAN_WARNING,
      "no health unit open at the reference date: A5.4 has no value" },
    { "establishment_without_health_unit", PPS_BILAN_WARNING,
      "an establishment has no health unit open at the reference date: its A5.4 has no value" },
    { "minors_indicator_without_minors", PPS_BILAN_WARNING,
      "no EPM nor minors' quarter open at the reference date: A5.8 has no value" },
    { "headcount_missing", PPS_BILAN_WARNING,
      "no staff headcount recorded for a family of professionals: its OS 2 ratio has no value" },
    { "no_project", PPS_BILAN_WARNING, "no project implemented in the period: OO4.6 has no value" },
    { "no_reference_hospital", PPS_BILAN_WARNING,
      "no reference hospital for an open health unit: OO5.1 has no value" },
    { "no_steering_committee", PPS_BILAN_WARNING,
      "no steering committee active at the reference date: OO5.4 has no value" },
    { "programme_missing", PPS_BILAN_WARNING,
      "no regional programme adopted and in force at the reference date (A5.1 is no)" },
    { "read_model_behind", PPS_BILAN_WARNING,
      "a draft computed while the region's read model had not applied every event of its "
      "sources (a bilan is never finalised so)" },
};
#define RULE_COUNT (sizeof s_rules / sizeof s_rules [0])

size_t
pps_bilan_rule_count (void)
{
    return RULE_COUNT;
}

const pps_bilan_rule_t *
pps_bilan_rule_at (size_t index)
{
    return index < RULE_COUNT ? &s_rules [index] : NULL;
}

//  The rule named name (one of the table: a programming error if not).
static const pps_bilan_rule_t *
s_rule (const char *name)
{
    for (size_t index = 0; index < RULE_COUNT; index++)
        if (strcmp (s_rules [index].name, name) == 0)
            return &s_rules [index];
    return NULL;
}

typedef struct {
    pps_bilan_found_fn *found;
    void *arg;
    size_t errors;
} run_t;

static void
s_found (run_t *run, const char *name, const char *indicator, const char *establishment,
         const char *field, const char *format, ...) __attribute__ ((format (printf, 6, 7)));

static void
s_found (run_t *run, const char *name, const char *indicator, const char *establishment,
         const char *field, const char *format, ...)
{
    const pps_bilan_rule_t *rule = s_rule (name);
    if (!rule)
        return;
    pps_bilan_issue_t issue;
    memset (&issue, 0, sizeof issue);
    issue.rule = rule->name;
    issue.severity = rule->severity;
    snprintf (issue.indicator, sizeof issue.indicator, "%s", indicator ? indicator : "");
    snprintf (issue.establishment, sizeof issue.establishment, "%s",
              establishment ? establishment : "");
    snprintf (issue.field, sizeof issue.field, "%s", field);
    va_list args;
    va_start (args, format);
    vsnprintf (issue.message, sizeof issue.message, format, args);
    va_end (args);
    if (rule->severity == PPS_BILAN_ERROR)
        run->errors++;
    if (run->found)
        run->found (&issue, run->arg);
}

static json_int_t
s_int (const json_t *indicator, const char *member)
{
    return json_integer_value (json_object_get (indicator, member));
}

static const char *
s_id (const json_t *indicator)
{
    const char *id = json_string_value (json_object_get (indicator, "id"));
    return id ? id : "";
}

//  The indicator id of an indicators array, or NULL; its index into *at_p.
static const json_t *
s_find (const json_t *array, const char *id, size_t *at_p)
{
    size_t index;
    json_t *indicator;
    json_array_foreach (array, index, indicator)
        if (strcmp (s_id (indicator), id) == 0) {
            if (at_p)
                *at_p = index;
            return indicator;
        }
    return NULL;
}

//  The rules on each figure of an indicators array: proportions, amounts,
//  and (for the region only) the warnings of empty ratios.
static void
s_figures (run_t *run, const json_t *array, const char *prefix, const char *establishment)
{
    size_t index;
    json_t *indicator;
    char field [160];
    json_array_foreach (array, index, indicator) {
        const char *id = s_id (indicator);
        const pps_bilan_indicator_t *definition = pps_bilan_indicator (id);
        if (!definition)
            continue;
        json_int_t numerator = s_int (indicator, "numerator");
        json_int_t denominator = s_int (indicator, "denominator");
        if (definition->kind == PPS_BILAN_RATIO && definition->proportion
        &&  denominator > 0 && numerator > denominator) {
            snprintf (field, sizeof field, "%s[%zu].numerator", prefix, index);
            s_found (run, "numerator_le_denominator", id, establishment, field,
                     "%s%s%s: numerator %lld is above denominator %lld", id,
                     establishment ? " of " : "", establishment ? establishment : "",
                     (long long) numerator, (long long) denominator);
        }
        if (definition->kind == PPS_BILAN_AMOUNT && numerator > PPS_MONEY_MAX) {
            snprintf (field, sizeof field, "%s[%zu].numerator", prefix, index);
            s_found (run, "amount_limit", id, establishment, field,
                     "%s: %lld cents is above the limit of 10^13 cents", id,
                     (long long) numerator);
        }
        if (definition->kind != PPS_BILAN_RATIO || denominator != 0)
            continue;
        snprintf (field, sizeof field, "%s[%zu].denominator", prefix, index);
        //  Per establishment, an empty ratio is the rule where a denominator
        //  does not apply (A5.8 without minors); a unit missing is news
        if (establishment) {
            if (strcmp (id, "A5.4") == 0)
                s_found (run, "establishment_without_health_unit", id, establishment, field,
                         "establishment %s has no health unit open at the reference date: "
                         "its A5.4 has no value", establishment);
        }
        else
        if (definition->empty_rule)
            s_found (run, strcmp (id, "A5.4") == 0 ? "region_without_health_unit"
                                                   : definition->empty_rule,
                     id, NULL, field, "%s: %s", id, definition->empty_message);
    }
}

//  The region's figure of each indicator given per establishment is the
//  sum of the establishments' figures.
static void
s_establishments_sum (run_t *run, const json_t *indicators, const json_t *establishments)
{
    for (size_t at = 0; at < pps_bilan_indicator_count (); at++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (at);
        size_t index = 0;
        const json_t *region = s_find (indicators, definition->id, &index);
        if (!definition->per_establishment || !region)
            continue;
        json_int_t numerators = 0, denominators = 0;
        size_t count = 0, position;
        json_t *establishment;
        json_array_foreach (establishments, position, establishment) {
            const json_t *own = s_find (json_object_get (establishment, "indicators"),
                                        definition->id, NULL);
            if (own) {
                numerators += s_int (own, "numerator");
                denominators += s_int (own, "denominator");
                count++;
            }
        }
        //  A document may leave an establishment's figure out (never the region's)
        if (count == 0)
            continue;
        //  The numerator first: the figure a reader checks first
        const char *members [] = { "numerator", "denominator" };
        json_int_t sums [] = { numerators, denominators };
        for (size_t member = 0; member < 2; member++) {
            if (sums [member] == s_int (region, members [member]))
                continue;
            char field [64];
            snprintf (field, sizeof field, "indicators[%zu].%s", index, members [member]);
            s_found (run, "establishments_sum", definition->id, NULL, field,
                     "%s: the region's %s %lld is not the establishments' sum %lld",
                     definition->id, members [member],
                     (long long) s_int (region, members [member]), (long long) sums [member]);
            break;
        }
    }
}

//  OO4.3.granted is the sum of the funders' amounts (each at most 10^13,
//  so that a sum of 2,000 of them cannot overflow).
static void
s_granted_sum (run_t *run, const json_t *indicators)
{
    size_t at = 0, index;
    const json_t *total = s_find (indicators, "OO4.3.granted", &at);
    if (!total)
        return;
    json_int_t sum = 0;
    bool over = false;
    json_t *indicator;
    json_array_foreach (indicators, index, indicator) {
        const char *id = s_id (indicator);
        json_int_t cents = s_int (indicator, "numerator");
        if (strncmp (id, PPS_BILAN_FUNDER_PREFIX, strlen (PPS_BILAN_FUNDER_PREFIX)) == 0
        &&  __builtin_add_overflow (sum, cents, &sum))
            over = true;
    }
    if (over || sum != s_int (total, "numerator")) {
        char field [64];
        snprintf (field, sizeof field, "indicators[%zu].numerator", at);
        s_found (run, "granted_sum", "OO4.3.granted", NULL, field,
                 "OO4.3.granted: %lld cents is not the sum of the funders' amounts",
                 (long long) s_int (total, "numerator"));
    }
}

size_t
pps_bilan_rules_run (const json_t *document, pps_bilan_found_fn *found, void *arg)
{
    run_t run = { found, arg, 0 };
    const json_t *indicators = json_object_get (document, "indicators");
    const json_t *establishments = json_object_get (document, "establishments");
    s_figures (&run, indicators, "indicators", NULL);
    size_t index;
    json_t *establishment;
    json_array_foreach (establishments, index, establishment) {
        char prefix [64];
        snprintf (prefix, sizeof prefix, "establishments[%zu].indicators", index);
        const char *code = json_string_value (json_object_get (establishment, "code"));
        s_figures (&run, json_object_get (establishment, "indicators"), prefix, code ? code : "?");
    }
    s_establishments_sum (&run, indicators, establishments);
    s_granted_sum (&run, indicators);
    const json_t *programme = s_find (indicators, "A5.1", &index);
    if (programme && s_int (programme, "numerator") == 0) {
        char field [64];
        snprintf (field, sizeof field, "indicators[%zu].numerator", index);
        s_found (&run, "programme_missing", "A5.1", NULL, field,
                 "no regional programme adopted and in force at the reference date");
    }
    return run.errors;
}
