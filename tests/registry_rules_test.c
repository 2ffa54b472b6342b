/*  Runs the registry's domain-rule self test (registry_rules_test).  */
#include <czmq.h>
#include "registry_rules.h"

int
main (int argc, char **argv)
{
    bool verbose = argc > 1 && streq (argv [1], "-v");
    printf (" * registry_rules: ");
    fflush (stdout);
    registry_rules_test (verbose);
    printf ("OK\n");
    return 0;
}
