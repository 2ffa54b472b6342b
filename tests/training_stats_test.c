/*  training.stats: staff headcounts, TrainedStats (OS 2) and IsTrained
    (OO 1.1) through a real training service and a real registry served
    in-process (see training_harness.h). The figures below are worked out
    by hand from the sessions this test records:

        session  site         dates                    offer
        A        E1           2025-03-10               2025
        B        elsewhere    2025-11-20..2025-11-21   2025
        C        E2           2025-12-31               2025
        Z        E1           2024-12-30..2025-01-01   open-ended
        D        E1           2026-01-02               open-ended

        P1 guard at A (E1 by default), officer at B (E1 given)
        P2 health at B (E2 given); P3 other at B (no establishment)
        P4 management at Z (E1 by default), health at D
        counts: A E1 guard 5, A E1 health 2, B E1 guard 3, C E2 guard 4,
                D E1 guard 7
*/
#include "training_harness.h"

enum { A, B, C, Z, D, SESSIONS };

typedef struct {
    uint64_t sessions [SESSIONS];
    uint64_t e1, e2;
} made_t;

static void
s_record (th_t *t, const prerequisites_t *p, made_t *made)
{
    uint64_t seq = th_last_seq (t);
    made->e1 = p->region_establishment [0];
    made->e2 = p->region_establishment [1];
    uint64_t year_offer = OK (TRAINING (CREATE_OFFER, th_offer (
        t, p, th_date (t, 2025, 1, 1), th_date (t, 2025, 12, 31))))->offer->id;
    uint64_t open_offer = OK (TRAINING (CREATE_OFFER, th_offer (
        t, p, th_date (t, 2024, 6, 1), NULL)))->offer->id;
    made->sessions [A] = OK (TRAINING (CREATE_SESSION, th_session (
        t, year_offer, th_date (t, 2025, 3, 10), NULL, made->e1, "")))->session->id;
    made->sessions [B] = OK (TRAINING (CREATE_SESSION, th_session (
        t, year_offer, th_date (t, 2025, 11, 20), th_date (t, 2025, 11, 21), 0, "Lille")))->session->id;
    made->sessions [C] = OK (TRAINING (CREATE_SESSION, th_session (
        t, year_offer, th_date (t, 2025, 12, 31), NULL, made->e2, "")))->session->id;
    made->sessions [Z] = OK (TRAINING (CREATE_SESSION, th_session (
        t, open_offer, th_date (t, 2024, 12, 30), th_date (t, 2025, 1, 1), made->e1, "")))->session->id;
    made->sessions [D] = OK (TRAINING (CREATE_SESSION, th_session (
        t, open_offer, th_date (t, 2026, 1, 2), NULL, made->e1, "")))->session->id;
    WROTE (7);

    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [A], p->persons [0],
                                                   TRAINING__STAFF_CATEGORY__PRISON_GUARD, 0)));
    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [B], p->persons [0],
                                                   TRAINING__STAFF_CATEGORY__PRISON_OFFICER, made->e1)));
    //  Replaying a write answers its first reply: no ALREADY_EXISTS, no event
    Training__Participant *health = th_participant (t, made->sessions [B], p->persons [1],
                                                    TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, made->e2);
    Training__Participant *first = OK (TRAINING_ID (ADD_PARTICIPANT, health, "p2-at-b"))->participant;
    Training__Participant *again = OK (TRAINING_ID (ADD_PARTICIPANT, health, "p2-at-b"))->participant;
    CHECK (first->establishment_id == made->e2 && again->establishment_id == made->e2);
    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [B], p->persons [2],
                                                   TRAINING__STAFF_CATEGORY__OTHER_CATEGORY, 0)));
    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [Z], p->persons [3],
                                                   TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT, 0)));
    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [D], p->persons [3],
                                                   TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 0)));
    WROTE (6);

    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, made->sessions [A], 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 5)));
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, made->sessions [A], 0, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 2)));
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, made->sessions [B], made->e1, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 3)));
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, made->sessions [C], 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 4)));
    OK (TRAINING (SET_CATEGORY_COUNT, th_count (t, made->sessions [D], 0, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 7)));
    WROTE (5);
}

static void
s_headcounts (th_t *t, const prerequisites_t *p, made_t *made)
{
    uint64_t seq = th_last_seq (t);
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, 999, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 10)),
            NOT_FOUND, "headcount.establishment_id");
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, 0, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 10)),
            INVALID_ARGUMENT, "headcount.establishment_id");
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, made->e1, 1999, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 10)),
            INVALID_ARGUMENT, "headcount.year");
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, -1)),
            INVALID_ARGUMENT, "headcount.count");
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 100001)),
            INVALID_ARGUMENT, "headcount.count");
    EXPECT (TRAINING (PUT_HEADCOUNT, th_headcount (t, made->e1, 2025, 0, 10)),
            INVALID_ARGUMENT, "headcount.category");
    Training__StaffHeadcount *wrong_region = th_headcount (t, made->e1, 2025,
                                                           TRAINING__STAFF_CATEGORY__PRISON_GUARD, 10);
    wrong_region->region_code = "11";
    EXPECT (TRAINING (PUT_HEADCOUNT, wrong_region), INVALID_ARGUMENT, "headcount.region_code");
    WROTE (0);

    struct { uint64_t establishment; int32_t year; Training__StaffCategory category; int32_t count; } lines [] = {
        { made->e1, 2025, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 20 },
        { made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 149 },
        { made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 20 },
        { made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT, 5 },
        { made->e2, 2025, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 10 },
        { made->e2, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 80 },
        { made->e1, 2024, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 140 },
        { made->e1, 2026, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 160 },
        { p->other_establishment, 2025, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 7 },
    };
    for (size_t index = 0; index < sizeof lines / sizeof lines [0]; index++) {
        Training__StaffHeadcount *put = OK (TRAINING (PUT_HEADCOUNT, th_headcount (
            t, lines [index].establishment, lines [index].year, lines [index].category,
            lines [index].count)))->headcount;
        CHECK (streq (put->region_code, lines [index].establishment == p->other_establishment
                                        ? "11" : "32"));
    }
    WROTE (9);
    //  The same figure again changes nothing; a new one replaces the line
    OK (TRAINING (PUT_HEADCOUNT, th_headcount (t, made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 149)));
    WROTE (0);
    OK (TRAINING (PUT_HEADCOUNT, th_headcount (t, made->e1, 2025, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 150)));
    WROTE (1);

    Training__HeadcountFilter *filter = pps_arena_alloc (t->arena, sizeof *filter);
    training__headcount_filter__init (filter);
    filter->region_code = "32";
    filter->year = 2025;
    Training__HeadcountList *list = OK (TRAINING (LIST_HEADCOUNTS, filter))->headcounts;
    CHECK (list->n_items == 6);
    int64_t total = 0;
    for (size_t index = 0; index < list->n_items; index++)
        total += list->items [index]->count;
    CHECK (total == 20 + 150 + 20 + 5 + 10 + 80);
    filter->region_code = "";
    filter->year = 0;
    filter->establishment_id = made->e1;
    CHECK (OK (TRAINING (LIST_HEADCOUNTS, filter))->headcounts->n_items == 6);
    filter->year = 2024;
    list = OK (TRAINING (LIST_HEADCOUNTS, filter))->headcounts;
    CHECK (list->n_items == 1 && list->items [0]->count == 140);
    filter->establishment_id = 0;
    filter->year = 0;
    filter->region_code = "11";
    CHECK (OK (TRAINING (LIST_HEADCOUNTS, filter))->headcounts->n_items == 1);
    filter->year = 1999;
    EXPECT (TRAINING (LIST_HEADCOUNTS, filter), INVALID_ARGUMENT, "year");
}

static void
s_stats (th_t *t, const prerequisites_t *p, made_t *made)
{
    Pps__Date *jan1 = th_date (t, 2025, 1, 1), *dec31 = th_date (t, 2025, 12, 31);

    //  The region in 2025: P1 once (as officer, his latest), P4 through Z
    Training__TrainedStats *stats = th_stats (t, 0, jan1, dec31);
    CHECK (stats->sessions == 4 && stats->distinct_persons == 4 && stats->headcount_year == 2025);
    CHECK (stats->health_trained == 1 + 2 && stats->health_headcount == 30);
    CHECK (stats->penitentiary_trained == 1 + 1 + 12 && stats->penitentiary_headcount == 255);
    CHECK (stats->other_trained == 1 && stats->pjj_trained == 0 && stats->education_trained == 0);
    //  Every family: the 4 named people once each, and the anonymous counts
    CHECK (stats->total_trained == 4 + 2 + 12);
    Training__CategoryStats *guards = th_category (stats, TRAINING__STAFF_CATEGORY__PRISON_GUARD);
    CHECK (guards->persons == 0 && guards->anonymous == 12 && guards->trained == 12
           && guards->headcount == 230);
    Training__CategoryStats *officers = th_category (stats, TRAINING__STAFF_CATEGORY__PRISON_OFFICER);
    CHECK (officers->persons == 1 && officers->headcount == 20);
    CHECK (th_category (stats, TRAINING__STAFF_CATEGORY__SPIP)->trained == 0);

    //  The staff of E1: sessions A, B (held elsewhere) and Z
    stats = th_stats (t, made->e1, jan1, dec31);
    CHECK (stats->sessions == 3 && stats->distinct_persons == 2);
    CHECK (stats->health_trained == 2 && stats->health_headcount == 20);
    CHECK (stats->penitentiary_trained == 1 + 1 + 8 && stats->penitentiary_headcount == 175);
    CHECK (stats->other_trained == 0);

    //  Both ends of a period count: the last day holds session C alone
    stats = th_stats (t, 0, dec31, dec31);
    CHECK (stats->sessions == 1 && stats->penitentiary_trained == 4 && stats->distinct_persons == 0);
    stats = th_stats (t, 0, jan1, jan1);
    CHECK (stats->sessions == 1 && stats->penitentiary_trained == 1);

    //  Another year has its own headcount
    stats = th_stats (t, 0, th_date (t, 2024, 1, 1), th_date (t, 2024, 12, 31));
    CHECK (stats->sessions == 1 && stats->penitentiary_trained == 1 && stats->penitentiary_headcount == 140);
    CHECK (stats->health_headcount == 0);
    stats = th_stats (t, 0, th_date (t, 2026, 1, 1), th_date (t, 2026, 12, 31));
    CHECK (stats->health_trained == 1 && stats->penitentiary_trained == 7 && stats->penitentiary_headcount == 160);

    //  Over two years P4 is one person, in the category of the latest session
    stats = th_stats (t, 0, jan1, th_date (t, 2026, 12, 31));
    CHECK (stats->distinct_persons == 4 && stats->headcount_year == 2026);
    CHECK (th_category (stats, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL)->persons == 2);
    CHECK (th_category (stats, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT)->persons == 0);

    //  Once P1 leaves B, he counts as the guard he was at A
    Training__RemoveParticipant *remove = pps_arena_alloc (t->arena, sizeof *remove);
    training__remove_participant__init (remove);
    remove->session_id = made->sessions [B];
    remove->person_id = p->persons [0];
    OK (TRAINING (REMOVE_PARTICIPANT, remove));
    stats = th_stats (t, 0, jan1, dec31);
    CHECK (th_category (stats, TRAINING__STAFF_CATEGORY__PRISON_GUARD)->persons == 1);
    CHECK (th_category (stats, TRAINING__STAFF_CATEGORY__PRISON_OFFICER)->persons == 0);
    CHECK (stats->penitentiary_trained == 14 && stats->distinct_persons == 4);
    OK (TRAINING (ADD_PARTICIPANT, th_participant (t, made->sessions [B], p->persons [0],
                                                   TRAINING__STAFF_CATEGORY__PRISON_OFFICER, made->e1)));

    //  Bad queries
    Training__StatsQuery *query = pps_arena_alloc (t->arena, sizeof *query);
    training__stats_query__init (query);
    query->from = jan1;
    query->to = dec31;
    EXPECT (TRAINING (TRAINED_STATS, query), INVALID_ARGUMENT, "region_code");
    query->region_code = "32";
    query->to = NULL;
    EXPECT (TRAINING (TRAINED_STATS, query), INVALID_ARGUMENT, "to");
    query->from = dec31;
    query->to = jan1;
    EXPECT (TRAINING (TRAINED_STATS, query), INVALID_ARGUMENT, "to");
}

static void
s_is_trained (th_t *t, const prerequisites_t *p, made_t *made)
{
    Training__IsTrained *answer = th_is_trained (t, p->persons [2], 2025);
    CHECK (answer->trained && answer->n_sessions == 1 && answer->sessions [0]->id == made->sessions [B]);
    answer = th_is_trained (t, p->persons [2], 2024);
    CHECK (!answer->trained && answer->n_sessions == 0);
    answer = th_is_trained (t, p->persons [0], 2025);
    CHECK (answer->trained && answer->n_sessions == 2);
    CHECK (answer->sessions [0]->id == made->sessions [A] && answer->sessions [1]->id == made->sessions [B]);
    //  A session that began the year before still trains in this one
    answer = th_is_trained (t, p->persons [3], 2025);
    CHECK (answer->trained && answer->n_sessions == 1 && answer->sessions [0]->id == made->sessions [Z]);
    CHECK (!th_is_trained (t, 9999, 2025)->trained);

    Training__IsTrainedQuery *query = pps_arena_alloc (t->arena, sizeof *query);
    training__is_trained_query__init (query);
    query->from = th_date (t, 2025, 1, 1);
    query->to = th_date (t, 2025, 12, 31);
    EXPECT (TRAINING (IS_TRAINED, query), INVALID_ARGUMENT, "person_id");
    query->person_id = p->persons [0];
    query->from = NULL;
    EXPECT (TRAINING (IS_TRAINED, query), INVALID_ARGUMENT, "from");
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
    th_prerequisites (t, &prerequisites);
    s_record (t, &prerequisites, &made);
    s_headcounts (t, &prerequisites, &made);
    s_stats (t, &prerequisites, &made);
    s_is_trained (t, &prerequisites, &made);
    th_stop (t);
    printf (" * training.stats: OK\n");
    return 0;
}
