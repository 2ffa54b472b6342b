/*  indicators_model: the read model fed by the other services' events.  */
#include "indicators_model.h"

#include <czmq.h>
#include "pps_reflect.h"
#include "registry.pb-c.h"
#include "projects.pb-c.h"
#include "training.pb-c.h"
#include "funding.pb-c.h"

const char *const indicators_model_sources [] = {
    "registry", "projects", "training", "funding", NULL
};

typedef struct {
    const char *name;
    const ProtobufCMessageDescriptor *event;
} source_t;

static const source_t s_sources [] = {
    { "registry", &registry__registry_event__descriptor },
    { "projects", &projects__projects_event__descriptor },
    { "training", &training__training_event__descriptor },
    { "funding", &funding__funding_event__descriptor },
};

static const ProtobufCMessageDescriptor *
s_event_descriptor (const char *source)
{
    for (size_t index = 0; index < sizeof s_sources / sizeof s_sources [0]; index++)
        if (streq (s_sources [index].name, source))
            return s_sources [index].event;
    return NULL;
}

//  Whether a field of a record without an id takes part in its key.
static bool
s_is_key_field (const ProtobufCFieldDescriptor *field)
{
    if (field->label == PROTOBUF_C_LABEL_REPEATED || field->type == PROTOBUF_C_TYPE_MESSAGE)
        return false;
    const char *name = field->name;
    size_t length = strlen (name);
    return streq (name, "code") || streq (name, "region_code") || streq (name, "year")
        || streq (name, "category")
        || (length > 3 && streq (name + length - 3, "_id"));
}

static size_t
s_append_field (const ProtobufCMessage *record, const ProtobufCFieldDescriptor *field,
                char *buffer, size_t size, size_t at)
{
    const char *member = (const char *) record + field->offset;
    int written = 0;
    switch (field->type) {
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64: {
            uint64_t value;
            memcpy (&value, member, sizeof value);
            written = snprintf (buffer + at, size - at, "%s%020llu", at ? ":" : "",
                                (unsigned long long) value);
            break;
        }
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_ENUM: {
            int32_t value;
            memcpy (&value, member, sizeof value);
            written = snprintf (buffer + at, size - at, "%s%010d", at ? ":" : "", value);
            break;
        }
        case PROTOBUF_C_TYPE_STRING: {
            const char *value;
            memcpy (&value, member, sizeof value);
            written = snprintf (buffer + at, size - at, "%s%s", at ? ":" : "", value ? value : "");
            break;
        }
        default:
            break;
    }
    if (written < 0)
        return at;
    return at + (size_t) written < size ? at + (size_t) written : size - 1;
}

size_t
indicators_model_key (const ProtobufCMessage *record, char *buffer, size_t size)
{
    const ProtobufCMessageDescriptor *descriptor = record->descriptor;
    const ProtobufCFieldDescriptor *id =
        protobuf_c_message_descriptor_get_field_by_name (descriptor, "id");
    buffer [0] = 0;
    if (id && id->type == PROTOBUF_C_TYPE_UINT64)
        return s_append_field (record, id, buffer, size, 0);
    size_t at = 0;
    for (unsigned index = 0; index < descriptor->n_fields; index++)
        if (s_is_key_field (&descriptor->fields [index]))
            at = s_append_field (record, &descriptor->fields [index], buffer, size, at);
    return at;
}

int
indicators_model_apply (void *arg, MDB_txn *txn, const char *source, uint64_t seq,
                        const uint8_t *event, size_t size)
{
    (void) seq;
    pps_store_t *store = arg;
    const ProtobufCMessageDescriptor *descriptor = s_event_descriptor (source);
    if (!descriptor)
        return -1;
    ProtobufCMessage *decoded = protobuf_c_message_unpack (descriptor, NULL, size, event);
    if (!decoded)
        return -1;
    int rc = 0;
    const ProtobufCMessage *record = NULL;
    uint32_t field = pps_reflect_oneof (decoded, &record);
    const ProtobufCFieldDescriptor *topic_field =
        protobuf_c_message_descriptor_get_field (descriptor, 5);
    const char *topic;
    memcpy (&topic, (const char *) decoded + topic_field->offset, sizeof topic);
    if (field && record) {
        char key [512];
        int prefix = snprintf (key, sizeof key, "%s:%s:", source,
                               pps_reflect_field_name (descriptor, field));
        size_t length = (size_t) prefix
                      + indicators_model_key (record, key + prefix, sizeof key - (size_t) prefix);
        MDB_val mkey = { length, key };
        size_t topic_length = topic ? strlen (topic) : 0;
        bool removal = topic_length > 8 && (streq (topic + topic_length - 8, ".removed")
                                            || streq (topic + topic_length - 8, ".deleted"));
        MDB_dbi records = pps_store_dbi (store, "records");
        if (removal) {
            rc = mdb_del (txn, records, &mkey, NULL);
            if (rc == MDB_NOTFOUND)
                rc = 0;
        }
        else
            rc = pps_store_put (txn, records, key, length, record);
    }
    //  An event whose change this model does not know is simply not kept
    protobuf_c_message_free_unpacked (decoded, NULL);
    return rc ? -1 : 0;
}

int
indicators_model_load (pps_store_t *store, MDB_txn *txn, const char *source, const char *entity,
                       const ProtobufCMessageDescriptor *descriptor, pps_arena_t *arena,
                       void ***items_p, size_t *count_p)
{
    char prefix [128];
    size_t prefix_length = (size_t) snprintf (prefix, sizeof prefix, "%s:%s:", source, entity);
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (txn, pps_store_dbi (store, "records"), &cursor);
    if (rc)
        return rc;
    MDB_val key = { prefix_length, prefix }, data;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_SET_RANGE);
    while (rc == 0 && key.mv_size >= prefix_length
           && memcmp (key.mv_data, prefix, prefix_length) == 0) {
        ProtobufCMessage *record = pps_arena_unpack (arena, descriptor, data.mv_data, data.mv_size);
        if (!record) {
            rc = MDB_CORRUPTED;
            break;
        }
        pps_arena_push (arena, items_p, count_p, record);
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

uint64_t
indicators_model_size (pps_store_t *store, MDB_txn *txn)
{
    MDB_stat stat;
    if (mdb_stat (txn, pps_store_dbi (store, "records"), &stat))
        return 0;
    return stat.ms_entries;
}
