/*  pps_config: a deployment's configuration, a ZPL file (zconfig) with
    environment overrides.

    A key "section/name" is overridden by the environment variable
    PPS_SECTION_NAME (upper case, '/' and '-' become '_'). Without a file,
    every key takes its default, so a region runs with no set-up at all.

    Keys used by every service:
        region/code          INSEE region code ("32")
        region/data_dir      where each service keeps its LMDB ("var/pps")
        <service>/endpoint   ROUTER endpoint (default ipc://<data_dir>/<service>.ipc)
        <service>/events     PUB endpoint (default ipc://<data_dir>/<service>-events.ipc)
        <service>/map_mb     LMDB map size in MiB (default 1024)
        server/heartbeat_ms  heartbeat period (default 2000)
        security/...         CURVE keys and roles: see pps_keys.h and pps_security.h
*/
#ifndef PPS_CONFIG_H_INCLUDED
#define PPS_CONFIG_H_INCLUDED

#include <czmq.h>

typedef struct _pps_config_t pps_config_t;

//  Load the file at path; a NULL path gives defaults and environment only.
//  Returns NULL (and logs) when the file is given but cannot be parsed.
//  Caller owns return value and must destroy it.
pps_config_t *pps_config_load (const char *path);

//  Destroy the configuration; sets *self_p to NULL.
void pps_config_destroy (pps_config_t **self_p);

//  Value of a key: the environment, else the file, else default_value.
//  The string belongs to the configuration and stays valid until it is
//  destroyed. Every function is safe from several threads at once (the
//  actors of one process share a configuration), pps_config_set included.
const char *pps_config_get (pps_config_t *self, const char *key, const char *default_value);

//  Integer value of a key, or default_value when absent or not a number.
int64_t pps_config_get_int (pps_config_t *self, const char *key, int64_t default_value);

//  Set a key in the in-memory configuration (used by tests and pps-region).
void pps_config_set (pps_config_t *self, const char *key, const char *value);

//  The region code ("32" unless configured).
const char *pps_config_region (pps_config_t *self);

//  The data directory; created (mode 0750) if missing.
const char *pps_config_data_dir (pps_config_t *self);

//  Create directory path and its missing parents; a directory this creates
//  gets mode 0750 (no access for others), an existing one is left as it is.
//  Returns 0, or -1 when path is not a directory and cannot be made one.
int pps_config_private_dir (const char *path);

//  A service's ROUTER endpoint, with its ipc default under the data directory.
const char *pps_config_endpoint (pps_config_t *self, const char *service);

//  A service's PUB endpoint, with its ipc default under the data directory.
const char *pps_config_events_endpoint (pps_config_t *self, const char *service);

//  The path the configuration was read from, or NULL.
const char *pps_config_path (pps_config_t *self);

//  Self test.
void pps_config_test (bool verbose);

#endif
