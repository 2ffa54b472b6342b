/*  indicators_push_tool: what the push and end-to-end scripts
    (indicators_push.sh, indicators_e2e.sh) need beyond ppsctl, without
    counting on curl, jq or xmllint being installed:

        get URL OUT                   GET, body into OUT, prints the status
        post URL TOKEN KEY FILE OUT   POST FILE as a bilan (bearer TOKEN,
                                      Idempotency-Key KEY), body into OUT,
                                      prints the status
        json FILE PATH                the value at PATH ('/' between members,
                                      numbers index arrays): strings as they
                                      are, numbers and null as JSON; exit 1
                                      when absent
        dhis2 FILE ELEMENT ORGUNIT PERIOD [COMBO]
                                      the value of that data value (of
                                      category option combo COMBO, else of
                                      none), reading a top-level orgUnit
                                      and period as DHIS2 does (they apply
                                      to every value); exit 1 when there is
                                      not exactly one
        tamper IN OUT                 IN with one figure changed and its
                                      sha256 recomputed (docs/bilan.md)
    Exit 2 on a usage or I/O error.
*/
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TIMEOUT_S 10L

static int
s_usage (void)
{
    fprintf (stderr, "usage: indicators_push_tool get URL OUT | post URL TOKEN KEY FILE OUT"
                     " | json FILE PATH | dhis2 FILE ELEMENT ORGUNIT PERIOD [COMBO] | tamper IN OUT\n");
    return 2;
}

static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    return fwrite (data, size, count, (FILE *) arg) * size;
}

//  One HTTP exchange; body (may be NULL) as a POST. Prints the status, 0
//  when no answer came.
static int
s_http (const char *url, const char *token, const char *key, const char *body_path,
        const char *out_path)
{
    char *body = NULL;
    size_t size = 0;
    if (body_path) {
        FILE *file = fopen (body_path, "rb");
        if (!file)
            return 2;
        fseek (file, 0, SEEK_END);
        size = (size_t) ftell (file);
        fseek (file, 0, SEEK_SET);
        body = malloc (size + 1);
        if (!body || fread (body, 1, size, file) != size) {
            fclose (file);
            free (body);
            return 2;
        }
        fclose (file);
    }
    FILE *out = fopen (out_path, "wb");
    CURL *curl = curl_easy_init ();
    if (!out || !curl) {
        free (body);
        return 2;
    }
    struct curl_slist *headers = curl_slist_append (NULL, "Content-Type: application/json");
    char line [512];
    if (token && *token) {
        snprintf (line, sizeof line, "Authorization: Bearer %s", token);
        headers = curl_slist_append (headers, line);
    }
    if (key && *key) {
        snprintf (line, sizeof line, "Idempotency-Key: %s", key);
        headers = curl_slist_append (headers, line);
    }
    curl_easy_setopt (curl, CURLOPT_URL, url);
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT, TIMEOUT_S);
    if (body) {
        curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) size);
    }
    long status = 0;
    if (curl_easy_perform (curl) == CURLE_OK)
        curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
    printf ("%ld\n", status);
    curl_slist_free_all (headers);
    curl_easy_cleanup (curl);
    fclose (out);
    free (body);
    return 0;
}

//  The value at a '/'-separated path.
static int
s_json (const char *file, const char *path)
{
    json_error_t error;
    json_t *root = json_load_file (file, 0, &error);
    if (!root) {
        fprintf (stderr, "%s: %s\n", file, error.text);
        return 2;
    }
    char *copy = strdup (path);
    json_t *value = root;
    for (char *part = strtok (copy, "/"); part && value; part = strtok (NULL, "/"))
        value = json_is_array (value) ? json_array_get (value, (size_t) atol (part))
                                      : json_object_get (value, part);
    free (copy);
    int rc = value ? 0 : 1;
    if (json_is_string (value))
        printf ("%s\n", json_string_value (value));
    else
    if (value) {
        char *text = json_dumps (value, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
        printf ("%s\n", text);
        free (text);
    }
    json_decref (root);
    return rc;
}

//  The value of the one data value with that element, org unit, period
//  and category option combo (NULL: none). A top-level orgUnit or period
//  overrides the values' own, as in DHIS2's import.
static int
s_dhis2 (const char *file, const char *element, const char *org_unit, const char *period,
         const char *combo)
{
    json_error_t error;
    json_t *root = json_load_file (file, 0, &error);
    if (!root) {
        fprintf (stderr, "%s: %s\n", file, error.text);
        return 2;
    }
    const char *outer_unit = json_string_value (json_object_get (root, "orgUnit"));
    const char *outer_period = json_string_value (json_object_get (root, "period"));
    size_t index, found = 0;
    json_t *item;
    const char *value = NULL;
    json_array_foreach (json_object_get (root, "dataValues"), index, item) {
        const char *name = json_string_value (json_object_get (item, "dataElement"));
        const char *unit = outer_unit ? outer_unit
                         : json_string_value (json_object_get (item, "orgUnit"));
        const char *when = outer_period ? outer_period
                         : json_string_value (json_object_get (item, "period"));
        const char *option = json_string_value (json_object_get (item, "categoryOptionCombo"));
        if (name && unit && when && !strcmp (name, element) && !strcmp (unit, org_unit)
        &&  !strcmp (when, period) && (combo ? option && !strcmp (option, combo) : !option)) {
            found++;
            value = json_string_value (json_object_get (item, "value"));
        }
    }
    if (found == 1 && value)
        printf ("%s\n", value);
    else
        fprintf (stderr, "%zu data values %s %s %s %s\n", found, element, org_unit, period,
                 combo ? combo : "");
    json_decref (root);
    return found == 1 && value ? 0 : 1;
}

//  Change OS3.meetings (a count) by one and re-sign: a valid document that
//  differs from the one stored under the same key.
static int
s_tamper (const char *in, const char *out)
{
    json_error_t error;
    json_t *document = json_load_file (in, 0, &error);
    if (!document) {
        fprintf (stderr, "%s: %s\n", in, error.text);
        return 2;
    }
    size_t index;
    json_t *indicator;
    json_array_foreach (json_object_get (document, "indicators"), index, indicator) {
        const char *id = json_string_value (json_object_get (indicator, "id"));
        if (id && !strcmp (id, "OS3.meetings")) {
            json_int_t count = json_integer_value (json_object_get (indicator, "numerator")) + 1;
            json_object_set_new (indicator, "numerator", json_integer (count));
            json_object_set_new (indicator, "value", json_integer (count));
        }
    }
    json_object_del (document, "sha256");
    char *canonical = json_dumps (document, JSON_SORT_KEYS | JSON_COMPACT);
    unsigned char digest [crypto_hash_sha256_BYTES];
    char hex [2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256 (digest, (const unsigned char *) canonical, strlen (canonical));
    sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
    free (canonical);
    json_object_set_new (document, "sha256", json_string (hex));
    int rc = json_dump_file (document, out, JSON_SORT_KEYS | JSON_COMPACT) ? 2 : 0;
    json_decref (document);
    return rc;
}

int
main (int argc, char **argv)
{
    if (sodium_init () < 0 || curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return 2;
    const char *command = argc > 1 ? argv [1] : "";
    if (!strcmp (command, "get") && argc == 4)
        return s_http (argv [2], NULL, NULL, NULL, argv [3]);
    if (!strcmp (command, "post") && argc == 7)
        return s_http (argv [2], argv [3], argv [4], argv [5], argv [6]);
    if (!strcmp (command, "json") && argc == 4)
        return s_json (argv [2], argv [3]);
    if (!strcmp (command, "dhis2") && (argc == 6 || argc == 7))
        return s_dhis2 (argv [2], argv [3], argv [4], argv [5], argc == 7 ? argv [6] : NULL);
    if (!strcmp (command, "tamper") && argc == 4)
        return s_tamper (argv [2], argv [3]);
    return s_usage ();
}
