/*  notify_it: what the notify scenarios share (notify_it_world.c): the
    SMTP and HTTP sinks as child processes, a region of the registry with
    its referents, calls to pps-notify, and what the sinks received.  */
#ifndef NOTIFY_IT_H_INCLUDED
#define NOTIFY_IT_H_INCLUDED

#include "it_harness.h"
#include "notify.pb-c.h"

//  A sink: smtp_sink or http_sink run as a child, on a fixed port once known.
typedef struct {
    const char *program;
    bool http;
    char *dir;                        //  Where it writes what it receives
    char *port_file;
    int port;                         //  0 until the first start
    pid_t pid;                        //  0 when not running
    const char *reject;               //  smtp_sink --reject TEXT, or NULL
} sink_t;

//  One message a sink received.
typedef struct {
    char *key;                        //  Message-ID (e-mail) or Idempotency-Key (webhook)
    char *recipient;                  //  RCPT TO (e-mail) or the path (webhook)
    char *subject;                    //  Decoded (e-mail), or the document's subject
    char *text;                       //  Decoded body (e-mail), or the document's text
    char *kind;                       //  X-PPS-Kind (e-mail) or the document's kind
    int reminder;                     //  The document's reminder number (webhook)
} received_t;

typedef struct {
    const char *registry_program;
    const char *notify_program;
    const char *ppsctl_program;       //  Or NULL
    it_service_t *registry;
    it_service_t *notify;
    pps_client_t *registry_client;
    pps_client_t *notify_client;
    pps_arena_t *arena;               //  Never reset during a scenario
    sink_t smtp;
    sink_t http;
    uint64_t establishment;
    uint64_t ars, disp, health, prison;   //  Persons
    uint64_t prison_designation;      //  Paul's, the one the scenarios end
} world_t;

//  Start both sinks (fresh directories), pps-registry and pps-notify
//  (configured through the environment, plus extra "NAME=value" entries,
//  NULL-terminated), and the region: an MA, four referents in post.
//  Returns once pps-notify has applied it all.
void world_start (world_t *self, char **argv, const char *const *extra_env);

//  Stop everything and remove the data.
void world_stop (world_t *self);

//  Start / stop (SIGKILL) a sink; a restart reuses its port.
void sink_start (sink_t *sink);
void sink_kill (sink_t *sink);

//  Everything a sink received so far, in arena. Returns the count.
size_t sink_read (sink_t *sink, pps_arena_t *arena, received_t **items_p);

//  The day offset days from today (UTC), in arena.
Pps__Date *world_day (pps_arena_t *arena, int offset);

//  Registry writes (each must succeed). Returns the new record's id.
uint64_t world_person (world_t *self, const char *name, const char *email);
uint64_t world_designate (world_t *self, uint64_t person, Registry__ReferentRole role,
                          uint64_t establishment, Pps__Date *start, Pps__Date *end);
void world_end (world_t *self, uint64_t designation, Pps__Date *end, Registry__EndReason reason,
                const char *note);

//  A notify request (op is the field number, payload its message); fails
//  the test when no reply comes or its status is not OK.
Notify__NotifyReply *world_notify_call (world_t *self, uint32_t op, ProtobufCMessage *payload);

//  Every notification pps-notify holds, newest first.
Notify__NotificationList *world_notifications (world_t *self);

//  The deliveries in state (0: every state).
Notify__DeliveryList *world_deliveries (world_t *self, Notify__DeliveryState state);

//  Start pps-notify (again), on the same data directory.
void world_notify_start (world_t *self);

#endif
