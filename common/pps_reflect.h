/*  pps_reflect: set and read envelope fields of any service's messages
    through their protobuf-c descriptors.

    The common runtime answers every service with the same code: it reads the
    operation a <Svc>Request carries and fills a <Svc>Reply or <Svc>Event by
    field number (see the wire convention in proto/common.proto).
*/
#ifndef PPS_REFLECT_H_INCLUDED
#define PPS_REFLECT_H_INCLUDED

#include <stdbool.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

//  Set a string field by number; the string is not copied.
void pps_reflect_set_string (ProtobufCMessage *message, uint32_t number, const char *value);

//  Set a 64-bit integer field (int64 or uint64) by number.
void pps_reflect_set_int64 (ProtobufCMessage *message, uint32_t number, int64_t value);

//  Set a message field by number; for a oneof member also sets the case.
void pps_reflect_set_message (ProtobufCMessage *message, uint32_t number,
                              const ProtobufCMessage *value);

//  The field number of the oneof member set in message (0 when none), and
//  through value_p that member's message. The message has one oneof of
//  message members (the envelope's op, result or change).
uint32_t pps_reflect_oneof (const ProtobufCMessage *message, const ProtobufCMessage **value_p);

//  Name of a field by number, or "?".
const char *pps_reflect_field_name (const ProtobufCMessageDescriptor *descriptor, uint32_t number);

//  Self test.
void pps_reflect_test (bool verbose);

#endif
