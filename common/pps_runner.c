/*  pps_runner: flags, configuration, start and clean stop of services.  */
#include "pps_runner.h"
#include "pps_actor.h"

#include <curl/curl.h>
#include <getopt.h>
#include <signal.h>

int
pps_runner_parse (int argc, char **argv, const char *program,
                  pps_runner_options_t *options, bool allow_extra)
{
    options->config_path = getenv ("PPS_CONFIG");
    if (options->config_path && !*options->config_path)
        options->config_path = NULL;
    options->verbose = false;
    for (int index = 1; index < argc; index++) {
        const char *arg = argv [index];
        if ((streq (arg, "-c") || streq (arg, "--config")) && index + 1 < argc)
            options->config_path = argv [++index];
        else
        if (streq (arg, "-v") || streq (arg, "--verbose"))
            options->verbose = true;
        else
        if (streq (arg, "-h") || streq (arg, "--help")) {
            printf ("usage: %s [-c CONFIG] [-v]\n"
                    "  -c CONFIG  ZPL configuration file (default: $PPS_CONFIG, else defaults)\n"
                    "  -v         verbose logging\n"
                    "  --version  print the version and exit\n"
                    "  -h         this text\n", program);
            return PPS_RUNNER_HELP;
        }
        else
        if (streq (arg, "--version")) {
            pps_runner_print_version (program);
            return PPS_RUNNER_VERSION;
        }
        else
        if (!allow_extra) {
            fprintf (stderr, "%s: unknown argument '%s' (try -h)\n", program, arg);
            return -1;
        }
    }
    return 0;
}

void
pps_runner_print_version (const char *program)
{
    printf ("%s %s\n", program, PPS_VERSION);
}

int
pps_runner_start (const pps_service_t *const *services, pps_config_t *config,
                  zactor_t **actors)
{
    //  libcurl's global state in this thread, before any actor: made in an
    //  actor, OpenSSL's state for that thread outlived it and was reported
    //  as a leak when the process ended first. The actors' own calls then
    //  only count references. Released by pps_runner_stop.
    if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        zsys_error ("runner: libcurl cannot start");
        return -1;
    }
    //  A signal during the start is taken once every service runs: it
    //  would cut a start handshake halfway (the service "cannot start",
    //  the program exits 1 instead of stopping what it started)
    sigset_t previous;
    pps_signals_hold (&previous);
    size_t count = 0;
    for (; services [count]; count++) {
        actors [count] = pps_server_new (services [count], config);
        if (!actors [count]) {
            pps_runner_stop (actors, count);
            pps_signals_release (&previous);
            return -1;
        }
    }
    pps_signals_release (&previous);
    return 0;
}

void
pps_runner_stop (zactor_t **actors, size_t count)
{
    //  A second SIGTERM (or SIGINT) while we stop would interrupt the wait
    //  of zactor_destroy, which would then return before its actor ends:
    //  the program would free what the actor still uses. We are stopping
    //  already, so this thread takes no more of them
    sigset_t previous;
    pps_signals_hold (&previous);
    //  Stop in reverse order of start
    while (count > 0) {
        count--;
        zactor_destroy (&actors [count]);
    }
    curl_global_cleanup ();
}

void
pps_runner_wait_for_signal (void)
{
    //  czmq's handler sets zsys_interrupted on SIGINT and SIGTERM
    while (!zsys_interrupted)
        zclock_sleep (100);
}

int
pps_runner_serve (const pps_service_t *const *services, pps_config_t *config)
{
    size_t count = 0;
    while (services [count])
        count++;
    zactor_t **actors = calloc (count + 1, sizeof (zactor_t *));
    assert (actors);
    if (pps_runner_start (services, config, actors)) {
        free (actors);
        return 1;
    }
    pps_runner_wait_for_signal ();
    pps_runner_stop (actors, count);
    free (actors);
    return 0;
}

int
pps_runner_main (int argc, char **argv, const char *program, const pps_service_t *service)
{
    pps_runner_options_t options;
    int rc = pps_runner_parse (argc, argv, program, &options, false);
    if (rc)
        return rc < 0 ? 2 : 0;
    zsys_init ();
    zsys_set_logident (program);
    pps_config_t *config = pps_config_load (options.config_path);
    if (!config)
        return 1;
    const pps_service_t *services [] = { service, NULL };
    rc = pps_runner_serve (services, config);
    pps_config_destroy (&config);
    return rc;
}
