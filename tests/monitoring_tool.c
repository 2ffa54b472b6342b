/*  monitoring_tool: what the monitoring and deployment scripts need that
    the shell has not, so that they depend on no curl, jq or python.

        monitoring_tool promcheck FILE
            exit 0 when FILE is valid Prometheus text exposition (0.0.4):
            every line a HELP, a TYPE or a sample of the grammar, each
            family's HELP and TYPE once and before its samples, samples of
            a family together, no sample twice; else prints the first fault
        monitoring_tool fake [--for S] --service NAME ENDPOINT [options]...
            binds a ROUTER per service that answers ServiceStatus like a
            real service would (version 9.9.9, up 1:02:03, last seq 42, 7
            requests served and 1 failed, 1 MiB of 1024 used) for S seconds
            at most (default 60) or until SIGTERM. Options of the service
            named before them:
              --lag SOURCE N       gauge subscriber_lag of SOURCE
              --needs-operator N   gauges outbox_pending 0, outbox_needs_operator N
              --error TEXT         gauge outbox_last_error with that text
              --gauge NAME LABEL VALUE TEXT   any other gauge
              --delay MS           answer MS late
              --refuse             answer UNAVAILABLE instead of a status
*/
#include <czmq.h>
#include <regex.h>
#include "common.pb-c.h"

#define SERVICES_MAX 16
#define GAUGES_MAX   16
#define PENDING_MAX  256

//  ---------------------------------------------------------------- promcheck

#define NAME    "[a-zA-Z_:][a-zA-Z0-9_:]*"
#define LABEL   "[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\n]|\\\\[\\\\\"n])*\""
#define VALUE   "([-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?|NaN|[-+]Inf)"

static int
s_fault (const char *path, int line, const char *why, const char *text)
{
    fprintf (stderr, "%s:%d: %s: %s\n", path, line, why, text);
    return 1;
}

static int
s_promcheck (const char *path)
{
    FILE *file = fopen (path, "r");
    if (!file) {
        fprintf (stderr, "promcheck: cannot read %s\n", path);
        return 1;
    }
    regex_t help, type, sample;
    assert (regcomp (&help, "^# HELP (" NAME ") ([^\\\\\n]|\\\\[\\\\n])*$", REG_EXTENDED) == 0);
    assert (regcomp (&type, "^# TYPE (" NAME ") (counter|gauge|histogram|summary|untyped)$",
                     REG_EXTENDED) == 0);
    assert (regcomp (&sample, "^(" NAME ")(\\{(" LABEL "(," LABEL ")*,?)?\\})? " VALUE
                     "( -?[0-9]+)?$", REG_EXTENDED) == 0);
    zhash_t *typed = zhash_new ();        //  family -> "" once its TYPE is seen
    zhash_t *helped = zhash_new ();
    zhash_t *closed = zhash_new ();       //  families whose samples are over
    zhash_t *series = zhash_new ();       //  every sample line's name and labels
    char current [256] = "";
    char line [8192];
    int number = 0, rc = 0, samples = 0;
    while (rc == 0 && fgets (line, sizeof line, file)) {
        number++;
        size_t length = strlen (line);
        if (length == 0 || line [length - 1] != '\n') {
            rc = s_fault (path, number, "no line feed at the end", line);
            break;
        }
        line [--length] = 0;
        regmatch_t match [3];
        char name [256];
        if (regexec (&help, line, 3, match, 0) == 0 || regexec (&type, line, 3, match, 0) == 0) {
            snprintf (name, sizeof name, "%.*s", (int) (match [1].rm_eo - match [1].rm_so),
                      line + match [1].rm_so);
            zhash_t *seen = line [2] == 'H' ? helped : typed;
            if (zhash_lookup (seen, name))
                rc = s_fault (path, number, "second HELP or TYPE of a family", line);
            else
            if (zhash_lookup (closed, name) || (*current && streq (current, name)
                                               && line [2] == 'T' && samples))
                rc = s_fault (path, number, "HELP or TYPE after the family's samples", line);
            zhash_insert (seen, name, "");
            if (*current && !streq (current, name))
                zhash_insert (closed, current, "");
            snprintf (current, sizeof current, "%s", name);
            samples = 0;
        }
        else
        if (line [0] == '#')
            rc = s_fault (path, number, "malformed HELP or TYPE", line);
        else
        if (regexec (&sample, line, 3, match, 0) == 0) {
            snprintf (name, sizeof name, "%.*s", (int) (match [1].rm_eo - match [1].rm_so),
                      line + match [1].rm_so);
            char *space = strrchr (line, ' ');
            char *key = zsys_sprintf ("%.*s", (int) (space - line), line);
            //  A counter's samples are name_total of family name_total here
            if (!zhash_lookup (typed, name))
                rc = s_fault (path, number, "sample of a family without TYPE", line);
            else
            if (!streq (name, current))
                rc = s_fault (path, number, "sample away from its family", line);
            else
            if (zhash_lookup (series, key))
                rc = s_fault (path, number, "the same series twice", line);
            zhash_insert (series, key, "");
            zstr_free (&key);
            samples++;
        }
        else
            rc = s_fault (path, number, "not a HELP, TYPE or sample line", line);
    }
    if (rc == 0 && number == 0)
        rc = s_fault (path, 0, "empty", "");
    fclose (file);
    regfree (&help);
    regfree (&type);
    regfree (&sample);
    zhash_destroy (&typed);
    zhash_destroy (&helped);
    zhash_destroy (&closed);
    zhash_destroy (&series);
    return rc;
}

//  ---------------------------------------------------------------- fake

typedef struct {
    const char *name;
    zsock_t *router;
    int delay_ms;
    bool refuse;
    size_t gauge_count;
    Pps__Gauge gauges [GAUGES_MAX];
    Pps__Gauge *gauge_pointers [GAUGES_MAX];
} fake_t;

//  A delayed reply: to whom, what, when.
typedef struct {
    fake_t *fake;
    zframe_t *identity;
    zframe_t *reply;
    int64_t due_ms;
} pending_t;

static Pps__Gauge *
s_gauge (fake_t *fake, const char *name, const char *label, double value, const char *text)
{
    assert (fake->gauge_count < GAUGES_MAX);
    Pps__Gauge *gauge = &fake->gauges [fake->gauge_count];
    pps__gauge__init (gauge);
    gauge->name = (char *) name;
    gauge->label = (char *) label;
    gauge->value = value;
    gauge->text = (char *) text;
    fake->gauge_pointers [fake->gauge_count++] = gauge;
    return gauge;
}

//  The reply to one request frame.
static zframe_t *
s_answer (fake_t *fake, zframe_t *request_frame)
{
    Pps__CommonRequest *request = pps__common_request__unpack (
        NULL, zframe_size (request_frame), zframe_data (request_frame));
    Pps__CommonReply reply = PPS__COMMON_REPLY__INIT;
    Pps__Status status = PPS__STATUS__INIT;
    Pps__ServiceStatus service = PPS__SERVICE_STATUS__INIT;
    reply.request_id = request ? request->request_id : "";
    reply.status = &status;
    if (!request || request->op_case != PPS__COMMON_REQUEST__OP_SERVICE_STATUS) {
        status.code = PPS__CODE__INVALID_ARGUMENT;
        status.message = "the fake answers ServiceStatus only";
    }
    else
    if (fake->refuse) {
        status.code = PPS__CODE__UNAVAILABLE;
        status.message = "refused by the fake";
    }
    else {
        int64_t now = zclock_time ();
        service.service = (char *) fake->name;
        service.version = "9.9.9";
        service.region_code = "32";
        service.now_ms = now;
        service.started_ms = now - 3723000;
        service.last_seq = 42;
        service.requests_served = 7;
        service.requests_failed = 1;
        service.lmdb_size_bytes = 1024 * 1024;
        service.lmdb_map_bytes = 1024 * 1024 * 1024;
        service.fs_free_bytes = (uint64_t) 5 << 30;
        service.fs_size_bytes = (uint64_t) 20 << 30;
        service.schema_version = 1;
        service.n_gauges = fake->gauge_count;
        service.gauges = fake->gauge_pointers;
        reply.result_case = PPS__COMMON_REPLY__RESULT_SERVICE_STATUS;
        reply.service_status = &service;
    }
    size_t size = pps__common_reply__get_packed_size (&reply);
    zframe_t *frame = zframe_new (NULL, size);
    pps__common_reply__pack (&reply, zframe_data (frame));
    if (request)
        pps__common_request__free_unpacked (request, NULL);
    return frame;
}

static int
s_fake (int argc, char **argv)
{
    fake_t fakes [SERVICES_MAX];
    size_t count = 0;
    int64_t seconds = 60;
    memset (fakes, 0, sizeof fakes);
    for (int index = 0; index < argc; index++) {
        const char *arg = argv [index];
        fake_t *last = count ? &fakes [count - 1] : NULL;
        bool one = index + 1 < argc, two = index + 2 < argc;
        if (streq (arg, "--for") && one)
            seconds = atoi (argv [++index]);
        else
        if (streq (arg, "--service") && two && count < SERVICES_MAX) {
            fake_t *fake = &fakes [count++];
            fake->name = argv [++index];
            fake->router = zsock_new (ZMQ_ROUTER);
            zsock_set_linger (fake->router, 0);
            if (zsock_bind (fake->router, "%s", argv [++index]) == -1) {
                fprintf (stderr, "fake: cannot bind %s\n", argv [index]);
                return 1;
            }
        }
        else
        if (streq (arg, "--lag") && two && last) {
            s_gauge (last, "subscriber_lag", argv [index + 1], atof (argv [index + 2]), "");
            index += 2;
        }
        else
        if (streq (arg, "--needs-operator") && one && last) {
            s_gauge (last, "outbox_pending", "", 0, "");
            s_gauge (last, "outbox_needs_operator", "", atof (argv [++index]), "");
        }
        else
        if (streq (arg, "--error") && one && last)
            s_gauge (last, "outbox_last_error", "", 0, argv [++index]);
        else
        if (streq (arg, "--gauge") && index + 4 < argc && last) {
            s_gauge (last, argv [index + 1], argv [index + 2], atof (argv [index + 3]),
                     argv [index + 4]);
            index += 4;
        }
        else
        if (streq (arg, "--delay") && one && last)
            last->delay_ms = atoi (argv [++index]);
        else
        if (streq (arg, "--refuse") && last)
            last->refuse = true;
        else {
            fprintf (stderr, "fake: unexpected '%s'\n", arg);
            return 2;
        }
    }
    zpoller_t *poller = zpoller_new (NULL);
    for (size_t index = 0; index < count; index++)
        zpoller_add (poller, fakes [index].router);
    pending_t pending [PENDING_MAX];
    size_t pending_count = 0;
    int64_t end = zclock_mono () + seconds * 1000;
    while (!zsys_interrupted && zclock_mono () < end) {
        zsock_t *which = zpoller_wait (poller, 10);
        for (size_t index = 0; which && index < count; index++) {
            if (fakes [index].router != which)
                continue;
            zmsg_t *message = zmsg_recv (which);
            if (!message)
                continue;
            zframe_t *identity = zmsg_pop (message);
            zframe_t *request = zmsg_pop (message);
            //  A REQ client's empty delimiter
            if (request && zframe_size (request) == 0 && zmsg_size (message)) {
                zframe_destroy (&request);
                request = zmsg_pop (message);
            }
            if (request && pending_count < PENDING_MAX) {
                pending_t *item = &pending [pending_count++];
                item->fake = &fakes [index];
                item->identity = identity;
                identity = NULL;
                item->reply = s_answer (&fakes [index], request);
                item->due_ms = zclock_mono () + fakes [index].delay_ms;
            }
            zframe_destroy (&identity);
            zframe_destroy (&request);
            zmsg_destroy (&message);
        }
        //  Send what is due, keep the rest in order
        size_t kept = 0;
        for (size_t index = 0; index < pending_count; index++) {
            pending_t *item = &pending [index];
            if (zclock_mono () >= item->due_ms) {
                zframe_send (&item->identity, item->fake->router, ZFRAME_MORE);
                zframe_send (&item->reply, item->fake->router, 0);
            }
            else
                pending [kept++] = *item;
        }
        pending_count = kept;
    }
    for (size_t index = 0; index < pending_count; index++) {
        zframe_destroy (&pending [index].identity);
        zframe_destroy (&pending [index].reply);
    }
    zpoller_destroy (&poller);
    for (size_t index = 0; index < count; index++)
        zsock_destroy (&fakes [index].router);
    return 0;
}

int
main (int argc, char **argv)
{
    if (argc == 3 && streq (argv [1], "promcheck"))
        return s_promcheck (argv [2]);
    if (argc >= 2 && streq (argv [1], "fake")) {
        zsys_init ();
        return s_fake (argc - 2, argv + 2);
    }
    fprintf (stderr, "usage: monitoring_tool promcheck FILE | fake ...\n");
    return 2;
}
