/*  fuzz_national_api: libFuzzer target for pps-national's request
    handlers, called as its HTTP layer calls them once a request is read
    (route found, caller checked, body collected), over a real store in a
    temporary directory. The first byte chooses:
        0  POST /api/v1/bilans from region 32, body = the rest, with the
           Idempotency-Key a well-behaved region would send for it
        1  POST /api/v1/bilans, the rest = "<Idempotency-Key>\n<body>"
        2  GET  /api/v1/<rest up to a newline>, ?period= what follows it
    The answer must be a status between 200 and 599 with a JSON body (or
    the raw bytes of a stored document) that serialises.
*/
#include <czmq.h>
#include <ftw.h>
#include "national_api.h"
#include "national_settings.h"
#include "fuzz_region.h"

#define MAP_MB "256"

static national_t s_national;
static national_settings_t s_settings;

static int
s_remove_entry (const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    (void) info; (void) flag; (void) ftw;
    remove (path);
    return 0;
}

static void
s_stop (void)
{
    national_store_destroy (&s_national.store);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
    (void) argc; (void) argv;
    fuzz_clear_environment ();
    zsys_handler_set (NULL);
    zsys_init ();
    if (!getenv ("PPS_FUZZ_VERBOSE"))
        zsys_set_logstream (NULL);
    if (sodium_init () < 0)
        abort ();
    const char *tmp = getenv ("TMPDIR");
    char *template = zsys_sprintf ("%s/pps-fuzz-national-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp (template))
        abort ();
    pps_config_t *config = pps_config_load (NULL);
    pps_config_set (config, "region/data_dir", template);
    pps_config_set (config, "national/map_mb", MAP_MB);
    char hex [NATIONAL_HASH_HEX];
    national_sha256_hex ("fuzz-token-32", strlen ("fuzz-token-32"), hex);
    pps_config_set (config, "national/tokens/32", hex);
    if (national_settings_load (&s_settings, config))
        abort ();
    pps_config_destroy (&config);
    s_national.settings = &s_settings;
    s_national.started_ms = zclock_time ();
    s_national.store = national_store_open (s_settings.store_path, s_settings.map_bytes);
    if (!s_national.store)
        abort ();
    //  Open: the files need no name any more
    nftw (template, s_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    zstr_free (&template);
    atexit (s_stop);
    return 0;
}

//  The key region 32 would send for body: "<region>:<period>:<version>".
static char *
s_key_for (const char *body, size_t size)
{
    json_t *document = json_loadb (body, size, JSON_REJECT_DUPLICATES, NULL);
    const char *region = json_string_value (json_object_get (document, "region"));
    const char *period = json_string_value (json_object_get (document, "period"));
    json_t *version = json_object_get (document, "version");
    char *key = region && period && json_is_integer (version)
              ? zsys_sprintf ("%s:%s:%" JSON_INTEGER_FORMAT, region, period,
                              json_integer_value (version))
              : NULL;
    json_decref (document);
    return key;
}

static void
s_check (national_reply_t *reply)
{
    if (reply->status < 200 || reply->status > 599) {
        fprintf (stderr, "fuzz_national_api: status %u\n", reply->status);
        abort ();
    }
    if (reply->raw)
        free (reply->raw);
    else {
        char *text = reply->json ? json_dumps (reply->json, JSON_COMPACT) : NULL;
        if (!text) {
            fprintf (stderr, "fuzz_national_api: status %u without a JSON body\n", reply->status);
            abort ();
        }
        free (text);
    }
    json_decref (reply->json);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int mode = data [0] % 3;
    //  The HTTP layer gives a NUL-terminated body and C strings
    char *rest = malloc (size);
    assert (rest);
    memcpy (rest, data + 1, size - 1);
    rest [size - 1] = 0;
    size_t rest_size = size - 1;
    char *newline = memchr (rest, '\n', rest_size);
    national_request_t request = { .region = pps_bilan_region_index ("32") };
    char *key = NULL, *url = NULL;
    const char *method = "POST";
    if (mode == 0) {
        key = s_key_for (rest, rest_size);
        request.url = "/api/v1/bilans";
        request.idempotency_key = key;
        request.body = rest;
        request.body_size = rest_size;
    }
    else
    if (mode == 1) {
        request.url = "/api/v1/bilans";
        if (newline) {
            *newline = 0;
            request.idempotency_key = rest;
            request.body = newline + 1;
            request.body_size = rest_size - (size_t) (newline + 1 - rest);
        }
    }
    else {
        method = "GET";
        request.region = -1;
        if (newline) {
            *newline = 0;
            request.period = newline + 1;
        }
        url = zsys_sprintf ("/api/v1/%s", rest);
        request.url = url;
    }
    unsigned status;
    const char *allow;
    const national_route_t *route = national_api_route (method, request.url, &status, &allow);
    if (route) {
        national_reply_t reply = { .status = 500 };
        route->handler (&s_national, &request, &reply);
        s_check (&reply);
    }
    zstr_free (&key);
    zstr_free (&url);
    free (rest);
    return 0;
}
