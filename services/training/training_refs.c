/*  training_refs: references to the registry's records, checked by asking
    the registry when a record is written ("ask the registry, do not trust
    the client"); the region of a record is copied from these answers. Also
    the checks several handlers share (region echoes, text lists).  */
#include "training.h"

#include <czmq.h>

//  Send one registry read and return its reply when it carries the result
//  expected (result_case), or NULL with the call failed.
static Registry__RegistryReply *
s_ask (training_t *self, pps_call_t *call, Registry__RegistryRequest *request,
       uint32_t result_case, const char *field)
{
    request->actor = "training";
    Registry__RegistryReply *reply = (Registry__RegistryReply *)
        pps_peer_call (self->registry, call, &request->base, field);
    if (!reply)
        return NULL;
    if (reply->result_case != result_case) {
        pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                       "cannot check %s: the registry answered without the record", field);
        return NULL;
    }
    return reply;
}

const Registry__Region *
training_ref_region (training_t *self, pps_call_t *call, const char *field,
                     const char *region_code)
{
    if (pps_check_text (call, field, region_code, PPS_CODE_MAX, true))
        return NULL;
    Registry__ByRegion by_region = REGISTRY__BY_REGION__INIT;
    by_region.region_code = (char *) region_code;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = REGISTRY__REGISTRY_REQUEST__OP_GET_REGION;
    request.get_region = &by_region;
    Registry__RegistryReply *reply = s_ask (self, call, &request,
                                            REGISTRY__REGISTRY_REPLY__RESULT_REGION, field);
    return reply ? reply->region : NULL;
}

//  A get by id of the registry (op), answered with result_case.
static Registry__RegistryReply *
s_get_by_id (training_t *self, pps_call_t *call, const char *field, uint64_t id,
             Registry__RegistryRequest__OpCase op, uint32_t result_case)
{
    if (pps_check_id (call, field, id))
        return NULL;
    Registry__ById by_id = REGISTRY__BY_ID__INIT;
    by_id.id = id;
    Registry__RegistryRequest request = REGISTRY__REGISTRY_REQUEST__INIT;
    request.op_case = op;
    if (op == REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT)
        request.get_establishment = &by_id;
    else
    if (op == REGISTRY__REGISTRY_REQUEST__OP_GET_PERSON)
        request.get_person = &by_id;
    else
        request.get_partner = &by_id;
    return s_ask (self, call, &request, result_case, field);
}

const Registry__Establishment *
training_ref_establishment (training_t *self, pps_call_t *call, const char *field, uint64_t id)
{
    Registry__RegistryReply *reply = s_get_by_id (self, call, field, id,
        REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT,
        REGISTRY__REGISTRY_REPLY__RESULT_ESTABLISHMENT);
    return reply ? reply->establishment : NULL;
}

const Registry__Person *
training_ref_person (training_t *self, pps_call_t *call, const char *field, uint64_t id)
{
    Registry__RegistryReply *reply = s_get_by_id (self, call, field, id,
        REGISTRY__REGISTRY_REQUEST__OP_GET_PERSON, REGISTRY__REGISTRY_REPLY__RESULT_PERSON);
    return reply ? reply->person : NULL;
}

const Registry__Partner *
training_ref_partner (training_t *self, pps_call_t *call, const char *field, uint64_t id)
{
    Registry__RegistryReply *reply = s_get_by_id (self, call, field, id,
        REGISTRY__REGISTRY_REQUEST__OP_GET_PARTNER, REGISTRY__REGISTRY_REPLY__RESULT_PARTNER);
    return reply ? reply->partner : NULL;
}

int
training_check_region_echo (pps_call_t *call, const char *field, const char *given,
                            const char *expected)
{
    if (pps_check_text (call, field, given, PPS_CODE_MAX, false))
        return -1;
    if (*given && !streq (given, expected))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s is set by the service to %s; leave it empty", field, expected);
    return 0;
}

int
training_attendee_establishment (training_t *self, pps_call_t *call, const char *field,
                                 uint64_t given, const Training__TrainingSession *session,
                                 uint64_t *establishment_id_p)
{
    //  Staff trained on site work there, unless the caller says otherwise
    if (!given) {
        *establishment_id_p = session->establishment_id;
        return 0;
    }
    const Registry__Establishment *establishment = training_ref_establishment (self, call,
                                                                               field, given);
    if (!establishment)
        return -1;
    if (!streq (establishment->region_code, session->region_code))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "establishment %llu is in region %s, session %llu in region %s",
                              (unsigned long long) given, establishment->region_code,
                              (unsigned long long) session->id, session->region_code);
    *establishment_id_p = given;
    return 0;
}

int
training_check_text_list (pps_call_t *call, const char *field, char *const *items, size_t count,
                          size_t max)
{
    if (count > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s has %zu items, at most %d", field, count, PPS_LIST_MAX);
    for (size_t index = 0; index < count; index++) {
        char *name = pps_arena_printf (pps_call_arena (call), "%s[%zu]", field, index);
        if (pps_check_text (call, name, items [index], max, true))
            return -1;
    }
    return 0;
}
