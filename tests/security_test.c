/*  security_test: the self test of pps_security (roles, identities over
    ipc and over CURVE, the socket factory's keys), in a process of its own
    because CURVE settings are process-wide.  */
#include "pps_security.h"

int
main (int argc, char **argv)
{
    bool verbose = argc > 1 && streq (argv [1], "-v");
    zsys_init ();
    pps_security_test (verbose);
    printf ("security: OK\n");
    return 0;
}
