/*  web_status: what the console's dashboard and journal read that is no
    single operation: every service's status at once, and the audit trail
    of a service, newest first, filtered.

    GET /api/v1/status     each service: up, version, last seq, its gauges
                           (read-model lag, outbox)
    GET /api/v1/journal?service=registry[&topic=registry.designation]
        [&actor=alice][&from=2026-01-01][&to=2026-12-31][&text=...]
        [&before=SEQ][&limit=100]
                           events newest first; next_before pages back
*/
#include "web_gateway.h"

#include <czmq.h>
#include <time.h>
#include "pps_date.h"
#include "pps_json.h"

#define JOURNAL_PAGE       500        //  Events asked of the service at once
#define JOURNAL_PAGES_MAX  40         //  Bound on what one request scans
#define JOURNAL_LIMIT_MAX  500

static Pps__ServiceStatus *
s_service_status (web_services_t *services, const char *name, pps_arena_t *arena)
{
    Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
    Pps__ServiceStatusRequest status = PPS__SERVICE_STATUS_REQUEST__INIT;
    request.op_case = PPS__COMMON_REQUEST__OP_SERVICE_STATUS;
    request.service_status = &status;
    request.actor = "pps-web";
    Pps__CommonReply *reply = web_services_common (services, name, &request, arena);
    return reply && reply->result_case == PPS__COMMON_REPLY__RESULT_SERVICE_STATUS
         ? reply->service_status : NULL;
}

void
web_status (web_gateway_t *self, pps_http_response_t *response)
{
    web_services_t *services = web_gateway_services (self);
    json_t *list = json_array ();
    for (size_t index = 0; index < web_services_count (services); index++) {
        const char *name = web_services_name (services, index);
        pps_arena_t *arena = pps_arena_new ();
        Pps__ServiceStatus *status = s_service_status (services, name, arena);
        json_t *entry = status ? pps_json_from_message (&status->base, false) : json_object ();
        json_object_set_new (entry, "service", json_string (name));
        json_object_set_new (entry, "up", json_boolean (status != NULL));
        json_array_append_new (list, entry);
        pps_arena_destroy (&arena);
    }
    pps_http_json (response, 200, json_pack ("{s:o, s:I}", "services", list,
                                             "now_ms", (json_int_t) pps_now_ms ()));
}

//  ---------------------------------------------------------------- journal

typedef struct {
    const char *topic;                //  Prefix
    const char *actor;
    const char *text;                 //  In the event's JSON (a record id, a name)
    int64_t from_ms, to_ms;           //  [from, to)
} filter_t;

//  Midnight UTC of a YYYY-MM-DD, or -1 when malformed.
static int64_t
s_day_ms (const char *text)
{
    int year, month, day;
    char rest;
    if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3
    ||  month < 1 || month > 12 || day < 1 || day > 31)
        return -1;
    struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day };
    return (int64_t) timegm (&tm) * 1000;
}

static bool
s_kept (const filter_t *filter, const Pps__EventHeader *header, const char *json)
{
    if (filter->topic && strncmp (header->topic, filter->topic, strlen (filter->topic)) != 0)
        return false;
    if (filter->actor && strcmp (header->actor, filter->actor) != 0)
        return false;
    if (header->time_ms < filter->from_ms || header->time_ms >= filter->to_ms)
        return false;
    return !filter->text || strstr (json, filter->text);
}

//  The events of service in (low, high], kept by filter, appended to out
//  newest first until it holds limit; *last_p is the seq of the last one
//  appended.
static void
s_journal_window (web_services_t *services, const char *service, uint64_t low, uint64_t high,
                  const filter_t *filter, json_t *out, size_t limit, uint64_t *last_p)
{
    const ProtobufCMessageDescriptor *descriptor = web_services_event (services, service);
    pps_arena_t *arena = pps_arena_new ();
    Pps__CommonRequest request = PPS__COMMON_REQUEST__INIT;
    Pps__EventsSinceRequest since = PPS__EVENTS_SINCE_REQUEST__INIT;
    since.seq = low;
    since.limit = (uint32_t) (high - low);
    request.op_case = PPS__COMMON_REQUEST__OP_EVENTS_SINCE;
    request.events_since = &since;
    request.actor = "pps-web";
    Pps__CommonReply *reply = web_services_common (services, service, &request, arena);
    if (reply && reply->result_case == PPS__COMMON_REPLY__RESULT_EVENTS) {
        //  The window comes oldest first; the journal reads newest first
        for (size_t index = reply->events->n_events; index-- > 0 && json_array_size (out) < limit;) {
            const ProtobufCBinaryData *bytes = &reply->events->events [index];
            Pps__EventHeader *header = pps__event_header__unpack (NULL, bytes->len, bytes->data);
            ProtobufCMessage *event = protobuf_c_message_unpack (descriptor, NULL, bytes->len,
                                                                 bytes->data);
            if (header && event && header->seq > low && header->seq <= high) {
                json_t *json = pps_json_from_message (event, false);
                char *text = json_dumps (json, JSON_COMPACT);
                if (text && s_kept (filter, header, text)) {
                    json_array_append (out, json);
                    *last_p = header->seq;
                }
                free (text);
                json_decref (json);
            }
            if (event)
                protobuf_c_message_free_unpacked (event, NULL);
            if (header)
                pps__event_header__free_unpacked (header, NULL);
        }
    }
    pps_arena_destroy (&arena);
}

void
web_journal (web_gateway_t *self, const pps_http_request_t *request,
             pps_http_response_t *response)
{
    web_services_t *services = web_gateway_services (self);
    const char *service = pps_http_query (request, "service");
    if (!service || !web_services_event (services, service)) {
        pps_http_problem (response, 400, "name a service: ?service=registry", "service");
        return;
    }
    filter_t filter = { pps_http_query (request, "topic"), pps_http_query (request, "actor"),
                        pps_http_query (request, "text"), INT64_MIN, INT64_MAX };
    const char *from = pps_http_query (request, "from");
    const char *to = pps_http_query (request, "to");
    if (from && (filter.from_ms = s_day_ms (from)) < 0) {
        pps_http_problem (response, 400, "from is a date, YYYY-MM-DD", "from");
        return;
    }
    if (to && (filter.to_ms = s_day_ms (to)) < 0) {
        pps_http_problem (response, 400, "to is a date, YYYY-MM-DD", "to");
        return;
    }
    if (to)
        filter.to_ms += 86400000LL;           //  The day given is in
    const char *limit_text = pps_http_query (request, "limit");
    const char *before_text = pps_http_query (request, "before");
    char *end;
    long long limit = limit_text ? strtoll (limit_text, &end, 10) : 100;
    if (limit_text && (*end || limit < 1 || limit > JOURNAL_LIMIT_MAX)) {
        pps_http_problem (response, 400, "limit is 1 to 500", "limit");
        return;
    }
    unsigned long long before = before_text ? strtoull (before_text, &end, 10) : 0;
    if (before_text && (*end || before == 0)) {
        pps_http_problem (response, 400, "before is an event seq", "before");
        return;
    }
    pps_arena_t *arena = pps_arena_new ();
    Pps__ServiceStatus *status = s_service_status (services, service, arena);
    if (!status) {
        pps_arena_destroy (&arena);
        pps_http_problem (response, 503, "the service does not answer", NULL);
        return;
    }
    uint64_t high = status->last_seq;
    pps_arena_destroy (&arena);
    if (before_text && before - 1 < high)
        high = before - 1;
    json_t *events = json_array ();
    uint64_t last = 0;
    for (int page = 0; page < JOURNAL_PAGES_MAX && high > 0
                    && json_array_size (events) < (size_t) limit; page++) {
        uint64_t low = high > JOURNAL_PAGE ? high - JOURNAL_PAGE : 0;
        s_journal_window (services, service, low, high, &filter, events, (size_t) limit, &last);
        high = low;
    }
    //  Where to go on from: below the last event given when the page is
    //  full, else below the windows scanned (0 once all was)
    uint64_t next = json_array_size (events) == (size_t) limit ? last : high + 1;
    if (next == 1)
        next = 0;
    json_t *body = json_pack ("{s:s, s:o}", "service", service, "events", events);
    if (next > 0)
        json_object_set_new (body, "next_before", json_integer ((json_int_t) next));
    pps_http_json (response, 200, body);
}
