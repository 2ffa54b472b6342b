/*  pps-notify: the notify service as its own process.  */
#include "notify.h"
#include "pps_runner.h"

#include <sodium.h>

int
main (int argc, char **argv)
{
    if (sodium_init () < 0)
        return 1;
    return pps_runner_main (argc, argv, "pps-notify", &notify_service);
}
