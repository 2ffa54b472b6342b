/*  pps-national: the national service as its own process. Receives the
    regions' bilans over HTTP, stores them, answers the national aggregate.

        pps-national [-c CONFIG] [-v]     serve until SIGINT or SIGTERM
        pps-national --hash-token TOKEN   print the SHA-256 hex to configure
                                          (TOKEN "-": read one line from stdin,
                                          so that it stays out of ps and history)
        pps-national --version | --help
    Configuration: see national_settings.h.  */
#include "national_http.h"
#include "pps_runner.h"

#define PROGRAM "pps-national"

//  Print the hash of the token given on the command line or on stdin.
static int
s_hash_token (const char *token)
{
    char line [1024];
    if (streq (token, "-")) {
        if (!fgets (line, sizeof line, stdin)) {
            fprintf (stderr, PROGRAM ": no token on stdin\n");
            return 2;
        }
        line [strcspn (line, "\r\n")] = 0;
        token = line;
    }
    if (!*token) {
        fprintf (stderr, PROGRAM ": empty token\n");
        return 2;
    }
    char hex [NATIONAL_HASH_HEX];
    national_sha256_hex (token, strlen (token), hex);
    sodium_memzero (line, sizeof line);
    printf ("%s\n", hex);
    return 0;
}

//  Visitor that stops at the first user: *arg becomes true.
static int
s_any_user (const web_user_t *user, void *arg)
{
    (void) user;
    *(bool *) arg = true;
    return 1;
}

//  Say where the console is and, before the first account exists, how to
//  make it: the operator who just started the service reads it here.
static void
s_tell_console (const national_settings_t *settings, pps_config_t *config, web_auth_t *auth)
{
    zsys_info ("national: the console on http%s://%s:%u/ (docs/national.md)",
               *settings->tls_cert ? "s" : "", settings->bind_address, (unsigned) settings->port);
    bool exists = false;
    web_user_list (web_auth_accounts (auth), zclock_time (), s_any_user, &exists);
    if (!exists)
        zsys_info ("national: no account yet; make the first admin with: "
                   "ppsctl -c %s user bootstrap LOGIN --name \"DISPLAY NAME\"",
                   pps_config_path (config) ? pps_config_path (config) : "NATIONAL.cfg");
}

//  Open the store, serve until a signal, close. Returns the exit code.
static int
s_serve (pps_config_t *config)
{
    national_settings_t *settings = calloc (1, sizeof (national_settings_t));
    assert (settings);
    int rc = 1;
    national_t service = { .settings = settings, .started_ms = zclock_time () };
    national_http_t *http = NULL;
    if (national_settings_load (settings, config))
        goto done;
    service.store = national_store_open (settings->store_path, settings->map_bytes);
    if (!service.store)
        goto done;
    //  The console's accounts: the region's mechanism, in <data_dir>/web
    service.auth = web_auth_new (config, "national");
    if (!service.auth)
        goto done;
    http = national_http_new (&service);
    if (!http)
        goto done;
    s_tell_console (settings, config, service.auth);
    pps_runner_wait_for_signal ();
    zsys_info ("national: stopping");
    rc = 0;
done:
    national_http_destroy (&http);
    web_auth_destroy (&service.auth);
    national_store_destroy (&service.store);
    free (settings);
    return rc;
}

int
main (int argc, char **argv)
{
    if (sodium_init () < 0) {
        fprintf (stderr, PROGRAM ": libsodium cannot start\n");
        return 1;
    }
    if (argc >= 2 && streq (argv [1], "--hash-token")) {
        if (argc != 3) {
            fprintf (stderr, "usage: " PROGRAM " --hash-token TOKEN|-\n");
            return 2;
        }
        return s_hash_token (argv [2]);
    }
    pps_runner_options_t options;
    int rc = pps_runner_parse (argc, argv, PROGRAM, &options, false);
    if (rc == PPS_RUNNER_HELP)
        printf ("   or: " PROGRAM " --hash-token TOKEN|-  print the SHA-256 hex of a token\n"
                "                                       for national/tokens/<region>\n");
    if (rc)
        return rc < 0 ? 2 : 0;
    zsys_init ();
    zsys_set_logident (PROGRAM);
    pps_config_t *config = pps_config_load (options.config_path);
    if (!config)
        return 1;
    rc = s_serve (config);
    pps_config_destroy (&config);
    return rc;
}
