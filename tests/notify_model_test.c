/*  notify_model_test: the notify service's read model and detection over a
    real LMDB store, fed with made-up registry events through the
    subscriber's apply function (no process, no network): which
    notifications each change raises, to whom, and that nothing is raised
    twice nor for an old history replayed.  */
#include "notify.h"
#include "notify_model.h"

#include <czmq.h>
#include <ftw.h>

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
    pps_arena_t *arena;               //  The test's own records
    uint64_t seq;
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

//  Apply one registry event carrying record as change field, age_ms old.
static void
s_apply (test_t *self, const char *topic, uint32_t field, ProtobufCMessage *record, int64_t age_ms)
{
    Registry__RegistryEvent event = REGISTRY__REGISTRY_EVENT__INIT;
    event.source = "registry";
    event.seq = ++self->seq;
    event.time_ms = pps_now_ms () - age_ms;
    event.topic = (char *) topic;
    event.change_case = (Registry__RegistryEvent__ChangeCase) field;
    //  Every member of the oneof sits at the same place
    event.region = (Registry__Region *) record;
    size_t size;
    uint8_t *bytes = pps_arena_pack (self->arena, &event.base, &size);
    MDB_txn *txn;
    CHECK (mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn) == 0, "begin");
    int rc = notify_model_apply (&self->model, txn, "registry", event.seq, bytes, size);
    CHECK (rc == 0, "apply %s", topic);
    CHECK (mdb_txn_commit (txn) == 0, "commit");
}

//  Apply a person.created event.
static Registry__Person *
s_person (test_t *self, uint64_t id, const char *name, const char *email)
{
    Registry__Person *person = (Registry__Person *)
        pps_arena_message (self->arena, &registry__person__descriptor);
    person->id = id;
    person->full_name = (char *) name;
    person->work_email = (char *) email;
    person->region_code = "32";
    s_apply (self, "registry.person.created", REGISTRY__REGISTRY_EVENT__CHANGE_PERSON,
             &person->base, 0);
    return person;
}

//  Apply a designation.created event.
static Registry__Designation *
s_designate (test_t *self, uint64_t id, uint64_t person, Registry__ReferentRole role,
             uint64_t establishment, Pps__Date *start, Pps__Date *end)
{
    Registry__Designation *designation = (Registry__Designation *)
        pps_arena_message (self->arena, &registry__designation__descriptor);
    designation->id = id;
    designation->person_id = person;
    designation->role = role;
    designation->region_code = "32";
    designation->establishment_id = establishment;
    designation->start_date = start;
    designation->end_date = end;
    s_apply (self, "registry.designation.created", REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION,
             &designation->base, 0);
    return designation;
}

//  Apply a designation.ended event (departure), age_ms old.
static void
s_end (test_t *self, Registry__Designation *designation, Pps__Date *end, int64_t age_ms)
{
    designation->end_date = end;
    designation->end_reason = REGISTRY__END_REASON__DEPARTURE;
    designation->end_note = "retraite";
    s_apply (self, "registry.designation.ended", REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION,
             &designation->base, age_ms);
}

//  ---------------------------------------------------------------- reading back

typedef struct {
    pps_arena_t *arena;
    void **items;
    size_t count;
} list_t;

//  Keep every record in the list.
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

//  The notification at index in id order, or NULL.
static Notify__Notification *
s_notification (test_t *self, size_t index)
{
    list_t list = s_all (self, "notifications", &notify__notification__descriptor);
    return index < list.count ? list.items [index] : NULL;
}

//  Entries of a database.
static size_t
s_count (test_t *self, const char *db)
{
    MDB_txn *txn;
    MDB_stat stat;
    mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    mdb_stat (txn, pps_store_dbi (self->store, db), &stat);
    mdb_txn_abort (txn);
    return stat.ms_entries;
}

//  The e-mail recipients of a notification, sorted and joined by spaces.
static char *
s_recipients (test_t *self, uint64_t notification_id)
{
    list_t list = s_all (self, "deliveries", &notify__delivery__descriptor);
    zlistx_t *sorted = zlistx_new ();
    zlistx_set_comparator (sorted, (zlistx_comparator_fn *) strcmp);
    bool webhook = false;
    for (size_t index = 0; index < list.count; index++) {
        Notify__Delivery *delivery = list.items [index];
        if (delivery->notification_id != notification_id)
            continue;
        CHECK (delivery->state == NOTIFY__DELIVERY_STATE__PENDING, "a new delivery is PENDING");
        if (delivery->channel == NOTIFY__CHANNEL__WEBHOOK)
            webhook = true;
        else
            zlistx_add_end (sorted, delivery->recipient);
    }
    CHECK (webhook, "notification %llu has its webhook", (unsigned long long) notification_id);
    zlistx_sort (sorted);
    char *text = pps_arena_strdup (self->arena, "");
    for (char *item = zlistx_first (sorted); item; item = zlistx_next (sorted))
        text = pps_arena_printf (self->arena, "%s%s%s", text, *text ? " " : "", item);
    zlistx_destroy (&sorted);
    return text;
}

//  One round of the periodic check; returns what it raised.
static uint32_t
s_check (test_t *self)
{
    MDB_txn *txn;
    mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    notify_ctx_t ctx;
    notify_ctx_init (&ctx, self->store, &self->settings, txn, self->arena, "check", 0);
    CHECK (notify_check_run (&ctx) == 0, "check");
    CHECK (mdb_txn_commit (txn) == 0, "commit");
    return ctx.raised;
}

//  nftw callback: remove one entry.
static int
s_remove (const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    return remove (path);
}

int
main (void)
{
    char directory [] = "/tmp/notify-model-XXXXXX";
    assert (mkdtemp (directory));
    test_t self = { .arena = pps_arena_new () };
    test_t *t = &self;
    self.store = pps_store_open (directory, 64 << 20, notify_service.databases,
                                 notify_service.schema_version);
    assert (self.store);
    pps_config_t *config = pps_config_load (NULL);
    pps_config_set (config, "notify/smtp_url", "smtp://127.0.0.1:9");
    pps_config_set (config, "notify/mail_from", "pps-notify@ars.example.org");
    pps_config_set (config, "notify/team_email", "team@ars.example.org");
    pps_config_set (config, "notify/webhook_url", "http://127.0.0.1:9/hook");
    pps_config_set (config, "notify/allow_plain_http", "1");
    pps_config_set (config, "notify/reminder_after_ms", "1");
    pps_config_set (config, "notify/reminder_every_ms", "3600000");
    pps_config_set (config, "notify/rules/rule_1/roles",
                    "HEALTH_UNIT_REFERENT,PRISON_STAFF_REFERENT,PJJ_REFERENT,STEERING_COMMITTEE");
    pps_config_set (config, "notify/rules/rule_1/to",
                    "ars_referent,disp_referent,other_referent,team");
    pps_config_set (config, "notify/rules/rule_2/scope", "region");
    pps_config_set (config, "notify/rules/rule_2/to", "team,person");
    char error [256];
    CHECK (notify_settings_load (&self.settings, config, error, sizeof error) == 0, "%s", error);
    CHECK (self.settings.rule_count == 2, "two rules");
    self.model = (notify_model_t) { self.store, &self.settings, pps_arena_new () };

    //  A region, an MA, six people, the four usual referents: every post
    //  gets filled, and nobody is told of posts never held being filled
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    s_apply (t, "registry.region.created", REGISTRY__REGISTRY_EVENT__CHANGE_REGION, &region.base, 0);
    CHECK (s_count (t, "vacancies") == 4, "the region's four posts are empty");
    Registry__Establishment ma = REGISTRY__ESTABLISHMENT__INIT;
    ma.id = 7;
    ma.code = "MA7";
    ma.name = "Maison d'arrêt de Test";
    ma.kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    ma.region_code = "32";
    s_apply (t, "registry.establishment.created", REGISTRY__REGISTRY_EVENT__CHANGE_ESTABLISHMENT,
             &ma.base, 0);
    CHECK (s_count (t, "vacancies") == 6, "and the MA's two");
    s_person (t, 1, "Anne ARS", "ars@example.org");
    s_person (t, 2, "Denis DISP", "disp@example.org");
    s_person (t, 3, "Claire Martin", "hu@example.org");
    s_person (t, 4, "Paul Durand", "ps@example.org");
    s_person (t, 5, "Sophie Leroy", "ps2@example.org");
    s_person (t, 6, "Ivan Sans Adresse", "");
    s_designate (t, 1, 1, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, s_day (t, -400), NULL);
    s_designate (t, 2, 2, REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, 0, s_day (t, -400), NULL);
    Registry__Designation *claire = s_designate (t, 3, 3, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT,
                                                 7, s_day (t, -400), NULL);
    Registry__Designation *paul = s_designate (t, 4, 4, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT,
                                               7, s_day (t, -400), NULL);
    CHECK (s_count (t, "notifications") == 0, "filling posts never held tells nobody");
    CHECK (s_count (t, "vacancies") == 2, "DIRPJJ and IREPS stay empty");

    //  Paul leaves (his last day was yesterday): the end, and the empty post
    s_end (t, paul, s_day (t, -1), 0);
    CHECK (s_count (t, "notifications") == 2, "ended + vacancy: %zu", s_count (t, "notifications"));
    Notify__Notification *ended = s_notification (t, 0);
    Notify__Notification *opened = s_notification (t, 1);
    CHECK (ended && ended->kind == NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED
           && ended->designation_id == 4 && streq (ended->person_name, "Paul Durand")
           && streq (ended->establishment_name, "Maison d'arrêt de Test")
           && strstr (ended->text, "retraite") && ended->source_seq == t->seq, "ended");
    CHECK (opened && opened->kind == NOTIFY__NOTIFICATION_KIND__VACANCY_OPENED
           && opened->role == REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT
           && pps_date_compare (opened->date, s_day (t, 0)) == 0, "opened");
    //  The ARS and DISP referents, the other referent (health unit), the team
    CHECK (streq (s_recipients (t, ended->id),
                  "ars@example.org disp@example.org hu@example.org team@ars.example.org"),
           "recipients: %s", s_recipients (t, ended->id));
    CHECK (s_count (t, "pending") == s_count (t, "deliveries") && s_count (t, "pending") == 10,
           "every delivery pending: %zu", s_count (t, "pending"));
    //  The same event again (a replay) raises nothing more
    t->seq--;
    s_apply (t, "registry.designation.ended", REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION,
             &paul->base, 0);
    CHECK (s_count (t, "notifications") == 2, "a replay raises nothing");

    //  Sophie takes over today: the vacancy is closed, and told
    s_designate (t, 5, 5, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 7, s_day (t, 0), NULL);
    Notify__Notification *closed = s_notification (t, 2);
    CHECK (closed && closed->kind == NOTIFY__NOTIFICATION_KIND__VACANCY_CLOSED
           && streq (closed->person_name, "Sophie Leroy") && strstr (closed->text, "Sophie Leroy"),
           "closed");

    //  An old event (Claire's end, sixty days ago, replayed): kept, not told
    s_end (t, claire, s_day (t, -2), 60 * DAY_MS);
    CHECK (s_count (t, "notifications") == 3, "an old event tells nobody");
    CHECK (s_count (t, "vacancies") == 3, "but its vacancy is followed");

    //  The check: a reminder for each empty post, once
    uint32_t raised = s_check (t);
    CHECK (raised == 3, "three reminders, not %u", raised);
    CHECK (s_check (t) == 0, "a second round raises nothing");
    Notify__Notification *reminder = s_notification (t, 3);
    CHECK (reminder && reminder->kind == NOTIFY__NOTIFICATION_KIND__VACANCY_REMINDER
           && reminder->reminder == 1, "reminder");

    //  Ivan (no address) takes the IREPS post until ten days from now:
    //  the vacancy closed (it was reminded of), and the end coming
    s_designate (t, 6, 6, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, 0, s_day (t, -1), s_day (t, 10));
    Notify__Notification *ending = NULL, *ireps_closed = NULL;
    for (size_t index = 0; index < 10; index++) {
        Notify__Notification *item = s_notification (t, index);
        if (item && item->kind == NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDING)
            ending = item;
        if (item && item->kind == NOTIFY__NOTIFICATION_KIND__VACANCY_CLOSED && item->designation_id == 6)
            ireps_closed = item;
    }
    CHECK (ending && strstr (ending->text, "dans 10 jours"), "ending soon");
    CHECK (ireps_closed, "IREPS vacancy closed");
    CHECK (ending && ending->n_unreached == 1 && strstr (ending->unreached [0], "Ivan"),
           "unreached person");
    CHECK (ending && streq (s_recipients (t, ending->id), "team@ars.example.org"), "team only");
    size_t before = s_count (t, "notifications");
    CHECK (s_check (t) == 0 && s_count (t, "notifications") == before, "the check repeats nothing");

    //  The committee loses its SPIP member
    Registry__SteeringCommittee committee = REGISTRY__STEERING_COMMITTEE__INIT;
    committee.id = 9;
    committee.establishment_id = 7;
    committee.region_code = "32";
    committee.constituted_on = s_day (t, -100);
    Registry__CommitteeMember members [8];
    Registry__CommitteeMember *pointers [8];
    const int categories [] = { 1, 2, 3, 4, 5, 6, 10, 7 };
    for (size_t index = 0; index < 8; index++) {
        registry__committee_member__init (&members [index]);
        members [index].category = (Registry__MemberCategory) categories [index];
        pointers [index] = &members [index];
    }
    committee.members = pointers;
    committee.n_members = 8;
    s_apply (t, "registry.steering_committee.created",
             REGISTRY__REGISTRY_EVENT__CHANGE_STEERING_COMMITTEE, &committee.base, 0);
    CHECK (s_count (t, "notifications") == before, "a full committee tells nobody");
    committee.n_members = 7;
    s_apply (t, "registry.steering_committee.updated",
             REGISTRY__REGISTRY_EVENT__CHANGE_STEERING_COMMITTEE, &committee.base, 0);
    Notify__Notification *lost = s_notification (t, before);
    CHECK (lost && lost->kind == NOTIFY__NOTIFICATION_KIND__COMMITTEE_CATEGORY_LOST
           && lost->n_categories == 1 && lost->categories [0] == REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER
           && strstr (lost->text, "SPIP"), "committee lost SPIP");
    CHECK (lost && streq (s_recipients (t, lost->id),
                          "ars@example.org disp@example.org ps2@example.org team@ars.example.org"),
           "committee recipients: %s", lost ? s_recipients (t, lost->id) : "");

    //  Another region's turnover is not ours
    Registry__Designation other = REGISTRY__DESIGNATION__INIT;
    other.id = 8;
    other.person_id = 4;
    other.role = REGISTRY__REFERENT_ROLE__ARS_REFERENT;
    other.region_code = "11";
    other.start_date = s_day (t, -30);
    s_apply (t, "registry.designation.created", REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION,
             &other.base, 0);
    before = s_count (t, "notifications");
    s_end (t, &other, s_day (t, -1), 0);
    CHECK (s_count (t, "notifications") == before, "region 11 is not told here");

    pps_arena_destroy (&self.model.arena);
    notify_settings_free (&self.settings);
    pps_config_destroy (&config);
    pps_store_destroy (&self.store);
    pps_arena_destroy (&self.arena);
    nftw (directory, s_remove, 8, FTW_DEPTH | FTW_PHYS);
    if (s_failures) {
        fprintf (stderr, "notify_model_test: %d failures\n", s_failures);
        return 1;
    }
    printf ("notify_model_test: OK\n");
    return 0;
}
