/*  notify_steps_test: the rétroplanning's reminders without any process:
    when a step calls for one (the pure rule), which rules reach them
    (PLAN_STEPS), and over a real LMDB store fed with made-up projects and
    registry events through the subscriber's apply function: which
    reminders each plan raises, grouped by responsible person, to whom,
    with what text and webhook document; nothing twice (a plan told again,
    the periodic check), nothing for a step done or not applicable, a
    cancelled plan, another region or an old history; and anew for a
    session moved or a step given to someone else.  */
#include "notify.h"
#include "notify_model.h"
#include "notify_rules.h"
#include "notify_sender.h"

#include <czmq.h>
#include <ftw.h>
#include <jansson.h>

static int s_failures;

#define CHECK(condition, ...) \
    do { if (!(condition)) { s_failures++; fprintf (stderr, "FAIL %s:%d: (%s) ", \
         __FILE__, __LINE__, #condition); fprintf (stderr, __VA_ARGS__); \
         fprintf (stderr, "\n"); } } while (0)

#define DAY_MS (24LL * 3600 * 1000)

typedef struct {
    pps_store_t *store;
    notify_settings_t settings;
    notify_model_t model;
    pps_arena_t *arena;
    uint64_t registry_seq;
    uint64_t projects_seq;
} test_t;

//  The day offset days from today (UTC), in the test's arena.
static Pps__Date *
s_day (test_t *self, int offset)
{
    time_t seconds = (time_t) (pps_now_ms () / 1000 + (int64_t) offset * 86400);
    struct tm tm;
    gmtime_r (&seconds, &tm);
    Pps__Date *date = (Pps__Date *) pps_arena_message (self->arena, &pps__date__descriptor);
    date->year = tm.tm_year + 1900;
    date->month = tm.tm_mon + 1;
    date->day = tm.tm_mday;
    return date;
}

static Pps__Date *
s_date (pps_arena_t *arena, int year, int month, int day)
{
    Pps__Date *date = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  Apply one serialized event of source in a transaction of its own.
static void
s_apply_bytes (test_t *self, const char *source, uint64_t seq, uint8_t *bytes, size_t size)
{
    MDB_txn *txn;
    CHECK (mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn) == 0, "begin");
    CHECK (notify_model_apply (&self->model, txn, source, seq, bytes, size) == 0, "apply");
    CHECK (mdb_txn_commit (txn) == 0, "commit");
}

//  Apply a registry event carrying record as change field.
static void
s_registry (test_t *self, const char *topic, uint32_t field, ProtobufCMessage *record)
{
    Registry__RegistryEvent event = REGISTRY__REGISTRY_EVENT__INIT;
    event.source = "registry";
    event.seq = ++self->registry_seq;
    event.time_ms = pps_now_ms ();
    event.topic = (char *) topic;
    event.change_case = (Registry__RegistryEvent__ChangeCase) field;
    event.region = (Registry__Region *) record;   //  Every member sits at the same place
    size_t size;
    uint8_t *bytes = pps_arena_pack (self->arena, &event.base, &size);
    s_apply_bytes (self, "registry", event.seq, bytes, size);
}

//  Apply a projects event carrying record as change field, age_ms old.
static void
s_projects (test_t *self, const char *topic, uint32_t field, ProtobufCMessage *record,
            int64_t age_ms)
{
    Projects__ProjectsEvent event = PROJECTS__PROJECTS_EVENT__INIT;
    event.source = "projects";
    event.seq = ++self->projects_seq;
    event.time_ms = pps_now_ms () - age_ms;
    event.topic = (char *) topic;
    event.change_case = (Projects__ProjectsEvent__ChangeCase) field;
    event.project = (Projects__Project *) record;
    size_t size;
    uint8_t *bytes = pps_arena_pack (self->arena, &event.base, &size);
    s_apply_bytes (self, "projects", event.seq, bytes, size);
}

//  Tell a plan as it stands now.
static void
s_plan_told (test_t *self, Projects__SessionPlan *plan, int64_t age_ms)
{
    s_projects (self, "projects.plan.updated", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN,
                &plan->base, age_ms);
}

//  A step of a plan, due offset days from today.
static Projects__PlanStep *
s_step (test_t *self, const char *key, const char *label, int offset, uint64_t person,
        Projects__StepState state)
{
    Projects__PlanStep *step = (Projects__PlanStep *)
        pps_arena_message (self->arena, &projects__plan_step__descriptor);
    step->key = (char *) key;
    step->label = (char *) label;
    step->phase = PROJECTS__STEP_PHASE__BEFORE_SESSION;
    step->unit = PROJECTS__OFFSET_UNIT__DAYS;
    step->offset = offset - 10;
    step->due = s_day (self, offset);
    step->responsible_person_id = person;
    step->state = state;
    return step;
}

//  ---------------------------------------------------------------- reading back

typedef struct {
    pps_arena_t *arena;
    void **items;
    size_t count;
} list_t;

static int
s_collect (ProtobufCMessage *record, void *arg)
{
    list_t *list = arg;
    pps_arena_push (list->arena, &list->items, &list->count, record);
    return 0;
}

//  Every record of db, in key order.
static list_t
s_all (test_t *self, const char *db, const ProtobufCMessageDescriptor *descriptor)
{
    list_t list = { self->arena, NULL, 0 };
    MDB_txn *txn;
    mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    pps_store_each (txn, pps_store_dbi (self->store, db), descriptor, self->arena, s_collect, &list);
    mdb_txn_abort (txn);
    return list;
}

//  The notifications, in id order.
static list_t
s_notifications (test_t *self)
{
    return s_all (self, "notifications", &notify__notification__descriptor);
}

//  The e-mail recipients of a notification, joined by spaces in the order made.
static char *
s_recipients (test_t *self, uint64_t notification_id)
{
    list_t list = s_all (self, "deliveries", &notify__delivery__descriptor);
    char *text = pps_arena_strdup (self->arena, "");
    for (size_t index = 0; index < list.count; index++) {
        Notify__Delivery *delivery = list.items [index];
        if (delivery->notification_id == notification_id && delivery->channel == NOTIFY__CHANNEL__EMAIL)
            text = pps_arena_printf (self->arena, "%s%s%s", text, *text ? " " : "",
                                     delivery->recipient);
    }
    return text;
}

//  The step keys of a notification, joined by spaces.
static char *
s_keys (test_t *self, const Notify__Notification *notification)
{
    char *text = pps_arena_strdup (self->arena, "");
    for (size_t index = 0; index < notification->n_steps; index++)
        text = pps_arena_printf (self->arena, "%s%s%s", text, *text ? " " : "",
                                 notification->steps [index]->key);
    return text;
}

//  One round of the steps' check; returns what it raised.
static uint32_t
s_check (test_t *self, uint32_t *followed)
{
    MDB_txn *txn;
    mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    notify_ctx_t ctx;
    notify_ctx_init (&ctx, self->store, &self->settings, txn, self->arena, "check", 0);
    CHECK (notify_steps_check (&ctx, followed) == 0, "check");
    CHECK (mdb_txn_commit (txn) == 0, "commit");
    return ctx.raised;
}

static int
s_remove (const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    return remove (path);
}

//  ---------------------------------------------------------------- pure

static void
s_test_rules (pps_arena_t *arena)
{
    Pps__Date *today = s_date (arena, 2026, 6, 15);
    const int DUE = NOTIFY__NOTIFICATION_KIND__STEP_DUE;
    const int OVERDUE = NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE;
    CHECK (notify_rules_step_reminder (today, today, 7, 30) == DUE, "due today");
    CHECK (notify_rules_step_reminder (s_date (arena, 2026, 6, 22), today, 7, 30) == DUE,
           "due in 7 days, within 7");
    CHECK (notify_rules_step_reminder (s_date (arena, 2026, 6, 23), today, 7, 30) == 0,
           "due in 8 days: not yet");
    CHECK (notify_rules_step_reminder (s_date (arena, 2026, 6, 14), today, 7, 30) == OVERDUE,
           "a day late");
    CHECK (notify_rules_step_reminder (s_date (arena, 2026, 5, 16), today, 7, 30) == OVERDUE,
           "30 days late");
    CHECK (notify_rules_step_reminder (s_date (arena, 2026, 5, 15), today, 7, 30) == 0,
           "31 days late: too old to tell");
    CHECK (notify_rules_step_reminder (today, today, 0, 30) == 0, "due reminders off");
    CHECK (notify_rules_step_reminder (s_date (arena, 2026, 6, 14), today, 7, 0) == 0,
           "overdue reminders off");
    CHECK (notify_rules_step_reminder (s_date (arena, 2027, 1, 1), s_date (arena, 2026, 12, 31),
                                       7, 30) == DUE, "over a year's end");
    Pps__Date unset = PPS__DATE__INIT;
    CHECK (notify_rules_step_reminder (&unset, today, 7, 30) == 0, "no due date");

    //  Rules: PLAN_STEPS names the step reminders; a role list without it leaves them out
    notify_rule_t rule;
    char error [256];
    CHECK (notify_rule_parse (&rule, "r", "PLAN_STEPS", NULL, NULL, "team", error,
                              sizeof error) == 0, "%s", error);
    CHECK (notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__STEP_DUE, NOTIFY_ROLE_PLAN, 7),
           "PLAN_STEPS matches a step reminder");
    CHECK (!notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED,
                                 REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 7),
           "PLAN_STEPS does not match a referent");
    CHECK (!notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__COMMITTEE_CATEGORY_LOST, 0, 7),
           "PLAN_STEPS does not match a committee");
    CHECK (notify_rule_parse (&rule, "r", "HEALTH_UNIT_REFERENT,STEERING_COMMITTEE", NULL, NULL,
                              "team", error, sizeof error) == 0, "%s", error);
    CHECK (!notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__STEP_DUE, NOTIFY_ROLE_PLAN, 7),
           "a referents' rule does not match a step reminder");
    CHECK (notify_rule_parse (&rule, "r", NULL, "STEP_OVERDUE", NULL, "team", error,
                              sizeof error) == 0, "%s", error);
    CHECK (notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE, NOTIFY_ROLE_PLAN, 7)
           && !notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__STEP_DUE,
                                    NOTIFY_ROLE_PLAN, 7), "kinds narrow the step reminders");
    CHECK (notify_rule_parse (&rule, "r", "PLAN_STEP", NULL, NULL, "team", error,
                              sizeof error) == -1 && strstr (error, "PLAN_STEPS"),
           "a misspelt pseudo-role is refused: %s", error);
}

//  ---------------------------------------------------------------- model

static void
s_test_model (test_t *t)
{
    //  The registry: Claire (an e-mail), Nadia (none), an MA
    Registry__Person claire = REGISTRY__PERSON__INIT;
    claire.id = 3;
    claire.full_name = "Claire Martin";
    claire.work_email = "usmp@example.org";
    claire.region_code = "32";
    s_registry (t, "registry.person.created", REGISTRY__REGISTRY_EVENT__CHANGE_PERSON, &claire.base);
    Registry__Person nadia = claire;
    nadia.id = 4;
    nadia.full_name = "Nadia Benali";
    nadia.work_email = "";
    s_registry (t, "registry.person.created", REGISTRY__REGISTRY_EVENT__CHANGE_PERSON, &nadia.base);
    Registry__Establishment ma = REGISTRY__ESTABLISHMENT__INIT;
    ma.id = 7;
    ma.code = "MA7";
    ma.name = "Maison d'arrêt de Test";
    ma.kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    ma.region_code = "32";
    s_registry (t, "registry.establishment.created",
                REGISTRY__REGISTRY_EVENT__CHANGE_ESTABLISHMENT, &ma.base);
    size_t before = s_notifications (t).count;

    //  The project, then its plan: a session in ten days
    Projects__Project project = PROJECTS__PROJECT__INIT;
    project.id = 5;
    project.title = "Groupe IST";
    project.establishment_id = 7;
    project.region_code = "32";
    project.diagnostic = NULL;
    s_projects (t, "projects.project.created", PROJECTS__PROJECTS_EVENT__CHANGE_PROJECT,
                &project.base, 0);
    const Projects__StepState OPEN_STEP = PROJECTS__STEP_STATE__TO_DO;
    Projects__PlanStep *steps [] = {
        s_step (t, "old", "Recueillir les avis des personnes", -40, 0, OPEN_STEP),
        s_step (t, "late1", "Faire des affiches", -5, 0, OPEN_STEP),
        s_step (t, "late2", "Déposer les affiches en détention", -2, 3, OPEN_STEP),
        s_step (t, "done", "Recueillir les réponses", 2, 3, PROJECTS__STEP_STATE__DONE),
        s_step (t, "na", "Écrire au SPIP", 1, 0, PROJECTS__STEP_STATE__NOT_APPLICABLE),
        s_step (t, "soon1", "Constituer le groupe", 3, 3, OPEN_STEP),
        s_step (t, "nobody", "Réserver la salle", 4, 4, OPEN_STEP),
        s_step (t, "soon2", "Envoyer la liste des personnes détenues participant au groupe "
                "à la détention", 7, 3, OPEN_STEP),
        s_step (t, "later", "S'assurer d'avoir le matériel nécessaire", 8, 3, OPEN_STEP),
    };
    steps [6]->responsible_organisation = "USMP";
    Projects__SessionPlan plan = PROJECTS__SESSION_PLAN__INIT;
    plan.id = 9;
    plan.project_id = 5;
    plan.establishment_id = 7;
    plan.region_code = "32";
    plan.date = s_day (t, 10);
    plan.place = PROJECTS__PLACE__HEALTH_UNIT_PLACE;
    plan.group = PROJECTS__GROUP_KIND__CLOSED_GROUP;
    plan.state = PROJECTS__PLAN_STATE__SCHEDULED;
    plan.steps = steps;
    plan.n_steps = sizeof steps / sizeof steps [0];
    s_projects (t, "projects.plan.created", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN, &plan.base, 0);

    //  Overdue first, then due; one notification per person and threshold
    list_t list = s_notifications (t);
    CHECK (list.count == before + 4, "four reminders, not %zu", list.count - before);
    if (list.count != before + 4)
        return;
    Notify__Notification **raised = (Notify__Notification **) list.items + before;
    const struct {
        Notify__NotificationKind kind;
        uint64_t person;
        const char *keys;
        const char *recipients;
    } expected [] = {
        { NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE, 0, "late1", "team@ars.example.org" },
        { NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE, 3, "late2", "usmp@example.org team@ars.example.org" },
        { NOTIFY__NOTIFICATION_KIND__STEP_DUE, 3, "soon1 soon2", "usmp@example.org" },
        { NOTIFY__NOTIFICATION_KIND__STEP_DUE, 4, "nobody", "" },
    };
    for (size_t index = 0; index < 4; index++) {
        Notify__Notification *n = raised [index];
        CHECK (n->kind == expected [index].kind && n->person_id == expected [index].person,
               "reminder %zu: kind %d person %llu", index, n->kind,
               (unsigned long long) n->person_id);
        CHECK (streq (s_keys (t, n), expected [index].keys), "reminder %zu steps: %s", index,
               s_keys (t, n));
        CHECK (streq (s_recipients (t, n->id), expected [index].recipients),
               "reminder %zu recipients: %s", index, s_recipients (t, n->id));
        CHECK (n->plan_id == 9 && n->project_id == 5 && streq (n->project_title, "Groupe IST")
               && n->establishment_id == 7 && streq (n->establishment_name, "Maison d'arrêt de Test")
               && pps_date_compare (n->session_date, plan.date) == 0
               && streq (n->source, "projects"), "reminder %zu is about the plan", index);
    }
    CHECK (pps_date_compare (raised [2]->date, s_day (t, 3)) == 0, "date: the earliest due");
    CHECK (raised [0]->n_unreached == 1 && strstr (raised [0]->unreached [0], "responsible: nobody"),
           "nobody responsible is noted");
    CHECK (raised [3]->n_unreached == 1 && strstr (raised [3]->unreached [0], "Nadia Benali"),
           "a responsible without e-mail is noted");
    CHECK (strstr (raised [2]->subject, "[PPS 32] Séance du ")
           && strstr (raised [2]->subject, " : 2 étapes à faire – Maison d'arrêt de Test"),
           "subject: %s", raised [2]->subject);
    CHECK (strstr (raised [1]->subject, " : 1 étape en retard – "), "subject: %s",
           raised [1]->subject);
    CHECK (strstr (raised [2]->text, "projet « Groupe IST »")
           && strstr (raised [2]->text, ": Constituer le groupe\n")
           && strstr (raised [2]->text, "Vous êtes désigné(e) responsable")
           && strstr (raised [2]->text, "rétroplannings des séances"), "text: %s", raised [2]->text);
    CHECK (strstr (raised [3]->text, "Réserver la salle (USMP)"), "text: %s", raised [3]->text);
    CHECK (strstr (raised [0]->text, "Personne n'est désigné(e) responsable"), "text: %s",
           raised [0]->text);

    //  The webhook document carries the plan and its steps
    Notify__Delivery delivery = NOTIFY__DELIVERY__INIT;
    delivery.id = 1;
    delivery.message_key = "pps-notify.32.1.0";
    char *document = notify_webhook_document (raised [2], &delivery);
    json_t *json = json_loads (document, 0, NULL);
    CHECK (json && json_integer_value (json_object_get (json, "plan_id")) == 9
           && streq (json_string_value (json_object_get (json, "kind")), "STEP_DUE")
           && json_array_size (json_object_get (json, "steps")) == 2
           && streq (json_string_value (json_object_get (json_array_get (
                  json_object_get (json, "steps"), 1), "key")), "soon2"),
           "webhook document: %s", document);
    json_decref (json);
    free (document);

    //  Told again, and the periodic check: nothing new
    before = s_notifications (t).count;
    s_plan_told (t, &plan, 0);
    uint32_t followed = 0;
    CHECK (s_check (t, &followed) == 0 && followed == 1, "the check raises nothing more");
    CHECK (s_notifications (t).count == before, "nothing twice");

    //  A step given to Claire: she hears of it, once
    steps [1]->responsible_person_id = 3;
    s_projects (t, "projects.plan.step_assigned", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN,
                &plan.base, 0);
    list = s_notifications (t);
    CHECK (list.count == before + 1, "the newcomer is told");
    Notify__Notification *last = list.items [list.count - 1];
    CHECK (last->person_id == 3 && streq (s_keys (t, last), "late1")
           && last->kind == NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE, "of the step given");
    s_plan_told (t, &plan, 0);
    CHECK (s_notifications (t).count == before + 1, "once");

    //  soon1 done, and the session a day later: the steps to do fall due anew
    before = s_notifications (t).count;
    steps [5]->state = PROJECTS__STEP_STATE__DONE;
    plan.date = s_day (t, 11);
    for (size_t index = 0; index < plan.n_steps; index++)
        if (steps [index]->state != PROJECTS__STEP_STATE__DONE)
            steps [index]->due = s_day (t, steps [index]->offset + 11);
    s_projects (t, "projects.plan.moved", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN, &plan.base, 0);
    list = s_notifications (t);
    CHECK (list.count == before + 2, "two reminders after the move, not %zu",
           list.count - before);
    if (list.count == before + 2) {
        Notify__Notification *overdue = list.items [before];
        Notify__Notification *due = list.items [before + 1];
        CHECK (overdue->kind == NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE && overdue->person_id == 3
               && streq (s_keys (t, overdue), "late1 late2"), "overdue: %s", s_keys (t, overdue));
        CHECK (due->kind == NOTIFY__NOTIFICATION_KIND__STEP_DUE && due->person_id == 4
               && streq (s_keys (t, due), "nobody"), "due: %s (soon2 is 8 days off now)",
               s_keys (t, due));
    }

    //  A cancelled plan, another region's, an old history: nothing
    before = s_notifications (t).count;
    Projects__SessionPlan cancelled = plan;
    cancelled.id = 10;
    cancelled.state = PROJECTS__PLAN_STATE__CANCELLED;
    s_projects (t, "projects.plan.cancelled", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN,
                &cancelled.base, 0);
    Projects__SessionPlan elsewhere = plan;
    elsewhere.id = 11;
    elsewhere.region_code = "11";
    s_projects (t, "projects.plan.created", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN,
                &elsewhere.base, 0);
    Projects__SessionPlan old = plan;
    old.id = 12;
    s_projects (t, "projects.plan.created", PROJECTS__PROJECTS_EVENT__CHANGE_PLAN, &old.base,
                40 * DAY_MS);
    CHECK (s_notifications (t).count == before, "nothing for those");
    //  ... but the check tells what the old plan owes today
    CHECK (s_check (t, &followed) == 2 && followed == 2, "the check tells the old plan's steps");
    CHECK (s_check (t, &followed) == 0, "once");
}

int
main (void)
{
    char directory [] = "/tmp/notify-steps-XXXXXX";
    assert (mkdtemp (directory));
    test_t self = { .arena = pps_arena_new () };
    s_test_rules (self.arena);
    self.store = pps_store_open (directory, 64 << 20, notify_service.databases,
                                 notify_service.schema_version);
    assert (self.store);
    pps_config_t *config = pps_config_load (NULL);
    pps_config_set (config, "notify/smtp_url", "smtp://127.0.0.1:9");
    pps_config_set (config, "notify/mail_from", "pps-notify@ars.example.org");
    pps_config_set (config, "notify/team_email", "team@ars.example.org");
    pps_config_set (config, "notify/webhook_url", "http://127.0.0.1:9/hook");
    pps_config_set (config, "notify/allow_plain_http", "1");
    pps_config_set (config, "notify/rules/rule_1/roles",
                    "HEALTH_UNIT_REFERENT,PRISON_STAFF_REFERENT,STEERING_COMMITTEE");
    pps_config_set (config, "notify/rules/rule_1/to", "ars_referent,team");
    pps_config_set (config, "notify/rules/rule_2/kinds", "STEP_OVERDUE");
    pps_config_set (config, "notify/rules/rule_2/to", "team,person");
    char error [256];
    CHECK (notify_settings_load (&self.settings, config, error, sizeof error) == 0, "%s", error);
    CHECK (self.settings.step_due_within_days == 7 && self.settings.step_overdue_max_days == 30,
           "defaults: 7 days ahead, 30 days late");
    self.model = (notify_model_t) { self.store, &self.settings, pps_arena_new () };
    s_test_model (&self);

    pps_arena_destroy (&self.model.arena);
    notify_settings_free (&self.settings);
    pps_config_destroy (&config);
    pps_store_destroy (&self.store);
    pps_arena_destroy (&self.arena);
    nftw (directory, s_remove, 8, FTW_DEPTH | FTW_PHYS);
    if (s_failures) {
        fprintf (stderr, "notify_steps_test: %d failures\n", s_failures);
        return 1;
    }
    printf ("notify_steps_test: OK\n");
    return 0;
}
