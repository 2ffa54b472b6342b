/*  indicators_compute: the bilan's figures from a view of the records.

    The regional figures (annex 5 and annex 1) and the same per establishment;
    the activity figures (training, funding) are in indicators_activity.c and
    the validation rules in indicators_validate.c.
*/
#include "indicators.h"

#include <czmq.h>
#include "pps_date.h"
#include "registry_rules.h"
#include "projects_rules.h"

void
indicators_scope_year (indicators_scope_t *scope, const char *region_code, int32_t year,
                       const Pps__Date *reference)
{
    memset (scope, 0, sizeof *scope);
    scope->region_code = region_code;
    scope->year = year;
    pps__date__init (&scope->period_start);
    pps__date__init (&scope->period_end);
    pps__date__init (&scope->reference_date);
    pps_date_from_ordinal (&scope->period_start, year * 10000 + 101);
    pps_date_from_ordinal (&scope->period_end, year * 10000 + 1231);
    pps_date_from_ordinal (&scope->reference_date, pps_date_is_set (reference)
                           ? pps_date_ordinal (reference) : year * 10000 + 1231);
}

//  ---------------------------------------------------------------- lookups

static bool
s_in_region (const char *code, const indicators_scope_t *scope)
{
    return code && streq (code, scope->region_code);
}

//  The establishments of the region open at the reference date.
static bool
s_counted (const Registry__Establishment *establishment, const indicators_scope_t *scope)
{
    return s_in_region (establishment->region_code, scope)
        && registry_rules_open_at (establishment, &scope->reference_date);
}

static const Registry__Establishment *
s_establishment (const indicators_view_t *view, uint64_t id)
{
    for (size_t index = 0; index < view->n_establishments; index++)
        if (view->establishments [index]->id == id)
            return view->establishments [index];
    return NULL;
}

static size_t
s_active_referents (const indicators_view_t *view, const indicators_scope_t *scope,
                    Registry__ReferentRole role, uint64_t establishment_id)
{
    size_t count = 0;
    for (size_t index = 0; index < view->n_designations; index++) {
        const Registry__Designation *designation = view->designations [index];
        if (designation->role == role && s_in_region (designation->region_code, scope)
        &&  designation->establishment_id == establishment_id
        &&  registry_rules_designation_active (designation, &scope->reference_date))
            count++;
    }
    return count;
}

static size_t
s_health_units_of (const indicators_view_t *view, uint64_t establishment_id)
{
    size_t count = 0;
    for (size_t index = 0; index < view->n_health_units; index++)
        if (view->health_units [index]->establishment_id == establishment_id)
            count++;
    return count;
}

static const Registry__SteeringCommittee *
s_active_committee (const indicators_view_t *view, const indicators_scope_t *scope,
                    uint64_t establishment_id)
{
    for (size_t index = 0; index < view->n_steering_committees; index++) {
        const Registry__SteeringCommittee *committee = view->steering_committees [index];
        if (committee->establishment_id == establishment_id
        &&  registry_rules_committee_active (committee->constituted_on, committee->dissolved_on,
                                             &scope->reference_date))
            return committee;
    }
    return NULL;
}

static bool
s_committee_complete (const Registry__SteeringCommittee *committee, bool minors)
{
    Registry__MemberCategory missing [REGISTRY_CATEGORY_MAX];
    return registry_rules_missing_categories (committee->members, committee->n_members,
                                              minors, missing) == 0;
}

static const Projects__EstablishmentYear *
s_establishment_year (const indicators_view_t *view, uint64_t establishment_id, int32_t year)
{
    for (size_t index = 0; index < view->n_establishment_years; index++)
        if (view->establishment_years [index]->establishment_id == establishment_id
        &&  view->establishment_years [index]->year == year)
            return view->establishment_years [index];
    return NULL;
}

static bool
s_implemented (const Projects__Project *project, const indicators_scope_t *scope)
{
    return projects_rules_implemented (project, &scope->period_start, &scope->period_end);
}

//  ---------------------------------------------------------------- per establishment

//  What one establishment contributes; the region's totals add these up.
typedef struct {
    size_t establishments;        //  Denominator of the per-establishment ratios
    size_t minors_places;         //  EPMs plus minors' quarters
    size_t health_units;
    size_t health_unit_referents;
    size_t committees;
    size_t complete_committees;
    size_t projects;
    size_t minors_projects;
    size_t promising_projects;
    size_t prison_referents;
    size_t both_referents;
    size_t swots;
    size_t reviews;
} tally_t;

static void
s_tally_establishment (const indicators_view_t *view, const indicators_scope_t *scope,
                       const Registry__Establishment *establishment, tally_t *tally)
{
    memset (tally, 0, sizeof *tally);
    uint64_t id = establishment->id;
    bool minors = registry_rules_holds_minors (establishment);
    tally->establishments = 1;
    tally->minors_places = minors;
    tally->health_units = s_health_units_of (view, id);
    tally->health_unit_referents = s_active_referents (
        view, scope, REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT, id);
    tally->prison_referents = s_active_referents (
        view, scope, REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT, id);
    bool pjj = s_active_referents (view, scope, REGISTRY__REFERENT_ROLE__PJJ_REFERENT, id) > 0;
    tally->both_referents = tally->health_unit_referents > 0 && tally->prison_referents > 0
                         && (!minors || pjj);
    const Registry__SteeringCommittee *committee = s_active_committee (view, scope, id);
    tally->committees = committee != NULL;
    tally->complete_committees = committee && s_committee_complete (committee, minors);
    for (size_t index = 0; index < view->n_projects; index++) {
        const Projects__Project *project = view->projects [index];
        if (project->establishment_id != id || !s_implemented (project, scope))
            continue;
        tally->projects++;
        if (project->promising || project->evidence_based)
            tally->promising_projects++;
    }
    tally->minors_projects = minors ? tally->projects : 0;
    const Projects__EstablishmentYear *year = s_establishment_year (view, id, scope->year);
    tally->swots = year && year->swot;
    tally->reviews = year && year->review && pps_date_is_set (year->review->done_on);
}

//  Every field of a tally is a size_t count, so adding is field by field.
static void
s_tally_add (tally_t *total, const tally_t *one)
{
    size_t *into = (size_t *) total;
    const size_t *from = (const size_t *) one;
    for (size_t index = 0; index < sizeof (tally_t) / sizeof (size_t); index++)
        into [index] += from [index];
}

//  The figures an establishment (or, with the totals, the region) reports.
static void
s_tally_figures (figures_t *figures, const tally_t *tally)
{
    figures_set (figures, "A5.4", (int64_t) tally->health_unit_referents, (int64_t) tally->health_units);
    figures_set (figures, "A5.5", (int64_t) tally->committees, (int64_t) tally->establishments);
    figures_set (figures, "A5.6", (int64_t) tally->projects, (int64_t) tally->establishments);
    figures_set (figures, "A5.7", (int64_t) tally->prison_referents, (int64_t) tally->establishments);
    figures_set (figures, "A5.8", (int64_t) tally->minors_projects, (int64_t) tally->minors_places);
    figures_set (figures, "OO4.1", (int64_t) tally->swots, (int64_t) tally->establishments);
    figures_set (figures, "OO5.2", (int64_t) tally->both_referents, (int64_t) tally->establishments);
    figures_set (figures, "OO5.4", (int64_t) tally->complete_committees, (int64_t) tally->committees);
    figures_set (figures, "OO5.5", (int64_t) tally->reviews, (int64_t) tally->establishments);
}

//  ---------------------------------------------------------------- regional

static bool
s_programme_in_force (const indicators_view_t *view, const indicators_scope_t *scope,
                      bool *coordination_p)
{
    *coordination_p = false;
    for (size_t index = 0; index < view->n_programmes; index++) {
        const Registry__Programme *programme = view->programmes [index];
        if (!s_in_region (programme->region_code, scope))
            continue;
        *coordination_p = programme->disp_coordination_described;
        return pps_date_is_set (programme->adopted_on)
            && pps_date_compare (programme->adopted_on, &scope->reference_date) <= 0
            && pps_date_in_range (&scope->reference_date, programme->period_start,
                                  programme->period_end);
    }
    return false;
}

static bool
s_cpom_in_force (const indicators_view_t *view, const indicators_scope_t *scope)
{
    for (size_t index = 0; index < view->n_cpoms; index++) {
        const Registry__Cpom *cpom = view->cpoms [index];
        if (s_in_region (cpom->region_code, scope) && cpom->includes_prison_health_promotion
        &&  pps_date_in_range (&scope->reference_date, cpom->start_date, cpom->end_date))
            return true;
    }
    return false;
}

static bool
s_regional_committee (const indicators_view_t *view, const indicators_scope_t *scope)
{
    for (size_t index = 0; index < view->n_regional_committees; index++) {
        const Registry__RegionalCommittee *committee = view->regional_committees [index];
        if (s_in_region (committee->region_code, scope)
        &&  registry_rules_committee_active (committee->created_on, committee->dissolved_on,
                                             &scope->reference_date))
            return true;
    }
    return false;
}

static int
s_compare_u64 (const void *a, const void *b)
{
    uint64_t left = *(const uint64_t *) a, right = *(const uint64_t *) b;
    return (left > right) - (left < right);
}

//  Sorts values and returns how many distinct ones there are.
static size_t
s_distinct (uint64_t *values, size_t count)
{
    if (count == 0)
        return 0;
    qsort (values, count, sizeof *values, s_compare_u64);
    size_t distinct = 1;
    for (size_t index = 1; index < count; index++)
        if (values [index] != values [index - 1])
            distinct++;
    return distinct;
}

//  OS 3: the regional committee, the year's working groups, and the
//  meetings of both in the period with the distinct people and structures
//  who attended (steering committees are local, not regional, meetings).
static void
s_regional_meetings (figures_t *figures, const indicators_view_t *view,
                     const indicators_scope_t *scope, pps_arena_t *arena)
{
    size_t meetings = 0, person_count = 0, structure_count = 0, capacity = 0;
    for (size_t index = 0; index < view->n_meetings; index++)
        capacity += view->meetings [index]->n_attendee_person_ids
                  + view->meetings [index]->n_attendee_structures;
    uint64_t *persons = pps_arena_alloc (arena, (capacity + 1) * sizeof (uint64_t));
    uint64_t *structures = pps_arena_alloc (arena, (capacity + 1) * sizeof (uint64_t));
    for (size_t index = 0; index < view->n_meetings; index++) {
        const Registry__Meeting *meeting = view->meetings [index];
        if (!s_in_region (meeting->region_code, scope)
        ||  meeting->body_kind == REGISTRY__BODY_KIND__STEERING_COMMITTEE_BODY
        ||  !pps_date_in_range (meeting->date, &scope->period_start, &scope->period_end))
            continue;
        meetings++;
        for (size_t at = 0; at < meeting->n_attendee_person_ids; at++)
            persons [person_count++] = meeting->attendee_person_ids [at];
        for (size_t at = 0; at < meeting->n_attendee_structures; at++) {
            const Registry__StructureRef *structure = meeting->attendee_structures [at];
            //  The kind in the top byte keeps (kind, id) pairs apart
            structures [structure_count++] = ((uint64_t) structure->kind << 56) | structure->id;
        }
    }
    size_t groups = 0;
    for (size_t index = 0; index < view->n_working_groups; index++)
        if (s_in_region (view->working_groups [index]->region_code, scope)
        &&  view->working_groups [index]->year == scope->year)
            groups++;
    figures_set (figures, "OS3.committee", s_regional_committee (view, scope), 0);
    figures_set (figures, "OS3.working_groups", (int64_t) groups, 0);
    figures_set (figures, "OS3.meetings", (int64_t) meetings, 0);
    figures_set (figures, "OS3.people", (int64_t) s_distinct (persons, person_count), 0);
    figures_set (figures, "OS3.structures", (int64_t) s_distinct (structures, structure_count), 0);
}

//  OO 5.1: the reference hospitals of the region's health units, and those
//  whose medical project includes prison health promotion.
static void
s_hospitals (figures_t *figures, const indicators_view_t *view, const indicators_scope_t *scope,
             pps_arena_t *arena)
{
    uint64_t *ids = pps_arena_alloc (arena, (view->n_health_units + 1) * sizeof (uint64_t));
    size_t count = 0;
    for (size_t index = 0; index < view->n_health_units; index++) {
        const Registry__Establishment *establishment =
            s_establishment (view, view->health_units [index]->establishment_id);
        if (establishment && s_counted (establishment, scope))
            ids [count++] = view->health_units [index]->hospital_id;
    }
    size_t distinct = s_distinct (ids, count), including = 0;
    for (size_t at = 0; at < count; at++) {
        if (at > 0 && ids [at] == ids [at - 1])
            continue;
        for (size_t index = 0; index < view->n_hospitals; index++)
            if (view->hospitals [index]->id == ids [at]
            &&  view->hospitals [index]->medical_project_includes_pps)
                including++;
    }
    figures_set (figures, "OO5.1", (int64_t) including, (int64_t) distinct);
}

static void
s_regional (figures_t *figures, const indicators_view_t *view, const indicators_scope_t *scope,
            pps_arena_t *arena, const tally_t *totals)
{
    bool coordination = false;
    figures_set (figures, "A5.1", s_programme_in_force (view, scope, &coordination), 0);
    figures_set (figures, "A5.2", s_active_referents (
        view, scope, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0) > 0, 0);
    figures_set (figures, "OO1.2", coordination, 0);
    figures_set (figures, "OS2.cpom", s_cpom_in_force (view, scope), 0);
    size_t partners = 0;
    for (size_t index = 0; index < view->n_partners; index++)
        if (s_in_region (view->partners [index]->region_code, scope))
            partners++;
    figures_set (figures, "OO4.2", (int64_t) partners, 0);
    figures_set (figures, "OO4.6", (int64_t) totals->promising_projects, (int64_t) totals->projects);
    s_regional_meetings (figures, view, scope, arena);
    s_hospitals (figures, view, scope, arena);
    s_tally_figures (figures, totals);
}

//  ---------------------------------------------------------------- the bilan

Indicators__Indicator *
indicators_find (Indicators__Indicator **items, size_t count, const char *id)
{
    for (size_t index = 0; index < count; index++)
        if (streq (items [index]->id, id))
            return items [index];
    return NULL;
}

static Pps__Date *
s_date_copy (pps_arena_t *arena, const Pps__Date *date)
{
    Pps__Date *copy = pps_arena_alloc (arena, sizeof *copy);
    *copy = *date;
    return copy;
}

void
indicators_compute (const indicators_view_t *view, const indicators_scope_t *scope,
                    pps_arena_t *arena, Indicators__Bilan *bilan)
{
    bilan->region_code = pps_arena_strdup (arena, scope->region_code);
    bilan->year = scope->year;
    bilan->period_start = s_date_copy (arena, &scope->period_start);
    bilan->period_end = s_date_copy (arena, &scope->period_end);
    bilan->reference_date = s_date_copy (arena, &scope->reference_date);

    tally_t totals;
    memset (&totals, 0, sizeof totals);
    for (size_t index = 0; index < view->n_establishments; index++) {
        const Registry__Establishment *establishment = view->establishments [index];
        if (!s_counted (establishment, scope))
            continue;
        tally_t own;
        s_tally_establishment (view, scope, establishment, &own);
        s_tally_add (&totals, &own);

        Indicators__EstablishmentFigures *figures = pps_arena_alloc (arena, sizeof *figures);
        indicators__establishment_figures__init (figures);
        figures->establishment_id = establishment->id;
        figures->code = establishment->code;
        figures->name = establishment->name;
        const ProtobufCEnumValue *kind = protobuf_c_enum_descriptor_get_value (
            &registry__establishment_kind__descriptor, establishment->kind);
        figures->kind = kind ? (char *) kind->name : "";
        figures->minors = registry_rules_holds_minors (establishment);
        figures_t own_figures;
        figures_init (&own_figures, arena, true);
        s_tally_figures (&own_figures, &own);
        figures->indicators = own_figures.items;
        figures->n_indicators = own_figures.count;
        pps_arena_push (arena, (void ***) &bilan->establishments, &bilan->n_establishments, figures);
    }
    figures_t figures;
    figures_init (&figures, arena, false);
    s_regional (&figures, view, scope, arena, &totals);
    indicators_activity (&figures, view, scope, arena);
    bilan->indicators = figures.items;
    bilan->n_indicators = figures.count;
    indicators_validate (bilan, arena);
}
