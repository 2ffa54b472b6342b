/*  fuzz_decoders: libFuzzer target for the decoders a region runs on
    outside data besides its requests. The first byte chooses:
        0  establishment_csv_parse: the ministry's establishments file, read
           on the client side before an import; a parsed row carries its
           line number (>= 2, the header being line 1), a refusal a message
        1  indicators_outbox_reason: the reason the outbox keeps from the
           national service's answer body; it must be printable (no control
           character) and terminated within its buffer
*/
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "establishment_csv.h"
#include "indicators_outbox_http.h"

static void
s_fail (const char *why)
{
    fprintf (stderr, "fuzz_decoders: %s\n", why);
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *text = (const char *) data + 1;
    size_t length = size - 1;
    if (data [0] % 2 == 0) {
        pps_arena_t *arena = pps_arena_new ();
        Registry__EstablishmentRow **rows = NULL;
        size_t count = 0;
        char error [256];
        memset (error, 0x55, sizeof error);
        if (establishment_csv_parse (text, length, arena, &rows, &count, error, sizeof error)) {
            if (!memchr (error, 0, sizeof error) || !*error)
                s_fail ("a refused CSV without a terminated message");
        }
        else
            for (size_t index = 0; index < count; index++)
                if (!rows [index] || rows [index]->line < 2)
                    s_fail ("a CSV row whose line number is not after the header's (line 1)");
        pps_arena_destroy (&arena);
    }
    else {
        char reason [128];
        memset (reason, 0x55, sizeof reason);
        indicators_outbox_reason (text, length, reason, sizeof reason);
        if (!memchr (reason, 0, sizeof reason))
            s_fail ("the reason is not terminated in its buffer");
        for (const char *c = reason; *c; c++)
            if ((unsigned char) *c < 0x20 || *c == 0x7f)
                s_fail ("a control character in the reason");
    }
    return 0;
}
