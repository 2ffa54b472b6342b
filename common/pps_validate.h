/*  pps_validate: the checks every request goes through before anything is
    written. Each returns 0, or fails the call with INVALID_ARGUMENT and the
    field's name and returns -1, so a handler chains them:
        if (pps_check_text (call, "person.full_name", in->full_name, 200, true))
            return -1;
*/
#ifndef PPS_VALIDATE_H_INCLUDED
#define PPS_VALIDATE_H_INCLUDED

#include "pps_service.h"

//  The lengths every service holds its texts to, in bytes (Describe tells
//  them; a service may add its own, see pps_limit_t).
#define PPS_NAME_MAX    200     //  Names and titles
#define PPS_CODE_MAX    32      //  Codes (FINESS, INSEE, a call's reference)
#define PPS_TEXT_MAX    4000    //  Free texts
#define PPS_LIST_MAX    1000    //  Items in one repeated field of a request

//  Text: valid UTF-8, no control characters but tab/newline, at most max
//  bytes, and not empty (nor only spaces) when required.
int pps_check_text (pps_call_t *call, const char *field, const char *value,
                    size_t max, bool required);

//  A date: unset is accepted unless required; a set date must be a real day.
int pps_check_date (pps_call_t *call, const char *field, const Pps__Date *value,
                    bool required);

//  start <= end when both are set (end field is named in the error).
int pps_check_period (pps_call_t *call, const char *end_field,
                      const Pps__Date *start, const Pps__Date *end);

//  An enum value known to descriptor; zero (UNSPECIFIED) refused when required.
int pps_check_enum (pps_call_t *call, const char *field,
                    const ProtobufCEnumDescriptor *descriptor, int value, bool required);

//  An integer in [min, max].
int pps_check_range (pps_call_t *call, const char *field, int64_t value,
                     int64_t min, int64_t max);

//  A non-zero id (a reference that must be given).
int pps_check_id (pps_call_t *call, const char *field, uint64_t id);

//  True when text is valid UTF-8 without control characters (tab, LF, CR
//  allowed), C0 or C1, nor bidirectional embeddings, overrides or isolates
//  (U+202A-U+202E, U+2066-U+2069). The national service holds the bilan's
//  texts to the same rule (bilan_check.c).
bool pps_text_is_clean (const char *text);

//  Self test.
void pps_validate_test (bool verbose);

#endif
