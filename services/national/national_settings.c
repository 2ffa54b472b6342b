/*  national_settings: pps-national's configuration, read once at start.  */
#include "national_settings.h"

#include <arpa/inet.h>
#include <ctype.h>
#include "pps_date.h"


#define DEFAULT_BIND            "127.0.0.1:8480"
#define DEFAULT_MAX_BODY_KB     1024
#define DEFAULT_MAX_CONNECTIONS 128     //  18 regions and their retries, readers
#define DEFAULT_PER_ADDRESS     8       //  One region (or a probe) cannot take them all
#define DEFAULT_TIMEOUT_S       15      //  A push takes well under a second
#define DEFAULT_MAP_MB          1024
#define DEFAULT_DUE_MONTH_DAY   "03-31"

void
national_sha256_hex (const void *data, size_t size, char hex [NATIONAL_HASH_HEX])
{
    uint8_t hash [NATIONAL_HASH_BYTES];
    crypto_hash_sha256 (hash, data, size);
    sodium_bin2hex (hex, NATIONAL_HASH_HEX, hash, sizeof hash);
}

//  Decode a 64-character lowercase or uppercase hex hash. Returns 0 or -1.
static int
s_parse_hash (const char *hex, uint8_t hash [NATIONAL_HASH_BYTES])
{
    size_t decoded = 0;
    if (strlen (hex) != 2 * NATIONAL_HASH_BYTES)
        return -1;
    if (sodium_hex2bin (hash, NATIONAL_HASH_BYTES, hex, strlen (hex), NULL, &decoded, NULL)
    ||  decoded != NATIONAL_HASH_BYTES)
        return -1;
    return 0;
}

//  "host:port" with a dotted IPv4 host. Returns 0 or -1.
static int
s_parse_bind (national_settings_t *self, const char *text)
{
    const char *colon = strrchr (text, ':');
    if (!colon || colon == text || (size_t) (colon - text) >= sizeof self->bind_address)
        return -1;
    memcpy (self->bind_address, text, colon - text);
    self->bind_address [colon - text] = 0;
    struct in_addr address;
    if (inet_pton (AF_INET, self->bind_address, &address) != 1)
        return -1;
    const char *port = colon + 1;
    if (!*port || strlen (port) > 5)
        return -1;
    for (const char *c = port; *c; c++)
        if (!isdigit ((unsigned char) *c))
            return -1;
    long value = strtol (port, NULL, 10);
    if (value < 1 || value > 65535)
        return -1;
    self->port = (uint16_t) value;
    return 0;
}

//  A positive integer setting within [1, max]; -1 after logging otherwise.
static int
s_positive (pps_config_t *config, const char *key, int64_t fallback, int64_t max,
            int64_t *value_p)
{
    int64_t value = pps_config_get_int (config, key, fallback);
    if (value < 1 || value > max) {
        zsys_error ("national: %s must be between 1 and %" PRId64, key, max);
        return -1;
    }
    *value_p = value;
    return 0;
}

//  The due date of every period, from national/due_<period> or else from
//  national/due_month_day in the following year. Returns 0 or -1 (logged).
static int
s_load_due_dates (national_settings_t *self, pps_config_t *config)
{
    const char *month_day = pps_config_get (config, "national/due_month_day",
                                            DEFAULT_DUE_MONTH_DAY);
    for (int period = PPS_BILAN_PERIOD_MIN; period <= PPS_BILAN_PERIOD_MAX; period++) {
        char key [64], text [32];
        snprintf (key, sizeof key, "national/due_%d", period);
        const char *due = pps_config_get (config, key, NULL);
        bool from_month_day = !due || !*due;
        if (from_month_day) {
            //  "02-29" fails below: a due date must exist every year
            snprintf (text, sizeof text, "%04d-%.5s", period + 1, month_day);
            due = text;
        }
        Pps__Date date = PPS__DATE__INIT;
        if (strlen (due) != 10 || (from_month_day && strlen (month_day) != 5)
        ||  pps_date_parse (due, &date)) {
            zsys_error ("national: %s='%s' is not a date", from_month_day
                        ? "national/due_month_day (MM-DD)" : key,
                        from_month_day ? month_day : due);
            return -1;
        }
        self->due_ordinal [period - PPS_BILAN_PERIOD_MIN] = pps_date_ordinal (&date);
    }
    return 0;
}

//  Region tokens and the reader token. Returns 0 or -1 (logged).
static int
s_load_tokens (national_settings_t *self, pps_config_t *config)
{
    size_t configured = 0;
    for (int index = 0; index < PPS_BILAN_REGION_COUNT; index++) {
        char key [64];
        snprintf (key, sizeof key, "national/tokens/%s", pps_bilan_region (index));
        const char *hex = pps_config_get (config, key, NULL);
        if (!hex || !*hex)
            continue;
        if (s_parse_hash (hex, self->token_hash [index])) {
            zsys_error ("national: %s is not a SHA-256 hex (use pps-national --hash-token)", key);
            return -1;
        }
        self->has_token [index] = true;
        configured++;
    }
    if (configured == 0)
        zsys_warning ("national: no national/tokens/<region> configured, no region can post");
    const char *reader = pps_config_get (config, "national/reader_token_sha256", NULL);
    if (reader && *reader) {
        if (s_parse_hash (reader, self->reader_hash)) {
            zsys_error ("national: national/reader_token_sha256 is not a SHA-256 hex");
            return -1;
        }
        self->has_reader_token = true;
    }
    return 0;
}

int
national_settings_load (national_settings_t *self, pps_config_t *config)
{
    memset (self, 0, sizeof *self);
    const char *bind = pps_config_get (config, "national/bind", DEFAULT_BIND);
    if (s_parse_bind (self, bind)) {
        zsys_error ("national: national/bind='%s' is not IPv4-ADDRESS:PORT", bind);
        return -1;
    }
    int64_t body_kb, connections, per_address, timeout_s, map_mb;
    if (s_positive (config, "national/max_body_kb", DEFAULT_MAX_BODY_KB, 1024 * 1024, &body_kb)
    ||  s_positive (config, "national/max_connections", DEFAULT_MAX_CONNECTIONS, 10000,
                    &connections)
    ||  s_positive (config, "national/per_address", DEFAULT_PER_ADDRESS, 10000, &per_address)
    ||  s_positive (config, "national/timeout_s", DEFAULT_TIMEOUT_S, 3600, &timeout_s)
    ||  s_positive (config, "national/map_mb", DEFAULT_MAP_MB, 1024 * 1024, &map_mb))
        return -1;
    self->max_body_bytes = (size_t) body_kb * 1024;
    self->max_connections = (unsigned) connections;
    self->per_address = (unsigned) per_address;
    self->timeout_s = (unsigned) timeout_s;
    self->map_bytes = (size_t) map_mb * 1024 * 1024;
    int length = snprintf (self->store_path, sizeof self->store_path, "%s/national",
                           pps_config_data_dir (config));
    if (length < 0 || (size_t) length >= sizeof self->store_path) {
        zsys_error ("national: region/data_dir is too long");
        return -1;
    }
    const char *cert = pps_config_get (config, "national/tls_cert", "");
    const char *key = pps_config_get (config, "national/tls_key", "");
    if (!*cert != !*key) {
        zsys_error ("national: national/tls_cert and national/tls_key go together");
        return -1;
    }
    if (strlen (cert) >= sizeof self->tls_cert || strlen (key) >= sizeof self->tls_key) {
        zsys_error ("national: national/tls_cert or national/tls_key is too long a path");
        return -1;
    }
    snprintf (self->tls_cert, sizeof self->tls_cert, "%s", cert);
    snprintf (self->tls_key, sizeof self->tls_key, "%s", key);
    const char *console_dir = pps_config_get (config, "national/console_dir", PPS_CONSOLE_DIR);
    if (strlen (console_dir) >= sizeof self->console_dir) {
        zsys_error ("national: national/console_dir is too long a path");
        return -1;
    }
    snprintf (self->console_dir, sizeof self->console_dir, "%s", console_dir);
    if (s_load_tokens (self, config) || s_load_due_dates (self, config))
        return -1;
    self->loopback_reads = pps_config_get_int (config, "national/loopback_reads", 1) != 0;
    return 0;
}

int32_t
national_settings_due (const national_settings_t *self, int period)
{
    if (period < PPS_BILAN_PERIOD_MIN || period > PPS_BILAN_PERIOD_MAX)
        return 0;
    return self->due_ordinal [period - PPS_BILAN_PERIOD_MIN];
}

int
national_settings_token_region (const national_settings_t *self, const char *token)
{
    uint8_t hash [NATIONAL_HASH_BYTES];
    crypto_hash_sha256 (hash, (const uint8_t *) token, strlen (token));
    //  No early exit: every region's hash is compared whatever matched
    int found = -1;
    for (int index = 0; index < PPS_BILAN_REGION_COUNT; index++) {
        bool same = sodium_memcmp (hash, self->token_hash [index], sizeof hash) == 0;
        if (same && self->has_token [index] && found < 0)
            found = index;
    }
    return found;
}

bool
national_settings_token_is_reader (const national_settings_t *self, const char *token)
{
    uint8_t hash [NATIONAL_HASH_BYTES];
    crypto_hash_sha256 (hash, (const uint8_t *) token, strlen (token));
    return self->has_reader_token
        && sodium_memcmp (hash, self->reader_hash, sizeof hash) == 0;
}

void
national_settings_test (bool verbose)
{
    (void) verbose;
    assert (sodium_init () >= 0);
    char hex [NATIONAL_HASH_HEX];
    //  The SHA-256 of "abc" (FIPS 180-2 test vector)
    national_sha256_hex ("abc", 3, hex);
    assert (streq (hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

    char data_dir [] = "/tmp/pps-national-settings-XXXXXX";
    assert (mkdtemp (data_dir));
    pps_config_t *config = pps_config_load (NULL);
    assert (config);
    pps_config_set (config, "region/data_dir", data_dir);
    national_settings_t settings;
    assert (national_settings_load (&settings, config) == 0);
    assert (streq (settings.bind_address, "127.0.0.1") && settings.port == 8480);
    assert (settings.max_body_bytes == 1024 * 1024);
    assert (national_settings_due (&settings, 2025) == 20260331);
    assert (national_settings_due (&settings, 1999) == 0);
    assert (!settings.has_reader_token);
    assert (settings.loopback_reads);
    assert (national_settings_token_region (&settings, "anything") == -1);

    national_sha256_hex ("secret-32", 9, hex);
    pps_config_set (config, "national/tokens/32", hex);
    pps_config_set (config, "national/due_2025", "2026-02-15");
    pps_config_set (config, "national/due_month_day", "04-30");
    pps_config_set (config, "national/bind", "0.0.0.0:9000");
    pps_config_set (config, "national/loopback_reads", "0");
    assert (national_settings_load (&settings, config) == 0);
    assert (settings.port == 9000 && !settings.loopback_reads);
    assert (national_settings_token_region (&settings, "secret-32") == 9);
    assert (national_settings_token_region (&settings, "secret-33") == -1);
    assert (national_settings_token_region (&settings, "") == -1);
    assert (national_settings_due (&settings, 2025) == 20260215);
    assert (national_settings_due (&settings, 2024) == 20250430);

    //  Each malformed value stops the load
    const char *bad [][2] = {
        { "national/tokens/44", "not-hex" },
        { "national/reader_token_sha256", "abcd" },
        { "national/due_2030", "2031-02-30" },
        { "national/due_month_day", "3-31" },
        { "national/bind", "localhost:80" },
        { "national/bind", "127.0.0.1:70000" },
        { "national/max_body_kb", "0" },
        { "national/tls_cert", "/etc/ssl/cert.pem" },
    };
    for (size_t index = 0; index < sizeof bad / sizeof bad [0]; index++) {
        pps_config_t *broken = pps_config_load (NULL);
        pps_config_set (broken, "region/data_dir", data_dir);
        pps_config_set (broken, bad [index][0], bad [index][1]);
        assert (national_settings_load (&settings, broken) == -1);
        pps_config_destroy (&broken);
    }
    pps_config_destroy (&config);
    zsys_dir_delete ("%s", data_dir);
}
