/*  ppsctl_events: a service's event log read through EventsSince, which
    every service answers (common.proto), and the one-line description of an
    event that `events` and `watch` print.  */
#include "ppsctl.h"

#include <time.h>
#include "pps_reflect.h"
#include "ppsctl_table.h"

char *
ppsctl_iso_time (int64_t time_ms, char *buffer, size_t size)
{
    time_t seconds = (time_t) (time_ms / 1000);
    struct tm utc;
    if (!gmtime_r (&seconds, &utc)) {
        snprintf (buffer, size, "?");
        return buffer;
    }
    snprintf (buffer, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
              utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
              utc.tm_hour, utc.tm_min, utc.tm_sec, (int) (time_ms % 1000));
    return buffer;
}

//  Text of a record's field by name when it is set and not empty, else NULL.
static const char *
s_text_of (pps_arena_t *arena, const ProtobufCMessage *record, const char *name)
{
    const ProtobufCFieldDescriptor *field =
        protobuf_c_message_descriptor_get_field_by_name (record->descriptor, name);
    if (!field || field->label == PROTOBUF_C_LABEL_REPEATED
    ||  field->type == PROTOBUF_C_TYPE_MESSAGE || !ppsctl_value_count (record, field))
        return NULL;
    const char *text = ppsctl_print_scalar (arena, field, ppsctl_value (record, field, 0));
    return *text && !streq (text, "0") ? text : NULL;
}

char *
ppsctl_event_summary (pps_arena_t *arena, const ProtobufCMessage *event)
{
    const ProtobufCMessage *record = NULL;
    uint32_t number = pps_reflect_oneof (event, &record);
    if (!number || !record)
        return "";
    //  What identifies a record: its id, else its code (regions), else its region
    const char *id = s_text_of (arena, record, "id");
    if (!id)
        id = s_text_of (arena, record, "code");
    if (!id)
        id = s_text_of (arena, record, "region_code");
    const char *label = NULL;
    const char *const label_fields [] = { "name", "full_name", "title", NULL };
    for (const char *const *name = label_fields; *name && !label; name++)
        label = s_text_of (arena, record, *name);
    return pps_arena_printf (arena, "%s%s%s%s%s",
                             pps_reflect_field_name (event->descriptor, number),
                             id ? " " : "", id ? id : "", label ? " " : "", label ? label : "");
}

int
ppsctl_events_fetch (ppsctl_t *self, const ppsctl_service_t *service, uint64_t since,
                     uint64_t limit, int timeout_ms, ppsctl_event_fn *fn, void *arg)
{
    uint64_t delivered = 0;
    while (limit == 0 || delivered < limit) {
        Pps__CommonRequest *request = (Pps__CommonRequest *)
            ppsctl_request_new (self, &pps__common_request__descriptor, NULL);
        Pps__EventsSinceRequest *query = (Pps__EventsSinceRequest *)
            pps_arena_message (self->arena, &pps__events_since_request__descriptor);
        query->seq = since;
        uint64_t wanted = limit ? limit - delivered : 0;
        query->limit = wanted > UINT32_MAX ? 0 : (uint32_t) wanted;
        pps_reflect_set_message (&request->base, PPS__COMMON_REQUEST__OP_EVENTS_SINCE,
                                 &query->base);
        ProtobufCMessage *reply;
        int rc = ppsctl_call (self, service->name, &request->base,
                              &pps__common_reply__descriptor, timeout_ms, false, &reply);
        if (rc)
            return rc;
        rc = ppsctl_check_status (reply);
        if (rc)
            return rc;
        const Pps__EventBatch *batch = ((Pps__CommonReply *) reply)->events;
        if (!batch || batch->n_events == 0)
            return PPSCTL_OK;
        uint64_t before = since;
        for (size_t index = 0; index < batch->n_events && (limit == 0 || delivered < limit);
             index++) {
            const ProtobufCBinaryData *bytes = &batch->events [index];
            ProtobufCMessage *event = pps_arena_unpack (self->arena, service->event,
                                                        bytes->data, bytes->len);
            Pps__EventHeader *header = (Pps__EventHeader *) pps_arena_unpack (
                self->arena, &pps__event_header__descriptor, bytes->data, bytes->len);
            if (!event || !header) {
                fprintf (stderr, "error: %s sent an event that does not decode\n", service->name);
                return PPSCTL_FAILED;
            }
            since = header->seq;
            delivered++;
            if (fn (self, service, header, event, arg))
                return PPSCTL_OK;
        }
        //  A batch that does not move forward would loop for ever
        if (since <= before || since >= batch->last_seq)
            return PPSCTL_OK;
    }
    return PPSCTL_OK;
}

//  Keep one event of `ppsctl events` for the JSON array or the table.
static int
s_print_event (ppsctl_t *self, const ppsctl_service_t *service,
               const Pps__EventHeader *header, const ProtobufCMessage *event, void *arg)
{
    if (self->json) {
        json_array_append_new ((json_t *) arg, ppsctl_json_message (event));
        return 0;
    }
    ppsctl_table_t *table = arg;
    char time [40];
    ppsctl_table_row (table);
    //  Six wide at least, as the log has always been printed
    ppsctl_table_cellf (table, "%6" PRIu64, header->seq);
    ppsctl_table_cell (table, ppsctl_iso_time (header->time_ms, time, sizeof time));
    ppsctl_table_cell (table, *header->actor ? header->actor : "-");
    ppsctl_table_cell (table, header->topic);
    ppsctl_table_cell (table, ppsctl_event_summary (self->arena, event));
    return 0;
}

void
ppsctl_usage_events (FILE *out)
{
    fprintf (out, "usage: ppsctl events SERVICE [--since SEQ] [--limit N]\n"
                  "  the service's event log (the audit trail): seq, time, actor, topic and\n"
                  "  the record, from the event after SEQ (default 0), at most N (default all)\n");
}

int
ppsctl_cmd_events (ppsctl_t *self, int argc, char **argv)
{
    const ppsctl_service_t *service = argc > 0 ? ppsctl_service_find (argv [0]) : NULL;
    if (!service) {
        ppsctl_usage_events (stderr);
        return PPSCTL_USAGE;
    }
    int64_t since = 0;
    int64_t limit = 0;
    //  Flags come in pairs: --since SEQ, --limit N
    for (int index = 1; index < argc; index += 2) {
        const char *flag = argv [index];
        int64_t *target = streq (flag, "--since") ? &since
                        : streq (flag, "--limit") ? &limit : NULL;
        if (!target || index + 1 >= argc
        ||  ppsctl_parse_int (argv [index + 1], 0, INT64_MAX, target)) {
            fprintf (stderr, "error: events: bad argument '%s'\n", flag);
            return PPSCTL_USAGE;
        }
    }
    json_t *events = self->json ? json_array () : NULL;
    //  One line per event, as scripts count them: no header
    ppsctl_table_t *table = ppsctl_table_new (self->arena);
    ppsctl_table_headless (table);
    const char *const headers [] = { "seq", "time", "actor", "topic", "record" };
    for (size_t column = 0; column < 5; column++) {
        ppsctl_table_column (table, headers [column], NULL, column == 0);
        //  What happened stays; when it was and who did it go first
        ppsctl_table_rank (table, column == 3 || column == 4 ? PPSCTL_RANK_LABEL
                                                             : PPSCTL_RANK_PLAIN);
    }
    int rc = ppsctl_events_fetch (self, service, (uint64_t) since, (uint64_t) limit,
                                  self->timeout_ms, s_print_event,
                                  events ? (void *) events : (void *) table);
    if (events) {
        if (rc == PPSCTL_OK)
            ppsctl_json_print (stdout, events);
        else
            json_decref (events);
    }
    else
    if (rc == PPSCTL_OK
    &&  ppsctl_table_print (table, stdout, self->columns, ppsctl_table_width (stdout)))
        rc = PPSCTL_USAGE;
    return rc;
}
