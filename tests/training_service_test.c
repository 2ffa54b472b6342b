/*  training.service: offers, sessions and attendance through a real
    training service and a real registry served in-process (see
    training_harness.h): validation with the field at fault and nothing
    written, references checked with the registry (NOT_FOUND, and
    UNAVAILABLE while it is down, then a retry of the same request id once
    it is back), duplicates refused, anonymous counts, idempotent replays
    and the event log with its topics.  */
#include "training_harness.h"

typedef struct {
    uint64_t offers [2];
    uint64_t sessions [3];
} made_t;

static void
s_offers (th_t *t, const prerequisites_t *p, made_t *made)
{
    uint64_t seq = th_last_seq (t);
    Pps__Date *jan1 = th_date (t, 2025, 1, 1), *dec31 = th_date (t, 2025, 12, 31);

    //  Refusals name the field and write nothing
    Training__TrainingOffer *offer = th_offer (t, p, jan1, dec31);
    offer->id = 7;
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.id");
    offer = th_offer (t, p, jan1, dec31);
    offer->title = "  ";
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.title");
    offer = th_offer (t, p, jan1, dec31);
    offer->provider_kind = 0;
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.provider_kind");
    offer = th_offer (t, p, jan1, dec31);
    offer->duration_minutes = 30;
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.duration_minutes");
    offer = th_offer (t, p, dec31, jan1);
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.open_to");
    offer = th_offer (t, p, NULL, dec31);
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.open_from");
    offer = th_offer (t, p, th_date (t, 2025, 2, 30), NULL);
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.open_from");
    static Training__StaffCategory twice [] = {
        TRAINING__STAFF_CATEGORY__SPIP, TRAINING__STAFF_CATEGORY__SPIP
    };
    offer = th_offer (t, p, jan1, dec31);
    offer->audience = twice;
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.audience[1]");
    static char *themes [] = { "santé", "" };
    offer = th_offer (t, p, jan1, dec31);
    offer->themes = themes;
    EXPECT (TRAINING (CREATE_OFFER, offer), INVALID_ARGUMENT, "offer.themes[1]");
    offer = th_offer (t, p, jan1, dec31);
    offer->region_code = "99";
    EXPECT (TRAINING (CREATE_OFFER, offer), NOT_FOUND, "offer.region_code");
    offer = th_offer (t, p, jan1, dec31);
    offer->provider_partner_id = 999;
    EXPECT (TRAINING (CREATE_OFFER, offer), NOT_FOUND, "offer.provider_partner_id");
    WROTE (0);

    //  A 2025 offer, then an open-ended one from mid-2024
    offer = th_offer (t, p, jan1, dec31);
    Training__TrainingOffer *created = OK (TRAINING_ID (CREATE_OFFER, offer, "offer-1"))->offer;
    CHECK (created->id && streq (created->region_code, "32") && created->n_themes == 2);
    made->offers [0] = created->id;
    WROTE (1);
    //  The same request id replays the first answer and writes nothing
    offer = th_offer (t, p, jan1, dec31);
    CHECK (OK (TRAINING_ID (CREATE_OFFER, offer, "offer-1"))->offer->id == made->offers [0]);
    WROTE (0);
    offer = th_offer (t, p, th_date (t, 2024, 6, 1), NULL);
    offer->provider_kind = TRAINING__PROVIDER_KIND__HOSPITAL;
    offer->provider_partner_id = 0;
    made->offers [1] = OK (TRAINING (CREATE_OFFER, offer))->offer->id;
    CHECK (made->offers [1] > made->offers [0]);
    WROTE (1);

    //  Get and list: open during a period, provider
    Training__ById *by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    training__by_id__init (by_id);
    by_id->id = made->offers [0];
    CHECK (OK (TRAINING (GET_OFFER, by_id))->offer->duration_minutes == 14 * 60);
    by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    training__by_id__init (by_id);
    by_id->id = 999;
    EXPECT (TRAINING (GET_OFFER, by_id), NOT_FOUND, "id");
    Training__OfferFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    training__offer_filter__init (filter);
    filter->region_code = "32";
    filter->from = jan1;
    filter->to = dec31;
    CHECK (OK (TRAINING (LIST_OFFERS, filter))->offers->n_items == 2);
    filter->from = th_date (t, 2024, 1, 1);
    filter->to = th_date (t, 2024, 5, 31);
    CHECK (OK (TRAINING (LIST_OFFERS, filter))->offers->n_items == 0);
    filter->from = th_date (t, 2026, 1, 1);
    filter->to = th_date (t, 2026, 12, 31);
    Training__OfferList *open_2026 = OK (TRAINING (LIST_OFFERS, filter))->offers;
    CHECK (open_2026->n_items == 1 && open_2026->items [0]->id == made->offers [1]);
    filter->from = filter->to = NULL;
    filter->provider_kind = TRAINING__PROVIDER_KIND__IREPS;
    CHECK (OK (TRAINING (LIST_OFFERS, filter))->offers->n_items == 1);
    filter->region_code = "11";
    filter->provider_kind = 0;
    CHECK (OK (TRAINING (LIST_OFFERS, filter))->offers->n_items == 0);

    //  Update replaces the whole record
    offer = th_offer (t, p, jan1, dec31);
    offer->id = made->offers [0];
    offer->title = "Promotion de la santé : repères (2025)";
    offer->n_themes = 0;
    Training__TrainingOffer *updated = OK (TRAINING (UPDATE_OFFER, offer))->offer;
    CHECK (streq (updated->title, offer->title) && updated->n_themes == 0);
    WROTE (1);
    offer = th_offer (t, p, jan1, dec31);
    offer->id = 999;
    EXPECT (TRAINING (UPDATE_OFFER, offer), NOT_FOUND, "offer.id");
    WROTE (0);
}

static void
s_sessions (th_t *t, const prerequisites_t *p, made_t *made)
{
    uint64_t seq = th_last_seq (t);
    uint64_t offer = made->offers [0];
    uint64_t e1 = p->region_establishment [0], e2 = p->region_establishment [1];
    Pps__Date *march10 = th_date (t, 2025, 3, 10);

    EXPECT (TRAINING (CREATE_SESSION, th_session (t, offer, march10, NULL, 0, "")),
            INVALID_ARGUMENT, "session.site_label");
    EXPECT (TRAINING (CREATE_SESSION, th_session (t, 999, march10, NULL, e1, "")),
            NOT_FOUND, "session.offer_id");
    EXPECT (TRAINING (CREATE_SESSION, th_session (t, offer, th_date (t, 2026, 1, 5), NULL, e1, "")),
            FAILED_PRECONDITION, "session.first_date");
    EXPECT (TRAINING (CREATE_SESSION, th_session (t, offer, march10, th_date (t, 2025, 3, 9), e1, "")),
            INVALID_ARGUMENT, "session.last_date");
    EXPECT (TRAINING (CREATE_SESSION, th_session (t, offer, march10, NULL, p->other_establishment, "")),
            INVALID_ARGUMENT, "session.establishment_id");
    EXPECT (TRAINING (CREATE_SESSION, th_session (t, offer, march10, NULL, 999, "")),
            NOT_FOUND, "session.establishment_id");
    Training__TrainingSession *session = th_session (t, offer, march10, NULL, e1, "");
    session->region_code = "11";
    EXPECT (TRAINING (CREATE_SESSION, session), INVALID_ARGUMENT, "session.region_code");
    WROTE (0);

    //  In an establishment; elsewhere over two days; on the year's last day
    session = th_session (t, offer, march10, NULL, e1, "");
    static char *trainers [] = { "Formatrice IREPS" };
    session->trainers = trainers;
    session->n_trainers = 1;
    Training__TrainingSession *created = OK (TRAINING (CREATE_SESSION, session))->session;
    CHECK (created->id && streq (created->region_code, "32") && created->n_trainers == 1);
    made->sessions [0] = created->id;
    made->sessions [1] = OK (TRAINING (CREATE_SESSION, th_session (
        t, offer, th_date (t, 2025, 11, 20), th_date (t, 2025, 11, 21), 0, "IREPS, Lille")))->session->id;
    made->sessions [2] = OK (TRAINING (CREATE_SESSION, th_session (
        t, offer, th_date (t, 2025, 12, 31), NULL, e2, "")))->session->id;
    WROTE (3);

    //  The offer may not close before its sessions start, nor change region
    Training__TrainingOffer *shrunk = th_offer (t, p, th_date (t, 2025, 1, 1), th_date (t, 2025, 6, 30));
    shrunk->id = offer;
    EXPECT (TRAINING (UPDATE_OFFER, shrunk), FAILED_PRECONDITION, "offer.open_to");
    Training__TrainingOffer *late = th_offer (t, p, th_date (t, 2025, 4, 1), th_date (t, 2025, 12, 31));
    late->id = offer;
    EXPECT (TRAINING (UPDATE_OFFER, late), FAILED_PRECONDITION, "offer.open_from");
    WROTE (0);

    //  Update moves a session to the open-ended offer; the lists follow
    session = th_session (t, made->offers [1], march10, th_date (t, 2025, 3, 11), e1, "salle de formation");
    session->id = made->sessions [0];
    Training__TrainingSession *updated = OK (TRAINING (UPDATE_SESSION, session))->session;
    CHECK (updated->offer_id == made->offers [1] && updated->last_date->day == 11);
    WROTE (1);
    Training__SessionFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    training__session_filter__init (filter);
    filter->offer_id = made->offers [1];
    Training__SessionList *list = OK (TRAINING (LIST_SESSIONS, filter))->sessions;
    CHECK (list->n_items == 1 && list->items [0]->id == made->sessions [0]);
    filter->offer_id = offer;
    CHECK (OK (TRAINING (LIST_SESSIONS, filter))->sessions->n_items == 2);
    filter->offer_id = 0;
    filter->establishment_id = e2;
    CHECK (OK (TRAINING (LIST_SESSIONS, filter))->sessions->n_items == 1);
    filter->establishment_id = 0;
    filter->region_code = "32";
    filter->from = filter->to = th_date (t, 2025, 11, 21);
    list = OK (TRAINING (LIST_SESSIONS, filter))->sessions;
    CHECK (list->n_items == 1 && list->items [0]->id == made->sessions [1]);
    filter->from = th_date (t, 2025, 12, 31);
    filter->to = th_date (t, 2025, 1, 1);
    EXPECT (TRAINING (LIST_SESSIONS, filter), INVALID_ARGUMENT, "to");
    //  Back to the 2025 offer
    session = th_session (t, offer, march10, NULL, e1, "");
    session->id = made->sessions [0];
    OK (TRAINING (UPDATE_SESSION, session));
    Training__ById *by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    training__by_id__init (by_id);
    by_id->id = made->sessions [0];
    CHECK (OK (TRAINING (GET_SESSION, by_id))->session->offer_id == offer);
    WROTE (1);
}

static void
s_attendance (th_t *t, const prerequisites_t *p, made_t *made)
{
    uint64_t seq = th_last_seq (t);
    uint64_t s1 = made->sessions [0], s2 = made->sessions [1];
    uint64_t e1 = p->region_establishment [0];
    uint64_t person = p->persons [0];

    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, 999, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)),
            NOT_FOUND, "participant.person_id");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, 999, person, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)),
            NOT_FOUND, "participant.session_id");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, person, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 999)),
            NOT_FOUND, "participant.establishment_id");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, person, TRAINING__STAFF_CATEGORY__PRISON_GUARD,
                                                       p->other_establishment)),
            INVALID_ARGUMENT, "participant.establishment_id");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, person, 0, 0)),
            INVALID_ARGUMENT, "participant.category");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, person, 42, 0)),
            INVALID_ARGUMENT, "participant.category");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)),
            INVALID_ARGUMENT, "participant.person_id");
    WROTE (0);

    //  Without an establishment, the attendee works where the session is held
    Training__Participant *added = OK (TRAINING (ADD_PARTICIPANT, th_participant (
        t, s1, person, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)))->participant;
    CHECK (added->establishment_id == e1 && streq (added->region_code, "32"));
    WROTE (1);
    //  Once per session, whatever the category given
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, s1, person, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 0)),
            ALREADY_EXISTS, "participant.person_id");
    //  A session held elsewhere: no establishment unless given
    added = OK (TRAINING (ADD_PARTICIPANT, th_participant (
        t, s2, p->persons [1], TRAINING__STAFF_CATEGORY__SPIP, 0)))->participant;
    CHECK (added->establishment_id == 0);
    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, s2, person, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, e1)));
    WROTE (2);

    //  Removal, then a second removal finds nothing
    Training__RemoveParticipant *remove = pps_arena_alloc (t->arena, sizeof *remove);
    training__remove_participant__init (remove);
    remove->session_id = s2;
    remove->person_id = p->persons [1];
    Training__Participant *removed = OK (TRAINING (REMOVE_PARTICIPANT, remove))->participant;
    CHECK (removed->person_id == p->persons [1] && removed->category == TRAINING__STAFF_CATEGORY__SPIP);
    WROTE (1);
    EXPECT (TRAINING (REMOVE_PARTICIPANT, remove), NOT_FOUND, "person_id");
    WROTE (0);

    //  Anonymous counts: a line is set, reset, removed with 0
    EXPECT (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 10001)),
            INVALID_ARGUMENT, "category_count.count");
    EXPECT (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, 0, 0, 3)),
            INVALID_ARGUMENT, "category_count.category");
    EXPECT (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, 999, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 3)),
            NOT_FOUND, "category_count.establishment_id");
    EXPECT (TRAINING (SET_CATEGORY_COUNT, th_count (t, 999, 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 3)),
            NOT_FOUND, "category_count.session_id");
    WROTE (0);
    Training__CategoryCount *line = OK (TRAINING (SET_CATEGORY_COUNT, th_count (
        t, s1, 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 5)))->category_count;
    CHECK (line->establishment_id == e1 && line->count == 5);
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, e1, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 2)));
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, 0, TRAINING__STAFF_CATEGORY__PJJ, 1)));
    WROTE (3);
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, e1, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 5)));
    WROTE (0);
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, e1, TRAINING__STAFF_CATEGORY__PJJ, 0)));
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, e1, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 6)));
    WROTE (2);
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, s1, e1, TRAINING__STAFF_CATEGORY__SPIP, 0)));
    WROTE (0);

    Training__ById *by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    training__by_id__init (by_id);
    by_id->id = s1;
    Training__Attendance *attendance = OK (TRAINING (SESSION_ATTENDANCE, by_id))->attendance;
    CHECK (attendance->session && attendance->session->id == s1);
    CHECK (attendance->n_participants == 1 && attendance->participants [0]->person_id == person);
    CHECK (attendance->n_counts == 2 && attendance->total == 1 + 6 + 2);
    by_id->id = 999;
    EXPECT (TRAINING (SESSION_ATTENDANCE, by_id), NOT_FOUND, "id");
}

//  While the registry is down, writes that need it are UNAVAILABLE, reads
//  still answer; once it is back, the same request id goes through.
static void
s_registry_down (th_t *t, const prerequisites_t *p, made_t *made)
{
    uint64_t seq = th_last_seq (t);
    th_registry_stop (t);
    Training__TrainingOffer *offer = th_offer (t, p, th_date (t, 2026, 1, 1), th_date (t, 2026, 12, 31));
    EXPECT (TRAINING_ID (CREATE_OFFER, offer, "offer-2026"), UNAVAILABLE, "offer.region_code");
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [2], p->persons [2],
                                                       TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)),
            UNAVAILABLE, "participant.person_id");
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, p->region_establishment [0], 2025,
                                                   TRAINING__STAFF_CATEGORY__PRISON_GUARD, 100)),
            UNAVAILABLE, "headcount.establishment_id");
    //  Local refusals come first and do not wait for the registry
    EXPECT (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [0], p->persons [0],
                                                       TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)),
            ALREADY_EXISTS, "participant.person_id");
    Training__ById *by_id = pps_arena_alloc (t->arena, sizeof *by_id);
    training__by_id__init (by_id);
    by_id->id = made->offers [0];
    OK (TRAINING (GET_OFFER, by_id));
    WROTE (0);
    th_registry_start (t);
    Training__TrainingOffer *created = OK (TRAINING_ID (CREATE_OFFER, offer, "offer-2026"))->offer;
    CHECK (created->id > made->offers [1]);
    WROTE (1);
}

//  The log holds one event per change, with its topic and record.
static void
s_event_log (th_t *t)
{
    Training__TrainingEvent **events;
    size_t count = th_events_since (t, 0, &events);
    CHECK (count == th_last_seq (t));
    const char *expected [] = {
        "training.offer.created", "training.offer.created", "training.offer.updated",
        "training.session.created", "training.session.created", "training.session.created",
        "training.session.updated", "training.session.updated",
        "training.participant.added", "training.participant.added", "training.participant.added",
        "training.participant.removed",
        "training.category_count.set", "training.category_count.set", "training.category_count.set",
        "training.category_count.set", "training.category_count.set",
        "training.offer.created",
    };
    CHECK (count == sizeof expected / sizeof expected [0]);
    for (size_t index = 0; index < count; index++) {
        Training__TrainingEvent *event = events [index];
        CHECK (event->seq == index + 1 && streq (event->source, "training"));
        CHECK (streq (event->topic, expected [index]));
        CHECK (streq (event->actor, "training_service_test") && *event->request_id);
        CHECK (event->change_case != TRAINING__TRAINING_EVENT__CHANGE__NOT_SET);
    }
    CHECK (events [0]->offer && streq (events [0]->request_id, "offer-1"));
    CHECK (events [11]->participant && events [11]->participant->category == TRAINING__STAFF_CATEGORY__SPIP);
    //  The removed line of a count is published with its count at 0
    CHECK (events [15]->category_count && events [15]->category_count->count == 0);
}

int
main (void)
{
    zsys_init ();
    th_t test;
    th_t *t = &test;
    th_start (t);
    prerequisites_t prerequisites;
    made_t made;
    memset (&made, 0, sizeof made);
    th_prerequisites (t, &prerequisites);
    s_offers (t, &prerequisites, &made);
    s_sessions (t, &prerequisites, &made);
    s_attendance (t, &prerequisites, &made);
    s_registry_down (t, &prerequisites, &made);
    s_event_log (t);
    th_stop (t);
    printf (" * training.service: OK\n");
    return 0;
}
