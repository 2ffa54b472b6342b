/*  ppsctl_watch: prints events as they are published, from every service.

    It is a subscriber in the clone pattern of DESIGN.md: it knows, per
    source, the last seq it printed; an event further ahead than the next
    one, or a heartbeat showing a seq it has not seen, makes it fetch what it
    missed with EventsSince before going on, and say so on stderr:
        watch: registry: gap after seq 41 (next seen 45), fetched 3 events
    So an event committed while the subscription was still connecting, or
    dropped by a full queue or a reconnection, is printed all the same, in
    order, and none is printed twice.  */
#include "ppsctl.h"

#include "pps_socket.h"

//  How often the loop looks at Ctrl-C and the --for deadline.
#define POLL_MS 200

//  One service watched.
typedef struct {
    const ppsctl_service_t *service;
    zsock_t *subscriber;
    bool known;                   //  last_seq is known
    uint64_t last_seq;            //  Last seq seen, printed or filtered out
} source_t;

//  The command's options and progress.
typedef struct {
    const char *prefix;           //  Topics shown start with this
    bool heartbeats;              //  Show heartbeats too
    int64_t count;                //  Stop after this many events, 0 = never
    int64_t printed;
    uint64_t taken;               //  Events taken in order (printed or filtered out)
    source_t *source;             //  Source of the event being handled
} watch_t;

//  Print an event unless filtered out; returns non-zero when enough were printed.
static int
s_show (ppsctl_t *self, const ppsctl_service_t *service, const Pps__EventHeader *header,
        const ProtobufCMessage *event, void *arg)
{
    watch_t *watch = arg;
    source_t *source = watch->source;
    if (source->known && header->seq <= source->last_seq)
        return 0;
    source->known = true;
    source->last_seq = header->seq;
    watch->taken++;
    if (strncmp (header->topic, watch->prefix, strlen (watch->prefix)) != 0)
        return 0;
    if (self->json) {
        json_t *object = ppsctl_json_message (event);
        char *text = json_dumps (object, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (text)
            printf ("%s\n", text);
        free (text);
        json_decref (object);
    }
    else
        printf ("%" PRIu64 " %s %s  %s\n", header->seq, header->topic,
                *header->actor ? header->actor : "-",
                ppsctl_event_summary (self->arena, event));
    fflush (stdout);
    watch->printed++;
    return watch->count && watch->printed >= watch->count;
}

//  Fetch and print what the source published after the last seq we know, up
//  to seq; when the service cannot say, report the gap and go on from seq.
//  seen says what showed the gap ("next seen", "heartbeat at"), or is NULL
//  for a catch-up that is no gap (--since).
static int
s_catch_up (ppsctl_t *self, watch_t *watch, source_t *source, uint64_t seq, const char *seen)
{
    uint64_t from = source->last_seq;
    uint64_t taken = watch->taken;
    watch->source = source;
    int rc = ppsctl_events_fetch (self, source->service, from, seq - from, self->timeout_ms,
                                  s_show, watch);
    if (seen)
        fprintf (stderr, "watch: %s: gap after seq %" PRIu64 " (%s %" PRIu64 "), fetched %"
                 PRIu64 " event%s\n", source->service->name, from, seen, seq,
                 watch->taken - taken, watch->taken - taken == 1 ? "" : "s");
    if (rc && source->last_seq < seq) {
        fprintf (stderr, "warning: %s events %" PRIu64 " to %" PRIu64 " missed\n",
                 source->service->name, source->last_seq + 1, seq);
        source->last_seq = seq;
    }
    return watch->count && watch->printed >= watch->count;
}

//  Handle one message of a source's PUB socket; non-zero when done.
static int
s_receive (ppsctl_t *self, watch_t *watch, source_t *source)
{
    zmsg_t *message = zmsg_recv (source->subscriber);
    if (!message)
        return 0;
    char *topic = zmsg_popstr (message);
    zframe_t *body = zmsg_pop (message);
    zmsg_destroy (&message);
    int done = 0;
    if (!topic || !body)
        goto cleanup;

    size_t length = strlen (topic);
    if (length > 10 && streq (topic + length - 10, ".heartbeat")) {
        Pps__Heartbeat *heartbeat = (Pps__Heartbeat *) pps_arena_unpack (
            self->arena, &pps__heartbeat__descriptor, zframe_data (body), zframe_size (body));
        if (!heartbeat)
            goto cleanup;
        if (watch->heartbeats) {
            printf ("- %s last_seq=%" PRIu64 "\n", topic, heartbeat->last_seq);
            fflush (stdout);
        }
        if (!source->known) {
            source->known = true;
            source->last_seq = heartbeat->last_seq;
        }
        else
        if (heartbeat->last_seq > source->last_seq)
            done = s_catch_up (self, watch, source, heartbeat->last_seq, "heartbeat at");
        goto cleanup;
    }
    Pps__EventHeader *header = (Pps__EventHeader *) pps_arena_unpack (
        self->arena, &pps__event_header__descriptor, zframe_data (body), zframe_size (body));
    ProtobufCMessage *event = pps_arena_unpack (self->arena, source->service->event,
                                                zframe_data (body), zframe_size (body));
    if (!header || !event)
        goto cleanup;
    if (source->known && header->seq > source->last_seq + 1)
        done = s_catch_up (self, watch, source, header->seq, "next seen");
    else {
        watch->source = source;
        done = s_show (self, source->service, header, event, watch);
    }
cleanup:
    zstr_free (&topic);
    zframe_destroy (&body);
    return done;
}

//  Parse the command's arguments into watch and *seconds_p.
static int
s_parse (int argc, char **argv, watch_t *watch, int64_t *seconds_p, int64_t *since_p)
{
    for (int index = 0; index < argc; index++) {
        const char *arg = argv [index];
        int64_t *target = streq (arg, "--count") ? &watch->count
                        : streq (arg, "--for") ? seconds_p
                        : streq (arg, "--since") ? since_p : NULL;
        if (target) {
            if (index + 1 >= argc || ppsctl_parse_int (argv [index + 1], 0, INT32_MAX, target))
                goto usage;
            index++;
        }
        else
        if (streq (arg, "--heartbeats"))
            watch->heartbeats = true;
        else
        if (*arg != '-' && !*watch->prefix)
            watch->prefix = arg;
        else
            goto usage;
    }
    return 0;
usage:
    ppsctl_usage_watch (stderr);
    return -1;
}

void
ppsctl_usage_watch (FILE *out)
{
    fprintf (out,
"usage: ppsctl watch [TOPIC-PREFIX] [--since SEQ] [--count N] [--for SECONDS] [--heartbeats]\n"
"  events of every service as they are committed, one line each (seq, topic,\n"
"  actor, record), until Ctrl-C\n"
"  TOPIC-PREFIX   only topics starting with it (registry.designation)\n"
"  --since SEQ    first the events after SEQ of each service\n"
"  --count N      stop after N events (exit 1 when --for ends first)\n"
"  --for SECONDS  stop after that long\n"
"  --heartbeats   show the services' heartbeats too\n"
"A gap in a service's seq (events missed by the subscription) is filled from\n"
"its event log (EventsSince) and said on stderr:\n"
"  watch: registry: gap after seq 41 (next seen 45), fetched 3 events\n");
}

int
ppsctl_cmd_watch (ppsctl_t *self, int argc, char **argv)
{
    watch_t watch = { .prefix = "" };
    int64_t seconds = 0;
    int64_t since = -1;
    if (s_parse (argc, argv, &watch, &seconds, &since))
        return PPSCTL_USAGE;

    size_t count = 0;
    while (ppsctl_services [count].name)
        count++;
    source_t *sources = calloc (count, sizeof (source_t));
    assert (sources);
    zpoller_t *poller = zpoller_new (NULL);
    int rc = PPSCTL_OK;
    for (size_t index = 0; index < count; index++) {
        source_t *source = &sources [index];
        source->service = &ppsctl_services [index];
        const char *endpoint = pps_config_events_endpoint (self->config, source->service->name);
        source->subscriber = pps_socket_connect (ZMQ_SUB, endpoint);
        if (!source->subscriber) {
            fprintf (stderr, "error: cannot subscribe to %s\n", endpoint);
            rc = PPSCTL_UNREACHABLE;
            goto cleanup;
        }
        //  Every topic, filtered here: a gap in seq then always means a miss,
        //  and heartbeats come even when not shown
        zsock_set_subscribe (source->subscriber, "");
        zpoller_add (poller, source->subscriber);
    }
    //  Where each source stands now; a source that does not answer is taken
    //  up at its first heartbeat or event
    for (size_t index = 0; index < count; index++) {
        source_t *source = &sources [index];
        const Pps__ServiceStatus *status;
        const char *reason;
        if (since >= 0) {
            source->known = true;
            source->last_seq = (uint64_t) since;
        }
        else
        if (ppsctl_status_get (self, source->service, &status, &reason) == PPSCTL_OK) {
            source->known = true;
            source->last_seq = status->last_seq;
        }
        else
            fprintf (stderr, "warning: %s does not answer (%s)\n", source->service->name, reason);
    }
    pps_arena_reset (self->arena);
    fprintf (stderr, "watching %s*\n", watch.prefix);

    //  With --since, what was published before we subscribed comes first
    for (size_t index = 0; index < count && since >= 0; index++) {
        source_t *source = &sources [index];
        const Pps__ServiceStatus *status;
        const char *reason;
        if (ppsctl_status_get (self, source->service, &status, &reason) == PPSCTL_OK
        &&  status->last_seq > source->last_seq
        &&  s_catch_up (self, &watch, source, status->last_seq, NULL))
            goto cleanup;
    }
    int64_t deadline = seconds ? zclock_mono () + seconds * 1000 : 0;
    while (!zsys_interrupted) {
        int64_t wait = POLL_MS;
        if (deadline) {
            int64_t left = deadline - zclock_mono ();
            if (left <= 0)
                break;
            if (left < wait)
                wait = left;
        }
        zsock_t *ready = zpoller_wait (poller, (int) wait);
        if (!ready) {
            if (zpoller_terminated (poller))
                break;
            continue;
        }
        for (size_t index = 0; index < count; index++)
            if (sources [index].subscriber == ready
            &&  s_receive (self, &watch, &sources [index]))
                goto cleanup;
        pps_arena_reset (self->arena);
    }
    //  Asked for a number of events and did not get them in time
    if (watch.count && watch.printed < watch.count && !zsys_interrupted)
        rc = PPSCTL_FAILED;

cleanup:
    zpoller_destroy (&poller);
    for (size_t index = 0; index < count; index++)
        zsock_destroy (&sources [index].subscriber);
    free (sources);
    return rc;
}
