/*  sample_call: what every sample loader does to call a service: send one
    request under a fixed request id (writes, so that a second load replays
    the first answers) or a fresh one (reads), and stop the load, with a log
    line, at the first refusal.
*/
#ifndef SAMPLE_CALL_H_INCLUDED
#define SAMPLE_CALL_H_INCLUDED

#include "pps_client.h"

//  Send request (any service's envelope) as actor "sample" under request_id
//  (NULL: a fresh id) and return the reply, unpacked into arena as
//  reply_type, when its status is OK. Otherwise log what failed, set
//  *failed_p and return NULL; does nothing once *failed_p is set.
ProtobufCMessage *sample_call (pps_client_t *client, pps_arena_t *arena, ProtobufCMessage *request,
                               const ProtobufCMessageDescriptor *reply_type,
                               const char *request_id, const char *what, bool *failed_p);

//  A date from a "YYYY-MM-DD" literal of the sample, in arena.
Pps__Date *sample_date (pps_arena_t *arena, const char *text);

#endif
