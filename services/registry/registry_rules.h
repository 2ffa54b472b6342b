/*  registry_rules: the registry's domain rules that need no storage.

    Which referent roles exist, where they apply and when they must be
    filled; when a designation is active and when two of them overlap; which
    posts of a region are vacant at a date; which mandatory categories a
    steering committee lacks (footnote 8 of instruction 2023/97). The
    handlers gather the records and ask these functions; the indicators
    service follows the same rules.
*/
#ifndef REGISTRY_RULES_H_INCLUDED
#define REGISTRY_RULES_H_INCLUDED

#include "registry.h"

//  Where a role is held.
typedef enum {
    REGISTRY_SCOPE_REGION,            //  one per region (establishment_id 0)
    REGISTRY_SCOPE_ESTABLISHMENT      //  one per establishment
} registry_scope_t;

//  When a role must be filled.
typedef enum {
    REGISTRY_NEED_ALWAYS,             //  in every region
    REGISTRY_NEED_OPEN,               //  in every open establishment
    REGISTRY_NEED_MINORS              //  in open establishments holding minors
} registry_need_t;

typedef struct {
    Registry__ReferentRole role;
    registry_scope_t scope;
    bool several;                     //  Several active designations may coexist in one scope
    registry_need_t need;             //  When the role is mandatory
    const char *label;                //  Short label for operators
} registry_role_t;

//  Most mandatory categories of a steering committee (size of the buffer
//  given to registry_rules_missing_categories).
#define REGISTRY_CATEGORY_MAX 16

//  The rule of a referent role, or NULL for an unknown or unspecified role.
//  The entry belongs to a static table.
const registry_role_t *registry_rules_role (Registry__ReferentRole role);

//  True when the establishment holds minors: an EPM, or a minors' quarter.
bool registry_rules_holds_minors (const Registry__Establishment *establishment);

//  True when the establishment is open on date: opened_on unset or on or
//  before date, and closed_on unset or on or after date. Both ends are
//  open days: opened_on is the first, closed_on the last (the meaning
//  closed_on has always had here and in the projects and training
//  services), so an establishment closing on date is still open that day.
bool registry_establishment_open_on (const Registry__Establishment *establishment,
                                     const Pps__Date *date);

//  True when the health unit is open on date by its own opened_on and
//  closed_on, read as an establishment's (both ends are open days). The
//  registry keeps a unit's set dates within its establishment's life, and
//  an unset date stands for the establishment's: a caller counting units
//  asks registry_establishment_open_on of the unit's establishment too.
bool registry_health_unit_open_on (const Registry__HealthUnit *unit, const Pps__Date *date);

//  True when each set date of the unit (opened_on, closed_on) is a day its
//  establishment is open: a unit is never open outside the establishment.
bool registry_rules_unit_fits (const Registry__HealthUnit *unit,
                               const Registry__Establishment *establishment);

//  True when the designation is active on some day after day: it has no
//  end, or ends later.
bool registry_rules_active_after (const Registry__Designation *designation, const Pps__Date *day);

//  True when the designation's period lies in the establishment's open
//  life: it starts on an open day and, when the establishment is closed,
//  it ends on or before closed_on (the last open day).
bool registry_rules_designation_fits (const Registry__Designation *designation,
                                      const Registry__Establishment *establishment);

//  Same as registry_establishment_open_on (kept for its callers).
bool registry_rules_open_at (const Registry__Establishment *establishment, const Pps__Date *day);

//  True when a role must be filled in that establishment (NULL: the region
//  scope). A role of the other scope is never needed there.
bool registry_rules_role_needed (const registry_role_t *role,
                                 const Registry__Establishment *establishment);

//  True when the designation is active at day: start_date <= day and
//  (end_date unset or day <= end_date). end_date is the last active day.
bool registry_rules_designation_active (const Registry__Designation *designation,
                                        const Pps__Date *day);

//  True when the periods [start_a, end_a] and [start_b, end_b] share a day;
//  an unset end is open. Ends are inclusive, so an end equal to the other's
//  start overlaps.
bool registry_rules_periods_overlap (const Pps__Date *start_a, const Pps__Date *end_a,
                                     const Pps__Date *start_b, const Pps__Date *end_b);

//  True when two designations' periods overlap.
bool registry_rules_designations_overlap (const Registry__Designation *a,
                                          const Registry__Designation *b);

//  True when a committee constituted on constituted and dissolved on
//  dissolved (unset: still sitting) exists at day. The dissolution day is
//  the first day without the committee.
bool registry_rules_committee_active (const Pps__Date *constituted, const Pps__Date *dissolved,
                                      const Pps__Date *day);

//  The day after day, into next.
void registry_rules_next_day (const Pps__Date *day, Pps__Date *next);

//  The posts of region_code that must be filled at date and are not: the
//  region-scope roles, then for each establishment of the region open at
//  date (in the order given) its mandatory roles. Records of other regions
//  are ignored. Each vacancy's vacant_since is the day after the end of the
//  latest designation of that role and scope ended before date, unset when
//  the post was never filled. Allocates the list in arena.
Registry__VacancyList *registry_rules_vacancies (pps_arena_t *arena, const char *region_code,
                                                 const Pps__Date *date,
                                                 Registry__Establishment *const *establishments,
                                                 size_t n_establishments,
                                                 Registry__Designation *const *designations,
                                                 size_t n_designations);

//  True when the category is mandatory in a steering committee (PJJ only
//  where minors are held).
bool registry_rules_category_mandatory (Registry__MemberCategory category, bool minors_held);

//  Writes into missing (REGISTRY_CATEGORY_MAX entries) the mandatory
//  categories that none of the members has, in category order; returns
//  their number.
size_t registry_rules_missing_categories (Registry__CommitteeMember *const *members,
                                          size_t n_members, bool minors_held,
                                          Registry__MemberCategory *missing);

//  Self test.
void registry_rules_test (bool verbose);

#endif
