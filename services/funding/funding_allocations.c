/*  funding_allocations: budgets allocated to a health unit (USMP) through a
    convention with its reference hospital, and indirect funding (a partner
    already funded under a CPOM that intervenes in an establishment): create,
    get, list. Both refer to the registry's records, which are asked there.  */
#include "funding_rules.h"

#include <czmq.h>

//  ---------------------------------------------------------------- allocations

//  Checks an allocation's fields, its funder, and its health unit and
//  hospital with the registry; copies the unit's establishment and region.
static int
s_allocation_valid (funding_t *self, pps_call_t *call, Funding__Allocation *in)
{
    Funding__Funder *funder;
    if (funding_check_amount (call, "allocation.amount_cents", in->amount_cents, true)
    ||  funding_check_year (call, "allocation.year", in->year)
    ||  pps_check_text (call, "allocation.purpose", in->purpose, PPS_TEXT_MAX, true)
    ||  pps_check_text (call, "allocation.convention_reference", in->convention_reference,
                        PPS_NAME_MAX, false)
    ||  pps_check_date (call, "allocation.signed_on", in->signed_on, true)
    ||  funding_funder_load (self, call, in->funder_id, "allocation.funder_id", &funder))
        return -1;
    Registry__HealthUnit *unit = funding_peer_health_unit (self, call, in->health_unit_id,
                                                           "allocation.health_unit_id");
    if (!unit)
        return -1;
    //  The convention is signed with the unit's own reference hospital
    if (in->hospital_id && in->hospital_id != unit->hospital_id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "allocation.hospital_id",
                              "health unit %llu is attached to hospital %llu, not %llu",
                              (unsigned long long) unit->id,
                              (unsigned long long) unit->hospital_id,
                              (unsigned long long) in->hospital_id);
    Registry__Establishment *establishment = funding_peer_establishment (
        self, call, unit->establishment_id, "allocation.health_unit_id");
    if (!establishment)
        return -1;
    in->hospital_id = unit->hospital_id;
    in->establishment_id = establishment->id;
    in->region_code = establishment->region_code;
    return 0;
}

PPS_HANDLER (funding_create_allocation)
{
    funding_t *funding = self;
    Funding__Allocation *in = (Funding__Allocation *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "allocation.id",
                              "the service assigns ids; leave allocation.id at 0");
    if (s_allocation_valid (funding, call, in)
    ||  !(in->id = pps_record_new_id (call, "allocation"))
    ||  pps_record_save (call, funding->allocations, in->id, in, "allocation")
    ||  pps_call_emit (call, "allocation.created", FUNDING__FUNDING_EVENT__CHANGE_ALLOCATION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (funding_get_allocation)
{
    funding_t *funding = self;
    const Funding__ById *in = op;
    return pps_record_load (call, funding->allocations, in->id,
                         &funding__allocation__descriptor, "id", result_p);
}

typedef struct {
    const Funding__AllocationFilter *filter;
    Funding__AllocationList *list;
    pps_arena_t *arena;
} allocation_scan_t;

//  Keeps an allocation that matches every field set in the filter.
static int
s_collect_allocation (ProtobufCMessage *record, void *arg)
{
    allocation_scan_t *scan = arg;
    const Funding__AllocationFilter *filter = scan->filter;
    Funding__Allocation *allocation = (Funding__Allocation *) record;
    if ((filter->year && filter->year != allocation->year)
    ||  (filter->health_unit_id && filter->health_unit_id != allocation->health_unit_id)
    ||  (filter->funder_id && filter->funder_id != allocation->funder_id))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (funding_list_allocations)
{
    funding_t *funding = self;
    const Funding__AllocationFilter *filter = op;
    if (filter->year && funding_check_year (call, "year", filter->year))
        return -1;
    Funding__AllocationList *list = (Funding__AllocationList *)
        pps_arena_message (pps_call_arena (call), &funding__allocation_list__descriptor);
    allocation_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), funding->allocations,
                             &funding__allocation__descriptor, pps_call_arena (call),
                             s_collect_allocation, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "allocations");
    *result_p = &list->base;
    return 0;
}

//  ---------------------------------------------------------------- indirect funding

//  True when the CPOM's period [start, end] (unset bounds open) shares a
//  day with the calendar year.
static bool
s_cpom_covers_year (const Registry__Cpom *cpom, int32_t year)
{
    int32_t first = year * 10000 + 101, last = year * 10000 + 1231;
    int32_t start = pps_date_ordinal (cpom->start_date);
    int32_t end = pps_date_ordinal (cpom->end_date);
    return (start == 0 || start <= last) && (end == 0 || end >= first);
}

//  Checks an indirect funding's fields and, with the registry, that the
//  CPOM is the partner's and runs during the year; copies the region.
static int
s_indirect_valid (funding_t *self, pps_call_t *call, Funding__IndirectFunding *in)
{
    if (funding_check_year (call, "indirect_funding.year", in->year)
    ||  pps_check_text (call, "indirect_funding.description", in->description,
                        PPS_TEXT_MAX, true)
    ||  funding_check_amount (call, "indirect_funding.estimated_cents", in->estimated_cents,
                              false))
        return -1;
    Registry__Partner *partner = funding_peer_partner (self, call, in->partner_id,
                                                       "indirect_funding.partner_id");
    if (!partner)
        return -1;
    Registry__Cpom *cpom = funding_peer_cpom (self, call, in->cpom_id, "indirect_funding.cpom_id");
    if (!cpom)
        return -1;
    if (cpom->partner_id != partner->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "indirect_funding.cpom_id",
                              "CPOM %llu is not a contract with partner %llu",
                              (unsigned long long) cpom->id, (unsigned long long) partner->id);
    if (!s_cpom_covers_year (cpom, in->year))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "indirect_funding.cpom_id",
                              "CPOM %llu does not run during %d",
                              (unsigned long long) cpom->id, in->year);
    Registry__Establishment *establishment = funding_peer_establishment (
        self, call, in->establishment_id, "indirect_funding.establishment_id");
    if (!establishment)
        return -1;
    in->region_code = establishment->region_code;
    return 0;
}

PPS_HANDLER (funding_create_indirect_funding)
{
    funding_t *funding = self;
    Funding__IndirectFunding *in = (Funding__IndirectFunding *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "indirect_funding.id",
                              "the service assigns ids; leave indirect_funding.id at 0");
    if (s_indirect_valid (funding, call, in)
    ||  !(in->id = pps_record_new_id (call, "indirect_funding"))
    ||  pps_record_save (call, funding->indirect_fundings, in->id, in, "indirect funding")
    ||  pps_call_emit (call, "indirect.created", FUNDING__FUNDING_EVENT__CHANGE_INDIRECT_FUNDING,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

typedef struct {
    const Funding__IndirectFilter *filter;
    Funding__IndirectFundingList *list;
    pps_arena_t *arena;
} indirect_scan_t;

//  Keeps an indirect funding that matches every field set in the filter.
static int
s_collect_indirect (ProtobufCMessage *record, void *arg)
{
    indirect_scan_t *scan = arg;
    const Funding__IndirectFilter *filter = scan->filter;
    Funding__IndirectFunding *indirect = (Funding__IndirectFunding *) record;
    if ((filter->year && filter->year != indirect->year)
    ||  (filter->establishment_id && filter->establishment_id != indirect->establishment_id)
    ||  (filter->partner_id && filter->partner_id != indirect->partner_id))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (funding_list_indirect_fundings)
{
    funding_t *funding = self;
    const Funding__IndirectFilter *filter = op;
    if (filter->year && funding_check_year (call, "year", filter->year))
        return -1;
    Funding__IndirectFundingList *list = (Funding__IndirectFundingList *)
        pps_arena_message (pps_call_arena (call), &funding__indirect_funding_list__descriptor);
    indirect_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc = pps_store_each (pps_call_txn (call), funding->indirect_fundings,
                             &funding__indirect_funding__descriptor, pps_call_arena (call),
                             s_collect_indirect, &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "indirect fundings");
    *result_p = &list->base;
    return 0;
}
