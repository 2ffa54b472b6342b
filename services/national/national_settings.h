/*  national_settings: what pps-national reads from the configuration (ZPL
    file plus PPS_* environment overrides, see pps_config.h), read once at
    start so that the HTTP thread never touches the configuration.

    Keys (environment name in brackets):
        national/bind                 "127.0.0.1:8480", IPv4 address and port
                                      [PPS_NATIONAL_BIND]
        national/max_body_kb          largest POST body, default 1024 (KiB)
        national/max_connections      concurrent connections, default 128
        national/per_address          connections from one address, default 8
        national/timeout_s            idle connection timeout, default 15
        national/tls_cert, tls_key    PEM files: serve HTTPS instead of HTTP
                                      (both or neither; the indicators
                                      service's outbox wants https://)
        national/map_mb               LMDB map size, default 1024 (MiB)
        national/console_dir          the console's files (DIR/common, DIR/national),
                                      default built in (Debian: /usr/share/pps/console),
                                      "" for the copy embedded in the program
        national/tokens/<region>      SHA-256 hex of the region's bearer token
                                      [PPS_NATIONAL_TOKENS_32]; a region
                                      without one cannot post
        national/reader_token_sha256  SHA-256 hex of a bearer token the GET
                                      routes accept beside the accounts'
        national/loopback_reads       1 (default): without a reader token, a
                                      loopback client reads without
                                      credentials; 0 behind a reverse proxy
        national/due_<period>         due date of that period's bilans,
                                      "YYYY-MM-DD" [PPS_NATIONAL_DUE_2025]
        national/due_month_day        else "MM-DD" of the year after the
                                      period, default "03-31"
    The LMDB environment lives in <region/data_dir>/national; the console's
    accounts in <region/data_dir>/web (web_auth.h: web/map_mb,
    web/session_idle_s, web/secure_cookies), managed with
    `ppsctl -c NATIONAL.cfg user ...` (docs/national.md).
    Make a token's hash with `pps-national --hash-token TOKEN`.
*/
#ifndef NATIONAL_SETTINGS_H_INCLUDED
#define NATIONAL_SETTINGS_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sodium.h>
#include "pps_config.h"
#include "pps_bilan.h"

#define NATIONAL_HASH_BYTES     crypto_hash_sha256_BYTES
#define NATIONAL_HASH_HEX       (2 * crypto_hash_sha256_BYTES + 1)

typedef struct {
    char bind_address [64];           //  Dotted IPv4 address
    uint16_t port;                    //  TCP port
    size_t max_body_bytes;            //  Larger POST bodies get 413
    unsigned max_connections;         //  MHD connection limit
    unsigned per_address;             //  Connections from one address
    unsigned timeout_s;               //  MHD idle timeout
    size_t map_bytes;                 //  LMDB map size
    char store_path [512];            //  <data_dir>/national
    char tls_cert [512];              //  PEM certificate chain file, "" for plain HTTP
    char tls_key [512];               //  PEM private key file
    char console_dir [512];           //  The console's files, "" for the embedded copy
    bool has_token [PPS_BILAN_REGION_COUNT];                         //  Per region
    uint8_t token_hash [PPS_BILAN_REGION_COUNT][NATIONAL_HASH_BYTES];
    bool has_reader_token;            //  GETs accept this token when set
    bool loopback_reads;              //  Loopback reads without credentials
    uint8_t reader_hash [NATIONAL_HASH_BYTES];
    int32_t due_ordinal [PPS_BILAN_PERIOD_MAX - PPS_BILAN_PERIOD_MIN + 1];   //  yyyymmdd
} national_settings_t;

//  Fill settings from config. Returns 0, or -1 after logging the key at
//  fault (a malformed hash, date or address stops the service from
//  starting rather than locking a region out silently).
int national_settings_load (national_settings_t *self, pps_config_t *config);

//  Due date (yyyymmdd) of a period's bilans; 0 for a period out of range.
int32_t national_settings_due (const national_settings_t *self, int period);

//  SHA-256 of size bytes, as 64 lowercase hex characters into hex.
void national_sha256_hex (const void *data, size_t size, char hex [NATIONAL_HASH_HEX]);

//  The region whose token is token: its index, or -1 for no region. Every
//  configured hash is compared in constant time, so the answer's timing
//  says nothing about which region or how many bytes matched.
int national_settings_token_region (const national_settings_t *self, const char *token);

//  True when token is the reader token (false when none is configured).
bool national_settings_token_is_reader (const national_settings_t *self, const char *token);

//  Self test.
void national_settings_test (bool verbose);

#endif
