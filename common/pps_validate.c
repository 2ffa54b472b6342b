/*  pps_validate: the checks every request goes through.  */
#include "pps_validate.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>
#include "pps_date.h"

bool
pps_text_is_clean (const char *text)
{
    const unsigned char *byte = (const unsigned char *) text;
    while (*byte) {
        unsigned char lead = *byte;
        if (lead < 0x80) {
            if (lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r')
                return false;
            if (lead == 0x7f)
                return false;
            byte++;
            continue;
        }
        int extra;
        uint32_t point;
        if ((lead & 0xe0) == 0xc0) { extra = 1; point = lead & 0x1f; }
        else if ((lead & 0xf0) == 0xe0) { extra = 2; point = lead & 0x0f; }
        else if ((lead & 0xf8) == 0xf0) { extra = 3; point = lead & 0x07; }
        else return false;
        for (int index = 1; index <= extra; index++) {
            if ((byte [index] & 0xc0) != 0x80)
                return false;
            point = (point << 6) | (byte [index] & 0x3f);
        }
        //  Overlong forms, surrogates and out-of-range points are not UTF-8
        if ((extra == 1 && point < 0x80) || (extra == 2 && point < 0x800)
        ||  (extra == 3 && point < 0x10000) || point > 0x10ffff
        ||  (point >= 0xd800 && point <= 0xdfff))
            return false;
        //  C1 controls, and the bidirectional embeddings, overrides and
        //  isolates that make a name display as another (U+202E turns
        //  "CD Lille.exe" around): no name of a prison or a person has them
        if ((point >= 0x80 && point <= 0x9f) || (point >= 0x202a && point <= 0x202e)
        ||  (point >= 0x2066 && point <= 0x2069))
            return false;
        byte += extra + 1;
    }
    return true;
}

int
pps_check_text (pps_call_t *call, const char *field, const char *value,
                size_t max, bool required)
{
    if (!value)
        value = "";
    size_t length = strlen (value);
    if (length > max)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s is longer than %zu bytes", field, max);
    if (!pps_text_is_clean (value))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s is not valid UTF-8 text", field);
    if (required) {
        const char *c = value;
        while (*c && isspace ((unsigned char) *c))
            c++;
        if (!*c)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                  "%s is required", field);
    }
    return 0;
}

int
pps_check_date (pps_call_t *call, const char *field, const Pps__Date *value, bool required)
{
    if (!pps_date_is_set (value)) {
        if (required)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                  "%s is required", field);
        return 0;
    }
    if (!pps_date_is_valid (value))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s is not a valid date (%d-%d-%d)", field,
                              value->year, value->month, value->day);
    return 0;
}

int
pps_check_period (pps_call_t *call, const char *end_field,
                  const Pps__Date *start, const Pps__Date *end)
{
    if (pps_date_is_set (start) && pps_date_is_set (end) && pps_date_compare (start, end) > 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, end_field,
                              "%s is before the start", end_field);
    return 0;
}

int
pps_check_enum (pps_call_t *call, const char *field,
                const ProtobufCEnumDescriptor *descriptor, int value, bool required)
{
    if (!protobuf_c_enum_descriptor_get_value (descriptor, value))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s: %d is not a known value", field, value);
    if (required && value == 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s is required", field);
    return 0;
}

int
pps_check_range (pps_call_t *call, const char *field, int64_t value, int64_t min, int64_t max)
{
    if (value < min || value > max)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s must be between %lld and %lld", field,
                              (long long) min, (long long) max);
    return 0;
}

int
pps_check_id (pps_call_t *call, const char *field, uint64_t id)
{
    if (id == 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field, "%s is required", field);
    return 0;
}

void
pps_validate_test (bool verbose)
{
    (void) verbose;
    assert (pps_text_is_clean ("Maison d'arrêt de Lille-Sequedin"));
    assert (pps_text_is_clean ("tab\tand\nnewline"));
    assert (!pps_text_is_clean ("bell\a"));
    assert (!pps_text_is_clean ("\xc3"));              //  truncated
    assert (!pps_text_is_clean ("\xc0\xaf"));          //  overlong
    assert (!pps_text_is_clean ("\xed\xa0\x80"));      //  surrogate
    assert (!pps_text_is_clean ("\xff"));
    assert (pps_text_is_clean ("\xf0\x9f\x98\x80"));   //  emoji
    assert (!pps_text_is_clean ("MA \xe2\x80\xae" "enilleL"));   //  U+202E right-to-left override
    assert (!pps_text_is_clean ("CD \xe2\x81\xa7x"));        //  U+2067 right-to-left isolate
    assert (!pps_text_is_clean ("\xc2\x85"));                 //  U+0085, a C1 control
    assert (pps_text_is_clean ("\xc2\xa0\xe2\x80\x99"));       //  no-break space, apostrophe
}
