/*  training_headcounts: the staff of each establishment per category and
    year, the denominator of OS 2. A put replaces the line (establishment,
    year, category); its region is the establishment's, from the registry.  */
#include "training.h"

#include <czmq.h>

PPS_HANDLER (training_put_headcount)
{
    training_t *training = self;
    Training__StaffHeadcount *in = (Training__StaffHeadcount *) op;
    if (pps_check_id (call, "headcount.establishment_id", in->establishment_id)
    ||  pps_check_range (call, "headcount.year", in->year, TRAINING_YEAR_MIN, TRAINING_YEAR_MAX)
    ||  pps_check_enum (call, "headcount.category", &training__staff_category__descriptor,
                        in->category, true)
    ||  pps_check_range (call, "headcount.count", in->count, 0, TRAINING_HEADCOUNT_MAX)
    ||  pps_check_text (call, "headcount.region_code", in->region_code, PPS_CODE_MAX, false))
        return -1;
    const Registry__Establishment *establishment = training_ref_establishment (
        training, call, "headcount.establishment_id", in->establishment_id);
    if (!establishment
    ||  training_check_region_echo (call, "headcount.region_code", in->region_code,
                                    establishment->region_code))
        return -1;
    in->region_code = establishment->region_code;
    uint8_t key [TRAINING_HEADCOUNT_KEY];
    training_headcount_key (key, in->establishment_id, (uint32_t) in->year, (uint32_t) in->category);
    Training__StaffHeadcount *before;
    int found = pps_record_load_key (call, training->headcounts, key, sizeof key,
                                   &training__staff_headcount__descriptor, &before);
    if (found < 0)
        return -1;
    //  Putting what is already there changes nothing, and says nothing
    bool same = found == 0 && before->count == in->count
             && streq (before->region_code, in->region_code);
    if (!same
    &&  (pps_record_save_key (call, training->headcounts, key, sizeof key, in, "headcount")
         || pps_call_emit (call, "headcount.set", TRAINING__TRAINING_EVENT__CHANGE_HEADCOUNT,
                           &in->base)))
        return -1;
    *result_p = &in->base;
    return 0;
}

typedef struct {
    const Training__HeadcountFilter *filter;
    Training__HeadcountList *list;
    pps_arena_t *arena;
} headcount_scan_t;

//  Keep the headcount lines the filter asks for.
static int
s_collect_headcount (ProtobufCMessage *record, void *arg)
{
    headcount_scan_t *scan = arg;
    const Training__HeadcountFilter *filter = scan->filter;
    Training__StaffHeadcount *headcount = (Training__StaffHeadcount *) record;
    if (*filter->region_code && !streq (filter->region_code, headcount->region_code))
        return 0;
    if (filter->year && filter->year != headcount->year)
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (training_list_headcounts)
{
    training_t *training = self;
    const Training__HeadcountFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  (filter->year
         && pps_check_range (call, "year", filter->year, TRAINING_YEAR_MIN, TRAINING_YEAR_MAX)))
        return -1;
    Training__HeadcountList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    training__headcount_list__init (list);
    headcount_scan_t scan = { filter, list, pps_call_arena (call) };
    int rc;
    if (filter->establishment_id) {
        //  An establishment's lines are adjacent: its id leads the key
        uint8_t prefix [8];
        pps_key_u64 (prefix, filter->establishment_id);
        rc = training_each_prefix (call, training->headcounts, prefix, sizeof prefix,
                                   &training__staff_headcount__descriptor,
                                   s_collect_headcount, &scan);
    }
    else
        rc = training_each (call, training->headcounts, &training__staff_headcount__descriptor,
                            s_collect_headcount, &scan);
    if (rc)
        return -1;
    *result_p = &list->base;
    return 0;
}
