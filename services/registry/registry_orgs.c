/*  registry_orgs: regions and establishments: create, update, get, list.
    The other organisations live in registry_directorates.c (DISP, DIRPJJ),
    registry_health.c (hospitals, health units) and registry_people.c
    (partners, persons); the CSV import of establishments in registry_import.c.  */
#include "registry_rules.h"

#include <czmq.h>

//  ---------------------------------------------------------------- regions

static int
s_region_valid (pps_call_t *call, const Registry__Region *in)
{
    if (pps_check_text (call, "region.code", in->code, PPS_CODE_MAX, true)
    ||  pps_check_text (call, "region.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_text (call, "region.ars_name", in->ars_name, PPS_NAME_MAX, false))
        return -1;
    for (const char *c = in->code; *c; c++)
        if (*c < '0' || *c > '9')
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "region.code",
                                  "region.code is an INSEE code, digits only");
    return 0;
}

static int
s_region_write (registry_t *self, pps_call_t *call, const Registry__Region *in,
                bool create, ProtobufCMessage **result_p)
{
    if (s_region_valid (call, in))
        return -1;
    MDB_val key = { strlen (in->code), in->code }, data;
    int rc = mdb_get (pps_call_txn (call), self->regions, &key, &data);
    if (rc && rc != MDB_NOTFOUND)
        return pps_call_fail_lmdb (call, rc, "region");
    if (create && rc == 0)
        return pps_call_fail (call, PPS__CODE__ALREADY_EXISTS, "region.code",
                              "region %s already exists", in->code);
    if (!create && rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "region.code",
                              "region %s does not exist", in->code);
    if ((rc = pps_store_put (pps_call_txn (call), self->regions, in->code, strlen (in->code),
                             &in->base)))
        return pps_call_fail_lmdb (call, rc, "region");
    if (pps_call_emit (call, create ? "region.created" : "region.updated",
                       REGISTRY__REGISTRY_EVENT__CHANGE_REGION, &in->base))
        return -1;
    *result_p = (ProtobufCMessage *) &in->base;
    return 0;
}

PPS_HANDLER (registry_create_region)
{
    return s_region_write (self, call, op, true, result_p);
}

PPS_HANDLER (registry_update_region)
{
    return s_region_write (self, call, op, false, result_p);
}

PPS_HANDLER (registry_get_region)
{
    const Registry__ByRegion *in = op;
    registry_t *registry = self;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, true))
        return -1;
    ProtobufCMessage *record;
    int rc = pps_store_get (pps_call_txn (call), registry->regions, in->region_code,
                            strlen (in->region_code), &registry__region__descriptor,
                            pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "region_code",
                              "region %s does not exist", in->region_code);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "region");
    *result_p = record;
    return 0;
}

static int
s_collect_region (ProtobufCMessage *record, void *arg)
{
    void **args = arg;
    Registry__RegionList *list = args [0];
    pps_arena_push (args [1], (void ***) &list->items, &list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_regions)
{
    registry_t *registry = self;
    Registry__RegionList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__region_list__init (list);
    void *args [] = { list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->regions, &registry__region__descriptor,
                             pps_call_arena (call), s_collect_region, args);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "regions");
    *result_p = &list->base;
    return 0;
}

//  ---------------------------------------------------------------- establishments

//  Checks an establishment's own fields and its references.
int
registry_establishment_valid (registry_t *self, pps_call_t *call, const Registry__Establishment *in)
{
    if (pps_check_text (call, "establishment.code", in->code, PPS_CODE_MAX, true)
    ||  pps_check_text (call, "establishment.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_enum (call, "establishment.kind", &registry__establishment_kind__descriptor,
                        in->kind, true)
    ||  pps_check_range (call, "establishment.capacity", in->capacity, 0, 100000)
    ||  pps_check_text (call, "establishment.departement_code", in->departement_code, 8, false)
    ||  pps_check_text (call, "establishment.commune", in->commune, PPS_NAME_MAX, false)
    ||  pps_check_date (call, "establishment.opened_on", in->opened_on, false)
    ||  pps_check_date (call, "establishment.closed_on", in->closed_on, false)
    ||  pps_check_period (call, "establishment.closed_on", in->opened_on, in->closed_on)
    ||  registry_check_region (self, call, "establishment.region_code", in->region_code))
        return -1;
    if (in->directorate_id) {
        Registry__Directorate *directorate;
        if (pps_record_load (call, self->directorates, in->directorate_id,
                           &registry__directorate__descriptor, "establishment.directorate_id",
                           &directorate))
            return -1;
        if (directorate->kind != REGISTRY__DIRECTORATE_KIND__DISP)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "establishment.directorate_id",
                                  "an establishment's directorate is a DISP");
    }
    return 0;
}

//  The id of the establishment with that ministry code, or 0.
uint64_t
registry_establishment_by_code (registry_t *self, pps_call_t *call, const char *code)
{
    return registry_id_by_code (call, self->idx_establishment_code, code);
}

//  Store an establishment (new when id is 0), keep the code index, emit.
int
registry_establishment_store (registry_t *self, pps_call_t *call, Registry__Establishment *in,
                              const Registry__Establishment *before)
{
    bool create = before == NULL;
    if (create && !(in->id = pps_record_new_id (call, "establishment")))
        return -1;
    if (registry_claim_code (call, self->idx_establishment_code, "establishment.code",
                             before ? before->code : NULL, in->code, in->id))
        return -1;
    if (pps_record_save (call, self->establishments, in->id, in, "establishment"))
        return -1;
    return pps_call_emit (call, create ? "establishment.created" : "establishment.updated",
                          REGISTRY__REGISTRY_EVENT__CHANGE_ESTABLISHMENT, &in->base);
}

PPS_HANDLER (registry_create_establishment)
{
    registry_t *registry = self;
    Registry__Establishment *in = (Registry__Establishment *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "establishment.id",
                              "the service assigns ids; leave establishment.id at 0");
    if (registry_establishment_valid (registry, call, in)
    ||  registry_establishment_store (registry, call, in, NULL))
        return -1;
    *result_p = &in->base;
    return 0;
}

int
registry_establishment_change_valid (registry_t *self, pps_call_t *call,
                                     const Registry__Establishment *in,
                                     const Registry__Establishment *before)
{
    if (registry_designations_fit (self, call, in, before)
    ||  registry_health_units_fit (self, call, in, before))
        return -1;
    return 0;
}

PPS_HANDLER (registry_update_establishment)
{
    registry_t *registry = self;
    Registry__Establishment *in = (Registry__Establishment *) op;
    Registry__Establishment *before;
    if (pps_record_load (call, registry->establishments, in->id,
                       &registry__establishment__descriptor, "establishment.id", &before)
    ||  registry_establishment_valid (registry, call, in)
    ||  registry_establishment_change_valid (registry, call, in, before)
    ||  registry_establishment_store (registry, call, in, before))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_establishment)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->establishments, in->id,
                          &registry__establishment__descriptor, "id", result_p);
}

typedef struct {
    const Registry__EstablishmentFilter *filter;
    Registry__EstablishmentList *list;
    pps_arena_t *arena;
} establishment_scan_t;

static int
s_collect_establishment (ProtobufCMessage *record, void *arg)
{
    establishment_scan_t *scan = arg;
    const Registry__EstablishmentFilter *filter = scan->filter;
    Registry__Establishment *establishment = (Registry__Establishment *) record;
    if (*filter->region_code && !streq (filter->region_code, establishment->region_code))
        return 0;
    if (filter->kind && filter->kind != establishment->kind)
        return 0;
    if (filter->directorate_id && filter->directorate_id != establishment->directorate_id)
        return 0;
    if (filter->minors_only && !(establishment->has_minors_quarter
                                 || establishment->kind == REGISTRY__ESTABLISHMENT_KIND__EPM))
        return 0;
    if (pps_date_is_set (filter->open_at)
    &&  !registry_establishment_open_on (establishment, filter->open_at))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_establishments)
{
    registry_t *registry = self;
    const Registry__EstablishmentFilter *filter = op;
    if (pps_check_date (call, "open_at", filter->open_at, false))
        return -1;
    Registry__EstablishmentList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__establishment_list__init (list);
    establishment_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->establishments,
                             &registry__establishment__descriptor, pps_call_arena (call),
                             s_collect_establishment, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "establishments");
    *result_p = &list->base;
    return 0;
}
