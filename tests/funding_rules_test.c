/*  Runs the funding service's domain-rule self test (funding_rules_test).  */
#include <czmq.h>
#include "funding_rules.h"

int
main (int argc, char **argv)
{
    bool verbose = argc > 1 && streq (argv [1], "-v");
    printf (" * funding_rules: ");
    fflush (stdout);
    funding_rules_test (verbose);
    printf ("OK\n");
    return 0;
}
