/*  pps_json_descriptors: what the JSON mapping's reader and writer both
    ask of a field's descriptor (its C size, whether it is a date, an
    amount in cents, a flag), kept in one place for pps_json_read.c and
    pps_json_write.c. Private to those files.  */
#ifndef PPS_JSON_DESCRIPTORS_H_INCLUDED
#define PPS_JSON_DESCRIPTORS_H_INCLUDED

#include "pps_json.h"

#include <sodium.h>

#include <assert.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.pb-c.h"
#include "pps_date.h"

#define CENTS_SUFFIX "_cents"
#define EUROS_SUFFIX "_euros"

//  Nesting a request may use. Far above any message of ours; it bounds the
//  recursion on input built by hand rather than by a JSON parser.
#define MAX_DEPTH 64

//  The largest integer a double holds exactly: a 64-bit value sent as a
//  JSON number beyond it has already lost digits.
#define EXACT_DOUBLE_MAX 9007199254740992.0

//  ---------------------------------------------------------------------
//  Fields by descriptor

static inline size_t
s_type_size (ProtobufCType type)
{
    switch (type) {
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_SINT32:
        case PROTOBUF_C_TYPE_SFIXED32:
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_FIXED32:
            return 4;
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64:
            return 8;
        case PROTOBUF_C_TYPE_FLOAT:
            return sizeof (float);
        case PROTOBUF_C_TYPE_DOUBLE:
            return sizeof (double);
        case PROTOBUF_C_TYPE_BOOL:
            return sizeof (protobuf_c_boolean);
        case PROTOBUF_C_TYPE_ENUM:
            //  protobuf-c forces every enum to the size of an int
            return sizeof (int);
        case PROTOBUF_C_TYPE_STRING:
            return sizeof (char *);
        case PROTOBUF_C_TYPE_BYTES:
            return sizeof (ProtobufCBinaryData);
        case PROTOBUF_C_TYPE_MESSAGE:
            return sizeof (ProtobufCMessage *);
    }
    assert (false);
    return 0;
}

static inline const char *
s_type_name (ProtobufCType type)
{
    static const char *names [] = {
        [PROTOBUF_C_TYPE_INT32] = "int32", [PROTOBUF_C_TYPE_SINT32] = "sint32",
        [PROTOBUF_C_TYPE_SFIXED32] = "sfixed32", [PROTOBUF_C_TYPE_INT64] = "int64",
        [PROTOBUF_C_TYPE_SINT64] = "sint64", [PROTOBUF_C_TYPE_SFIXED64] = "sfixed64",
        [PROTOBUF_C_TYPE_UINT32] = "uint32", [PROTOBUF_C_TYPE_FIXED32] = "fixed32",
        [PROTOBUF_C_TYPE_UINT64] = "uint64", [PROTOBUF_C_TYPE_FIXED64] = "fixed64",
        [PROTOBUF_C_TYPE_FLOAT] = "float", [PROTOBUF_C_TYPE_DOUBLE] = "double",
        [PROTOBUF_C_TYPE_BOOL] = "bool", [PROTOBUF_C_TYPE_ENUM] = "enum",
        [PROTOBUF_C_TYPE_STRING] = "string", [PROTOBUF_C_TYPE_BYTES] = "bytes",
        [PROTOBUF_C_TYPE_MESSAGE] = "message"
    };
    return (size_t) type < sizeof names / sizeof names [0] && names [type]
         ? names [type] : "?";
}

static inline void *
s_member (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field)
{
    return (char *) message + field->offset;
}

static inline bool
s_is_date (const ProtobufCFieldDescriptor *field)
{
    return field->type == PROTOBUF_C_TYPE_MESSAGE && field->descriptor == &pps__date__descriptor;
}

//  An amount in cents: a signed 64-bit integer named "*_cents".
static inline bool
s_is_cents (const ProtobufCFieldDescriptor *field)
{
    if (field->type != PROTOBUF_C_TYPE_INT64 && field->type != PROTOBUF_C_TYPE_SINT64
    &&  field->type != PROTOBUF_C_TYPE_SFIXED64)
        return false;
    size_t length = strlen (field->name);
    size_t suffix = strlen (CENTS_SUFFIX);
    return length > suffix && strcmp (field->name + length - suffix, CENTS_SUFFIX) == 0;
}

//  A scalar with explicit presence (proto2 optional, proto3 "optional")
//  has a has_ flag at quantifier_offset; strings and messages use NULL.
static inline bool
s_has_flag (const ProtobufCFieldDescriptor *field)
{
    return field->label == PROTOBUF_C_LABEL_OPTIONAL
        && !(field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        && field->quantifier_offset
        && field->type != PROTOBUF_C_TYPE_STRING
        && field->type != PROTOBUF_C_TYPE_MESSAGE;
}

//  protoc's json_name: each '_' dropped and the letter after it upper-cased.
static inline void
s_camel_name (const char *name, char *buffer, size_t size)
{
    size_t out = 0;
    bool upper = false;
    for (; *name && out + 1 < size; name++) {
        if (*name == '_')
            upper = true;
        else {
            buffer [out++] = upper && *name >= 'a' && *name <= 'z'
                           ? (char) (*name - 'a' + 'A') : *name;
            upper = false;
        }
    }
    buffer [out] = 0;
}

//  The field named key, by its .proto name or its lowerCamelCase name.
static inline const ProtobufCFieldDescriptor *
s_field_by_key (const ProtobufCMessageDescriptor *descriptor, const char *key)
{
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field_by_name (descriptor, key);
    if (field)
        return field;
    char camel [256];
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        s_camel_name (descriptor->fields [index].name, camel, sizeof camel);
        if (strcmp (camel, key) == 0)
            return &descriptor->fields [index];
    }
    return NULL;
}

//  The "_euros" sibling of a cents field, into buffer; false when the
//  message has a real field of that name, which then wins.
static inline bool
s_euros_name (const ProtobufCMessageDescriptor *descriptor,
              const ProtobufCFieldDescriptor *field, char *buffer, size_t size)
{
    size_t stem = strlen (field->name) - strlen (CENTS_SUFFIX);
    snprintf (buffer, size, "%.*s%s", (int) stem, field->name, EUROS_SUFFIX);
    return protobuf_c_message_descriptor_get_field_by_name (descriptor, buffer) == NULL;
}

#endif
