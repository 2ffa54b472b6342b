/*  bilan_check: a bilan document's shape (members, types, ids and kinds,
    dates, limits) and what the national service accepts.

    As strict as the contract lets it be, so that the aggregate never mixes
    things: a member the schema does not name is refused (a new member
    needs a new schema name); every member is required ("zero is always
    sent"); an indicator id is one of the contract's (or a funder's amount)
    with its kind; an establishment carries only the indicators given per
    establishment; a value is what the numerator and denominator give.
*/
#include "pps_bilan.h"
#include "pps_validate.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "pps_date.h"

#define INDICATORS_MAX      256
#define ESTABLISHMENTS_MAX  2000
#define VALIDATION_MAX      2000
#define CODE_MAX            32
#define NAME_MAX_BYTES      256
#define MESSAGE_MAX         2000
#define KIND_MAX            32

static const char *const s_document_members [] = {
    "schema", "region", "period", "period_start", "period_end", "reference_date",
    "version", "computed_at", "finalised_at", "indicators", "establishments",
    "validation", "sha256", NULL
};
static const char *const s_indicator_members [] = {
    "id", "kind", "numerator", "denominator", "value", NULL
};
static const char *const s_establishment_members [] = {
    "code", "name", "kind", "minors", "indicators", NULL
};
static const char *const s_validation_members [] = {
    "rule", "severity", "indicator", "establishment", "message", NULL
};

//  Record the field at fault and why; returns -1 for the caller to return.
static int
s_fail (pps_bilan_problem_t *problem, const char *field, const char *format, ...)
    __attribute__ ((format (printf, 3, 4)));

static int
s_fail (pps_bilan_problem_t *problem, const char *field, const char *format, ...)
{
    snprintf (problem->field, sizeof problem->field, "%s", field);
    va_list args;
    va_start (args, format);
    vsnprintf (problem->message, sizeof problem->message, format, args);
    va_end (args);
    return -1;
}

//  path = prefix + name ("indicators[3]" + ".numerator"), truncated safely.
static const char *
s_path (char *buffer, size_t size, const char *prefix, const char *name)
{
    int length = snprintf (buffer, size, "%s%s%s", prefix,
                           *prefix && *name != '[' ? "." : "", name);
    //  Paths are short; a hostile member name is cut, and says so
    if (length >= (int) size && size > 4)
        memcpy (buffer + size - 4, "...", 4);
    return buffer;
}

//  True when text is one of the NULL-terminated list.
static bool
s_in_list (const char *const *list, const char *text)
{
    for (; *list; list++)
        if (strcmp (*list, text) == 0)
            return true;
    return false;
}

//  Every member required (names listed in required, NULL-terminated) is
//  present and no other than allowed. Returns 0 or -1.
static int
s_check_members (const json_t *object, const char *prefix, const char *const *allowed,
                 const char *const *required, pps_bilan_problem_t *problem)
{
    char field [160];
    const char *key;
    json_t *value;
    json_object_foreach ((json_t *) object, key, value) {
        if (!s_in_list (allowed, key))
            return s_fail (problem, s_path (field, sizeof field, prefix, key),
                           "unknown member (schema " PPS_BILAN_SCHEMA ")");
    }
    for (; *required; required++)
        if (!json_object_get (object, *required))
            return s_fail (problem, s_path (field, sizeof field, prefix, *required),
                           "missing");
    return 0;
}

//  A string of 1..max bytes; returns it, or NULL with problem set.
static const char *
s_string (const json_t *object, const char *prefix, const char *name, size_t max,
          pps_bilan_problem_t *problem)
{
    char field [160];
    const json_t *value = json_object_get (object, name);
    if (!json_is_string (value)) {
        s_fail (problem, s_path (field, sizeof field, prefix, name), "must be a string");
        return NULL;
    }
    size_t length = json_string_length (value);
    if (length == 0 || length > max) {
        s_fail (problem, s_path (field, sizeof field, prefix, name),
                "must be 1 to %zu bytes long", max);
        return NULL;
    }
    //  The region's text rule (pps_validate.h): a name the region would
    //  refuse is refused here too, and a NUL ("\u0000") cuts no text short
    const char *text = json_string_value (value);
    if (strlen (text) != length || !pps_text_is_clean (text)) {
        s_fail (problem, s_path (field, sizeof field, prefix, name),
                "must be UTF-8 text without control characters");
        return NULL;
    }
    return text;
}

//  True when text [from, from + count) are all ASCII digits.
static bool
s_digits (const char *text, size_t from, size_t count)
{
    for (size_t index = from; index < from + count; index++)
        if (!isdigit ((unsigned char) text [index]))
            return false;
    return true;
}

//  "YYYY-MM-DD", a real day; its ordinal yyyymmdd, or 0.
static int32_t
s_date_ordinal (const char *text)
{
    Pps__Date date = PPS__DATE__INIT;
    if (strlen (text) != 10 || !s_digits (text, 0, 4) || text [4] != '-'
    ||  !s_digits (text, 5, 2) || text [7] != '-' || !s_digits (text, 8, 2)
    ||  pps_date_parse (text, &date))
        return 0;
    return pps_date_ordinal (&date);
}

//  "YYYY-MM-DDTHH:MM:SS[.fraction]Z", UTC, with a real day and time.
static bool
s_is_timestamp (const char *text)
{
    size_t length = strlen (text);
    if (length < 20 || text [10] != 'T' || text [13] != ':' || text [16] != ':'
    ||  text [length - 1] != 'Z')
        return false;
    char day [11];
    memcpy (day, text, 10);
    day [10] = 0;
    if (!s_date_ordinal (day) || !s_digits (text, 11, 2) || !s_digits (text, 14, 2)
    ||  !s_digits (text, 17, 2))
        return false;
    int hour = atoi (text + 11), minute = atoi (text + 14), second = atoi (text + 17);
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    if (length == 20)
        return true;
    //  A fraction of 1 to 9 digits between the seconds and the Z
    size_t digits = length - 22;
    return text [19] == '.' && digits >= 1 && digits <= 9 && s_digits (text, 20, digits);
}

//  An integer in [0, PPS_BILAN_NUMBER_MAX] (0/1 when binary). Returns 0 or -1.
static int
s_count (const json_t *value, const char *field, bool binary, pps_bilan_problem_t *problem)
{
    if (!json_is_integer (value))
        return s_fail (problem, field, "must be an integer");
    json_int_t number = json_integer_value (value);
    if (number < 0)
        return s_fail (problem, field, "must be >= 0");
    if (binary && number > 1)
        return s_fail (problem, field, "must be 0 or 1 (yes_no)");
    if (number > PPS_BILAN_NUMBER_MAX)
        return s_fail (problem, field, "must be at most 10^15");
    return 0;
}

//  One indicator object at prefix ("indicators[3]"). Returns 0 or -1.
static int
s_check_indicator (const json_t *indicator, const char *prefix, bool establishment,
                   pps_bilan_problem_t *problem)
{
    char field [160];
    if (!json_is_object (indicator))
        return s_fail (problem, prefix, "must be an object");
    if (s_check_members (indicator, prefix, s_indicator_members, s_indicator_members, problem))
        return -1;
    const char *id = s_string (indicator, prefix, "id", PPS_BILAN_ID_MAX, problem);
    if (!id)
        return -1;
    const pps_bilan_indicator_t *known = pps_bilan_indicator (id);
    if (!known)
        return s_fail (problem, s_path (field, sizeof field, prefix, "id"),
                       "unknown indicator id '%s' (see docs/bilan.md)", id);
    if (establishment && !known->per_establishment)
        return s_fail (problem, s_path (field, sizeof field, prefix, "id"),
                       "'%s' is not an establishment indicator", id);
    const json_t *kind_value = json_object_get (indicator, "kind");
    int kind = pps_bilan_kind_parse (json_string_value (kind_value));
    s_path (field, sizeof field, prefix, "kind");
    if (kind < 0)
        return s_fail (problem, field, "must be one of yes_no, ratio, count, amount");
    if (kind != (int) known->kind)
        return s_fail (problem, field, "'%s' is a %s indicator", id,
                       pps_bilan_kind_name (known->kind));

    const json_t *numerator = json_object_get (indicator, "numerator");
    const json_t *denominator = json_object_get (indicator, "denominator");
    if (s_count (numerator, s_path (field, sizeof field, prefix, "numerator"),
                 kind == PPS_BILAN_YES_NO, problem))
        return -1;
    if (kind == PPS_BILAN_AMOUNT && json_integer_value (numerator) > PPS_MONEY_MAX)
        return s_fail (problem, field, "an amount is at most 10^13 cents");
    s_path (field, sizeof field, prefix, "denominator");
    if (kind == PPS_BILAN_RATIO) {
        if (s_count (denominator, field, false, problem))
            return -1;
    }
    else
    if (!json_is_null (denominator))
        return s_fail (problem, field, "must be null for a %s indicator",
                       pps_bilan_kind_name (kind));

    const json_t *value = json_object_get (indicator, "value");
    s_path (field, sizeof field, prefix, "value");
    bool has_value;
    double wanted = pps_bilan_value (kind, json_integer_value (numerator),
                                     json_integer_value (denominator), &has_value);
    if (!has_value) {
        if (!json_is_null (value))
            return s_fail (problem, field, "must be null when the denominator is 0");
    }
    else
    if (!json_is_number (value))
        return s_fail (problem, field, "must be a number");
    else
    if (json_number_value (value) != wanted)
        return s_fail (problem, field, "must be %s (%.4f)", kind == PPS_BILAN_RATIO
                       ? "numerator / denominator to four decimals" : "the numerator", wanted);
    return 0;
}

//  An indicators array at prefix ("indicators" or
//  "establishments[2].indicators"). Returns 0 or -1.
static int
s_check_indicators (const json_t *array, const char *prefix, bool establishment,
                    pps_bilan_problem_t *problem)
{
    char field [160];
    if (!json_is_array (array))
        return s_fail (problem, prefix, "must be an array");
    size_t count = json_array_size (array);
    if (count > INDICATORS_MAX)
        return s_fail (problem, prefix, "at most %d indicators", INDICATORS_MAX);
    for (size_t index = 0; index < count; index++) {
        snprintf (field, sizeof field, "%s[%zu]", prefix, index);
        const json_t *indicator = json_array_get (array, index);
        if (s_check_indicator (indicator, field, establishment, problem))
            return -1;
        const char *id = json_string_value (json_object_get (indicator, "id"));
        for (size_t before = 0; before < index; before++) {
            const json_t *other = json_array_get (array, before);
            if (strcmp (id, json_string_value (json_object_get (other, "id"))) == 0) {
                snprintf (field, sizeof field, "%s[%zu].id", prefix, index);
                return s_fail (problem, field, "'%s' already at [%zu]", id, before);
            }
        }
    }
    if (establishment)
        return 0;
    //  Zero is sent, never left out: every fixed indicator is there
    for (size_t known = 0; known < pps_bilan_indicator_count (); known++) {
        const char *wanted = pps_bilan_indicator_at (known)->id;
        bool found = false;
        for (size_t index = 0; index < count && !found; index++) {
            const json_t *id = json_object_get (json_array_get (array, index), "id");
            found = strcmp (json_string_value (id), wanted) == 0;
        }
        if (!found)
            return s_fail (problem, prefix, "indicator %s is missing", wanted);
    }
    return 0;
}

//  The establishments array. Returns 0 or -1.
static int
s_check_establishments (const json_t *array, pps_bilan_problem_t *problem)
{
    char prefix [96], field [160];
    if (!json_is_array (array))
        return s_fail (problem, "establishments", "must be an array");
    size_t count = json_array_size (array);
    if (count > ESTABLISHMENTS_MAX)
        return s_fail (problem, "establishments", "at most %d establishments",
                       ESTABLISHMENTS_MAX);
    for (size_t index = 0; index < count; index++) {
        const json_t *establishment = json_array_get (array, index);
        snprintf (prefix, sizeof prefix, "establishments[%zu]", index);
        if (!json_is_object (establishment))
            return s_fail (problem, prefix, "must be an object");
        const char *const required [] = { "code", "name", "indicators", NULL };
        if (s_check_members (establishment, prefix, s_establishment_members, required, problem))
            return -1;
        const char *code = s_string (establishment, prefix, "code", CODE_MAX, problem);
        if (!code || !s_string (establishment, prefix, "name", NAME_MAX_BYTES, problem))
            return -1;
        //  The kind is informative ("CD"): any short string
        const json_t *kind = json_object_get (establishment, "kind");
        if (kind && !(json_is_string (kind) && json_string_length (kind) <= KIND_MAX))
            return s_fail (problem, s_path (field, sizeof field, prefix, "kind"),
                           "must be a string of at most %d bytes", KIND_MAX);
        const json_t *minors = json_object_get (establishment, "minors");
        if (minors && !json_is_boolean (minors))
            return s_fail (problem, s_path (field, sizeof field, prefix, "minors"),
                           "must be true or false");
        for (size_t before = 0; before < index; before++) {
            const json_t *other = json_object_get (json_array_get (array, before), "code");
            if (strcmp (code, json_string_value (other)) == 0)
                return s_fail (problem, s_path (field, sizeof field, prefix, "code"),
                               "'%s' already at establishments[%zu]", code, before);
        }
        if (s_check_indicators (json_object_get (establishment, "indicators"),
                                s_path (field, sizeof field, prefix, "indicators"),
                                true, problem))
            return -1;
    }
    return 0;
}

//  The validation array. Returns 0 or -1.
static int
s_check_validation (const json_t *array, pps_bilan_problem_t *problem)
{
    char prefix [64], field [160];
    if (!json_is_array (array))
        return s_fail (problem, "validation", "must be an array");
    size_t count = json_array_size (array);
    if (count > VALIDATION_MAX)
        return s_fail (problem, "validation", "at most %d entries", VALIDATION_MAX);
    for (size_t index = 0; index < count; index++) {
        const json_t *entry = json_array_get (array, index);
        snprintf (prefix, sizeof prefix, "validation[%zu]", index);
        if (!json_is_object (entry))
            return s_fail (problem, prefix, "must be an object");
        if (s_check_members (entry, prefix, s_validation_members, s_validation_members, problem)
        ||  !s_string (entry, prefix, "rule", PPS_BILAN_ID_MAX, problem))
            return -1;
        const char *severity = json_string_value (json_object_get (entry, "severity"));
        if (!severity || (strcmp (severity, "warning") && strcmp (severity, "error")))
            return s_fail (problem, s_path (field, sizeof field, prefix, "severity"),
                           "must be \"warning\" or \"error\"");
        //  A rule about the whole bilan names no indicator
        const json_t *indicator = json_object_get (entry, "indicator");
        if (!json_is_null (indicator) && !(json_is_string (indicator)
                                           && json_string_length (indicator) <= PPS_BILAN_ID_MAX))
            return s_fail (problem, s_path (field, sizeof field, prefix, "indicator"),
                           "must be an indicator id or null");
        //  A rule about one establishment names its code
        const json_t *establishment = json_object_get (entry, "establishment");
        if (!json_is_null (establishment) && !(json_is_string (establishment)
                                               && json_string_length (establishment) <= CODE_MAX))
            return s_fail (problem, s_path (field, sizeof field, prefix, "establishment"),
                           "must be an establishment code or null");
        const json_t *message = json_object_get (entry, "message");
        if (!json_is_string (message) || json_string_length (message) > MESSAGE_MAX
        ||  strlen (json_string_value (message)) != json_string_length (message)
        ||  !pps_text_is_clean (json_string_value (message)))
            return s_fail (problem, s_path (field, sizeof field, prefix, "message"),
                           "must be a string of at most %d bytes", MESSAGE_MAX);
    }
    return 0;
}

//  schema, region, period, its dates, version and timestamps. Returns 0 or -1.
static int
s_check_header (const json_t *document, pps_bilan_problem_t *problem)
{
    const char *schema = json_string_value (json_object_get (document, "schema"));
    if (!schema || strcmp (schema, PPS_BILAN_SCHEMA) != 0)
        return s_fail (problem, "schema", "must be \"" PPS_BILAN_SCHEMA "\"");
    const char *region = json_string_value (json_object_get (document, "region"));
    if (pps_bilan_region_index (region) < 0)
        return s_fail (problem, "region", "must be the INSEE code of a region with an ARS");
    const char *period = json_string_value (json_object_get (document, "period"));
    if (!period || strlen (period) != 4 || !s_digits (period, 0, 4)
    ||  atoi (period) < PPS_BILAN_PERIOD_MIN || atoi (period) > PPS_BILAN_PERIOD_MAX)
        return s_fail (problem, "period", "must be a year YYYY from %d to %d",
                       PPS_BILAN_PERIOD_MIN, PPS_BILAN_PERIOD_MAX);
    int year = atoi (period);
    const char *names [] = { "period_start", "period_end", "reference_date" };
    int32_t ordinals [3];
    for (size_t index = 0; index < 3; index++) {
        const char *text = json_string_value (json_object_get (document, names [index]));
        ordinals [index] = text ? s_date_ordinal (text) : 0;
        if (!ordinals [index])
            return s_fail (problem, names [index], "must be a date YYYY-MM-DD");
    }
    if (ordinals [0] / 10000 != year)
        return s_fail (problem, "period_start", "must lie in %d", year);
    if (ordinals [1] < ordinals [0] || ordinals [1] >= ordinals [0] + 10000)
        return s_fail (problem, "period_end",
                       "must be on or after period_start and less than a year later");
    if (ordinals [2] < ordinals [0] || ordinals [2] > ordinals [1])
        return s_fail (problem, "reference_date", "must lie in the period");
    const json_t *version = json_object_get (document, "version");
    if (!json_is_integer (version) || json_integer_value (version) < 1
    ||  json_integer_value (version) > PPS_BILAN_VERSION_MAX)
        return s_fail (problem, "version", "must be an integer from 1 to %d",
                       PPS_BILAN_VERSION_MAX);
    const char *stamps [] = { "computed_at", "finalised_at" };
    for (size_t index = 0; index < 2; index++) {
        const char *text = json_string_value (json_object_get (document, stamps [index]));
        if (!text || !s_is_timestamp (text))
            return s_fail (problem, stamps [index],
                           "must be a UTC timestamp YYYY-MM-DDTHH:MM:SS[.fff]Z");
    }
    return 0;
}

int
pps_bilan_check_shape (const json_t *document, pps_bilan_problem_t *problem)
{
    if (!json_is_object (document))
        return s_fail (problem, "document", "must be a JSON object");
    if (s_check_members (document, "", s_document_members, s_document_members, problem)
    ||  s_check_header (document, problem)
    ||  s_check_indicators (json_object_get (document, "indicators"), "indicators", false,
                            problem)
    ||  s_check_establishments (json_object_get (document, "establishments"), problem)
    ||  s_check_validation (json_object_get (document, "validation"), problem))
        return -1;
    const char *sha = json_string_value (json_object_get (document, "sha256"));
    if (!sha || strlen (sha) != PPS_BILAN_HEX - 1)
        return s_fail (problem, "sha256", "must be 64 lowercase hex characters");
    for (const char *c = sha; *c; c++)
        if (!isdigit ((unsigned char) *c) && !(*c >= 'a' && *c <= 'f'))
            return s_fail (problem, "sha256", "must be 64 lowercase hex characters");
    return 0;
}

//  Keep the first error the rules find.
static void
s_first_error (const pps_bilan_issue_t *issue, void *arg)
{
    pps_bilan_problem_t *problem = arg;
    if (issue->severity == PPS_BILAN_ERROR && !*problem->field)
        s_fail (problem, issue->field, "%s (rule %s)", issue->message, issue->rule);
}

int
pps_bilan_check (const json_t *document, pps_bilan_problem_t *problem)
{
    if (pps_bilan_check_shape (document, problem))
        return -1;
    memset (problem, 0, sizeof *problem);
    if (pps_bilan_rules_run (document, s_first_error, problem))
        return -1;
    char hex [PPS_BILAN_HEX];
    char *canonical = pps_bilan_canonical (document, hex);
    if (!canonical)
        return s_fail (problem, "sha256", "cannot compute the canonical form");
    free (canonical);
    if (strcmp (hex, json_string_value (json_object_get (document, "sha256"))) != 0)
        return s_fail (problem, "sha256", "is not the SHA-256 of the canonical form (%s)", hex);
    return 0;
}
