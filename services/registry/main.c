/*  pps-registry: the registry service as its own process.  */
#include "registry.h"
#include "pps_runner.h"

int
main (int argc, char **argv)
{
    pps_runner_options_t options;
    int rc = pps_runner_parse (argc, argv, "pps-registry", &options, false);
    if (rc)
        return rc < 0 ? 2 : 0;
    zsys_init ();
    zsys_set_logident ("pps-registry");
    pps_config_t *config = pps_config_load (options.config_path);
    if (!config)
        return 1;
    const pps_service_t *services [] = { &registry_service, NULL };
    rc = pps_runner_serve (services, config);
    pps_config_destroy (&config);
    return rc;
}
