/*  national_it: pps-national as a real process, driven over HTTP on
    127.0.0.1. Three regions post bilans; the aggregate must equal sums
    computed by hand here; every bad request gets its status and leaves the
    store as it was; a new version replaces the old one in the aggregate;
    timeliness follows the configured due date; a restart keeps everything;
    ppsctl national reads the same figures.
    Usage: national_it PPS_NATIONAL PPSCTL  */
#include "national_it.h"
#include "pps_bilan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *s_ppsctl_path;

//  Region tokens, and the one region 44's hash goes in the ZPL file for.
static const char *const s_regions [] = { "11", "32", "44" };
static const char *const s_tokens [] = { "token-of-11-x7Q", "token-of-32-p9Z", "token-of-44-k3M" };
#define READER_TOKEN "reader-token-w2R"

//  Region 11 and 32 say yes to A5.1, 44 no; the sums are written out below.
#define INDICATOR(id, kind, numerator, denominator, value) \
    "{\"id\":\"" id "\",\"kind\":\"" kind "\",\"numerator\":" #numerator \
    ",\"denominator\":" #denominator ",\"value\":" #value "}"

static const char *const s_overrides [] = {
    "[" INDICATOR ("A5.1", "yes_no", 1, null, 1) ","
        INDICATOR ("A5.4", "ratio", 12, 17, 0.7059) ","
        INDICATOR ("OS3.meetings", "count", 3, null, 3) ","
        INDICATOR ("OO4.3.granted", "amount", 1250000, null, 1250000) ","
        INDICATOR ("OO4.3.granted.FIR", "amount", 1250000, null, 1250000) "]",
    "[" INDICATOR ("A5.1", "yes_no", 1, null, 1) ","
        INDICATOR ("A5.4", "ratio", 3, 3, 1) ","
        INDICATOR ("OS3.meetings", "count", 0, null, 0) "]",
    "[" INDICATOR ("A5.4", "ratio", 0, 5, 0) ","
        INDICATOR ("OS3.meetings", "count", 7, null, 7) ","
        INDICATOR ("OO4.3.granted", "amount", 250, null, 250) ","
        INDICATOR ("OO4.3.granted.CPAM", "amount", 250, null, 250) "]",
};

//  Version 2 of region 32: A5.1 no, A5.4 10/20.
static const char *s_overrides_32_v2 =
    "[" INDICATOR ("A5.4", "ratio", 10, 20, 0.5) ","
        INDICATOR ("OS3.meetings", "count", 5, null, 5) "]";

//  POST a document (serialised as given) with a token and key.
static long
s_post (const char *token, const char *key, const char *body, size_t size, bool chunked,
        nit_response_t *response)
{
    nit_http ("POST", "/api/v1/bilans", token, key, body, size, chunked, response);
    return response->status;
}

//  POST document with the right key; returns the status.
static long
s_post_document (const char *token, json_t *document, nit_response_t *response)
{
    char key [64];
    snprintf (key, sizeof key, "%s:%s:%lld",
              json_string_value (json_object_get (document, "region")),
              json_string_value (json_object_get (document, "period")),
              (long long) json_integer_value (json_object_get (document, "version")));
    char *body = json_dumps (document, JSON_INDENT (2));
    long status = s_post (token, key, body, strlen (body), false, response);
    free (body);
    return status;
}

//  GET path (a reader, no token unless given) and return its JSON; fails
//  the test unless the status is 200.
static json_t *
s_get_json (const char *path, const char *token)
{
    nit_response_t response;
    nit_http ("GET", path, token, NULL, NULL, 0, false, &response);
    NIT_CHECK (response.status == 200 && response.json, "GET %s: %ld %s", path,
               response.status, response.body ? response.body : "");
    json_t *json = json_incref (response.json);
    nit_response_free (&response);
    return json;
}

//  An integer member; fails the test when absent.
static int64_t
s_int (const json_t *object, const char *key)
{
    const json_t *value = json_object_get (object, key);
    NIT_CHECK (json_is_integer (value), "%s is not an integer", key);
    return json_integer_value (value);
}

//  Bilans stored, from GET /api/v1/status.
static int64_t
s_stored (void)
{
    json_t *status = s_get_json ("/api/v1/status", NULL);
    int64_t stored = s_int (status, "bilans_stored");
    json_decref (status);
    return stored;
}

//  An aggregated indicator of period 2025.
static const json_t *
s_indicator (const json_t *aggregate, const char *id)
{
    const json_t *indicator = json_object_get (json_object_get (aggregate, "indicators"), id);
    NIT_CHECK (indicator, "indicator %s not in the aggregate", id);
    return indicator;
}

//  The hand-computed figures of the three first versions (and, when
//  replaced, with region 32's version 2 instead).
static void
s_check_aggregate (bool replaced, int64_t on_time, const char *due)
{
    json_t *aggregate = s_get_json ("/api/v1/aggregate?period=2025", NULL);
    const json_t *completeness = json_object_get (aggregate, "completeness");
    char *dump = json_dumps (completeness, JSON_COMPACT);
    NIT_CHECK (s_int (completeness, "numerator") == 3 && s_int (completeness, "denominator") == 18,
               "completeness 3/18: %s", dump);
    free (dump);
    const json_t *timeliness = json_object_get (aggregate, "timeliness");
    NIT_CHECK (s_int (timeliness, "numerator") == on_time && s_int (timeliness, "denominator") == 3,
               "timeliness %lld/3", (long long) on_time);
    NIT_CHECK (!strcmp (json_string_value (json_object_get (aggregate, "due_date")), due),
               "due date %s", due);
    //  The contract's fixed ids and the funder lines of 32 and 84
    size_t wanted = pps_bilan_indicator_count () + 2;
    NIT_CHECK (json_object_size (json_object_get (aggregate, "indicators")) == wanted,
               "%zu indicators, got %zu", wanted,
               json_object_size (json_object_get (aggregate, "indicators")));

    const json_t *yes_no = s_indicator (aggregate, "A5.1");
    NIT_CHECK (s_int (yes_no, "numerator") == (replaced ? 1 : 2)
               && s_int (yes_no, "denominator") == 3, "A5.1 yes count");
    const json_t *ratio = s_indicator (aggregate, "A5.4");
    int64_t numerator = 12 + (replaced ? 10 : 3) + 0, denominator = 17 + (replaced ? 20 : 3) + 5;
    NIT_CHECK (s_int (ratio, "numerator") == numerator
               && s_int (ratio, "denominator") == denominator, "A5.4 sums");
    double value = json_real_value (json_object_get (ratio, "value"));
    NIT_CHECK (value > (double) numerator / denominator - 1e-9
               && value < (double) numerator / denominator + 1e-9, "A5.4 value %f", value);
    int64_t meetings = 3 + (replaced ? 5 : 0) + 7;
    NIT_CHECK (s_int (s_indicator (aggregate, "OS3.meetings"), "value") == meetings,
               "OS3.meetings sum");
    const json_t *amount = s_indicator (aggregate, "OO4.3.granted");
    NIT_CHECK (s_int (amount, "value") == 1250250 && s_int (amount, "regions_reporting") == 3,
               "OO4.3.granted sum");
    NIT_CHECK (s_int (s_indicator (aggregate, "OO4.3.granted.FIR"), "regions_reporting") == 1,
               "FIR from one region");
    //  Nobody has a denominator for A5.5: no value rather than a division by 0
    NIT_CHECK (json_is_null (json_object_get (s_indicator (aggregate, "A5.5"), "value")),
               "A5.5 value null");
    json_decref (aggregate);
}

//  One bad request: it gets wanted, names field (when given), and the
//  store keeps its count.
static void
s_refused (const char *name, long wanted, const char *field, long status,
           nit_response_t *response)
{
    NIT_CHECK (status == wanted, "%s: status %ld, wanted %ld: %s", name, status, wanted,
               response->body ? response->body : "");
    if (field) {
        const char *named = json_string_value (json_object_get (response->json, "field"));
        NIT_CHECK (named && !strcmp (named, field), "%s: field %s, wanted %s", name,
                   named ? named : "(none)", field);
    }
    if (wanted != 404 && wanted != 405)
        NIT_CHECK (!strcmp (json_string_value (json_object_get (response->json, "status")),
                            "ERROR"), "%s: status ERROR", name);
    nit_response_free (response);
    NIT_CHECK (s_stored () == 3, "%s: the store changed", name);
    printf ("ok   %s -> %ld\n", name, wanted);
}

//  Every bad request of the brief, each against version 2 of region 32 (a
//  new key, so that anything wrongly stored would show in the count).
static void
s_bad_requests (void)
{
    nit_response_t response;
    const char *key = "32:2025:2";
    json_t *good = nit_bilan ("32", 2, s_overrides_32_v2);
    char *body = json_dumps (good, 0);

    const char *broken = "{\"schema\":\"pps-bilan/2\",";
    s_refused ("malformed JSON", 400, "body",
               s_post (s_tokens [1], key, broken, strlen (broken), false, &response), &response);
    const char *twice = "{\"schema\":\"pps-bilan/2\",\"schema\":\"pps-bilan/2\"}";
    s_refused ("duplicate member", 400, "body",
               s_post (s_tokens [1], key, twice, strlen (twice), false, &response), &response);

    //  Each variant is re-signed, so that the rule at fault is the one seen
    const char *variants [][3] = {
        { "reference_date", NULL, "reference_date" },
        { "version", "\"2\"", "version" },
        { "indicators", "{}", "indicators" },
    };
    for (size_t index = 0; index < 3; index++) {
        json_t *variant = json_deep_copy (good);
        if (variants [index][1])
            json_object_set_new (variant, variants [index][0],
                                 json_loads (variants [index][1], JSON_DECODE_ANY, NULL));
        else
            json_object_del (variant, variants [index][0]);
        nit_sign (variant);
        char name [64];
        snprintf (name, sizeof name, "bad %s", variants [index][0]);
        s_refused (name, 400, variants [index][2],
                   s_post_document (s_tokens [1], variant, &response), &response);
        json_decref (variant);
    }
    json_t *variant = json_deep_copy (good);
    json_t *a54 = json_array_get (json_object_get (variant, "indicators"), 3);
    json_object_set_new (a54, "numerator", json_real (1.5));
    nit_sign (variant);
    s_refused ("numerator not an integer", 400, "indicators[3].numerator",
               s_post_document (s_tokens [1], variant, &response), &response);
    json_decref (variant);
    variant = json_deep_copy (good);
    json_object_set_new (json_array_get (json_object_get (variant, "indicators"), 0),
                         "numerator", json_integer (2));
    nit_sign (variant);
    s_refused ("yes_no numerator 2", 400, "indicators[0].numerator",
               s_post_document (s_tokens [1], variant, &response), &response);
    json_decref (variant);
    //  A rule of the contract, as the region checks it before finalising:
    //  A5.5's committees cannot outnumber the establishments
    variant = json_deep_copy (good);
    json_array_set_new (json_object_get (variant, "indicators"), 4, json_pack (
        "{s:s, s:s, s:i, s:i, s:f}", "id", "A5.5", "kind", "ratio", "numerator", 3,
        "denominator", 2, "value", 1.5));
    nit_sign (variant);
    s_refused ("a proportion above its denominator", 400, "indicators[4].numerator",
               s_post_document (s_tokens [1], variant, &response), &response);
    json_decref (variant);
    //  Changed after signing: the hash no longer matches
    variant = json_deep_copy (good);
    a54 = json_array_get (json_object_get (variant, "indicators"), 3);
    json_object_set_new (a54, "numerator", json_integer (11));
    json_object_set_new (a54, "value", json_real (0.55));
    s_refused ("bad sha256", 400, "sha256",
               s_post_document (s_tokens [1], variant, &response), &response);
    json_decref (variant);

    s_refused ("no Idempotency-Key", 400, "Idempotency-Key",
               s_post (s_tokens [1], NULL, body, strlen (body), false, &response), &response);
    s_refused ("wrong Idempotency-Key", 400, "Idempotency-Key",
               s_post (s_tokens [1], "32:2025:1", body, strlen (body), false, &response),
               &response);

    //  2 MB: refused from its Content-Length, and when sent chunked
    size_t huge_size = 2 * 1024 * 1024;
    char *huge = malloc (huge_size);
    NIT_CHECK (huge, "malloc");
    memset (huge, ' ', huge_size);
    huge [0] = '[';
    huge [huge_size - 1] = ']';
    s_refused ("2 MB body", 413, "body",
               s_post (s_tokens [1], key, huge, huge_size, false, &response), &response);
    s_refused ("2 MB chunked body", 413, "body",
               s_post (s_tokens [1], key, huge, huge_size, true, &response), &response);
    free (huge);

    s_refused ("no token", 401, "Authorization",
               s_post (NULL, key, body, strlen (body), false, &response), &response);
    s_refused ("wrong token", 401, "Authorization",
               s_post ("token-of-nobody", key, body, strlen (body), false, &response),
               &response);
    s_refused ("another region's token", 403, "region",
               s_post (s_tokens [0], key, body, strlen (body), false, &response), &response);
    nit_http ("PUT", "/api/v1/bilans", s_tokens [1], key, body, strlen (body), false, &response);
    s_refused ("PUT", 405, NULL, response.status, &response);
    nit_http ("GET", "/api/v1/nothing", NULL, NULL, NULL, 0, false, &response);
    s_refused ("unknown path", 404, NULL, response.status, &response);
    nit_http ("GET", "/api/v1/aggregate?period=25", NULL, NULL, NULL, 0, false, &response);
    s_refused ("bad period", 400, "period", response.status, &response);
    free (body);
    json_decref (good);
}

//  ZPL configuration: bind address, region 44's token hash, due date.
static void
s_configure (const char *due)
{
    char hash [65], zpl [1024];
    nit_sha256_hex (s_tokens [2], strlen (s_tokens [2]), hash);
    snprintf (zpl, sizeof zpl,
              "#   pps-national test configuration\n"
              "national\n"
              "    bind = \"%s\"\n"
              "    max_body_kb = 1024\n"
              "    due_2025 = \"%s\"\n"
              "    tokens\n"
              "        44 = \"%s\"\n",
              nit_url () + strlen ("http://"), due, hash);
    nit_write_config (zpl);
}

//  ppsctl national against the running service.
static void
s_ppsctl (void)
{
    char command [1024], *output;
    snprintf (command, sizeof command,
              "'%s' --json national aggregate --period 2025 --url %s/ 2>&1",
              s_ppsctl_path, nit_url ());
    NIT_CHECK (nit_run (command, &output) == 0, "ppsctl --json aggregate: %s", output);
    json_t *json = json_loads (output, 0, NULL);
    NIT_CHECK (json && s_int (json_object_get (json, "completeness"), "numerator") == 3,
               "ppsctl --json aggregate: %s", output);
    NIT_CHECK (s_int (s_indicator (json, "A5.4"), "numerator") == 22, "ppsctl A5.4");
    json_decref (json);
    free (output);

    snprintf (command, sizeof command,
              "PPS_NATIONAL_URL=%s '%s' national aggregate --period 2025 2>&1",
              nit_url (), s_ppsctl_path);
    NIT_CHECK (nit_run (command, &output) == 0 && strstr (output, "3/18 regions reporting")
               && strstr (output, "OO4.3.granted  "), "ppsctl aggregate: %s", output);
    free (output);
    snprintf (command, sizeof command, "'%s' national regions --period 2025 --url %s 2>&1",
              s_ppsctl_path, nit_url ());
    NIT_CHECK (nit_run (command, &output) == 0 && strstr (output, "10/20")
               && strstr (output, "12/17"), "ppsctl regions: %s", output);
    free (output);
    snprintf (command, sizeof command, "'%s' national status --url %s 2>&1",
              s_ppsctl_path, nit_url ());
    NIT_CHECK (nit_run (command, &output) == 0 && strstr (output, "bilans stored:   4"),
               "ppsctl status: %s", output);
    free (output);
    snprintf (command, sizeof command, "'%s' national status --url http://127.0.0.1:1 2>&1",
              s_ppsctl_path);
    NIT_CHECK (nit_run (command, &output) == 3, "ppsctl on a closed port: %s", output);
    free (output);
    snprintf (command, sizeof command, "'%s' national aggregate --period 25 2>&1", s_ppsctl_path);
    NIT_CHECK (nit_run (command, &output) == 2, "ppsctl bad period: %s", output);
    free (output);
    printf ("ok   ppsctl national\n");
}

int
main (int argc, char **argv)
{
    if (argc != 3) {
        fprintf (stderr, "usage: national_it PPS_NATIONAL PPSCTL\n");
        return 2;
    }
    s_ppsctl_path = argv [2];
    nit_setup (argv [1]);
    //  Tokens of 11 and 32 through the environment, 44's in the file
    for (size_t index = 0; index < 2; index++) {
        char name [64], hash [65];
        snprintf (name, sizeof name, "PPS_NATIONAL_TOKENS_%s", s_regions [index]);
        nit_sha256_hex (s_tokens [index], strlen (s_tokens [index]), hash);
        nit_setenv (name, hash);
    }
    s_configure ("2000-01-01");
    nit_start ();
    NIT_CHECK (s_stored () == 0, "empty at start");

    nit_response_t response;
    json_t *firsts [3];
    for (size_t index = 0; index < 3; index++) {
        firsts [index] = nit_bilan (s_regions [index], 1, s_overrides [index]);
        long status = s_post_document (s_tokens [index], firsts [index], &response);
        NIT_CHECK (status == 201, "post %s: %ld %s", s_regions [index], status, response.body);
        NIT_CHECK (s_int (response.json, "imported") == 1
                   && !strcmp (json_string_value (json_object_get (response.json, "status")), "OK"),
                   "import summary: %s", response.body);
        nit_response_free (&response);
    }
    printf ("ok   three regions posted\n");
    s_check_aggregate (false, 0, "2000-01-01");
    printf ("ok   aggregate = hand-computed sums, timeliness 0/3 with a past due date\n");

    NIT_CHECK (s_post_document (s_tokens [1], firsts [1], &response) == 200
               && s_int (response.json, "ignored") == 1, "identical resend: %s", response.body);
    nit_response_free (&response);
    json_t *tampered = json_deep_copy (firsts [1]);
    //  A5.4 of 11 goes from 3/3 to 2/3, a valid figure of its own
    json_t *changed = json_array_get (json_object_get (tampered, "indicators"), 3);
    json_object_set_new (changed, "numerator", json_integer (2));
    json_object_set_new (changed, "value", json_real (0.6667));
    nit_sign (tampered);
    long status = s_post_document (s_tokens [1], tampered, &response);
    const char *verdict = json_string_value (json_object_get (response.json, "status"));
    NIT_CHECK (status == 409 && verdict && !strcmp (verdict, "CONFLICT"),
               "tampered resend: %s", response.body);
    nit_response_free (&response);
    json_decref (tampered);
    NIT_CHECK (s_stored () == 3, "resends stored nothing");
    printf ("ok   identical resend 200, tampered resend 409\n");

    s_bad_requests ();

    json_t *second = nit_bilan ("32", 2, s_overrides_32_v2);
    NIT_CHECK (s_post_document (s_tokens [1], second, &response) == 201
               && s_int (response.json, "replaces") == 1, "version 2: %s", response.body);
    nit_response_free (&response);
    s_check_aggregate (true, 0, "2000-01-01");
    printf ("ok   version 2 replaces version 1 in the aggregate\n");

    //  The stored documents, byte for byte in canonical form
    char *expected = json_dumps (firsts [1], JSON_SORT_KEYS | JSON_COMPACT);
    nit_http ("GET", "/api/v1/bilans/32/2025/1", NULL, NULL, NULL, 0, false, &response);
    NIT_CHECK (response.status == 200 && !strcmp (response.body, expected)
               && strlen (response.received_at) == 24, "GET version 1: %s", response.body);
    nit_response_free (&response);
    nit_http ("GET", "/api/v1/bilans/32/2025", NULL, NULL, NULL, 0, false, &response);
    NIT_CHECK (response.status == 200 && s_int (response.json, "version") == 2, "GET latest");
    nit_response_free (&response);
    nit_http ("GET", "/api/v1/bilans/32/2024", NULL, NULL, NULL, 0, false, &response);
    NIT_CHECK (response.status == 404, "GET absent: %ld", response.status);
    nit_response_free (&response);
    json_t *regions = s_get_json ("/api/v1/regions?period=2025", NULL);
    const json_t *row = json_array_get (json_object_get (regions, "regions"), 1);
    NIT_CHECK (!strcmp (json_string_value (json_object_get (row, "region")), "32")
               && s_int (row, "version") == 2
               && s_int (json_object_get (json_object_get (row, "indicators"), "A5.4"),
                         "denominator") == 20, "regions table row of 32");
    json_decref (regions);
    printf ("ok   stored documents and region table\n");

    s_ppsctl ();

    //  Restart with a due date in the future: everything is still there
    NIT_CHECK (nit_stop () == 0, "clean exit on SIGTERM");
    s_configure ("2100-12-31");
    nit_start ();
    NIT_CHECK (s_stored () == 4, "4 bilans after restart");
    s_check_aggregate (true, 3, "2100-12-31");
    nit_http ("GET", "/api/v1/bilans/32/2025/1", NULL, NULL, NULL, 0, false, &response);
    NIT_CHECK (response.status == 200 && !strcmp (response.body, expected), "v1 after restart");
    nit_response_free (&response);
    NIT_CHECK (s_post_document (s_tokens [1], firsts [1], &response) == 200,
               "resend after restart: %s", response.body);
    nit_response_free (&response);
    printf ("ok   restart keeps everything, timeliness 3/3 with a future due date\n");

    //  With a reader token configured, reads need it
    NIT_CHECK (nit_stop () == 0, "clean exit");
    char hash [65];
    nit_sha256_hex (READER_TOKEN, strlen (READER_TOKEN), hash);
    nit_setenv ("PPS_NATIONAL_READER_TOKEN_SHA256", hash);
    nit_start ();
    const char *paths [] = { "/api/v1/aggregate?period=2025", "/api/v1/status" };
    for (size_t index = 0; index < 2; index++) {
        nit_http ("GET", paths [index], NULL, NULL, NULL, 0, false, &response);
        NIT_CHECK (response.status == 401, "%s without the reader token: %ld", paths [index],
                   response.status);
        nit_response_free (&response);
        nit_http ("GET", paths [index], s_tokens [0], NULL, NULL, 0, false, &response);
        NIT_CHECK (response.status == 401, "%s with a region token: %ld", paths [index],
                   response.status);
        nit_response_free (&response);
        json_decref (s_get_json (paths [index], READER_TOKEN));
    }
    printf ("ok   reader token required when configured\n");

    //  HTTPS with a self-signed certificate, when openssl(1) is there
    char command [1024], *output;
    snprintf (command, sizeof command,
              "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
              "-keyout %s/key.pem -out %s/cert.pem -days 2 -subj /CN=127.0.0.1 "
              "-addext subjectAltName=IP:127.0.0.1 2>&1", nit_dir (), nit_dir ());
    if (nit_run (command, &output) == 0) {
        NIT_CHECK (nit_stop () == 0, "clean exit");
        char path [256];
        snprintf (path, sizeof path, "%s/cert.pem", nit_dir ());
        nit_setenv ("PPS_NATIONAL_TLS_CERT", path);
        snprintf (path, sizeof path, "%s/key.pem", nit_dir ());
        nit_setenv ("PPS_NATIONAL_TLS_KEY", path);
        snprintf (path, sizeof path, "%s/cert.pem", nit_dir ());
        nit_use_tls (path);
        nit_start ();
        json_t *tls_status = s_get_json ("/api/v1/status", READER_TOKEN);
        NIT_CHECK (s_int (tls_status, "bilans_stored") == 4, "bilans over HTTPS");
        json_decref (tls_status);
        NIT_CHECK (s_post_document (s_tokens [1], second, &response) == 200,
                   "resend over HTTPS: %s", response.body);
        nit_response_free (&response);
        free (output);
        snprintf (command, sizeof command,
                  "PPS_NATIONAL_CA_FILE=%s PPS_NATIONAL_READER_TOKEN=%s "
                  "'%s' national status --url %s 2>&1", path, READER_TOKEN, s_ppsctl_path,
                  nit_url ());
        NIT_CHECK (nit_run (command, &output) == 0 && strstr (output, "bilans stored:   4"),
                   "ppsctl over HTTPS: %s", output);
        printf ("ok   HTTPS with national/tls_cert and tls_key\n");
    }
    else
        printf ("skip HTTPS: openssl cannot make a certificate: %s\n", output);
    free (output);

    free (expected);
    json_decref (second);
    for (size_t index = 0; index < 3; index++)
        json_decref (firsts [index]);
    NIT_CHECK (nit_stop () == 0, "clean exit");
    nit_teardown ();
    printf ("national_it: all passed\n");
    return 0;
}
