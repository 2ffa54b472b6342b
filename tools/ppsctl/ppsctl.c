/*  ppsctl: the operators' command-line tool. Reads the global flags and
    the configuration, then hands the rest of the command line to a command.
    See ppsctl.h for how the parts fit.  */
#include "ppsctl.h"
#include "ppsctl_national.h"
#include "ppsctl_bilan.h"
#include "ppsctl_notify.h"
#include "ppsctl_metrics.h"
#include "ppsctl_backup.h"

#include <errno.h>
#include "pps_keys.h"
#include "registry.pb-c.h"
#include "projects.pb-c.h"
#include "training.pb-c.h"
#include "funding.pb-c.h"
#include "indicators.pb-c.h"
#include "notify.pb-c.h"

//  Every service of a region. A new service is one line here: its generic
//  `ppsctl <service> <op>` commands, status, events and watch follow.
const ppsctl_service_t ppsctl_services [] = {
    { "registry", &registry__registry_request__descriptor,
      &registry__registry_reply__descriptor, &registry__registry_event__descriptor },
    { "projects", &projects__projects_request__descriptor,
      &projects__projects_reply__descriptor, &projects__projects_event__descriptor },
    { "training", &training__training_request__descriptor,
      &training__training_reply__descriptor, &training__training_event__descriptor },
    { "funding", &funding__funding_request__descriptor,
      &funding__funding_reply__descriptor, &funding__funding_event__descriptor },
    { "indicators", &indicators__indicators_request__descriptor,
      &indicators__indicators_reply__descriptor, &indicators__indicators_event__descriptor },
    { "notify", &notify__notify_request__descriptor,
      &notify__notify_reply__descriptor, &notify__notify_event__descriptor },
    { NULL, NULL, NULL, NULL }
};

#define DEFAULT_TIMEOUT_MS 5000

const ppsctl_service_t *
ppsctl_service_find (const char *name)
{
    for (const ppsctl_service_t *service = ppsctl_services; service->name; service++)
        if (streq (service->name, name))
            return service;
    return NULL;
}

int
ppsctl_parse_int (const char *text, int64_t min, int64_t max, int64_t *value_p)
{
    //  strtoll alone accepts leading blanks, a '+' and an empty string
    if (!text || !(isdigit ((unsigned char) *text) || (*text == '-' && isdigit ((unsigned char) text [1]))))
        return -1;
    char *end;
    errno = 0;
    long long value = strtoll (text, &end, 10);
    if (*end || errno || value < min || value > max)
        return -1;
    *value_p = value;
    return 0;
}

//  The usage of every command.
static void
s_usage (FILE *out)
{
    fprintf (out,
"usage: ppsctl [global flags] COMMAND [arguments]\n"
"\n"
"global flags (anywhere on the line, before a '--'):\n"
"  -c CONFIG          configuration file (default: $PPS_CONFIG, else defaults)\n"
"  --json             JSON output\n"
"  --timeout MS       how long to wait for a reply (default %d)\n"
"  --actor NAME       who is acting, recorded in the event log (default $USER)\n"
"  --request-id ID    id of a write, to retry it safely (default: a fresh one)\n"
"  --cert FILE        your CURVE certificate (pps-keygen) for services over tcp with\n"
"                     security/curve = 1 (default: $PPS_SECURITY_CLIENT_CERT)\n"
"\n"
"commands:\n"
"  SERVICE help                      operations of a service\n"
"  SERVICE OP --help                 fields of an operation\n"
"  SERVICE OP [field=value ...]      run any operation, e.g.\n"
"      ppsctl registry create-establishment name=\"MA Test\" kind=MA region_code=32 code=X1\n"
"      ppsctl registry add-member committee_id=1 member.category=SPIP_MEMBER member.person_id=4\n"
"      ppsctl registry list-directorates region_code=32\n"
"    values: enums by name or number, dates YYYY-MM-DD, booleans true/false,\n"
"    nested fields by dotted path, list elements by index (list.0.field=...),\n"
"    repeated values by repeating the key or separated by commas\n"
"  import establishments FILE [--region CODE | --all-regions]\n"
"                                    import the ministry's CSV (default: this region)\n"
"  vacancies REGION [--date YYYY-MM-DD]\n"
"                                    referent roles without anyone (default: today)\n"
"  status [--max-lag N] [--wait MS]  health of every service (and national's when\n"
"                                    national/url is set); exit 1 when one is down,\n"
"                                    a reader lags more than N events (default 100)\n"
"                                    or an outbox entry needs an operator\n"
"  metrics [--output FILE] [--wait MS]\n"
"                                    the same in Prometheus text format (FILE is\n"
"                                    replaced atomically, for node_exporter)\n"
"  backup DIR                        hot copy of every service's LMDB into DIR\n"
"                                    (absent or empty) with a MANIFEST\n"
"  events SERVICE [--since SEQ] [--limit N]\n"
"                                    a service's event log\n"
"  watch [TOPIC-PREFIX] [--since SEQ] [--count N] [--for SECONDS] [--heartbeats]\n"
"                                    events as they happen, until Ctrl-C\n"
"  national status|aggregate|regions [--period YYYY] [--url URL]\n"
"                                    the national service (HTTP): status, aggregate, per region\n"
"  bilan compute|show|finalise|list|export [--region R] [--year Y] ...\n"
"                                    the yearly bilan (see ppsctl bilan help)\n"
"  outbox [list] | outbox retry KEY  bilans on their way to the national service\n"
"  notifications [--state S] [--kind K]  referent-turnover notifications and their deliveries\n"
"  help                              this text\n"
"\n"
"services:", DEFAULT_TIMEOUT_MS);
    for (const ppsctl_service_t *service = ppsctl_services; service->name; service++)
        fprintf (out, " %s", service->name);
    fprintf (out,
"\n\n"
"exit status: 0 done, 1 refused by the service (or a service down), 2 bad\n"
"command line (nothing sent), 3 service unreachable.\n");
}

//  Take the global flags out of argv (compacting it); returns 0, or -1 with
//  the error printed.
static int
s_parse_globals (ppsctl_t *self, int *argc_p, char **argv, const char **config_path_p)
{
    int kept = 0;
    bool rest = false;
    for (int index = 0; index < *argc_p; index++) {
        const char *arg = argv [index];
        bool has_value = index + 1 < *argc_p;
        if (rest)
            argv [kept++] = argv [index];
        else
        if (streq (arg, "--"))
            rest = true;
        else
        if (streq (arg, "--json"))
            self->json = true;
        else
        if ((streq (arg, "-c") || streq (arg, "--config")) && has_value)
            *config_path_p = argv [++index];
        else
        if (streq (arg, "--actor") && has_value)
            self->actor = argv [++index];
        else
        if (streq (arg, "--cert") && has_value)
            setenv ("PPS_SECURITY_CLIENT_CERT", argv [++index], 1);
        else
        if (streq (arg, "--request-id") && has_value) {
            self->request_id = argv [++index];
            if (!*self->request_id) {
                fprintf (stderr, "error: --request-id: empty\n");
                return -1;
            }
        }
        else
        if (streq (arg, "--timeout") && has_value) {
            int64_t timeout;
            if (ppsctl_parse_int (argv [++index], 1, 3600 * 1000, &timeout)) {
                fprintf (stderr, "error: --timeout: '%s' is not a number of ms\n", argv [index]);
                return -1;
            }
            self->timeout_ms = (int) timeout;
        }
        else
        if (streq (arg, "-c") || streq (arg, "--config") || streq (arg, "--actor")
        ||  streq (arg, "--request-id") || streq (arg, "--timeout") || streq (arg, "--cert")) {
            fprintf (stderr, "error: %s needs a value\n", arg);
            return -1;
        }
        else
            argv [kept++] = argv [index];
    }
    *argc_p = kept;
    return 0;
}

//  Run the command at argv [0].
static int
s_dispatch (ppsctl_t *self, int argc, char **argv)
{
    const char *command = argv [0];
    const ppsctl_service_t *service = ppsctl_service_find (command);
    if (service)
        return ppsctl_cmd_service (self, service, argc - 1, argv + 1);
    if (streq (command, "import"))
        return ppsctl_cmd_import (self, argc - 1, argv + 1);
    if (streq (command, "vacancies"))
        return ppsctl_cmd_vacancies (self, argc - 1, argv + 1);
    if (streq (command, "status"))
        return ppsctl_cmd_status (self, argc - 1, argv + 1);
    if (streq (command, "metrics"))
        return ppsctl_cmd_metrics (self, argc - 1, argv + 1);
    if (streq (command, "backup"))
        return ppsctl_cmd_backup (self, argc - 1, argv + 1);
    if (streq (command, "events"))
        return ppsctl_cmd_events (self, argc - 1, argv + 1);
    if (streq (command, "watch"))
        return ppsctl_cmd_watch (self, argc - 1, argv + 1);
    if (streq (command, "national"))
        return ppsctl_cmd_national (self, argc - 1, argv + 1);
    if (streq (command, "bilan"))
        return ppsctl_cmd_bilan (self, argc - 1, argv + 1);
    if (streq (command, "outbox"))
        return ppsctl_cmd_outbox (self, argc - 1, argv + 1);
    if (streq (command, "notifications"))
        return ppsctl_cmd_notifications (self, argc - 1, argv + 1);
    fprintf (stderr, "error: unknown command '%s' (see ppsctl help)\n", command);
    return PPSCTL_USAGE;
}

int
main (int argc, char **argv)
{
    ppsctl_t self = { .timeout_ms = DEFAULT_TIMEOUT_MS };
    self.actor = getenv ("USER");
    if (!self.actor || !*self.actor)
        self.actor = "operator";
    const char *config_path = getenv ("PPS_CONFIG");
    if (config_path && !*config_path)
        config_path = NULL;

    argc--;
    argv++;
    if (s_parse_globals (&self, &argc, argv, &config_path))
        return PPSCTL_USAGE;
    if (argc == 0 || streq (argv [0], "help") || streq (argv [0], "--help")
    ||  streq (argv [0], "-h")) {
        s_usage (argc ? stdout : stderr);
        return argc ? PPSCTL_OK : PPSCTL_USAGE;
    }
    //  Logs go to stderr, so that stdout stays clean for --json
    zsys_set_logstream (stderr);
    zsys_set_logident ("ppsctl");
    zsys_init ();
    self.config = pps_config_load (config_path);
    if (!self.config) {
        fprintf (stderr, "error: cannot read the configuration %s\n", config_path);
        return PPSCTL_USAGE;
    }
    if (pps_keys_setup (self.config, NULL)) {
        fprintf (stderr, "error: cannot read the CURVE keys (security/keys_dir, --cert)\n");
        pps_config_destroy (&self.config);
        return PPSCTL_USAGE;
    }
    self.arena = pps_arena_new ();
    int rc = s_dispatch (&self, argc, argv);
    pps_arena_destroy (&self.arena);
    pps_config_destroy (&self.config);
    return rc;
}
