/*  Runs the training service's counting-rule self test (training_rules_test).  */
#include <czmq.h>
#include "training_rules.h"

int
main (int argc, char **argv)
{
    bool verbose = argc > 1 && streq (argv [1], "-v");
    printf (" * training_rules: ");
    fflush (stdout);
    training_rules_test (verbose);
    printf ("OK\n");
    return 0;
}
