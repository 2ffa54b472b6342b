/*  pps-web: the region's HTTP/JSON gateway as its own program (under
    systemd, or pps-region --processes); pps-region runs the same gateway
    as a thread by default. Flags as every pps program: -c, -v, --version,
    --help.  */
#include "web_gateway.h"
#include "pps_keys.h"
#include "pps_runner.h"

#include <czmq.h>
#include <sodium.h>

int
main (int argc, char **argv)
{
    pps_runner_options_t options;
    int rc = pps_runner_parse (argc, argv, "pps-web", &options, false);
    if (rc)
        return rc < 0 ? 2 : 0;
    if (sodium_init () < 0)
        return 1;
    zsys_init ();
    zsys_set_logident ("pps-web");
    pps_config_t *config = pps_config_load (options.config_path);
    if (!config)
        return 1;
    //  Over CURVE the gateway calls the services with its own key, whose
    //  role (gateway) lets the actor it states be recorded
    if (!*pps_config_get (config, "security/client_cert", "")) {
        char *cert = zsys_sprintf ("%s/web.cert", pps_config_get (config, "security/keys_dir",
                                                                  "/etc/pps/keys"));
        pps_config_set (config, "security/client_cert", cert);
        zstr_free (&cert);
    }
    if (pps_keys_setup (config, NULL)) {
        pps_config_destroy (&config);
        return 1;
    }
    if (!web_gateway_enabled (config)) {
        zsys_info ("web: web/bind is off: no API to serve");
        pps_config_destroy (&config);
        return 0;
    }
    web_gateway_t *gateway = web_gateway_new (config);
    if (!gateway) {
        pps_config_destroy (&config);
        return 1;
    }
    pps_runner_wait_for_signal ();
    zsys_info ("web: stopping");
    web_gateway_destroy (&gateway);
    pps_config_destroy (&config);
    return 0;
}
