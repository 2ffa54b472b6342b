/*  indicators_export: a finalised bilan as JSON, CSV, DHIS2 and ADX, and
    the export_bilan handler.  */
#include "indicators_service.h"
#include "indicators_export.h"

#include <czmq.h>
#include <jansson.h>
#include <time.h>
#include "indicators_document.h"
#include "pps_date.h"

#define ADX_DATA_SET  "PPS_BILAN"     //  The data set code of ADX groups

//  ---------------------------------------------------------------- values

char *
indicators_export_value (const Indicators__Indicator *indicator, char *buffer, size_t size)
{
    if (indicator->kind != INDICATORS__INDICATOR_KIND__RATIO) {
        snprintf (buffer, size, "%lld", (long long) indicator->numerator);
        return buffer;
    }
    if (!indicator->has_value) {
        *buffer = 0;
        return buffer;
    }
    //  The value was rounded to four decimals; trailing zeros say nothing
    snprintf (buffer, size, "%.4f", indicator->value);
    char *dot = strchr (buffer, '.');
    if (dot) {
        char *end = buffer + strlen (buffer);
        while (end > dot + 1 && end [-1] == '0')
            *--end = 0;
        if (end == dot + 1)
            *dot = 0;
    }
    return buffer;
}

static const char *
s_kind (Indicators__IndicatorKind kind)
{
    switch (kind) {
        case INDICATORS__INDICATOR_KIND__YES_NO: return "yes_no";
        case INDICATORS__INDICATOR_KIND__RATIO: return "ratio";
        case INDICATORS__INDICATOR_KIND__COUNT: return "count";
        case INDICATORS__INDICATOR_KIND__AMOUNT: return "amount";
        default: return "unknown";
    }
}

//  Text written to a memory stream, moved into the arena.
static char *
s_take (FILE *stream, char **text_p, pps_arena_t *arena)
{
    fclose (stream);
    char *text = pps_arena_strdup (arena, *text_p);
    free (*text_p);
    *text_p = NULL;
    return text;
}

//  ---------------------------------------------------------------- CSV

//  One field, quoted when it holds a comma, a quote or a line break
//  (RFC 4180: a quote inside is doubled).
static void
s_csv_field (FILE *out, const char *text, bool last)
{
    if (strpbrk (text, ",\"\r\n")) {
        fputc ('"', out);
        for (const char *c = text; *c; c++) {
            if (*c == '"')
                fputc ('"', out);
            fputc (*c, out);
        }
        fputc ('"', out);
    }
    else
        fputs (text, out);
    fputs (last ? "\r\n" : ",", out);
}

static void
s_csv_rows (FILE *out, const char *scope, const char *code, const char *name,
            Indicators__Indicator **items, size_t count)
{
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        bool ratio = indicator->kind == INDICATORS__INDICATOR_KIND__RATIO;
        char numerator [32], denominator [32], value [32];
        snprintf (numerator, sizeof numerator, "%lld", (long long) indicator->numerator);
        snprintf (denominator, sizeof denominator, "%lld", (long long) indicator->denominator);
        s_csv_field (out, scope, false);
        s_csv_field (out, code, false);
        s_csv_field (out, name, false);
        s_csv_field (out, indicator->id, false);
        s_csv_field (out, s_kind (indicator->kind), false);
        s_csv_field (out, numerator, false);
        s_csv_field (out, ratio ? denominator : "", false);
        s_csv_field (out, indicators_export_value (indicator, value, sizeof value), true);
    }
}

static char *
s_csv (const Indicators__Bilan *bilan, pps_arena_t *arena)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    assert (out);
    fputs ("scope,establishment_code,establishment_name,indicator,kind,numerator,"
           "denominator,value\r\n", out);
    s_csv_rows (out, "region", "", "", bilan->indicators, bilan->n_indicators);
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        s_csv_rows (out, "establishment", figures->code, figures->name,
                    figures->indicators, figures->n_indicators);
    }
    return s_take (out, &text, arena);
}

//  ---------------------------------------------------------------- DHIS2

static void
s_dhis2_value (json_t *values, const char *element, const char *suffix, const char *period,
               const char *org_unit, const char *value)
{
    char name [96];
    snprintf (name, sizeof name, "%s%s", element, suffix);
    json_array_append_new (values, json_pack ("{s:s, s:s, s:s, s:s}", "dataElement", name,
                                              "period", period, "orgUnit", org_unit,
                                              "value", value));
}

static void
s_dhis2_unit (json_t *values, const char *period, const char *org_unit,
              Indicators__Indicator **items, size_t count)
{
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        char value [32];
        //  DHIS2 reads an empty value as a deletion: a ratio over 0 has none
        if (*indicators_export_value (indicator, value, sizeof value))
            s_dhis2_value (values, indicator->id, "", period, org_unit, value);
        if (indicator->kind != INDICATORS__INDICATOR_KIND__RATIO)
            continue;
        snprintf (value, sizeof value, "%lld", (long long) indicator->numerator);
        s_dhis2_value (values, indicator->id, ".NUM", period, org_unit, value);
        snprintf (value, sizeof value, "%lld", (long long) indicator->denominator);
        s_dhis2_value (values, indicator->id, ".DEN", period, org_unit, value);
    }
}

static char *
s_dhis2 (const Indicators__Bilan *bilan, pps_arena_t *arena)
{
    char period [8];
    snprintf (period, sizeof period, "%04d", bilan->year);
    json_t *values = json_array ();
    s_dhis2_unit (values, period, bilan->region_code, bilan->indicators, bilan->n_indicators);
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        s_dhis2_unit (values, period, figures->code, figures->indicators, figures->n_indicators);
    }
    json_t *document = json_pack ("{s:o}", "dataValues", values);
    char *text = json_dumps (document, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
    json_decref (document);
    char *copy = text ? pps_arena_strdup (arena, text) : NULL;
    free (text);
    return copy;
}

//  ---------------------------------------------------------------- ADX

//  Text as an XML attribute value: the five markup characters escaped,
//  control characters (not allowed in XML 1.0) written as spaces.
static void
s_xml_attribute (FILE *out, const char *text)
{
    for (const char *c = text; *c; c++) {
        switch (*c) {
            case '&': fputs ("&amp;", out); break;
            case '<': fputs ("&lt;", out); break;
            case '>': fputs ("&gt;", out); break;
            case '"': fputs ("&quot;", out); break;
            case '\'': fputs ("&apos;", out); break;
            default:
                fputc ((unsigned char) *c < 0x20 ? ' ' : *c, out);
        }
    }
}

static void
s_adx_value (FILE *out, const char *element, const char *suffix, const char *value)
{
    fputs ("    <dataValue dataElement=\"", out);
    s_xml_attribute (out, element);
    s_xml_attribute (out, suffix);
    fputs ("\" value=\"", out);
    s_xml_attribute (out, value);
    fputs ("\"/>\n", out);
}

static void
s_adx_group (FILE *out, const char *org_unit, const char *period, const char *complete,
             Indicators__Indicator **items, size_t count)
{
    fputs ("  <group orgUnit=\"", out);
    s_xml_attribute (out, org_unit);
    fprintf (out, "\" period=\"%s\" dataSet=\"" ADX_DATA_SET "\" completeDate=\"%s\">\n",
             period, complete);
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        char value [32];
        if (*indicators_export_value (indicator, value, sizeof value))
            s_adx_value (out, indicator->id, "", value);
        if (indicator->kind != INDICATORS__INDICATOR_KIND__RATIO)
            continue;
        snprintf (value, sizeof value, "%lld", (long long) indicator->numerator);
        s_adx_value (out, indicator->id, ".NUM", value);
        snprintf (value, sizeof value, "%lld", (long long) indicator->denominator);
        s_adx_value (out, indicator->id, ".DEN", value);
    }
    fputs ("  </group>\n", out);
}

//  ISO 8601 period "start/duration": P1Y for a calendar year, else days.
static void
s_adx_period (const Indicators__Bilan *bilan, char *buffer, size_t size)
{
    Pps__Date start = PPS__DATE__INIT, end = PPS__DATE__INIT;
    if (bilan->period_start)
        start = *bilan->period_start;
    if (bilan->period_end)
        end = *bilan->period_end;
    if (!pps_date_is_set (&start) || !pps_date_is_set (&end)) {
        pps_date_from_ordinal (&start, bilan->year * 10000 + 101);
        pps_date_from_ordinal (&end, bilan->year * 10000 + 1231);
    }
    char first [16];
    pps_date_format (&start, first, sizeof first);
    if (start.month == 1 && start.day == 1 && end.year == start.year
    &&  end.month == 12 && end.day == 31) {
        snprintf (buffer, size, "%s/P1Y", first);
        return;
    }
    struct tm from = { .tm_year = start.year - 1900, .tm_mon = start.month - 1,
                       .tm_mday = start.day };
    struct tm to = { .tm_year = end.year - 1900, .tm_mon = end.month - 1, .tm_mday = end.day };
    long days = (long) ((timegm (&to) - timegm (&from)) / 86400) + 1;
    snprintf (buffer, size, "%s/P%ldD", first, days > 0 ? days : 1);
}

static char *
s_adx (const Indicators__Bilan *bilan, int64_t now_ms, pps_arena_t *arena)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream (&text, &size);
    assert (out);
    char exported [32], complete [32], period [48];
    indicators_iso_time (now_ms, exported, sizeof exported);
    indicators_iso_time (bilan->finalised_ms, complete, sizeof complete);
    complete [10] = 0;            //  The date part
    s_adx_period (bilan, period, sizeof period);
    fprintf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"%s\">\n", exported);
    s_adx_group (out, bilan->region_code, period, complete, bilan->indicators,
                 bilan->n_indicators);
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        s_adx_group (out, figures->code, period, complete, figures->indicators,
                     figures->n_indicators);
    }
    fputs ("</adx>\n", out);
    return s_take (out, &text, arena);
}

//  ---------------------------------------------------------------- export

int
indicators_export (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
                   int64_t now_ms, pps_arena_t *arena, Indicators__Export *export)
{
    const char *stem = pps_arena_printf (arena, "bilan-%s-%04d-v%u", bilan->region_code,
                                         bilan->year, bilan->version);
    switch (format) {
        case INDICATORS__EXPORT_FORMAT__JSON:
            export->content_type = "application/json";
            export->filename = pps_arena_printf (arena, "%s.json", stem);
            export->text = pps_arena_strdup (arena, bilan->document);
            break;
        case INDICATORS__EXPORT_FORMAT__CSV:
            export->content_type = "text/csv; charset=utf-8";
            export->filename = pps_arena_printf (arena, "%s.csv", stem);
            export->text = s_csv (bilan, arena);
            break;
        case INDICATORS__EXPORT_FORMAT__DHIS2:
            export->content_type = "application/json";
            export->filename = pps_arena_printf (arena, "%s-dhis2.json", stem);
            export->text = s_dhis2 (bilan, arena);
            break;
        case INDICATORS__EXPORT_FORMAT__ADX:
            export->content_type = "application/adx+xml";
            export->filename = pps_arena_printf (arena, "%s.adx.xml", stem);
            export->text = s_adx (bilan, now_ms, arena);
            break;
        default:
            return -1;
    }
    return export->text ? 0 : -1;
}

//  ---------------------------------------------------------------- handler

INDICATORS_HANDLER (indicators_export_bilan)
{
    const Indicators__ExportRequest *in = op;
    if (pps_check_enum (call, "format", &indicators__export_format__descriptor,
                        (int) in->format, true))
        return -1;
    if (!in->bilan)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "bilan",
                              "bilan (region_code, year, version) is required");
    //  The same lookup as get_bilan: version 0 is the latest, else NOT_FOUND
    ProtobufCMessage *record = NULL;
    if (indicators_get_bilan (self, call, in->bilan, &record))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Indicators__Export *export = pps_arena_alloc (arena, sizeof *export);
    indicators__export__init (export);
    if (indicators_export ((const Indicators__Bilan *) record, in->format,
                           pps_call_now_ms (call), arena, export))
        return pps_call_fail (call, PPS__CODE__INTERNAL, "", "cannot build the export");
    *result_p = &export->base;
    return 0;
}
