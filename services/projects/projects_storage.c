/*  projects_storage: loading and saving the service's records, its index
    keys, and the references it checks with the registry.  */
#include "projects.h"

#include <czmq.h>

void
projects_year_key (uint8_t key [PROJECTS_YEAR_KEY_SIZE], uint64_t establishment_id, int32_t year)
{
    //  Big-endian both, so that one establishment's years sort together, in order
    pps_key_u64 (key, establishment_id);
    uint32_t value = (uint32_t) year;
    key [8] = (uint8_t) (value >> 24);
    key [9] = (uint8_t) (value >> 16);
    key [10] = (uint8_t) (value >> 8);
    key [11] = (uint8_t) value;
}

//  Send one read to the registry (op's member is by_id, or by_region for
//  get_region); the reply, or NULL with the call failed.
static Registry__RegistryReply *
s_registry_get (projects_t *self, pps_call_t *call, uint32_t op, Registry__ById *by_id,
                Registry__ByRegion *by_region, const char *field)
{
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (pps_call_arena (call), &registry__registry_request__descriptor);
    request->actor = "projects";
    request->op_case = op;
    if (op == REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT)
        request->get_establishment = by_id;
    else
    if (op == REGISTRY__REGISTRY_REQUEST__OP_GET_PERSON)
        request->get_person = by_id;
    else
    if (op == REGISTRY__REGISTRY_REQUEST__OP_GET_REGION)
        request->get_region = by_region;
    else
        request->get_partner = by_id;
    return (Registry__RegistryReply *) pps_peer_call (self->registry, call, &request->base, field);
}

Registry__Establishment *
projects_establishment (projects_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    if (pps_check_id (call, field, id))
        return NULL;
    Registry__ById *by_id = pps_arena_alloc (pps_call_arena (call), sizeof *by_id);
    registry__by_id__init (by_id);
    by_id->id = id;
    Registry__RegistryReply *reply = s_registry_get (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT, by_id, NULL, field);
    if (reply && !reply->establishment) {
        pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                       "the registry answered without the establishment");
        return NULL;
    }
    return reply ? reply->establishment : NULL;
}

int
projects_check_partner (projects_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    if (pps_check_id (call, field, id))
        return -1;
    Registry__ById *by_id = pps_arena_alloc (pps_call_arena (call), sizeof *by_id);
    registry__by_id__init (by_id);
    by_id->id = id;
    Registry__RegistryReply *reply = s_registry_get (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_PARTNER, by_id, NULL, field);
    if (reply && !reply->partner)
        return pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                              "the registry answered without the partner");
    return reply ? 0 : -1;
}

Registry__Person *
projects_person (projects_t *self, pps_call_t *call, uint64_t id, const char *field)
{
    if (pps_check_id (call, field, id))
        return NULL;
    Registry__ById *by_id = pps_arena_alloc (pps_call_arena (call), sizeof *by_id);
    registry__by_id__init (by_id);
    by_id->id = id;
    Registry__RegistryReply *reply = s_registry_get (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_PERSON, by_id, NULL, field);
    if (reply && !reply->person) {
        pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                       "the registry answered without the person");
        return NULL;
    }
    return reply ? reply->person : NULL;
}

int
projects_check_region (projects_t *self, pps_call_t *call, const char *code, const char *field)
{
    if (pps_check_text (call, field, code, PPS_CODE_MAX, true))
        return -1;
    Registry__ByRegion *by_region = pps_arena_alloc (pps_call_arena (call), sizeof *by_region);
    registry__by_region__init (by_region);
    by_region->region_code = (char *) code;
    Registry__RegistryReply *reply = s_registry_get (
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_REGION, NULL, by_region, field);
    if (reply && !reply->region)
        return pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                              "the registry answered without the region");
    return reply ? 0 : -1;
}

ssize_t
projects_project_sessions (projects_t *self, pps_call_t *call, uint64_t project_id,
                           Projects__Session ***sessions_p)
{
    size_t count = 0;
    uint64_t *ids = pps_record_index_ids (call, self->idx_project_sessions, project_id, &count);
    if (!ids)
        return -1;
    Projects__Session **sessions = pps_arena_alloc (pps_call_arena (call),
                                                    (count + 1) * sizeof *sessions);
    for (size_t index = 0; index < count; index++)
        if (pps_record_load (call, self->sessions, ids [index],
                           &projects__session__descriptor, "session", &sessions [index]))
            return -1;
    *sessions_p = sessions;
    return (ssize_t) count;
}

int
projects_check_enums (pps_call_t *call, const char *field,
                      const ProtobufCEnumDescriptor *descriptor, const int *values, size_t count)
{
    if (count > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s has %zu values, at most %d", field, count, PPS_LIST_MAX);
    pps_arena_t *arena = pps_call_arena (call);
    for (size_t index = 0; index < count; index++) {
        const char *name = pps_arena_printf (arena, "%s[%zu]", field, index);
        if (pps_check_enum (call, name, descriptor, values [index], true))
            return -1;
        for (size_t before = 0; before < index; before++)
            if (values [before] == values [index])
                return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, name,
                                      "%s repeats %s[%zu]", name, field, before);
    }
    return 0;
}
