/*  notify_unit: the notify service's pure rules (post states, reminders,
    ends of mandate, lost committee categories, verdicts, backoff, rules of
    who is told) and its encodings (RFC 2047 words, quoted-printable, the
    e-mail and the webhook document), without any process.  */
#include "notify.h"
#include "notify_rules.h"
#include "notify_sender.h"

#include <czmq.h>
#include <jansson.h>
#include <sodium.h>

static int s_failures;

#define CHECK(condition, ...) \
    do { if (!(condition)) { s_failures++; fprintf (stderr, "FAIL %s:%d: (%s) ", \
         __FILE__, __LINE__, #condition); fprintf (stderr, __VA_ARGS__); \
         fprintf (stderr, "\n"); } } while (0)

#define DAY_MS (24LL * 3600 * 1000)

//  A date in arena.
static Pps__Date *
s_date (pps_arena_t *arena, int year, int month, int day)
{
    Pps__Date *date = (Pps__Date *) pps_arena_message (arena, &pps__date__descriptor);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  A designation of region 32 in arena.
static Registry__Designation *
s_designation (pps_arena_t *arena, uint64_t id, Registry__ReferentRole role, uint64_t establishment,
               Pps__Date *start, Pps__Date *end, Registry__EndReason reason)
{
    Registry__Designation *designation = (Registry__Designation *)
        pps_arena_message (arena, &registry__designation__descriptor);
    designation->id = id;
    designation->person_id = 100 + id;
    designation->role = role;
    designation->region_code = "32";
    designation->establishment_id = establishment;
    designation->start_date = start;
    designation->end_date = end;
    designation->end_reason = reason;
    return designation;
}

//  Post states: never held, ended, last day, future successor, closed.
static void
s_test_posts (pps_arena_t *arena)
{
    Pps__Date *today = s_date (arena, 2025, 6, 15);
    Registry__Establishment *ma = (Registry__Establishment *)
        pps_arena_message (arena, &registry__establishment__descriptor);
    ma->id = 7;
    ma->kind = REGISTRY__ESTABLISHMENT_KIND__MA;
    ma->region_code = "32";
    notify_post_t post;

    //  Never held: vacant, no date, no last holder
    notify_rules_post (REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, ma, NULL, 0, today, &post);
    CHECK (post.needed && post.vacant && !pps_date_is_set (&post.since) && !post.last, "never held");
    //  A PJJ referent is not needed in an MA without minors; a region role not in an establishment
    notify_rules_post (REGISTRY__REFERENT_ROLE__PJJ_REFERENT, ma, NULL, 0, today, &post);
    CHECK (!post.needed && !post.vacant, "PJJ in an MA");
    notify_rules_post (REGISTRY__REFERENT_ROLE__ARS_REFERENT, ma, NULL, 0, today, &post);
    CHECK (!post.needed, "region role in an establishment");
    notify_rules_post (REGISTRY__REFERENT_ROLE__ARS_REFERENT, NULL, NULL, 0, today, &post);
    CHECK (post.needed && post.vacant, "ARS post never held");

    //  Ended yesterday: vacant since today; the last holder is the latest end
    Registry__Designation *list [4];
    list [0] = s_designation (arena, 1, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 7,
                              s_date (arena, 2020, 1, 1), s_date (arena, 2022, 3, 1),
                              REGISTRY__END_REASON__TRANSFER);
    list [1] = s_designation (arena, 2, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 7,
                              s_date (arena, 2022, 3, 2), s_date (arena, 2025, 6, 14),
                              REGISTRY__END_REASON__DEPARTURE);
    list [2] = s_designation (arena, 3, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 7,
                              s_date (arena, 2024, 1, 1), NULL, 0);
    list [3] = s_designation (arena, 4, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 8,
                              s_date (arena, 2024, 1, 1), NULL, 0);
    notify_rules_post (REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, ma, list, 4, today, &post);
    CHECK (post.vacant && post.last == list [1], "vacant after an end");
    CHECK (pps_date_ordinal (&post.since) == 20250615, "since %d", pps_date_ordinal (&post.since));
    //  Ending today: still held (the end date is the last active day)
    list [1]->end_date = s_date (arena, 2025, 6, 15);
    notify_rules_post (REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, ma, list, 4, today, &post);
    CHECK (!post.vacant && post.holder == list [1], "held on its last day");
    //  A successor starting tomorrow does not fill it today
    list [1]->end_date = s_date (arena, 2025, 6, 10);
    list [0]->start_date = s_date (arena, 2025, 6, 16);
    list [0]->end_date = NULL;
    notify_rules_post (REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, ma, list, 4, today, &post);
    CHECK (post.vacant && pps_date_ordinal (&post.since) == 20250611, "future successor");
    notify_rules_post (REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, ma, list, 4, today, &post);
    CHECK (!post.vacant && post.holder == list [2], "health unit held");
    //  A closed establishment needs nobody
    ma->closed_on = s_date (arena, 2025, 6, 1);
    notify_rules_post (REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, ma, NULL, 0, today, &post);
    CHECK (!post.needed && !post.vacant, "closed establishment");
}

//  Day arithmetic, reminder due times, ends of mandate coming.
static void
s_test_dates_and_reminders (pps_arena_t *arena)
{
    CHECK (notify_rules_days_between (s_date (arena, 2024, 12, 31), s_date (arena, 2025, 3, 1)) == 60,
           "days across February");
    CHECK (notify_rules_days_between (s_date (arena, 2024, 2, 28), s_date (arena, 2024, 3, 1)) == 2,
           "leap year");
    CHECK (notify_rules_day_ms (s_date (arena, 1970, 1, 2)) == DAY_MS, "epoch");
    //  Off, first, then every; never two within every_ms of each other
    CHECK (notify_rules_reminder_due (1000, 0, 10, 0, 0) == INT64_MAX, "off");
    CHECK (notify_rules_reminder_due (1000, 500, 100, 0, 0) == 1500, "first");
    CHECK (notify_rules_reminder_due (1000, 500, 100, 1, 1500) == 1600, "second");
    CHECK (notify_rules_reminder_due (1000, 500, 100, 1, 9000) == 9100, "no burst after an outage");
    CHECK (notify_rules_reminder_due (1000, 500, 0, 2, 2000) == 2500, "every defaults to after");
    CHECK (notify_rules_reminder_due (0, DAY_MS, DAY_MS, UINT32_MAX, 0) > 0, "no overflow");

    Pps__Date *today = s_date (arena, 2025, 6, 15);
    Registry__Designation *planned = s_designation (
        arena, 1, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, s_date (arena, 2024, 1, 1),
        s_date (arena, 2025, 7, 15), 0);
    CHECK (notify_rules_ending_soon (planned, today, 30), "30 days ahead");
    CHECK (!notify_rules_ending_soon (planned, today, 29), "31 days is beyond 29");
    CHECK (!notify_rules_ending_soon (planned, today, 0), "off");
    planned->end_reason = REGISTRY__END_REASON__DEPARTURE;
    CHECK (!notify_rules_ending_soon (planned, today, 30), "an end with a reason is told otherwise");
    planned->end_reason = 0;
    planned->end_date = s_date (arena, 2025, 6, 1);
    CHECK (!notify_rules_ending_soon (planned, today, 30), "already ended");
    planned->end_date = NULL;
    CHECK (!notify_rules_ending_soon (planned, today, 30), "no end");
}

//  A committee whose members have the given categories.
static Registry__SteeringCommittee *
s_committee (pps_arena_t *arena, const int *categories, size_t count)
{
    Registry__SteeringCommittee *committee = (Registry__SteeringCommittee *)
        pps_arena_message (arena, &registry__steering_committee__descriptor);
    committee->members = pps_arena_alloc (arena, (count + 1) * sizeof (void *));
    for (size_t index = 0; index < count; index++) {
        Registry__CommitteeMember *member = (Registry__CommitteeMember *)
            pps_arena_message (arena, &registry__committee_member__descriptor);
        member->category = (Registry__MemberCategory) categories [index];
        committee->members [committee->n_members++] = member;
    }
    return committee;
}

//  Categories lost between two states of a committee.
static void
s_test_committees (pps_arena_t *arena)
{
    const int full [] = { 1, 2, 3, 4, 5, 6, 7, 10 };
    const int without_spip [] = { 1, 2, 3, 4, 5, 6, 10 };
    const int without_two [] = { 2, 3, 4, 5, 6, 10 };
    Registry__MemberCategory lost [REGISTRY_CATEGORY_MAX];
    Registry__SteeringCommittee *before = s_committee (arena, full, 8);
    size_t count = notify_rules_lost_categories (before, s_committee (arena, without_spip, 7),
                                                 false, lost);
    CHECK (count == 1 && lost [0] == REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER, "SPIP lost: %zu", count);
    //  A category already missing is not lost again; PJJ counts only with minors
    count = notify_rules_lost_categories (s_committee (arena, without_spip, 7),
                                          s_committee (arena, without_two, 6), false, lost);
    CHECK (count == 1 && lost [0] == REGISTRY__MEMBER_CATEGORY__SOMATIC_CARE_LEAD, "one more lost");
    count = notify_rules_lost_categories (before, before, true, lost);
    CHECK (count == 0, "PJJ was missing already: nothing lost");
    count = notify_rules_lost_categories (s_committee (arena, without_spip, 7), before, false, lost);
    CHECK (count == 0, "a category gained is not lost");
}

//  SMTP and HTTP verdicts, and the backoff's bounds.
static void
s_test_verdicts (void)
{
    CHECK (notify_rules_http_verdict (200) == NOTIFY_SENT && notify_rules_http_verdict (204) == NOTIFY_SENT,
           "2xx");
    const long retried [] = { 0, 301, 408, 425, 429, 500, 502, 503 };
    for (size_t index = 0; index < sizeof retried / sizeof retried [0]; index++)
        CHECK (notify_rules_http_verdict (retried [index]) == NOTIFY_RETRY, "%ld", retried [index]);
    const long refused [] = { 400, 401, 403, 404, 410, 413 };
    for (size_t index = 0; index < sizeof refused / sizeof refused [0]; index++)
        CHECK (notify_rules_http_verdict (refused [index]) == NOTIFY_REFUSED, "%ld", refused [index]);
    CHECK (notify_rules_smtp_verdict (550) == NOTIFY_REFUSED, "550");
    CHECK (notify_rules_smtp_verdict (451) == NOTIFY_RETRY && notify_rules_smtp_verdict (0) == NOTIFY_RETRY,
           "transient");
    for (uint32_t attempts = 1; attempts < 40; attempts++) {
        int64_t delay = 100;
        for (uint32_t step = 1; step < attempts && delay < 6400; step++)
            delay *= 2;
        if (delay > 6400)
            delay = 6400;
        for (uint32_t random = 0; random < 5; random++) {
            int64_t got = notify_rules_backoff (100, 6400, attempts, random * 977 + attempts);
            CHECK (got >= delay / 2 && got <= delay, "attempt %u: %lld", attempts, (long long) got);
        }
    }
}

//  Rules parsed and matched, bad rules refused, addresses checked.
static void
s_test_settings_rules (void)
{
    notify_rule_t rule;
    char error [256];
    CHECK (notify_rule_parse (&rule, "r", "HEALTH_UNIT_REFERENT, PRISON_STAFF_REFERENT,"
                              "STEERING_COMMITTEE", NULL, "establishment",
                              "ars_referent,other_referent, team,x@example.org", error,
                              sizeof error) == 0, "%s", error);
    CHECK (rule.target_count == 4 && rule.targets [3].to == NOTIFY_TO_ADDRESS
           && streq (rule.targets [3].address, "x@example.org"), "targets");
    Notify__NotificationKind ended = NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED;
    CHECK (notify_rule_matches (&rule, ended, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 7), "HU");
    CHECK (!notify_rule_matches (&rule, ended, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0), "ARS");
    CHECK (!notify_rule_matches (&rule, ended, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 0),
           "scope");
    CHECK (notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__COMMITTEE_CATEGORY_LOST, 0, 7),
           "committee");
    CHECK (notify_rule_parse (&rule, "r", NULL, "VACANCY_REMINDER", NULL, "team", error,
                              sizeof error) == 0, "%s", error);
    CHECK (notify_rule_matches (&rule, NOTIFY__NOTIFICATION_KIND__VACANCY_REMINDER, 1, 0)
           && !notify_rule_matches (&rule, ended, 1, 0), "kinds");
    CHECK (notify_rule_parse (&rule, "r", "NURSE", NULL, NULL, "team", error, sizeof error) == -1
           && strstr (error, "NURSE"), "unknown role");
    CHECK (notify_rule_parse (&rule, "r", NULL, NULL, NULL, "boss", error, sizeof error) == -1
           && strstr (error, "boss"), "unknown recipient");
    CHECK (notify_rule_parse (&rule, "r", NULL, NULL, "planet", "team", error, sizeof error) == -1,
           "unknown scope");
    CHECK (notify_rule_parse (&rule, "r", NULL, NULL, NULL, " , ", error, sizeof error) == -1,
           "nobody");
    CHECK (notify_address_valid ("a.b@c.example.org"), "plain");
    const char *bad [] = { "", "a", "@b", "a@", "a@@b", "a b@c", "a@b\r\nBcc: x@y", "<a@b>",
                           "a@b,c@d", "é@b.fr", NULL };
    for (const char **text = bad; *text; text++)
        CHECK (!notify_address_valid (*text), "'%s' is not an address", *text);
}

//  Decode RFC 2047 words back (our own B-encoded UTF-8 words only).
static char *
s_decode_words (const char *value)
{
    char *out = calloc (1, strlen (value) + 1);
    size_t at = 0;
    const char *cursor = value;
    while ((cursor = strstr (cursor, "=?UTF-8?B?"))) {
        cursor += 10;
        const char *end = strstr (cursor, "?=");
        size_t decoded = 0;
        sodium_base642bin ((unsigned char *) out + at, strlen (value) - at, cursor,
                           (size_t) (end - cursor), NULL, &decoded, NULL,
                           sodium_base64_VARIANT_ORIGINAL);
        at += decoded;
        cursor = end + 2;
    }
    out [at] = 0;
    return out;
}

//  Encoded words, quoted-printable, the e-mail and the webhook document.
static void
s_test_encodings (pps_arena_t *arena)
{
    char *plain = notify_mail_header_value ("[PPS 32] Poste vacant");
    CHECK (streq (plain, "[PPS 32] Poste vacant"), "ASCII stays: %s", plain);
    free (plain);
    const char *french = "[PPS 32] Fin de désignation : référent de l'unité sanitaire (USMP) – "
                         "Maison d'arrêt de Lille-Sequedin, très long intitulé éèàùç";
    char *encoded = notify_mail_header_value (french);
    char *decoded = s_decode_words (encoded);
    CHECK (streq (decoded, french), "round trip: '%s'", decoded);
    //  Every folded line is short and every byte is ASCII
    for (char *line = encoded; line; line = strstr (line, "\r\n ")) {
        if (line != encoded)
            line += 3;
        char *next = strstr (line, "\r\n ");
        size_t length = next ? (size_t) (next - line) : strlen (line);
        CHECK (length <= 75, "encoded word of %zu characters", length);
    }
    for (char *c = encoded; *c; c++)
        CHECK ((unsigned char) *c < 0x80, "non-ASCII byte in an encoded header");
    free (encoded);
    free (decoded);

    const char *text = "Ligne accentuée = égalité\nfin de ligne avec espace \n."
                       "point\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                       "xxxxxxxxxxxxxxxxxxxxxxxx\n";
    char *qp = notify_mail_quoted_printable (text);
    CHECK (strstr (qp, "accentu=C3=A9e =3D =C3=A9galit=C3=A9\r\n"), "QP: %s", qp);
    CHECK (strstr (qp, "espace=20\r\n"), "trailing blank encoded: %s", qp);
    for (char *line = qp; *line; ) {
        char *end = strstr (line, "\r\n");
        size_t length = end ? (size_t) (end - line) : strlen (line);
        CHECK (length <= 76, "QP line of %zu", length);
        line = end ? end + 2 : line + length;
    }
    free (qp);

    Notify__Notification *notification = (Notify__Notification *)
        pps_arena_message (arena, &notify__notification__descriptor);
    notification->id = 12;
    notification->kind = NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED;
    notification->region_code = "32";
    notification->role = REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT;
    notification->establishment_id = 7;
    notification->establishment_name = "MA de Test";
    notification->person_id = 3;
    notification->person_name = "Claire Martin";
    notification->end_reason = REGISTRY__END_REASON__DEPARTURE;
    notification->date = s_date (arena, 2025, 6, 14);
    notification->created_ms = 1750000000000LL;
    notify_text (arena, notification, "partie en retraite", s_date (arena, 2025, 6, 15));
    CHECK (strstr (notification->subject, "[PPS 32] Fin de désignation")
           && strstr (notification->subject, "MA de Test"), "subject: %s", notification->subject);
    CHECK (strstr (notification->text, "Claire Martin") && strstr (notification->text, "départ")
           && strstr (notification->text, "14/06/2025") && strstr (notification->text, "a pris fin")
           && strstr (notification->text, "partie en retraite")
           && strstr (notification->text, "15/06/2025"), "text: %s", notification->text);

    Notify__Delivery *delivery = (Notify__Delivery *)
        pps_arena_message (arena, &notify__delivery__descriptor);
    delivery->id = 5;
    delivery->recipient = "ars@example.org";
    delivery->message_key = "pps-notify.32.5.1750000000000";
    notify_settings_t settings;
    memset (&settings, 0, sizeof settings);
    settings.mail_from = "pps-notify@ars.example.org";
    char *message = notify_mail_message (&settings, notification, delivery);
    CHECK (strstr (message, "\r\nTo: ars@example.org\r\n")
           && strstr (message, "From: pps-notify@ars.example.org\r\n")
           && strstr (message, "Message-ID: <pps-notify.32.5.1750000000000@ars.example.org>\r\n")
           && strstr (message, "Content-Type: text/plain; charset=UTF-8\r\n")
           && strstr (message, "Date: Sun, 15 Jun 2025 15:06:40 +0000\r\n")
           && strstr (message, "Subject: =?UTF-8?B?"), "message: %s", message);
    free (message);

    char *document = notify_webhook_document (notification, delivery);
    json_t *json = json_loads (document, 0, NULL);
    CHECK (json, "webhook document is JSON: %s", document);
    CHECK (streq (json_string_value (json_object_get (json, "kind")), "DESIGNATION_ENDED")
           && streq (json_string_value (json_object_get (json, "role")), "HEALTH_UNIT_REFERENT")
           && streq (json_string_value (json_object_get (json, "date")), "2025-06-14")
           && streq (json_string_value (json_object_get (json, "idempotency_key")),
                     delivery->message_key)
           && json_integer_value (json_object_get (json, "notification_id")) == 12,
           "document: %s", document);
    char *again = notify_webhook_document (notification, delivery);
    CHECK (streq (document, again), "a resend is the same bytes");
    json_decref (json);
    free (document);
    free (again);
}

int
main (void)
{
    if (sodium_init () < 0)
        return 1;
    pps_arena_t *arena = pps_arena_new ();
    s_test_posts (arena);
    s_test_dates_and_reminders (arena);
    s_test_committees (arena);
    s_test_verdicts ();
    s_test_settings_rules ();
    s_test_encodings (arena);
    pps_arena_destroy (&arena);
    if (s_failures) {
        fprintf (stderr, "notify_unit: %d failures\n", s_failures);
        return 1;
    }
    printf ("notify_unit: OK\n");
    return 0;
}
