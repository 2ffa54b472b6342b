/*  registry_referents: referent designations (designate, end, get, list),
    the history of one scope and the vacant posts of a region.

    A designation names a person in a role for a scope (the region, or one
    establishment) from start_date to end_date (the last active day, unset
    while active). idx_designation_scope maps each scope to its designations
    so that overlaps and histories are found without scanning.  */
#include "registry_rules.h"

#include <czmq.h>

#define SCOPE_KEY_MAX (PPS_CODE_MAX + 9)

typedef struct {
    pps_arena_t *arena;
    uint64_t *ids;
    size_t count;
    size_t capacity;
} id_list_t;

static int
s_collect_id (uint64_t id, void *arg)
{
    id_list_t *list = arg;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        uint64_t *ids = pps_arena_alloc (list->arena, capacity * sizeof (uint64_t));
        if (list->count)
            memcpy (ids, list->ids, list->count * sizeof (uint64_t));
        list->ids = ids;
        list->capacity = capacity;
    }
    list->ids [list->count++] = id;
    return 0;
}

//  Appends every designation of a scope to list, in id order.
static int
s_scope_designations (registry_t *self, pps_call_t *call, const char *region_code,
                      uint64_t establishment_id, Registry__DesignationList *list)
{
    uint8_t key [SCOPE_KEY_MAX];
    size_t size = registry_scope_key (key, sizeof key, region_code, establishment_id);
    id_list_t ids = { pps_call_arena (call), NULL, 0, 0 };
    int rc = pps_index_each (pps_call_txn (call), self->idx_designation_scope, key, size,
                             s_collect_id, &ids);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the designation index");
    for (size_t index = 0; index < ids.count; index++) {
        Registry__Designation *designation;
        if (pps_record_load (call, self->designations, ids.ids [index],
                           &registry__designation__descriptor, "designation", &designation))
            return -1;
        pps_arena_push (pps_call_arena (call), (void ***) &list->items, &list->n_items,
                        designation);
    }
    return 0;
}

//  Checks the designation's own fields, then its references; completes
//  region_code from the establishment.
static int
s_designation_valid (registry_t *self, pps_call_t *call, Registry__Designation *in,
                     const registry_role_t **role_p)
{
    if (pps_check_enum (call, "designation.role", &registry__referent_role__descriptor,
                        in->role, true)
    ||  pps_check_date (call, "designation.start_date", in->start_date, true)
    ||  pps_check_date (call, "designation.end_date", in->end_date, false)
    ||  pps_check_period (call, "designation.end_date", in->start_date, in->end_date)
    ||  pps_check_enum (call, "designation.end_reason", &registry__end_reason__descriptor,
                        in->end_reason, false)
    ||  pps_check_text (call, "designation.end_note", in->end_note, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "designation.region_code", in->region_code, PPS_CODE_MAX, false))
        return -1;
    //  A reason or a note belongs to an end
    if (!pps_date_is_set (in->end_date) && (in->end_reason || *in->end_note))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT,
                              in->end_reason ? "designation.end_reason" : "designation.end_note",
                              "an end reason or note needs designation.end_date");
    const registry_role_t *role = registry_rules_role (in->role);
    assert (role);
    if (role->scope == REGISTRY_SCOPE_ESTABLISHMENT
    &&  pps_check_id (call, "designation.establishment_id", in->establishment_id))
        return -1;
    if (role->scope == REGISTRY_SCOPE_REGION && in->establishment_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "designation.establishment_id",
                              "a %s is designated for the region: leave "
                              "designation.establishment_id at 0", role->label);

    Registry__Person *person;
    if (pps_record_load (call, self->persons, in->person_id, &registry__person__descriptor,
                       "designation.person_id", &person))
        return -1;
    if (role->scope == REGISTRY_SCOPE_ESTABLISHMENT) {
        Registry__Establishment *establishment;
        if (pps_record_load (call, self->establishments, in->establishment_id,
                           &registry__establishment__descriptor, "designation.establishment_id",
                           &establishment))
            return -1;
        if (!*in->region_code)
            in->region_code = establishment->region_code;
        else
        if (!streq (in->region_code, establishment->region_code))
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "designation.region_code",
                                  "establishment %llu is in region %s, not %s",
                                  (unsigned long long) establishment->id,
                                  establishment->region_code, in->region_code);
        if (role->need == REGISTRY_NEED_MINORS && !registry_rules_holds_minors (establishment))
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION,
                                  "designation.establishment_id",
                                  "establishment %llu holds no minors: a %s is named only "
                                  "in an EPM or an establishment with a minors' quarter",
                                  (unsigned long long) establishment->id, role->label);
        //  A designation lies in the establishment's open life, so that
        //  closing it later never leaves a referent in a closed place
        char day [16];
        if (pps_date_is_set (establishment->opened_on)
        &&  pps_date_compare (in->start_date, establishment->opened_on) < 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "designation.start_date",
                                  "establishment %llu opens on %s, after designation.start_date",
                                  (unsigned long long) establishment->id,
                                  pps_date_format (establishment->opened_on, day, sizeof day));
        if (!registry_establishment_open_on (establishment, in->start_date))
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "designation.start_date",
                                  "establishment %llu is closed at designation.start_date "
                                  "(its last open day was %s)",
                                  (unsigned long long) establishment->id,
                                  pps_date_format (establishment->closed_on, day, sizeof day));
        if (!registry_rules_designation_fits (in, establishment))
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "designation.end_date",
                                  "establishment %llu closes on %s: designation.end_date must "
                                  "be set, on that day at the latest",
                                  (unsigned long long) establishment->id,
                                  pps_date_format (establishment->closed_on, day, sizeof day));
    }
    if (registry_check_region (self, call, "designation.region_code", in->region_code))
        return -1;
    *role_p = role;
    return 0;
}

PPS_HANDLER (registry_designate)
{
    registry_t *registry = self;
    Registry__Designation *in = (Registry__Designation *) op;
    const registry_role_t *role = NULL;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "designation.id",
                              "the service assigns ids; leave designation.id at 0");
    if (s_designation_valid (registry, call, in, &role))
        return -1;

    //  One holder at a time, unless the role allows several (and even then
    //  the same person holds the post once)
    Registry__DesignationList scope = REGISTRY__DESIGNATION_LIST__INIT;
    if (s_scope_designations (registry, call, in->region_code, in->establishment_id, &scope))
        return -1;
    for (size_t index = 0; index < scope.n_items; index++) {
        Registry__Designation *other = scope.items [index];
        if (other->role == in->role && registry_rules_designations_overlap (other, in)
        &&  (!role->several || other->person_id == in->person_id)) {
            char start [16], end [16];
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "designation.start_date",
                                  "the %s post is held by designation %llu from %s to %s: "
                                  "end it first", role->label, (unsigned long long) other->id,
                                  pps_date_format (other->start_date, start, sizeof start),
                                  pps_date_is_set (other->end_date)
                                  ? pps_date_format (other->end_date, end, sizeof end) : "now");
        }
    }

    if (!(in->id = pps_record_new_id (call, "designation")))
        return -1;
    uint8_t key [SCOPE_KEY_MAX];
    size_t size = registry_scope_key (key, sizeof key, in->region_code, in->establishment_id);
    int rc = pps_index_add (pps_call_txn (call), registry->idx_designation_scope, key, size, in->id);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the designation index");
    if (pps_record_save (call, registry->designations, in->id, in, "designation")
    ||  pps_call_emit (call, "designation.created", REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_end_designation)
{
    registry_t *registry = self;
    const Registry__EndDesignation *in = op;
    if (pps_check_date (call, "end_date", in->end_date, true)
    ||  pps_check_enum (call, "reason", &registry__end_reason__descriptor, in->reason, true)
    ||  pps_check_text (call, "note", in->note, PPS_TEXT_MAX, false))
        return -1;
    Registry__Designation *designation;
    if (pps_record_load (call, registry->designations, in->id,
                       &registry__designation__descriptor, "id", &designation))
        return -1;
    //  An end with a reason is final. An end date set at designation
    //  without a reason is a planned end of mandate: it may be brought
    //  forward (never pushed back, which could overlap a successor).
    char day [16];
    if (designation->end_reason
    ||  (pps_date_is_set (designation->end_date)
         && pps_date_compare (in->end_date, designation->end_date) >= 0))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "id",
                              "designation %llu already ends on %s",
                              (unsigned long long) designation->id,
                              pps_date_format (designation->end_date, day, sizeof day));
    if (pps_check_period (call, "end_date", designation->start_date, in->end_date))
        return -1;
    designation->end_date = in->end_date;
    designation->end_reason = in->reason;
    designation->end_note = in->note;
    if (pps_record_save (call, registry->designations, designation->id, designation,
                       "designation")
    ||  pps_call_emit (call, "designation.ended", REGISTRY__REGISTRY_EVENT__CHANGE_DESIGNATION,
                       &designation->base))
        return -1;
    *result_p = &designation->base;
    return 0;
}

PPS_HANDLER (registry_get_designation)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->designations, in->id,
                          &registry__designation__descriptor, "id", result_p);
}

typedef struct {
    const Registry__DesignationFilter *filter;
    Registry__DesignationList *list;
    pps_arena_t *arena;
} designation_scan_t;

static int
s_collect_designation (ProtobufCMessage *record, void *arg)
{
    designation_scan_t *scan = arg;
    const Registry__DesignationFilter *filter = scan->filter;
    Registry__Designation *designation = (Registry__Designation *) record;
    if (*filter->region_code && !streq (filter->region_code, designation->region_code))
        return 0;
    if (filter->role && filter->role != designation->role)
        return 0;
    if (filter->establishment_id && filter->establishment_id != designation->establishment_id)
        return 0;
    if (filter->person_id && filter->person_id != designation->person_id)
        return 0;
    if (pps_date_is_set (filter->active_at)
    &&  !registry_rules_designation_active (designation, filter->active_at))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_designations)
{
    registry_t *registry = self;
    const Registry__DesignationFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "role", &registry__referent_role__descriptor, filter->role, false)
    ||  pps_check_date (call, "active_at", filter->active_at, false))
        return -1;
    Registry__DesignationList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__designation_list__init (list);
    designation_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->designations,
                             &registry__designation__descriptor, pps_call_arena (call),
                             s_collect_designation, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "designations");
    *result_p = &list->base;
    return 0;
}

int
registry_designations_fit (registry_t *self, pps_call_t *call,
                           const Registry__Establishment *in,
                           const Registry__Establishment *before)
{
    //  Only what the change moves is checked, so that an older record
    //  that predates these rules does not block an unrelated update
    bool opening_moved = pps_date_is_set (in->opened_on)
                      && pps_date_ordinal (in->opened_on) != pps_date_ordinal (before->opened_on);
    bool closing_moved = pps_date_is_set (in->closed_on)
                      && pps_date_ordinal (in->closed_on) != pps_date_ordinal (before->closed_on);
    bool minors_lost = registry_rules_holds_minors (before) && !registry_rules_holds_minors (in);
    if (!opening_moved && !closing_moved && !minors_lost)
        return 0;

    Registry__DesignationFilter filter = REGISTRY__DESIGNATION_FILTER__INIT;
    filter.establishment_id = in->id;
    Registry__DesignationList list = REGISTRY__DESIGNATION_LIST__INIT;
    designation_scan_t scan = { &filter, &list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), self->designations,
                             &registry__designation__descriptor, pps_call_arena (call),
                             s_collect_designation, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "designations");
    Pps__Date today = PPS__DATE__INIT;
    pps_date_today (&today);
    const char *minors_field = before->kind == REGISTRY__ESTABLISHMENT_KIND__EPM
                            && in->kind != REGISTRY__ESTABLISHMENT_KIND__EPM
                             ? "establishment.kind" : "establishment.has_minors_quarter";
    char day [16];
    for (size_t index = 0; index < list.n_items; index++) {
        const Registry__Designation *designation = list.items [index];
        const registry_role_t *role = registry_rules_role (designation->role);
        const char *label = role ? role->label : "referent";
        if (opening_moved && pps_date_compare (designation->start_date, in->opened_on) < 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "establishment.opened_on",
                                  "designation %llu (%s) starts on %s, before "
                                  "establishment.opened_on", (unsigned long long) designation->id,
                                  label, pps_date_format (designation->start_date, day, sizeof day));
        if (closing_moved && registry_rules_active_after (designation, in->closed_on))
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "establishment.closed_on",
                                  "designation %llu (%s) is active after establishment.closed_on "
                                  "(the last open day): end it first",
                                  (unsigned long long) designation->id, label);
        //  Still in post today or later: a PJJ referent needs minors held
        if (minors_lost && designation->role == REGISTRY__REFERENT_ROLE__PJJ_REFERENT
        &&  (!pps_date_is_set (designation->end_date)
             || pps_date_compare (designation->end_date, &today) >= 0))
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, minors_field,
                                  "designation %llu (%s) is active: establishment %llu must hold "
                                  "minors until it ends", (unsigned long long) designation->id,
                                  label, (unsigned long long) in->id);
    }
    return 0;
}

//  History order: by start date, then by id (the order of designation).
static int
s_by_start_date (const void *left, const void *right)
{
    const Registry__Designation *a = *(Registry__Designation *const *) left;
    const Registry__Designation *b = *(Registry__Designation *const *) right;
    int order = pps_date_compare (a->start_date, b->start_date);
    if (order)
        return order;
    return (a->id > b->id) - (a->id < b->id);
}

PPS_HANDLER (registry_scope_history)
{
    registry_t *registry = self;
    const Registry__ScopeRef *in = op;
    const char *region_code = in->region_code;
    if (pps_check_text (call, "region_code", region_code, PPS_CODE_MAX, false))
        return -1;
    if (in->establishment_id) {
        Registry__Establishment *establishment;
        if (pps_record_load (call, registry->establishments, in->establishment_id,
                           &registry__establishment__descriptor, "establishment_id",
                           &establishment))
            return -1;
        if (!*region_code)
            region_code = establishment->region_code;
        else
        if (!streq (region_code, establishment->region_code))
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "region_code",
                                  "establishment %llu is in region %s, not %s",
                                  (unsigned long long) establishment->id,
                                  establishment->region_code, region_code);
    }
    if (registry_check_region (registry, call, "region_code", region_code))
        return -1;
    Registry__DesignationList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__designation_list__init (list);
    if (s_scope_designations (registry, call, region_code, in->establishment_id, list))
        return -1;
    if (list->n_items > 1)
        qsort (list->items, list->n_items, sizeof list->items [0], s_by_start_date);
    *result_p = &list->base;
    return 0;
}

typedef struct {
    const char *region_code;
    pps_arena_t *arena;
    void **items;
    size_t count;
} region_scan_t;

//  Keeps the establishments of the scan's region.
static int
s_collect_region_establishment (ProtobufCMessage *record, void *arg)
{
    region_scan_t *scan = arg;
    if (streq (((Registry__Establishment *) record)->region_code, scan->region_code))
        pps_arena_push (scan->arena, &scan->items, &scan->count, record);
    return 0;
}

//  Keeps the designations of the scan's region.
static int
s_collect_region_designation (ProtobufCMessage *record, void *arg)
{
    region_scan_t *scan = arg;
    if (streq (((Registry__Designation *) record)->region_code, scan->region_code))
        pps_arena_push (scan->arena, &scan->items, &scan->count, record);
    return 0;
}

PPS_HANDLER (registry_vacancies)
{
    registry_t *registry = self;
    const Registry__VacancyQuery *in = op;
    if (pps_check_date (call, "date", in->date, false)
    ||  registry_check_region (registry, call, "region_code", in->region_code))
        return -1;
    //  Without a date, the operator asks about today
    Pps__Date today = PPS__DATE__INIT;
    const Pps__Date *date = in->date;
    if (!pps_date_is_set (date)) {
        pps_date_today (&today);
        date = &today;
    }
    region_scan_t establishments = { in->region_code, pps_call_arena (call), NULL, 0 };
    region_scan_t designations = { in->region_code, pps_call_arena (call), NULL, 0 };
    int rc = pps_store_each (pps_call_txn (call), registry->establishments,
                             &registry__establishment__descriptor, pps_call_arena (call),
                             s_collect_region_establishment, &establishments);
    if (!rc)
        rc = pps_store_each (pps_call_txn (call), registry->designations,
                             &registry__designation__descriptor, pps_call_arena (call),
                             s_collect_region_designation, &designations);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "vacancies");
    Registry__VacancyList *list = registry_rules_vacancies (
        pps_call_arena (call), in->region_code, date,
        (Registry__Establishment *const *) establishments.items, establishments.count,
        (Registry__Designation *const *) designations.items, designations.count);
    *result_p = &list->base;
    return 0;
}
