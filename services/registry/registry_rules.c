/*  registry_rules: referent roles, designation periods, vacancies and the
    mandatory membership of steering committees, as data and pure functions.  */
#include "registry_rules.h"

#include <czmq.h>

//  The referent chain of instruction 2023/97 (DESIGN.md section 1). Only the
//  health-unit role allows several active designations in one establishment:
//  the USMP has a somatic and a psychiatric team and each may name its own
//  referent. Every other post is held by one person at a time, so a second
//  active designation there is a mistake (usually a predecessor not ended).
static const registry_role_t s_roles [] = {
    { REGISTRY__REFERENT_ROLE__ARS_REFERENT,          REGISTRY_SCOPE_REGION,        false,
      REGISTRY_NEED_ALWAYS, "ARS referent" },
    { REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT,  REGISTRY_SCOPE_REGION,        false,
      REGISTRY_NEED_ALWAYS, "DISP health referent" },
    { REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT,       REGISTRY_SCOPE_REGION,        false,
      REGISTRY_NEED_ALWAYS, "DIRPJJ referent" },
    { REGISTRY__REFERENT_ROLE__IREPS_REFERENT,        REGISTRY_SCOPE_REGION,        false,
      REGISTRY_NEED_ALWAYS, "IREPS referent" },
    { REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT,  REGISTRY_SCOPE_ESTABLISHMENT, true,
      REGISTRY_NEED_OPEN,   "health-unit (USMP) referent" },
    { REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, REGISTRY_SCOPE_ESTABLISHMENT, false,
      REGISTRY_NEED_OPEN,   "prison-staff referent" },
    { REGISTRY__REFERENT_ROLE__PJJ_REFERENT,          REGISTRY_SCOPE_ESTABLISHMENT, false,
      REGISTRY_NEED_MINORS, "PJJ referent" },
};
#define ROLE_COUNT (sizeof s_roles / sizeof s_roles [0])

//  Footnote 8 lists who the steering committee gathers. Each listed
//  category is mandatory, the detainee representative included: the
//  footnote lists "une personne détenue représentant les usagers", so we
//  count it although the body text only says such a representation "is
//  sought". The PJJ sits only where minors are held; other useful
//  partners are optional by the footnote's own words.
static const Registry__MemberCategory s_mandatory_categories [] = {
    REGISTRY__MEMBER_CATEGORY__SOMATIC_CARE_LEAD,
    REGISTRY__MEMBER_CATEGORY__PSYCHIATRIC_CARE_LEAD,
    REGISTRY__MEMBER_CATEGORY__HEALTH_UNIT_CARE_STAFF,
    REGISTRY__MEMBER_CATEGORY__HOSPITAL_DIRECTOR,
    REGISTRY__MEMBER_CATEGORY__PRISON_SERVICE_STAFF,
    REGISTRY__MEMBER_CATEGORY__PRISON_GOVERNOR,
    REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER,
    REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE,
    REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE,
};
#define MANDATORY_COUNT (sizeof s_mandatory_categories / sizeof s_mandatory_categories [0])

const registry_role_t *
registry_rules_role (Registry__ReferentRole role)
{
    for (size_t index = 0; index < ROLE_COUNT; index++)
        if (s_roles [index].role == role)
            return &s_roles [index];
    return NULL;
}

bool
registry_rules_holds_minors (const Registry__Establishment *establishment)
{
    return establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
        || establishment->has_minors_quarter;
}

bool
registry_establishment_open_on (const Registry__Establishment *establishment,
                                const Pps__Date *date)
{
    //  [opened_on, closed_on], both days included, an unset end open
    return pps_date_in_range (date, establishment->opened_on, establishment->closed_on);
}

bool
registry_health_unit_open_on (const Registry__HealthUnit *unit, const Pps__Date *date)
{
    return pps_date_in_range (date, unit->opened_on, unit->closed_on);
}

bool
registry_rules_unit_fits (const Registry__HealthUnit *unit,
                          const Registry__Establishment *establishment)
{
    //  Each set date of the unit is an open day of the establishment
    if (pps_date_is_set (unit->opened_on)
    &&  !registry_establishment_open_on (establishment, unit->opened_on))
        return false;
    return !pps_date_is_set (unit->closed_on)
        || registry_establishment_open_on (establishment, unit->closed_on);
}

bool
registry_rules_active_after (const Registry__Designation *designation, const Pps__Date *day)
{
    return !pps_date_is_set (designation->end_date)
        || pps_date_compare (designation->end_date, day) > 0;
}

bool
registry_rules_designation_fits (const Registry__Designation *designation,
                                 const Registry__Establishment *establishment)
{
    if (!registry_establishment_open_on (establishment, designation->start_date))
        return false;
    return !pps_date_is_set (establishment->closed_on)
        || !registry_rules_active_after (designation, establishment->closed_on);
}

bool
registry_rules_open_at (const Registry__Establishment *establishment, const Pps__Date *day)
{
    return registry_establishment_open_on (establishment, day);
}

bool
registry_rules_role_needed (const registry_role_t *role, const Registry__Establishment *establishment)
{
    if (!establishment)
        return role->scope == REGISTRY_SCOPE_REGION && role->need == REGISTRY_NEED_ALWAYS;
    if (role->scope != REGISTRY_SCOPE_ESTABLISHMENT)
        return false;
    if (role->need == REGISTRY_NEED_MINORS)
        return registry_rules_holds_minors (establishment);
    return true;
}

bool
registry_rules_designation_active (const Registry__Designation *designation, const Pps__Date *day)
{
    return pps_date_is_set (designation->start_date)
        && pps_date_in_range (day, designation->start_date, designation->end_date);
}

bool
registry_rules_periods_overlap (const Pps__Date *start_a, const Pps__Date *end_a,
                                const Pps__Date *start_b, const Pps__Date *end_b)
{
    //  Two closed ranges meet when each starts before the other ends
    if (pps_date_is_set (end_b) && pps_date_compare (start_a, end_b) > 0)
        return false;
    if (pps_date_is_set (end_a) && pps_date_compare (start_b, end_a) > 0)
        return false;
    return true;
}

bool
registry_rules_designations_overlap (const Registry__Designation *a, const Registry__Designation *b)
{
    return registry_rules_periods_overlap (a->start_date, a->end_date, b->start_date, b->end_date);
}

bool
registry_rules_committee_active (const Pps__Date *constituted, const Pps__Date *dissolved,
                                 const Pps__Date *day)
{
    if (!pps_date_is_set (constituted) || pps_date_compare (constituted, day) > 0)
        return false;
    return !pps_date_is_set (dissolved) || pps_date_compare (day, dissolved) < 0;
}

void
registry_rules_next_day (const Pps__Date *day, Pps__Date *next)
{
    next->year = day->year;
    next->month = day->month;
    next->day = day->day + 1;
    if (pps_date_is_valid (next))
        return;
    next->day = 1;
    if (++next->month > 12) {
        next->month = 1;
        next->year++;
    }
}

//  Appends the vacancy of role in that scope to list, unless an active
//  designation fills it.
static void
s_check_post (pps_arena_t *arena, Registry__VacancyList *list, const registry_role_t *role,
              const char *region_code, const Registry__Establishment *establishment,
              const Pps__Date *date, Registry__Designation *const *designations,
              size_t n_designations)
{
    uint64_t establishment_id = establishment ? establishment->id : 0;
    const Pps__Date *last_end = NULL;
    for (size_t index = 0; index < n_designations; index++) {
        const Registry__Designation *designation = designations [index];
        if (designation->role != role->role
        ||  designation->establishment_id != establishment_id
        ||  !streq (designation->region_code, region_code))
            continue;
        if (registry_rules_designation_active (designation, date))
            return;
        if (pps_date_is_set (designation->end_date)
        &&  pps_date_compare (designation->end_date, date) < 0
        &&  (!last_end || pps_date_compare (designation->end_date, last_end) > 0))
            last_end = designation->end_date;
    }
    Registry__Vacancy *vacancy = pps_arena_alloc (arena, sizeof *vacancy);
    registry__vacancy__init (vacancy);
    vacancy->role = role->role;
    vacancy->region_code = pps_arena_strdup (arena, region_code);
    vacancy->establishment_id = establishment_id;
    if (establishment)
        vacancy->establishment_name = pps_arena_strdup (arena, establishment->name);
    if (last_end) {
        vacancy->vacant_since = pps_arena_alloc (arena, sizeof (Pps__Date));
        pps__date__init (vacancy->vacant_since);
        registry_rules_next_day (last_end, vacancy->vacant_since);
    }
    pps_arena_push (arena, (void ***) &list->items, &list->n_items, vacancy);
}

Registry__VacancyList *
registry_rules_vacancies (pps_arena_t *arena, const char *region_code, const Pps__Date *date,
                          Registry__Establishment *const *establishments, size_t n_establishments,
                          Registry__Designation *const *designations, size_t n_designations)
{
    Registry__VacancyList *list = pps_arena_alloc (arena, sizeof *list);
    registry__vacancy_list__init (list);
    for (size_t index = 0; index < ROLE_COUNT; index++)
        if (registry_rules_role_needed (&s_roles [index], NULL))
            s_check_post (arena, list, &s_roles [index], region_code, NULL, date,
                          designations, n_designations);

    for (size_t at = 0; at < n_establishments; at++) {
        const Registry__Establishment *establishment = establishments [at];
        if (!streq (establishment->region_code, region_code)
        ||  !registry_rules_open_at (establishment, date))
            continue;
        for (size_t index = 0; index < ROLE_COUNT; index++)
            if (registry_rules_role_needed (&s_roles [index], establishment))
                s_check_post (arena, list, &s_roles [index], region_code, establishment, date,
                              designations, n_designations);
    }
    return list;
}

bool
registry_rules_category_mandatory (Registry__MemberCategory category, bool minors_held)
{
    if (category == REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE)
        return minors_held;
    for (size_t index = 0; index < MANDATORY_COUNT; index++)
        if (s_mandatory_categories [index] == category)
            return true;
    return false;
}

size_t
registry_rules_missing_categories (Registry__CommitteeMember *const *members, size_t n_members,
                                   bool minors_held, Registry__MemberCategory *missing)
{
    size_t count = 0;
    for (size_t index = 0; index < MANDATORY_COUNT; index++) {
        Registry__MemberCategory category = s_mandatory_categories [index];
        if (!registry_rules_category_mandatory (category, minors_held))
            continue;
        bool present = false;
        for (size_t at = 0; at < n_members && !present; at++)
            present = members [at]->category == category;
        if (!present) {
            assert (count < REGISTRY_CATEGORY_MAX);
            missing [count++] = category;
        }
    }
    return count;
}

//  ---------------------------------------------------------------- self test

//  The self test checks in every build type, NDEBUG or not.
#undef NDEBUG
#include <assert.h>

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

static Registry__Designation *
s_test_designation (pps_arena_t *arena, Registry__ReferentRole role, uint64_t establishment_id,
                    Pps__Date *start, Pps__Date *end)
{
    Registry__Designation *designation = pps_arena_alloc (arena, sizeof *designation);
    registry__designation__init (designation);
    designation->role = role;
    designation->region_code = "32";
    designation->establishment_id = establishment_id;
    designation->start_date = start;
    designation->end_date = end;
    return designation;
}

static Registry__Establishment *
s_test_establishment (pps_arena_t *arena, uint64_t id, Registry__EstablishmentKind kind,
                      bool minors_quarter, const char *region_code)
{
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->id = id;
    establishment->kind = kind;
    establishment->has_minors_quarter = minors_quarter;
    establishment->region_code = (char *) region_code;
    establishment->name = pps_arena_printf (arena, "EP %llu", (unsigned long long) id);
    return establishment;
}

//  The vacancy of role in that establishment (0: region scope), or NULL.
static Registry__Vacancy *
s_test_find (Registry__VacancyList *list, Registry__ReferentRole role, uint64_t establishment_id)
{
    for (size_t index = 0; index < list->n_items; index++)
        if (list->items [index]->role == role
        &&  list->items [index]->establishment_id == establishment_id)
            return list->items [index];
    return NULL;
}

static Registry__CommitteeMember *
s_test_member (pps_arena_t *arena, Registry__MemberCategory category)
{
    Registry__CommitteeMember *member = pps_arena_alloc (arena, sizeof *member);
    registry__committee_member__init (member);
    member->category = category;
    return member;
}

void
registry_rules_test (bool verbose)
{
    pps_arena_t *arena = pps_arena_new ();
    Pps__Date *today = s_test_date (arena, 2025, 6, 15);

    //  The role table
    assert (registry_rules_role (REGISTRY__REFERENT_ROLE__REFERENT_ROLE_UNSPECIFIED) == NULL);
    assert (registry_rules_role ((Registry__ReferentRole) 99) == NULL);
    for (int role = 1; role <= 7; role++) {
        const registry_role_t *rule = registry_rules_role ((Registry__ReferentRole) role);
        assert (rule && rule->label && *rule->label);
        assert (rule->several == (role == REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT));
        assert ((rule->scope == REGISTRY_SCOPE_REGION) == (role <= 4));
    }

    //  Dates: activity and next day
    Registry__Designation *ended = s_test_designation (arena,
        REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0,
        s_test_date (arena, 2024, 1, 1), s_test_date (arena, 2025, 3, 31));
    assert (registry_rules_designation_active (ended, s_test_date (arena, 2025, 3, 31)));
    assert (!registry_rules_designation_active (ended, s_test_date (arena, 2025, 4, 1)));
    assert (registry_rules_designation_active (ended, s_test_date (arena, 2024, 1, 1)));
    assert (!registry_rules_designation_active (ended, s_test_date (arena, 2023, 12, 31)));
    Pps__Date next = PPS__DATE__INIT;
    registry_rules_next_day (s_test_date (arena, 2024, 12, 31), &next);
    assert (next.year == 2025 && next.month == 1 && next.day == 1);
    registry_rules_next_day (s_test_date (arena, 2024, 2, 28), &next);
    assert (next.month == 2 && next.day == 29);
    registry_rules_next_day (s_test_date (arena, 2025, 2, 28), &next);
    assert (next.month == 3 && next.day == 1);

    //  Overlaps: ends are inclusive, an unset end is open
    Pps__Date *jan1 = s_test_date (arena, 2025, 1, 1);
    Pps__Date *mar31 = s_test_date (arena, 2025, 3, 31);
    Pps__Date *apr1 = s_test_date (arena, 2025, 4, 1);
    assert (registry_rules_periods_overlap (jan1, mar31, mar31, NULL));
    assert (registry_rules_periods_overlap (mar31, NULL, jan1, mar31));
    assert (!registry_rules_periods_overlap (jan1, mar31, apr1, NULL));
    assert (!registry_rules_periods_overlap (apr1, NULL, jan1, mar31));
    assert (registry_rules_periods_overlap (jan1, NULL, apr1, NULL));
    assert (registry_rules_periods_overlap (jan1, NULL, s_test_date (arena, 2020, 1, 1),
                                            s_test_date (arena, 2025, 1, 1)));
    assert (!registry_rules_periods_overlap (jan1, NULL, s_test_date (arena, 2020, 1, 1),
                                             s_test_date (arena, 2024, 12, 31)));
    assert (registry_rules_periods_overlap (jan1, jan1, jan1, jan1));
    assert (registry_rules_periods_overlap (jan1, apr1, mar31, mar31));
    assert (registry_rules_designations_overlap (ended, s_test_designation (arena,
        REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0, mar31, NULL)));

    //  Committees: the dissolution day is the first day without the committee
    assert (registry_rules_committee_active (jan1, NULL, today));
    assert (registry_rules_committee_active (jan1, apr1, mar31));
    assert (!registry_rules_committee_active (jan1, apr1, apr1));
    assert (!registry_rules_committee_active (apr1, NULL, mar31));
    assert (!registry_rules_committee_active (NULL, NULL, today));

    //  Establishments: 1 MA, 2 CD with a minors' quarter, 3 EPM, 4 MA closed
    //  before today, 5 MA closing today (still open), 6 another region's MA
    Registry__Establishment *establishments [6];
    establishments [0] = s_test_establishment (arena, 1, REGISTRY__ESTABLISHMENT_KIND__MA, false, "32");
    establishments [1] = s_test_establishment (arena, 2, REGISTRY__ESTABLISHMENT_KIND__CD, true, "32");
    establishments [2] = s_test_establishment (arena, 3, REGISTRY__ESTABLISHMENT_KIND__EPM, false, "32");
    establishments [3] = s_test_establishment (arena, 4, REGISTRY__ESTABLISHMENT_KIND__MA, false, "32");
    establishments [3]->closed_on = s_test_date (arena, 2025, 6, 14);
    establishments [4] = s_test_establishment (arena, 5, REGISTRY__ESTABLISHMENT_KIND__MA, false, "32");
    establishments [4]->closed_on = s_test_date (arena, 2025, 6, 15);
    establishments [5] = s_test_establishment (arena, 6, REGISTRY__ESTABLISHMENT_KIND__MA, false, "11");
    assert (!registry_rules_holds_minors (establishments [0]));
    assert (registry_rules_holds_minors (establishments [1]));
    assert (registry_rules_holds_minors (establishments [2]));
    assert (!registry_rules_open_at (establishments [3], today));
    assert (registry_rules_open_at (establishments [4], today));

    //  Opening and closing days are both open days; unset ends are open
    Registry__Establishment *dated = s_test_establishment (arena, 7, REGISTRY__ESTABLISHMENT_KIND__MA,
                                                           false, "32");
    assert (registry_establishment_open_on (dated, s_test_date (arena, 1990, 1, 1)));
    dated->opened_on = s_test_date (arena, 2020, 3, 1);
    assert (!registry_establishment_open_on (dated, s_test_date (arena, 2020, 2, 29)));
    assert (registry_establishment_open_on (dated, s_test_date (arena, 2020, 3, 1)));
    assert (registry_establishment_open_on (dated, s_test_date (arena, 2099, 1, 1)));
    dated->closed_on = s_test_date (arena, 2025, 6, 15);
    assert (registry_establishment_open_on (dated, today));
    assert (!registry_establishment_open_on (dated, s_test_date (arena, 2025, 6, 16)));
    assert (!registry_establishment_open_on (dated, s_test_date (arena, 2020, 2, 29)));
    assert (registry_rules_open_at (dated, today) == registry_establishment_open_on (dated, today));
    dated->opened_on = NULL;
    assert (registry_establishment_open_on (dated, s_test_date (arena, 1990, 1, 1)));
    assert (!registry_establishment_open_on (dated, s_test_date (arena, 2025, 6, 16)));

    Registry__HealthUnit unit = REGISTRY__HEALTH_UNIT__INIT;
    assert (registry_health_unit_open_on (&unit, today));
    unit.opened_on = s_test_date (arena, 2025, 6, 16);
    assert (!registry_health_unit_open_on (&unit, today));
    assert (registry_health_unit_open_on (&unit, s_test_date (arena, 2025, 6, 16)));
    unit.opened_on = s_test_date (arena, 2024, 1, 1);
    unit.closed_on = s_test_date (arena, 2025, 6, 14);
    assert (!registry_health_unit_open_on (&unit, today));
    assert (registry_health_unit_open_on (&unit, s_test_date (arena, 2025, 6, 14)));
    assert (registry_health_unit_open_on (&unit, s_test_date (arena, 2024, 1, 1)));
    assert (!registry_health_unit_open_on (&unit, s_test_date (arena, 2023, 12, 31)));
    //  An all-zero date is unset, not the year 0
    Pps__Date zero = PPS__DATE__INIT;
    unit.opened_on = &zero;
    unit.closed_on = &zero;
    assert (registry_health_unit_open_on (&unit, today));

    //  A unit's set dates lie in its establishment's life (2020-03-01 to
    //  2025-06-15 here); its unset dates stand for the establishment's
    dated->opened_on = s_test_date (arena, 2020, 3, 1);
    assert (registry_rules_unit_fits (&unit, dated));
    unit.opened_on = s_test_date (arena, 2020, 3, 1);
    unit.closed_on = s_test_date (arena, 2025, 6, 15);
    assert (registry_rules_unit_fits (&unit, dated));
    unit.opened_on = s_test_date (arena, 2020, 2, 29);
    assert (!registry_rules_unit_fits (&unit, dated));
    unit.opened_on = NULL;
    unit.closed_on = s_test_date (arena, 2025, 6, 16);
    assert (!registry_rules_unit_fits (&unit, dated));
    unit.closed_on = NULL;
    unit.opened_on = s_test_date (arena, 2025, 6, 16);
    assert (!registry_rules_unit_fits (&unit, dated));

    //  A designation fits when it starts on an open day and, the
    //  establishment being closed, ends by its last open day
    Registry__Designation *held = s_test_designation (arena,
        REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 7, s_test_date (arena, 2020, 3, 1), NULL);
    assert (registry_rules_active_after (held, today));
    assert (!registry_rules_designation_fits (held, dated));
    held->end_date = s_test_date (arena, 2025, 6, 16);
    assert (registry_rules_active_after (held, today));
    assert (!registry_rules_designation_fits (held, dated));
    held->end_date = today;
    assert (!registry_rules_active_after (held, today));
    assert (registry_rules_designation_fits (held, dated));
    held->start_date = s_test_date (arena, 2020, 2, 29);
    assert (!registry_rules_designation_fits (held, dated));
    dated->opened_on = NULL;
    assert (registry_rules_designation_fits (held, dated));
    held->start_date = s_test_date (arena, 2025, 6, 16);
    held->end_date = NULL;
    assert (!registry_rules_designation_fits (held, dated));
    dated->closed_on = NULL;
    assert (registry_rules_designation_fits (held, dated));

    //  Nobody designated: every mandatory post is vacant, never filled.
    //  Region: 4 roles; open establishments 1, 2, 3, 5 of region 32 hold
    //  2 + 3 + 3 + 2 posts (PJJ only in 2 and 3).
    Registry__VacancyList *list = registry_rules_vacancies (arena, "32", today, establishments, 6,
                                                            NULL, 0);
    assert (list->n_items == 4 + 2 + 3 + 3 + 2);
    for (int role = 1; role <= 4; role++)
        assert (s_test_find (list, (Registry__ReferentRole) role, 0));
    for (size_t index = 0; index < list->n_items; index++) {
        assert (streq (list->items [index]->region_code, "32"));
        assert (!pps_date_is_set (list->items [index]->vacant_since));
        assert (list->items [index]->establishment_id != 4);
        assert (list->items [index]->establishment_id != 6);
    }
    assert (s_test_find (list, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 1));
    assert (s_test_find (list, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 1));
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 1));
    assert (s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 2));
    assert (s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 3));
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 5));
    assert (streq (s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 3)->establishment_name,
                   "EP 3"));

    //  Fill posts: the ARS post ended on 2025-03-31 then again on 2025-05-10
    //  (vacant since 2025-05-11); the DISP post is active; the DIRPJJ post
    //  is filled only from next month (still vacant today, never filled);
    //  the IREPS post ended today (still active today). Establishment 1 has
    //  two active health-unit referents (somatic and psychiatric) and a
    //  prison-staff referent; a designation of region 11 fills nothing here.
    Registry__Designation *designations [] = {
        ended,
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0,
                            s_test_date (arena, 2025, 4, 1), s_test_date (arena, 2025, 5, 10)),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, 0,
                            s_test_date (arena, 2023, 9, 1), NULL),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT, 0,
                            s_test_date (arena, 2025, 7, 1), NULL),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, 0,
                            s_test_date (arena, 2022, 1, 1), today),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 1, jan1, NULL),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 1, apr1, NULL),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 1, jan1, NULL),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 3, jan1, NULL),
        s_test_designation (arena, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 2, jan1, NULL),
    };
    designations [9]->region_code = "11";
    size_t n_designations = sizeof designations / sizeof designations [0];
    list = registry_rules_vacancies (arena, "32", today, establishments, 6, designations,
                                     n_designations);
    Registry__Vacancy *vacancy = s_test_find (list, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0);
    assert (vacancy && pps_date_ordinal (vacancy->vacant_since) == 20250511);
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT, 0));
    vacancy = s_test_find (list, REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT, 0);
    assert (vacancy && !pps_date_is_set (vacancy->vacant_since));
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, 0));
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, 1));
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 1));
    assert (!s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 3));
    assert (s_test_find (list, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, 2));
    assert (list->n_items == 2 + 0 + 3 + 2 + 2);

    //  An establishment opening after the date needs nobody yet
    Registry__Establishment *with_new [7];
    memcpy (with_new, establishments, sizeof establishments);
    with_new [6] = s_test_establishment (arena, 7, REGISTRY__ESTABLISHMENT_KIND__EPM, false, "32");
    with_new [6]->opened_on = s_test_date (arena, 2025, 6, 16);
    list = registry_rules_vacancies (arena, "32", today, with_new, 7, designations, n_designations);
    assert (list->n_items == 2 + 0 + 3 + 2 + 2);
    with_new [6]->opened_on = today;
    list = registry_rules_vacancies (arena, "32", today, with_new, 7, designations, n_designations);
    assert (list->n_items == 2 + 0 + 3 + 2 + 2 + 3);
    assert (s_test_find (list, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, 7));

    //  The day after, the IREPS post is vacant since that day
    list = registry_rules_vacancies (arena, "32", s_test_date (arena, 2025, 6, 16),
                                     establishments, 6, designations, n_designations);
    vacancy = s_test_find (list, REGISTRY__REFERENT_ROLE__IREPS_REFERENT, 0);
    assert (vacancy && pps_date_ordinal (vacancy->vacant_since) == 20250616);

    //  Steering committee categories
    Registry__MemberCategory missing [REGISTRY_CATEGORY_MAX];
    assert (registry_rules_missing_categories (NULL, 0, false, missing) == 8);
    assert (missing [0] == REGISTRY__MEMBER_CATEGORY__SOMATIC_CARE_LEAD);
    assert (missing [7] == REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE);
    assert (registry_rules_missing_categories (NULL, 0, true, missing) == 9);
    assert (missing [7] == REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE);
    assert (!registry_rules_category_mandatory (REGISTRY__MEMBER_CATEGORY__OTHER_USEFUL_PARTNER, true));
    assert (!registry_rules_category_mandatory (REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE, false));

    Registry__CommitteeMember *members [12];
    size_t n_members = 0;
    for (int category = 1; category <= 10; category++)
        if (category != REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE
        &&  category != REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER)
            members [n_members++] = s_test_member (arena, (Registry__MemberCategory) category);
    //  Without minors only the SPIP is missing; with minors the PJJ too
    assert (registry_rules_missing_categories (members, n_members, false, missing) == 1);
    assert (missing [0] == REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER);
    assert (registry_rules_missing_categories (members, n_members, true, missing) == 2);
    assert (missing [0] == REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER);
    assert (missing [1] == REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE);
    members [n_members++] = s_test_member (arena, REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER);
    assert (registry_rules_missing_categories (members, n_members, false, missing) == 0);
    members [n_members++] = s_test_member (arena, REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE);
    assert (registry_rules_missing_categories (members, n_members, true, missing) == 0);
    //  Only optional partners: everything mandatory is missing
    members [0] = s_test_member (arena, REGISTRY__MEMBER_CATEGORY__OTHER_USEFUL_PARTNER);
    assert (registry_rules_missing_categories (members, 1, true, missing) == 9);

    if (verbose)
        zsys_info ("registry_rules: %zu roles, %zu mandatory categories", ROLE_COUNT,
                   MANDATORY_COUNT);
    pps_arena_destroy (&arena);
}
