/*  national_selftest: the self tests of pps-national's classes, one per
    ctest entry (national.<class>).  */
#include "national_aggregate.h"
#include "national_settings.h"
#include "national_store.h"
#include "national_views.h"

typedef struct {
    const char *name;
    void (*test) (bool verbose);
} selftest_t;

static const selftest_t s_tests [] = {
    { "settings", national_settings_test },
    { "aggregate", national_aggregate_test },
    { "store", national_store_test },
    { "views", national_views_test },
};

int
main (int argc, char **argv)
{
    bool verbose = argc > 2 && streq (argv [2], "-v");
    if (sodium_init () < 0)
        return 1;
    for (size_t index = 0; index < sizeof s_tests / sizeof s_tests [0]; index++)
        if (argc < 2 || streq (argv [1], s_tests [index].name)) {
            printf ("national.%s: ", s_tests [index].name);
            fflush (stdout);
            s_tests [index].test (verbose);
            printf ("OK\n");
        }
    return 0;
}
