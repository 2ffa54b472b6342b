/*  Runs the projects' domain-rule self test (projects_rules_test).  */
#include <czmq.h>
#include "projects_rules.h"

int
main (int argc, char **argv)
{
    bool verbose = argc > 1 && streq (argv [1], "-v");
    printf (" * projects_rules: ");
    fflush (stdout);
    projects_rules_test (verbose);
    printf ("OK\n");
    return 0;
}
