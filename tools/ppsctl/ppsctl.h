/*  ppsctl: the operators' command-line tool, shared declarations.

    Every operation of a service is a subcommand without code of its own:
    the request is built by reflection on the service's protobuf-c
    descriptors from "field=value" arguments, and the reply is printed by
    reflection too (as text or as JSON). The friendly commands (import,
    vacancies, status, events, watch) are thin wrappers over the same parts.

        ppsctl.c          global flags, dispatch, usage
        ppsctl_fields.c   "path=value" arguments into a message, field help
        ppsctl_print.c    records and lists for humans, money in euros
        ppsctl_table.c    tables sized to their content, --columns
        ppsctl_describe.c a service's Describe: `help`, `<op> --help`
        ppsctl_json.c     any message as JSON
        ppsctl_call.c     calling a service, its errors, `ppsctl <service> <op>`
        ppsctl_status.c   health of every service
        ppsctl_events.c   a service's event log, one line per event
        ppsctl_watch.c    live events from every service's PUB socket
        ppsctl_import.c   import of the establishments CSV, vacancies
        ppsctl_metrics.c  the same figures as status, in Prometheus text
        ppsctl_backup.c   hot copies of every service's LMDB
        ppsctl_bilan.c    bilans: compute, show, finalise, list, export; outbox
        ppsctl_national.c the national service over HTTP
        ppsctl_notify.c   notifications and their deliveries
        ppsctl_plan.c     planned sessions' steps, a region's steps coming up
*/
#ifndef PPSCTL_H_INCLUDED
#define PPSCTL_H_INCLUDED

#include <czmq.h>
#include <jansson.h>
#include "pps_arena.h"
#include "pps_client.h"
#include "pps_config.h"
#include "common.pb-c.h"

//  Exit codes, documented in the usage text.
#define PPSCTL_OK           0
#define PPSCTL_FAILED       1     //  The service answered with an error, or is down
#define PPSCTL_USAGE        2     //  Bad command line; nothing was sent
#define PPSCTL_UNREACHABLE  3     //  No answer in time

//  A service ppsctl can talk to: its name and its envelope descriptors.
typedef struct {
    const char *name;                               //  "registry": config keys, topics
    const ProtobufCMessageDescriptor *request;      //  <Svc>Request
    const ProtobufCMessageDescriptor *reply;        //  <Svc>Reply
    const ProtobufCMessageDescriptor *event;        //  <Svc>Event
} ppsctl_service_t;

//  Every service of a region, terminated by an entry whose name is NULL.
extern const ppsctl_service_t ppsctl_services [];

//  The service of that name, or NULL.
const ppsctl_service_t *ppsctl_service_find (const char *name);

//  What every command works with: the global flags and one arena.
typedef struct {
    pps_config_t *config;         //  Endpoints
    pps_arena_t *arena;           //  Everything built or received; freed at exit
    bool json;                    //  --json
    int timeout_ms;               //  --timeout
    const char *actor;            //  --actor
    const char *request_id;       //  --request-id, or NULL for a fresh one
    const char *columns;          //  --columns, or NULL for the default ones
    bool help;                    //  -h or --help was on the line
    const char *config_path;      //  The configuration read, NULL for built-in defaults
    const char *config_origin;    //  Why that one: "-c", "$PPS_CONFIG", "default path"...
} ppsctl_t;

//  ---------------------------------------------------------------- reflection
//  Address of a field's member in message.
void *ppsctl_member (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field);

//  Number of values a field holds: the count of a repeated field, else 1
//  when present (a set message, a chosen oneof member, a scalar) or 0.
size_t ppsctl_value_count (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field);

//  Address of value index of a field (index 0 for a singular field).
const void *ppsctl_value (const ProtobufCMessage *message, const ProtobufCFieldDescriptor *field,
                          size_t index);

//  True when field holds a pps.Date, printed and parsed as YYYY-MM-DD.
bool ppsctl_is_date (const ProtobufCFieldDescriptor *field);

//  A field by name, '-' standing for '_'; NULL when there is none.
const ProtobufCFieldDescriptor *ppsctl_field_find (const ProtobufCMessageDescriptor *descriptor,
                                                   const char *name);

//  ---------------------------------------------------------------- fields
//  Set the field at the dotted path (e.g. "member.category",
//  "attendee_structures.0.id") of message from text. Returns 0, or -1 with
//  the reason, naming the field, in error.
int ppsctl_fields_set (pps_arena_t *arena, ProtobufCMessage *message, const char *path,
                       const char *text, char *error, size_t error_size);

//  Apply "path=value" arguments to message. Returns 0, or prints the first
//  error on stderr and returns PPSCTL_USAGE.
int ppsctl_fields_apply (pps_arena_t *arena, ProtobufCMessage *message, int argc, char **argv);

//  Print every settable path of a message type with its type; a path in
//  required (count of them, may be NULL) is marked "required".
void ppsctl_fields_help (FILE *out, const ProtobufCMessageDescriptor *descriptor,
                         char **required, size_t required_count);

//  True when field holds an amount of money: an integer field whose name
//  ends in "_cents". Printed in euros, set in cents or in euros.
bool ppsctl_is_money (const ProtobufCFieldDescriptor *field);

//  The name a field is shown under in text: its name, without "_cents" for
//  an amount (its value is shown in euros). Static or in arena.
const char *ppsctl_field_label (pps_arena_t *arena, const ProtobufCFieldDescriptor *field);

//  ---------------------------------------------------------------- output
//  Text of one scalar value (enum by name, date as YYYY-MM-DD, an amount
//  as "1 519,00 €"), in arena.
char *ppsctl_print_scalar (pps_arena_t *arena, const ProtobufCFieldDescriptor *field,
                           const void *value);

//  Print a reply's result for humans: a table for a message with a
//  repeated message field "items" (columns as --columns says), else
//  "field: value" lines. Returns PPSCTL_OK, or PPSCTL_USAGE when --columns
//  names a column the table does not have (printed).
int ppsctl_print_result (ppsctl_t *self, FILE *out, const ProtobufCMessage *result);

//  Print one record as "field: value" lines, nested records indented.
void ppsctl_print_record (FILE *out, pps_arena_t *arena, const ProtobufCMessage *record,
                          int indent);

//  A message as a JSON object. Caller owns return value (json_decref).
json_t *ppsctl_json_message (const ProtobufCMessage *message);

//  Print a JSON value indented by 2 and release it.
void ppsctl_json_print (FILE *out, json_t *value);

//  ---------------------------------------------------------------- calls
//  A new empty request of that envelope type carrying a request id (the
//  given one, else a fresh one) and the actor.
ProtobufCMessage *ppsctl_request_new (ppsctl_t *self, const ProtobufCMessageDescriptor *descriptor,
                                      const char *request_id);

//  Send request to the service's ROUTER and unpack the reply as
//  reply_descriptor. Returns PPSCTL_OK and sets *reply_p; when no reply came
//  prints "error: <service> unreachable at <endpoint>" unless quiet, and
//  returns PPSCTL_UNREACHABLE.
int ppsctl_call (ppsctl_t *self, const char *service, const ProtobufCMessage *request,
                 const ProtobufCMessageDescriptor *reply_descriptor, int timeout_ms,
                 bool quiet, ProtobufCMessage **reply_p);

//  PPSCTL_OK when the reply's status is OK, else prints
//  "error: <CODE> <field>: <message>" on stderr and returns PPSCTL_FAILED.
int ppsctl_check_status (const ProtobufCMessage *reply);

//  Print a reply's result as text or JSON, "ok" when it carries none.
//  Returns PPSCTL_OK, or PPSCTL_USAGE for a bad --columns (printed).
int ppsctl_show_reply (ppsctl_t *self, const ProtobufCMessage *reply);

//  Send payload as operation op (a field number of the service's request
//  envelope) with --request-id or a fresh one, and set *reply_p whatever its
//  status. Returns PPSCTL_OK or PPSCTL_UNREACHABLE (printed).
int ppsctl_send (ppsctl_t *self, const ppsctl_service_t *service, uint32_t op,
                 ProtobufCMessage *payload, ProtobufCMessage **reply_p);

//  Run the operation op_name of service with "field=value" arguments:
//  build, send, print. Returns an exit code.
int ppsctl_run_op (ppsctl_t *self, const ppsctl_service_t *service, const char *op_name,
                   int argc, char **argv);

//  ---------------------------------------------------------------- describe
//  The service's own description (its Describe), asked with --timeout.
//  Returns PPSCTL_OK and sets *description_p (in the arena); else returns
//  PPSCTL_UNREACHABLE or PPSCTL_FAILED, printing nothing.
int ppsctl_describe (ppsctl_t *self, const ppsctl_service_t *service,
                     const Pps__ServiceDescription **description_p);

//  The operation of that name ('-' for '_') in a description, or NULL.
const Pps__OperationDescription *ppsctl_describe_op (const Pps__ServiceDescription *description,
                                                     const char *name);

//  `ppsctl <service> help`: the operations with their kind and summary,
//  from the running service. Returns an exit code.
int ppsctl_help_service (ppsctl_t *self, const ppsctl_service_t *service);

//  `ppsctl <service> <op> --help`: the operation's summary, kind, fields
//  (type, required, enum values, amounts) and the service's limits.
//  Returns an exit code.
int ppsctl_help_op (ppsctl_t *self, const ppsctl_service_t *service,
                    const ProtobufCFieldDescriptor *op);

//  ---------------------------------------------------------------- commands
//  Each takes the arguments after its own name and returns an exit code;
//  each usage function prints the command's usage (for --help on stdout,
//  after a mistake on stderr).
int ppsctl_cmd_service (ppsctl_t *self, const ppsctl_service_t *service, int argc, char **argv);
int ppsctl_cmd_status (ppsctl_t *self, int argc, char **argv);
void ppsctl_usage_status (FILE *out);
int ppsctl_cmd_events (ppsctl_t *self, int argc, char **argv);
void ppsctl_usage_events (FILE *out);
int ppsctl_cmd_watch (ppsctl_t *self, int argc, char **argv);
void ppsctl_usage_watch (FILE *out);
int ppsctl_cmd_import (ppsctl_t *self, int argc, char **argv);
void ppsctl_usage_import (FILE *out);
int ppsctl_cmd_vacancies (ppsctl_t *self, int argc, char **argv);
void ppsctl_usage_vacancies (FILE *out);

//  Parse a decimal integer within [min, max]; 0 on success, -1 otherwise.
int ppsctl_parse_int (const char *text, int64_t min, int64_t max, int64_t *value_p);

//  Format ms since the epoch as ISO 8601 UTC ("2025-01-31T08:15:00.123Z").
char *ppsctl_iso_time (int64_t time_ms, char *buffer, size_t size);

//  The ServiceStatus of a service (asked with a short timeout, one attempt).
//  Returns PPSCTL_OK and sets *status_p; else says why in *reason_p and
//  returns PPSCTL_UNREACHABLE (no answer) or PPSCTL_FAILED (an error reply).
int ppsctl_status_get (ppsctl_t *self, const ppsctl_service_t *service,
                       const Pps__ServiceStatus **status_p, const char **reason_p);

//  ---------------------------------------------------------------- events
//  One-line summary of the record an event carries ("person 3 Jean Dupont"),
//  in arena; "" when it carries none.
char *ppsctl_event_summary (pps_arena_t *arena, const ProtobufCMessage *event);

//  Called for each event fetched: its common header and the event decoded
//  as the service's <Svc>Event. Returns 0 to go on, non-zero to stop.
typedef int (ppsctl_event_fn) (ppsctl_t *self, const ppsctl_service_t *service,
                               const Pps__EventHeader *header, const ProtobufCMessage *event,
                               void *arg);

//  Fetch the events of service with a seq greater than since, at most limit
//  of them (0 = all), page by page through EventsSince, calling fn for each.
//  Returns an exit code (errors are printed).
int ppsctl_events_fetch (ppsctl_t *self, const ppsctl_service_t *service, uint64_t since,
                         uint64_t limit, int timeout_ms, ppsctl_event_fn *fn, void *arg);

#endif
