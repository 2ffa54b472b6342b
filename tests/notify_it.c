/*  notify_it: the notify service end to end, on real processes: pps-registry,
    pps-notify, and the project's own SMTP and HTTP sinks on the loopback.
    Each scenario changes referents through the registry's API and checks
    what the sinks received: the right messages to the right people, within
    a second, none lost and none twice (counted by Message-ID and
    Idempotency-Key) across crashes and restarts of every process.

    usage: notify_it SCENARIO pps-registry pps-notify smtp_sink http_sink [ppsctl]
      delivery   an end and a successor: e-mails and webhooks, a refused
                 recipient that fails alone, ppsctl notifications
      crash      SMTP down, pps-notify killed mid-delivery, registry killed
      catchup    pps-notify down while the registry changes
      reminders  reminders at tiny intervals and an end of mandate coming,
                 across a kill of pps-notify while deliveries flow: no
                 notification raised twice; a delivery in flight at the kill
                 may come twice under its one key (at-least-once with an
                 idempotency key), which the check counts and tolerates
*/
#include "notify_it.h"

#define WAIT_STEP_MS   10
#define SETTLE_MS      700            //  Quiet time in which no repeat may arrive

//  Messages of kind received by a recipient holding `to` (NULL: anyone).
static size_t
s_count (const received_t *items, size_t count, const char *kind, const char *to)
{
    size_t found = 0;
    for (size_t index = 0; index < count; index++)
        if ((!kind || streq (items [index].kind, kind))
        &&  (!to || strstr (items [index].recipient, to)))
            found++;
    return found;
}

//  No two messages share a key: nothing was delivered twice.
static void
s_check_unique (const received_t *items, size_t count, const char *what)
{
    for (size_t index = 0; index < count; index++)
        for (size_t other = index + 1; other < count; other++)
            IT_CHECK (!streq (items [index].key, items [other].key),
                      "%s %s received twice (%s)", what, items [index].key, items [index].kind);
}

//  Wait until the sink holds at least `want` messages (of kind, to `to`),
//  at most timeout_ms; returns the time it took in ms.
static int64_t
s_wait (world_t *self, sink_t *sink, size_t want, const char *kind, const char *to,
        int64_t timeout_ms)
{
    int64_t start = zclock_mono ();
    size_t have = 0;
    while (zclock_mono () - start < timeout_ms) {
        pps_arena_t *arena = pps_arena_new ();
        received_t *items;
        size_t count = sink_read (sink, arena, &items);
        have = s_count (items, count, kind, to);
        pps_arena_destroy (&arena);
        if (have >= want)
            return zclock_mono () - start;
        zclock_sleep (WAIT_STEP_MS);
    }
    it_fail (__FILE__, __LINE__, "wait", "%s holds %zu %s messages%s%s, not %zu, after %lld ms",
             sink->http ? "http_sink" : "smtp_sink", have, kind ? kind : "", to ? " to " : "",
             to ? to : "", want, (long long) timeout_ms);
}

//  After a quiet time, the sinks hold exactly mails and posts messages,
//  none twice.
static void
s_check_totals (world_t *self, size_t mails, size_t posts)
{
    zclock_sleep (SETTLE_MS);
    received_t *items;
    size_t count = sink_read (&self->smtp, self->arena, &items);
    s_check_unique (items, count, "e-mail");
    IT_CHECK (count == mails, "%zu e-mails received, expected %zu", count, mails);
    count = sink_read (&self->http, self->arena, &items);
    s_check_unique (items, count, "webhook");
    IT_CHECK (count == posts, "%zu webhooks received, expected %zu", count, posts);
}

//  The three delivered recipients of a notification about Paul's post.
static void
s_check_recipients (world_t *self, const char *kind)
{
    received_t *items;
    size_t count = sink_read (&self->smtp, self->arena, &items);
    const char *expected [] = { "<ars@example.org>", "<usmp@example.org>",
                                "<pps-ars32@example.org>" };
    for (size_t index = 0; index < 3; index++)
        IT_CHECK (s_count (items, count, kind, expected [index]) == 1, "%s to %s: %zu", kind,
                  expected [index], s_count (items, count, kind, expected [index]));
    IT_CHECK (s_count (items, count, kind, "bounce") == 0, "a refused recipient got %s", kind);
}

//  End Paul's prison-staff designation: his last day was yesterday.
static void
s_end_paul (world_t *self)
{
    world_end (self, self->prison_designation, world_day (self->arena, -1),
               REGISTRY__END_REASON__DEPARTURE, "départ à la retraite");
}

//  Designate Sophie in Paul's post from today.
static uint64_t
s_designate_sophie (world_t *self)
{
    uint64_t sophie = world_person (self, "Sophie Leroy", "sophie@example.org");
    return world_designate (self, sophie, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT,
                            self->establishment, world_day (self->arena, 0), NULL);
}

//  ---------------------------------------------------------------- scenarios

//  An end and a successor, delivered; a refused recipient; ppsctl.
static void
s_delivery (world_t *self)
{
    s_end_paul (self);
    int64_t mail_ms = s_wait (self, &self->smtp, 1, "DESIGNATION_ENDED", "pps-ars32", 5000);
    int64_t hook_ms = s_wait (self, &self->http, 1, "DESIGNATION_ENDED", NULL, 5000);
    printf ("designation ended: e-mail after %lld ms, webhook after %lld ms\n",
            (long long) mail_ms, (long long) hook_ms);
    IT_CHECK (mail_ms < 1000 && hook_ms < 1000, "slower than a second");
    s_wait (self, &self->smtp, 6, NULL, NULL, 5000);
    s_wait (self, &self->http, 2, NULL, NULL, 5000);
    s_check_recipients (self, "DESIGNATION_ENDED");
    s_check_recipients (self, "VACANCY_OPENED");

    received_t *items;
    size_t count = sink_read (&self->smtp, self->arena, &items);
    for (size_t index = 0; index < count; index++)
        if (streq (items [index].kind, "DESIGNATION_ENDED")) {
            IT_CHECK (strstr (items [index].subject, "[PPS 32] Fin de désignation")
                      && strstr (items [index].subject, "Maison d'arrêt de Test-lès-Lille"),
                      "subject: %s", items [index].subject);
            IT_CHECK (strstr (items [index].text, "Paul Durand")
                      && strstr (items [index].text, "motif : départ")
                      && strstr (items [index].text, "départ à la retraite"),
                      "text: %s", items [index].text);
        }
    count = sink_read (&self->http, self->arena, &items);
    IT_CHECK (s_count (items, count, "VACANCY_OPENED", "/hook") == 1, "the vacancy's webhook");

    //  The refused recipient failed alone, at once, and says why
    int64_t start = zclock_mono ();
    while (world_deliveries (self, NOTIFY__DELIVERY_STATE__PENDING)->n_items
           && zclock_mono () - start < 5000)
        zclock_sleep (WAIT_STEP_MS);
    Notify__DeliveryList *failed = world_deliveries (self, NOTIFY__DELIVERY_STATE__FAILED);
    IT_CHECK (failed->n_items == 2, "%zu failed deliveries", failed->n_items);
    for (size_t index = 0; index < failed->n_items; index++)
        IT_CHECK (strstr (failed->items [index]->recipient, "bounce")
                  && strstr (failed->items [index]->last_error, "550")
                  && failed->items [index]->attempts == 1, "failed: %s %s",
                  failed->items [index]->recipient, failed->items [index]->last_error);
    IT_CHECK (world_deliveries (self, NOTIFY__DELIVERY_STATE__SENT)->n_items == 8, "8 sent");

    //  A successor: the vacancy is closed, and told
    s_designate_sophie (self);
    s_wait (self, &self->smtp, 3, "VACANCY_CLOSED", NULL, 5000);
    s_check_recipients (self, "VACANCY_CLOSED");
    count = sink_read (&self->http, self->arena, &items);
    s_wait (self, &self->http, 1, "VACANCY_CLOSED", NULL, 5000);
    count = sink_read (&self->smtp, self->arena, &items);
    for (size_t index = 0; index < count; index++)
        if (streq (items [index].kind, "VACANCY_CLOSED"))
            IT_CHECK (strstr (items [index].text, "Sophie Leroy est désigné(e)"), "closed: %s",
                      items [index].text);
    s_check_totals (self, 9, 3);

    //  Retrying a refused delivery tries once more, and fails again alone
    Notify__ById *by_id = (Notify__ById *) pps_arena_message (self->arena, &notify__by_id__descriptor);
    by_id->id = failed->items [0]->id;
    Notify__NotifyReply *reply = world_notify_call (self, NOTIFY__NOTIFY_REQUEST__OP_RETRY_DELIVERY,
                                                    &by_id->base);
    IT_CHECK (reply->delivery->state == NOTIFY__DELIVERY_STATE__PENDING, "requeued");
    start = zclock_mono ();
    while (world_deliveries (self, NOTIFY__DELIVERY_STATE__FAILED)->n_items < 3
           && zclock_mono () - start < 5000)
        zclock_sleep (WAIT_STEP_MS);
    IT_CHECK (world_deliveries (self, NOTIFY__DELIVERY_STATE__FAILED)->n_items == 3,
              "the retried delivery failed again");

    if (self->ppsctl_program) {
        char *command = zsys_sprintf ("PPS_NOTIFY_ENDPOINT=%s %s notifications --state FAILED",
                                      it_service_endpoint (self->notify), self->ppsctl_program);
        FILE *pipe = popen (command, "r");
        IT_CHECK (pipe, "popen %s", command);
        char output [16384];
        size_t size = fread (output, 1, sizeof output - 1, pipe);
        output [size] = 0;
        int status = pclose (pipe);
        IT_CHECK (status == 0 && strstr (output, "FAILED") && strstr (output, "disp-bounce")
                  && strstr (output, "VACANCY_CLOSED") && !strstr (output, "SENT"),
                  "ppsctl notifications --state FAILED (%d):\n%s", status, output);
        zstr_free (&command);
    }
}

//  SMTP down, pps-notify killed, registry killed: nothing lost, nothing twice.
static void
s_crash (world_t *self)
{
    //  SMTP down: the webhooks go all the same, the e-mails wait
    sink_kill (&self->smtp);
    s_end_paul (self);
    int64_t hook_ms = s_wait (self, &self->http, 2, NULL, NULL, 5000);
    printf ("webhooks with SMTP down after %lld ms\n", (long long) hook_ms);
    IT_CHECK (hook_ms < 1000, "a dead SMTP server delayed the webhooks");
    int64_t start = zclock_mono ();
    bool retried = false;
    while (!retried && zclock_mono () - start < 5000) {
        Notify__DeliveryList *pending = world_deliveries (self, NOTIFY__DELIVERY_STATE__PENDING);
        for (size_t index = 0; index < pending->n_items; index++)
            retried = retried || pending->items [index]->attempts >= 2;
        zclock_sleep (WAIT_STEP_MS);
    }
    IT_CHECK (retried, "the e-mails are not being retried");

    //  Killed with deliveries piled up; SMTP comes back; so does pps-notify
    it_service_kill (self->notify);
    sink_start (&self->smtp);
    world_notify_start (self);
    s_wait (self, &self->smtp, 6, NULL, NULL, 5000);
    s_check_recipients (self, "DESIGNATION_ENDED");
    s_check_recipients (self, "VACANCY_OPENED");
    s_check_totals (self, 6, 2);

    //  The registry crashes and comes back: the next change is told once
    it_service_kill (self->registry);
    it_service_start (self->registry);
    s_designate_sophie (self);
    s_wait (self, &self->smtp, 3, "VACANCY_CLOSED", NULL, 5000);
    s_wait (self, &self->http, 3, NULL, NULL, 5000);
    s_check_totals (self, 9, 3);

    //  A clean restart of pps-notify sends nothing again
    IT_CHECK (it_service_stop (self->notify) == 0, "pps-notify did not stop cleanly");
    world_notify_start (self);
    s_check_totals (self, 9, 3);
}

//  pps-notify down while the registry changes: all told after its restart.
static void
s_catchup (world_t *self)
{
    IT_CHECK (it_service_stop (self->notify) == 0, "pps-notify did not stop cleanly");
    s_end_paul (self);
    s_designate_sophie (self);
    world_notify_start (self);
    s_wait (self, &self->smtp, 9, NULL, NULL, 5000);
    s_wait (self, &self->http, 3, NULL, NULL, 5000);
    s_check_recipients (self, "DESIGNATION_ENDED");
    s_check_recipients (self, "VACANCY_OPENED");
    s_check_recipients (self, "VACANCY_CLOSED");
    s_check_totals (self, 9, 3);
    Notify__NotificationList *list = world_notifications (self);
    IT_CHECK (list->n_items == 3, "%zu notifications", list->n_items);
    for (size_t index = 0; index < list->n_items; index++)
        IT_CHECK (streq (list->items [index]->source, "registry") && list->items [index]->source_seq,
                  "notification %llu from %s", (unsigned long long) list->items [index]->id,
                  list->items [index]->source);
}

//  What a receiver that keeps keys sees: each key once. A key received more
//  than once is one delivery sent again after a crash between the server's
//  acceptance and its record (the documented at-least-once window): its
//  copies must be the same message. Returns the distinct count.
static size_t
s_distinct (received_t *items, size_t count, size_t *repeats_p)
{
    size_t kept = 0;
    for (size_t index = 0; index < count; index++) {
        bool seen = false;
        for (size_t at = 0; at < kept && !seen; at++)
            if (streq (items [at].key, items [index].key)) {
                IT_CHECK (streq (items [at].subject, items [index].subject)
                          && streq (items [at].text, items [index].text)
                          && streq (items [at].recipient, items [index].recipient),
                          "two different messages under key %s", items [index].key);
                seen = true;
            }
        if (!seen)
            items [kept++] = items [index];
        else
            (*repeats_p)++;
    }
    return kept;
}

//  The reminder numbers the webhooks carried: each from 1 to their count,
//  in one notification each.
static size_t
s_check_reminders (world_t *self)
{
    received_t *items;
    size_t repeats = 0;
    size_t count = sink_read (&self->http, self->arena, &items);
    count = s_distinct (items, count, &repeats);
    size_t reminders = s_count (items, count, "VACANCY_REMINDER", NULL);
    for (size_t number = 1; number <= reminders; number++) {
        size_t seen = 0;
        for (size_t index = 0; index < count; index++)
            seen += streq (items [index].kind, "VACANCY_REMINDER")
                 && items [index].reminder == (int) number;
        IT_CHECK (seen == 1, "reminder %zu raised %zu times", number, seen);
    }
    return reminders;
}

static void
s_reminders (world_t *self)
{
    //  A second health-unit referent whose mandate ends in ten days
    uint64_t hugo = world_person (self, "Hugo Bernard", "hugo@example.org");
    world_designate (self, hugo, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, self->establishment,
                     world_day (self->arena, -10), world_day (self->arena, 10));
    s_wait (self, &self->smtp, 1, "DESIGNATION_ENDING", "pps-ars32", 5000);

    s_end_paul (self);
    s_wait (self, &self->http, 2, "VACANCY_REMINDER", NULL, 5000);
    received_t *items;
    size_t count = sink_read (&self->smtp, self->arena, &items);
    for (size_t index = 0; index < count; index++)
        if (streq (items [index].kind, "VACANCY_REMINDER"))
            IT_CHECK (strstr (items [index].subject, "Rappel n°")
                      && strstr (items [index].text, "toujours vacant"), "reminder: %s / %s",
                      items [index].subject, items [index].text);
    //  Killed while reminders flow (a delivery may be in flight)
    it_service_kill (self->notify);
    world_notify_start (self);
    size_t before = s_check_reminders (self);
    s_wait (self, &self->http, before + 1, "VACANCY_REMINDER", NULL, 5000);

    //  Held again: the reminders stop
    s_designate_sophie (self);
    s_wait (self, &self->http, 1, "VACANCY_CLOSED", NULL, 5000);
    zclock_sleep (SETTLE_MS);
    size_t reminders = s_check_reminders (self);
    zclock_sleep (1500);
    size_t repeats = 0;
    IT_CHECK (s_check_reminders (self) == reminders, "reminders after the post was filled");
    count = sink_read (&self->http, self->arena, &items);
    count = s_distinct (items, count, &repeats);
    IT_CHECK (s_count (items, count, "DESIGNATION_ENDING", NULL) == 1,
              "the end coming told %zu times", s_count (items, count, "DESIGNATION_ENDING", NULL));
    count = sink_read (&self->smtp, self->arena, &items);
    count = s_distinct (items, count, &repeats);
    IT_CHECK (s_count (items, count, "DESIGNATION_ENDING", "pps-ars32") == 1, "ending e-mail");
    printf ("%zu reminders, numbered 1 to %zu once each; %zu deliveries repeated by the kill\n",
            reminders, reminders, repeats);
}

int
main (int argc, char **argv)
{
    if (argc < 6) {
        fprintf (stderr, "usage: notify_it delivery|crash|catchup|reminders pps-registry "
                 "pps-notify smtp_sink http_sink [ppsctl]\n");
        return 2;
    }
    zsys_init ();
    zsys_set_logstream (stderr);
    const char *scenario = argv [1];
    world_t world = { .registry_program = argv [2], .notify_program = argv [3],
                      .ppsctl_program = argc > 6 ? argv [6] : NULL };
    const char *reminders [] = {
        "PPS_NOTIFY_REMINDER_AFTER_MS=300", "PPS_NOTIFY_REMINDER_EVERY_MS=500",
        "PPS_NOTIFY_CHECK_INTERVAL_MS=100", NULL
    };
    world_start (&world, argv, streq (scenario, "reminders") ? reminders : NULL);
    if (streq (scenario, "delivery"))
        s_delivery (&world);
    else
    if (streq (scenario, "crash"))
        s_crash (&world);
    else
    if (streq (scenario, "catchup"))
        s_catchup (&world);
    else
    if (streq (scenario, "reminders"))
        s_reminders (&world);
    else
        IT_CHECK (false, "unknown scenario '%s'", scenario);
    world_stop (&world);
    printf ("notify_it %s: OK\n", scenario);
    return 0;
}
