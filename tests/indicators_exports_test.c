/*  indicators_exports_test: the DHIS2 data values, the DHIS2 metadata and
    the XLSX workbook of a bilan built from the contract (every indicator
    of bilan/pps_bilan.h, funders' amounts, two establishments), without
    any process. The DHIS2 documents are checked against the field names
    of DHIS2's Web API (dataValueSets, /api/metadata) and against each
    other: every code a data value names is defined by the metadata.

        indicators_exports_test             the checks
        indicators_exports_test write DIR   writes DIR/bilan.xlsx and
                                            DIR/bilan.json (the JSON export
                                            of the same bilan), for
                                            indicators_exports_xlsx.py
        indicators_exports_test print dhis2|dhis2-metadata
                                            prints that export of the bilan
*/
#include "indicators_export.h"
#include "indicators_document.h"
#include "pps_bilan.h"
#include "pps_date.h"
#include "funding.pb-c.h"

#include <czmq.h>
#include <jansson.h>

static int s_failures;

#define CHECK(condition, ...) \
    do { if (!(condition)) { s_failures++; fprintf (stderr, "FAIL %s:%d: (%s) ", \
         __FILE__, __LINE__, #condition); fprintf (stderr, __VA_ARGS__); \
         fprintf (stderr, "\n"); } } while (0)

#define REGION      "32"
#define FINALISED   1768485731000LL       //  2026-01-15T14:02:11Z

//  The members DHIS2's Web API knows for each object (a subset is sent).
static const char *const s_value_set_fields [] = {
    "dataSet", "completeDate", "period", "orgUnit", "attributeOptionCombo",
    "attributeCategoryOptions", "idScheme", "dataElementIdScheme", "orgUnitIdScheme",
    "categoryOptionComboIdScheme", "dataSetIdScheme", "dryRun", "strategy", "dataValues", NULL };
static const char *const s_value_fields [] = {
    "dataElement", "period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo", "value",
    "storedBy", "created", "lastUpdated", "comment", "followup", "deleted", NULL };
static const char *const s_metadata_fields [] = {
    "categoryOptions", "categories", "categoryCombos", "categoryOptionCombos", "dataElements",
    "dataSets", "organisationUnits", NULL };
static const char *const s_option_fields [] = {
    "id", "code", "name", "shortName", "formName", "description", "startDate", "endDate", NULL };
static const char *const s_category_fields [] = {
    "id", "code", "name", "shortName", "description", "dataDimensionType", "dataDimension",
    "categoryOptions", NULL };
static const char *const s_combo_fields [] = {
    "id", "code", "name", "dataDimensionType", "skipTotal", "categories", NULL };
static const char *const s_option_combo_fields [] = {
    "id", "code", "name", "categoryCombo", "categoryOptions", "ignoreApproval", NULL };
static const char *const s_element_fields [] = {
    "id", "code", "name", "shortName", "formName", "description", "aggregationType",
    "domainType", "valueType", "zeroIsSignificant", "categoryCombo", "optionSet", "url",
    "legendSets", "aggregationLevels", NULL };
static const char *const s_set_fields [] = {
    "id", "code", "name", "shortName", "description", "periodType", "categoryCombo",
    "dataSetElements", "organisationUnits", "expiryDays", "openFuturePeriods", "timelyDays",
    NULL };
static const char *const s_unit_fields [] = {
    "id", "code", "name", "shortName", "description", "openingDate", "closedDate", "parent",
    "comment", "url", "contactPerson", "address", "email", "phoneNumber", "geometry", NULL };
static const char *const s_value_types [] = {
    "TEXT", "LONG_TEXT", "LETTER", "PHONE_NUMBER", "EMAIL", "BOOLEAN", "TRUE_ONLY", "DATE",
    "DATETIME", "TIME", "NUMBER", "UNIT_INTERVAL", "PERCENTAGE", "INTEGER", "INTEGER_POSITIVE",
    "INTEGER_NEGATIVE", "INTEGER_ZERO_OR_POSITIVE", "USERNAME", "COORDINATE", "AGE", "URL",
    NULL };

static bool
s_in (const char *const *names, const char *name)
{
    for (; name && *names; names++)
        if (streq (*names, name))
            return true;
    return false;
}

//  Every member of object is one DHIS2 knows, and every one of required is there.
static void
s_shape (const char *what, json_t *object, const char *const *allowed,
         const char *const *required)
{
    CHECK (json_is_object (object), "%s is an object", what);
    const char *key;
    json_t *value;
    json_object_foreach (object, key, value)
        CHECK (s_in (allowed, key), "%s: '%s' is not a DHIS2 field", what, key);
    for (; required && *required; required++)
        CHECK (json_object_get (object, *required), "%s: no '%s'", what, *required);
}

static const char *
s_string (json_t *object, const char *key)
{
    const char *text = json_string_value (json_object_get (object, key));
    return text ? text : "";
}

static const char *
s_code (json_t *object, const char *key)
{
    return s_string (json_object_get (object, key), "code");
}

//  Characters, not bytes, as DHIS2 counts them.
static size_t
s_characters (const char *text)
{
    size_t count = 0;
    for (; *text; text++)
        count += ((unsigned char) *text & 0xC0) != 0x80;
    return count;
}

//  The object of array whose code is code, or NULL.
static json_t *
s_find (json_t *array, const char *code)
{
    size_t index;
    json_t *item;
    json_array_foreach (array, index, item)
        if (streq (s_string (item, "code"), code))
            return item;
    return NULL;
}

//  ---------------------------------------------------------------- the bilan

static Indicators__Indicator *
s_indicator (pps_arena_t *arena, const char *id, pps_bilan_kind_t kind, int64_t numerator,
             int64_t denominator)
{
    Indicators__Indicator *indicator = pps_arena_alloc (arena, sizeof *indicator);
    indicators__indicator__init (indicator);
    indicator->id = pps_arena_strdup (arena, id);
    indicator->kind = (Indicators__IndicatorKind) kind;
    indicator->numerator = numerator;
    indicator->denominator = kind == PPS_BILAN_RATIO ? denominator : 0;
    bool has_value;
    indicator->value = pps_bilan_value (kind, numerator, denominator, &has_value);
    indicator->has_value = has_value;
    return indicator;
}

//  The definition funders' amounts share, found through the contract.
static const pps_bilan_indicator_t *
s_funder_definition (void)
{
    return pps_bilan_indicator (PPS_BILAN_FUNDER_PREFIX "FIR");
}

static Indicators__EstablishmentFigures *
s_establishment (pps_arena_t *arena, uint64_t id, const char *code, const char *name,
                 const char *kind, int which)
{
    Indicators__EstablishmentFigures *figures = pps_arena_alloc (arena, sizeof *figures);
    indicators__establishment_figures__init (figures);
    figures->establishment_id = id;
    figures->code = (char *) code;
    figures->name = (char *) name;
    figures->kind = (char *) kind;
    figures->minors = which == 1;
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (index);
        if (!definition->per_establishment)
            continue;
        //  The first has 1/1 everywhere, the second 0/2 or 0/0 in turn
        int64_t numerator = which == 0 ? 1 : 0;
        int64_t denominator = which == 0 ? 1 : index % 2 ? 2 : 0;
        pps_arena_push (arena, (void ***) &figures->indicators, &figures->n_indicators,
                        s_indicator (arena, definition->id, definition->kind, numerator,
                                     definition->kind == PPS_BILAN_RATIO ? denominator : 0));
    }
    return figures;
}

//  The regional figures: per-establishment ones are the establishments'
//  sums (docs/bilan.md), the others made up, one ratio over zero.
static Indicators__Bilan *
s_bilan (pps_arena_t *arena, bool establishments)
{
    Indicators__Bilan *bilan = pps_arena_alloc (arena, sizeof *bilan);
    indicators__bilan__init (bilan);
    bilan->region_code = REGION;
    bilan->year = 2025;
    bilan->version = 2;
    bilan->state = INDICATORS__BILAN_STATE__ACKNOWLEDGED;
    bilan->computed_ms = FINALISED - 60000;
    bilan->finalised_ms = FINALISED;
    Pps__Date *dates = pps_arena_alloc (arena, 3 * sizeof *dates);
    for (int index = 0; index < 3; index++)
        pps__date__init (&dates [index]);
    pps_date_from_ordinal (&dates [0], 20250101);
    pps_date_from_ordinal (&dates [1], 20251231);
    pps_date_from_ordinal (&dates [2], 20251231);
    bilan->period_start = &dates [0];
    bilan->period_end = &dates [1];
    bilan->reference_date = &dates [2];
    if (establishments) {
        pps_arena_push (arena, (void ***) &bilan->establishments, &bilan->n_establishments,
                        s_establishment (arena, 11, "101739", "CD BAPAUME", "CD", 0));
        pps_arena_push (arena, (void ***) &bilan->establishments, &bilan->n_establishments,
                        s_establishment (arena, 12, "E2",
                                         "Centre pénitentiaire \"Nord\", quartier des mineurs "
                                         "et quartier de semi-liberté", "CP", 1));
    }
    bool zero_ratio = false;
    for (size_t index = 0; index < pps_bilan_indicator_count (); index++) {
        const pps_bilan_indicator_t *definition = pps_bilan_indicator_at (index);
        int64_t numerator = (int64_t) index + 3, denominator = (int64_t) index + 7;
        if (definition->kind == PPS_BILAN_YES_NO)
            numerator = index % 2;
        if (definition->kind == PPS_BILAN_AMOUNT)
            numerator = 1250000;
        if (definition->kind == PPS_BILAN_RATIO && !definition->per_establishment
        &&  !zero_ratio) {
            numerator = denominator = 0;
            zero_ratio = true;
        }
        if (definition->per_establishment) {
            numerator = denominator = 0;
            for (size_t at = 0; at < bilan->n_establishments; at++)
                for (size_t item = 0; item < bilan->establishments [at]->n_indicators; item++)
                    if (streq (bilan->establishments [at]->indicators [item]->id,
                               definition->id)) {
                        numerator += bilan->establishments [at]->indicators [item]->numerator;
                        denominator += bilan->establishments [at]->indicators [item]->denominator;
                    }
        }
        pps_arena_push (arena, (void ***) &bilan->indicators, &bilan->n_indicators,
                        s_indicator (arena, definition->id, definition->kind, numerator,
                                     denominator));
        if (definition == s_funder_definition ()) {
            pps_arena_push (arena, (void ***) &bilan->indicators, &bilan->n_indicators,
                            s_indicator (arena, PPS_BILAN_FUNDER_PREFIX "FIR", definition->kind,
                                         1000000, 0));
            pps_arena_push (arena, (void ***) &bilan->indicators, &bilan->n_indicators,
                            s_indicator (arena, PPS_BILAN_FUNDER_PREFIX "UNKNOWN",
                                         definition->kind, 250000, 0));
        }
    }
    //  One issue for the region, one for an establishment
    Indicators__ValidationIssue *issues = pps_arena_alloc (arena, 2 * sizeof *issues);
    indicators__validation_issue__init (&issues [0]);
    issues [0].rule = "headcount_missing";
    issues [0].severity = INDICATORS__SEVERITY__WARNING;
    issues [0].indicator = (char *) pps_bilan_indicator_at (0)->id;
    issues [0].message = "no staff headcount recorded for the year: the ratio has no value";
    indicators__validation_issue__init (&issues [1]);
    issues [1].rule = "numerator_le_denominator";
    issues [1].severity = INDICATORS__SEVERITY__ERROR;
    issues [1].indicator = "";
    issues [1].message = "« numérateur » > dénominateur, \"quoted\"";
    issues [1].establishment_id = establishments ? 12 : 0;
    for (int index = 0; index < 2; index++)
        pps_arena_push (arena, (void ***) &bilan->validation, &bilan->n_validation,
                        &issues [index]);
    CHECK (indicators_document_seal (bilan, arena, NULL) == 0, "the document is sealed");
    return bilan;
}

//  What the registry knows: the region's name, one establishment's dates.
static indicators_export_registry_t
s_registry (pps_arena_t *arena)
{
    Registry__Region *region = pps_arena_alloc (arena, sizeof *region);
    registry__region__init (region);
    region->code = REGION;
    region->name = "Hauts-de-France";
    Registry__Establishment *first = pps_arena_alloc (arena, sizeof *first);
    registry__establishment__init (first);
    first->id = 11;
    first->code = "101739";
    first->opened_on = pps_arena_alloc (arena, sizeof (Pps__Date));
    pps__date__init (first->opened_on);
    pps_date_from_ordinal (first->opened_on, 19900501);
    first->closed_on = pps_arena_alloc (arena, sizeof (Pps__Date));
    pps__date__init (first->closed_on);
    pps_date_from_ordinal (first->closed_on, 20251231);
    Registry__Establishment *other = pps_arena_alloc (arena, sizeof *other);
    registry__establishment__init (other);
    other->id = 12;
    other->code = "E2";
    indicators_export_registry_t registry = { region, NULL, 0 };
    pps_arena_push (arena, (void ***) &registry.establishments, &registry.n_establishments, first);
    pps_arena_push (arena, (void ***) &registry.establishments, &registry.n_establishments, other);
    return registry;
}

static json_t *
s_export_json (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
               const indicators_export_registry_t *registry, pps_arena_t *arena)
{
    Indicators__Export export = INDICATORS__EXPORT__INIT;
    CHECK (indicators_export_with (bilan, format, 0, registry, arena, &export) == 0,
           "format %d", format);
    CHECK (streq (export.content_type, "application/json"), "%s", export.content_type);
    CHECK (export.data.len == 0, "a text format has no data");
    json_error_t error;
    json_t *document = json_loads (export.text, JSON_REJECT_DUPLICATES, &error);
    CHECK (document, "not JSON: %s", error.text);
    return document;
}

//  ---------------------------------------------------------------- metadata

static void
s_check_metadata (json_t *metadata, const Indicators__Bilan *bilan)
{
    s_shape ("metadata", metadata, s_metadata_fields, s_metadata_fields);
    size_t index;
    json_t *item;
    json_array_foreach (json_object_get (metadata, "categoryOptions"), index, item)
        s_shape ("categoryOption", item, s_option_fields,
                 (const char *[]) { "code", "name", "shortName", NULL });
    json_array_foreach (json_object_get (metadata, "categories"), index, item) {
        s_shape ("category", item, s_category_fields,
                 (const char *[]) { "code", "name", "shortName", "dataDimensionType",
                                    "categoryOptions", NULL });
        size_t at;
        json_t *option;
        json_array_foreach (json_object_get (item, "categoryOptions"), at, option)
            CHECK (s_find (json_object_get (metadata, "categoryOptions"),
                           s_string (option, "code")), "category option defined");
    }
    json_array_foreach (json_object_get (metadata, "categoryCombos"), index, item) {
        s_shape ("categoryCombo", item, s_combo_fields,
                 (const char *[]) { "code", "name", "dataDimensionType", "categories", NULL });
        size_t at;
        json_t *category;
        json_array_foreach (json_object_get (item, "categories"), at, category)
            CHECK (s_find (json_object_get (metadata, "categories"),
                           s_string (category, "code")), "category defined");
    }
    json_array_foreach (json_object_get (metadata, "categoryOptionCombos"), index, item) {
        s_shape ("categoryOptionCombo", item, s_option_combo_fields,
                 (const char *[]) { "code", "name", "categoryCombo", "categoryOptions", NULL });
        CHECK (s_find (json_object_get (metadata, "categoryCombos"),
                       s_code (item, "categoryCombo")), "option combo's combo defined");
    }

    //  Data elements: every indicator of the contract, every funder kind
    json_t *elements = json_object_get (metadata, "dataElements");
    json_array_foreach (elements, index, item) {
        s_shape ("dataElement", item, s_element_fields,
                 (const char *[]) { "code", "name", "shortName", "aggregationType",
                                    "domainType", "valueType", NULL });
        const char *code = s_string (item, "code");
        const pps_bilan_indicator_t *definition = pps_bilan_indicator (code);
        CHECK (definition, "%s is an indicator of the contract", code);
        CHECK (strlen (code) <= 50, "%s: a DHIS2 code has at most 50 characters", code);
        CHECK (s_characters (s_string (item, "shortName")) <= 50, "%s: shortName '%s'", code,
               s_string (item, "shortName"));
        CHECK (s_characters (s_string (item, "name")) <= 230, "%s: name", code);
        CHECK (streq (s_string (item, "aggregationType"), "SUM"), "%s", code);
        CHECK (streq (s_string (item, "domainType"), "AGGREGATE"), "%s", code);
        CHECK (s_in (s_value_types, s_string (item, "valueType")), "%s: valueType %s", code,
               s_string (item, "valueType"));
        if (!definition)
            continue;
        CHECK (strstr (s_string (item, "name"), definition->label), "%s: the contract's label",
               code);
        CHECK (streq (s_string (item, "valueType"),
                      definition->kind == PPS_BILAN_YES_NO ? "BOOLEAN"
                      : definition->kind == PPS_BILAN_AMOUNT ? "NUMBER"
                      : "INTEGER_ZERO_OR_POSITIVE"), "%s: valueType", code);
        CHECK ((definition->kind == PPS_BILAN_YES_NO) != json_is_true (
               json_object_get (item, "zeroIsSignificant")), "%s: zeros kept", code);
        const char *combo = s_code (item, "categoryCombo");
        CHECK ((definition->kind == PPS_BILAN_RATIO) == (*combo != 0),
               "%s: a ratio, and only a ratio, is split", code);
        if (*combo)
            CHECK (s_find (json_object_get (metadata, "categoryCombos"), combo),
                   "%s: combo %s defined", code, combo);
        //  Names and short names are unique in DHIS2
        for (size_t other = 0; other < index; other++) {
            json_t *before = json_array_get (elements, other);
            CHECK (!streq (code, s_string (before, "code")), "%s twice", code);
            CHECK (!streq (s_string (item, "name"), s_string (before, "name")),
                   "name '%s' twice", s_string (item, "name"));
            CHECK (!streq (s_string (item, "shortName"), s_string (before, "shortName")),
                   "shortName '%s' twice", s_string (item, "shortName"));
        }
    }
    for (size_t at = 0; at < pps_bilan_indicator_count (); at++)
        CHECK (s_find (elements, pps_bilan_indicator_at (at)->id), "%s has a data element",
               pps_bilan_indicator_at (at)->id);
    const ProtobufCEnumDescriptor *kinds = &funding__funder_kind__descriptor;
    for (unsigned at = 0; at < kinds->n_values; at++) {
        char id [PPS_BILAN_ID_MAX + 1];
        snprintf (id, sizeof id, PPS_BILAN_FUNDER_PREFIX "%s", kinds->values [at].name);
        CHECK (kinds->values [at].value == 0 || s_find (elements, id), "%s", id);
    }
    CHECK (s_find (elements, PPS_BILAN_FUNDER_PREFIX "UNKNOWN"), "the bilan's other funder");

    //  The data set holds every element, the region and its establishments
    json_t *sets = json_object_get (metadata, "dataSets");
    CHECK (json_array_size (sets) == 1, "one data set");
    json_t *set = json_array_get (sets, 0);
    s_shape ("dataSet", set, s_set_fields,
             (const char *[]) { "code", "name", "shortName", "periodType", "dataSetElements",
                                NULL });
    CHECK (streq (s_string (set, "code"), "PPS_BILAN"), "%s", s_string (set, "code"));
    CHECK (streq (s_string (set, "periodType"), "Yearly"), "yearly");
    CHECK (json_array_size (json_object_get (set, "dataSetElements"))
           == json_array_size (elements), "every element in the set");
    json_array_foreach (json_object_get (set, "dataSetElements"), index, item) {
        CHECK (s_find (elements, s_code (item, "dataElement")), "set element defined");
        CHECK (streq (s_code (item, "dataSet"), "PPS_BILAN"), "set element's set");
    }

    //  The region, then its establishments under it
    json_t *units = json_object_get (metadata, "organisationUnits");
    CHECK (json_array_size (units) == 1 + bilan->n_establishments, "%zu org units",
           json_array_size (units));
    json_array_foreach (units, index, item) {
        s_shape ("organisationUnit", item, s_unit_fields,
                 (const char *[]) { "code", "name", "shortName", "openingDate", NULL });
        CHECK (s_characters (s_string (item, "shortName")) <= 50, "shortName '%s'",
               s_string (item, "shortName"));
        Pps__Date date = PPS__DATE__INIT;
        CHECK (pps_date_parse (s_string (item, "openingDate"), &date) == 0, "openingDate %s",
               s_string (item, "openingDate"));
        CHECK (!json_object_get (item, "geometry"), "no coordinates: the registry has none");
        if (index == 0) {
            CHECK (streq (s_string (item, "code"), REGION), "the region first");
            CHECK (!json_object_get (item, "parent"), "the region's parent is the instance's");
            continue;
        }
        const Indicators__EstablishmentFigures *figures = bilan->establishments [index - 1];
        CHECK (streq (s_string (item, "code"), figures->code), "%s", figures->code);
        CHECK (streq (s_string (item, "name"), figures->name), "%s", figures->name);
        CHECK (streq (s_code (item, "parent"), REGION), "%s under the region", figures->code);
        CHECK (s_find (json_object_get (set, "organisationUnits"), figures->code),
               "%s assigned to the data set", figures->code);
    }
}

//  ---------------------------------------------------------------- data values

//  The data values against the bilan and the metadata: each figure once,
//  at the level the contract gives it, with codes the metadata defines.
static void
s_check_values (json_t *values_set, json_t *metadata, const Indicators__Bilan *bilan)
{
    s_shape ("dataValueSet", values_set, s_value_set_fields,
             (const char *[]) { "dataSet", "period", "idScheme", "dataElementIdScheme",
                                "orgUnitIdScheme", "dataValues", NULL });
    CHECK (streq (s_string (values_set, "dataSet"), "PPS_BILAN"), "data set");
    CHECK (streq (s_string (values_set, "period"), "2025"), "yearly period");
    CHECK (streq (s_string (values_set, "idScheme"), "CODE")
           && streq (s_string (values_set, "dataElementIdScheme"), "CODE")
           && streq (s_string (values_set, "orgUnitIdScheme"), "CODE"), "codes");
    //  A top-level orgUnit would file every value under it
    if (bilan->n_establishments)
        CHECK (!json_object_get (values_set, "orgUnit")
               && !json_object_get (values_set, "completeDate"),
               "no top-level org unit when establishments have values");
    else
        CHECK (streq (s_string (values_set, "orgUnit"), REGION)
               && streq (s_string (values_set, "completeDate"), "2026-01-15"),
               "the region's document: org unit and finalisation date");

    json_t *elements = json_object_get (metadata, "dataElements");
    json_t *values = json_object_get (values_set, "dataValues");
    size_t index, sent = 0;
    json_t *item;
    json_array_foreach (values, index, item) {
        s_shape ("dataValue", item, s_value_fields,
                 (const char *[]) { "dataElement", "period", "orgUnit", "value", NULL });
        CHECK (json_is_string (json_object_get (item, "value")), "a value is a string");
        const char *code = s_string (item, "dataElement");
        const char *unit = s_string (item, "orgUnit");
        const char *option = s_string (item, "categoryOptionCombo");
        json_t *element = s_find (elements, code);
        CHECK (element, "%s defined by the metadata", code);
        CHECK (s_find (json_object_get (metadata, "organisationUnits"), unit), "%s defined",
               unit);
        if (*option) {
            json_t *combo = s_find (json_object_get (metadata, "categoryOptionCombos"), option);
            CHECK (combo && streq (s_code (combo, "categoryCombo"),
                                   s_code (element, "categoryCombo")),
                   "%s: option combo %s of its combo", code, option);
        }
        else
            CHECK (!json_object_get (element, "categoryCombo"), "%s: split but no option", code);
        const pps_bilan_indicator_t *definition = pps_bilan_indicator (code);
        if (definition)
            CHECK (definition->per_establishment != streq (unit, REGION),
                   "%s at %s: each figure at its level only", code, unit);
        for (size_t other = 0; other < index; other++) {
            json_t *before = json_array_get (values, other);
            CHECK (!(streq (code, s_string (before, "dataElement"))
                     && streq (unit, s_string (before, "orgUnit"))
                     && streq (option, s_string (before, "categoryOptionCombo"))),
                   "%s %s %s sent twice", code, unit, option);
        }
    }
    //  Every figure is there, with its value as DHIS2 reads it
    for (size_t at = 0; at <= bilan->n_establishments; at++) {
        const char *unit = at ? bilan->establishments [at - 1]->code : REGION;
        Indicators__Indicator **items = at ? bilan->establishments [at - 1]->indicators
                                           : bilan->indicators;
        size_t count = at ? bilan->establishments [at - 1]->n_indicators : bilan->n_indicators;
        for (size_t item_index = 0; item_index < count; item_index++) {
            const Indicators__Indicator *indicator = items [item_index];
            const pps_bilan_indicator_t *definition = pps_bilan_indicator (indicator->id);
            if (definition->per_establishment != (at > 0))
                continue;
            const char *parts [2] = { NULL, NULL };
            char wanted [2][32];
            size_t count_parts = 1;
            snprintf (wanted [0], 32, "%lld", (long long) indicator->numerator);
            if (definition->kind == PPS_BILAN_RATIO) {
                parts [0] = "PPS_NUMERATOR";
                parts [1] = "PPS_DENOMINATOR";
                snprintf (wanted [1], 32, "%lld", (long long) indicator->denominator);
                count_parts = 2;
            }
            if (definition->kind == PPS_BILAN_YES_NO)
                snprintf (wanted [0], 32, "%s", indicator->numerator ? "true" : "false");
            for (size_t part = 0; part < count_parts; part++) {
                const char *got = NULL;
                json_array_foreach (values, index, item)
                    if (streq (s_string (item, "dataElement"), indicator->id)
                    &&  streq (s_string (item, "orgUnit"), unit)
                    &&  streq (s_string (item, "categoryOptionCombo"),
                               parts [part] ? parts [part] : ""))
                        got = s_string (item, "value");
                CHECK (got && streq (got, wanted [part]), "%s %s %s: %s, wanted %s",
                       indicator->id, unit, parts [part] ? parts [part] : "", got ? got : "none",
                       wanted [part]);
                sent++;
            }
        }
    }
    CHECK (sent == json_array_size (values), "%zu values, %zu figures",
           json_array_size (values), sent);
}

//  ---------------------------------------------------------------- the tests

static void
s_test_dhis2 (pps_arena_t *arena)
{
    indicators_export_registry_t registry = s_registry (arena);
    for (int establishments = 1; establishments >= 0; establishments--) {
        Indicators__Bilan *bilan = s_bilan (arena, establishments);
        json_t *metadata = s_export_json (bilan, INDICATORS__EXPORT_FORMAT__DHIS2_METADATA,
                                          &registry, arena);
        json_t *values = s_export_json (bilan, INDICATORS__EXPORT_FORMAT__DHIS2, NULL, arena);
        s_check_metadata (metadata, bilan);
        s_check_values (values, metadata, bilan);
        if (establishments) {
            //  The registry's dates and name; none known for E2
            json_t *units = json_object_get (metadata, "organisationUnits");
            json_t *region = s_find (units, REGION);
            json_t *first = s_find (units, "101739"), *second = s_find (units, "E2");
            CHECK (streq (s_string (region, "name"), "Hauts-de-France"), "region's name");
            CHECK (streq (s_string (first, "openingDate"), "1990-05-01"), "opened");
            CHECK (streq (s_string (first, "closedDate"), "2026-01-01"), "first day closed");
            CHECK (streq (s_string (second, "openingDate"), "1970-01-01"), "not recorded");
            CHECK (!json_object_get (second, "closedDate"), "open");
            CHECK (s_characters (s_string (second, "shortName")) == 50, "cut to 50: %s",
                   s_string (second, "shortName"));
        }
        json_decref (metadata);
        json_decref (values);
    }
    //  Without the registry: a name from the code, dates unknown
    Indicators__Bilan *bilan = s_bilan (arena, true);
    json_t *metadata = s_export_json (bilan, INDICATORS__EXPORT_FORMAT__DHIS2_METADATA, NULL,
                                      arena);
    s_check_metadata (metadata, bilan);
    json_t *region = s_find (json_object_get (metadata, "organisationUnits"), REGION);
    CHECK (streq (s_string (region, "name"), "Région " REGION), "%s", s_string (region, "name"));
    json_decref (metadata);
}

static void
s_test_xlsx (pps_arena_t *arena)
{
    Indicators__Bilan *bilan = s_bilan (arena, true);
    Indicators__Export export = INDICATORS__EXPORT__INIT;
    CHECK (indicators_export (bilan, INDICATORS__EXPORT_FORMAT__XLSX, 0, arena, &export) == 0,
           "xlsx");
    CHECK (streq (export.content_type,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "%s", export.content_type);
    CHECK (streq (export.filename, "bilan-32-2025-v2.xlsx"), "%s", export.filename);
    CHECK (export.data.len > 1000 && memcmp (export.data.data, "PK\x03\x04", 4) == 0,
           "a zip: %zu bytes", export.data.len);
    CHECK (export.text && !*export.text, "no text");
    //  The same bilan, the same file: dated by the bilan, not the export
    Indicators__Export again = INDICATORS__EXPORT__INIT;
    indicators_export (bilan, INDICATORS__EXPORT_FORMAT__XLSX, 0, arena, &again);
    CHECK (again.data.len == export.data.len
           && memcmp (again.data.data, export.data.data, export.data.len) == 0, "reproducible");
}

//  The workbook and the JSON export of the same bilan, for the openpyxl check.
static int
s_write (const char *directory, pps_arena_t *arena)
{
    Indicators__Bilan *bilan = s_bilan (arena, true);
    Indicators__Export xlsx = INDICATORS__EXPORT__INIT, json = INDICATORS__EXPORT__INIT;
    if (indicators_export (bilan, INDICATORS__EXPORT_FORMAT__XLSX, 0, arena, &xlsx)
    ||  indicators_export (bilan, INDICATORS__EXPORT_FORMAT__JSON, 0, arena, &json))
        return 1;
    char path [512];
    snprintf (path, sizeof path, "%s/bilan.xlsx", directory);
    FILE *file = fopen (path, "wb");
    bool written = file && fwrite (xlsx.data.data, 1, xlsx.data.len, file) == xlsx.data.len;
    written = file && fclose (file) == 0 && written;
    snprintf (path, sizeof path, "%s/bilan.json", directory);
    file = fopen (path, "wb");
    written = written && file && fputs (json.text, file) >= 0;
    written = file && fclose (file) == 0 && written;
    return written ? 0 : 1;
}

int
main (int argc, char **argv)
{
    pps_arena_t *arena = pps_arena_new ();
    if (argc == 3 && streq (argv [1], "print")) {
        indicators_export_registry_t registry = s_registry (arena);
        Indicators__Export export = INDICATORS__EXPORT__INIT;
        int rc = indicators_export_with (s_bilan (arena, true), streq (argv [2], "dhis2")
                                         ? INDICATORS__EXPORT_FORMAT__DHIS2
                                         : INDICATORS__EXPORT_FORMAT__DHIS2_METADATA,
                                         0, &registry, arena, &export);
        if (!rc)
            printf ("%s\n", export.text);
        pps_arena_destroy (&arena);
        return rc ? 1 : 0;
    }
    if (argc == 3 && streq (argv [1], "write")) {
        int rc = s_write (argv [2], arena);
        pps_arena_destroy (&arena);
        return rc || s_failures;
    }
    s_test_dhis2 (arena);
    s_test_xlsx (arena);
    pps_arena_destroy (&arena);
    if (s_failures)
        fprintf (stderr, "%d failures\n", s_failures);
    else
        printf ("indicators exports: ok\n");
    return s_failures ? 1 : 0;
}
