/*  pps_arena: a bump allocator that lives as long as one request.

    Records read from LMDB are unpacked into the arena (so they are copied out
    of the transaction's memory), replies are built in it, and everything is
    released at once with pps_arena_reset when the reply has left. It also
    serves as a ProtobufCAllocator for protobuf_c_message_unpack.
*/
#ifndef PPS_ARENA_H_INCLUDED
#define PPS_ARENA_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

typedef struct _pps_arena_t pps_arena_t;

//  Create an empty arena. Caller owns return value and must destroy it.
pps_arena_t *pps_arena_new (void);

//  Free every block and the arena; sets *self_p to NULL.
void pps_arena_destroy (pps_arena_t **self_p);

//  Allocate size zeroed bytes, aligned for any type; never returns NULL
//  (an allocation failure aborts: the process cannot serve without memory).
//  The memory belongs to the arena until the next reset.
void *pps_arena_alloc (pps_arena_t *self, size_t size);

//  Copy a string (NULL gives ""); owned by the arena.
char *pps_arena_strdup (pps_arena_t *self, const char *text);

//  printf into the arena.
char *pps_arena_printf (pps_arena_t *self, const char *format, ...)
    __attribute__ ((format (printf, 2, 3)));

//  Release everything allocated since the last reset, keep one block.
void pps_arena_reset (pps_arena_t *self);

//  A protobuf-c allocator that allocates from this arena (frees are no-ops).
ProtobufCAllocator *pps_arena_allocator (pps_arena_t *self);

//  Unpack a message into the arena; NULL when the bytes are not a valid
//  message of that type.
ProtobufCMessage *pps_arena_unpack (pps_arena_t *self,
    const ProtobufCMessageDescriptor *descriptor, const void *data, size_t size);

//  Allocate and initialise an empty message of that type in the arena.
ProtobufCMessage *pps_arena_message (pps_arena_t *self,
    const ProtobufCMessageDescriptor *descriptor);

//  Pack a message into the arena; returns the bytes, sets *size_p.
uint8_t *pps_arena_pack (pps_arena_t *self, const ProtobufCMessage *message,
    size_t *size_p);

//  Append item to an array of pointers kept in the arena, growing it by
//  doubling; *items_p and *count_p are updated (start with NULL and 0).
//  Only for arrays built by this function: its capacity is derived from the
//  count, so an array from protobuf_c unpack must be copied first.
void pps_arena_push (pps_arena_t *self, void ***items_p, size_t *count_p, void *item);

//  Self test.
void pps_arena_test (bool verbose);

#endif
