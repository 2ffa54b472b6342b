/*  ppsctl: the operators' command-line tool. Reads the global flags and
    the configuration, then hands the rest of the command line to a command.
    See ppsctl.h for how the parts fit.  */
#include "ppsctl.h"
#include "ppsctl_national.h"
#include "ppsctl_bilan.h"
#include "ppsctl_notify.h"
#include "ppsctl_plan.h"
#include "ppsctl_metrics.h"
#include "ppsctl_backup.h"
#include "ppsctl_user.h"

#include <errno.h>
#include <unistd.h>
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

//  Where the configuration is looked for when neither -c nor $PPS_CONFIG
//  says: the file pps-region leaves in its data directory (a link to the
//  configuration it was started with), then the deployed one.
#define CONFIG_IN_DATA_DIR  "region.cfg"
#define CONFIG_DEPLOYED     "/etc/pps/region.cfg"

//  A command other than a service's: its name, what runs it, its usage.
typedef struct {
    const char *name;
    int (*run) (ppsctl_t *self, int argc, char **argv);
    void (*usage) (FILE *out);
} s_command_t;

static const s_command_t s_commands [] = {
    { "import", ppsctl_cmd_import, ppsctl_usage_import },
    { "vacancies", ppsctl_cmd_vacancies, ppsctl_usage_vacancies },
    { "status", ppsctl_cmd_status, ppsctl_usage_status },
    { "metrics", ppsctl_cmd_metrics, ppsctl_usage_metrics },
    { "backup", ppsctl_cmd_backup, ppsctl_usage_backup },
    { "events", ppsctl_cmd_events, ppsctl_usage_events },
    { "watch", ppsctl_cmd_watch, ppsctl_usage_watch },
    { "national", ppsctl_cmd_national, ppsctl_usage_national },
    { "bilan", ppsctl_cmd_bilan, ppsctl_usage_bilan },
    { "outbox", ppsctl_cmd_outbox, ppsctl_usage_bilan },
    { "notifications", ppsctl_cmd_notifications, ppsctl_usage_notifications },
    { "plan", ppsctl_cmd_plan, ppsctl_usage_plan },
    { "upcoming", ppsctl_cmd_upcoming, ppsctl_usage_upcoming },
    { "user", ppsctl_cmd_user, ppsctl_usage_user },
    { "token", ppsctl_cmd_token, ppsctl_usage_token },
    { NULL, NULL, NULL }
};

//  The command of that name, or NULL.
static const s_command_t *
s_command_find (const char *name)
{
    for (const s_command_t *command = s_commands; command->name; command++)
        if (streq (command->name, name))
            return command;
    return NULL;
}

//  The usage of every command.
static void
s_usage (FILE *out)
{
    fprintf (out,
"usage: ppsctl [global flags] COMMAND [arguments]\n"
"       ppsctl COMMAND --help     a command's own usage\n"
"\n"
"global flags (anywhere on the line, before a '--'):\n"
"  -c CONFIG          the configuration file (see \"configuration\" below)\n"
"  --json             JSON output (amounts stay in cents there)\n"
"  --columns A,B,C    the columns of a table, in that order (\"all\": every one;\n"
"                     default: those not empty, fitted to $COLUMNS or 120)\n"
"  --timeout MS       how long to wait for a reply (default %d)\n"
"  --actor NAME       who is acting, recorded in the event log (default $USER)\n"
"  --request-id ID    id of a write, to retry it safely (default: a fresh one)\n"
"  --cert FILE        your CURVE certificate (pps-keygen) for services over tcp with\n"
"                     security/curve = 1 (default: $PPS_SECURITY_CLIENT_CERT)\n"
"  --version          ppsctl's version (before any command)\n"
"  -h, --help         this text, or a command's usage after the command\n"
"\n"
"commands:\n"
"  SERVICE help                      its operations and what each does (asked of\n"
"                                    the running service)\n"
"  SERVICE OP --help                 an operation's fields, which are required,\n"
"                                    enum values and the limits\n"
"  SERVICE OP [field=value ...]      run any operation, e.g.\n"
"      ppsctl registry create-establishment name=\"MA Test\" kind=MA region_code=32 code=X1\n"
"      ppsctl registry add-member committee_id=1 member.category=SPIP_MEMBER member.person_id=4\n"
"      ppsctl registry list-directorates region_code=32\n"
"      ppsctl funding submit-application call_id=1 project_id=1 amount_requested=1500\n"
"    values: enums by name or number, dates YYYY-MM-DD, booleans true/false,\n"
"    nested fields by dotted path, list elements by index (list.0.field=...),\n"
"    repeated values by repeating the key or separated by commas\n"
"    amounts: ppsctl shows them in euros (\"1 519,00 €\") under the field's name\n"
"    without _cents; give them in euros by that name (amount=1519.00 or\n"
"    amount=\"1 519,00 €\"), or in cents by the real name: amount_cents=151900 (a\n"
"    whole number), amount_cents=1519.00EUR (with € or EUR: euros)\n"
"  import establishments FILE [--region CODE | --all-regions] [--create-region]\n"
"                                    import the ministry's CSV (default: this region)\n"
"  import SERVICE OPERATION FILE.csv  a write operation applied to each row of a CSV\n"
"  vacancies REGION [--date YYYY-MM-DD]\n"
"                                    referent roles without anyone (default: today)\n"
"  status [--max-lag N] [--wait MS] [--national]\n"
"                                    health of the region's services (exit 1 when one is\n"
"                                    down, lags more than N events, or an outbox entry\n"
"                                    needs an operator); the national service on its own\n"
"                                    line, checked alone with --national\n"
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
"  bilan compute|show|finalise|list|export|indicators [--region R] [--year Y] ...\n"
"                                    the yearly bilan; export --format json, csv, dhis2,\n"
"                                    dhis2-metadata, adx or xlsx (see ppsctl bilan --help)\n"
"  outbox [list] | outbox retry KEY  bilans on their way to the national service\n"
"  notifications [--state S] [--kind K]  referent-turnover notifications and their deliveries\n"
"  plan PROJECT [--all] | plan --plan ID  a project's planned sessions and their steps\n"
"  upcoming [REGION] [--days N]      the region's steps to do in the next days (overdue first)\n"
"  user bootstrap|add|list|disable|enable|passwd|reset [LOGIN] ...\n"
"                                    pps-web's users, in <data_dir>/web (passwords asked,\n"
"                                    never on the command line; see ppsctl user --help)\n"
"  token create|list|revoke ...      pps-web's API tokens (see ppsctl token --help)\n"
"  help [COMMAND]                    this text, or a command's usage\n"
"\n"
"services:", DEFAULT_TIMEOUT_MS);
    for (const ppsctl_service_t *service = ppsctl_services; service->name; service++)
        fprintf (out, " %s", service->name);
    fprintf (out,
"\n\n"
"configuration: the same rule for every command, the first found of\n"
"  1. -c FILE\n"
"  2. $PPS_CONFIG\n"
"  3. ./var/pps/" CONFIG_IN_DATA_DIR " (in $PPS_REGION_DATA_DIR when set): pps-region leaves\n"
"     there a link to the configuration it was started with, so that ppsctl run\n"
"     from the same directory talks to that region\n"
"  4. " CONFIG_DEPLOYED " (deploy/create-region.sh links it to the first region)\n"
"  5. none: built-in defaults (region 32, data under ./var/pps)\n"
"  every key can be overridden from the environment (PPS_SECTION_KEY); `ppsctl\n"
"  status` says which file it read.\n"
"\n"
"exit status: 0 done, 1 refused by the service (or, for status, a service of\n"
"the region down), 2 bad command line (nothing sent), 3 service unreachable.\n");
}

//  Take the global flags out of argv (compacting it); returns 0, or -1 with
//  the error printed.
static int
s_parse_globals (ppsctl_t *self, int *argc_p, char **argv, const char **config_path_p,
                 bool *version_p)
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
        if (streq (arg, "-h") || streq (arg, "--help"))
            self->help = true;
        else
        if (streq (arg, "--version") && kept == 0)
            //  Before the command only: bilan show has a --version N
            *version_p = true;
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
        if (streq (arg, "--columns") && has_value) {
            self->columns = argv [++index];
            if (!*self->columns) {
                fprintf (stderr, "error: --columns: empty\n");
                return -1;
            }
        }
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
        ||  streq (arg, "--request-id") || streq (arg, "--timeout") || streq (arg, "--cert")
        ||  streq (arg, "--columns")) {
            fprintf (stderr, "error: %s needs a value\n", arg);
            return -1;
        }
        else
            argv [kept++] = argv [index];
    }
    *argc_p = kept;
    return 0;
}

//  Find the configuration by the rule of the usage text: sets
//  self->config_path (NULL for built-in defaults) and self->config_origin.
static void
s_config_find (ppsctl_t *self, const char *flag_path)
{
    const char *environment = getenv ("PPS_CONFIG");
    if (flag_path) {
        self->config_path = flag_path;
        self->config_origin = "-c";
        return;
    }
    if (environment && *environment) {
        self->config_path = environment;
        self->config_origin = "$PPS_CONFIG";
        return;
    }
    //  The data directory as the defaults and the environment say
    pps_config_t *defaults = pps_config_load (NULL);
    assert (defaults);
    char *beside = pps_arena_printf (self->arena, "%s/" CONFIG_IN_DATA_DIR,
                                     pps_config_get (defaults, "region/data_dir", "var/pps"));
    pps_config_destroy (&defaults);
    if (access (beside, F_OK) == 0) {
        self->config_path = beside;
        self->config_origin = "left by pps-region in its data directory";
    }
    else
    if (access (CONFIG_DEPLOYED, F_OK) == 0) {
        self->config_path = CONFIG_DEPLOYED;
        self->config_origin = "the deployed one";
    }
    else {
        self->config_path = NULL;
        self->config_origin = "no file found: built-in defaults";
    }
}

int
main (int argc, char **argv)
{
    ppsctl_t self = { .timeout_ms = DEFAULT_TIMEOUT_MS };
    self.actor = getenv ("USER");
    if (!self.actor || !*self.actor)
        self.actor = "operator";
    const char *config_path = NULL;
    bool version = false;

    argc--;
    argv++;
    if (s_parse_globals (&self, &argc, argv, &config_path, &version))
        return PPSCTL_USAGE;
    if (version) {
        printf ("ppsctl %s\n", PPS_VERSION);
        return PPSCTL_OK;
    }
    //  "help", "help COMMAND", "--help", "COMMAND --help"
    bool asked = argc > 0 && streq (argv [0], "help");
    if (asked) {
        argc--;
        argv++;
        self.help = true;
    }
    if (argc == 0) {
        s_usage (self.help ? stdout : stderr);
        return self.help ? PPSCTL_OK : PPSCTL_USAGE;
    }
    const s_command_t *command = s_command_find (argv [0]);
    const ppsctl_service_t *service = ppsctl_service_find (argv [0]);
    if (!command && !service) {
        fprintf (stderr, "error: unknown command '%s' (see ppsctl help)\n", argv [0]);
        return PPSCTL_USAGE;
    }
    if (command && self.help) {
        command->usage (stdout);
        return PPSCTL_OK;
    }
    //  Logs go to stderr, so that stdout stays clean for --json
    zsys_set_logstream (stderr);
    zsys_set_logident ("ppsctl");
    zsys_init ();
    self.arena = pps_arena_new ();
    s_config_find (&self, config_path);
    self.config = pps_config_load (self.config_path);
    int rc = PPSCTL_USAGE;
    if (!self.config)
        fprintf (stderr, "error: cannot read the configuration %s (%s)\n", self.config_path,
                 self.config_origin);
    else
    if (pps_keys_setup (self.config, NULL))
        fprintf (stderr, "error: cannot read the CURVE keys (security/keys_dir, --cert)\n");
    else
    if (service)
        rc = ppsctl_cmd_service (&self, service, argc - 1, argv + 1);
    else
        rc = command->run (&self, argc - 1, argv + 1);
    pps_arena_destroy (&self.arena);
    pps_config_destroy (&self.config);
    return rc;
}
