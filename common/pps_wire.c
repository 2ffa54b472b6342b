/*  pps_wire: a walk of the protobuf wire format against a descriptor.  */
#include "pps_wire.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include "common.pb-c.h"

#define DEPTH_MAX 32                  //  protobuf-c's own recursion limit is 100

enum { WIRE_VARINT = 0, WIRE_64 = 1, WIRE_LEN = 2, WIRE_32 = 5 };

typedef struct {
    const uint8_t *at;
    const uint8_t *end;
} cursor_t;

//  Read a varint; false when it runs past the end or over 10 bytes.
static bool
s_varint (cursor_t *cursor, uint64_t *value_p)
{
    uint64_t value = 0;
    for (unsigned shift = 0; shift < 70 && cursor->at < cursor->end; shift += 7) {
        uint8_t byte = *cursor->at++;
        value |= (uint64_t) (byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *value_p = value;
            return true;
        }
    }
    return false;
}

//  Read one field's key and, for a length-delimited one, its bytes; skip
//  the value of any other. false when malformed.
static bool
s_field (cursor_t *cursor, uint32_t *number_p, int *wire_p, const uint8_t **bytes_p,
         size_t *length_p)
{
    uint64_t key;
    if (!s_varint (cursor, &key) || (key >> 3) == 0 || (key >> 3) > UINT32_MAX)
        return false;
    *number_p = (uint32_t) (key >> 3);
    *wire_p = (int) (key & 7);
    uint64_t value;
    switch (*wire_p) {
        case WIRE_VARINT:
            return s_varint (cursor, &value);
        case WIRE_64:
        case WIRE_32: {
            size_t width = *wire_p == WIRE_64 ? 8 : 4;
            if ((size_t) (cursor->end - cursor->at) < width)
                return false;
            cursor->at += width;
            return true;
        }
        case WIRE_LEN:
            if (!s_varint (cursor, &value) || value > (uint64_t) (cursor->end - cursor->at))
                return false;
            *bytes_p = cursor->at;
            *length_p = (size_t) value;
            cursor->at += value;
            return true;
        default:
            return false;             //  Groups are not used by proto3
    }
}

static int
s_check (const ProtobufCMessageDescriptor *descriptor, const uint8_t *data, size_t size,
         char *path, size_t path_size, size_t path_length, int depth)
{
    if (depth > DEPTH_MAX)
        return -1;
    //  Occurrences of each repeated field seen, for the index in the path
    uint32_t seen_number [64] = { 0 };
    unsigned seen_count [64] = { 0 };
    cursor_t cursor = { data, data + size };
    while (cursor.at < cursor.end) {
        uint32_t number;
        int wire;
        const uint8_t *bytes = NULL;
        size_t length = 0;
        if (!s_field (&cursor, &number, &wire, &bytes, &length))
            return -1;
        if (wire != WIRE_LEN)
            continue;
        const ProtobufCFieldDescriptor *field =
            protobuf_c_message_descriptor_get_field (descriptor, number);
        if (!field || (field->type != PROTOBUF_C_TYPE_STRING
                   &&  field->type != PROTOBUF_C_TYPE_MESSAGE))
            continue;                 //  Unknown fields and bytes may hold anything
        unsigned index = 0;
        if (field->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t slot = number % 64;
            if (seen_number [slot] != number) {
                seen_number [slot] = number;
                seen_count [slot] = 0;
            }
            index = seen_count [slot]++;
        }
        int written = field->label == PROTOBUF_C_LABEL_REPEATED
            ? snprintf (path + path_length, path_size - path_length, "%s%s[%u]",
                        path_length ? "." : "", field->name, index)
            : snprintf (path + path_length, path_size - path_length, "%s%s",
                        path_length ? "." : "", field->name);
        size_t next_length = written < 0 ? path_length
                           : path_length + (size_t) written < path_size
                           ? path_length + (size_t) written : path_size - 1;
        if (field->type == PROTOBUF_C_TYPE_STRING) {
            if (memchr (bytes, 0, length))
                return 1;
        }
        else {
            int rc = s_check (field->descriptor, bytes, length, path, path_size, next_length,
                              depth + 1);
            if (rc)
                return rc;
        }
        path [path_length] = 0;
    }
    return 0;
}

int
pps_wire_check_strings (const ProtobufCMessageDescriptor *descriptor,
                        const uint8_t *data, size_t size, char *path, size_t path_size)
{
    assert (path_size > 0);
    path [0] = 0;
    return s_check (descriptor, data, size, path, path_size, 0, 0);
}

char *
pps_wire_find_string (const uint8_t *data, size_t size, uint32_t number,
                      char *buffer, size_t buffer_size)
{
    //  The last occurrence counts, as when the message is unpacked
    const uint8_t *found_bytes = NULL;
    size_t found_length = 0;
    cursor_t cursor = { data, data + size };
    while (cursor.at < cursor.end) {
        uint32_t found;
        int wire;
        const uint8_t *bytes = NULL;
        size_t length = 0;
        if (!s_field (&cursor, &found, &wire, &bytes, &length))
            break;
        if (found == number && wire == WIRE_LEN) {
            found_bytes = bytes;
            found_length = length;
        }
    }
    if (!found_bytes || found_length >= buffer_size || memchr (found_bytes, 0, found_length))
        return NULL;
    memcpy (buffer, found_bytes, found_length);
    buffer [found_length] = 0;
    return buffer;
}

void
pps_wire_test (bool verbose)
{
    (void) verbose;
    char path [256];
    //  A status whose message holds a NUL: field 2, "a\0b"
    const uint8_t nul [] = { 0x08, 0x03, 0x12, 0x03, 'a', 0, 'b', 0x1a, 0x01, 'x' };
    assert (pps_wire_check_strings (&pps__status__descriptor, nul, sizeof nul,
                                    path, sizeof path) == 1);
    assert (strcmp (path, "message") == 0);
    const uint8_t clean [] = { 0x08, 0x03, 0x12, 0x02, 'a', 'b', 0x1a, 0x01, 'x' };
    assert (pps_wire_check_strings (&pps__status__descriptor, clean, sizeof clean,
                                    path, sizeof path) == 0);
    //  Nested and repeated: a ServiceStatus whose second gauge's label has one
    const uint8_t gauges [] = { 0x62, 0x03, 0x0a, 0x01, 'g',
                                0x62, 0x05, 0x0a, 0x01, 'h', 0x12, 0x00,
                                0x62, 0x04, 0x12, 0x02, 'l', 0 };
    assert (pps_wire_check_strings (&pps__service_status__descriptor, gauges, sizeof gauges,
                                    path, sizeof path) == 1);
    assert (strcmp (path, "gauges[2].label") == 0);
    //  Truncated: malformed, left to the unpacking
    assert (pps_wire_check_strings (&pps__status__descriptor, nul, 5, path, sizeof path) == -1);

    //  A request id read from bytes that end badly
    const uint8_t broken [] = { 0x0a, 0x03, 'r', '-', '1', 0x22, 0x7f, 0x01 };
    char id [16];
    assert (pps_wire_find_string (broken, sizeof broken, 1, id, sizeof id));
    assert (strcmp (id, "r-1") == 0);
    assert (!pps_wire_find_string (broken, 3, 1, id, sizeof id));
    //  Given twice, the last one counts
    const uint8_t twice [] = { 0x0a, 0x01, 'a', 0x0a, 0x01, 'b' };
    assert (pps_wire_find_string (twice, sizeof twice, 1, id, sizeof id));
    assert (strcmp (id, "b") == 0);
    assert (!pps_wire_find_string (nul, sizeof nul, 2, id, sizeof id));
}
