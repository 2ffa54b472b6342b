/*  pps_arena: a bump allocator that lives as long as one request.  */
#include "pps_arena.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_SIZE (64 * 1024)
#define ARENA_ALIGN      16

//  Under AddressSanitizer (cmake -DPPS_SANITIZE=ON, the fuzz build) the
//  bytes of a block not handed out are poisoned, and a reset frees every
//  block, the oldest too, instead of keeping it for reuse: a pointer kept
//  across pps_arena_reset then points into freed memory that ASan keeps in
//  quarantine, and its use is a use-after-free report, not a silent read of
//  whatever the next request wrote there.
#if defined (__SANITIZE_ADDRESS__)
#   define ARENA_ASAN 1
#elif defined (__has_feature)
#   if __has_feature (address_sanitizer)
#       define ARENA_ASAN 1
#   endif
#endif
#if defined (ARENA_ASAN)
#   include <sanitizer/asan_interface.h>
#else
#   define ASAN_POISON_MEMORY_REGION(address, size)   ((void) (address), (void) (size))
#   define ASAN_UNPOISON_MEMORY_REGION(address, size) ((void) (address), (void) (size))
#endif

typedef struct arena_block {
    struct arena_block *next;     //  Older block
    size_t size;                  //  Usable bytes in data
    size_t used;                  //  Bytes handed out
    _Alignas (ARENA_ALIGN) unsigned char data [];
} arena_block_t;

struct _pps_arena_t {
    arena_block_t *head;          //  Current block, newest first
    ProtobufCAllocator allocator; //  Protobuf-c view of this arena
};

static arena_block_t *
s_block_new (size_t size)
{
    arena_block_t *block = malloc (sizeof (arena_block_t) + size);
    if (!block)
        abort ();
    block->next = NULL;
    block->size = size;
    block->used = 0;
    ASAN_POISON_MEMORY_REGION (block->data, size);
    return block;
}

static void *
s_pb_alloc (void *data, size_t size)
{
    return pps_arena_alloc ((pps_arena_t *) data, size);
}

static void
s_pb_free (void *data, void *pointer)
{
    (void) data;
    (void) pointer;
}

pps_arena_t *
pps_arena_new (void)
{
    pps_arena_t *self = calloc (1, sizeof (pps_arena_t));
    if (!self)
        return NULL;
    self->head = s_block_new (ARENA_BLOCK_SIZE);
    self->allocator.alloc = s_pb_alloc;
    self->allocator.free = s_pb_free;
    self->allocator.allocator_data = self;
    return self;
}

void
pps_arena_destroy (pps_arena_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_arena_t *self = *self_p;
        while (self->head) {
            arena_block_t *next = self->head->next;
            free (self->head);
            self->head = next;
        }
        free (self);
        *self_p = NULL;
    }
}

void *
pps_arena_alloc (pps_arena_t *self, size_t size)
{
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t) (ARENA_ALIGN - 1);
    if (rounded == 0)
        rounded = ARENA_ALIGN;
    arena_block_t *block = self->head;
    if (block->used + rounded > block->size) {
        //  Large allocations get a block of their own behind the current
        //  one, so the current block keeps serving small ones.
        if (rounded > ARENA_BLOCK_SIZE / 4) {
            arena_block_t *big = s_block_new (rounded);
            big->used = rounded;
            big->next = block->next;
            block->next = big;
            ASAN_UNPOISON_MEMORY_REGION (big->data, size);
            memset (big->data, 0, size);
            return big->data;
        }
        block = s_block_new (ARENA_BLOCK_SIZE);
        block->next = self->head;
        self->head = block;
    }
    void *pointer = block->data + block->used;
    block->used += rounded;
    //  Only the bytes asked for: the rounding stays poisoned
    ASAN_UNPOISON_MEMORY_REGION (pointer, size);
    memset (pointer, 0, size);
    return pointer;
}

char *
pps_arena_strdup (pps_arena_t *self, const char *text)
{
    if (!text)
        text = "";
    size_t size = strlen (text) + 1;
    char *copy = pps_arena_alloc (self, size);
    memcpy (copy, text, size);
    return copy;
}

char *
pps_arena_printf (pps_arena_t *self, const char *format, ...)
{
    va_list args;
    va_start (args, format);
    int size = vsnprintf (NULL, 0, format, args);
    va_end (args);
    if (size < 0)
        return pps_arena_strdup (self, "");
    char *text = pps_arena_alloc (self, (size_t) size + 1);
    va_start (args, format);
    vsnprintf (text, (size_t) size + 1, format, args);
    va_end (args);
    return text;
}

void
pps_arena_reset (pps_arena_t *self)
{
#if defined (ARENA_ASAN)
    //  Free every block: what was handed out goes to ASan's quarantine
    while (self->head) {
        arena_block_t *next = self->head->next;
        free (self->head);
        self->head = next;
    }
    self->head = s_block_new (ARENA_BLOCK_SIZE);
#else
    //  Keep the oldest block (the tail), free the others
    arena_block_t *block = self->head;
    while (block->next) {
        arena_block_t *next = block->next;
        free (block);
        block = next;
    }
    if (block->size != ARENA_BLOCK_SIZE) {
        free (block);
        block = s_block_new (ARENA_BLOCK_SIZE);
    }
    block->used = 0;
    self->head = block;
#endif
}

ProtobufCAllocator *
pps_arena_allocator (pps_arena_t *self)
{
    return &self->allocator;
}

ProtobufCMessage *
pps_arena_unpack (pps_arena_t *self, const ProtobufCMessageDescriptor *descriptor,
                  const void *data, size_t size)
{
    return protobuf_c_message_unpack (descriptor, &self->allocator, size, data);
}

ProtobufCMessage *
pps_arena_message (pps_arena_t *self, const ProtobufCMessageDescriptor *descriptor)
{
    ProtobufCMessage *message = pps_arena_alloc (self, descriptor->sizeof_message);
    descriptor->message_init (message);
    return message;
}

uint8_t *
pps_arena_pack (pps_arena_t *self, const ProtobufCMessage *message, size_t *size_p)
{
    size_t size = protobuf_c_message_get_packed_size (message);
    uint8_t *bytes = pps_arena_alloc (self, size ? size : 1);
    protobuf_c_message_pack (message, bytes);
    *size_p = size;
    return bytes;
}

void
pps_arena_push (pps_arena_t *self, void ***items_p, size_t *count_p, void *item)
{
    size_t count = *count_p;
    //  Capacity is the next power of two at or above count (min 8)
    size_t capacity = 8;
    while (capacity < count)
        capacity *= 2;
    if (count == 0 || count == capacity) {
        size_t grown = count == 0 ? 8 : capacity * 2;
        void **items = pps_arena_alloc (self, grown * sizeof (void *));
        if (count)
            memcpy (items, *items_p, count * sizeof (void *));
        *items_p = items;
    }
    (*items_p) [count] = item;
    *count_p = count + 1;
}

void
pps_arena_test (bool verbose)
{
    (void) verbose;
    pps_arena_t *arena = pps_arena_new ();
    assert (arena);
    char *hello = pps_arena_strdup (arena, "hello");
    assert (strcmp (hello, "hello") == 0);
    uint8_t *big = pps_arena_alloc (arena, 100000);
    big [99999] = 1;
    for (int i = 0; i < 10000; i++) {
        int *value = pps_arena_alloc (arena, sizeof (int));
        assert (((uintptr_t) value % ARENA_ALIGN) == 0);
        assert (*value == 0);
        *value = i;
    }
    char *text = pps_arena_printf (arena, "%s-%d", "n", 42);
    assert (strcmp (text, "n-42") == 0);
    void **items = NULL;
    size_t count = 0;
    for (int i = 0; i < 100; i++)
        pps_arena_push (arena, &items, &count, (void *) (intptr_t) (i + 1));
    assert (count == 100);
    for (int i = 0; i < 100; i++)
        assert (items [i] == (void *) (intptr_t) (i + 1));
    pps_arena_reset (arena);
#if defined (ARENA_ASAN)
    //  What the reset took back is freed, oldest block included
    assert (__asan_address_is_poisoned (hello));
    assert (__asan_address_is_poisoned (text));
#endif
    assert (*(char *) pps_arena_alloc (arena, 1) == 0);
    pps_arena_destroy (&arena);
    pps_arena_destroy (&arena);
    assert (arena == NULL);
}
