/*  ppsctl_status: asks every service of the region for its ServiceStatus
    (a CommonRequest, which every service answers the same way) and prints
    one row per service. A service that does not answer is "down".  */
#include "ppsctl.h"

#include "pps_reflect.h"

//  Short, so that a down service does not hold the operator for long.
#define STATUS_TIMEOUT_MS 1500

#define MIB (1024.0 * 1024.0)

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
                     STATUS_TIMEOUT_MS, true, &reply))
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

int
ppsctl_cmd_status (ppsctl_t *self, int argc, char **argv)
{
    if (argc > 0) {
        fprintf (stderr, "usage: ppsctl status\n");
        return PPSCTL_USAGE;
    }
    json_t *rows = self->json ? json_array () : NULL;
    if (!rows)
        printf ("%-12s %-5s %-8s %10s %9s %9s %7s %17s  %s\n", "service", "state", "version",
                "uptime", "last_seq", "served", "failed", "lmdb used/map MiB", "endpoint");
    int rc = PPSCTL_OK;
    for (const ppsctl_service_t *service = ppsctl_services; service->name; service++) {
        const Pps__ServiceStatus *status;
        const char *reason;
        int probe = ppsctl_status_get (self, service, &status, &reason);
        //  A service that answered with an error is reachable but not serving
        const char *state = probe == PPSCTL_OK ? "up"
                          : probe == PPSCTL_UNREACHABLE ? "down" : "error";
        const char *endpoint = pps_config_endpoint (self->config, service->name);
        if (!status)
            rc = PPSCTL_FAILED;
        if (rows) {
            json_t *row = json_pack ("{s:s, s:s, s:s}", "service", service->name,
                                     "state", state, "endpoint", endpoint);
            if (status)
                json_object_set_new (row, "status", ppsctl_json_message (&status->base));
            else
                json_object_set_new (row, "reason", json_string (reason));
            json_array_append_new (rows, row);
            continue;
        }
        if (!status) {
            printf ("%-12s %-5s %-8s %10s %9s %9s %7s %17s  %s (%s)\n", service->name,
                    state, "-", "-", "-", "-", "-", "-", endpoint, reason);
            continue;
        }
        char *lmdb = pps_arena_printf (self->arena, "%.1f/%.0f",
                                       status->lmdb_size_bytes / MIB,
                                       status->lmdb_map_bytes / MIB);
        printf ("%-12s %-5s %-8s %10s %9" PRIu64 " %9" PRIu64 " %7" PRIu64 " %17s  %s\n",
                service->name, state, status->version, s_uptime (self->arena, status),
                status->last_seq, status->requests_served, status->requests_failed, lmdb,
                endpoint);
    }
    if (rows)
        ppsctl_json_print (stdout, rows);
    return rc;
}
