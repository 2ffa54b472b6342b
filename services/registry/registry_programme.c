/*  registry_programme: the regional programme record (one per region, kept
    under the region code) and the CPOMs, the multi-year contracts between
    the ARS and the IREPS or a hospital.  */
#include "registry.h"

#include <czmq.h>

#define PROGRAMME_THEMES_MAX    50
#define PROGRAMME_THEME_MAX     200

//  ---------------------------------------------------------------- programme

static int
s_programme_valid (registry_t *self, pps_call_t *call, const Registry__Programme *in)
{
    if (pps_check_date (call, "programme.adopted_on", in->adopted_on, false)
    ||  pps_check_date (call, "programme.period_start", in->period_start, true)
    ||  pps_check_date (call, "programme.period_end", in->period_end, true)
    ||  pps_check_period (call, "programme.period_end", in->period_start, in->period_end)
    ||  pps_check_text (call, "programme.disp_coordination_note", in->disp_coordination_note,
                        PPS_TEXT_MAX, false))
        return -1;
    if (in->n_priority_themes > PROGRAMME_THEMES_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "programme.priority_themes",
                              "a programme has at most %d priority themes", PROGRAMME_THEMES_MAX);
    for (size_t index = 0; index < in->n_priority_themes; index++) {
        char field [64];
        snprintf (field, sizeof field, "programme.priority_themes[%zu]", index);
        if (pps_check_text (call, field, in->priority_themes [index], PROGRAMME_THEME_MAX, true))
            return -1;
    }
    return registry_check_region (self, call, "programme.region_code", in->region_code);
}

PPS_HANDLER (registry_put_programme)
{
    registry_t *registry = self;
    const Registry__Programme *in = op;
    if (s_programme_valid (registry, call, in))
        return -1;
    MDB_txn *txn = pps_call_txn (call);
    MDB_val key = { strlen (in->region_code), in->region_code }, data;
    int rc = mdb_get (txn, registry->programmes, &key, &data);
    if (rc && rc != MDB_NOTFOUND)
        return pps_call_fail_lmdb (call, rc, "programme");
    bool create = rc == MDB_NOTFOUND;
    if ((rc = pps_store_put (txn, registry->programmes, in->region_code, strlen (in->region_code),
                             &in->base)))
        return pps_call_fail_lmdb (call, rc, "programme");
    if (pps_call_emit (call, create ? "programme.created" : "programme.updated",
                       REGISTRY__REGISTRY_EVENT__CHANGE_PROGRAMME, &in->base))
        return -1;
    *result_p = (ProtobufCMessage *) &in->base;
    return 0;
}

PPS_HANDLER (registry_get_programme)
{
    registry_t *registry = self;
    const Registry__ByRegion *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, true))
        return -1;
    ProtobufCMessage *record;
    int rc = pps_store_get (pps_call_txn (call), registry->programmes, in->region_code,
                            strlen (in->region_code), &registry__programme__descriptor,
                            pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "region_code",
                              "region %s has no programme recorded", in->region_code);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "programme");
    *result_p = record;
    return 0;
}

//  ---------------------------------------------------------------- CPOMs

//  A CPOM binds the ARS to exactly one other party, of the same region.
static int
s_cpom_valid (registry_t *self, pps_call_t *call, const Registry__Cpom *in)
{
    if (pps_check_text (call, "cpom.title", in->title, PPS_NAME_MAX, true)
    ||  pps_check_date (call, "cpom.start_date", in->start_date, true)
    ||  pps_check_date (call, "cpom.end_date", in->end_date, false)
    ||  pps_check_period (call, "cpom.end_date", in->start_date, in->end_date))
        return -1;
    if ((in->partner_id == 0) == (in->hospital_id == 0))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "cpom.partner_id",
                              "a CPOM is signed with a partner or a hospital: set exactly one "
                              "of cpom.partner_id and cpom.hospital_id");
    if (registry_check_region (self, call, "cpom.region_code", in->region_code))
        return -1;
    const char *party_region;
    const char *field;
    if (in->partner_id) {
        Registry__Partner *partner;
        field = "cpom.partner_id";
        if (pps_record_load (call, self->partners, in->partner_id,
                           &registry__partner__descriptor, field, &partner))
            return -1;
        party_region = partner->region_code;
    }
    else {
        Registry__Hospital *hospital;
        field = "cpom.hospital_id";
        if (pps_record_load (call, self->hospitals, in->hospital_id,
                           &registry__hospital__descriptor, field, &hospital))
            return -1;
        party_region = hospital->region_code;
    }
    if (*party_region && !streq (party_region, in->region_code))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s is in region %s, the CPOM in region %s", field,
                              party_region, in->region_code);
    return 0;
}

PPS_HANDLER (registry_create_cpom)
{
    registry_t *registry = self;
    Registry__Cpom *in = (Registry__Cpom *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "cpom.id",
                              "the service assigns ids; leave cpom.id at 0");
    if (s_cpom_valid (registry, call, in)
    ||  !(in->id = pps_record_new_id (call, "cpom"))
    ||  pps_record_save (call, registry->cpoms, in->id, in, "cpom")
    ||  pps_call_emit (call, "cpom.created", REGISTRY__REGISTRY_EVENT__CHANGE_CPOM, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_update_cpom)
{
    registry_t *registry = self;
    Registry__Cpom *in = (Registry__Cpom *) op;
    Registry__Cpom *before;
    if (pps_record_load (call, registry->cpoms, in->id, &registry__cpom__descriptor,
                       "cpom.id", &before)
    ||  s_cpom_valid (registry, call, in)
    ||  pps_record_save (call, registry->cpoms, in->id, in, "cpom")
    ||  pps_call_emit (call, "cpom.updated", REGISTRY__REGISTRY_EVENT__CHANGE_CPOM, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_cpom)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->cpoms, in->id, &registry__cpom__descriptor,
                          "id", result_p);
}

typedef struct {
    const char *region_code;
    Registry__CpomList *list;
    pps_arena_t *arena;
} cpom_scan_t;

static int
s_collect_cpom (ProtobufCMessage *record, void *arg)
{
    cpom_scan_t *scan = arg;
    if (*scan->region_code && !streq (scan->region_code, ((Registry__Cpom *) record)->region_code))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_cpoms)
{
    registry_t *registry = self;
    const Registry__ByRegion *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false))
        return -1;
    Registry__CpomList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__cpom_list__init (list);
    cpom_scan_t scan = { filter->region_code, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->cpoms, &registry__cpom__descriptor,
                             pps_call_arena (call), s_collect_cpom, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "cpoms");
    *result_p = &list->base;
    return 0;
}
