/*  training_offers: the regional catalogue of training offers: create,
    update, get, list. An offer is open from open_from to open_to (unset:
    until further notice); A5.3 asks whether one was open in the region
    during the period, and its sessions start within that open period.  */
#include "training_rules.h"

#include <czmq.h>

//  Checks an offer's own fields, then its references with the registry.
static int
s_offer_valid (training_t *self, pps_call_t *call, const Training__TrainingOffer *in)
{
    if (pps_check_text (call, "offer.title", in->title, PPS_NAME_MAX, true)
    ||  pps_check_enum (call, "offer.provider_kind", &training__provider_kind__descriptor,
                        in->provider_kind, true)
    ||  pps_check_range (call, "offer.duration_minutes", in->duration_minutes,
                         TRAINING_MINUTES_MIN, TRAINING_MINUTES_MAX)
    ||  pps_check_date (call, "offer.open_from", in->open_from, true)
    ||  pps_check_date (call, "offer.open_to", in->open_to, false)
    ||  pps_check_period (call, "offer.open_to", in->open_from, in->open_to)
    ||  pps_check_text (call, "offer.description", in->description, PPS_TEXT_MAX, false)
    ||  pps_check_text (call, "offer.region_code", in->region_code, PPS_CODE_MAX, true)
    ||  training_check_text_list (call, "offer.themes", in->themes, in->n_themes,
                                  PPS_NAME_MAX))
        return -1;
    if (in->n_audience > PPS_LIST_MAX)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "offer.audience",
                              "offer.audience has %zu items, at most %d", in->n_audience,
                              PPS_LIST_MAX);
    for (size_t index = 0; index < in->n_audience; index++) {
        char *field = pps_arena_printf (pps_call_arena (call), "offer.audience[%zu]", index);
        if (pps_check_enum (call, field, &training__staff_category__descriptor,
                            in->audience [index], true))
            return -1;
        for (size_t before = 0; before < index; before++)
            if (in->audience [before] == in->audience [index])
                return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, field,
                                      "%s repeats offer.audience[%zu]", field, before);
    }
    if (!training_ref_region (self, call, "offer.region_code", in->region_code))
        return -1;
    if (in->provider_partner_id
    &&  !training_ref_partner (self, call, "offer.provider_partner_id", in->provider_partner_id))
        return -1;
    return 0;
}

//  An update keeps the offer's sessions consistent: same region, and each
//  session still starting while the offer is open.
static int
s_sessions_still_fit (training_t *self, pps_call_t *call, const Training__TrainingOffer *in,
                      const Training__TrainingOffer *before)
{
    size_t count = 0;
    uint64_t *ids = pps_record_index_ids (call, self->idx_session_offer, in->id, &count);
    if (!ids)
        return -1;
    if (count && !streq (in->region_code, before->region_code))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "offer.region_code",
                              "offer %llu has %zu sessions in region %s: it stays there",
                              (unsigned long long) in->id, count, before->region_code);
    for (size_t index = 0; index < count; index++) {
        Training__TrainingSession *session;
        if (pps_record_load (call, self->sessions, ids [index], &training__training_session__descriptor,
                           "session", &session))
            return -1;
        if (!training_rules_offer_open_at (in, session->first_date)) {
            char day [16];
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION,
                                  pps_date_ordinal (session->first_date)
                                  < pps_date_ordinal (in->open_from)
                                  ? "offer.open_from" : "offer.open_to",
                                  "session %llu starts on %s, outside the new open period",
                                  (unsigned long long) session->id,
                                  pps_date_format (session->first_date, day, sizeof day));
        }
    }
    return 0;
}

PPS_HANDLER (training_create_offer)
{
    training_t *training = self;
    Training__TrainingOffer *in = (Training__TrainingOffer *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "offer.id",
                              "the service assigns ids; leave offer.id at 0");
    if (s_offer_valid (training, call, in)
    ||  !(in->id = pps_record_new_id (call, "offer"))
    ||  pps_record_save (call, training->offers, in->id, in, "offer")
    ||  pps_call_emit (call, "offer.created", TRAINING__TRAINING_EVENT__CHANGE_OFFER, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (training_update_offer)
{
    training_t *training = self;
    Training__TrainingOffer *in = (Training__TrainingOffer *) op;
    Training__TrainingOffer *before;
    if (pps_record_load (call, training->offers, in->id, &training__training_offer__descriptor,
                       "offer.id", &before)
    ||  s_offer_valid (training, call, in)
    ||  s_sessions_still_fit (training, call, in, before)
    ||  pps_record_save (call, training->offers, in->id, in, "offer")
    ||  pps_call_emit (call, "offer.updated", TRAINING__TRAINING_EVENT__CHANGE_OFFER, &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (training_get_offer)
{
    training_t *training = self;
    const Training__ById *in = op;
    return pps_record_load (call, training->offers, in->id, &training__training_offer__descriptor,
                          "id", result_p);
}

typedef struct {
    const Training__OfferFilter *filter;
    Training__OfferList *list;
    pps_arena_t *arena;
} offer_scan_t;

//  Keep the offers the filter asks for.
static int
s_collect_offer (ProtobufCMessage *record, void *arg)
{
    offer_scan_t *scan = arg;
    const Training__OfferFilter *filter = scan->filter;
    Training__TrainingOffer *offer = (Training__TrainingOffer *) record;
    if (*filter->region_code && !streq (filter->region_code, offer->region_code))
        return 0;
    if (filter->provider_kind && filter->provider_kind != offer->provider_kind)
        return 0;
    if (!training_rules_offer_open_during (offer, filter->from, filter->to))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (training_list_offers)
{
    training_t *training = self;
    const Training__OfferFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_enum (call, "provider_kind", &training__provider_kind__descriptor,
                        filter->provider_kind, false)
    ||  pps_check_date (call, "from", filter->from, false)
    ||  pps_check_date (call, "to", filter->to, false)
    ||  pps_check_period (call, "to", filter->from, filter->to))
        return -1;
    Training__OfferList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    training__offer_list__init (list);
    offer_scan_t scan = { filter, list, pps_call_arena (call) };
    if (training_each (call, training->offers, &training__training_offer__descriptor,
                       s_collect_offer, &scan))
        return -1;
    *result_p = &list->base;
    return 0;
}
