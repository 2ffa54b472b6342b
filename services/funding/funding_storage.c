/*  funding_storage: loading and saving the funding records, the indexes of
    applications, and the checks shared by every handler.  */
#include "funding.h"

#include <czmq.h>

typedef struct {
    funding_t *self;
    pps_call_t *call;
    Funding__Application **items;
    size_t count;
    int rc;                           //  LMDB error met while loading
} under_scan_t;

//  Load one indexed application and append it.
static int
s_load_indexed (uint64_t id, void *arg)
{
    under_scan_t *scan = arg;
    ProtobufCMessage *record;
    int rc = pps_store_get_id (pps_call_txn (scan->call), scan->self->applications, id,
                               &funding__application__descriptor,
                               pps_call_arena (scan->call), &record);
    if (rc) {
        //  An index entry without its record is a broken invariant: report it
        scan->rc = rc == MDB_NOTFOUND ? MDB_CORRUPTED : rc;
        return scan->rc;
    }
    pps_arena_push (pps_call_arena (scan->call), (void ***) &scan->items, &scan->count, record);
    return 0;
}

int
funding_applications_under (funding_t *self, pps_call_t *call, MDB_dbi index, uint64_t key_id,
                            Funding__Application ***items_p, size_t *count_p)
{
    uint8_t key [8];
    pps_key_u64 (key, key_id);
    under_scan_t scan = { self, call, NULL, 0, 0 };
    int rc = pps_index_each (pps_call_txn (call), index, key, sizeof key, s_load_indexed, &scan);
    if (rc && rc != MDB_NOTFOUND)
        return pps_call_fail_lmdb (call, rc, "applications");
    *items_p = scan.items;
    *count_p = scan.count;
    return 0;
}

int
funding_check_ids (pps_call_t *call, const char *field, const uint64_t *ids, size_t count,
                   size_t max)
{
    if (count > max)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s has more than %zu items", field, max);
    for (size_t index = 0; index < count; index++) {
        if (ids [index] == 0)
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT,
                                  pps_arena_printf (pps_call_arena (call), "%s[%zu]", field, index),
                                  "%s[%zu] is 0", field, index);
        //  Lists are capped, so the quadratic scan stays small
        for (size_t before = 0; before < index; before++)
            if (ids [before] == ids [index])
                return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT,
                                      pps_arena_printf (pps_call_arena (call), "%s[%zu]",
                                                        field, index),
                                      "%s lists %llu twice", field,
                                      (unsigned long long) ids [index]);
    }
    return 0;
}

int
funding_check_amount (pps_call_t *call, const char *field, int64_t cents, bool positive)
{
    if (pps_money_valid (cents) && (cents > 0 || !positive))
        return 0;
    char most [PPS_MONEY_TEXT_MAX];
    return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                          "%s must be %s and at most %lld cents (%s)", field,
                          positive ? "more than 0" : "0 or more", PPS_MONEY_MAX,
                          pps_money_format (PPS_MONEY_MAX, most, sizeof most));
}

int
funding_check_year (pps_call_t *call, const char *field, int32_t year)
{
    if (year < FUNDING_YEAR_MIN || year > FUNDING_YEAR_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                              "%s must be a year between %d and %d", field,
                              FUNDING_YEAR_MIN, FUNDING_YEAR_MAX);
    return 0;
}

const char *
funding_enum_name (const ProtobufCEnumDescriptor *descriptor, int value)
{
    const ProtobufCEnumValue *found = protobuf_c_enum_descriptor_get_value (descriptor, value);
    return found ? found->name : "?";
}
