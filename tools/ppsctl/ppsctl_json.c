/*  ppsctl_json: any message as JSON, by reflection. Field names as in the
    .proto, enums by name, 64-bit integers as numbers, dates as
    "YYYY-MM-DD" (null when unset), repeated fields as arrays, bytes in
    base64 as the proto3 JSON mapping has them.  */
#include "ppsctl.h"

#include "pps_date.h"
#include <sodium.h>

//  Bytes as base64 (RFC 4648, padded).
static json_t *
s_base64 (const ProtobufCBinaryData *data)
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

//  One value of a field as JSON.
static json_t *
s_value (const ProtobufCFieldDescriptor *field, const void *value)
{
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
            return json_integer (*(const int64_t *) value);
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64: {
            uint64_t number = *(const uint64_t *) value;
            //  json_int_t is signed: the top half of uint64 can only be a real
            return number <= INT64_MAX ? json_integer ((json_int_t) number)
                                       : json_real ((double) number);
        }
        case PROTOBUF_C_TYPE_FLOAT:
            return json_real (*(const float *) value);
        case PROTOBUF_C_TYPE_DOUBLE:
            return json_real (*(const double *) value);
        case PROTOBUF_C_TYPE_BOOL:
            return json_boolean (*(const protobuf_c_boolean *) value);
        case PROTOBUF_C_TYPE_ENUM: {
            int number = *(const int *) value;
            const ProtobufCEnumValue *named =
                protobuf_c_enum_descriptor_get_value (field->descriptor, number);
            return named ? json_string (named->name) : json_integer (number);
        }
        case PROTOBUF_C_TYPE_STRING: {
            const char *text = *(const char *const *) value;
            //  A string that is not UTF-8 would make json_string fail
            json_t *string = json_string (text ? text : "");
            return string ? string : json_stringn_nocheck (text, strlen (text));
        }
        case PROTOBUF_C_TYPE_BYTES:
            return s_base64 (value);
        case PROTOBUF_C_TYPE_MESSAGE: {
            const ProtobufCMessage *message = *(const ProtobufCMessage *const *) value;
            if (ppsctl_is_date (field)) {
                char buffer [16];
                if (!message || !pps_date_is_set ((const Pps__Date *) message))
                    return json_null ();
                return json_string (pps_date_format ((const Pps__Date *) message,
                                                     buffer, sizeof buffer));
            }
            return message ? ppsctl_json_message (message) : json_null ();
        }
    }
    return json_null ();
}

json_t *
ppsctl_json_message (const ProtobufCMessage *message)
{
    json_t *object = json_object ();
    const ProtobufCMessageDescriptor *descriptor = message->descriptor;
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        size_t count = ppsctl_value_count (message, field);
        if (field->label == PROTOBUF_C_LABEL_REPEATED) {
            json_t *array = json_array ();
            for (size_t item = 0; item < count; item++)
                json_array_append_new (array, s_value (field, ppsctl_value (message, field, item)));
            json_object_set_new (object, field->name, array);
        }
        else
        if (count)
            json_object_set_new (object, field->name, s_value (field, ppsctl_value (message, field, 0)));
        else
        if (!(field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
            //  An unset record stays visible, so every object has every key
            json_object_set_new (object, field->name, json_null ());
    }
    return object;
}

void
ppsctl_json_print (FILE *out, json_t *value)
{
    char *text = json_dumps (value, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
    if (text) {
        fprintf (out, "%s\n", text);
        free (text);
    }
    json_decref (value);
}
