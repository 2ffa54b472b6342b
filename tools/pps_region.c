/*  pps-region: a whole region in one process (the embedded default).

    Every regional service runs as an actor of this process, each on its own
    ipc:// endpoints under the data directory, so ppsctl and other processes
    reach them as they would reach separate programs. With --sample it then
    loads the sample data of the configured region (Hauts-de-France, "32",
    by default) through the services' own API: activity of 2023 to 2026
    (sample_load.h), and when a national service is configured the bilans
    of 2023, 2024 and 2025 finalised and queued for it (sample_bilans.h).

    With --processes, each service runs instead as its own program
    (pps-<service>, beside this one) with the same configuration, supervised
    by this process: restarted when it dies, stopped by PID on SIGINT or
    SIGTERM (see pps_supervisor.h).

    It leaves <data_dir>/region.cfg, where ppsctl looks for its
    configuration when given none (ppsctl help, "configuration"): a link to
    the file it was started with, or a file saying it runs on built-in
    defaults. So ppsctl run from the same directory talks to this region,
    national service included, without -c.
*/
#include "registry.h"
#include "projects.h"
#include "training.h"
#include "funding.h"
#include "indicators.h"
#include "notify.h"
#include "pps_runner.h"
#include "sample_load.h"
#include "sample_bilans.h"
#include "pps_supervisor.h"
#include "web_gateway.h"
#include "pps_keys.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

//  What pps-region leaves in its data directory for ppsctl, and the first
//  line of that file when the region runs on built-in defaults.
#define CONFIG_LEFT      "region.cfg"
#define DEFAULTS_MARKER  "#   pps-region runs on built-in defaults"

//  Where the ministry's establishments file is looked for, in order.
static const char *s_csv_candidates [] = {
    "../shared/data/etablissements_penitentiaires.csv",
    "shared/data/etablissements_penitentiaires.csv",
    "/usr/share/pps/etablissements_penitentiaires.csv",
    NULL
};

static void
s_usage (void)
{
    printf ("usage: pps-region [-c CONFIG] [-v] [--processes] [--sample] [--csv FILE]\n"
            "  -c CONFIG   ZPL configuration (default: $PPS_CONFIG, else built-in defaults:\n"
            "              region 32, data under ./var/pps, ipc endpoints)\n"
            "  --processes each service as its own program (pps-<service> beside\n"
            "              pps-region), restarted when it dies\n"
            "  --sample    load the region's sample data (2023 to 2026) once the services\n"
            "              are up, and finalise its bilans of 2023 to 2025 when\n"
            "              national/url is set\n"
            "  --csv FILE  the ministry's establishments CSV for --sample\n"
            "              (default: ../shared/data/etablissements_penitentiaires.csv)\n"
            "  --version   print the version and exit\n"
            "  -h, --help  this text\n");
}

//  Leave <data_dir>/region.cfg for ppsctl: a link to config_path, or a
//  file saying that the region runs on defaults. A file there that
//  pps-region did not write is left alone (with a warning).
static void
s_leave_config (pps_config_t *config, const char *config_path)
{
    char *path = zsys_sprintf ("%s/" CONFIG_LEFT, pps_config_data_dir (config));
    char *temporary = zsys_sprintf ("%s.%d", path, (int) getpid ());
    struct stat status;
    bool ours = lstat (path, &status) != 0 || S_ISLNK (status.st_mode);
    if (!ours && S_ISREG (status.st_mode)) {
        FILE *file = fopen (path, "r");
        char line [128] = "";
        if (file && fgets (line, sizeof line, file))
            ours = strncmp (line, DEFAULTS_MARKER, strlen (DEFAULTS_MARKER)) == 0;
        if (file)
            fclose (file);
    }
    char target [PATH_MAX];
    int rc = -1;
    if (!ours)
        zsys_warning ("%s was not written by pps-region: left as it is (ppsctl reads it)", path);
    else
    if (config_path) {
        if (realpath (config_path, target))
            rc = symlink (target, temporary);
    }
    else {
        //  0640, as everything under the data directory
        int handle = open (temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        FILE *file = handle >= 0 ? fdopen (handle, "w") : NULL;
        if (file) {
            fprintf (file, DEFAULTS_MARKER " (no -c, no $PPS_CONFIG):\n"
                           "#   ppsctl reads this empty configuration, the same defaults.\n");
            rc = fclose (file);
        }
    }
    if (ours && (rc || rename (temporary, path))) {
        zsys_warning ("cannot write %s (%s): ppsctl needs -c there", path, strerror (errno));
        unlink (temporary);
    }
    zstr_free (&temporary);
    zstr_free (&path);
}

//  The years whose bilans the sample finalises, and how long it waits for
//  the read model to apply what the sample wrote.
#define SAMPLE_BILANS_FROM  2023
#define SAMPLE_BILANS_TO    2025
#define SAMPLE_BILANS_WAIT  60000

//  Loads the sample of the configured region, and finalises its bilans of
//  2023 to 2025 when a national service is configured; returns 0 or -1.
static int
s_load_sample (pps_config_t *config, const char *csv_path)
{
    if (sample_load (config, csv_path))
        return -1;
    //  Without a national service the outbox could only give up on them
    //  (an entry needing an operator, `ppsctl status` failing): the bilans
    //  stay drafts until the region runs with national/url
    if (!pps_config_get (config, "national/url", NULL)) {
        zsys_info ("sample: no national service configured (national/url): the bilans of "
                   "%d to %d are left as drafts; with -c deploy/demo/region-32.cfg they are "
                   "finalised and pushed", SAMPLE_BILANS_FROM, SAMPLE_BILANS_TO);
        return 0;
    }
    return sample_bilans_finalise (config, SAMPLE_BILANS_FROM, SAMPLE_BILANS_TO,
                                   SAMPLE_BILANS_WAIT);
}

//  The multi-process mode: each service its own supervised program.
//  Returns the exit code.
static int
s_run_processes (const pps_service_t *const *services, size_t count,
                 const pps_runner_options_t *options, pps_config_t *config, bool sample,
                 const char *csv_path)
{
    const char **names = calloc (count + 2, sizeof (char *));
    assert (names);
    for (size_t index = 0; index < count; index++)
        names [index] = services [index]->name;
    if (web_gateway_enabled (config))
        names [count] = "web";        //  pps-web, the gateway
    const char *names_first = services [0]->name;
    pps_supervisor_t *supervisor = pps_supervisor_new (names, options->config_path,
                                                       options->verbose);
    free (names);
    if (!supervisor || pps_supervisor_start (supervisor)) {
        pps_supervisor_destroy (&supervisor);
        return 1;
    }
    //  The supervisor calls the services (readiness, sample) with the first
    //  one's key when their tcp endpoints use CURVE
    int rc = pps_keys_setup (config, names_first) ? 1 : 0;
    if (rc == 0 && pps_supervisor_wait_ready (supervisor, config, 30000) == 0)
        zsys_info ("region %s: %zu service processes up, data in %s", pps_config_region (config),
                   count, pps_config_data_dir (config));
    else
    if (rc || zsys_interrupted)
        ;
    else
    if (sample)
        rc = 1;
    else
        zsys_warning ("region %s: supervising the services that do not answer yet",
                      pps_config_region (config));
    if (rc == 0 && sample && !zsys_interrupted && s_load_sample (config, csv_path))
        rc = 1;
    if (rc == 0 && !zsys_interrupted) {
        zsys_info ("region %s ready; try: build/bin/ppsctl status  (Ctrl-C stops the region)",
                   pps_config_region (config));
        pps_supervisor_run (supervisor);
    }
    pps_supervisor_destroy (&supervisor);
    return rc;
}

static int
s_user_seen (const web_user_t *user, void *arg)
{
    *(bool *) arg = true;
    return 1;                         //  One is enough
}

//  Where a person goes: the console and the API, and, while nobody has an
//  account, how the first admin gets one.
static void
s_announce_console (pps_config_t *config, web_gateway_t *gateway)
{
    const char *bind = pps_config_get (config, "web/bind", "127.0.0.1:8090");
    char host [256];
    snprintf (host, sizeof host, "%s", bind);
    char *colon = strrchr (host, ':');
    if (colon)
        *colon = 0;
    const char *scheme = *pps_config_get (config, "web/tls_cert", "") ? "https" : "http";
    unsigned port = web_gateway_port (gateway);
    zsys_info ("region %s: console on %s://%s:%u/  (API under /api/v1/, see docs/web.md)",
               pps_config_region (config), scheme, host, port);
    bool any_user = false;
    web_user_list (web_gateway_accounts (gateway), pps_now_ms (), s_user_seen, &any_user);
    if (!any_user)
        zsys_info ("region %s: no account yet; create the first admin, once, with: "
                   "build/bin/ppsctl user bootstrap LOGIN --name \"FIRST LAST\"",
                   pps_config_region (config));
}

int
main (int argc, char **argv)
{
    bool sample = false, processes = false;
    const char *csv_path = getenv ("PPS_SAMPLE_CSV");
    for (int index = 1; index < argc; index++) {
        if (streq (argv [index], "--sample"))
            sample = true;
        else
        if (streq (argv [index], "--processes"))
            processes = true;
        else
        if (streq (argv [index], "--csv") && index + 1 < argc)
            csv_path = argv [++index];
        else
        if (streq (argv [index], "-h") || streq (argv [index], "--help")) {
            s_usage ();
            return 0;
        }
        else
        if (streq (argv [index], "--version")) {
            pps_runner_print_version ("pps-region");
            return 0;
        }
    }
    pps_runner_options_t options;
    if (pps_runner_parse (argc, argv, "pps-region", &options, true))
        return 2;
    for (const char **candidate = s_csv_candidates; !csv_path && *candidate; candidate++)
        if (access (*candidate, R_OK) == 0)
            csv_path = *candidate;
    if (sample && !csv_path) {
        fprintf (stderr, "pps-region: --sample needs the establishments CSV (--csv FILE)\n");
        return 2;
    }
    if (sodium_init () < 0)
        return 1;
    zsys_init ();
    zsys_set_logident ("pps-region");
    pps_config_t *config = pps_config_load (options.config_path);
    if (!config)
        return 1;
    s_leave_config (config, options.config_path);
    const pps_service_t *services [] = {
        &registry_service, &projects_service, &training_service, &funding_service,
        &indicators_service, &notify_service, NULL
    };
    zactor_t *actors [sizeof services / sizeof services [0]] = { NULL };
    size_t count = sizeof services / sizeof services [0] - 1;
    if (processes) {
        int rc = s_run_processes (services, count, &options, config, sample, csv_path);
        pps_config_destroy (&config);
        return rc;
    }
    if (pps_runner_start (services, config, actors)) {
        pps_config_destroy (&config);
        return 1;
    }
    zsys_info ("region %s: %zu services up, data in %s", pps_config_region (config), count,
               pps_config_data_dir (config));
    int rc = 0;
    if (sample && s_load_sample (config, csv_path))
        rc = 1;
    //  The gateway, once the services answer, so that it finds them; none
    //  when a signal came during the start: we are stopping already
    bool stopping = zsys_interrupted;
    bool api = web_gateway_enabled (config);
    web_gateway_t *gateway = rc == 0 && api && !stopping ? web_gateway_new (config) : NULL;
    if (rc == 0 && api && !stopping && !gateway)
        rc = 1;
    if (rc == 0 && !stopping) {
        zsys_info ("region %s ready; try: build/bin/ppsctl status  (Ctrl-C stops the region)",
                   pps_config_region (config));
        if (api)
            s_announce_console (config, gateway);
        else
            zsys_info ("region %s: no API (web/bind = off)", pps_config_region (config));
        pps_runner_wait_for_signal ();
    }
    web_gateway_destroy (&gateway);
    pps_runner_stop (actors, count);
    pps_config_destroy (&config);
    return rc;
}
