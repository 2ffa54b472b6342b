/*  training_rules: the counting rules of OS 2 and OO 1.1.  */
#include "training_rules.h"

#include <czmq.h>

training_group_t
training_rules_group (Training__StaffCategory category)
{
    switch (category) {
        case TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL:
            return TRAINING_GROUP_HEALTH;
        //  The penitentiary administration: "surveillants, gradés, SPIP" (seed 004)
        case TRAINING__STAFF_CATEGORY__PRISON_GUARD:
        case TRAINING__STAFF_CATEGORY__PRISON_OFFICER:
        case TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT:
        case TRAINING__STAFF_CATEGORY__SPIP:
            return TRAINING_GROUP_PENITENTIARY;
        case TRAINING__STAFF_CATEGORY__PJJ:
            return TRAINING_GROUP_PJJ;
        case TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE:
            return TRAINING_GROUP_EDUCATION;
        case TRAINING__STAFF_CATEGORY__OTHER_CATEGORY:
            return TRAINING_GROUP_OTHER;
        default:
            return TRAINING_GROUP_NONE;
    }
}

bool
training_rules_session_in_period (const Pps__Date *first, const Pps__Date *last,
                                  const Pps__Date *from, const Pps__Date *to)
{
    int32_t start = pps_date_ordinal (first);
    int32_t end = pps_date_is_set (last) ? pps_date_ordinal (last) : start;
    if (pps_date_is_set (to) && start > pps_date_ordinal (to))
        return false;
    if (pps_date_is_set (from) && end < pps_date_ordinal (from))
        return false;
    return true;
}

bool
training_rules_offer_open_during (const Training__TrainingOffer *offer,
                                  const Pps__Date *from, const Pps__Date *to)
{
    if (pps_date_is_set (to) && pps_date_ordinal (offer->open_from) > pps_date_ordinal (to))
        return false;
    if (pps_date_is_set (from) && pps_date_is_set (offer->open_to)
    &&  pps_date_ordinal (offer->open_to) < pps_date_ordinal (from))
        return false;
    return true;
}

bool
training_rules_offer_open_at (const Training__TrainingOffer *offer, const Pps__Date *day)
{
    return pps_date_in_range (day, offer->open_from, offer->open_to);
}

//  Order: by person, then latest attendance first.
static int
s_by_person_latest_first (const void *left, const void *right)
{
    const training_attendance_t *a = left, *b = right;
    if (a->person_id != b->person_id)
        return a->person_id < b->person_id ? -1 : 1;
    if (a->day != b->day)
        return a->day > b->day ? -1 : 1;
    if (a->session_id != b->session_id)
        return a->session_id > b->session_id ? -1 : 1;
    return 0;
}

void
training_rules_count_persons (training_tally_t *tally, training_attendance_t *items, size_t count)
{
    if (count > 1)
        qsort (items, count, sizeof items [0], s_by_person_latest_first);
    for (size_t index = 0; index < count; index++) {
        //  The first item of each person is their latest attendance
        if (index > 0 && items [index].person_id == items [index - 1].person_id)
            continue;
        Training__StaffCategory category = items [index].category;
        if (category < 1 || category > TRAINING_CATEGORY_LAST)
            continue;
        tally->persons [category]++;
        tally->distinct_persons++;
    }
}

void
training_rules_add_anonymous (training_tally_t *tally, Training__StaffCategory category,
                              int64_t count)
{
    if (category >= 1 && category <= TRAINING_CATEGORY_LAST && count > 0)
        tally->anonymous [category] += (uint64_t) count;
}

void
training_rules_add_headcount (training_tally_t *tally, Training__StaffCategory category,
                              int64_t count)
{
    if (category >= 1 && category <= TRAINING_CATEGORY_LAST && count > 0)
        tally->headcount [category] += (uint64_t) count;
}

uint64_t
training_rules_group_trained (const training_tally_t *tally, training_group_t group)
{
    uint64_t total = 0;
    for (int category = 1; category <= TRAINING_CATEGORY_LAST; category++)
        if (training_rules_group (category) == group)
            total += tally->persons [category] + tally->anonymous [category];
    return total;
}

uint64_t
training_rules_total_trained (const training_tally_t *tally)
{
    uint64_t total = tally->distinct_persons;
    for (int category = 1; category <= TRAINING_CATEGORY_LAST; category++)
        total += tally->anonymous [category];
    return total;
}

uint64_t
training_rules_group_headcount (const training_tally_t *tally, training_group_t group)
{
    uint64_t total = 0;
    for (int category = 1; category <= TRAINING_CATEGORY_LAST; category++)
        if (training_rules_group (category) == group)
            total += tally->headcount [category];
    return total;
}

//  A count for the wire: capped rather than wrapped.
static uint32_t
s_cap (uint64_t value)
{
    return value > UINT32_MAX ? UINT32_MAX : (uint32_t) value;
}

void
training_rules_fill_stats (pps_arena_t *arena, const training_tally_t *tally,
                           Training__TrainedStats *stats)
{
    stats->n_categories = TRAINING_CATEGORY_LAST;
    stats->categories = pps_arena_alloc (arena, TRAINING_CATEGORY_LAST * sizeof (void *));
    for (int category = 1; category <= TRAINING_CATEGORY_LAST; category++) {
        Training__CategoryStats *line = pps_arena_alloc (arena, sizeof *line);
        training__category_stats__init (line);
        line->category = category;
        line->persons = s_cap (tally->persons [category]);
        line->anonymous = s_cap (tally->anonymous [category]);
        line->trained = s_cap (tally->persons [category] + tally->anonymous [category]);
        line->headcount = s_cap (tally->headcount [category]);
        stats->categories [category - 1] = line;
    }
    stats->health_trained = s_cap (training_rules_group_trained (tally, TRAINING_GROUP_HEALTH));
    stats->health_headcount = s_cap (training_rules_group_headcount (tally, TRAINING_GROUP_HEALTH));
    stats->penitentiary_trained = s_cap (training_rules_group_trained (
        tally, TRAINING_GROUP_PENITENTIARY));
    stats->penitentiary_headcount = s_cap (training_rules_group_headcount (
        tally, TRAINING_GROUP_PENITENTIARY));
    stats->pjj_trained = s_cap (training_rules_group_trained (tally, TRAINING_GROUP_PJJ));
    stats->pjj_headcount = s_cap (training_rules_group_headcount (tally, TRAINING_GROUP_PJJ));
    stats->education_trained = s_cap (training_rules_group_trained (tally,
                                                                    TRAINING_GROUP_EDUCATION));
    stats->education_headcount = s_cap (training_rules_group_headcount (
        tally, TRAINING_GROUP_EDUCATION));
    stats->other_trained = s_cap (training_rules_group_trained (tally, TRAINING_GROUP_OTHER));
    stats->other_headcount = s_cap (training_rules_group_headcount (tally, TRAINING_GROUP_OTHER));
    stats->total_trained = s_cap (training_rules_total_trained (tally));
    stats->distinct_persons = s_cap (tally->distinct_persons);
}

//  ---------------------------------------------------------------- self test

//  A date in the test arena.
static Pps__Date *
s_test_date (pps_arena_t *arena, int year, int month, int day)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  One named attendance, for the counting tests.
static training_attendance_t
s_test_attendance (uint64_t person_id, uint64_t session_id, int32_t day,
                   Training__StaffCategory category)
{
    training_attendance_t attendance = { person_id, session_id, day, category };
    return attendance;
}

void
training_rules_test (bool verbose)
{
    (void) verbose;
    pps_arena_t *arena = pps_arena_new ();

    //  Families: the SPIP is of the penitentiary administration
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL) == TRAINING_GROUP_HEALTH);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__PRISON_GUARD) == TRAINING_GROUP_PENITENTIARY);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__PRISON_OFFICER) == TRAINING_GROUP_PENITENTIARY);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT) == TRAINING_GROUP_PENITENTIARY);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__SPIP) == TRAINING_GROUP_PENITENTIARY);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__PJJ) == TRAINING_GROUP_PJJ);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE) == TRAINING_GROUP_EDUCATION);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__OTHER_CATEGORY) == TRAINING_GROUP_OTHER);
    assert (training_rules_group (TRAINING__STAFF_CATEGORY__STAFF_CATEGORY_UNSPECIFIED) == TRAINING_GROUP_NONE);
    assert (training_rules_group (99) == TRAINING_GROUP_NONE);

    //  Period boundaries are inclusive; a session spanning a boundary counts
    Pps__Date *jan1 = s_test_date (arena, 2025, 1, 1);
    Pps__Date *dec31 = s_test_date (arena, 2025, 12, 31);
    Pps__Date *unset = s_test_date (arena, 0, 0, 0);
    assert (training_rules_session_in_period (jan1, unset, jan1, dec31));
    assert (training_rules_session_in_period (dec31, unset, jan1, dec31));
    assert (!training_rules_session_in_period (s_test_date (arena, 2024, 12, 31), unset, jan1, dec31));
    assert (!training_rules_session_in_period (s_test_date (arena, 2026, 1, 1), unset, jan1, dec31));
    assert (training_rules_session_in_period (s_test_date (arena, 2024, 12, 30),
                                              s_test_date (arena, 2025, 1, 1), jan1, dec31));
    assert (!training_rules_session_in_period (s_test_date (arena, 2024, 12, 30),
                                               s_test_date (arena, 2024, 12, 31), jan1, dec31));
    assert (training_rules_session_in_period (dec31, s_test_date (arena, 2026, 1, 2), jan1, dec31));
    //  An unset end of the period leaves that side open
    assert (training_rules_session_in_period (dec31, unset, jan1, unset));
    assert (!training_rules_session_in_period (s_test_date (arena, 2024, 6, 1), unset, jan1, unset));
    assert (training_rules_session_in_period (s_test_date (arena, 2024, 6, 1), unset, unset, dec31));

    //  Offers: open period against a period, open-ended offers
    Training__TrainingOffer offer = TRAINING__TRAINING_OFFER__INIT;
    offer.open_from = s_test_date (arena, 2025, 3, 1);
    offer.open_to = s_test_date (arena, 2025, 6, 30);
    assert (training_rules_offer_open_during (&offer, jan1, dec31));
    assert (training_rules_offer_open_during (&offer, s_test_date (arena, 2025, 6, 30), dec31));
    assert (!training_rules_offer_open_during (&offer, s_test_date (arena, 2025, 7, 1), dec31));
    assert (training_rules_offer_open_during (&offer, jan1, s_test_date (arena, 2025, 3, 1)));
    assert (!training_rules_offer_open_during (&offer, jan1, s_test_date (arena, 2025, 2, 28)));
    assert (training_rules_offer_open_at (&offer, s_test_date (arena, 2025, 6, 30)));
    assert (!training_rules_offer_open_at (&offer, s_test_date (arena, 2025, 7, 1)));
    offer.open_to = NULL;
    assert (training_rules_offer_open_during (&offer, s_test_date (arena, 2030, 1, 1),
                                              s_test_date (arena, 2030, 12, 31)));
    assert (!training_rules_offer_open_during (&offer, s_test_date (arena, 2024, 1, 1),
                                               s_test_date (arena, 2024, 12, 31)));

    //  Distinct people: person 1 twice (counted once), person 2 moved from
    //  guard to officer (counted once, as officer, the latest), person 3
    //  twice on the same day (the higher session decides), person 4 health
    training_tally_t tally;
    memset (&tally, 0, sizeof tally);
    training_attendance_t items [] = {
        s_test_attendance (1, 10, 20250310, TRAINING__STAFF_CATEGORY__PRISON_GUARD),
        s_test_attendance (2, 10, 20250310, TRAINING__STAFF_CATEGORY__PRISON_GUARD),
        s_test_attendance (1, 11, 20250520, TRAINING__STAFF_CATEGORY__PRISON_GUARD),
        s_test_attendance (2, 12, 20251105, TRAINING__STAFF_CATEGORY__PRISON_OFFICER),
        s_test_attendance (3, 13, 20250601, TRAINING__STAFF_CATEGORY__SPIP),
        s_test_attendance (3, 14, 20250601, TRAINING__STAFF_CATEGORY__PJJ),
        s_test_attendance (4, 11, 20250520, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL),
    };
    training_rules_count_persons (&tally, items, sizeof items / sizeof items [0]);
    assert (tally.distinct_persons == 4);
    assert (tally.persons [TRAINING__STAFF_CATEGORY__PRISON_GUARD] == 1);
    assert (tally.persons [TRAINING__STAFF_CATEGORY__PRISON_OFFICER] == 1);
    assert (tally.persons [TRAINING__STAFF_CATEGORY__PJJ] == 1);
    assert (tally.persons [TRAINING__STAFF_CATEGORY__SPIP] == 0);
    assert (tally.persons [TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL] == 1);

    //  Anonymous counts add up as they are; they are never de-duplicated
    training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 4);
    training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 6);
    training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 2);
    training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__EDUCATION_NATIONALE, 3);
    training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__STAFF_CATEGORY_UNSPECIFIED, 50);
    training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__PJJ, -5);
    assert (tally.anonymous [TRAINING__STAFF_CATEGORY__PRISON_GUARD] == 10);
    assert (tally.anonymous [0] == 0);
    assert (tally.anonymous [TRAINING__STAFF_CATEGORY__PJJ] == 0);
    //  health: 1 named + 2; penitentiary: 1 guard + 1 officer + 10;
    //  PJJ 1 (person 3, latest as PJJ); EN 3; in all 4 named + 15 anonymous
    assert (training_rules_group_trained (&tally, TRAINING_GROUP_HEALTH) == 3);
    assert (training_rules_group_trained (&tally, TRAINING_GROUP_PENITENTIARY) == 12);
    assert (training_rules_group_trained (&tally, TRAINING_GROUP_PJJ) == 1);
    assert (training_rules_group_trained (&tally, TRAINING_GROUP_EDUCATION) == 3);
    assert (training_rules_group_trained (&tally, TRAINING_GROUP_OTHER) == 0);
    assert (training_rules_total_trained (&tally) == 4 + 15);

    training_rules_add_headcount (&tally, TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, 20);
    training_rules_add_headcount (&tally, TRAINING__STAFF_CATEGORY__PRISON_GUARD, 150);
    training_rules_add_headcount (&tally, TRAINING__STAFF_CATEGORY__PRISON_OFFICER, 20);
    training_rules_add_headcount (&tally, TRAINING__STAFF_CATEGORY__PRISON_MANAGEMENT, 5);
    training_rules_add_headcount (&tally, TRAINING__STAFF_CATEGORY__SPIP, 12);
    assert (training_rules_group_headcount (&tally, TRAINING_GROUP_HEALTH) == 20);
    assert (training_rules_group_headcount (&tally, TRAINING_GROUP_PENITENTIARY) == 187);
    assert (training_rules_group_headcount (&tally, TRAINING_GROUP_OTHER) == 0);

    Training__TrainedStats stats = TRAINING__TRAINED_STATS__INIT;
    training_rules_fill_stats (arena, &tally, &stats);
    assert (stats.n_categories == TRAINING_CATEGORY_LAST);
    for (size_t index = 0; index < stats.n_categories; index++)
        assert (stats.categories [index]->category == (Training__StaffCategory) (index + 1));
    Training__CategoryStats *guards = stats.categories [TRAINING__STAFF_CATEGORY__PRISON_GUARD - 1];
    assert (guards->persons == 1 && guards->anonymous == 10 && guards->trained == 11
            && guards->headcount == 150);
    assert (stats.health_trained == 3 && stats.health_headcount == 20);
    assert (stats.penitentiary_trained == 12 && stats.penitentiary_headcount == 187);
    assert (stats.pjj_trained == 1 && stats.education_trained == 3 && stats.other_trained == 0);
    assert (stats.distinct_persons == 4 && stats.total_trained == 19);

    //  Huge sums are capped on the wire, not wrapped
    memset (&tally, 0, sizeof tally);
    for (int index = 0; index < 5; index++)
        training_rules_add_anonymous (&tally, TRAINING__STAFF_CATEGORY__PRISON_GUARD, INT32_MAX);
    training_rules_fill_stats (arena, &tally, &stats);
    assert (stats.penitentiary_trained == UINT32_MAX && stats.total_trained == UINT32_MAX);
    //  An empty scope counts nothing
    memset (&tally, 0, sizeof tally);
    training_rules_count_persons (&tally, NULL, 0);
    training_rules_fill_stats (arena, &tally, &stats);
    assert (stats.health_trained == 0 && stats.penitentiary_headcount == 0 && stats.distinct_persons == 0);
    pps_arena_destroy (&arena);
}
