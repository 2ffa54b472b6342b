/*  pps_json_read: JSON into any message, by the proto3 canonical JSON
    mapping, from the protobuf-c descriptors; strict (unknown fields, wrong
    types and unknown enum names refused, naming the field).  */
#include "pps_json_descriptors.h"

//  ---------------------------------------------------------------------
//  Input

typedef struct {
    pps_arena_t *arena;
    char *field;                //  where the offending field's path goes
    size_t field_size;
    char *error;                //  where the reason goes
    size_t error_size;
} reader_t;

//  Record a failure at path; returns -1 for the caller to return.
static int
s_fail (reader_t *self, const char *path, const char *format, ...)
    __attribute__ ((format (printf, 3, 4)));

static int
s_fail (reader_t *self, const char *path, const char *format, ...)
{
    if (self->field_size)
        snprintf (self->field, self->field_size, "%s", path);
    if (self->error_size) {
        va_list args;
        va_start (args, format);
        vsnprintf (self->error, self->error_size, format, args);
        va_end (args);
    }
    return -1;
}

static const char *
s_json_kind (const json_t *json)
{
    switch (json_typeof (json)) {
        case JSON_OBJECT: return "an object";
        case JSON_ARRAY: return "a list";
        case JSON_STRING: return "a string";
        case JSON_INTEGER: return "a number";
        case JSON_REAL: return "a number";
        case JSON_TRUE: return "true";
        case JSON_FALSE: return "false";
        case JSON_NULL: return "null";
    }
    return "?";
}

//  True when text is a number as JSON writes one: -?digits[.digits][e[+-]digits].
//  Leading zeros are let through: "007" in a query string means 7.
static bool
s_is_number_text (const char *text, bool *whole_p)
{
    const char *scan = text;
    if (*scan == '-')
        scan++;
    if (*scan < '0' || *scan > '9')
        return false;
    while (*scan >= '0' && *scan <= '9')
        scan++;
    *whole_p = true;
    if (*scan == '.') {
        *whole_p = false;
        scan++;
        if (*scan < '0' || *scan > '9')
            return false;
        while (*scan >= '0' && *scan <= '9')
            scan++;
    }
    if (*scan == 'e' || *scan == 'E') {
        *whole_p = false;
        scan++;
        if (*scan == '+' || *scan == '-')
            scan++;
        if (*scan < '0' || *scan > '9')
            return false;
        while (*scan >= '0' && *scan <= '9')
            scan++;
    }
    return *scan == 0;
}

//  An integral double as sign and magnitude; -1 when it is not one.
static int
s_integer_from_double (reader_t *self, const char *path, double number,
                       bool *negative_p, uint64_t *magnitude_p)
{
    if (!isfinite (number))
        return s_fail (self, path, "%g is not a whole number", number);
    if (fabs (number) > EXACT_DOUBLE_MAX)
        return s_fail (self, path, "%.17g is too large to be exact as a JSON number: "
                       "send it as a string (\"12345678901234567890\")", number);
    //  Through an integer rather than floor(), which would need libm in
    //  every program that links pps_common
    if (number != (double) (int64_t) number)
        return s_fail (self, path, "%.17g is not a whole number", number);
    *negative_p = number < 0;
    *magnitude_p = (uint64_t) fabs (number);
    return 0;
}

//  Any integer as sign and magnitude, from a number or a decimal string.
static int
s_read_integer (reader_t *self, const char *path, const json_t *json,
                bool *negative_p, uint64_t *magnitude_p)
{
    if (json_is_integer (json)) {
        json_int_t number = json_integer_value (json);
        *negative_p = number < 0;
        *magnitude_p = number < 0 ? (uint64_t) -(number + 1) + 1 : (uint64_t) number;
        return 0;
    }
    if (json_is_real (json))
        return s_integer_from_double (self, path, json_real_value (json),
                                      negative_p, magnitude_p);
    if (!json_is_string (json))
        return s_fail (self, path, "expected a whole number, got %s", s_json_kind (json));
    const char *text = json_string_value (json);
    bool whole;
    if (!s_is_number_text (text, &whole))
        return s_fail (self, path, "'%s' is not a number", text);
    if (!whole)
        //  "1e3" reads as 1e3 does, so that a string and a number agree
        return s_integer_from_double (self, path, strtod (text, NULL), negative_p, magnitude_p);
    *negative_p = *text == '-';
    uint64_t magnitude = 0;
    for (const char *digit = text + *negative_p; *digit; digit++) {
        unsigned value = (unsigned) (*digit - '0');
        if (magnitude > (UINT64_MAX - value) / 10)
            return s_fail (self, path, "%s is out of range", text);
        magnitude = magnitude * 10 + value;
    }
    *magnitude_p = magnitude;
    return 0;
}

//  An integer of a field's type, checked for its range.
static int
s_read_int_field (reader_t *self, const char *path, const ProtobufCFieldDescriptor *field,
                  const json_t *json, void *slot)
{
    bool negative;
    uint64_t magnitude;
    if (s_read_integer (self, path, json, &negative, &magnitude))
        return -1;
    bool is_signed, wide = s_type_size (field->type) == 8;
    switch (field->type) {
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            is_signed = false;
            break;
        default:
            is_signed = true;
    }
    uint64_t limit = is_signed ? (wide ? (uint64_t) INT64_MAX : INT32_MAX)
                               : (wide ? UINT64_MAX : UINT32_MAX);
    //  The magnitude of the most negative value is one more than the limit
    bool fits = negative ? is_signed && magnitude <= limit + 1 : magnitude <= limit;
    if (negative && magnitude == 0)
        fits = true;
    if (!fits) {
        if (is_signed)
            return s_fail (self, path, "%s%" PRIu64 " is out of range for %s (-%" PRIu64
                           " to %" PRIu64 ")", negative ? "-" : "", magnitude,
                           s_type_name (field->type), limit + 1, limit);
        return s_fail (self, path, "%s%" PRIu64 " is out of range for %s (0 to %" PRIu64 ")",
                       negative ? "-" : "", magnitude, s_type_name (field->type), limit);
    }
    if (!is_signed) {
        if (wide)
            *(uint64_t *) slot = magnitude;
        else
            *(uint32_t *) slot = (uint32_t) magnitude;
        return 0;
    }
    //  Through the unsigned type, so that -(2^63) does not overflow
    int64_t value = negative ? (int64_t) (0 - magnitude) : (int64_t) magnitude;
    if (wide)
        *(int64_t *) slot = value;
    else
        *(int32_t *) slot = (int32_t) value;
    return 0;
}

static int
s_read_real (reader_t *self, const char *path, const ProtobufCFieldDescriptor *field,
             const json_t *json, void *slot)
{
    double number;
    if (json_is_number (json))
        number = json_number_value (json);
    else
    if (json_is_string (json)) {
        const char *text = json_string_value (json);
        bool whole;
        if (strcmp (text, "NaN") == 0)
            number = NAN;
        else
        if (strcmp (text, "Infinity") == 0)
            number = INFINITY;
        else
        if (strcmp (text, "-Infinity") == 0)
            number = -INFINITY;
        else
        if (s_is_number_text (text, &whole)) {
            number = strtod (text, NULL);
            if (isinf (number))
                return s_fail (self, path, "%s is out of range for %s", text,
                               s_type_name (field->type));
        }
        else
            return s_fail (self, path, "'%s' is not a number", text);
    }
    else
        return s_fail (self, path, "expected a number, got %s", s_json_kind (json));
    if (field->type == PROTOBUF_C_TYPE_DOUBLE) {
        *(double *) slot = number;
        return 0;
    }
    if (isfinite (number) && fabs (number) > FLT_MAX)
        return s_fail (self, path, "%g is out of range for float", number);
    *(float *) slot = (float) number;
    return 0;
}

static int
s_read_bool (reader_t *self, const char *path, const json_t *json, void *slot)
{
    const char *text = json_is_string (json) ? json_string_value (json) : NULL;
    if (json_is_true (json) || (text && strcmp (text, "true") == 0))
        *(protobuf_c_boolean *) slot = 1;
    else
    if (json_is_false (json) || (text && strcmp (text, "false") == 0))
        *(protobuf_c_boolean *) slot = 0;
    else
    if (text)
        return s_fail (self, path, "'%s' is not true or false", text);
    else
        return s_fail (self, path, "expected true or false, got %s", s_json_kind (json));
    return 0;
}

//  Refuse value, naming the enum's values so the caller can pick one.
static int
s_fail_enum (reader_t *self, const char *path, const ProtobufCEnumDescriptor *type,
             const char *value)
{
    char names [512] = "";
    size_t used = 0;
    for (unsigned index = 0; index < type->n_values && used < sizeof names; index++)
        used += (size_t) snprintf (names + used, sizeof names - used, "%s%s",
                                   index ? ", " : "", type->values [index].name);
    return s_fail (self, path, "%s is not a value of %s (one of %s)", value,
                   type->name, names);
}

static int
s_read_enum (reader_t *self, const char *path, const ProtobufCFieldDescriptor *field,
             const json_t *json, void *slot)
{
    const ProtobufCEnumDescriptor *type = field->descriptor;
    const char *shown;
    if (json_is_string (json)) {
        const char *text = json_string_value (json);
        const ProtobufCEnumValue *named =
            protobuf_c_enum_descriptor_get_value_by_name (type, text);
        if (named) {
            *(int *) slot = named->value;
            return 0;
        }
        shown = pps_arena_printf (self->arena, "'%s'", text);
        bool whole;
        if (!s_is_number_text (text, &whole) || !whole)
            return s_fail_enum (self, path, type, shown);
    }
    else
    if (json_is_integer (json))
        shown = pps_arena_printf (self->arena, "%" JSON_INTEGER_FORMAT,
                                  json_integer_value (json));
    else
        return s_fail (self, path, "expected the name of a value of %s, got %s",
                       type->name, s_json_kind (json));
    //  A number must be one the enum declares
    bool negative;
    uint64_t magnitude;
    if (s_read_integer (self, path, json, &negative, &magnitude) || magnitude > INT32_MAX)
        return s_fail_enum (self, path, type, shown);
    int number = negative ? -(int) magnitude : (int) magnitude;
    if (!protobuf_c_enum_descriptor_get_value (type, number))
        return s_fail_enum (self, path, type, shown);
    *(int *) slot = number;
    return 0;
}

static int
s_read_string (reader_t *self, const char *path, const json_t *json, void *slot)
{
    if (!json_is_string (json))
        return s_fail (self, path, "expected a string, got %s", s_json_kind (json));
    size_t length = json_string_length (json);
    if (memchr (json_string_value (json), 0, length))
        return s_fail (self, path, "text must not contain a NUL character (\\u0000)");
    char *text = pps_arena_alloc (self->arena, length + 1);
    memcpy (text, json_string_value (json), length);
    *(char **) slot = text;
    return 0;
}

//  The value of a base64 digit, either alphabet; -1 when not one.
static int
s_base64_digit (char digit)
{
    if (digit >= 'A' && digit <= 'Z')
        return digit - 'A';
    if (digit >= 'a' && digit <= 'z')
        return digit - 'a' + 26;
    if (digit >= '0' && digit <= '9')
        return digit - '0' + 52;
    if (digit == '+' || digit == '-')
        return 62;
    if (digit == '/' || digit == '_')
        return 63;
    return -1;
}

static int
s_read_bytes (reader_t *self, const char *path, const json_t *json, void *slot)
{
    if (!json_is_string (json))
        return s_fail (self, path, "expected base64 text, got %s", s_json_kind (json));
    const char *text = json_string_value (json);
    size_t length = json_string_length (json);
    //  Padding is optional: drop it, then what is left must be whole digits
    size_t padding = 0;
    while (length > 0 && text [length - 1] == '=' && padding < 2) {
        length--;
        padding++;
    }
    if (length % 4 == 1 || (padding && (length + padding) % 4))
        return s_fail (self, path, "not base64: wrong length");
    ProtobufCBinaryData *data = slot;
    data->data = pps_arena_alloc (self->arena, length / 4 * 3 + 3);
    data->len = 0;
    uint32_t block = 0;
    for (size_t index = 0; index < length; index++) {
        int digit = s_base64_digit (text [index]);
        if (digit < 0)
            return s_fail (self, path, "not base64: '%c' at %zu", text [index], index);
        block = block << 6 | (uint32_t) digit;
        if (index % 4 == 3) {
            data->data [data->len++] = (uint8_t) (block >> 16);
            data->data [data->len++] = (uint8_t) (block >> 8);
            data->data [data->len++] = (uint8_t) block;
            block = 0;
        }
    }
    if (length % 4 == 2)
        data->data [data->len++] = (uint8_t) (block >> 4);
    else
    if (length % 4 == 3) {
        data->data [data->len++] = (uint8_t) (block >> 10);
        data->data [data->len++] = (uint8_t) (block >> 2);
    }
    return 0;
}

static int
s_read_date (reader_t *self, const char *path, const json_t *json, void *slot)
{
    Pps__Date *date = (Pps__Date *) pps_arena_message (self->arena, &pps__date__descriptor);
    *(Pps__Date **) slot = date;
    if (!json_is_string (json))
        return s_fail (self, path, "expected a date as \"YYYY-MM-DD\", got %s",
                       s_json_kind (json));
    const char *text = json_string_value (json);
    if (!*text)
        return 0;                   //  an unset date in a list keeps its place
    //  pps_date_parse's sscanf would let "2025- 1-01" through
    bool shaped = strlen (text) == 10 && text [4] == '-' && text [7] == '-';
    for (int index = 0; shaped && index < 10; index++)
        if (index != 4 && index != 7 && (text [index] < '0' || text [index] > '9'))
            shaped = false;
    if (!shaped)
        return s_fail (self, path, "'%s' is not a date as YYYY-MM-DD", text);
    if (pps_date_parse (text, date))
        return s_fail (self, path, "%s is not a day of the calendar (from 1900 to 2200)",
                       text);
    return 0;
}

static ProtobufCMessage *
    s_read_message (reader_t *self, const char *path,
                    const ProtobufCMessageDescriptor *descriptor, const json_t *json,
                    int depth);

//  One value of field from json into slot.
static int
s_read_value (reader_t *self, const char *path, const ProtobufCFieldDescriptor *field,
              const json_t *json, void *slot, int depth)
{
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            return s_read_int_field (self, path, field, json, slot);
        case PROTOBUF_C_TYPE_FLOAT:
        case PROTOBUF_C_TYPE_DOUBLE:
            return s_read_real (self, path, field, json, slot);
        case PROTOBUF_C_TYPE_BOOL:
            return s_read_bool (self, path, json, slot);
        case PROTOBUF_C_TYPE_ENUM:
            return s_read_enum (self, path, field, json, slot);
        case PROTOBUF_C_TYPE_STRING:
            return s_read_string (self, path, json, slot);
        case PROTOBUF_C_TYPE_BYTES:
            return s_read_bytes (self, path, json, slot);
        case PROTOBUF_C_TYPE_MESSAGE: {
            if (s_is_date (field))
                return s_read_date (self, path, json, slot);
            ProtobufCMessage *child =
                s_read_message (self, path, field->descriptor, json, depth + 1);
            *(ProtobufCMessage **) slot = child;
            return child ? 0 : -1;
        }
    }
    return s_fail (self, path, "fields of this type cannot be set");
}

//  Field, given as json (not null), into message.
static int
s_read_field (reader_t *self, const char *path, ProtobufCMessage *message,
              const ProtobufCFieldDescriptor *field, const json_t *json, int depth)
{
    char *base = (char *) message;
    void *member = s_member (message, field);
    if (field->label == PROTOBUF_C_LABEL_REPEATED) {
        //  A lone value is a list of one: a query parameter given once
        bool lone = !json_is_array (json);
        size_t count = lone ? 1 : json_array_size (json);
        size_t size = s_type_size (field->type);
        char *items = count ? pps_arena_alloc (self->arena, count * size) : NULL;
        for (size_t index = 0; index < count; index++) {
            const json_t *item = lone ? json : json_array_get (json, index);
            const char *item_path =
                lone ? path : pps_arena_printf (self->arena, "%s[%zu]", path, index);
            if (json_is_null (item))
                return s_fail (self, item_path, "a list cannot hold null");
            if (s_read_value (self, item_path, field, item, items + index * size, depth))
                return -1;
        }
        *(size_t *) (base + field->quantifier_offset) = count;
        *(void **) member = items;
        return 0;
    }
    //  An empty date in a query string leaves it unset, like null
    if (s_is_date (field) && json_is_string (json) && !*json_string_value (json))
        return 0;
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        uint32_t *chosen = (uint32_t *) (base + field->quantifier_offset);
        if (*chosen)
            return s_fail (self, path, "only one of %s and %s may be given",
                           protobuf_c_message_descriptor_get_field (message->descriptor,
                                                                    *chosen)->name,
                           field->name);
        *chosen = field->id;
    }
    if (s_has_flag (field))
        *(protobuf_c_boolean *) (base + field->quantifier_offset) = 1;
    return s_read_value (self, path, field, json, member, depth);
}

//  Refuse key, unknown in descriptor; say so plainly for an amount in euros.
static int
s_fail_unknown (reader_t *self, const char *path, const ProtobufCMessageDescriptor *descriptor,
                const char *key)
{
    size_t length = strlen (key);
    const char *suffixes [][2] = { { EUROS_SUFFIX, CENTS_SUFFIX }, { "Euros", "Cents" } };
    for (size_t index = 0; index < 2; index++) {
        size_t suffix = strlen (suffixes [index][0]);
        if (length <= suffix || strcmp (key + length - suffix, suffixes [index][0]))
            continue;
        char *cents = pps_arena_printf (self->arena, "%.*s%s", (int) (length - suffix),
                                        key, suffixes [index][1]);
        const ProtobufCFieldDescriptor *field = s_field_by_key (descriptor, cents);
        if (field && s_is_cents (field))
            return s_fail (self, path, "%s is output only: give the amount in cents "
                           "as %s", key, field->name);
    }
    return s_fail (self, path, "%s has no field %s", descriptor->name, key);
}

static ProtobufCMessage *
s_read_message (reader_t *self, const char *path, const ProtobufCMessageDescriptor *descriptor,
                const json_t *json, int depth)
{
    if (depth > MAX_DEPTH) {
        s_fail (self, path, "nested more than %d levels deep", MAX_DEPTH);
        return NULL;
    }
    if (!json_is_object (json)) {
        if (*path)
            s_fail (self, path, "expected an object (%s), got %s", descriptor->name,
                    s_json_kind (json));
        else
            s_fail (self, path, "expected a JSON object (%s), got %s", descriptor->name,
                    s_json_kind (json));
        return NULL;
    }
    ProtobufCMessage *message = pps_arena_message (self->arena, descriptor);
    //  The key each field was given under, to refuse it given twice
    const char **given = pps_arena_alloc (self->arena,
                                          (descriptor->n_fields + 1) * sizeof *given);
    const char *key;
    json_t *value;
    //  jansson iterates a const object all the same; nothing is changed
    json_object_foreach ((json_t *) json, key, value) {
        const ProtobufCFieldDescriptor *field = s_field_by_key (descriptor, key);
        const char *field_path = pps_arena_printf (self->arena, "%s%s%s", path,
                                                   *path ? "." : "", field ? field->name : key);
        if (!field) {
            s_fail_unknown (self, field_path, descriptor, key);
            return NULL;
        }
        size_t index = (size_t) (field - descriptor->fields);
        if (given [index]) {
            s_fail (self, field_path, "given twice, as %s and as %s", given [index], key);
            return NULL;
        }
        given [index] = key;
        if (json_is_null (value))
            continue;
        if (s_read_field (self, field_path, message, field, value, depth))
            return NULL;
    }
    return message;
}

ProtobufCMessage *
pps_json_to_message (pps_arena_t *arena, const ProtobufCMessageDescriptor *descriptor,
                     const json_t *json, char *field, size_t field_size,
                     char *error, size_t error_size)
{
    assert (arena);
    assert (descriptor);
    assert (field || !field_size);
    assert (error || !error_size);
    reader_t reader = { arena, field, field_size, error, error_size };
    if (!json) {
        s_fail (&reader, "", "no JSON value");
        return NULL;
    }
    ProtobufCMessage *message = s_read_message (&reader, "", descriptor, json, 0);
    //  Only a proto2 message can miss a field this way; packing it would crash
    if (message && !protobuf_c_message_check (message)) {
        s_fail (&reader, "", "a required field of %s is missing", descriptor->name);
        return NULL;
    }
    return message;
}

