/*  funding_peers: the records of other services that funding refers to,
    asked to their owners (the registry and the projects service) while a
    request is served, so that a reference is never taken on trust.  */
#include "funding.h"

//  Ask the registry for one record by id; op is the request's oneof case.
static Registry__RegistryReply *
s_registry_by_id (funding_t *self, pps_call_t *call, Registry__RegistryRequest__OpCase op,
                  uint64_t id, const char *field)
{
    if (id == 0) {
        pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field, "%s is required", field);
        return NULL;
    }
    pps_arena_t *arena = pps_call_arena (call);
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (arena, &registry__registry_request__descriptor);
    Registry__ById *by_id = (Registry__ById *) pps_arena_message (arena, &registry__by_id__descriptor);
    by_id->id = id;
    request->actor = "funding";
    request->op_case = op;
    switch (op) {
        case REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT: request->get_establishment = by_id; break;
        case REGISTRY__REGISTRY_REQUEST__OP_GET_HEALTH_UNIT:   request->get_health_unit = by_id; break;
        case REGISTRY__REGISTRY_REQUEST__OP_GET_PARTNER:       request->get_partner = by_id; break;
        case REGISTRY__REGISTRY_REQUEST__OP_GET_CPOM:          request->get_cpom = by_id; break;
        default: assert (false);      //  Only the cases above are asked by id
    }
    return (Registry__RegistryReply *) pps_peer_call (self->registry, call, &request->base, field);
}

//  The reply's result, or NULL with the call failed when a peer answered OK
//  without the record (a peer of another version).
static void *
s_result (pps_call_t *call, void *record, const char *field, const char *peer)
{
    if (!record)
        pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                       "the %s service answered without the record asked for %s", peer, field);
    return record;
}

Projects__Project *
funding_peer_project (funding_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    if (id == 0) {
        pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field, "%s is required", field);
        return NULL;
    }
    pps_arena_t *arena = pps_call_arena (call);
    Projects__ProjectsRequest *request = (Projects__ProjectsRequest *)
        pps_arena_message (arena, &projects__projects_request__descriptor);
    Projects__ById *by_id = (Projects__ById *) pps_arena_message (arena, &projects__by_id__descriptor);
    by_id->id = id;
    request->actor = "funding";
    request->op_case = PROJECTS__PROJECTS_REQUEST__OP_GET_PROJECT;
    request->get_project = by_id;
    Projects__ProjectsReply *reply = (Projects__ProjectsReply *)
        pps_peer_call (self->projects, call, &request->base, field);
    return reply ? s_result (call, reply->project, field, "projects") : NULL;
}

Registry__Region *
funding_peer_region (funding_t *self, pps_call_t *call, const char *code, const char *field)
{
    pps_arena_t *arena = pps_call_arena (call);
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (arena, &registry__registry_request__descriptor);
    Registry__ByRegion *by_region = (Registry__ByRegion *)
        pps_arena_message (arena, &registry__by_region__descriptor);
    by_region->region_code = (char *) code;
    request->actor = "funding";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_REGION;
    request->get_region = by_region;
    Registry__RegistryReply *reply = (Registry__RegistryReply *)
        pps_peer_call (self->registry, call, &request->base, field);
    return reply ? s_result (call, reply->region, field, "registry") : NULL;
}

Registry__Establishment *
funding_peer_establishment (funding_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    Registry__RegistryReply *reply = s_registry_by_id (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT, id, field);
    return reply ? s_result (call, reply->establishment, field, "registry") : NULL;
}

Registry__HealthUnit *
funding_peer_health_unit (funding_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    Registry__RegistryReply *reply = s_registry_by_id (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_HEALTH_UNIT, id, field);
    return reply ? s_result (call, reply->health_unit, field, "registry") : NULL;
}

Registry__Partner *
funding_peer_partner (funding_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    Registry__RegistryReply *reply = s_registry_by_id (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_PARTNER, id, field);
    return reply ? s_result (call, reply->partner, field, "registry") : NULL;
}

Registry__Cpom *
funding_peer_cpom (funding_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    Registry__RegistryReply *reply = s_registry_by_id (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_CPOM, id, field);
    return reply ? s_result (call, reply->cpom, field, "registry") : NULL;
}

Registry__EstablishmentList *
funding_peer_establishments (funding_t *self, pps_call_t *call, const char *region_code,
                             const Pps__Date *open_at, const char *field)
{
    pps_arena_t *arena = pps_call_arena (call);
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (arena, &registry__registry_request__descriptor);
    Registry__EstablishmentFilter *filter = (Registry__EstablishmentFilter *)
        pps_arena_message (arena, &registry__establishment_filter__descriptor);
    filter->region_code = (char *) region_code;
    filter->open_at = (Pps__Date *) open_at;
    request->actor = "funding";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_LIST_ESTABLISHMENTS;
    request->list_establishments = filter;
    Registry__RegistryReply *reply = (Registry__RegistryReply *)
        pps_peer_call (self->registry, call, &request->base, field);
    return reply ? s_result (call, reply->establishments, field, "registry") : NULL;
}
