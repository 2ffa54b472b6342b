/*  pps_reflect: envelope fields of any service's messages, by number.  */
#include "pps_reflect.h"

#include <assert.h>
#include <string.h>
#include "common.pb-c.h"

static const ProtobufCFieldDescriptor *
s_field (const ProtobufCMessage *message, uint32_t number)
{
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (message->descriptor, number);
    //  Envelopes follow the convention in common.proto; a miss is a bug
    assert (field);
    return field;
}

void
pps_reflect_set_string (ProtobufCMessage *message, uint32_t number, const char *value)
{
    const ProtobufCFieldDescriptor *field = s_field (message, number);
    assert (field->type == PROTOBUF_C_TYPE_STRING);
    memcpy ((char *) message + field->offset, &value, sizeof value);
}

void
pps_reflect_set_int64 (ProtobufCMessage *message, uint32_t number, int64_t value)
{
    const ProtobufCFieldDescriptor *field = s_field (message, number);
    assert (field->type == PROTOBUF_C_TYPE_INT64 || field->type == PROTOBUF_C_TYPE_UINT64);
    memcpy ((char *) message + field->offset, &value, sizeof value);
}

void
pps_reflect_set_message (ProtobufCMessage *message, uint32_t number,
                         const ProtobufCMessage *value)
{
    const ProtobufCFieldDescriptor *field = s_field (message, number);
    assert (field->type == PROTOBUF_C_TYPE_MESSAGE);
    memcpy ((char *) message + field->offset, &value, sizeof value);
    if (field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        memcpy ((char *) message + field->quantifier_offset, &number, sizeof number);
}

uint32_t
pps_reflect_oneof (const ProtobufCMessage *message, const ProtobufCMessage **value_p)
{
    const ProtobufCMessageDescriptor *descriptor = message->descriptor;
    for (unsigned index = 0; index < descriptor->n_fields; index++) {
        const ProtobufCFieldDescriptor *field = &descriptor->fields [index];
        if (!(field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
            continue;
        uint32_t number;
        memcpy (&number, (const char *) message + field->quantifier_offset, sizeof number);
        if (number == 0)
            return 0;
        const ProtobufCFieldDescriptor *chosen =
            protobuf_c_message_descriptor_get_field (descriptor, number);
        if (!chosen || chosen->type != PROTOBUF_C_TYPE_MESSAGE)
            return 0;
        if (value_p)
            memcpy (value_p, (const char *) message + chosen->offset, sizeof *value_p);
        return number;
    }
    return 0;
}

const char *
pps_reflect_field_name (const ProtobufCMessageDescriptor *descriptor, uint32_t number)
{
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field (descriptor, number);
    return field ? field->name : "?";
}

void
pps_reflect_test (bool verbose)
{
    (void) verbose;
    Pps__CommonReply reply = PPS__COMMON_REPLY__INIT;
    Pps__Status status = PPS__STATUS__INIT;
    Pps__EventBatch batch = PPS__EVENT_BATCH__INIT;
    pps_reflect_set_string (&reply.base, 1, "req-1");
    pps_reflect_set_message (&reply.base, 2, &status.base);
    assert (pps_reflect_oneof (&reply.base, NULL) == 0);
    pps_reflect_set_message (&reply.base, 3, &batch.base);
    assert (strcmp (reply.request_id, "req-1") == 0);
    assert (reply.status == &status);
    assert (reply.result_case == PPS__COMMON_REPLY__RESULT_EVENTS);
    const ProtobufCMessage *value = NULL;
    assert (pps_reflect_oneof (&reply.base, &value) == 3);
    assert (value == &batch.base);
    Pps__EventHeader header = PPS__EVENT_HEADER__INIT;
    pps_reflect_set_int64 (&header.base, 2, 42);
    assert (header.seq == 42);
    assert (strcmp (pps_reflect_field_name (&pps__event_header__descriptor, 5), "topic") == 0);
}
