/*  national_crash: pps-national killed with SIGKILL at random moments while
    three regions post bilans to it, and restarted each time.

    The regions post their versions 1, 2, 3... in turn, each resent with its
    Idempotency-Key until it is acknowledged (201, or 200 for a resend of
    one already stored), as the indicators outbox does, until a second
    thread has killed the service KILLS times, at random moments 20 to 150
    ms apart, starting it again each time (at least VERSIONS_MIN versions,
    at most VERSIONS_MAX). Then, after one more kill and
    restart, every acknowledged bilan must be there byte for byte (GET
    /api/v1/bilans/REGION/2025/VERSION), the count must be exactly the
    number posted (no version stored twice, none lost), and a resend of each
    must be answered 200 without storing anything.

    Usage: national_crash PPS_NATIONAL
*/
#include "national_it.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REGIONS         3
#define VERSIONS_MIN    4             //  Per region
#define VERSIONS_MAX    1000
#define KILLS           6
#define ATTEMPTS        500           //  Of one post, while the service restarts
#define RETRY_MS        20

static const char *const s_regions [REGIONS] = { "11", "32", "44" };
static const char *const s_tokens [REGIONS] = {
    "crash-token-11-aQ", "crash-token-32-bR", "crash-token-44-cS"
};

static volatile int s_posting = 1;    //  Cleared by the poster once done
static int s_kills;                   //  Done by the killer

static void
s_sleep_ms (int ms)
{
    struct timespec pause = { ms / 1000, (long) (ms % 1000) * 1000000L };
    nanosleep (&pause, NULL);
}

static void *
s_killer (void *arg)
{
    unsigned seed = (unsigned) (uintptr_t) arg;
    while (s_kills < KILLS) {
        s_sleep_ms (20 + (int) (rand_r (&seed) % 131));
        if (!s_posting)
            break;
        nit_kill ();
        s_kills++;
        nit_start ();
    }
    //  The service started last is this thread's child, with SIGKILL as its
    //  parent-death signal, which comes when the thread that forked it ends:
    //  returning now would kill it under the poster's feet, whose posts then
    //  go unanswered. Stay until the posting is done.
    while (s_posting)
        s_sleep_ms (RETRY_MS);
    return NULL;
}

//  Post document until an answer comes; returns the HTTP status.
static long
s_post_until_answered (const char *token, const char *key, const char *body, int *failures_p)
{
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        nit_response_t response;
        int rc = nit_http_try ("POST", "/api/v1/bilans", token, key, body, strlen (body), false,
                               &response);
        long status = response.status;
        nit_response_free (&response);
        if (rc == 0 && status > 0 && status != 503)
            return status;
        (*failures_p)++;
        s_sleep_ms (RETRY_MS);
    }
    NIT_CHECK (false, "POST %s unanswered after %d attempts", key, ATTEMPTS);
    return 0;
}

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: national_crash PPS_NATIONAL\n");
        return 2;
    }
    nit_setup (argv [1]);
    for (size_t index = 0; index < REGIONS; index++) {
        char name [64], hash [65];
        snprintf (name, sizeof name, "PPS_NATIONAL_TOKENS_%s", s_regions [index]);
        nit_sha256_hex (s_tokens [index], strlen (s_tokens [index]), hash);
        nit_setenv (name, hash);
    }
    char zpl [512];
    snprintf (zpl, sizeof zpl,
              "national\n"
              "    bind = \"%s\"\n"
              "    max_body_kb = 1024\n",
              nit_url () + strlen ("http://"));
    nit_write_config (zpl);
    nit_start ();

    unsigned seed = (unsigned) time (NULL);
    printf (" * seed %u\n", seed);
    pthread_t killer;
    NIT_CHECK (pthread_create (&killer, NULL, s_killer, (void *) (uintptr_t) seed) == 0,
               "cannot start the killer thread");

    //  The bodies posted, to compare with what is stored
    static char *bodies [REGIONS][VERSIONS_MAX];
    static char keys [REGIONS][VERSIONS_MAX][32];
    int failures = 0, versions = 0;
    for (int version = 1; version <= VERSIONS_MAX; version++) {
        if (version > VERSIONS_MIN && s_kills >= KILLS)
            break;
        versions = version;
        for (size_t region = 0; region < REGIONS; region++) {
            json_t *document = nit_bilan (s_regions [region], version, "[]");
            char *body = json_dumps (document, JSON_COMPACT);
            json_decref (document);
            char *key = keys [region][version - 1];
            snprintf (key, sizeof keys [0][0], "%s:2025:%d", s_regions [region], version);
            long status = s_post_until_answered (s_tokens [region], key, body, &failures);
            NIT_CHECK (status == 201 || status == 200, "POST %s answered %ld", key, status);
            bodies [region][version - 1] = body;
        }
    }
    s_posting = 0;
    pthread_join (killer, NULL);
    printf ("ok   %d bilans acknowledged through %d kills (%d posts unanswered and resent)\n",
            REGIONS * versions, s_kills, failures);
    NIT_CHECK (s_kills == KILLS, "killed %d times while posting, not %d", s_kills, KILLS);

    //  One more crash, then everything acknowledged must be there
    nit_kill ();
    nit_start ();
    for (size_t region = 0; region < REGIONS; region++)
        for (int version = 1; version <= versions; version++) {
            char path [96];
            snprintf (path, sizeof path, "/api/v1/bilans/%s/2025/%d", s_regions [region], version);
            nit_response_t response;
            nit_http ("GET", path, NULL, NULL, NULL, 0, false, &response);
            NIT_CHECK (response.status == 200, "GET %s: %ld %s", path, response.status,
                       response.body ? response.body : "");
            json_t *posted = json_loads (bodies [region][version - 1], 0, NULL);
            NIT_CHECK (posted && response.json && json_equal (posted, response.json),
                       "GET %s is not the document acknowledged", path);
            json_decref (posted);
            nit_response_free (&response);
        }
    nit_response_t response;
    nit_http ("GET", "/api/v1/status", NULL, NULL, NULL, 0, false, &response);
    json_int_t stored = json_integer_value (json_object_get (response.json, "bilans_stored"));
    nit_response_free (&response);
    NIT_CHECK (stored == REGIONS * versions, "%lld bilans stored, %d acknowledged",
               (long long) stored, REGIONS * versions);
    printf ("ok   after one more kill: all %d stored, byte for byte\n", REGIONS * versions);

    //  Resends store nothing
    for (size_t region = 0; region < REGIONS; region++) {
        int ignored = 0;
        long status = s_post_until_answered (s_tokens [region], keys [region][versions - 1],
                                             bodies [region][versions - 1], &ignored);
        NIT_CHECK (status == 200, "resend of %s answered %ld", keys [region][versions - 1],
                   status);
    }
    nit_http ("GET", "/api/v1/status", NULL, NULL, NULL, 0, false, &response);
    stored = json_integer_value (json_object_get (response.json, "bilans_stored"));
    nit_response_free (&response);
    NIT_CHECK (stored == REGIONS * versions, "resends changed the count to %lld",
               (long long) stored);
    printf ("ok   resends answered 200, nothing stored twice\n");

    for (size_t region = 0; region < REGIONS; region++)
        for (int version = 0; version < versions; version++)
            free (bodies [region][version]);
    NIT_CHECK (nit_stop () == 0, "pps-national did not stop cleanly");
    nit_teardown ();
    return 0;
}
