/*  registry_directorates: the interregional prison (DISP) and youth-justice
    (DIRPJJ) directorates: create, update, get, list. A directorate's code is
    unique; idx_directorate_code maps it to the directorate's id so that the
    establishments import can find a DISP by the code the ministry uses.  */
#include "registry_directorates.h"

#include <czmq.h>

//  Checks a directorate's own fields and that each region it serves exists.
int
registry_directorate_valid (registry_t *self, pps_call_t *call, const Registry__Directorate *in)
{
    if (pps_check_enum (call, "directorate.kind", &registry__directorate_kind__descriptor,
                        in->kind, true)
    ||  pps_check_text (call, "directorate.code", in->code, PPS_CODE_MAX, true)
    ||  pps_check_text (call, "directorate.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_text (call, "directorate.seat", in->seat, PPS_NAME_MAX, false))
        return -1;
    if (in->n_region_codes > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "directorate.region_codes",
                              "directorate.region_codes has more than %d items",
                              PPS_LIST_MAX);
    for (size_t index = 0; index < in->n_region_codes; index++) {
        const char *code = in->region_codes [index];
        if (registry_check_region (self, call, "directorate.region_codes", code))
            return -1;
        //  A region listed twice would be counted twice by whoever sums them
        for (size_t other = 0; other < index; other++)
            if (streq (in->region_codes [other], code))
                return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT,
                                      "directorate.region_codes",
                                      "region %s is listed twice", code);
    }
    return 0;
}

//  The id of the directorate with that code, or 0.
uint64_t
registry_directorate_by_code (registry_t *self, pps_call_t *call, const char *code)
{
    return registry_id_by_code (call, self->idx_directorate_code, code);
}

//  Store a directorate (new when before is NULL), keep the code index, emit.
int
registry_directorate_store (registry_t *self, pps_call_t *call, Registry__Directorate *in,
                            const Registry__Directorate *before)
{
    bool create = before == NULL;
    if (create && !(in->id = pps_record_new_id (call, "directorate")))
        return -1;
    if (registry_claim_code (call, self->idx_directorate_code, "directorate.code",
                             before ? before->code : NULL, in->code, in->id))
        return -1;
    if (pps_record_save (call, self->directorates, in->id, in, "directorate"))
        return -1;
    return pps_call_emit (call, create ? "directorate.created" : "directorate.updated",
                          REGISTRY__REGISTRY_EVENT__CHANGE_DIRECTORATE, &in->base);
}

PPS_HANDLER (registry_create_directorate)
{
    registry_t *registry = self;
    Registry__Directorate *in = (Registry__Directorate *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "directorate.id",
                              "the service assigns ids; leave directorate.id at 0");
    if (registry_directorate_valid (registry, call, in)
    ||  registry_directorate_store (registry, call, in, NULL))
        return -1;
    *result_p = &in->base;
    return 0;
}

//  Counts the establishments attached to a directorate.
static int
s_count_attached (ProtobufCMessage *record, void *arg)
{
    uint64_t *counts = arg;     //  [0] directorate id, [1] count
    if (((Registry__Establishment *) record)->directorate_id == counts [0])
        counts [1]++;
    return 0;
}

PPS_HANDLER (registry_update_directorate)
{
    registry_t *registry = self;
    Registry__Directorate *in = (Registry__Directorate *) op;
    Registry__Directorate *before;
    if (pps_record_load (call, registry->directorates, in->id,
                       &registry__directorate__descriptor, "directorate.id", &before)
    ||  registry_directorate_valid (registry, call, in))
        return -1;
    //  Establishments point at their DISP: it cannot stop being one under them
    if (before->kind == REGISTRY__DIRECTORATE_KIND__DISP
    &&  in->kind != REGISTRY__DIRECTORATE_KIND__DISP) {
        uint64_t counts [2] = { in->id, 0 };
        int rc = pps_store_each (pps_call_txn (call), registry->establishments,
                                 &registry__establishment__descriptor, pps_call_arena (call),
                                 s_count_attached, counts);
        if (rc)
            return pps_call_fail_lmdb (call, rc, "establishments");
        if (counts [1])
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "directorate.kind",
                                  "%llu establishments have this DISP as their directorate",
                                  (unsigned long long) counts [1]);
    }
    if (registry_directorate_store (registry, call, in, before))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (registry_get_directorate)
{
    registry_t *registry = self;
    const Registry__ById *in = op;
    return pps_record_load (call, registry->directorates, in->id,
                          &registry__directorate__descriptor, "id", result_p);
}

typedef struct {
    const Registry__DirectorateFilter *filter;
    Registry__DirectorateList *list;
    pps_arena_t *arena;
} directorate_scan_t;

//  Keeps a directorate that serves the filter's region and has its kind.
static int
s_collect_directorate (ProtobufCMessage *record, void *arg)
{
    directorate_scan_t *scan = arg;
    const Registry__DirectorateFilter *filter = scan->filter;
    Registry__Directorate *directorate = (Registry__Directorate *) record;
    if (filter->kind && filter->kind != directorate->kind)
        return 0;
    if (*filter->region_code) {
        size_t index = 0;
        while (index < directorate->n_region_codes
           &&  !streq (directorate->region_codes [index], filter->region_code))
            index++;
        if (index == directorate->n_region_codes)
            return 0;
    }
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (registry_list_directorates)
{
    registry_t *registry = self;
    const Registry__DirectorateFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "kind", &registry__directorate_kind__descriptor, filter->kind, false))
        return -1;
    Registry__DirectorateList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    registry__directorate_list__init (list);
    directorate_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), registry->directorates,
                             &registry__directorate__descriptor, pps_call_arena (call),
                             s_collect_directorate, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "directorates");
    *result_p = &list->base;
    return 0;
}
