/*  ppsctl_status: every service's ServiceStatus asked at once, the national
    service's status over HTTP, and `ppsctl status` (see ppsctl_status.h).  */
#include "ppsctl_status.h"
#include "ppsctl_table.h"

#include <curl/curl.h>
#include "pps_reflect.h"
#include "pps_service.h"
#include "pps_socket.h"

#define MIB (1024.0 * 1024.0)

//  The national service's status path, and the longest URL we build.
#define NATIONAL_STATUS_PATH "/api/v1/status"
#define URL_MAX 600

int
ppsctl_status_get (ppsctl_t *self, const ppsctl_service_t *service,
                   const Pps__ServiceStatus **status_p, const char **reason_p)
{
    *status_p = NULL;
    *reason_p = "no answer";
    ProtobufCMessage *request = ppsctl_request_new (self, &pps__common_request__descriptor, NULL);
    pps_reflect_set_message (request, PPS__COMMON_REQUEST__OP_SERVICE_STATUS,
                             pps_arena_message (self->arena,
                                                &pps__service_status_request__descriptor));
    ProtobufCMessage *reply;
    if (ppsctl_call (self, service->name, request, &pps__common_reply__descriptor,
                     PPSCTL_PROBE_TIMEOUT_MS, true, &reply))
        return PPSCTL_UNREACHABLE;
    const Pps__Status *status = pps_client_status (reply);
    const Pps__CommonReply *common = (const Pps__CommonReply *) reply;
    if (status->code != PPS__CODE__OK || !common->service_status) {
        *reason_p = status->message && *status->message ? status->message
                                                        : "no status in the reply";
        return PPSCTL_FAILED;
    }
    *status_p = common->service_status;
    *reason_p = "";
    return PPSCTL_OK;
}

const Pps__Gauge *
ppsctl_gauge_find (const Pps__ServiceStatus *status, const char *name, const char *label)
{
    for (size_t index = 0; status && index < status->n_gauges; index++) {
        const Pps__Gauge *gauge = status->gauges [index];
        if (streq (gauge->name, name) && streq (gauge->label, label))
            return gauge;
    }
    return NULL;
}

//  ---------------------------------------------------------------- regional services

//  Take a reply off a DEALER: the probe is up (or in error) when it is the
//  answer to request_id; a late answer to something else is ignored.
static bool
s_take_reply (ppsctl_t *self, zsock_t *dealer, const char *request_id, ppsctl_probe_t *probe)
{
    zframe_t *frame = zframe_recv (dealer);
    if (!frame)
        return false;
    Pps__CommonReply *reply = (Pps__CommonReply *) pps_arena_unpack (
        self->arena, &pps__common_reply__descriptor, zframe_data (frame), zframe_size (frame));
    zframe_destroy (&frame);
    if (!reply || !streq (reply->request_id, request_id))
        return false;
    const Pps__Status *status = pps_client_status (&reply->base);
    if (status->code == PPS__CODE__OK && reply->service_status) {
        probe->state = PPSCTL_PROBE_UP;
        probe->status = reply->service_status;
        probe->reason = "";
    }
    else {
        probe->state = PPSCTL_PROBE_ERROR;
        probe->reason = status->message && *status->message ? status->message
                                                            : "no status in the reply";
    }
    return true;
}

//  A packed ServiceStatus request with a fresh request id (copied to id).
static uint8_t *
s_status_request (ppsctl_t *self, size_t *size_p, char **id_p)
{
    ProtobufCMessage *request = ppsctl_request_new (self, &pps__common_request__descriptor, NULL);
    pps_reflect_set_message (request, PPS__COMMON_REQUEST__OP_SERVICE_STATUS,
                             pps_arena_message (self->arena,
                                                &pps__service_status_request__descriptor));
    *id_p = ((Pps__CommonRequest *) request)->request_id;
    return pps_arena_pack (self->arena, request, size_p);
}

//  ---------------------------------------------------------------- national

typedef struct {
    char *data;
    size_t size;
} s_body_t;

//  libcurl's write callback: append to the body, at most 1 MiB.
static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    s_body_t *body = arg;
    size_t bytes = size * count;
    if (body->size + bytes > 1024 * 1024)
        return 0;
    char *grown = realloc (body->data, body->size + bytes + 1);
    if (!grown)
        return 0;
    memcpy (grown + body->size, data, bytes);
    body->data = grown;
    body->size += bytes;
    body->data [body->size] = 0;
    return bytes;
}

//  An integer member of a JSON object, 0 when absent.
static uint64_t
s_json_u64 (const json_t *object, const char *key)
{
    json_int_t value = json_integer_value (json_object_get (object, key));
    return value > 0 ? (uint64_t) value : 0;
}

//  The national service's status JSON as a ServiceStatus, in arena.
static Pps__ServiceStatus *
s_national_status (pps_arena_t *arena, const json_t *json)
{
    Pps__ServiceStatus *status = pps_arena_alloc (arena, sizeof *status);
    pps__service_status__init (status);
    const char *version = json_string_value (json_object_get (json, "version"));
    status->service = "national";
    status->version = pps_arena_strdup (arena, version ? version : "");
    status->now_ms = zclock_time ();
    status->started_ms = status->now_ms - (int64_t) s_json_u64 (json, "uptime_s") * 1000;
    status->requests_served = s_json_u64 (json, "requests_served");
    status->requests_failed = s_json_u64 (json, "requests_failed");
    status->lmdb_size_bytes = s_json_u64 (json, "lmdb_used_bytes");
    status->lmdb_map_bytes = s_json_u64 (json, "lmdb_map_bytes");
    status->fs_free_bytes = s_json_u64 (json, "fs_free_bytes");
    status->fs_size_bytes = s_json_u64 (json, "fs_size_bytes");
    pps_status_gauge (arena, status, "bilans_stored", "",
                      (double) s_json_u64 (json, "bilans_stored"), NULL);
    pps_status_gauge (arena, status, "region_periods", "",
                      (double) s_json_u64 (json, "region_periods"), NULL);
    return status;
}

//  GET the national service's status into probe, waiting at most timeout_ms.
static void
s_national_probe (ppsctl_t *self, const char *url, int timeout_ms, ppsctl_probe_t *probe)
{
    char target [URL_MAX], header [600];
    snprintf (target, sizeof target, "%s", url);
    size_t length = strlen (target);
    while (length && target [length - 1] == '/')
        target [--length] = 0;
    snprintf (target + length, sizeof target - length, NATIONAL_STATUS_PATH);
    probe->service = "national";
    probe->endpoint = pps_arena_strdup (self->arena, url);
    probe->state = PPSCTL_PROBE_DOWN;
    probe->reason = "no answer";
    CURL *curl = curl_easy_init ();
    if (!curl) {
        probe->reason = "cannot start libcurl";
        return;
    }
    struct curl_slist *headers = curl_slist_append (NULL, "Accept: application/json");
    const char *token = pps_config_get (self->config, "national/reader_token", NULL);
    if (token && *token) {
        snprintf (header, sizeof header, "Authorization: Bearer %s", token);
        headers = curl_slist_append (headers, header);
    }
    const char *ca_file = pps_config_get (self->config, "national/ca_file", NULL);
    if (ca_file && *ca_file)
        curl_easy_setopt (curl, CURLOPT_CAINFO, ca_file);
    s_body_t body = { NULL, 0 };
    curl_easy_setopt (curl, CURLOPT_URL, target);
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) timeout_ms);
    curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform (curl);
    long http = 0;
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &http);
    curl_slist_free_all (headers);
    curl_easy_cleanup (curl);
    json_t *json = rc == CURLE_OK && body.data ? json_loadb (body.data, body.size, 0, NULL) : NULL;
    free (body.data);
    if (rc != CURLE_OK)
        probe->reason = pps_arena_strdup (self->arena, curl_easy_strerror (rc));
    else
    if (http != 200 || !json_is_object (json)) {
        probe->state = PPSCTL_PROBE_ERROR;
        probe->reason = pps_arena_printf (self->arena, "HTTP %ld", http);
    }
    else {
        probe->state = PPSCTL_PROBE_UP;
        probe->reason = "";
        probe->status = s_national_status (self->arena, json);
    }
    json_decref (json);
}

//  ---------------------------------------------------------------- probe

size_t
ppsctl_probe_all (ppsctl_t *self, int timeout_ms, ppsctl_probe_t **probes_p)
{
    size_t count = 0;
    while (ppsctl_services [count].name)
        count++;
    const char *national_url = pps_config_get (self->config, "national/url", NULL);
    bool national = national_url && *national_url;
    ppsctl_probe_t *probes = pps_arena_alloc (self->arena, (count + 1) * sizeof *probes);
    zsock_t **dealers = pps_arena_alloc (self->arena, count * sizeof *dealers);
    char **ids = pps_arena_alloc (self->arena, count * sizeof *ids);
    zpoller_t *poller = zpoller_new (NULL);
    assert (poller);
    //  Every request leaves before any answer is awaited
    size_t pending = 0;
    for (size_t index = 0; index < count; index++) {
        ppsctl_probe_t *probe = &probes [index];
        probe->service = ppsctl_services [index].name;
        probe->endpoint = pps_config_endpoint (self->config, probe->service);
        probe->state = PPSCTL_PROBE_DOWN;
        probe->reason = "no answer";
        dealers [index] = pps_socket_connect (ZMQ_DEALER, probe->endpoint);
        if (!dealers [index]) {
            probe->reason = "cannot connect";
            continue;
        }
        size_t size;
        uint8_t *bytes = s_status_request (self, &size, &ids [index]);
        zframe_t *frame = zframe_new (bytes, size);
        if (zframe_send (&frame, dealers [index], ZFRAME_DONTWAIT) == -1) {
            zframe_destroy (&frame);
            continue;
        }
        zpoller_add (poller, dealers [index]);
        pending++;
    }
    int64_t deadline = zclock_mono () + timeout_ms;
    //  The national service answers over HTTP while the replies queue up
    if (national)
        s_national_probe (self, national_url, timeout_ms, &probes [count]);
    while (pending > 0) {
        int64_t left = deadline - zclock_mono ();
        if (left <= 0)
            break;
        zsock_t *which = zpoller_wait (poller, (int) left);
        if (!which)
            break;
        for (size_t index = 0; index < count; index++)
            if (dealers [index] == which
            &&  s_take_reply (self, which, ids [index], &probes [index])) {
                zpoller_remove (poller, which);
                pending--;
            }
    }
    zpoller_destroy (&poller);
    for (size_t index = 0; index < count; index++)
        zsock_destroy (&dealers [index]);
    *probes_p = probes;
    return count + (national ? 1 : 0);
}

int
ppsctl_probe_run (ppsctl_t *self, int timeout_ms, ppsctl_probe_t **probes_p, size_t *count_p)
{
    if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf (stderr, "error: cannot start libcurl\n");
        return -1;
    }
    *count_p = ppsctl_probe_all (self, timeout_ms, probes_p);
    curl_global_cleanup ();
    return 0;
}

size_t
ppsctl_probe_problems (pps_arena_t *arena, const ppsctl_probe_t *probes, size_t count,
                       uint64_t max_lag, char ***problems_p)
{
    char **problems = NULL;
    size_t problem_count = 0;
    for (size_t index = 0; index < count; index++) {
        const ppsctl_probe_t *probe = &probes [index];
        if (streq (probe->service, "national"))
            continue;
        if (probe->state != PPSCTL_PROBE_UP) {
            pps_arena_push (arena, (void ***) &problems, &problem_count, pps_arena_printf (
                arena, "%s: %s at %s (%s)", probe->service,
                probe->state == PPSCTL_PROBE_DOWN ? "down" : "error", probe->endpoint,
                probe->reason));
            continue;
        }
        for (size_t item = 0; item < probe->status->n_gauges; item++) {
            const Pps__Gauge *gauge = probe->status->gauges [item];
            size_t length = strlen (gauge->name);
            if (streq (gauge->name, "subscriber_lag") && gauge->value > (double) max_lag)
                pps_arena_push (arena, (void ***) &problems, &problem_count, pps_arena_printf (
                    arena, "%s: %.0f events behind %s (more than --max-lag %" PRIu64 ")",
                    probe->service, gauge->value, gauge->label, max_lag));
            else
            if (((length >= 14 && streq (gauge->name + length - 14, "needs_operator"))
                 || streq (gauge->name, "deliveries_failed"))
            &&  gauge->value > 0)
                pps_arena_push (arena, (void ***) &problems, &problem_count, pps_arena_printf (
                    arena, "%s: %.0f %s entr%s need%s an operator", probe->service,
                    gauge->value, gauge->name, gauge->value == 1 ? "y" : "ies",
                    gauge->value == 1 ? "s" : ""));
        }
    }
    *problems_p = problems;
    return problem_count;
}

//  ---------------------------------------------------------------- `ppsctl status`

//  Uptime as h:mm:ss.
static char *
s_uptime (pps_arena_t *arena, const Pps__ServiceStatus *status)
{
    int64_t seconds = (status->now_ms - status->started_ms) / 1000;
    if (seconds < 0)
        seconds = 0;
    return pps_arena_printf (arena, "%" PRId64 ":%02d:%02d", seconds / 3600,
                             (int) (seconds / 60 % 60), (int) (seconds % 60));
}

//  A gauge's value for a person: its text on one line (quoted, with '"',
//  '\' and control characters escaped as in C), else its number.
static char *
s_gauge_value (pps_arena_t *arena, const Pps__Gauge *gauge)
{
    if (gauge->text && *gauge->text) {
        char *text = pps_arena_alloc (arena, 4 * strlen (gauge->text) + 3);
        char *at = text;
        *at++ = '"';
        for (const unsigned char *c = (const unsigned char *) gauge->text; *c; c++)
            if (*c == '"' || *c == '\\') {
                *at++ = '\\';
                *at++ = (char) *c;
            }
            else
            if (*c == '\n') {
                *at++ = '\\';
                *at++ = 'n';
            }
            else
            if (*c < 0x20 || *c == 0x7f)
                at += sprintf (at, "\\%03o", *c);
            else
                *at++ = (char) *c;
        *at++ = '"';
        *at = 0;
        return text;
    }
    if (gauge->value > -1e15 && gauge->value < 1e15
    &&  gauge->value == (double) (long long) gauge->value)
        return pps_arena_printf (arena, "%.0f", gauge->value);
    return pps_arena_printf (arena, "%g", gauge->value);
}

//  The table: one row per service, then the gauges of those that have some.
//  Both whole (no cell cut), as scripts read them; --columns chooses.
static int
s_print_table (ppsctl_t *self, const ppsctl_probe_t *probes, size_t count)
{
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    const char *const headers [] = { "service", "state", "version", "uptime", "last_seq",
                                     "served", "failed", "lmdb used/map MiB", "endpoint" };
    for (size_t column = 0; column < sizeof headers / sizeof headers [0]; column++)
        ppsctl_table_column (table, headers [column], NULL, column >= 3 && column <= 7);
    size_t gauges = 0;
    for (size_t index = 0; index < count; index++) {
        const ppsctl_probe_t *probe = &probes [index];
        const Pps__ServiceStatus *status = probe->status;
        const char *state = probe->state == PPSCTL_PROBE_UP ? "up"
                          : probe->state == PPSCTL_PROBE_DOWN ? "down" : "error";
        ppsctl_table_row (table);
        ppsctl_table_cell (table, probe->service);
        ppsctl_table_cell (table, state);
        if (!status) {
            for (size_t column = 2; column < 8; column++)
                ppsctl_table_cell (table, "-");
            ppsctl_table_cellf (table, "%s (%s)", probe->endpoint, probe->reason);
            continue;
        }
        gauges += status->n_gauges;
        ppsctl_table_cell (table, status->version);
        ppsctl_table_cell (table, s_uptime (self->arena, status));
        //  The national service keeps no event log
        if (streq (probe->service, "national"))
            ppsctl_table_cell (table, "-");
        else
            ppsctl_table_cellf (table, "%" PRIu64, status->last_seq);
        ppsctl_table_cellf (table, "%" PRIu64, status->requests_served);
        ppsctl_table_cellf (table, "%" PRIu64, status->requests_failed);
        ppsctl_table_cellf (table, "%.1f/%.0f", status->lmdb_size_bytes / MIB,
                            status->lmdb_map_bytes / MIB);
        ppsctl_table_cell (table, probe->endpoint);
    }
    if (ppsctl_table_print (table, stdout, self->columns, 0))
        return PPSCTL_USAGE;
    if (gauges == 0)
        return PPSCTL_OK;
    table = ppsctl_table_new (self->arena);
    ppsctl_table_column (table, "service", NULL, false);
    ppsctl_table_column (table, "gauge", NULL, false);
    ppsctl_table_column (table, "about", NULL, false);
    ppsctl_table_column (table, "value", NULL, false);
    for (size_t index = 0; index < count; index++) {
        const Pps__ServiceStatus *status = probes [index].status;
        for (size_t item = 0; status && item < status->n_gauges; item++) {
            const Pps__Gauge *gauge = status->gauges [item];
            ppsctl_table_row (table);
            ppsctl_table_cell (table, probes [index].service);
            ppsctl_table_cell (table, gauge->name);
            ppsctl_table_cell (table, *gauge->label ? gauge->label : "-");
            ppsctl_table_cell (table, s_gauge_value (self->arena, gauge));
        }
    }
    printf ("\n");
    ppsctl_table_print (table, stdout, NULL, 0);
    return PPSCTL_OK;
}

//  The probe of the national service, or NULL when it is not configured.
static const ppsctl_probe_t *
s_national (const ppsctl_probe_t *probes, size_t count)
{
    for (size_t index = 0; index < count; index++)
        if (streq (probes [index].service, "national"))
            return &probes [index];
    return NULL;
}

//  The probes and problems as one JSON object.
static json_t *
s_json (ppsctl_t *self, const ppsctl_probe_t *probes, size_t count, char **problems,
        size_t problem_count, uint64_t max_lag)
{
    json_t *services = json_array ();
    for (size_t index = 0; index < count; index++) {
        const ppsctl_probe_t *probe = &probes [index];
        const char *state = probe->state == PPSCTL_PROBE_UP ? "up"
                          : probe->state == PPSCTL_PROBE_DOWN ? "down" : "error";
        json_t *row = json_pack ("{s:s, s:s, s:s}", "service", probe->service,
                                 "state", state, "endpoint", probe->endpoint);
        if (probe->status)
            json_object_set_new (row, "status", ppsctl_json_message (&probe->status->base));
        else
            json_object_set_new (row, "reason", json_string (probe->reason));
        json_array_append_new (services, row);
    }
    json_t *list = json_array ();
    for (size_t index = 0; index < problem_count; index++)
        json_array_append_new (list, json_string (problems [index]));
    const ppsctl_probe_t *national = s_national (probes, count);
    json_t *link = national
        ? json_pack ("{s:s, s:s, s:b}", "url", national->endpoint, "state",
                     national->state == PPSCTL_PROBE_UP ? "up"
                     : national->state == PPSCTL_PROBE_DOWN ? "down" : "error",
                     "counted", 0)
        : json_null ();
    if (national && national->state != PPSCTL_PROBE_UP)
        json_object_set_new (link, "reason", json_string (national->reason));
    return json_pack ("{s:b, s:I, s:o, s:o, s:o, s:s?, s:s}", "healthy", problem_count == 0,
                      "max_lag", (json_int_t) max_lag, "services", services, "problems", list,
                      "national", link, "configuration", self->config_path,
                      "configuration_origin", self->config_origin);
}

void
ppsctl_usage_status (FILE *out)
{
    fprintf (out,
"usage: ppsctl status [--max-lag N] [--wait MS]\n"
"       ppsctl status --national [--wait MS]\n"
"  the region's services: state, version, uptime, last event seq, requests,\n"
"  LMDB use, then their gauges (subscriber lag, outbox, last errors), then\n"
"  what is wrong; the national service (national/url) on a line of its own\n"
"  --max-lag N   a subscriber more than N events behind is a problem (default %d)\n"
"  --wait MS     how long to wait for the answers (default %d)\n"
"  --national    check the national service alone\n"
"exit status:\n"
"  status             0 the region's services are healthy, 1 one is down or in\n"
"                     error, lags, or has an outbox entry needing an operator;\n"
"                     the national service never changes it (not the region's to fix)\n"
"  status --national  0 the national service answers, 1 it is down or in error,\n"
"                     2 national/url is not configured\n",
             PPSCTL_MAX_LAG_DEFAULT, PPSCTL_PROBE_TIMEOUT_MS);
}

//  `ppsctl status --national`: the national service alone.
static int
s_national_only (ppsctl_t *self, const ppsctl_probe_t *probes, size_t count)
{
    const ppsctl_probe_t *national = s_national (probes, count);
    if (!national) {
        fprintf (stderr, "error: national/url is not configured (configuration: %s, %s)\n",
                 self->config_path ? self->config_path : "none", self->config_origin);
        return PPSCTL_USAGE;
    }
    const char *state = national->state == PPSCTL_PROBE_UP ? "up"
                      : national->state == PPSCTL_PROBE_DOWN ? "down" : "error";
    if (self->json)
        ppsctl_json_print (stdout, json_pack ("{s:s, s:s, s:s}", "url", national->endpoint,
                                              "state", state, "reason", national->reason));
    else
    if (national->state == PPSCTL_PROBE_UP)
        printf ("national: up at %s (%s)\n", national->endpoint, national->status->version);
    else
        printf ("national: %s at %s (%s)\n", state, national->endpoint, national->reason);
    return national->state == PPSCTL_PROBE_UP ? PPSCTL_OK : PPSCTL_FAILED;
}

int
ppsctl_cmd_status (ppsctl_t *self, int argc, char **argv)
{
    int64_t max_lag = PPSCTL_MAX_LAG_DEFAULT, wait_ms = PPSCTL_PROBE_TIMEOUT_MS;
    bool national_only = false;
    for (int index = 0; index < argc; index++) {
        if (streq (argv [index], "--max-lag") && index + 1 < argc) {
            if (ppsctl_parse_int (argv [++index], 0, INT64_MAX, &max_lag)) {
                fprintf (stderr, "error: --max-lag: '%s' is not a number of events\n",
                         argv [index]);
                return PPSCTL_USAGE;
            }
        }
        else
        if (streq (argv [index], "--wait") && index + 1 < argc) {
            if (ppsctl_parse_int (argv [++index], 1, 600 * 1000, &wait_ms)) {
                fprintf (stderr, "error: --wait: '%s' is not a number of ms\n", argv [index]);
                return PPSCTL_USAGE;
            }
        }
        else
        if (streq (argv [index], "--national"))
            national_only = true;
        else {
            ppsctl_usage_status (stderr);
            return PPSCTL_USAGE;
        }
    }
    ppsctl_probe_t *probes;
    size_t count;
    if (ppsctl_probe_run (self, (int) wait_ms, &probes, &count))
        return PPSCTL_FAILED;
    if (national_only)
        return s_national_only (self, probes, count);
    char **problems;
    size_t problem_count = ppsctl_probe_problems (self->arena, probes, count,
                                                  (uint64_t) max_lag, &problems);
    if (self->json)
        ppsctl_json_print (stdout, s_json (self, probes, count, problems, problem_count,
                                           (uint64_t) max_lag));
    else {
        const ppsctl_probe_t *national = s_national (probes, count);
        size_t regional = count - (national ? 1 : 0);
        if (s_print_table (self, probes, count))
            return PPSCTL_USAGE;
        if (problem_count) {
            printf ("\nproblems:\n");
            for (size_t index = 0; index < problem_count; index++)
                printf ("  %s\n", problems [index]);
        }
        else
            printf ("\nhealthy: %zu services up (the region's), no subscriber more than %" PRId64
                    " events behind, no outbox entry needing an operator\n", regional, max_lag);
        if (!national)
            printf ("national: not configured (national/url)\n");
        else
        if (national->state == PPSCTL_PROBE_UP)
            printf ("national: up at %s\n", national->endpoint);
        else
            printf ("national: %s at %s (%s); not counted in the exit status: "
                    "ppsctl status --national checks it\n",
                    national->state == PPSCTL_PROBE_DOWN ? "down" : "error",
                    national->endpoint, national->reason);
        printf ("configuration: %s (%s)\n", self->config_path ? self->config_path : "none",
                self->config_origin);
    }
    return problem_count ? PPSCTL_FAILED : PPSCTL_OK;
}
