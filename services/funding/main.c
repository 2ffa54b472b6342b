/*  pps-funding: the funding service as its own process.  */
#include "funding.h"
#include "pps_runner.h"

int
main (int argc, char **argv)
{
    return pps_runner_main (argc, argv, "pps-funding", &funding_service);
}
