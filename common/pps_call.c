/*  pps_call: the call API that handlers use, over one request's state.  */
#include "pps_call.h"

#include <stdarg.h>
#include "pps_date.h"
#include "pps_describe.h"
#include "pps_eventlog.h"
#include "pps_reflect.h"

pps_arena_t *pps_call_arena (pps_call_t *call) { return call->arena; }
MDB_txn *pps_call_txn (pps_call_t *call) { return call->txn; }
pps_store_t *pps_call_store (pps_call_t *call) { return call->store; }
const char *pps_call_actor (pps_call_t *call) { return call->actor; }
const char *pps_call_request_id (pps_call_t *call) { return call->request_id; }
int64_t pps_call_now_ms (pps_call_t *call) { return call->now_ms; }

Pps__Status *
pps_call_status_new (pps_arena_t *arena, Pps__Code code, const char *field, const char *message)
{
    Pps__Status *status = pps_arena_alloc (arena, sizeof (Pps__Status));
    pps__status__init (status);
    status->code = code;
    status->field = pps_arena_strdup (arena, field);
    status->message = pps_arena_strdup (arena, message);
    return status;
}

int
pps_call_fail (pps_call_t *call, Pps__Code code, const char *field, const char *format, ...)
{
    char message [512];
    va_list args;
    va_start (args, format);
    vsnprintf (message, sizeof message, format, args);
    va_end (args);
    //  The first failure is the one the client needs to see
    if (!call->status)
        call->status = pps_call_status_new (call->arena, code, field, message);
    return -1;
}

int
pps_call_fail_lmdb (pps_call_t *call, int rc, const char *what)
{
    if (rc == MDB_MAP_FULL || rc == MDB_TXN_FULL || rc == ENOSPC)
        return pps_call_fail (call, PPS__CODE__RESOURCE_EXHAUSTED, "",
                              "storage full while writing %s: %s", what, mdb_strerror (rc));
    return pps_call_fail (call, PPS__CODE__INTERNAL, "", "storage error while %s: %s",
                          what, mdb_strerror (rc));
}

//  Build the serialized <Svc>Event for seq in arena; *full_topic_p gets
//  "<service>.<topic>".
static uint8_t *
s_event_pack (const pps_service_t *service, pps_arena_t *arena, uint64_t seq, int64_t time_ms,
              const char *actor, const char *request_id, const char *topic,
              uint32_t change_field, const ProtobufCMessage *record, char **full_topic_p,
              size_t *size_p)
{
    char *full_topic = pps_arena_printf (arena, "%s.%s", service->name, topic);
    ProtobufCMessage *event = pps_arena_message (arena, service->event);
    pps_reflect_set_string (event, 1, service->name);
    pps_reflect_set_int64 (event, 2, (int64_t) seq);
    pps_reflect_set_int64 (event, 3, time_ms);
    pps_reflect_set_string (event, 4, actor);
    pps_reflect_set_string (event, 5, full_topic);
    pps_reflect_set_string (event, 6, request_id);
    pps_reflect_set_message (event, change_field, record);
    *full_topic_p = full_topic;
    return pps_arena_pack (arena, event, size_p);
}

int
pps_call_emit (pps_call_t *call, const char *topic, uint32_t change_field,
               const ProtobufCMessage *record)
{
    if (!pps_service_has_topic (call->service, topic))
        return pps_call_fail (call, PPS__CODE__INTERNAL, "", "%s does not declare the topic %s",
                              call->service->name, topic);
    uint64_t seq = pps_eventlog_last_seq (call->store, call->txn) + 1;
    char *full_topic;
    size_t size;
    uint8_t *bytes = s_event_pack (call->service, call->arena, seq, call->now_ms, call->actor,
                                   call->request_id, topic, change_field, record,
                                   &full_topic, &size);
    int rc = pps_eventlog_append (call->store, call->txn, seq, bytes, size);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the event log");
    return 0;
}

uint64_t
pps_service_log_event (const pps_service_t *service, pps_store_t *store, MDB_txn *txn,
                       pps_arena_t *arena, const char *actor, const char *topic,
                       uint32_t change_field, const ProtobufCMessage *record)
{
    if (!pps_service_has_topic (service, topic)) {
        zsys_error ("%s: does not declare the topic %s", service->name, topic);
        return 0;
    }
    uint64_t seq = pps_eventlog_last_seq (store, txn) + 1;
    char *full_topic;
    size_t size;
    uint8_t *bytes = s_event_pack (service, arena, seq, pps_now_ms (), actor, "", topic,
                                   change_field, record, &full_topic, &size);
    return pps_eventlog_append (store, txn, seq, bytes, size) ? 0 : seq;
}

void
pps_status_gauge (pps_arena_t *arena, Pps__ServiceStatus *status, const char *name,
                  const char *label, double value, const char *text)
{
    Pps__Gauge *gauge = pps_arena_alloc (arena, sizeof *gauge);
    pps__gauge__init (gauge);
    gauge->name = (char *) name;
    gauge->label = (char *) (label ? label : "");
    gauge->value = value;
    gauge->text = (char *) (text ? text : "");
    pps_arena_push (arena, (void ***) &status->gauges, &status->n_gauges, gauge);
}
