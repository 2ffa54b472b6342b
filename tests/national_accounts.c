/*  national_accounts: pps-national's console accounts as a real process
    (docs/national.md). The accounts are made with ppsctl run on the
    national configuration (its region/data_dir/web), then a browser's
    exchanges are played with libcurl: login, me with the CSRF token, the
    console's routes (overview, series, a region's versions, periods, the
    CSV downloads) read with the session cookie, a change without its CSRF
    token refused, logout; an API token of an account reads and is refused
    once revoked; the regions' push tokens still post, read nothing, and an
    account's credentials post nothing; five wrong passwords lock an
    account (429 with Retry-After); the configured reader token still
    reads; the console's files are served.
    Usage: national_accounts PPS_NATIONAL PPSCTL  */
#include "national_it.h"
#include "pps_bilan.h"

#include <curl/curl.h>
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *s_ppsctl_path;
static const char *const s_tokens [] = { "token-of-11-a1B", "token-of-32-c2D" };
#define READER_TOKEN    "reader-token-e3F"
#define ADMIN_PASSWORD  "admin-password-1"
#define READER_PASSWORD "reader-password-1"

//  A browser, or a script: its cookie, CSRF token and bearer token.
typedef struct {
    char cookie [128];                //  "pps_session=..." once logged in
    char csrf [64];
    char bearer [128];
} s_client_t;

//  One answer, with the headers the test looks at.
typedef struct {
    long status;
    char *body;
    size_t size;
    json_t *json;
    char content_type [128];
    char set_cookie [256];
    char disposition [128];
    char retry_after [32];
} s_answer_t;

static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    s_answer_t *answer = arg;
    size_t bytes = size * count;
    answer->body = realloc (answer->body, answer->size + bytes + 1);
    NIT_CHECK (answer->body, "out of memory");
    memcpy (answer->body + answer->size, data, bytes);
    answer->size += bytes;
    answer->body [answer->size] = 0;
    return bytes;
}

//  Copy the value of header name into buffer when line is that header.
static void
s_header_value (const char *line, size_t length, const char *name, char *buffer, size_t size)
{
    size_t name_length = strlen (name);
    if (length <= name_length + 1 || strncasecmp (line, name, name_length) != 0
    ||  line [name_length] != ':')
        return;
    const char *value = line + name_length + 1;
    while (*value == ' ')
        value++;
    size_t value_length = length - (size_t) (value - line);
    while (value_length && (value [value_length - 1] == '\r' || value [value_length - 1] == '\n'))
        value_length--;
    snprintf (buffer, size, "%.*s", (int) value_length, value);
}

static size_t
s_on_header (char *data, size_t size, size_t count, void *arg)
{
    s_answer_t *answer = arg;
    size_t length = size * count;
    s_header_value (data, length, "Content-Type", answer->content_type,
                    sizeof answer->content_type);
    s_header_value (data, length, "Set-Cookie", answer->set_cookie, sizeof answer->set_cookie);
    s_header_value (data, length, "Content-Disposition", answer->disposition,
                    sizeof answer->disposition);
    s_header_value (data, length, "Retry-After", answer->retry_after, sizeof answer->retry_after);
    return length;
}

static void
s_answer_free (s_answer_t *answer)
{
    free (answer->body);
    json_decref (answer->json);
    memset (answer, 0, sizeof *answer);
}

//  client sends method path (body may be NULL) as a browser would: its
//  cookie, its CSRF token on a change (csrf overrides it when not NULL),
//  its bearer token. A new session cookie is kept.
static void
s_call (s_client_t *client, const char *method, const char *path, const char *body,
        const char *csrf, s_answer_t *answer)
{
    memset (answer, 0, sizeof *answer);
    CURL *curl = curl_easy_init ();
    NIT_CHECK (curl, "curl_easy_init");
    char url [512], header [256];
    snprintf (url, sizeof url, "%s%s", nit_url (), path);
    struct curl_slist *headers = NULL;
    if (*client->cookie) {
        snprintf (header, sizeof header, "Cookie: %s", client->cookie);
        headers = curl_slist_append (headers, header);
    }
    if (!csrf && *client->csrf && strcmp (method, "GET") != 0)
        csrf = client->csrf;
    if (csrf) {
        snprintf (header, sizeof header, "X-CSRF-Token: %s", csrf);
        headers = curl_slist_append (headers, header);
    }
    if (*client->bearer) {
        snprintf (header, sizeof header, "Authorization: Bearer %s", client->bearer);
        headers = curl_slist_append (headers, header);
    }
    if (body)
        headers = curl_slist_append (headers, "Content-Type: application/json");
    curl_easy_setopt (curl, CURLOPT_URL, url);
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
    if (body) {
        curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long) strlen (body));
    }
    else
    if (strcmp (method, "POST") == 0) {
        curl_easy_setopt (curl, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, 0L);
    }
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
    curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, s_on_header);
    curl_easy_setopt (curl, CURLOPT_HEADERDATA, answer);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform (curl);
    NIT_CHECK (rc == CURLE_OK, "%s %s: %s", method, path, curl_easy_strerror (rc));
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &answer->status);
    curl_slist_free_all (headers);
    curl_easy_cleanup (curl);
    if (answer->body)
        answer->json = json_loadb (answer->body, answer->size, 0, NULL);
    else
        answer->body = strdup ("");
    //  The session cookie: its name=value, kept for the next requests
    if (strncmp (answer->set_cookie, "pps_session=", 12) == 0) {
        size_t length = strcspn (answer->set_cookie, ";");
        snprintf (client->cookie, sizeof client->cookie, "%.*s", (int) length,
                  answer->set_cookie);
    }
}

//  client logs in as login; returns the status, and keeps the CSRF token.
static long
s_login (s_client_t *client, const char *login, const char *password, s_answer_t *answer)
{
    char body [256];
    snprintf (body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}", login, password);
    s_call (client, "POST", "/api/v1/login", body, NULL, answer);
    const char *csrf = json_string_value (json_object_get (answer->json, "csrf_token"));
    if (answer->status == 200 && csrf)
        snprintf (client->csrf, sizeof client->csrf, "%s", csrf);
    return answer->status;
}

//  The status of GET path by client.
static long
s_status_of (s_client_t *client, const char *path)
{
    s_answer_t answer;
    s_call (client, "GET", path, NULL, NULL, &answer);
    long status = answer.status;
    s_answer_free (&answer);
    return status;
}

//  Run ppsctl on the national configuration; password_lines go to its
//  standard input. Returns its exit status, its output in *output_p.
static int
s_ppsctl (const char *arguments, const char *password_lines, char **output_p)
{
    char command [1024];
    snprintf (command, sizeof command, "printf '%s' | %s -c %s/national.cfg %s 2>&1",
              password_lines ? password_lines : "", s_ppsctl_path, nit_dir (), arguments);
    return nit_run (command, output_p);
}

//  POST document by region token; returns the status.
static long
s_push (const char *token, json_t *document)
{
    char key [64];
    snprintf (key, sizeof key, "%s:%s:%lld",
              json_string_value (json_object_get (document, "region")),
              json_string_value (json_object_get (document, "period")),
              (long long) json_integer_value (json_object_get (document, "version")));
    char *body = json_dumps (document, JSON_COMPACT);
    nit_response_t response;
    nit_http ("POST", "/api/v1/bilans", token, key, body, strlen (body), false, &response);
    long status = response.status;
    nit_response_free (&response);
    free (body);
    return status;
}

//  The document of nit_bilan moved to period 2024, signed again.
static json_t *
s_bilan_2024 (const char *region, const char *overrides)
{
    json_t *document = nit_bilan (region, 1, overrides);
    json_object_set_new (document, "period", json_string ("2024"));
    json_object_set_new (document, "period_start", json_string ("2024-01-01"));
    json_object_set_new (document, "period_end", json_string ("2024-12-31"));
    json_object_set_new (document, "reference_date", json_string ("2024-12-31"));
    json_object_set_new (document, "computed_at", json_string ("2025-01-12T09:30:00Z"));
    json_object_set_new (document, "finalised_at", json_string ("2025-01-15T14:02:11Z"));
    nit_sign (document);
    return document;
}

//  The configuration: region tokens 11 and 32, the data directory (that
//  ppsctl reads too), and the extra lines given.
static void
s_configure (const char *extra)
{
    char hashes [2][65], zpl [2048];
    for (size_t index = 0; index < 2; index++)
        nit_sha256_hex (s_tokens [index], strlen (s_tokens [index]), hashes [index]);
    snprintf (zpl, sizeof zpl,
              "region\n    data_dir = \"%s/data\"\n"
              "national\n    bind = \"%s\"\n    due_2025 = \"2100-12-31\"\n%s"
              "    tokens\n        11 = \"%s\"\n        32 = \"%s\"\n",
              nit_dir (), nit_url () + strlen ("http://"), extra, hashes [0], hashes [1]);
    nit_write_config (zpl);
}

int
main (int argc, char **argv)
{
    if (argc != 3) {
        fprintf (stderr, "usage: national_accounts PPS_NATIONAL PPSCTL\n");
        return 2;
    }
    s_ppsctl_path = argv [2];
    nit_setup (argv [1]);
    //  Anonymous loopback reads off: every read below needs credentials
    s_configure ("    loopback_reads = 0\n");
    s_answer_t answer;
    char *output;

    //  The accounts, made by ppsctl on the national configuration
    int rc = s_ppsctl ("user bootstrap dgs --name 'Admin DGS'", ADMIN_PASSWORD "\\n", &output);
    NIT_CHECK (rc == 0, "ppsctl user bootstrap: %s", output);
    free (output);
    rc = s_ppsctl ("user add lea --name 'Léa Lecteur' --role reader", READER_PASSWORD "\\n",
                   &output);
    NIT_CHECK (rc == 0, "ppsctl user add: %s", output);
    free (output);
    rc = s_ppsctl ("token create tableau-de-bord --role reader --by dgs", NULL, &output);
    char api_token [128] = "";
    const char *found = strstr (output, "ppst_");
    if (found)
        snprintf (api_token, sizeof api_token, "%.*s", (int) strcspn (found, " \r\n"), found);
    NIT_CHECK (rc == 0 && *api_token, "ppsctl token create: %s", output);
    free (output);
    char path [256];
    snprintf (path, sizeof path, "%s/data/web/data.mdb", nit_dir ());
    FILE *file = fopen (path, "r");
    NIT_CHECK (file, "the accounts are in <data_dir>/web (%s)", path);
    fclose (file);
    printf ("ok   ppsctl -c national.cfg makes the accounts in <data_dir>/web\n");

    nit_start ();
    //  The regions' push tokens keep working: 32 for 2024 and 2025, 11 for 2025
    json_t *documents [3] = {
        s_bilan_2024 ("32", "[{\"id\":\"A5.1\",\"kind\":\"yes_no\",\"numerator\":0,"
                            "\"denominator\":null,\"value\":0}]"),
        nit_bilan ("32", 1, "[{\"id\":\"A5.1\",\"kind\":\"yes_no\",\"numerator\":1,"
                            "\"denominator\":null,\"value\":1}]"),
        nit_bilan ("11", 1, NULL),
    };
    NIT_CHECK (s_push (s_tokens [1], documents [0]) == 201, "32 pushes 2024");
    NIT_CHECK (s_push (s_tokens [1], documents [1]) == 201, "32 pushes 2025");
    NIT_CHECK (s_push (s_tokens [0], documents [2]) == 201, "11 pushes 2025");
    printf ("ok   the regions' push tokens post as before\n");

    s_client_t anonymous = { .cookie = "" };
    NIT_CHECK (s_status_of (&anonymous, "/api/v1/overview?period=2025") == 401,
               "no credentials: 401");
    NIT_CHECK (s_status_of (&anonymous, "/api/v1/me") == 401, "me without credentials: 401");
    s_client_t pusher = { .cookie = "" };
    snprintf (pusher.bearer, sizeof pusher.bearer, "%s", s_tokens [1]);
    NIT_CHECK (s_status_of (&pusher, "/api/v1/aggregate?period=2025") == 401,
               "a push token reads nothing");
    printf ("ok   reads need credentials; a push token is not one\n");

    //  The console's files need no login
    s_call (&anonymous, "GET", "/", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 200 && strstr (answer.content_type, "text/html"),
               "GET /: %ld %s", answer.status, answer.content_type);
    s_answer_free (&answer);
    s_call (&anonymous, "POST", "/", "{}", NULL, &answer);
    NIT_CHECK (answer.status == 404, "POST /: %ld", answer.status);
    s_answer_free (&answer);
    printf ("ok   the console's files are served at /\n");

    //  A wrong password, then the right one
    s_client_t browser = { .cookie = "" };
    NIT_CHECK (s_login (&browser, "lea", "wrong-password", &answer) == 401
               && strstr (answer.content_type, "application/problem+json"),
               "wrong password: %ld %s", answer.status, answer.body);
    s_answer_free (&answer);
    NIT_CHECK (s_login (&browser, "lea", READER_PASSWORD, &answer) == 200, "login: %ld %s",
               answer.status, answer.body);
    NIT_CHECK (strstr (answer.set_cookie, "HttpOnly") && strstr (answer.set_cookie,
               "SameSite=Strict") && !strstr (answer.set_cookie, "Secure"),
               "the session cookie: %s", answer.set_cookie);
    NIT_CHECK (streq (json_string_value (json_object_get (answer.json, "role")), "reader")
               && *browser.csrf, "login answers the role and the CSRF token: %s", answer.body);
    s_answer_free (&answer);
    s_call (&browser, "GET", "/api/v1/me", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 200
               && streq (json_string_value (json_object_get (answer.json, "login")), "lea")
               && streq (json_string_value (json_object_get (answer.json, "csrf_token")),
                         browser.csrf), "me: %s", answer.body);
    s_answer_free (&answer);
    printf ("ok   a reader logs in: HttpOnly SameSite=Strict cookie, me gives the CSRF token\n");

    //  The console's routes, with the session
    s_call (&browser, "GET", "/api/v1/overview?period=2025", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 200, "overview: %ld %s", answer.status, answer.body);
    const json_t *regions = json_object_get (answer.json, "regions");
    const json_t *row = json_array_get (regions, 9);
    NIT_CHECK (json_array_size (regions) == PPS_BILAN_REGION_COUNT
               && json_integer_value (json_object_get (answer.json, "regions_reporting")) == 2
               && streq (json_string_value (json_object_get (row, "region")), "32")
               && streq (json_string_value (json_object_get (row, "name")), "Hauts-de-France")
               && streq (json_string_value (json_object_get (row, "timeliness")), "on_time"),
               "overview: 18 rows, 2 reporting, 32 on time: %s", answer.body);
    NIT_CHECK (json_integer_value (json_object_get (json_object_get (json_object_get (
                   row, "values"), "A5.1"), "numerator")) == 1, "32's A5.1 is 1");
    NIT_CHECK (streq (json_string_value (json_object_get (json_array_get (regions, 0),
                                                          "timeliness")), "pending"),
               "a region not in yet, before the due date: pending");
    s_answer_free (&answer);
    s_call (&browser, "GET", "/api/v1/series?indicator=A5.1", NULL, NULL, &answer);
    const json_t *national = json_object_get (answer.json, "national");
    NIT_CHECK (answer.status == 200
               && json_array_size (json_object_get (answer.json, "periods")) == 2
               && json_integer_value (json_object_get (json_array_get (national, 0),
                                                      "numerator")) == 0
               && json_integer_value (json_object_get (json_array_get (national, 1),
                                                      "numerator")) == 1,
               "series of A5.1 over 2024 and 2025: %s", answer.body);
    s_answer_free (&answer);
    NIT_CHECK (s_status_of (&browser, "/api/v1/series?indicator=NOPE") == 400,
               "series of an unknown indicator: 400");
    s_call (&browser, "GET", "/api/v1/bilans/32", NULL, NULL, &answer);
    const json_t *periods = json_object_get (answer.json, "periods");
    const json_t *version = json_array_get (json_object_get (json_array_get (periods, 1),
                                                             "versions"), 0);
    NIT_CHECK (answer.status == 200 && json_array_size (periods) == 2
               && streq (json_string_value (json_object_get (version, "sha256")),
                         json_string_value (json_object_get (documents [1], "sha256"))),
               "region 32's versions with their hash: %s", answer.body);
    s_answer_free (&answer);
    s_call (&browser, "GET", "/api/v1/periods", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 200
               && json_array_size (json_object_get (answer.json, "periods")) == 2,
               "periods: %s", answer.body);
    s_answer_free (&answer);
    s_call (&browser, "GET", "/api/v1/aggregate?period=2025&format=csv", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 200 && strstr (answer.content_type, "text/csv")
               && strstr (answer.disposition, "pps-aggregate-2025.csv")
               && strncmp (answer.body, "period,indicator,", 17) == 0
               && strstr (answer.body, "\r\n2025,A5.1,"),
               "the aggregate as CSV: %s %s", answer.content_type, answer.body);
    s_answer_free (&answer);
    s_call (&browser, "GET", "/api/v1/regions?period=2025&format=csv", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 200 && strstr (answer.body, "\r\n2025,32,Hauts-de-France,1,"),
               "the regions table as CSV: %s", answer.body);
    s_answer_free (&answer);
    NIT_CHECK (s_status_of (&browser, "/api/v1/aggregate?period=2025&format=xml") == 400,
               "an unknown format: 400");
    printf ("ok   overview, series, versions, periods and the CSV downloads with the session\n");

    //  A session posts no bilan: that needs a region's token
    char *body = json_dumps (documents [1], JSON_COMPACT);
    s_call (&browser, "POST", "/api/v1/bilans", body, NULL, &answer);
    NIT_CHECK (answer.status == 401, "a session posting a bilan: %ld", answer.status);
    s_answer_free (&answer);

    //  Logout: refused without the CSRF token, or with a wrong one
    s_call (&browser, "POST", "/api/v1/logout", NULL, "forged-token", &answer);
    NIT_CHECK (answer.status == 403 && answer.json
               && streq (json_string_value (json_object_get (answer.json, "field")),
                         "X-CSRF-Token"), "logout with a wrong CSRF token: %ld %s",
               answer.status, answer.body);
    s_answer_free (&answer);
    char csrf [64];
    snprintf (csrf, sizeof csrf, "%s", browser.csrf);
    browser.csrf [0] = 0;
    s_call (&browser, "POST", "/api/v1/logout", NULL, NULL, &answer);
    NIT_CHECK (answer.status == 403, "logout without the CSRF token: %ld", answer.status);
    s_answer_free (&answer);
    NIT_CHECK (s_status_of (&browser, "/api/v1/me") == 200, "still logged in");
    s_call (&browser, "POST", "/api/v1/logout", NULL, csrf, &answer);
    NIT_CHECK (answer.status == 200 && strstr (answer.set_cookie, "Max-Age=0"),
               "logout with its CSRF token: %ld %s", answer.status, answer.set_cookie);
    s_answer_free (&answer);
    NIT_CHECK (s_status_of (&browser, "/api/v1/overview?period=2025") == 401,
               "after logout: 401");
    printf ("ok   logout needs the CSRF token; the session then ends\n");

    //  An account's API token reads, and an admin's session reads too
    s_client_t script = { .cookie = "" };
    snprintf (script.bearer, sizeof script.bearer, "%s", api_token);
    NIT_CHECK (s_status_of (&script, "/api/v1/overview?period=2025") == 200,
               "an account's API token reads");
    s_call (&script, "GET", "/api/v1/me", NULL, NULL, &answer);
    NIT_CHECK (streq (json_string_value (json_object_get (answer.json, "login")),
                      "token:tableau-de-bord"), "me by token: %s", answer.body);
    s_answer_free (&answer);
    nit_response_t response;
    nit_http ("POST", "/api/v1/bilans", api_token, "32:2025:1", body, strlen (body), false,
              &response);
    NIT_CHECK (response.status == 401, "an account's token posts no bilan: %ld",
               response.status);
    nit_response_free (&response);
    free (body);
    s_client_t admin = { .cookie = "" };
    NIT_CHECK (s_login (&admin, "dgs", ADMIN_PASSWORD, &answer) == 200, "the admin logs in");
    s_answer_free (&answer);
    NIT_CHECK (s_status_of (&admin, "/api/v1/regions?period=2025") == 200, "the admin reads");
    rc = s_ppsctl ("token revoke 1", NULL, &output);
    NIT_CHECK (rc == 0, "ppsctl token revoke: %s", output);
    free (output);
    NIT_CHECK (s_status_of (&script, "/api/v1/overview?period=2025") == 401,
               "a revoked token: 401");
    printf ("ok   an account's API token reads, posts nothing, and is refused once revoked\n");

    //  Five wrong passwords lock the account: even the right one waits
    s_client_t guesser = { .cookie = "" };
    for (int attempt = 0; attempt < 5; attempt++) {
        NIT_CHECK (s_login (&guesser, "lea", "not-the-password", &answer) == 401,
                   "wrong password %d: %ld", attempt + 1, answer.status);
        s_answer_free (&answer);
    }
    NIT_CHECK (s_login (&guesser, "lea", READER_PASSWORD, &answer) == 429 && *answer.retry_after
               && strstr (json_string_value (json_object_get (answer.json, "detail")), "locked"),
               "locked: %ld %s", answer.status, answer.body);
    s_answer_free (&answer);
    rc = s_ppsctl ("user reset lea", READER_PASSWORD "\\n", &output);
    NIT_CHECK (rc == 0, "ppsctl user reset: %s", output);
    free (output);
    NIT_CHECK (s_login (&guesser, "lea", READER_PASSWORD, &answer) == 200,
               "ppsctl user reset lifts the lock: %ld", answer.status);
    s_answer_free (&answer);
    printf ("ok   five wrong passwords lock the account (429, Retry-After); reset lifts it\n");

    //  A reader token configured: it reads beside the accounts; cookies
    //  Secure when the operator says a TLS proxy is in front
    NIT_CHECK (nit_stop () == 0, "clean exit");
    char hash [65], extra [256];
    nit_sha256_hex (READER_TOKEN, strlen (READER_TOKEN), hash);
    snprintf (extra, sizeof extra, "    reader_token_sha256 = \"%s\"\n", hash);
    s_configure (extra);
    nit_setenv ("PPS_WEB_SECURE_COOKIES", "1");
    nit_start ();
    s_client_t reader = { .cookie = "" };
    snprintf (reader.bearer, sizeof reader.bearer, "%s", READER_TOKEN);
    NIT_CHECK (s_status_of (&reader, "/api/v1/overview?period=2025") == 200,
               "the reader token reads");
    NIT_CHECK (s_status_of (&anonymous, "/api/v1/status") == 401,
               "with a reader token configured, no credentials: 401");
    NIT_CHECK (s_status_of (&admin, "/api/v1/overview?period=2025") == 200,
               "a session survives a restart");
    s_client_t secure = { .cookie = "" };
    NIT_CHECK (s_login (&secure, "lea", READER_PASSWORD, &answer) == 200
               && strstr (answer.set_cookie, "; Secure"), "web/secure_cookies: %s",
               answer.set_cookie);
    s_answer_free (&answer);
    printf ("ok   the reader token reads beside the accounts; sessions survive a restart\n");

    for (size_t index = 0; index < 3; index++)
        json_decref (documents [index]);
    NIT_CHECK (nit_stop () == 0, "clean exit");
    nit_teardown ();
    printf ("national_accounts: all checks passed\n");
    return 0;
}
