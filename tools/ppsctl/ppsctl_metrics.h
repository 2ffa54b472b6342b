/*  ppsctl_metrics: `ppsctl metrics [--output FILE] [--wait MS]` prints what
    `ppsctl status` knows in the Prometheus text exposition format 0.0.4,
    so that a region's usual monitoring can collect it (node_exporter's
    textfile collector reads FILE; see docs/operations.md).

    Families, every sample labelled with service="<name>":
        pps_up                       1 answered in time, 0 down or in error
        pps_info{version}            1, the version the service runs
        pps_uptime_seconds           since the service started
        pps_requests_total{outcome}  outcome="served" or "failed" (counter)
        pps_last_event_seq           last seq of its event log
        pps_schema_version           schema version of its LMDB
        pps_lmdb_used_bytes          LMDB bytes in use
        pps_lmdb_map_bytes           LMDB map size
        pps_lmdb_map_used_ratio      used / map
        pps_subscriber_lag{source}   events still to apply from that source
        pps_outbox_pending           outbox entries waiting for delivery
        pps_outbox_needs_operator    outbox entries waiting for an operator
        pps_outbox_last_error_info{message}  1 while there is a last error
        pps_last_error_info{channel,message} notify, per channel, the same
    and pps_<gauge> (label="...") for any other figure a service reports in
    its status, pps_<gauge>_info{message} for one that is words.
    A service that is down has only pps_up 0.

    With --output, the text is written to a temporary file beside FILE,
    synced, then renamed over FILE, so a collector never reads half of it.
    Exit 0 when the metrics were written, whatever the services' state
    (pps_up says it), 1 when FILE cannot be written.
*/
#ifndef PPSCTL_METRICS_H_INCLUDED
#define PPSCTL_METRICS_H_INCLUDED

#include "ppsctl_status.h"

//  Write the probes in the text exposition format. Returns 0, or -1 when
//  out reports a write error.
int ppsctl_metrics_write (FILE *out, pps_arena_t *arena, const ppsctl_probe_t *probes,
                          size_t count);

//  The usage of `ppsctl metrics`.
void ppsctl_usage_metrics (FILE *out);

//  Run `ppsctl metrics ...` with the arguments after "metrics".
//  Returns an exit code.
int ppsctl_cmd_metrics (ppsctl_t *self, int argc, char **argv);

//  The bounded class of an error text, for a metric's label: http_4xx,
//  http_5xx (and the other hundreds), smtp, tls, timeout, network, refused
//  or other. The text itself stays out of labels: each message would be a
//  series of its own.
const char *ppsctl_error_class (const char *text);

#endif
