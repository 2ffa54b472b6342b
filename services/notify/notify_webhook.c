/*  notify_webhook: the JSON document of a notification and its HTTP POST
    with libcurl, under an Idempotency-Key that a resend repeats.  */
#include "notify_sender.h"

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <time.h>

#define CONNECT_TIMEOUT_S   5L
#define TOTAL_TIMEOUT_S     20L
#define BODY_MAX            2048      //  Bytes of an answer kept for the error

//  An enum value as its name, null when unset.
static json_t *
s_enum (const ProtobufCEnumDescriptor *descriptor, int value)
{
    const ProtobufCEnumValue *named = protobuf_c_enum_descriptor_get_value (descriptor, value);
    return value && named ? json_string (named->name) : json_null ();
}

//  A date as "YYYY-MM-DD", null when unset.
static json_t *
s_date (const Pps__Date *date)
{
    if (!pps_date_is_set (date))
        return json_null ();
    char text [16];
    return json_string (pps_date_format (date, text, sizeof text));
}

//  A time as ISO 8601 UTC with milliseconds.
static json_t *
s_time (int64_t time_ms)
{
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm tm;
    gmtime_r (&seconds, &tm);
    char text [96];
    snprintf (text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
              tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
              (int) (time_ms % 1000));
    return json_string (text);
}

char *
notify_webhook_document (const Notify__Notification *n, const Notify__Delivery *delivery)
{
    json_t *categories = json_array ();
    for (size_t index = 0; index < n->n_categories; index++)
        json_array_append_new (categories, s_enum (&registry__member_category__descriptor,
                                                   n->categories [index]));
    json_t *unreached = json_array ();
    for (size_t index = 0; index < n->n_unreached; index++)
        json_array_append_new (unreached, json_string (n->unreached [index]));
    json_t *document = json_object ();
    json_object_set_new (document, "idempotency_key", json_string (delivery->message_key));
    json_object_set_new (document, "delivery_id", json_integer ((json_int_t) delivery->id));
    json_object_set_new (document, "notification_id", json_integer ((json_int_t) n->id));
    json_object_set_new (document, "kind", s_enum (&notify__notification_kind__descriptor, n->kind));
    json_object_set_new (document, "region_code", json_string (n->region_code));
    json_object_set_new (document, "role", s_enum (&registry__referent_role__descriptor, n->role));
    json_object_set_new (document, "establishment_id",
                         json_integer ((json_int_t) n->establishment_id));
    json_object_set_new (document, "establishment_name", json_string (n->establishment_name));
    json_object_set_new (document, "person_id", json_integer ((json_int_t) n->person_id));
    json_object_set_new (document, "person_name", json_string (n->person_name));
    json_object_set_new (document, "designation_id", json_integer ((json_int_t) n->designation_id));
    json_object_set_new (document, "committee_id", json_integer ((json_int_t) n->committee_id));
    json_object_set_new (document, "categories", categories);
    json_object_set_new (document, "end_reason", s_enum (&registry__end_reason__descriptor,
                                                         n->end_reason));
    json_object_set_new (document, "date", s_date (n->date));
    json_object_set_new (document, "reminder", json_integer (n->reminder));
    json_object_set_new (document, "subject", json_string (n->subject));
    json_object_set_new (document, "text", json_string (n->text));
    json_object_set_new (document, "created_at", s_time (n->created_ms));
    json_object_set_new (document, "source", json_string (n->source));
    json_object_set_new (document, "source_seq", json_integer ((json_int_t) n->source_seq));
    json_object_set_new (document, "unreached", unreached);
    if (n->plan_id) {
        //  A step reminder: the plan, its project and the steps
        json_t *steps = json_array ();
        for (size_t index = 0; index < n->n_steps; index++) {
            json_t *step = json_object ();
            json_object_set_new (step, "key", json_string (n->steps [index]->key));
            json_object_set_new (step, "label", json_string (n->steps [index]->label));
            json_object_set_new (step, "due", s_date (n->steps [index]->due));
            json_object_set_new (step, "responsible_organisation",
                                 json_string (n->steps [index]->responsible_organisation));
            json_array_append_new (steps, step);
        }
        json_object_set_new (document, "plan_id", json_integer ((json_int_t) n->plan_id));
        json_object_set_new (document, "project_id", json_integer ((json_int_t) n->project_id));
        json_object_set_new (document, "project_title", json_string (n->project_title));
        json_object_set_new (document, "session_date", s_date (n->session_date));
        json_object_set_new (document, "steps", steps);
    }
    //  Sorted and compact: a resend is the same bytes
    char *text = json_dumps (document, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref (document);
    assert (text);
    return text;
}

typedef struct {
    char data [BODY_MAX + 1];
    size_t size;
} body_t;

typedef struct {
    notify_stop_fn *stop;
    void *arg;
} progress_t;

//  Keep the first BODY_MAX bytes of the answer, for the error.
static size_t
s_on_body (char *data, size_t size, size_t count, void *arg)
{
    body_t *body = arg;
    size_t bytes = size * count;
    size_t kept = body->size + bytes > BODY_MAX ? BODY_MAX - body->size : bytes;
    memcpy (body->data + body->size, data, kept);
    body->size += kept;
    body->data [body->size] = 0;
    return bytes;
}

//  libcurl's progress callback: a stop request ends the exchange at once.
static int
s_on_progress (void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
               curl_off_t ulnow)
{
    progress_t *progress = arg;
    return progress->stop && progress->stop (progress->arg);
}

//  The first line of an answer, printable characters only (it is untrusted
//  and goes into logs and terminals).
static void
s_reason (const body_t *body, char *buffer, size_t size)
{
    size_t at = 0;
    for (size_t index = 0; index < body->size && at + 1 < size && at < 200; index++) {
        unsigned char c = (unsigned char) body->data [index];
        if (c == '\r' || c == '\n')
            break;
        buffer [at++] = (c >= 0x20 && c != 0x7f) ? (char) c : ' ';
    }
    buffer [at] = 0;
}

void
notify_webhook_post (CURL *curl, const notify_settings_t *settings,
                     const Notify__Delivery *delivery, const char *document,
                     notify_stop_fn *stop, void *stop_arg, notify_attempt_t *attempt)
{
    memset (attempt, 0, sizeof *attempt);
    //  Options from scratch; the open connection stays
    curl_easy_reset (curl);
    char *idempotency = zsys_sprintf ("Idempotency-Key: %s", delivery->message_key);
    struct curl_slist *headers = curl_slist_append (NULL, "Content-Type: application/json");
    headers = curl_slist_append (headers, idempotency);
    headers = curl_slist_append (headers, "Expect:");
    char *authorization = NULL;
    if (settings->webhook_token) {
        authorization = zsys_sprintf ("Authorization: Bearer %s", settings->webhook_token);
        headers = curl_slist_append (headers, authorization);
    }
    body_t *body = calloc (1, sizeof (body_t));
    assert (body);
    progress_t progress = { stop, stop_arg };
    char curl_error [CURL_ERROR_SIZE] = "";

    curl_easy_setopt (curl, CURLOPT_URL, delivery->recipient);
    curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, settings->allow_plain_http ? "http,https"
                                                                              : "https");
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (curl, CURLOPT_USERAGENT, "pps-notify/" PPS_VERSION);
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, document);
    curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (document));
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
    curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_error);
    curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
    curl_easy_setopt (curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
    curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (settings->ca_file)
        curl_easy_setopt (curl, CURLOPT_CAINFO, settings->ca_file);
    curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, s_on_progress);
    curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &progress);

    CURLcode rc = curl_easy_perform (curl);
    if (rc == CURLE_OK) {
        curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &attempt->code);
        attempt->verdict = notify_rules_http_verdict (attempt->code);
        if (attempt->verdict != NOTIFY_SENT) {
            char reason [256];
            s_reason (body, reason, sizeof reason);
            snprintf (attempt->error, sizeof attempt->error, "HTTP %ld%s%s", attempt->code,
                      *reason ? ": " : "", reason);
        }
    }
    else
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        attempt->abandoned = true;
    else {
        attempt->verdict = rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT
                         ? NOTIFY_REFUSED : NOTIFY_RETRY;
        snprintf (attempt->error, sizeof attempt->error, "%s",
                  *curl_error ? curl_error : curl_easy_strerror (rc));
    }
    free (body);
    curl_slist_free_all (headers);
    zstr_free (&idempotency);
    if (authorization) {
        sodium_memzero (authorization, strlen (authorization));
        zstr_free (&authorization);
    }
}
