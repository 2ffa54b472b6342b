/*  training_sessions: the sessions of an offer: create, update, get, list.
    A session is held from first_date to last_date (unset: one day) in an
    establishment of the offer's region, or elsewhere (site_label). Its
    region is the offer's; idx_session_offer lists the sessions of an offer.  */
#include "training_rules.h"

#include <czmq.h>

//  Checks a session's fields and references; sets its region from the
//  offer. Returns 0 or -1.
static int
s_session_valid (training_t *self, pps_call_t *call, Training__TrainingSession *in)
{
    if (pps_check_date (call, "session.first_date", in->first_date, true)
    ||  pps_check_date (call, "session.last_date", in->last_date, false)
    ||  pps_check_period (call, "session.last_date", in->first_date, in->last_date)
    ||  pps_check_text (call, "session.site_label", in->site_label, PPS_NAME_MAX, false)
    ||  training_check_text_list (call, "session.trainers", in->trainers, in->n_trainers,
                                  PPS_NAME_MAX))
        return -1;
    if (!in->establishment_id && !*in->site_label)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "session.site_label",
                              "a session is held in an establishment (session.establishment_id) "
                              "or elsewhere (session.site_label)");
    Training__TrainingOffer *offer;
    if (pps_record_load (call, self->offers, in->offer_id, &training__training_offer__descriptor,
                       "session.offer_id", &offer)
    ||  training_check_region_echo (call, "session.region_code", in->region_code,
                                    offer->region_code))
        return -1;
    if (!training_rules_offer_open_at (offer, in->first_date)) {
        char from [16], to [16];
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "session.first_date",
                              "offer %llu is open from %s to %s", (unsigned long long) offer->id,
                              pps_date_format (offer->open_from, from, sizeof from),
                              pps_date_is_set (offer->open_to)
                              ? pps_date_format (offer->open_to, to, sizeof to) : "further notice");
    }
    in->region_code = offer->region_code;
    if (in->establishment_id) {
        const Registry__Establishment *establishment = training_ref_establishment (
            self, call, "session.establishment_id", in->establishment_id);
        if (!establishment)
            return -1;
        if (!streq (establishment->region_code, in->region_code))
            return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "session.establishment_id",
                                  "establishment %llu is in region %s, the offer in region %s",
                                  (unsigned long long) in->establishment_id,
                                  establishment->region_code, in->region_code);
        //  closed_on is the establishment's last day
        if (pps_date_is_set (establishment->closed_on)
        &&  pps_date_compare (establishment->closed_on, in->first_date) < 0)
            return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "session.first_date",
                                  "establishment %llu is closed at session.first_date",
                                  (unsigned long long) in->establishment_id);
    }
    return 0;
}

PPS_HANDLER (training_create_session)
{
    training_t *training = self;
    Training__TrainingSession *in = (Training__TrainingSession *) op;
    if (in->id)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "session.id",
                              "the service assigns ids; leave session.id at 0");
    if (s_session_valid (training, call, in)
    ||  !(in->id = pps_record_new_id (call, "session"))
    ||  pps_record_index_add (call, training->idx_session_offer, in->offer_id, in->id)
    ||  pps_record_save (call, training->sessions, in->id, in, "session")
    ||  pps_call_emit (call, "session.created", TRAINING__TRAINING_EVENT__CHANGE_SESSION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (training_update_session)
{
    training_t *training = self;
    Training__TrainingSession *in = (Training__TrainingSession *) op;
    Training__TrainingSession *before;
    if (pps_record_load (call, training->sessions, in->id, &training__training_session__descriptor,
                       "session.id", &before)
    ||  s_session_valid (training, call, in))
        return -1;
    //  Its attendees were checked against its region: a session stays there
    if (!streq (in->region_code, before->region_code))
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "session.offer_id",
                              "session %llu is in region %s; offer %llu is in region %s",
                              (unsigned long long) in->id, before->region_code,
                              (unsigned long long) in->offer_id, in->region_code);
    if (in->offer_id != before->offer_id
    &&  (pps_record_index_remove (call, training->idx_session_offer, before->offer_id, in->id)
         || pps_record_index_add (call, training->idx_session_offer, in->offer_id, in->id)))
        return -1;
    if (pps_record_save (call, training->sessions, in->id, in, "session")
    ||  pps_call_emit (call, "session.updated", TRAINING__TRAINING_EVENT__CHANGE_SESSION,
                       &in->base))
        return -1;
    *result_p = &in->base;
    return 0;
}

PPS_HANDLER (training_get_session)
{
    training_t *training = self;
    const Training__ById *in = op;
    return pps_record_load (call, training->sessions, in->id,
                          &training__training_session__descriptor, "id", result_p);
}

typedef struct {
    const Training__SessionFilter *filter;
    Training__SessionList *list;
    pps_arena_t *arena;
} session_scan_t;

//  Keep the sessions the filter asks for.
static int
s_collect_session (ProtobufCMessage *record, void *arg)
{
    session_scan_t *scan = arg;
    const Training__SessionFilter *filter = scan->filter;
    Training__TrainingSession *session = (Training__TrainingSession *) record;
    if (*filter->region_code && !streq (filter->region_code, session->region_code))
        return 0;
    if (filter->offer_id && filter->offer_id != session->offer_id)
        return 0;
    if (filter->establishment_id && filter->establishment_id != session->establishment_id)
        return 0;
    if (!training_rules_session_in_period (session->first_date, session->last_date,
                                           filter->from, filter->to))
        return 0;
    pps_arena_push (scan->arena, (void ***) &scan->list->items, &scan->list->n_items, record);
    return 0;
}

PPS_HANDLER (training_list_sessions)
{
    training_t *training = self;
    const Training__SessionFilter *filter = op;
    if (pps_check_text (call, "region_code", filter->region_code, PPS_CODE_MAX, false)
    ||  pps_check_date (call, "from", filter->from, false)
    ||  pps_check_date (call, "to", filter->to, false)
    ||  pps_check_period (call, "to", filter->from, filter->to))
        return -1;
    Training__SessionList *list = pps_arena_alloc (pps_call_arena (call), sizeof *list);
    training__session_list__init (list);
    session_scan_t scan = { filter, list, pps_call_arena (call) };
    if (training_each (call, training->sessions, &training__training_session__descriptor,
                       s_collect_session, &scan))
        return -1;
    *result_p = &list->base;
    return 0;
}
