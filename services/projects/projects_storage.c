/*  projects_storage: loading and saving the service's records, its index
    keys, and the references it checks with the registry.  */
#include "projects.h"

#include <czmq.h>

int
projects_load (projects_t *self, pps_call_t *call, MDB_dbi dbi, uint64_t id,
               const ProtobufCMessageDescriptor *descriptor, const char *field,
               void *record_p)
{
    (void) self;
    if (id == 0)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field, "%s is required", field);
    ProtobufCMessage *record = NULL;
    int rc = pps_store_get_id (pps_call_txn (call), dbi, id, descriptor,
                               pps_call_arena (call), &record);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, field,
                              "%s %llu does not exist", field, (unsigned long long) id);
    if (rc)
        return pps_call_fail_lmdb (call, rc, field);
    *(ProtobufCMessage **) record_p = record;
    return 0;
}

int
projects_save (projects_t *self, pps_call_t *call, MDB_dbi dbi, uint64_t id,
               const void *record, const char *what)
{
    (void) self;
    int rc = pps_store_put_id (pps_call_txn (call), dbi, id, record);
    return rc ? pps_call_fail_lmdb (call, rc, what) : 0;
}

uint64_t
projects_new_id (projects_t *self, pps_call_t *call, const char *entity)
{
    uint64_t id = pps_store_next_id (self->store, pps_call_txn (call), entity);
    if (id == 0)
        pps_call_fail (call, PPS__CODE__RESOURCE_EXHAUSTED, "", "cannot allocate a %s id", entity);
    return id;
}

int
projects_index_add (projects_t *self, pps_call_t *call, MDB_dbi index, uint64_t owner,
                    uint64_t id)
{
    (void) self;
    uint8_t key [8];
    pps_key_u64 (key, owner);
    int rc = pps_index_add (pps_call_txn (call), index, key, sizeof key, id);
    return rc ? pps_call_fail_lmdb (call, rc, "an index") : 0;
}

typedef struct {
    pps_arena_t *arena;
    uint64_t *ids;
    size_t count;
    size_t capacity;
} id_list_t;

//  Append one id, doubling the array in the arena when full.
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

ssize_t
projects_index_ids (projects_t *self, pps_call_t *call, MDB_dbi index, uint64_t owner,
                    uint64_t **ids_p)
{
    (void) self;
    uint8_t key [8];
    pps_key_u64 (key, owner);
    id_list_t list = { pps_call_arena (call), NULL, 0, 0 };
    int rc = pps_index_each (pps_call_txn (call), index, key, sizeof key, s_collect_id, &list);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "an index");
    *ids_p = list.ids;
    return (ssize_t) list.count;
}

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

//  Send one read to the registry; the reply, or NULL with the call failed.
static Registry__RegistryReply *
s_registry_get (projects_t *self, pps_call_t *call, uint32_t op, Registry__ById *by_id,
                const char *field)
{
    Registry__RegistryRequest *request = (Registry__RegistryRequest *)
        pps_arena_message (pps_call_arena (call), &registry__registry_request__descriptor);
    request->actor = "projects";
    request->op_case = op;
    if (op == REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT)
        request->get_establishment = by_id;
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
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_ESTABLISHMENT, by_id, field);
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
        self, call, REGISTRY__REGISTRY_REQUEST__OP_GET_PARTNER, by_id, field);
    if (reply && !reply->partner)
        return pps_call_fail (call, PPS__CODE__UNAVAILABLE, field,
                              "the registry answered without the partner");
    return reply ? 0 : -1;
}

ssize_t
projects_project_sessions (projects_t *self, pps_call_t *call, uint64_t project_id,
                           Projects__Session ***sessions_p)
{
    uint64_t *ids = NULL;
    ssize_t count = projects_index_ids (self, call, self->idx_project_sessions, project_id, &ids);
    if (count < 0)
        return -1;
    Projects__Session **sessions = pps_arena_alloc (pps_call_arena (call),
                                                    ((size_t) count + 1) * sizeof *sessions);
    for (ssize_t index = 0; index < count; index++)
        if (projects_load (self, call, self->sessions, ids [index],
                           &projects__session__descriptor, "session", &sessions [index]))
            return -1;
    *sessions_p = sessions;
    return count;
}

int
projects_check_enums (pps_call_t *call, const char *field,
                      const ProtobufCEnumDescriptor *descriptor, const int *values, size_t count)
{
    if (count > PROJECTS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s has %zu values, at most %d", field, count, PROJECTS_LIST_MAX);
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
