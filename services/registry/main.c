/*  pps-registry: the registry service as its own process.  */
#include "registry.h"
#include "pps_runner.h"

int
main (int argc, char **argv)
{
    return pps_runner_main (argc, argv, "pps-registry", &registry_service);
}
