/*  fuzz_national_rules: libFuzzer target for the national service's JSON
    validator: the bytes of a POST body parsed as pps-national parses them
    (jansson, duplicate keys refused), then pps_bilan_check and the
    canonical form. Beyond crashes and sanitizer reports, it checks what
    the POST handler relies on:
      - a refusal names its reason (message set, both texts terminated);
      - an accepted document has a string region and period and an integer
        version (the handler builds the idempotency key from them);
      - the canonical form is JSON that parses back, and is a fixed point
        (canonical of the canonical is the same text).
*/
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pps_bilan.h"

static void
s_fail (const char *why)
{
    fprintf (stderr, "fuzz_national_rules: %s\n", why);
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    json_error_t error;
    json_t *document = json_loadb ((const char *) data, size, JSON_REJECT_DUPLICATES, &error);
    if (!document)
        return 0;
    pps_bilan_problem_t problem;
    memset (&problem, 0x55, sizeof problem);
    if (pps_bilan_check (document, &problem)) {
        if (!memchr (problem.field, 0, sizeof problem.field)
        ||  !memchr (problem.message, 0, sizeof problem.message))
            s_fail ("a refusal's field or message is not terminated");
        if (!*problem.message)
            s_fail ("a refusal without a message");
    }
    else
    if (!json_is_string (json_object_get (document, "region"))
    ||  !json_is_string (json_object_get (document, "period"))
    ||  !json_is_integer (json_object_get (document, "version")))
        s_fail ("an accepted document lacks a string region, period or an integer version");

    char *canonical = pps_bilan_canonical (document, NULL);
    if (canonical) {
        json_t *again = json_loads (canonical, JSON_REJECT_DUPLICATES, &error);
        if (!again)
            s_fail ("the canonical form does not parse back");
        char *twice = pps_bilan_canonical (again, NULL);
        if (!twice || strcmp (canonical, twice) != 0)
            s_fail ("the canonical form is not a fixed point");
        free (twice);
        json_decref (again);
        free (canonical);
    }
    json_decref (document);
    return 0;
}
