/*  pps_json_write: any message as JSON, by the proto3 canonical JSON
    mapping, from the protobuf-c descriptors (amounts in cents with their
    euro value beside, dates as YYYY-MM-DD).  */
#include "pps_json_descriptors.h"

//  ---------------------------------------------------------------------
//  Output

//  The length of the valid UTF-8 sequence at text, or 0 when invalid.
static size_t
s_utf8_length (const unsigned char *text, size_t left)
{
    unsigned char lead = text [0];
    if (lead < 0x80)
        return 1;
    size_t length;
    unsigned char low = 0x80, high = 0xBF;     //  range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else
    if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;                         //  no overlong forms
        if (lead == 0xED)
            high = 0x9F;                        //  no surrogates
    }
    else
    if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        if (lead == 0xF4)
            high = 0x8F;                        //  nothing above U+10FFFF
    }
    else
        return 0;
    if (left < length || text [1] < low || text [1] > high)
        return 0;
    for (size_t index = 2; index < length; index++)
        if ((text [index] & 0xC0) != 0x80)
            return 0;
    return length;
}

//  A string as JSON. Services keep text valid UTF-8, but a record written
//  before they checked must not make the whole reply fail: its invalid
//  bytes become U+FFFD.
static json_t *
s_string_out (const char *text)
{
    if (!text)
        text = "";
    json_t *string = json_string (text);
    if (string)
        return string;
    size_t length = strlen (text);
    char *clean = malloc (length * 3 + 1);
    assert (clean);
    size_t out = 0;
    for (size_t index = 0; index < length;) {
        size_t valid = s_utf8_length ((const unsigned char *) text + index, length - index);
        if (valid) {
            memcpy (clean + out, text + index, valid);
            out += valid;
            index += valid;
        }
        else {
            memcpy (clean + out, "\xEF\xBF\xBD", 3);
            out += 3;
            index++;
        }
    }
    clean [out] = 0;
    string = json_string (clean);
    free (clean);
    assert (string);
    return string;
}

static json_t *
s_base64_out (const ProtobufCBinaryData *data)
{
    //  libsodium's encoder: the standard alphabet, padded (RFC 4648)
    size_t size = sodium_base64_ENCODED_LEN (data->len, sodium_base64_VARIANT_ORIGINAL);
    char *text = malloc (size);
    assert (text);
    sodium_bin2base64 (text, size, data->len ? data->data : (const unsigned char *) "", data->len,
                       sodium_base64_VARIANT_ORIGINAL);
    json_t *value = json_string (text);
    free (text);
    return value;
}

//  A float or double; the mapping's strings for what JSON has no number for.
static json_t *
s_real_out (double value, bool single)
{
    if (isnan (value))
        return json_string ("NaN");
    if (isinf (value))
        return json_string (value > 0 ? "Infinity" : "-Infinity");
    if (single) {
        //  The shortest decimal that reads back as the same float, so that
        //  0.1f is written 0.1 and not 0.100000001490116
        char text [32];
        for (int precision = 6; precision <= 9; precision++) {
            snprintf (text, sizeof text, "%.*g", precision, value);
            if ((float) strtod (text, NULL) == (float) value)
                break;
        }
        value = strtod (text, NULL);
    }
    return json_real (value);
}

//  Cents as euros, "-1519.05"; exact for every int64, INT64_MIN included.
static json_t *
s_euros_out (int64_t cents)
{
    uint64_t magnitude = cents < 0 ? (uint64_t) -(cents + 1) + 1 : (uint64_t) cents;
    char text [32];
    snprintf (text, sizeof text, "%s%" PRIu64 ".%02" PRIu64,
              cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
    return json_string (text);
}

static json_t *
s_value_out (const ProtobufCFieldDescriptor *field, const void *value, bool emit_defaults)
{
    char text [32];
    switch (field->type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
            return json_integer (*(const int32_t *) value);
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
            return json_integer (*(const uint32_t *) value);
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
            snprintf (text, sizeof text, "%" PRId64, *(const int64_t *) value);
            return json_string (text);
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            snprintf (text, sizeof text, "%" PRIu64, *(const uint64_t *) value);
            return json_string (text);
        case PROTOBUF_C_TYPE_FLOAT:
            return s_real_out (*(const float *) value, true);
        case PROTOBUF_C_TYPE_DOUBLE:
            return s_real_out (*(const double *) value, false);
        case PROTOBUF_C_TYPE_BOOL:
            return json_boolean (*(const protobuf_c_boolean *) value);
        case PROTOBUF_C_TYPE_ENUM: {
            int number = *(const int *) value;
            const ProtobufCEnumValue *named =
                protobuf_c_enum_descriptor_get_value (field->descriptor, number);
            return named ? json_string (named->name) : json_integer (number);
        }
        case PROTOBUF_C_TYPE_STRING:
            return s_string_out (*(char *const *) value);
        case PROTOBUF_C_TYPE_BYTES:
            return s_base64_out (value);
        case PROTOBUF_C_TYPE_MESSAGE: {
            const ProtobufCMessage *message = *(const ProtobufCMessage *const *) value;
            //  Only an element of a list can get here unset; it must keep
            //  its place
            if (s_is_date (field))
                return json_string (pps_date_format ((const Pps__Date *) message,
                                                     text, sizeof text));
            return message ? pps_json_from_message (message, emit_defaults) : json_object ();
        }
    }
    assert (false);
    return json_null ();
}

//  True when a field without presence holds its default value.
static bool
s_is_default (const ProtobufCFieldDescriptor *field, const void *value)
{
    switch (field->type) {
        case PROTOBUF_C_TYPE_FLOAT: {
            float number = *(const float *) value;
            return number == 0 && !signbit (number);
        }
        case PROTOBUF_C_TYPE_DOUBLE: {
            double number = *(const double *) value;
            return number == 0 && !signbit (number);
        }
        case PROTOBUF_C_TYPE_STRING: {
            const char *text = *(char *const *) value;
            return !text || !*text;
        }
        case PROTOBUF_C_TYPE_BYTES:
            return ((const ProtobufCBinaryData *) value)->len == 0;
        case PROTOBUF_C_TYPE_MESSAGE:
            return *(const ProtobufCMessage *const *) value == NULL;
        default: {
            static const unsigned char zero [8];
            return memcmp (value, zero, s_type_size (field->type)) == 0;
        }
    }
}

//  True when the field is written: see the presence rules in the header.
static bool
s_is_written (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field,
              bool emit_defaults)
{
    const char *base = (const char *) message;
    const void *value = s_member (message, field);
    if (field->label == PROTOBUF_C_LABEL_REPEATED)
        return emit_defaults || *(const size_t *) (base + field->quantifier_offset) > 0;
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        return *(const uint32_t *) (base + field->quantifier_offset) == field->id;
    if (field->type == PROTOBUF_C_TYPE_MESSAGE) {
        const ProtobufCMessage *child = *(const ProtobufCMessage *const *) value;
        return s_is_date (field) ? pps_date_is_set ((const Pps__Date *) child) : child != NULL;
    }
    if (s_has_flag (field))
        return *(const protobuf_c_boolean *) (base + field->quantifier_offset);
    if (field->label == PROTOBUF_C_LABEL_REQUIRED)
        return true;
    if (field->label == PROTOBUF_C_LABEL_OPTIONAL && field->type == PROTOBUF_C_TYPE_STRING)
        return *(char *const *) value != NULL;      //  proto2: NULL is absent
    return emit_defaults || !s_is_default (field, value);
}

json_t *
pps_json_from_message (const ProtobufCMessage *message, bool emit_defaults)
{
    assert (message);
    const ProtobufCMessageDescriptor *descriptor = message->descriptor;
    json_t *object = json_object ();
    assert (object);
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        if (!s_is_written (message, field, emit_defaults))
            continue;
        const char *member = s_member (message, field);
        json_t *value, *euros = NULL;
        if (field->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t count = *(const size_t *) ((const char *) message + field->quantifier_offset);
            const char *items = *(const char *const *) member;
            size_t size = s_type_size (field->type);
            value = json_array ();
            if (s_is_cents (field))
                euros = json_array ();
            for (size_t item = 0; item < count; item++) {
                json_array_append_new (value, s_value_out (field, items + item * size,
                                                           emit_defaults));
                if (euros)
                    json_array_append_new (euros,
                        s_euros_out (*(const int64_t *) (items + item * size)));
            }
        }
        else {
            value = s_value_out (field, member, emit_defaults);
            if (s_is_cents (field))
                euros = s_euros_out (*(const int64_t *) member);
        }
        json_object_set_new (object, field->name, value);
        char name [256];
        if (euros && s_euros_name (descriptor, field, name, sizeof name))
            json_object_set_new (object, name, euros);
        else
            json_decref (euros);
    }
    return object;
}
