/*  registry_health: reference hospitals and the health units (USMP) they run
    inside establishments: create, update, get, list. A health unit belongs
    to the region of its establishment, so it carries no region of its own.
    A unit's opened_on and closed_on, when set, are open days of its
    establishment; unset, they stand for the establishment's.  */
#include "registry_rules.h"

#include <czmq.h>

//  ---------------------------------------------------------------- hospitals

//  A FINESS number is 9 characters: the departement (digits, or 2A / 2B for
//  Corsica) then 7 digits. Checked so that a hospital can be matched with the
//  national FINESS directory later.
static bool
s_finess_is_valid (const char *finess)
{
    if (strlen (finess) != 9)
        return false;
    bool corsica = finess [0] == '2' && (finess [1] == 'A' || finess [1] == 'B');
    for (int index = corsica ? 2 : 0; index < 9; index++)
        if (finess [index] < '0' || finess [index] > '9')
            return false;
    return true;
}

//  Checks a hospital's fields and its region.
static int
s_hospital_valid (registry_t *self, pps_call_t *call, const Registry__Hospital *in)
{
    if (pps_check_text (call, "hospital.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_text (call, "hospital.finess", in->finess, PPS_CODE_MAX, false))
        return -1;
    if (*in->finess && !s_finess_is_valid (in->finess))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "hospital.finess",
                              "hospital.finess is 9 characters (departement, then 7 digits)");
    return registry_check_region (self, call, "hospital.region_code", in->region_code);
}

PPS_HANDLER (registry_create_hospital)
{
    registry_t *registry = self;
    Registry__Hospital *in = (Registry__Hospital *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "hospital.id",
                              "the service assigns ids; leave hospital.id at 0");
    if (s_hospital_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "hospital"))
    ||  pps_record_save (call, registry->hospitals, in->id, in, "hospital")
    ||  pps_call_emit (call, "hospital.created", REGISTRY__REGISTRY_EVENT__CHANGE_HOSPITAL,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_update_hospital)
{
    registry_t *registry = self;
    Registry__Hospital *in = (Registry__Hospital *) op;
    Registry__Hospital *before;
    if (pps_record_load (call, registry->hospitals, in->id,
                       &registry__hospital__descriptor, "hospital.id", &before)
    ||  s_hospital_valid (registry, call, in)
    ||  pps_record_save (call, registry->hospitals, in->id, in, "hospital")
    ||  pps_call_emit (call, "hospital.updated", REGISTRY__REGISTRY_EVENT__CHANGE_HOSPITAL,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_hospital)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->hospitals, in->id,
                          &registry__hospital__descriptor, "id", result_p);
}

typedef struct {
    const char *region_code;
    Registry__HospitalList *list;
    pps_arena_t *arena;
} hospital_scan_t;

//  Keeps a hospital of the wanted region (any region when none is given).
static int
s_collect_hospital (ProtobufCMessage *record, void *arg)
{
    hospital_scan_t *scan = arg;
    Registry__Hospital *hospital = (Registry__Hospital *) record;
    if (*scan->region_code && !streq (scan->region_code, hospital->region_code))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_hospitals)
{
    registry_t *registry = self;
    const Registry__ByRegion *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false))
        return -1;
    Registry__HospitalList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__hospital_list__init (list);
    hospital_scan_t scan = { filter->region_code, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->hospitals,
                             &registry__hospital__descriptor, pps_call_arena (call),
                             s_collect_hospital, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "hospitals");
    *result_p = &list->base;
    return 0;
}

//  ---------------------------------------------------------------- health units

//  Fails the call when a set date of the unit is not an open day of the
//  establishment, naming the unit's own date (unit_fields), or else the
//  establishment's date whose change leaves the unit outside. Returns 0 or -1.
static int
s_unit_within (pps_call_t *call, const Registry__HealthUnit *unit,
               const Registry__Establishment *establishment, bool unit_fields)
{
    if (registry_rules_unit_fits (unit, establishment))
        return 0;
    //  The unit starts or ends before the establishment opens, or after it closed
    bool too_early = pps_date_is_set (establishment->opened_on)
        && ((pps_date_is_set (unit->opened_on)
             && pps_date_compare (unit->opened_on, establishment->opened_on) < 0)
         || (pps_date_is_set (unit->closed_on)
             && pps_date_compare (unit->closed_on, establishment->opened_on) < 0));
    const char *field;
    if (unit_fields)
        field = pps_date_is_set (unit->opened_on)
             && !registry_establishment_open_on (establishment, unit->opened_on)
              ? "health_unit.opened_on" : "health_unit.closed_on";
    else
        field = too_early ? "establishment.opened_on" : "establishment.closed_on";
    char name [48], opened [16], closed [16], day [16];
    if (unit->id)
        snprintf (name, sizeof name, "health unit %llu", (unsigned long long) unit->id);
    else
        snprintf (name, sizeof name, "the health unit");
    return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, field,
                          "%s, dated %s to %s, would be open outside establishment %llu, "
                          "open %s %s", name,
                          pps_date_is_set (unit->opened_on)
                          ? pps_date_format (unit->opened_on, opened, sizeof opened) : "...",
                          pps_date_is_set (unit->closed_on)
                          ? pps_date_format (unit->closed_on, closed, sizeof closed) : "...",
                          (unsigned long long) establishment->id,
                          too_early ? "from" : "until",
                          pps_date_format (too_early ? establishment->opened_on
                                                     : establishment->closed_on,
                                           day, sizeof day));
}

//  Checks a health unit's fields, that its establishment and hospital
//  exist, and that its dates lie in the establishment's life.
static int
s_health_unit_valid (registry_t *self, pps_call_t *call, const Registry__HealthUnit *in)
{
    Registry__Establishment *establishment;
    Registry__Hospital *hospital;
    if (pps_check_text (call, "health_unit.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_date (call, "health_unit.opened_on", in->opened_on, false)
    ||  pps_check_date (call, "health_unit.closed_on", in->closed_on, false)
    ||  pps_check_period (call, "health_unit.closed_on", in->opened_on, in->closed_on)
    ||  pps_record_load (call, self->establishments, in->establishment_id,
                       &registry__establishment__descriptor, "health_unit.establishment_id",
                       &establishment)
    ||  pps_record_load (call, self->hospitals, in->hospital_id,
                       &registry__hospital__descriptor, "health_unit.hospital_id", &hospital)
    ||  s_unit_within (call, in, establishment, true))
        return -1;
    return 0;
}

typedef struct {
    uint64_t establishment_id;
    pps_arena_t *arena;
    void **items;
    size_t count;
} unit_scan_t;

//  Keeps the units of the scan's establishment.
static int
s_collect_establishment_unit (ProtobufCMessage *record, void *arg)
{
    unit_scan_t *scan = arg;
    if (((Registry__HealthUnit *) record)->establishment_id == scan->establishment_id)
        pps_arena_push (scan->arena, &scan->items, &scan->count, record);
    return 0;
}

int
registry_health_units_fit (registry_t *self, pps_call_t *call,
                           const Registry__Establishment *in,
                           const Registry__Establishment *before)
{
    //  Only a new or moved date can leave a unit outside
    if ((!pps_date_is_set (in->opened_on)
         || pps_date_ordinal (in->opened_on) == pps_date_ordinal (before->opened_on))
    &&  (!pps_date_is_set (in->closed_on)
         || pps_date_ordinal (in->closed_on) == pps_date_ordinal (before->closed_on)))
        return 0;
    unit_scan_t scan = { in->id, pps_call_arena (call), NULL, 0 };
    int rc = pps_store_each (pps_call_txn (call), self->health_units,
                             &registry__health_unit__descriptor, pps_call_arena (call),
                             s_collect_establishment_unit, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "health units");
    for (size_t index = 0; index < scan.count; index++)
        if (s_unit_within (call, scan.items [index], in, false))
            return -1;
    return 0;
}

PPS_HANDLER (registry_create_health_unit)
{
    registry_t *registry = self;
    Registry__HealthUnit *in = (Registry__HealthUnit *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "health_unit.id",
                              "the service assigns ids; leave health_unit.id at 0");
    if (s_health_unit_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "health_unit"))
    ||  pps_record_save (call, registry->health_units, in->id, in, "health unit")
    ||  pps_call_emit (call, "health_unit.created", REGISTRY__REGISTRY_EVENT__CHANGE_HEALTH_UNIT,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_update_health_unit)
{
    registry_t *registry = self;
    Registry__HealthUnit *in = (Registry__HealthUnit *) op;
    Registry__HealthUnit *before;
    if (pps_record_load (call, registry->health_units, in->id,
                       &registry__health_unit__descriptor, "health_unit.id", &before)
    ||  s_health_unit_valid (registry, call, in)
    ||  pps_record_save (call, registry->health_units, in->id, in, "health unit")
    ||  pps_call_emit (call, "health_unit.updated", REGISTRY__REGISTRY_EVENT__CHANGE_HEALTH_UNIT,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_health_unit)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->health_units, in->id,
                          &registry__health_unit__descriptor, "id", result_p);
}

typedef struct {
    registry_t *registry;
    MDB_txn *txn;
    const Registry__HealthUnitFilter *filter;
    Registry__HealthUnitList *list;
    pps_arena_t *arena;
} health_unit_scan_t;

//  Keeps a health unit that matches the filter; its region is its
//  establishment's. Returns an LMDB error when an establishment cannot be read.
static int
s_collect_health_unit (ProtobufCMessage *record, void *arg)
{
    health_unit_scan_t *scan = arg;
    const Registry__HealthUnitFilter *filter = scan->filter;
    Registry__HealthUnit *unit = (Registry__HealthUnit *) record;
    if (filter->establishment_id && filter->establishment_id != unit->establishment_id)
        return 0;
    if (filter->hospital_id && filter->hospital_id != unit->hospital_id)
        return 0;
    if (*filter->region_code) {
        ProtobufCMessage *found;
        int rc = pps_store_get_id (scan->txn, scan->registry->establishments,
                                   unit->establishment_id, &registry__establishment__descriptor,
                                   scan->arena, &found);
        if (rc == MDB_NOTFOUND)
            return 0;
        if (rc)
            return rc;
        if (!streq (((Registry__Establishment *) found)->region_code, filter->region_code))
            return 0;
    }
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_health_units)
{
    registry_t *registry = self;
    const Registry__HealthUnitFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false))
        return -1;
    Registry__HealthUnitList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__health_unit_list__init (list);
    health_unit_scan_t scan = { registry, pps_call_txn (call), filter, list,
                                pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->health_units,
                             &registry__health_unit__descriptor, pps_call_arena (call),
                             s_collect_health_unit, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "health units");
    *result_p = &list->base;
    return 0;
}
