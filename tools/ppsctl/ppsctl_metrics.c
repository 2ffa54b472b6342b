/*  ppsctl_metrics: the services' status in the Prometheus text exposition
    format (see ppsctl_metrics.h).  */
#include "ppsctl_metrics.h"

#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

//  The figures services are known to report, with the label their label
//  stands for and a line of help. Any other figure gets a generic help.
typedef struct {
    const char *gauge;                //  Gauge name in the status
    const char *label_key;            //  What its label is ("source"), or NULL
    const char *help;
    bool counter;                     //  Only grows: typed counter, named _total
} s_known_t;

static const s_known_t s_known [] = {
    { "subscriber_lag", "source", "Events the service has still to apply from a source "
      "(last seq seen minus last seq applied).", false },
    { "outbox_pending", NULL, "Outbox entries waiting to be delivered.", false },
    { "outbox_needs_operator", NULL,
      "Outbox entries that wait for an operator before any retry.", false },
    { "outbox_last_error", NULL, "1 while the outbox has a last push error, its class as "
      "the label class (the text: ppsctl outbox).", false },
    { "notifications", NULL, "Notifications the notify service raised.", true },
    { "deliveries_pending", NULL, "Notification deliveries waiting to be sent.", false },
    { "deliveries_failed", NULL,
      "Notification deliveries that failed for good (retry_delivery).", false },
    { "vacancies_open", NULL,
      "Mandatory referent posts the notify service follows as empty.", false },
    { "last_error", "channel", "1 while a delivery channel has a last error, its class as "
      "the label class (the text: ppsctl notifications).", false },
    { "bilans_stored", NULL,
      "Bilans stored by the national service, every version counted.", true },
    { "region_periods", NULL,
      "Region and period pairs the national service holds a bilan for.", false },
    { NULL, NULL, NULL, false }
};

//  Family names written before the gauges: a gauge never takes one of them.
static const char *const s_fixed [] = {
    "pps_up", "pps_info", "pps_uptime_seconds", "pps_requests_total", "pps_last_event_seq",
    "pps_schema_version", "pps_lmdb_used_bytes", "pps_lmdb_map_bytes",
    "pps_lmdb_map_used_ratio", "pps_data_fs_free_bytes", "pps_data_fs_size_bytes", NULL
};

//  A label value with '\', '"' and line feeds escaped, in quotes.
static void
s_label_value (FILE *out, const char *value)
{
    fputc ('"', out);
    for (const char *c = value; *c; c++) {
        if (*c == '\\')
            fputs ("\\\\", out);
        else
        if (*c == '"')
            fputs ("\\\"", out);
        else
        if (*c == '\n')
            fputs ("\\n", out);
        else
            fputc (*c, out);
    }
    fputc ('"', out);
}

//  A sample's value: integers without exponent, NaN and infinities by name.
static void
s_number (FILE *out, double value)
{
    if (isnan (value))
        fputs ("NaN", out);
    else
    if (isinf (value))
        fputs (value > 0 ? "+Inf" : "-Inf", out);
    else
    if (value > -1e15 && value < 1e15 && value == (double) (long long) value)
        fprintf (out, "%.0f", value);
    else
        fprintf (out, "%.17g", value);
}

//  HELP and TYPE lines of a family (help has no '\' nor line feed).
static void
s_family (FILE *out, const char *name, const char *type, const char *help)
{
    fprintf (out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

//  One sample: name{service="..."[,key="value"][,key2="value2"]} value
static void
s_sample2 (FILE *out, const char *name, const char *service, const char *key,
           const char *value_label, const char *key2, const char *value_label2, double value)
{
    fprintf (out, "%s{service=", name);
    s_label_value (out, service);
    if (key) {
        fprintf (out, ",%s=", key);
        s_label_value (out, value_label);
    }
    if (key2) {
        fprintf (out, ",%s=", key2);
        s_label_value (out, value_label2);
    }
    fputc ('}', out);
    fputc (' ', out);
    s_number (out, value);
    fputc ('\n', out);
}

//  One sample with at most one label besides service.
static void
s_sample (FILE *out, const char *name, const char *service, const char *key,
          const char *value_label, double value)
{
    s_sample2 (out, name, service, key, value_label, NULL, NULL, value);
}

const char *
ppsctl_error_class (const char *text)
{
    //  "HTTP 409: ..." as the outbox and the webhooks word it
    if (strncmp (text, "HTTP ", 5) == 0 && text [5] >= '1' && text [5] <= '5')
        return (const char *[]) { "http_1xx", "http_2xx", "http_3xx", "http_4xx",
                                  "http_5xx" } [text [5] - '1'];
    static const char *const classes [][2] = {
        { "smtp", "smtp" }, { "SMTP", "smtp" },
        { "certificate", "tls" }, { "SSL", "tls" }, { "TLS", "tls" },
        { "timed out", "timeout" }, { "timeout", "timeout" }, { "Timeout", "timeout" },
        { "resolve", "network" }, { "connect", "network" }, { "Connect", "network" },
        { "network", "network" }, { "refused", "refused" },
    };
    for (size_t index = 0; index < sizeof classes / sizeof classes [0]; index++)
        if (strstr (text, classes [index][0]))
            return classes [index][1];
    return "other";
}

//  The known figure of that gauge name, or NULL.
static const s_known_t *
s_known_find (const char *gauge)
{
    for (const s_known_t *known = s_known; known->gauge; known++)
        if (streq (known->gauge, gauge))
            return known;
    return NULL;
}

//  True when a gauge is words rather than a number.
static bool
s_is_text (const Pps__Gauge *gauge)
{
    size_t length = strlen (gauge->name);
    return (gauge->text && *gauge->text)
        || (length >= 5 && streq (gauge->name + length - 5, "error"));
}

//  The family name of a gauge, in arena: pps_<name> with every character
//  a metric name may not hold as '_', plus "_info" for words.
static char *
s_gauge_family (pps_arena_t *arena, const Pps__Gauge *gauge)
{
    const s_known_t *known = s_known_find (gauge->name);
    char *name = pps_arena_printf (arena, "pps_%s%s", gauge->name,
                                   s_is_text (gauge) ? "_info"
                                   : known && known->counter ? "_total" : "");
    for (char *c = name; *c; c++)
        if (!(isalnum ((unsigned char) *c) || *c == '_' || *c == ':'))
            *c = '_';
    return name;
}

//  The regional services' figures every status carries.
static void
s_write_fixed (FILE *out, const ppsctl_probe_t *probes, size_t count)
{
    s_family (out, "pps_up", "gauge", "1 when the service answered its status request in time.");
    for (size_t index = 0; index < count; index++)
        s_sample (out, "pps_up", probes [index].service, NULL, NULL,
                  probes [index].state == PPSCTL_PROBE_UP);
    s_family (out, "pps_info", "gauge", "The version the service runs (value 1).");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status)
            s_sample (out, "pps_info", probes [index].service, "version",
                      probes [index].status->version, 1);
    s_family (out, "pps_uptime_seconds", "gauge", "Seconds since the service started.");
    for (size_t index = 0; index < count; index++) {
        const Pps__ServiceStatus *status = probes [index].status;
        if (status)
            s_sample (out, "pps_uptime_seconds", probes [index].service, NULL, NULL,
                      status->now_ms > status->started_ms
                      ? (double) ((status->now_ms - status->started_ms) / 1000) : 0);
    }
    s_family (out, "pps_requests_total", "counter",
              "Requests the service answered since it started, by outcome.");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status) {
            s_sample (out, "pps_requests_total", probes [index].service, "outcome", "served",
                      (double) probes [index].status->requests_served);
            s_sample (out, "pps_requests_total", probes [index].service, "outcome", "failed",
                      (double) probes [index].status->requests_failed);
        }
    //  The national service keeps no event log
    s_family (out, "pps_last_event_seq", "gauge", "Seq of the last event in the service's log.");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status && !streq (probes [index].service, "national"))
            s_sample (out, "pps_last_event_seq", probes [index].service, NULL, NULL,
                      (double) probes [index].status->last_seq);
    s_family (out, "pps_schema_version", "gauge", "Schema version of the service's LMDB.");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status && !streq (probes [index].service, "national"))
            s_sample (out, "pps_schema_version", probes [index].service, NULL, NULL,
                      probes [index].status->schema_version);
    s_family (out, "pps_lmdb_used_bytes", "gauge", "Bytes of the LMDB map in use.");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status)
            s_sample (out, "pps_lmdb_used_bytes", probes [index].service, NULL, NULL,
                      (double) probes [index].status->lmdb_size_bytes);
    s_family (out, "pps_lmdb_map_bytes", "gauge", "Configured LMDB map size in bytes.");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status)
            s_sample (out, "pps_lmdb_map_bytes", probes [index].service, NULL, NULL,
                      (double) probes [index].status->lmdb_map_bytes);
    s_family (out, "pps_data_fs_free_bytes", "gauge",
              "Bytes free for the service on the filesystem under its data (writes fail at 0 "
              "whatever the map says).");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status && probes [index].status->fs_size_bytes)
            s_sample (out, "pps_data_fs_free_bytes", probes [index].service, NULL, NULL,
                      (double) probes [index].status->fs_free_bytes);
    s_family (out, "pps_data_fs_size_bytes", "gauge",
              "Size of the filesystem under the service's data.");
    for (size_t index = 0; index < count; index++)
        if (probes [index].status && probes [index].status->fs_size_bytes)
            s_sample (out, "pps_data_fs_size_bytes", probes [index].service, NULL, NULL,
                      (double) probes [index].status->fs_size_bytes);
    s_family (out, "pps_lmdb_map_used_ratio", "gauge",
              "Share of the LMDB map in use (writes fail at 1).");
    for (size_t index = 0; index < count; index++) {
        const Pps__ServiceStatus *status = probes [index].status;
        if (status && status->lmdb_map_bytes)
            s_sample (out, "pps_lmdb_map_used_ratio", probes [index].service, NULL, NULL,
                      (double) status->lmdb_size_bytes / (double) status->lmdb_map_bytes);
    }
}

//  True when name is one of the fixed families.
static bool
s_is_fixed (const char *name)
{
    for (const char *const *fixed = s_fixed; *fixed; fixed++)
        if (streq (*fixed, name))
            return true;
    return false;
}

//  Every sample of one gauge family, after its HELP and TYPE.
static void
s_write_gauge_family (FILE *out, pps_arena_t *arena, const char *family,
                      const Pps__Gauge *first, const ppsctl_probe_t *probes, size_t count)
{
    const s_known_t *known = s_known_find (first->name);
    const char *help = known ? known->help
                     : pps_arena_printf (arena, "Figure %s the service reports in its status.",
                                         family + 4);
    s_family (out, family, known && known->counter ? "counter" : "gauge", help);
    for (size_t index = 0; index < count; index++) {
        const Pps__ServiceStatus *status = probes [index].status;
        for (size_t item = 0; status && item < status->n_gauges; item++) {
            const Pps__Gauge *gauge = status->gauges [item];
            if (!streq (s_gauge_family (arena, gauge), family))
                continue;
            const char *key = known && known->label_key ? known->label_key
                            : *gauge->label ? "label" : NULL;
            if (s_is_text (gauge)) {
                //  An empty text means no error: no series, as the help says.
                //  The text itself would make a series of every message:
                //  its class only, the words are in ppsctl's own output
                if (gauge->text && *gauge->text)
                    s_sample2 (out, family, probes [index].service, key, gauge->label,
                               "class", ppsctl_error_class (gauge->text), 1);
                continue;
            }
            s_sample (out, family, probes [index].service, key, gauge->label, gauge->value);
        }
    }
}

int
ppsctl_metrics_write (FILE *out, pps_arena_t *arena, const ppsctl_probe_t *probes,
                      size_t count)
{
    s_write_fixed (out, probes, count);
    //  Then each gauge family once, in the order first reported
    char **families = NULL;
    size_t family_count = 0;
    for (size_t index = 0; index < count; index++) {
        const Pps__ServiceStatus *status = probes [index].status;
        for (size_t item = 0; status && item < status->n_gauges; item++) {
            const Pps__Gauge *gauge = status->gauges [item];
            char *family = s_gauge_family (arena, gauge);
            bool seen = s_is_fixed (family);
            for (size_t known = 0; !seen && known < family_count; known++)
                seen = streq (families [known], family);
            if (seen)
                continue;
            pps_arena_push (arena, (void ***) &families, &family_count, family);
            s_write_gauge_family (out, arena, family, gauge, probes, count);
        }
    }
    return ferror (out) ? -1 : 0;
}

//  Write the metrics to path through a temporary file and a rename.
//  Returns 0, or -1 with the reason printed.
static int
s_write_file (ppsctl_t *self, const char *path, const ppsctl_probe_t *probes, size_t count)
{
    char *temporary = pps_arena_printf (self->arena, "%s.tmp.%d", path, (int) getpid ());
    FILE *file = fopen (temporary, "w");
    if (!file) {
        fprintf (stderr, "error: cannot write %s: %s\n", temporary, strerror (errno));
        return -1;
    }
    int rc = ppsctl_metrics_write (file, self->arena, probes, count);
    //  Readable by the collector whatever our umask
    if (rc == 0 && (fchmod (fileno (file), 0644) || fflush (file) || fsync (fileno (file))))
        rc = -1;
    if (fclose (file))
        rc = -1;
    if (rc == 0 && rename (temporary, path))
        rc = -1;
    if (rc) {
        fprintf (stderr, "error: cannot write %s: %s\n", path, strerror (errno));
        unlink (temporary);
    }
    return rc;
}

void
ppsctl_usage_metrics (FILE *out)
{
    fprintf (out, "usage: ppsctl metrics [--output FILE] [--wait MS]\n"
                  "  the services' status in the Prometheus text format (the national\n"
                  "  service's too when national/url is set)\n"
                  "  --output FILE  replace FILE atomically (node_exporter's textfile collector)\n"
                  "  --wait MS      how long to wait for the services (default %d)\n"
                  "exit 0 when the metrics were written, whatever the services' state\n",
             PPSCTL_PROBE_TIMEOUT_MS);
}

int
ppsctl_cmd_metrics (ppsctl_t *self, int argc, char **argv)
{
    const char *output = NULL;
    int64_t wait_ms = PPSCTL_PROBE_TIMEOUT_MS;
    for (int index = 0; index < argc; index++) {
        if (streq (argv [index], "--output") && index + 1 < argc && *argv [index + 1])
            output = argv [++index];
        else
        if (streq (argv [index], "--wait") && index + 1 < argc
        &&  ppsctl_parse_int (argv [index + 1], 1, 600 * 1000, &wait_ms) == 0)
            index++;
        else {
            ppsctl_usage_metrics (stderr);
            return PPSCTL_USAGE;
        }
    }
    ppsctl_probe_t *probes;
    size_t count;
    if (ppsctl_probe_run (self, (int) wait_ms, &probes, &count))
        return PPSCTL_FAILED;
    if (output)
        return s_write_file (self, output, probes, count) ? PPSCTL_FAILED : PPSCTL_OK;
    if (ppsctl_metrics_write (stdout, self->arena, probes, count) || fflush (stdout)) {
        fprintf (stderr, "error: cannot write the metrics\n");
        return PPSCTL_FAILED;
    }
    return PPSCTL_OK;
}
