/*  indicators_document: a bilan as its JSON document, canonical and hashed.  */
#include "indicators_document.h"

#include <czmq.h>
#include <time.h>
#include "pps_date.h"
#include "pps_bilan.h"

char *
indicators_iso_time (int64_t time_ms, char *buffer, size_t size)
{
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm utc;
    gmtime_r (&seconds, &utc);
    strftime (buffer, size, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

static json_t *
s_date (const Pps__Date *date)
{
    char text [16];
    return pps_date_is_set (date) ? json_string (pps_date_format (date, text, sizeof text))
                                  : json_null ();
}

static json_t *
s_indicators (Indicators__Indicator **items, size_t count)
{
    json_t *array = json_array ();
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        bool ratio = indicator->kind == INDICATORS__INDICATOR_KIND__RATIO;
        json_array_append_new (array, json_pack (
            "{s:s, s:s, s:I, s:o, s:o}",
            "id", indicator->id,
            "kind", pps_bilan_kind_name ((pps_bilan_kind_t) indicator->kind),
            "numerator", (json_int_t) indicator->numerator,
            "denominator", ratio ? json_integer (indicator->denominator) : json_null (),
            "value", !indicator->has_value ? json_null ()
                     : ratio ? json_real (indicator->value)
                             : json_integer ((json_int_t) indicator->numerator)));
    }
    return array;
}

json_t *
indicators_document_new (const Indicators__Bilan *bilan)
{
    char period [8], computed [32], finalised [32];
    snprintf (period, sizeof period, "%04d", bilan->year);
    json_t *establishments = json_array ();
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        json_array_append_new (establishments, json_pack (
            "{s:s, s:s, s:s, s:b, s:o}",
            "code", figures->code, "name", figures->name, "kind", figures->kind,
            "minors", figures->minors,
            "indicators", s_indicators (figures->indicators, figures->n_indicators)));
    }
    json_t *validation = json_array ();
    for (size_t index = 0; index < bilan->n_validation; index++) {
        const Indicators__ValidationIssue *issue = bilan->validation [index];
        const char *establishment = NULL;
        for (size_t at = 0; at < bilan->n_establishments && issue->establishment_id; at++)
            if (bilan->establishments [at]->establishment_id == issue->establishment_id)
                establishment = bilan->establishments [at]->code;
        json_array_append_new (validation, json_pack (
            "{s:s, s:s, s:o, s:o, s:s}",
            "rule", issue->rule,
            "severity", issue->severity == INDICATORS__SEVERITY__ERROR ? "error" : "warning",
            "indicator", *issue->indicator ? json_string (issue->indicator) : json_null (),
            "establishment", establishment ? json_string (establishment) : json_null (),
            "message", issue->message));
    }
    return json_pack (
        "{s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:s, s:o, s:o, s:o, s:o}",
        "schema", PPS_BILAN_SCHEMA,
        "region", bilan->region_code,
        "period", period,
        "period_start", s_date (bilan->period_start),
        "period_end", s_date (bilan->period_end),
        "reference_date", s_date (bilan->reference_date),
        "version", (json_int_t) bilan->version,
        "computed_at", indicators_iso_time (bilan->computed_ms, computed, sizeof computed),
        "finalised_at", bilan->finalised_ms
            ? json_string (indicators_iso_time (bilan->finalised_ms, finalised, sizeof finalised))
            : json_null (),
        "indicators", s_indicators (bilan->indicators, bilan->n_indicators),
        "establishments", establishments,
        "validation", validation);
}

int
indicators_document_seal (Indicators__Bilan *bilan, pps_arena_t *arena,
                          pps_bilan_problem_t *problem)
{
    json_t *document = indicators_document_new (bilan);
    if (!document || pps_bilan_seal (document)) {
        json_decref (document);
        return -1;
    }
    if (problem && pps_bilan_check (document, problem)) {
        json_decref (document);
        return 1;
    }
    char *sealed = json_dumps (document, JSON_SORT_KEYS | JSON_COMPACT);
    bilan->sha256 = pps_arena_strdup (arena, json_string_value (json_object_get (document,
                                                                                 "sha256")));
    json_decref (document);
    if (!sealed)
        return -1;
    bilan->document = pps_arena_strdup (arena, sealed);
    free (sealed);
    return 0;
}
