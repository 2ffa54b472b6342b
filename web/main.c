/*  pps-web: the region's HTTP/JSON gateway as its own program (under
    systemd, or pps-region --processes); pps-region runs the same gateway
    as a thread by default.  */
#include "web_gateway.h"

#include <czmq.h>
#include <sodium.h>

static void
s_usage (FILE *out)
{
    fprintf (out, "usage: pps-web [-c CONFIG] [--version] [--help]\n"
                  "  -c CONFIG   ZPL configuration (default: $PPS_CONFIG, else built-in defaults)\n"
                  "  Serves web/bind (default 127.0.0.1:8090); see docs/web.md.\n");
}

int
main (int argc, char **argv)
{
    const char *path = getenv ("PPS_CONFIG");
    for (int index = 1; index < argc; index++) {
        if (streq (argv [index], "--version")) {
            printf ("pps-web %s\n", PPS_VERSION);
            return 0;
        }
        if (streq (argv [index], "-h") || streq (argv [index], "--help")) {
            s_usage (stdout);
            return 0;
        }
        if (streq (argv [index], "-c") && index + 1 < argc)
            path = argv [++index];
        else {
            s_usage (stderr);
            return 2;
        }
    }
    if (sodium_init () < 0)
        return 1;
    zsys_init ();
    zsys_set_logident ("pps-web");
    pps_config_t *config = pps_config_load (path);
    if (!config)
        return 1;
    web_gateway_t *gateway = web_gateway_new (config);
    if (!gateway) {
        pps_config_destroy (&config);
        return 1;
    }
    //  Until SIGINT or SIGTERM (czmq's handler sets zsys_interrupted)
    while (!zsys_interrupted)
        zclock_sleep (200);
    zsys_info ("web: stopping");
    web_gateway_destroy (&gateway);
    pps_config_destroy (&config);
    return 0;
}
