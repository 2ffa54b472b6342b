/*  pps-projects: the projects service as its own process.  */
#include "projects.h"
#include "pps_runner.h"

int
main (int argc, char **argv)
{
    return pps_runner_main (argc, argv, "pps-projects", &projects_service);
}
