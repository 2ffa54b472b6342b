/*  projects_years: per establishment and year, the SWOT with the needs it
    shows (OO 4.1) and the yearly review (OO 5.5): put, get, list. Both live
    in one record keyed by (establishment, year).  */
#include "projects_rules.h"

#include <czmq.h>

//  Loads the establishment's year, or a new one (region from the registry)
//  when there is none yet. Returns 0 or -1 with the call failed.
static int
s_year_load_or_new (projects_t *self, pps_call_t *call, uint64_t establishment_id, int32_t year,
                    Projects__EstablishmentYear **record_p)
{
    uint8_t key [PROJECTS_YEAR_KEY_SIZE];
    projects_year_key (key, establishment_id, year);
    ProtobufCMessage *record = NULL;
    int rc = pps_store_get (pps_call_txn (call), self->establishment_years, key, sizeof key,
                            &projects__establishment_year__descriptor, pps_call_arena (call),
                            &record);
    if (rc == 0) {
        *record_p = (Projects__EstablishmentYear *) record;
        return 0;
    }
    if (rc != MDB_NOTFOUND)
        return pps_call_fail_lmdb (call, rc, "establishment year");
    //  A first record for this establishment: the registry must know it
    Registry__Establishment *establishment = projects_establishment (self, call, establishment_id,
                                                                     "establishment_id");
    if (!establishment)
        return -1;
    Projects__EstablishmentYear *created = pps_arena_alloc (pps_call_arena (call), sizeof *created);
    projects__establishment_year__init (created);
    created->establishment_id = establishment_id;
    created->year = year;
    created->region_code = pps_arena_strdup (pps_call_arena (call), establishment->region_code);
    *record_p = created;
    return 0;
}

//  Stores the record and emits its event.
static int
s_year_save (projects_t *self, pps_call_t *call, Projects__EstablishmentYear *record)
{
    uint8_t key [PROJECTS_YEAR_KEY_SIZE];
    projects_year_key (key, record->establishment_id, record->year);
    int rc = pps_store_put (pps_call_txn (call), self->establishment_years, key, sizeof key,
                           &record->base);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "establishment year");
    return pps_call_emit (call, "establishment_year.updated",
                          PROJECTS__PROJECTS_EVENT__CHANGE_ESTABLISHMENT_YEAR, &record->base);
}

//  The key fields every operation of this file checks first.
static int
s_key_valid (pps_call_t *call, uint64_t establishment_id, int32_t year)
{
    return pps_check_id (call, "establishment_id", establishment_id)
        || pps_check_range (call, "year", year, PROJECTS_YEAR_MIN, PROJECTS_YEAR_MAX);
}

PPS_HANDLER (projects_put_swot)
{
    projects_t *projects = self;
    const Projects__PutSwot *in = op;
    const Projects__Swot *swot = in->swot;
    if (s_key_valid (call, in->establishment_id, in->year))
        return -1;
    if (!swot)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "swot", "swot is required");
    if (pps_check_text (call, "swot.strengths", swot->strengths, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "swot.weaknesses", swot->weaknesses, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "swot.opportunities", swot->opportunities, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "swot.threats", swot->threats, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "swot.needs_people", swot->needs_people, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "swot.needs_logistics", swot->needs_logistics,
                        PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "swot.needs_money", swot->needs_money, PPS_TEXT_MAX, false)
    ||  pps_check_date (call, "swot.done_on", swot->done_on, false))
        return -1;
    //  OO 4.1 counts establishments with a SWOT: an empty one is not one
    if (!*swot->strengths && !*swot->weaknesses && !*swot->opportunities && !*swot->threats)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "swot.strengths",
                              "a SWOT names at least strengths, weaknesses, opportunities "
                              "or threats");
    Projects__EstablishmentYear *record;
    if (s_year_load_or_new (projects, call, in->establishment_id, in->year, &record))
        return -1;
    record->swot = (Projects__Swot *) swot;
    if (s_year_save (projects, call, record))
        return -1;
    *result_p = &record->base;
    return 0;
}

PPS_HANDLER (projects_put_review)
{
    projects_t *projects = self;
    const Projects__PutReview *in = op;
    const Projects__Review *review = in->review;
    if (s_key_valid (call, in->establishment_id, in->year))
        return -1;
    if (!review)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "review", "review is required");
    if (pps_check_date (call, "review.done_on", review->done_on, true)
    ||  pps_check_text (call, "review.summary", review->summary, PPS_TEXT_MAX, true))
        return -1;
    //  The review of a year is held during it or early the next one
    if (review->done_on->year != in->year && review->done_on->year != in->year + 1)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "review.done_on",
                              "the review of %d is done in %d or %d", in->year, in->year,
                              in->year + 1);
    Projects__EstablishmentYear *record;
    if (s_year_load_or_new (projects, call, in->establishment_id, in->year, &record))
        return -1;
    record->review = (Projects__Review *) review;
    if (s_year_save (projects, call, record))
        return -1;
    *result_p = &record->base;
    return 0;
}

PPS_HANDLER (projects_get_establishment_year)
{
    projects_t *projects = self;
    const Projects__YearKey *in = op;
    if (s_key_valid (call, in->establishment_id, in->year))
        return -1;
    uint8_t key [PROJECTS_YEAR_KEY_SIZE];
    projects_year_key (key, in->establishment_id, in->year);
    int rc = pps_store_get (pps_call_txn (call), projects->establishment_years, key, sizeof key,
                            &projects__establishment_year__descriptor, pps_call_arena (call),
                            result_p);
    if (rc == MDB_NOTFOUND)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "year",
                              "establishment %llu has no SWOT nor review for %d",
                              (unsigned long long) in->establishment_id, in->year);
    return rc ? pps_call_fail_lmdb (call, rc, "establishment year") : 0;
}

typedef struct {
    const Projects__YearFilter *filter;
    Projects__EstablishmentYearList *list;
    pps_arena_t *arena;
} year_scan_t;

//  Keeps the record when it passes the region and year filters that are set.
static int
s_collect_year (ProtobufCMessage *record, void *arg)
{
    year_scan_t *scan = arg;
    Projects__EstablishmentYear *year = (Projects__EstablishmentYear *) record;
    if (*scan->filter->region_code && !streq (scan->filter->region_code, year->region_code))
        return 0;
    if (scan->filter->year && scan->filter->year != year->year)
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (projects_list_establishment_years)
{
    projects_t *projects = self;
    const Projects__YearFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  (filter->year
         && pps_check_range (call, "year", filter->year, PROJECTS_YEAR_MIN, PROJECTS_YEAR_MAX)))
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Projects__EstablishmentYearList *list = pps_arena_alloc (arena, sizeof *list);
    projects__establishment_year_list__init (list);
    year_scan_t scan = { filter, list, arena };
    int rc = pps_store_each (pps_call_txn (call), projects->establishment_years,
                             &projects__establishment_year__descriptor, arena, s_collect_year,
                             &scan);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "establishment years");
    *result_p = &list->base;
    return 0;
}
