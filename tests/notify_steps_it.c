/*  notify_steps_it: the rétroplanning's reminders end to end, on real
    processes: pps-registry, pps-projects, pps-notify and the project's SMTP
    and HTTP sinks (the notify scenarios' world, notify_it_world.c).

    A session is planned ten days ahead through the projects service's
    protobuf API; steps are given to Claire, the health unit's referent,
    one is marked done, another is done before it is given to her, then the
    session moves three days earlier. pps-notify is killed in the middle and
    restarted, then stopped and started again: Claire gets exactly one
    e-mail per step, threshold and due date (five), the SMTP sink sees each
    Message-ID once (or a resend of the same message), nothing about a step
    done, and a check after each restart raises nothing.

    usage: notify_steps_it steps pps-registry pps-notify smtp_sink http_sink pps-projects
*/
#include "notify_it.h"
#include "projects.pb-c.h"

#define ACTOR          "notify-steps-it"
#define WAIT_MS        15000          //  Longest wait for pps-notify to tell
#define POLL_MS        50

typedef struct {
    world_t world;
    it_service_t *projects;
    pps_client_t *projects_client;
    uint64_t project;
    uint64_t plan;
} steps_t;

//  A projects request (op: its field number) that must succeed; its reply.
static Projects__ProjectsReply *
s_projects (steps_t *self, uint32_t op, ProtobufCMessage *payload)
{
    pps_arena_t *arena = self->world.arena;
    Projects__ProjectsRequest *request = (Projects__ProjectsRequest *)
        pps_arena_message (arena, &projects__projects_request__descriptor);
    char id [33];
    request->request_id = pps_arena_strdup (arena, pps_client_new_request_id (id));
    request->actor = ACTOR;
    request->op_case = (Projects__ProjectsRequest__OpCase) op;
    //  Every member of the oneof sits at the same place
    request->create_project = (Projects__Project *) payload;
    ProtobufCMessage *reply = NULL;
    IT_CHECK (pps_client_call (self->projects_client, &request->base,
                               &projects__projects_reply__descriptor, arena, &reply) == 0,
              "pps-projects does not answer");
    const Pps__Status *status = pps_client_status (reply);
    IT_CHECK (status->code == PPS__CODE__OK, "pps-projects answered %s on '%s': %s",
              it_code_name (status->code), status->field, status->message);
    return (Projects__ProjectsReply *) reply;
}

static void
s_assign (steps_t *self, const char *key)
{
    Projects__AssignStep *assign = (Projects__AssignStep *)
        pps_arena_message (self->world.arena, &projects__assign_step__descriptor);
    assign->plan_id = self->plan;
    assign->key = (char *) key;
    assign->responsible_person_id = self->world.health;
    assign->responsible_organisation = "USMP";
    s_projects (self, PROJECTS__PROJECTS_REQUEST__OP_ASSIGN_STEP, &assign->base);
}

static void
s_done (steps_t *self, const char *key)
{
    Projects__MarkStep *mark = (Projects__MarkStep *)
        pps_arena_message (self->world.arena, &projects__mark_step__descriptor);
    mark->plan_id = self->plan;
    mark->key = (char *) key;
    mark->state = PROJECTS__STEP_STATE__DONE;
    mark->done_on = world_day (self->world.arena, 0);
    s_projects (self, PROJECTS__PROJECTS_REQUEST__OP_MARK_STEP, &mark->base);
}

//  The session on today + offset, in the room of the health unit.
static Projects__SessionPlan *
s_session (steps_t *self, int offset)
{
    Projects__SessionPlan *plan = (Projects__SessionPlan *)
        pps_arena_message (self->world.arena, &projects__session_plan__descriptor);
    plan->id = self->plan;
    plan->project_id = self->plan ? 0 : self->project;
    plan->date = world_day (self->world.arena, offset);
    plan->start_time = "14:00";
    plan->place = PROJECTS__PLACE__HEALTH_UNIT_PLACE;
    plan->group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    plan->topic = "Santé sexuelle";
    return plan;
}

//  The notifications about Claire's steps, newest first.
static size_t
s_claire_notifications (steps_t *self)
{
    Notify__NotificationList *list = world_notifications (&self->world);
    size_t count = 0;
    for (size_t index = 0; index < list->n_items; index++)
        if (list->items [index]->plan_id == self->plan
        &&  list->items [index]->person_id == self->world.health)
            count++;
    return count;
}

//  Wait until pps-notify holds count notifications about Claire's steps.
static void
s_wait_notifications (steps_t *self, size_t count)
{
    int64_t deadline = zclock_mono () + WAIT_MS;
    while (s_claire_notifications (self) < count && zclock_mono () < deadline)
        zclock_sleep (POLL_MS);
    IT_CHECK (s_claire_notifications (self) == count, "%zu reminders about Claire's steps, "
              "not %zu", s_claire_notifications (self), count);
}

//  The messages the SMTP sink received for Claire, each Message-ID once
//  (a repeat must be the same message: a resend after the kill).
static size_t
s_claire_mails (steps_t *self, received_t **mails_p)
{
    received_t *items;
    size_t count = sink_read (&self->world.smtp, self->world.arena, &items);
    received_t *kept = pps_arena_alloc (self->world.arena, (count + 1) * sizeof *kept);
    size_t distinct = 0;
    for (size_t index = 0; index < count; index++) {
        if (!strstr (items [index].recipient, "usmp@example.org"))
            continue;
        bool seen = false;
        for (size_t at = 0; at < distinct && !seen; at++)
            if (streq (kept [at].key, items [index].key)) {
                IT_CHECK (streq (kept [at].subject, items [index].subject)
                          && streq (kept [at].text, items [index].text),
                          "two different messages under key %s", items [index].key);
                seen = true;
            }
        if (!seen)
            kept [distinct++] = items [index];
    }
    *mails_p = kept;
    return distinct;
}

//  Wait until Claire's e-mails are count and nothing is PENDING.
static received_t *
s_wait_mails (steps_t *self, size_t count)
{
    received_t *mails = NULL;
    int64_t deadline = zclock_mono () + WAIT_MS;
    size_t got = 0, pending = 1;
    while (zclock_mono () < deadline) {
        got = s_claire_mails (self, &mails);
        pending = world_deliveries (&self->world, NOTIFY__DELIVERY_STATE__PENDING)->n_items;
        if (got >= count && pending == 0)
            break;
        zclock_sleep (POLL_MS);
    }
    IT_CHECK (got == count && pending == 0, "Claire got %zu e-mails (wanted %zu), %zu pending",
              got, count, pending);
    return mails;
}

//  How many of the mails' bodies hold text.
static size_t
s_mentioning (received_t *mails, size_t count, const char *text)
{
    size_t found = 0;
    for (size_t index = 0; index < count; index++)
        found += strstr (mails [index].text, text) != NULL;
    return found;
}

//  A round of the check now: what it raised.
static uint32_t
s_run_check (steps_t *self)
{
    ProtobufCMessage *check = pps_arena_message (self->world.arena,
                                                 &notify__check_request__descriptor);
    Notify__CheckReport *report = world_notify_call (&self->world,
                                                     NOTIFY__NOTIFY_REQUEST__OP_RUN_CHECK,
                                                     check)->check;
    IT_CHECK (report->plans_followed == 1, "pps-notify follows %u plans", report->plans_followed);
    return report->raised;
}

static void
s_steps (steps_t *self)
{
    //  pps-projects beside the registry of the world
    world_t *world = &self->world;
    it_service_setenv (self->projects, "PPS_REGISTRY_ENDPOINT", it_service_endpoint (world->registry));
    it_service_setenv (self->projects, "PPS_SERVER_HEARTBEAT_MS", "200");
    it_service_start (self->projects);
    self->projects_client = pps_client_new (it_service_endpoint (self->projects), 5000, 1);

    //  A running project of the MA, and its session ten days ahead
    Projects__Project *project = (Projects__Project *)
        pps_arena_message (world->arena, &projects__project__descriptor);
    project->establishment_id = world->establishment;
    project->title = "Groupe de parole santé sexuelle";
    project->carrier = PROJECTS__CARRIER__HEALTH_UNIT;
    project->created_on = world_day (world->arena, -60);
    self->project = s_projects (self, PROJECTS__PROJECTS_REQUEST__OP_CREATE_PROJECT,
                                &project->base)->project->id;
    Projects__TransitionProject *planned = (Projects__TransitionProject *)
        pps_arena_message (world->arena, &projects__transition_project__descriptor);
    planned->id = self->project;
    planned->to = PROJECTS__PROJECT_STATUS__PLANNED;
    planned->date = world_day (world->arena, -30);
    s_projects (self, PROJECTS__PROJECTS_REQUEST__OP_TRANSITION_PROJECT, &planned->base);
    self->plan = s_projects (self, PROJECTS__PROJECTS_REQUEST__OP_PLAN_SESSION,
                             &s_session (self, 10)->base)->plan->id;

    //  Claire takes three steps: an overdue one (S-3), two due within the
    //  week (S-1, J-3); the S-1 one is done at once
    s_assign (self, "post_posters");
    s_assign (self, "convocations");
    s_done (self, "convocations");
    s_assign (self, "participants_list");
    s_wait_notifications (self, 3);

    //  Killed as it tells her (deliveries may be pending), then back
    it_service_kill (world->notify);
    world_notify_start (world);
    //  The group is formed (S-1, due in three days, told to nobody in
    //  particular) before it is given to her: she is not told of it; then
    //  the session moves three days earlier
    s_done (self, "form_group");
    s_assign (self, "form_group");
    s_projects (self, PROJECTS__PROJECTS_REQUEST__OP_UPDATE_PLAN, &s_session (self, 7)->base);
    s_wait_notifications (self, 5);
    received_t *mails = s_wait_mails (self, 5);

    //  What she was told: the overdue step twice (its due date moved), the
    //  participants' list twice (idem), the convocations once, the group never
    size_t overdue = 0;
    for (size_t index = 0; index < 5; index++) {
        IT_CHECK (streq (mails [index].kind, "STEP_OVERDUE") || streq (mails [index].kind, "STEP_DUE"),
                  "a %s e-mail", mails [index].kind);
        overdue += streq (mails [index].kind, "STEP_OVERDUE");
        IT_CHECK (strstr (mails [index].subject, "[PPS 32] Séance du ")
                  && strstr (mails [index].text, "projet « Groupe de parole santé sexuelle »")
                  && strstr (mails [index].text, "Vous êtes désigné(e) responsable"),
                  "e-mail %zu: %s\n%s", index, mails [index].subject, mails [index].text);
    }
    IT_CHECK (overdue == 2, "%zu overdue reminders", overdue);
    IT_CHECK (s_mentioning (mails, 5, "Déposer les affiches") == 2, "the posters' step twice");
    IT_CHECK (s_mentioning (mails, 5, "Envoyer la liste des personnes détenues") == 2,
              "the list's step twice");
    IT_CHECK (s_mentioning (mails, 5, "Envoyer une convocation") == 1, "the convocations once");
    IT_CHECK (s_mentioning (mails, 5, "Constituer le groupe") == 0, "nothing about a step done");
    //  The webhook had every reminder, the plan's own in its document
    received_t *posts;
    size_t post_count = sink_read (&world->http, world->arena, &posts);
    size_t step_posts = 0;
    for (size_t index = 0; index < post_count; index++)
        step_posts += streq (posts [index].kind, "STEP_DUE") || streq (posts [index].kind, "STEP_OVERDUE");
    IT_CHECK (step_posts >= 5, "%zu step reminders reached the webhook", step_posts);

    //  Nothing more to tell: now, and after a clean restart
    IT_CHECK (s_run_check (self) == 0, "the check told something again");
    IT_CHECK (it_service_stop (world->notify) == 0, "pps-notify did not stop cleanly");
    world_notify_start (world);
    IT_CHECK (s_run_check (self) == 0, "the check told something again after a restart");
    zclock_sleep (300);               //  A few rounds of the senders
    s_wait_mails (self, 5);
    IT_CHECK (s_claire_notifications (self) == 5, "%zu reminders about Claire's steps",
              s_claire_notifications (self));
}

int
main (int argc, char **argv)
{
    if (argc < 7 || !streq (argv [1], "steps")) {
        fprintf (stderr, "usage: notify_steps_it steps pps-registry pps-notify smtp_sink "
                 "http_sink pps-projects\n");
        return 2;
    }
    zsys_init ();
    zsys_set_logstream (stderr);
    steps_t self = { .world = { .registry_program = argv [2], .notify_program = argv [3] } };
    //  Its endpoints are known before pps-notify starts, which looks for it there
    self.projects = it_service_new_named (argv [6], "projects", IT_IPC);
    char *endpoint = zsys_sprintf ("PPS_PROJECTS_ENDPOINT=%s", it_service_endpoint (self.projects));
    char *events = zsys_sprintf ("PPS_PROJECTS_EVENTS=%s", it_service_events (self.projects));
    const char *env [] = { endpoint, events, NULL };
    world_start (&self.world, argv, env);
    s_steps (&self);
    pps_client_destroy (&self.projects_client);
    it_service_destroy (&self.projects);
    world_stop (&self.world);
    zstr_free (&endpoint);
    zstr_free (&events);
    printf ("notify_steps_it steps: OK\n");
    return 0;
}
