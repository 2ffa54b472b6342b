/*  funding_funders: the funders of annex 4 (ARS funds, prison
    administration, DISP drug fund, CPAM, MILDECA, hospital credits...):
    create, update, get, list.  */
#include "funding_rules.h"

#include <czmq.h>

int
funding_funder_load (funding_t *self, pps_call_t *call, uint64_t id, const char *field,
                     Funding__Funder **funder_p)
{
    return pps_record_load (call, self->funders, id, &funding__funder__descriptor, field,
                         funder_p);
}

//  Checks a funder's fields; a regional or local funder names a region the
//  registry knows, a national one names none.
static int
s_funder_valid (funding_t *self, pps_call_t *call, const Funding__Funder *in)
{
    if (pps_check_enum (call, "funder.kind", &funding__funder_kind__descriptor, in->kind, true)
    ||  pps_check_text (call, "funder.name", in->name, PPS_NAME_MAX, true)
    ||  pps_check_enum (call, "funder.level", &funding__funder_level__descriptor, in->level, true)
    ||  pps_check_text (call, "funder.region_code", in->region_code, PPS_CODE_MAX, false))
        return -1;
    if (!funding_rules_level_needs_region (in->level)) {
        if (*in->region_code)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "funder.region_code",
                                  "a national funder has no region_code");
        return 0;
    }
    if (!*in->region_code)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "funder.region_code",
                              "a regional or local funder needs its region_code");
    return funding_peer_region (self, call, in->region_code, "funder.region_code") ? 0 : -1;
}

PPS_HANDLER (funding_create_funder)
{
    funding_t *funding = self;
    Funding__Funder *in = (Funding__Funder *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "funder.id",
                              "the service assigns ids; leave funder.id at 0");
    if (s_funder_valid (funding, call, in)
    ||  !(in->id = pps_record_new_id (call, "funder"))
    ||  pps_record_save (call, funding->funders, in->id, in, "funder")
    ||  pps_call_emit (call, "funder.created", FUNDING__FUNDING_EVENT__CHANGE_FUNDER, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (funding_update_funder)
{
    funding_t *funding = self;
    Funding__Funder *in = (Funding__Funder *) op;
    Funding__Funder *before;
    if (funding_funder_load (funding, call, in->id, "funder.id", &before)
    ||  s_funder_valid (funding, call, in)
    ||  pps_record_save (call, funding->funders, in->id, in, "funder")
    ||  pps_call_emit (call, "funder.updated", FUNDING__FUNDING_EVENT__CHANGE_FUNDER, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (funding_get_funder)
{
    const Funding__ById *in = op;
    return funding_funder_load (self, call, in->id, "id", (Funding__Funder **) result_p);
}

typedef struct {
    const Funding__FunderFilter *filter;
    Funding__FunderList *list;
    pps_arena_t *arena;
} funder_scan_t;

//  Keeps a funder that matches every field set in the filter.
static int
s_collect_funder (ProtobufCMessage *record, void *arg)
{
    funder_scan_t *scan = arg;
    const Funding__FunderFilter *filter = scan->filter;
    Funding__Funder *funder = (Funding__Funder *) record;
    if ((filter->kind && filter->kind != funder->kind)
    ||  (filter->level && filter->level != funder->level)
    ||  (*filter->region_code && !streq (filter->region_code, funder->region_code)))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (funding_list_funders)
{
    funding_t *funding = self;
    const Funding__FunderFilter *filter = op;
    if (pps_check_enum (call, "kind", &funding__funder_kind__descriptor, filter->kind, false)
    ||  pps_check_enum (call, "level", &funding__funder_level__descriptor, filter->level, false)
    ||  pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false))
        return -1;
    Funding__FunderList *list = (Funding__FunderList *)
        pps_arena_message (pps_call_arena (call), &funding__funder_list__descriptor);
    funder_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), funding->funders, &funding__funder__descriptor,
                             pps_call_arena (call), s_collect_funder, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "funders");
    *result_p = &list->base;
    return 0;
}
