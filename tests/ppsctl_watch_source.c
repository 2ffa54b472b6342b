/*  ppsctl_watch_source: a fake registry whose event stream has a hole, for
    the test of `ppsctl watch` (ppsctl_watch_gap.sh).

        ppsctl_watch_source DATA_DIR [SECONDS]

    Binds ipc://DATA_DIR/registry.ipc (ROUTER) and
    ipc://DATA_DIR/registry-events.ipc (XPUB), where ppsctl looks with
    PPS_REGION_DATA_DIR=DATA_DIR. Its log holds five events, "person N
    Person N" for seq 1 to 5. It answers ServiceStatus (last_seq 0 until it
    has published, then 5) and EventsSince from that log. Once a subscriber
    is there and has asked for the status, it publishes seq 1, 2, then 5:
    3 and 4 never go out on the PUB socket, so only a subscriber that
    notices the gap and asks EventsSince shows them. Stops after SECONDS
    (default 30) or on SIGTERM.
*/
#include <czmq.h>
#include "common.pb-c.h"
#include "registry.pb-c.h"

#define EVENTS 5

//  Event seq (1..EVENTS) packed, in a fresh zframe.
static zframe_t *
s_event (uint64_t seq)
{
    Registry__Person person = REGISTRY__PERSON__INIT;
    char name [32];
    snprintf (name, sizeof name, "Person %" PRIu64, seq);
    person.id = seq;
    person.full_name = name;
    Registry__RegistryEvent event = REGISTRY__REGISTRY_EVENT__INIT;
    event.source = "registry";
    event.seq = seq;
    event.time_ms = zclock_time ();
    event.actor = "fake";
    event.topic = "registry.person.created";
    event.request_id = "";
    event.change_case = REGISTRY__REGISTRY_EVENT__CHANGE_PERSON;
    event.person = &person;
    size_t size = protobuf_c_message_get_packed_size (&event.base);
    zframe_t *frame = zframe_new (NULL, size);
    protobuf_c_message_pack (&event.base, zframe_data (frame));
    return frame;
}

//  Answer one request on the ROUTER; sets *asked_p on a status request.
static void
s_answer (zsock_t *router, uint64_t last_seq, bool *asked_p)
{
    zmsg_t *message = zmsg_recv (router);
    if (!message)
        return;
    zframe_t *identity = zmsg_pop (message);
    zframe_t *body = zmsg_pop (message);
    zmsg_destroy (&message);
    Pps__CommonRequest *request = body ? pps__common_request__unpack (
        NULL, zframe_size (body), zframe_data (body)) : NULL;
    zframe_destroy (&body);
    if (!request) {
        zframe_destroy (&identity);
        return;
    }
    Pps__CommonReply reply = PPS__COMMON_REPLY__INIT;
    Pps__Status status = PPS__STATUS__INIT;
    Pps__ServiceStatus service_status = PPS__SERVICE_STATUS__INIT;
    Pps__EventBatch batch = PPS__EVENT_BATCH__INIT;
    ProtobufCBinaryData events [EVENTS];
    zframe_t *frames [EVENTS] = { NULL };
    reply.request_id = request->request_id;
    reply.status = &status;
    if (request->op_case == PPS__COMMON_REQUEST__OP_SERVICE_STATUS) {
        service_status.service = "registry";
        service_status.version = "fake";
        service_status.last_seq = last_seq;
        reply.result_case = PPS__COMMON_REPLY__RESULT_SERVICE_STATUS;
        reply.service_status = &service_status;
        *asked_p = true;
    }
    else
    if (request->op_case == PPS__COMMON_REQUEST__OP_EVENTS_SINCE) {
        uint64_t limit = request->events_since->limit ? request->events_since->limit : EVENTS;
        for (uint64_t seq = request->events_since->seq + 1;
             seq <= EVENTS && batch.n_events < limit; seq++) {
            frames [batch.n_events] = s_event (seq);
            events [batch.n_events].data = zframe_data (frames [batch.n_events]);
            events [batch.n_events].len = zframe_size (frames [batch.n_events]);
            batch.n_events++;
        }
        batch.events = events;
        batch.last_seq = EVENTS;
        reply.result_case = PPS__COMMON_REPLY__RESULT_EVENTS;
        reply.events = &batch;
    }
    else {
        status.code = PPS__CODE__UNIMPLEMENTED;
        status.message = "not in this fake";
    }
    size_t size = pps__common_reply__get_packed_size (&reply);
    zframe_t *frame = zframe_new (NULL, size);
    pps__common_reply__pack (&reply, zframe_data (frame));
    zframe_send (&identity, router, ZFRAME_MORE);
    zframe_send (&frame, router, 0);
    for (size_t index = 0; index < EVENTS; index++)
        zframe_destroy (&frames [index]);
    pps__common_request__free_unpacked (request, NULL);
}

//  Publish event seq on the XPUB socket.
static void
s_publish (zsock_t *publisher, uint64_t seq)
{
    zmsg_t *message = zmsg_new ();
    zmsg_addstr (message, "registry.person.created");
    zframe_t *frame = s_event (seq);
    zmsg_append (message, &frame);
    zmsg_send (&message, publisher);
}

int
main (int argc, char **argv)
{
    if (argc < 2) {
        fprintf (stderr, "usage: ppsctl_watch_source DATA_DIR [SECONDS]\n");
        return 2;
    }
    int64_t seconds = argc > 2 ? atoi (argv [2]) : 30;
    zsock_t *router = zsock_new_router (NULL);
    zsock_t *publisher = zsock_new (ZMQ_XPUB);
    if (!router || !publisher
    ||  zsock_bind (router, "ipc://%s/registry.ipc", argv [1]) == -1
    ||  zsock_bind (publisher, "ipc://%s/registry-events.ipc", argv [1]) == -1) {
        fprintf (stderr, "ppsctl_watch_source: cannot bind under %s\n", argv [1]);
        return 1;
    }
    printf ("ready\n");
    fflush (stdout);
    zpoller_t *poller = zpoller_new (router, publisher, NULL);
    bool subscribed = false, asked = false, published = false;
    int64_t deadline = zclock_mono () + seconds * 1000;
    while (!zsys_interrupted && zclock_mono () < deadline) {
        zsock_t *which = zpoller_wait (poller, 100);
        if (which == router)
            s_answer (router, published ? EVENTS : 0, &asked);
        else
        if (which == publisher) {
            zframe_t *frame = zframe_recv (publisher);
            if (frame && zframe_size (frame) > 0 && zframe_data (frame) [0] == 1)
                subscribed = true;
            zframe_destroy (&frame);
        }
        if (subscribed && asked && !published) {
            //  The hole: 3 and 4 are in the log, never on the PUB socket
            s_publish (publisher, 1);
            s_publish (publisher, 2);
            s_publish (publisher, 5);
            published = true;
            printf ("published 1 2 5\n");
            fflush (stdout);
        }
    }
    zpoller_destroy (&poller);
    zsock_destroy (&router);
    zsock_destroy (&publisher);
    return 0;
}
