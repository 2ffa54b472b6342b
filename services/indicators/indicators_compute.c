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

static bool
s_committee_complete (const Registry__SteeringCommittee *committee, bool minors)
{
    Registry__MemberCategory missing [REGISTRY_CATEGORY_MAX];
    return registry_rules_missing_categories (committee->members, committee->n_members,
                                              minors, missing) == 0;
}

//  A project whose public includes the minors of a minors' quarter: minors,
//  or all the detainees of the establishment (docs/bilan.md, A5.8).
static bool
s_for_minors (const Projects__Project *project)
{
    for (size_t index = 0; index < project->n_publics; index++)
        if (project->publics [index] == PROJECTS__TARGET_PUBLIC__MINORS
        ||  project->publics [index] == PROJECTS__TARGET_PUBLIC__ALL_DETAINEES)
            return true;
    return false;
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

//  What the records say of one counted establishment, gathered in one pass
//  over each kind of record: records find their establishment by id in a
//  sorted index, instead of every establishment scanning every record.
typedef struct {
    const Registry__Establishment *establishment;
    size_t health_units;
    size_t health_unit_referents;         //  Active designations, by role
    size_t prison_referents;
    size_t pjj_referents;
    const Registry__SteeringCommittee *committee;   //  The first active one
    size_t projects;                      //  Implemented in the period
    size_t minors_public_projects;        //  ...whose public includes minors
    size_t promising_projects;
    const Projects__EstablishmentYear *year;        //  The first of the year
} facts_t;

typedef struct {
    uint64_t id;
    size_t slot;
} id_slot_t;

static int
s_id_slot_compare (const void *left, const void *right)
{
    uint64_t a = ((const id_slot_t *) left)->id, b = ((const id_slot_t *) right)->id;
    return a < b ? -1 : a > b;
}

//  The facts of establishment id, or NULL when it is not counted.
static facts_t *
s_facts_of (const id_slot_t *index, size_t count, facts_t *facts, uint64_t id)
{
    id_slot_t key = { id, 0 };
    const id_slot_t *found = bsearch (&key, index, count, sizeof key, s_id_slot_compare);
    return found ? &facts [found->slot] : NULL;
}

//  The counted establishments of the view, in its order, with their facts,
//  and their index by id.
typedef struct {
    facts_t *facts;
    id_slot_t *index;
    size_t count;
} counted_t;

static void
s_gather_facts (const indicators_view_t *view, const indicators_scope_t *scope,
                pps_arena_t *arena, counted_t *counted)
{
    facts_t *facts = pps_arena_alloc (arena, (view->n_establishments + 1) * sizeof (facts_t));
    id_slot_t *index = pps_arena_alloc (arena, (view->n_establishments + 1) * sizeof (id_slot_t));
    size_t count = 0;
    for (size_t at = 0; at < view->n_establishments; at++)
        if (s_counted (view->establishments [at], scope)) {
            memset (&facts [count], 0, sizeof (facts_t));
            facts [count].establishment = view->establishments [at];
            index [count] = (id_slot_t) { view->establishments [at]->id, count };
            count++;
        }
    qsort (index, count, sizeof (id_slot_t), s_id_slot_compare);

    for (size_t at = 0; at < view->n_health_units; at++) {
        facts_t *own = s_facts_of (index, count, facts, view->health_units [at]->establishment_id);
        if (own && registry_health_unit_open_on (view->health_units [at], &scope->reference_date))
            own->health_units++;
    }
    for (size_t at = 0; at < view->n_designations; at++) {
        const Registry__Designation *designation = view->designations [at];
        facts_t *own = s_facts_of (index, count, facts, designation->establishment_id);
        if (!own || !s_in_region (designation->region_code, scope)
        ||  !registry_rules_designation_active (designation, &scope->reference_date))
            continue;
        if (designation->role == REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT)
            own->health_unit_referents++;
        else
        if (designation->role == REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT)
            own->prison_referents++;
        else
        if (designation->role == REGISTRY__REFERENT_ROLE__PJJ_REFERENT)
            own->pjj_referents++;
    }
    for (size_t at = 0; at < view->n_steering_committees; at++) {
        const Registry__SteeringCommittee *committee = view->steering_committees [at];
        facts_t *own = s_facts_of (index, count, facts, committee->establishment_id);
        if (own && !own->committee
        &&  registry_rules_committee_active (committee->constituted_on, committee->dissolved_on,
                                             &scope->reference_date))
            own->committee = committee;
    }
    for (size_t at = 0; at < view->n_projects; at++) {
        const Projects__Project *project = view->projects [at];
        facts_t *own = s_facts_of (index, count, facts, project->establishment_id);
        if (!own || !s_implemented (project, scope))
            continue;
        own->projects++;
        if (s_for_minors (project))
            own->minors_public_projects++;
        if (project->promising || project->evidence_based)
            own->promising_projects++;
    }
    for (size_t at = 0; at < view->n_establishment_years; at++) {
        const Projects__EstablishmentYear *year = view->establishment_years [at];
        facts_t *own = s_facts_of (index, count, facts, year->establishment_id);
        if (own && !own->year && year->year == scope->year)
            own->year = year;
    }
    counted->facts = facts;
    counted->index = index;
    counted->count = count;
}

static void
s_tally_establishment (const facts_t *facts, tally_t *tally)
{
    memset (tally, 0, sizeof *tally);
    bool minors = registry_rules_holds_minors (facts->establishment);
    tally->establishments = 1;
    tally->minors_places = minors;
    tally->health_units = facts->health_units;
    tally->health_unit_referents = facts->health_unit_referents;
    tally->prison_referents = facts->prison_referents;
    tally->both_referents = tally->health_unit_referents > 0 && tally->prison_referents > 0
                         && (!minors || facts->pjj_referents > 0);
    tally->committees = facts->committee != NULL;
    tally->complete_committees = facts->committee && s_committee_complete (facts->committee, minors);
    tally->projects = facts->projects;
    tally->promising_projects = facts->promising_projects;
    //  A5.8: every project of an EPM; elsewhere those for minors only
    tally->minors_projects = facts->establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
                           ? facts->projects
                           : facts->establishment->has_minors_quarter
                           ? facts->minors_public_projects : 0;
    tally->swots = facts->year && facts->year->swot;
    tally->reviews = facts->year && facts->year->review
                  && pps_date_is_set (facts->year->review->done_on);
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
    figures_set (figures, PPS_BILAN_A5_4, (int64_t) tally->health_unit_referents, (int64_t) tally->health_units);
    figures_set (figures, PPS_BILAN_A5_5, (int64_t) tally->committees, (int64_t) tally->establishments);
    figures_set (figures, PPS_BILAN_A5_6, (int64_t) tally->projects, (int64_t) tally->establishments);
    figures_set (figures, PPS_BILAN_A5_7, (int64_t) tally->prison_referents, (int64_t) tally->establishments);
    figures_set (figures, PPS_BILAN_A5_8, (int64_t) tally->minors_projects, (int64_t) tally->minors_places);
    figures_set (figures, PPS_BILAN_OO4_1, (int64_t) tally->swots, (int64_t) tally->establishments);
    figures_set (figures, PPS_BILAN_OO5_2, (int64_t) tally->both_referents, (int64_t) tally->establishments);
    figures_set (figures, PPS_BILAN_OO5_4, (int64_t) tally->complete_committees, (int64_t) tally->committees);
    figures_set (figures, PPS_BILAN_OO5_5, (int64_t) tally->reviews, (int64_t) tally->establishments);
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
        bool in_force = pps_date_is_set (programme->adopted_on)
            && pps_date_compare (programme->adopted_on, &scope->reference_date) <= 0
            && pps_date_in_range (&scope->reference_date, programme->period_start,
                                  programme->period_end);
        //  OO 1.2 reads "the programme in force": one adopted later, or
        //  over, describes nothing for this period
        *coordination_p = in_force && programme->disp_coordination_described;
        return in_force;
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

//  True unless the meeting is of a regional committee that had not been
//  created, or had been dissolved, on the meeting's day: the registry
//  refuses such meetings now, but records written before it did may hold
//  them, and the bilan never counts them.
static bool
s_body_sitting (const indicators_view_t *view, const Registry__Meeting *meeting)
{
    if (meeting->body_kind != REGISTRY__BODY_KIND__REGIONAL_COMMITTEE_BODY)
        return true;
    for (size_t index = 0; index < view->n_regional_committees; index++) {
        const Registry__RegionalCommittee *committee = view->regional_committees [index];
        if (committee->id == meeting->body_id)
            return registry_rules_committee_active (committee->created_on, committee->dissolved_on,
                                                    meeting->date);
    }
    return false;
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
        ||  !pps_date_in_range (meeting->date, &scope->period_start, &scope->period_end)
        ||  !s_body_sitting (view, meeting))
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
    figures_set (figures, PPS_BILAN_OS3_COMMITTEE, s_regional_committee (view, scope), 0);
    figures_set (figures, PPS_BILAN_OS3_WORKING_GROUPS, (int64_t) groups, 0);
    figures_set (figures, PPS_BILAN_OS3_MEETINGS, (int64_t) meetings, 0);
    figures_set (figures, PPS_BILAN_OS3_PEOPLE, (int64_t) s_distinct (persons, person_count), 0);
    figures_set (figures, PPS_BILAN_OS3_STRUCTURES, (int64_t) s_distinct (structures, structure_count), 0);
}

//  OO 5.1: the reference hospitals of the region's health units, and those
//  whose medical project includes prison health promotion.
static void
s_hospitals (figures_t *figures, const indicators_view_t *view, const indicators_scope_t *scope,
             const counted_t *counted, pps_arena_t *arena)
{
    uint64_t *ids = pps_arena_alloc (arena, (view->n_health_units + 1) * sizeof (uint64_t));
    size_t count = 0;
    for (size_t index = 0; index < view->n_health_units; index++)
        if (s_facts_of (counted->index, counted->count, counted->facts,
                        view->health_units [index]->establishment_id)
        &&  registry_health_unit_open_on (view->health_units [index], &scope->reference_date))
            ids [count++] = view->health_units [index]->hospital_id;
    size_t distinct = s_distinct (ids, count), including = 0;
    //  The hospitals whose project includes it, by id
    id_slot_t *hospitals = pps_arena_alloc (arena, (view->n_hospitals + 1) * sizeof (id_slot_t));
    size_t hospital_count = 0;
    for (size_t index = 0; index < view->n_hospitals; index++)
        if (view->hospitals [index]->medical_project_includes_pps)
            hospitals [hospital_count++] = (id_slot_t) { view->hospitals [index]->id, index };
    qsort (hospitals, hospital_count, sizeof (id_slot_t), s_id_slot_compare);
    for (size_t at = 0; at < count; at++) {
        if (at > 0 && ids [at] == ids [at - 1])
            continue;
        //  Several records of one hospital each count, as they always did
        id_slot_t key = { ids [at], 0 };
        id_slot_t *found = bsearch (&key, hospitals, hospital_count, sizeof key,
                                    s_id_slot_compare);
        if (!found)
            continue;
        while (found > hospitals && (found - 1)->id == ids [at])
            found--;
        for (; found < hospitals + hospital_count && found->id == ids [at]; found++)
            including++;
    }
    figures_set (figures, PPS_BILAN_OO5_1, (int64_t) including, (int64_t) distinct);
}

static void
s_regional (figures_t *figures, const indicators_view_t *view, const indicators_scope_t *scope,
            const counted_t *counted, pps_arena_t *arena, const tally_t *totals)
{
    bool coordination = false;
    figures_set (figures, PPS_BILAN_A5_1, s_programme_in_force (view, scope, &coordination), 0);
    figures_set (figures, PPS_BILAN_A5_2, s_active_referents (
        view, scope, REGISTRY__REFERENT_ROLE__ARS_REFERENT, 0) > 0, 0);
    figures_set (figures, PPS_BILAN_OO1_2, coordination, 0);
    figures_set (figures, PPS_BILAN_OS2_CPOM, s_cpom_in_force (view, scope), 0);
    size_t partners = 0;
    for (size_t index = 0; index < view->n_partners; index++)
        if (s_in_region (view->partners [index]->region_code, scope))
            partners++;
    figures_set (figures, PPS_BILAN_OO4_2, (int64_t) partners, 0);
    figures_set (figures, PPS_BILAN_OO4_6, (int64_t) totals->promising_projects, (int64_t) totals->projects);
    s_regional_meetings (figures, view, scope, arena);
    s_hospitals (figures, view, scope, counted, arena);
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
    counted_t counted;
    s_gather_facts (view, scope, arena, &counted);
    for (size_t index = 0; index < counted.count; index++) {
        const Registry__Establishment *establishment = counted.facts [index].establishment;
        tally_t own;
        s_tally_establishment (&counted.facts [index], &own);
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
    s_regional (&figures, view, scope, &counted, arena, &totals);
    indicators_activity (&figures, view, scope, arena);
    bilan->indicators = figures.items;
    bilan->n_indicators = figures.count;
    indicators_validate (bilan, arena);
}
