/*  pps_wire: what the runtime reads of a request's bytes before (or
    instead of) unpacking them.

    protobuf-c hands a string to C as NUL-terminated text, so a string
    holding a NUL byte would silently end there ("Alice\0Evil" stored as
    "Alice", two request ids equal once cut). The runtime walks the wire
    format against the message's descriptor first and refuses such a
    string, naming its field. And when a frame does not unpack at all, its
    request id may still be readable, so that the refusal can carry it.
*/
#ifndef PPS_WIRE_H_INCLUDED
#define PPS_WIRE_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

//  Walk data as a message of descriptor. Returns 0 when every string field,
//  at any depth, is free of NUL bytes; 1 when one is not, with its dotted
//  path ("person.full_name", "items[2].name") in path; -1 when the bytes
//  are not a well-formed message (left for the unpacking to refuse).
int pps_wire_check_strings (const ProtobufCMessageDescriptor *descriptor,
                            const uint8_t *data, size_t size, char *path, size_t path_size);

//  The top-level string field number of data (its last occurrence, as
//  unpacking keeps), copied into buffer when it is there, holds no NUL and
//  fits; else NULL. Reads the well-formed fields up to the first malformed
//  one, so it works on bytes that do not unpack as a whole.
char *pps_wire_find_string (const uint8_t *data, size_t size, uint32_t number,
                            char *buffer, size_t buffer_size);

//  Self test.
void pps_wire_test (bool verbose);

#endif
