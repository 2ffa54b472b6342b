/*  pps_json: any message as JSON and back, by the proto3 canonical JSON
    mapping, from the protobuf-c descriptors.

    Written once for every service, so that the HTTP gateway (pps-web) knows
    no message by name: what a client sends is read into the operation's
    request message, what the service answers is written out, both by rule.

    The mapping, as applied here:
    - Field names are the .proto names ("full_name"), the mapping's
      "preserve proto field names" option. Input also accepts the
      lowerCamelCase json_name ("fullName"), derived as protoc derives it.
    - Enums by name; input also takes a known number (or its decimal string).
      A value the descriptor does not know goes out as its number.
    - int64, uint64, sint64, fixed64, sfixed64 as JSON strings ("42"), the
      32-bit integers as numbers; input takes either for any integer type.
    - float and double as numbers, NaN and infinities as "NaN", "Infinity"
      and "-Infinity".
    - bytes in base64 (RFC 4648, padded); input takes the URL-safe alphabet
      and missing padding too.
    - A pps.Date as "YYYY-MM-DD", omitted when unset (all zero).
    - Every signed 64-bit integer field whose name ends in "_cents" gets a
      sibling "<name without _cents>_euros", the amount as a decimal string
      with two decimals ("1519.00", "-3.50"). It is output only: input
      refuses it like any unknown field.

    Field presence: a proto3 scalar (no "optional") has none, so it is
    omitted at its default value (0, "", false, the enum's 0, empty bytes)
    and an empty repeated field is omitted, unless emit_defaults; a scalar
    with explicit presence (proto3 "optional", proto2) is written when set,
    whatever its value; a message field is written when set, never as null;
    of a oneof, only the member set is written, whatever its value.
*/
#ifndef PPS_JSON_H_INCLUDED
#define PPS_JSON_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include <protobuf-c/protobuf-c.h>
#include "pps_arena.h"

//  The message as a JSON object, by the mapping above; emit_defaults writes
//  the scalars at their default value and empty repeated fields too (unset
//  messages, dates and oneof members stay omitted). A string that is not
//  UTF-8 has its invalid bytes replaced by U+FFFD. Caller owns the return
//  value and must json_decref it. Never NULL.
json_t *pps_json_from_message (const ProtobufCMessage *message, bool emit_defaults);

//  Read json, an object, into a new message of descriptor, allocated in arena
//  with everything it points to (pps_arena_reset frees it all). Accepts, for
//  every field, its .proto name or its lowerCamelCase name, and null for
//  "unset". Values: integers as numbers or decimal strings ("42", "-7",
//  64-bit ones included), refused when fractional or out of range for the
//  field's type; float and double as numbers or numeric strings, and "NaN",
//  "Infinity", "-Infinity"; bool as true or false (or "true", "false");
//  enums by name (case-sensitive) or known number; strings without NUL;
//  bytes in base64; dates as "YYYY-MM-DD", a real day from 1900 to 2200 (""
//  leaves the date unset); messages as objects; repeated fields as arrays,
//  a lone value counting as a one-element list (a query parameter given
//  once, see pps_json_set_path). Refused: an unknown field, a field given
//  twice (under both of its names), two members of one oneof.
//  Returns the message, or NULL with the offending field's path in field
//  ("member.category", "items[2].name"; .proto names, an unknown field as
//  the key was given; "" when json itself is not an object) and the reason
//  in plain English in error. Either buffer may be NULL with size 0.
ProtobufCMessage *pps_json_to_message (pps_arena_t *arena,
    const ProtobufCMessageDescriptor *descriptor, const json_t *json,
    char *field, size_t field_size, char *error, size_t error_size);

//  Set dotted_key to value, a string, in object, as the gateway does for each
//  key=value pair of a query string before pps_json_to_message reads it: a
//  dotted key ("member.category") makes nested objects, a key given again
//  turns its value into an array of every value given, in order. Keys are
//  kept as given (either name of a field). Returns 0, or -1 with the reason
//  in error when the key has an empty part ("a..b") or sets both a value
//  and a nested field of the same key ("member=1" and "member.category=2").
int pps_json_set_path (json_t *object, const char *dotted_key, const char *value,
                       char *error, size_t error_size);

#endif
