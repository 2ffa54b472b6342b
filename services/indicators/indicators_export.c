/*  indicators_export: a finalised bilan as JSON, CSV, DHIS2 data values and
    metadata, ADX and XLSX, and the export_bilan handler.  */
#include "indicators_service.h"
#include "indicators_export.h"

#include <czmq.h>
#include <jansson.h>
#include <time.h>
#include <xlsxwriter.h>
#include "indicators_document.h"
#include "indicators_model.h"
#include "funding.pb-c.h"
#include "pps_bilan.h"
#include "pps_date.h"

#define DATA_SET            "PPS_BILAN"         //  The data set's code (DHIS2, ADX)
#define DATA_SET_NAME       "Bilan annuel de la promotion de la santé en milieu pénitentiaire"
#define DATA_SET_SHORT      "Bilan PPS"
#define RATIO_COMBO         "PPS_RATIO"         //  Category combo of a ratio's element
#define RATIO_CATEGORY      "PPS_RATIO_PART"    //  Its one category
#define NUMERATOR_OPTION    "PPS_NUMERATOR"     //  Its options, and their option combos
#define DENOMINATOR_OPTION  "PPS_DENOMINATOR"
#define SHORT_NAME_MAX      50                  //  DHIS2's shortName, in characters
#define OPENING_UNKNOWN     "1970-01-01"        //  DHIS2 requires an opening date
#define ELLIPSIS            "\xe2\x80\xa6"       //  U+2026, one character

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

//  An indicator's name: the contract's label, and for a funder's amount
//  the funder after it. "" when the contract does not know the id.
static const char *
s_label (const char *id, pps_arena_t *arena)
{
    const pps_bilan_indicator_t *definition = pps_bilan_indicator (id);
    if (!definition)
        return "";
    size_t prefix = strlen (PPS_BILAN_FUNDER_PREFIX);
    if (streq (definition->id, id) || strncmp (id, PPS_BILAN_FUNDER_PREFIX, prefix) != 0)
        return definition->label;
    return pps_arena_printf (arena, "%s : %s", definition->label, id + prefix);
}

//  Text cut to at most max characters (not bytes), an ellipsis marking a cut.
static const char *
s_shorten (const char *text, size_t max, pps_arena_t *arena)
{
    size_t characters = 0;
    const char *cut = text;
    for (const char *c = text; *c; c++) {
        if (((unsigned char) *c & 0xC0) == 0x80)
            continue;               //  Inside a UTF-8 sequence
        if (characters == max - 1)
            cut = c;
        characters++;
    }
    if (characters <= max)
        return text;
    while (cut > text && cut [-1] == ' ')
        cut--;
    return pps_arena_printf (arena, "%.*s" ELLIPSIS, (int) (cut - text), text);
}

//  DHIS2's valueType for a kind. Amounts are cents, beyond a 32-bit
//  INTEGER: NUMBER holds them exactly up to 2^53.
static const char *
s_value_type (pps_bilan_kind_t kind)
{
    switch (kind) {
        case PPS_BILAN_YES_NO: return "BOOLEAN";
        case PPS_BILAN_AMOUNT: return "NUMBER";
        default: return "INTEGER_ZERO_OR_POSITIVE";
    }
}

static json_t *
s_ref (const char *code)
{
    return json_pack ("{s:s}", "code", code);
}

static void
s_dhis2_value (json_t *values, const char *element, const char *combo, const char *period,
               const char *org_unit, const char *value)
{
    json_t *item = json_pack ("{s:s, s:s, s:s}", "dataElement", element, "period", period,
                              "orgUnit", org_unit);
    if (combo)
        json_object_set_new (item, "categoryOptionCombo", json_string (combo));
    json_object_set_new (item, "value", json_string (value));
    json_array_append_new (values, item);
}

//  The data values of one org unit: only the figures the contract places
//  at its level (the establishments' own, or the region's alone), since
//  DHIS2 sums establishments into their region itself.
static void
s_dhis2_unit (json_t *values, const char *period, const char *org_unit, bool establishment,
              Indicators__Indicator **items, size_t count)
{
    for (size_t index = 0; index < count; index++) {
        const Indicators__Indicator *indicator = items [index];
        const pps_bilan_indicator_t *definition = pps_bilan_indicator (indicator->id);
        //  An id the contract does not know has no data element
        if (!definition || definition->per_establishment != establishment)
            continue;
        char text [32];
        snprintf (text, sizeof text, "%lld", (long long) indicator->numerator);
        if (definition->kind == PPS_BILAN_RATIO) {
            //  The ratio itself would sum wrongly up the hierarchy: DHIS2
            //  divides the sums of its parts instead
            s_dhis2_value (values, indicator->id, NUMERATOR_OPTION, period, org_unit, text);
            snprintf (text, sizeof text, "%lld", (long long) indicator->denominator);
            s_dhis2_value (values, indicator->id, DENOMINATOR_OPTION, period, org_unit, text);
        }
        else
            s_dhis2_value (values, indicator->id, NULL, period, org_unit,
                           definition->kind != PPS_BILAN_YES_NO ? text
                           : indicator->numerator ? "true" : "false");
    }
}

static char *
s_json_text (json_t *document, pps_arena_t *arena)
{
    char *text = document ? json_dumps (document, JSON_INDENT (2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref (document);
    char *copy = text ? pps_arena_strdup (arena, text) : NULL;
    free (text);
    return copy;
}

static char *
s_dhis2 (const Indicators__Bilan *bilan, pps_arena_t *arena)
{
    char period [8], complete [32];
    snprintf (period, sizeof period, "%04d", bilan->year);
    indicators_iso_time (bilan->finalised_ms, complete, sizeof complete);
    complete [10] = 0;            //  The date part
    json_t *values = json_array ();
    s_dhis2_unit (values, period, bilan->region_code, false, bilan->indicators,
                  bilan->n_indicators);
    size_t regional = json_array_size (values);
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        s_dhis2_unit (values, period, figures->code, true, figures->indicators,
                      figures->n_indicators);
    }
    //  DHIS2 files every value under a top-level orgUnit, and registers the
    //  data set complete only for one: both only when all values are the
    //  region's
    bool one_unit = json_array_size (values) == regional;
    json_t *document = json_pack ("{s:s}", "dataSet", DATA_SET);
    if (one_unit)
        json_object_set_new (document, "completeDate", json_string (complete));
    json_object_set_new (document, "period", json_string (period));
    if (one_unit)
        json_object_set_new (document, "orgUnit", json_string (bilan->region_code));
    json_object_set_new (document, "idScheme", json_string ("CODE"));
    json_object_set_new (document, "dataElementIdScheme", json_string ("CODE"));
    json_object_set_new (document, "orgUnitIdScheme", json_string ("CODE"));
    json_object_set_new (document, "dataValues", values);
    return s_json_text (document, arena);
}

//  A DHIS2 object's code, name and shortName.
static json_t *
s_named (const char *code, const char *name, pps_arena_t *arena)
{
    return json_pack ("{s:s, s:s, s:s}", "code", code, "name", name,
                      "shortName", s_shorten (name, SHORT_NAME_MAX, arena));
}

//  One data element, and its place in the data set.
static void
s_metadata_element (json_t *elements, json_t *set_elements, const char *id,
                    const pps_bilan_indicator_t *definition, pps_arena_t *arena)
{
    const char *name = s_label (id, arena);
    //  The id first keeps short names unique when labels are cut
    json_t *element = json_pack (
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
        "code", id, "name", name,
        "shortName", s_shorten (pps_arena_printf (arena, "%s %s", id, name), SHORT_NAME_MAX,
                                arena),
        "description", definition->definition,
        "aggregationType", "SUM",
        "domainType", "AGGREGATE",
        "valueType", s_value_type (definition->kind));
    //  A zero is a figure (docs/bilan.md): DHIS2 drops insignificant zeros
    if (definition->kind != PPS_BILAN_YES_NO)
        json_object_set_new (element, "zeroIsSignificant", json_true ());
    if (definition->kind == PPS_BILAN_RATIO)
        json_object_set_new (element, "categoryCombo", s_ref (RATIO_COMBO));
    json_array_append_new (elements, element);
    json_array_append_new (set_elements, json_pack ("{s:o, s:o}", "dataSet", s_ref (DATA_SET),
                                                    "dataElement", s_ref (id)));
}

//  The funders' amounts: every funder kind funding.proto names, then any
//  other the bilan holds, each once.
static void
s_metadata_funders (json_t *elements, json_t *set_elements, const Indicators__Bilan *bilan,
                    const pps_bilan_indicator_t *definition, pps_arena_t *arena)
{
    char **ids = NULL;
    size_t count = 0;
    const ProtobufCEnumDescriptor *kinds = &funding__funder_kind__descriptor;
    for (unsigned index = 0; index < kinds->n_values; index++)
        if (kinds->values [index].value != 0)
            pps_arena_push (arena, (void ***) &ids, &count,
                            pps_arena_printf (arena, PPS_BILAN_FUNDER_PREFIX "%s",
                                              kinds->values [index].name));
    for (size_t index = 0; index < bilan->n_indicators; index++) {
        const char *id = bilan->indicators [index]->id;
        bool known = false;
        for (size_t at = 0; at < count && !known; at++)
            known = streq (ids [at], id);
        if (!known && !streq (id, definition->id) && pps_bilan_indicator (id) == definition)
            pps_arena_push (arena, (void ***) &ids, &count, pps_arena_strdup (arena, id));
    }
    for (size_t index = 0; index < count; index++)
        if (pps_bilan_indicator (ids [index]) == definition)
            s_metadata_element (elements, set_elements, ids [index], definition, arena);
}

//  The registry's record of an establishment of the bilan, or NULL.
static const Registry__Establishment *
s_registry (const Indicators__EstablishmentFigures *figures,
            Registry__Establishment **establishments, size_t count)
{
    for (size_t index = 0; index < count; index++) {
        const Registry__Establishment *record = establishments [index];
        if (figures->establishment_id ? record->id == figures->establishment_id
                                      : streq (record->code, figures->code))
            return record;
    }
    return NULL;
}

//  An establishment as an org unit under its region: the registry's dates
//  when it has them (it has no coordinates).
static json_t *
s_metadata_unit (const Indicators__EstablishmentFigures *figures, const char *region,
                 const Registry__Establishment *record, pps_arena_t *arena)
{
    json_t *unit = s_named (figures->code, figures->name, arena);
    char text [16];
    bool opened = record && pps_date_is_set (record->opened_on);
    json_object_set_new (unit, "openingDate", json_string (
        opened ? pps_date_format (record->opened_on, text, sizeof text) : OPENING_UNKNOWN));
    if (record && pps_date_is_set (record->closed_on)) {
        //  The registry names the last open day, DHIS2 the first closed one
        struct tm day = { .tm_year = record->closed_on->year - 1900,
                          .tm_mon = record->closed_on->month - 1,
                          .tm_mday = record->closed_on->day + 1 };
        time_t seconds = timegm (&day);
        gmtime_r (&seconds, &day);
        strftime (text, sizeof text, "%Y-%m-%d", &day);
        json_object_set_new (unit, "closedDate", json_string (text));
    }
    json_object_set_new (unit, "parent", s_ref (region));
    return unit;
}

static char *
s_dhis2_metadata (const Indicators__Bilan *bilan, const indicators_export_registry_t *registry,
                  pps_arena_t *arena)
{
    //  A ratio's element is split in two: its numerator and its denominator
    json_t *options = json_pack ("[o, o]", s_named (NUMERATOR_OPTION, "Numérateur", arena),
                                 s_named (DENOMINATOR_OPTION, "Dénominateur", arena));
    json_t *category = s_named (RATIO_CATEGORY, "Numérateur ou dénominateur", arena);
    json_object_set_new (category, "dataDimensionType", json_string ("DISAGGREGATION"));
    json_object_set_new (category, "categoryOptions", json_pack (
        "[o, o]", s_ref (NUMERATOR_OPTION), s_ref (DENOMINATOR_OPTION)));
    json_t *combo = json_pack ("{s:s, s:s, s:s, s:[o]}", "code", RATIO_COMBO,
                               "name", "Numérateur et dénominateur",
                               "dataDimensionType", "DISAGGREGATION",
                               "categories", s_ref (RATIO_CATEGORY));
    //  Option combos with codes, so that data values name them by code
    json_t *option_combos = json_array ();
    const char *const parts [][2] = { { NUMERATOR_OPTION, "Numérateur" },
                                      { DENOMINATOR_OPTION, "Dénominateur" } };
    for (size_t index = 0; index < 2; index++)
        json_array_append_new (option_combos, json_pack (
            "{s:s, s:s, s:o, s:[o]}", "code", parts [index][0], "name", parts [index][1],
            "categoryCombo", s_ref (RATIO_COMBO), "categoryOptions", s_ref (parts [index][0])));

    json_t *elements = json_array ();
    json_t *set_elements = json_array ();
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (index);
        s_metadata_element (elements, set_elements, definition->id, definition, arena);
        //  The contract maps every funder's amount to one definition
        if (pps_bilan_indicator (PPS_BILAN_FUNDER_PREFIX "ANY") == definition)
            s_metadata_funders (elements, set_elements, bilan, definition, arena);
    }

    json_t *units = json_array ();
    json_t *assigned = json_array ();
    const char *name = registry->region && *registry->region->name
                     ? registry->region->name
                     : pps_arena_printf (arena, "Région %s", bilan->region_code);
    json_t *region = s_named (bilan->region_code, name, arena);
    json_object_set_new (region, "openingDate", json_string (OPENING_UNKNOWN));
    json_array_append_new (units, region);
    json_array_append_new (assigned, s_ref (bilan->region_code));
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        json_array_append_new (units, s_metadata_unit (
            figures, bilan->region_code,
            s_registry (figures, registry->establishments, registry->n_establishments), arena));
        json_array_append_new (assigned, s_ref (figures->code));
    }
    json_t *set = s_named (DATA_SET, DATA_SET_NAME, arena);
    json_object_set_new (set, "shortName", json_string (DATA_SET_SHORT));
    json_object_set_new (set, "periodType", json_string ("Yearly"));
    json_object_set_new (set, "dataSetElements", set_elements);
    json_object_set_new (set, "organisationUnits", assigned);

    json_t *document = json_pack (
        "{s:o, s:[o], s:[o], s:o, s:o, s:o, s:[o]}",
        "categoryOptions", options,
        "categories", category,
        "categoryCombos", combo,
        "categoryOptionCombos", option_combos,
        "dataElements", elements,
        "organisationUnits", units,
        "dataSets", set);
    return s_json_text (document, arena);
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
    fprintf (out, "\" period=\"%s\" dataSet=\"" DATA_SET "\" completeDate=\"%s\">\n",
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

//  ---------------------------------------------------------------- XLSX

typedef struct {
    lxw_format *header;           //  Column titles
    lxw_format *percent;          //  A ratio's value
    pps_arena_t *arena;
} xlsx_t;

//  A sheet with its column titles on a frozen first row.
static lxw_worksheet *
s_xlsx_sheet (lxw_workbook *workbook, xlsx_t *xlsx, const char *name,
              const char *const *titles, size_t count)
{
    lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
    for (size_t column = 0; sheet && column < count; column++)
        worksheet_write_string (sheet, 0, (lxw_col_t) column, titles [column], xlsx->header);
    if (sheet)
        worksheet_freeze_panes (sheet, 1, 0);
    return sheet;
}

//  One indicator from column on: id, label, kind, numerator, denominator,
//  value. Numbers stay numbers; a ratio's value shows as a percentage.
static void
s_xlsx_indicator (lxw_worksheet *sheet, xlsx_t *xlsx, lxw_row_t row, lxw_col_t column,
                  const Indicators__Indicator *indicator)
{
    const char *label = s_label (indicator->id, xlsx->arena);
    bool ratio = indicator->kind == INDICATORS__INDICATOR_KIND__RATIO;
    worksheet_write_string (sheet, row, column, indicator->id, NULL);
    //  An id the contract no longer knows keeps the label stored with it
    worksheet_write_string (sheet, row, column + 1,
                            *label ? label : indicator->label ? indicator->label : "", NULL);
    worksheet_write_string (sheet, row, column + 2,
                            pps_bilan_kind_name ((pps_bilan_kind_t) indicator->kind), NULL);
    worksheet_write_number (sheet, row, column + 3, (double) indicator->numerator, NULL);
    if (ratio)
        worksheet_write_number (sheet, row, column + 4, (double) indicator->denominator, NULL);
    if (ratio && indicator->has_value)
        worksheet_write_number (sheet, row, column + 5, indicator->value, xlsx->percent);
    else
    if (!ratio)
        worksheet_write_number (sheet, row, column + 5, (double) indicator->numerator, NULL);
}

static void
s_xlsx_region (lxw_workbook *workbook, xlsx_t *xlsx, const Indicators__Bilan *bilan)
{
    static const char *const titles [] = {
        "Indicateur", "Libellé", "Type", "Numérateur", "Dénominateur", "Valeur" };
    lxw_worksheet *sheet = s_xlsx_sheet (workbook, xlsx, "Région", titles, 6);
    if (!sheet)
        return;
    worksheet_set_column (sheet, 0, 0, 22, NULL);
    worksheet_set_column (sheet, 1, 1, 70, NULL);
    worksheet_set_column (sheet, 3, 5, 14, NULL);
    for (size_t index = 0; index < bilan->n_indicators; index++)
        s_xlsx_indicator (sheet, xlsx, (lxw_row_t) index + 1, 0, bilan->indicators [index]);
    worksheet_autofilter (sheet, 0, 0, (lxw_row_t) bilan->n_indicators, 5);
}

static void
s_xlsx_establishments (lxw_workbook *workbook, xlsx_t *xlsx, const Indicators__Bilan *bilan)
{
    static const char *const titles [] = {
        "Code", "Établissement", "Catégorie", "Indicateur", "Libellé", "Type", "Numérateur",
        "Dénominateur", "Valeur" };
    lxw_worksheet *sheet = s_xlsx_sheet (workbook, xlsx, "Établissements", titles, 9);
    if (!sheet)
        return;
    worksheet_set_column (sheet, 1, 1, 36, NULL);
    worksheet_set_column (sheet, 3, 3, 12, NULL);
    worksheet_set_column (sheet, 4, 4, 70, NULL);
    worksheet_set_column (sheet, 6, 8, 14, NULL);
    lxw_row_t row = 0;
    for (size_t index = 0; index < bilan->n_establishments; index++) {
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index];
        for (size_t at = 0; at < figures->n_indicators; at++) {
            row++;
            worksheet_write_string (sheet, row, 0, figures->code, NULL);
            worksheet_write_string (sheet, row, 1, figures->name, NULL);
            worksheet_write_string (sheet, row, 2, figures->kind, NULL);
            s_xlsx_indicator (sheet, xlsx, row, 3, figures->indicators [at]);
        }
    }
    worksheet_autofilter (sheet, 0, 0, row, 8);
}

static void
s_xlsx_validation (lxw_workbook *workbook, xlsx_t *xlsx, const Indicators__Bilan *bilan)
{
    static const char *const titles [] = {
        "Gravité", "Règle", "Indicateur", "Établissement", "Message" };
    lxw_worksheet *sheet = s_xlsx_sheet (workbook, xlsx, "Contrôles", titles, 5);
    if (!sheet)
        return;
    worksheet_set_column (sheet, 1, 1, 34, NULL);
    worksheet_set_column (sheet, 2, 3, 16, NULL);
    worksheet_set_column (sheet, 4, 4, 90, NULL);
    for (size_t index = 0; index < bilan->n_validation; index++) {
        const Indicators__ValidationIssue *issue = bilan->validation [index];
        //  The establishment by its code, as the document names it
        const char *establishment = "";
        for (size_t at = 0; at < bilan->n_establishments && issue->establishment_id; at++)
            if (bilan->establishments [at]->establishment_id == issue->establishment_id)
                establishment = bilan->establishments [at]->code;
        lxw_row_t row = (lxw_row_t) index + 1;
        worksheet_write_string (sheet, row, 0, issue->severity == INDICATORS__SEVERITY__ERROR
                                               ? "error" : "warning", NULL);
        worksheet_write_string (sheet, row, 1, issue->rule, NULL);
        worksheet_write_string (sheet, row, 2, issue->indicator, NULL);
        worksheet_write_string (sheet, row, 3, establishment, NULL);
        worksheet_write_string (sheet, row, 4, issue->message, NULL);
    }
    worksheet_autofilter (sheet, 0, 0, (lxw_row_t) bilan->n_validation, 4);
}

//  Which bilan this is, for a reader who has only the file.
static void
s_xlsx_about (lxw_workbook *workbook, xlsx_t *xlsx, const Indicators__Bilan *bilan)
{
    static const char *const titles [] = { "Champ", "Valeur" };
    lxw_worksheet *sheet = s_xlsx_sheet (workbook, xlsx, "Bilan", titles, 2);
    if (!sheet)
        return;
    char start [16] = "", end [16] = "", reference [16] = "", computed [32], finalised [32];
    if (bilan->period_start)
        pps_date_format (bilan->period_start, start, sizeof start);
    if (bilan->period_end)
        pps_date_format (bilan->period_end, end, sizeof end);
    if (bilan->reference_date)
        pps_date_format (bilan->reference_date, reference, sizeof reference);
    const char *const rows [][2] = {
        { "Région", bilan->region_code },
        { "Période", pps_arena_printf (xlsx->arena, "%04d", bilan->year) },
        { "Version", pps_arena_printf (xlsx->arena, "%u", bilan->version) },
        { "Début de période", start },
        { "Fin de période", end },
        { "Date de référence", reference },
        { "Calculé le", indicators_iso_time (bilan->computed_ms, computed, sizeof computed) },
        { "Finalisé le", indicators_iso_time (bilan->finalised_ms, finalised,
                                              sizeof finalised) },
        { "SHA-256", bilan->sha256 ? bilan->sha256 : "" },
    };
    worksheet_set_column (sheet, 0, 0, 20, NULL);
    worksheet_set_column (sheet, 1, 1, 66, NULL);
    for (size_t index = 0; index < sizeof rows / sizeof rows [0]; index++) {
        worksheet_write_string (sheet, (lxw_row_t) index + 1, 0, rows [index][0], NULL);
        worksheet_write_string (sheet, (lxw_row_t) index + 1, 1, rows [index][1], NULL);
    }
}

//  A file's bytes into the arena. Returns 0 or -1.
static int
s_read_file (const char *path, pps_arena_t *arena, ProtobufCBinaryData *data)
{
    FILE *file = fopen (path, "rb");
    if (!file)
        return -1;
    int rc = -1;
    long size = fseek (file, 0, SEEK_END) == 0 ? ftell (file) : -1;
    if (size > 0 && fseek (file, 0, SEEK_SET) == 0) {
        data->data = pps_arena_alloc (arena, (size_t) size);
        data->len = fread (data->data, 1, (size_t) size, file);
        rc = data->len == (size_t) size ? 0 : -1;
    }
    fclose (file);
    return rc;
}

//  libxlsxwriter writes to a file: a private temporary one, read back and
//  removed. Returns 0, or -1 when the workbook cannot be written.
static int
s_xlsx (const Indicators__Bilan *bilan, pps_arena_t *arena, ProtobufCBinaryData *data)
{
    const char *directory = getenv ("TMPDIR");
    char path [512];
    snprintf (path, sizeof path, "%s/pps-export-XXXXXX",
              directory && *directory ? directory : "/tmp");
    int handle = mkstemp (path);
    if (handle < 0) {
        zsys_error ("indicators: cannot create a temporary file in %s: %s",
                    directory && *directory ? directory : "/tmp", strerror (errno));
        return -1;
    }
    close (handle);
    int rc = -1;
    lxw_workbook *workbook = workbook_new (path);
    if (workbook) {
        xlsx_t xlsx = { workbook_add_format (workbook), workbook_add_format (workbook), arena };
        format_set_bold (xlsx.header);
        format_set_num_format (xlsx.percent, "0.00%");
        //  Dated by the bilan, not the export: the same bilan, the same file
        lxw_doc_properties properties = {
            .title = pps_arena_printf (arena, "Bilan %s %04d version %u", bilan->region_code,
                                       bilan->year, bilan->version),
            .subject = DATA_SET_NAME,
            .created = (time_t) (bilan->finalised_ms / 1000)
        };
        workbook_set_properties (workbook, &properties);
        s_xlsx_region (workbook, &xlsx, bilan);
        s_xlsx_establishments (workbook, &xlsx, bilan);
        s_xlsx_validation (workbook, &xlsx, bilan);
        s_xlsx_about (workbook, &xlsx, bilan);
        lxw_error error = workbook_close (workbook);
        if (error)
            zsys_error ("indicators: cannot write the workbook: %s", lxw_strerror (error));
        else
            rc = s_read_file (path, arena, data);
    }
    unlink (path);
    return rc;
}

//  ---------------------------------------------------------------- export

int
indicators_export_with (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
                        int64_t now_ms, const indicators_export_registry_t *registry,
                        pps_arena_t *arena, Indicators__Export *export)
{
    indicators_export_registry_t nothing = { NULL, NULL, 0 };
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
        case INDICATORS__EXPORT_FORMAT__DHIS2_METADATA:
            export->content_type = "application/json";
            export->filename = pps_arena_printf (arena, "%s-dhis2-metadata.json", stem);
            export->text = s_dhis2_metadata (bilan, registry ? registry : &nothing, arena);
            break;
        case INDICATORS__EXPORT_FORMAT__ADX:
            export->content_type = "application/adx+xml";
            export->filename = pps_arena_printf (arena, "%s.adx.xml", stem);
            export->text = s_adx (bilan, now_ms, arena);
            break;
        case INDICATORS__EXPORT_FORMAT__XLSX:
            export->content_type =
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            export->filename = pps_arena_printf (arena, "%s.xlsx", stem);
            export->text = "";
            return s_xlsx (bilan, arena, &export->data);
        default:
            return -1;
    }
    return export->text ? 0 : -1;
}

int
indicators_export (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
                   int64_t now_ms, pps_arena_t *arena, Indicators__Export *export)
{
    return indicators_export_with (bilan, format, now_ms, NULL, arena, export);
}

//  What the read model knows of the region and its establishments.
static int
s_registry_view (indicators_t *self, pps_call_t *call, const char *region_code,
                 indicators_export_registry_t *registry)
{
    pps_arena_t *arena = pps_call_arena (call);
    Registry__Region **regions = NULL;
    size_t count = 0;
    int rc = indicators_model_load (self->store, pps_call_txn (call), "registry", "region",
                                    &registry__region__descriptor, arena, (void ***) &regions,
                                    &count);
    if (!rc)
        rc = indicators_model_load (self->store, pps_call_txn (call), "registry",
                                    "establishment", &registry__establishment__descriptor,
                                    arena, (void ***) &registry->establishments,
                                    &registry->n_establishments);
    for (size_t index = 0; index < count; index++)
        if (streq (regions [index]->code, region_code))
            registry->region = regions [index];
    return rc;
}

//  ---------------------------------------------------------------- handler

PPS_HANDLER (indicators_export_bilan)
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
    const Indicators__Bilan *bilan = (const Indicators__Bilan *) record;
    indicators_export_registry_t registry = { NULL, NULL, 0 };
    int rc = in->format == INDICATORS__EXPORT_FORMAT__DHIS2_METADATA
           ? s_registry_view (self, call, bilan->region_code, &registry) : 0;
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the registry's records");
    pps_arena_t *arena = pps_call_arena (call);
    Indicators__Export *export = pps_arena_alloc (arena, sizeof *export);
    indicators__export__init (export);
    if (indicators_export_with (bilan, in->format, pps_call_now_ms (call), &registry, arena,
                                export))
        return pps_call_fail (call, PPS__CODE__INTERNAL, "", "cannot build the export");
    *result_p = &export->base;
    return 0;
}
