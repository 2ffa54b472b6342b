/*  training_harness: an in-process registry and training service.  */
#include "training_harness.h"

#include "pps_reflect.h"
#include "pps_server.h"

//  A request is resent (same request id) when unanswered: one sent as a
//  service restarts can be lost with the old connection
#define CALL_ATTEMPTS 3
#define CALL_MS     10000             //  Longer than the training service's registry checks

void
th_start (th_t *self)
{
    memset (self, 0, sizeof *self);
    static const char *const services [] = { "registry", "training", NULL };
    self->config = test_scratch_config ("training_test", services);
    th_registry_start (self);
    self->training = pps_server_new (&training_service, self->config);
    CHECK (self->training);
    self->registry_client = pps_client_new (pps_config_endpoint (self->config, "registry"),
                                            CALL_MS, CALL_ATTEMPTS);
    self->training_client = pps_client_new (pps_config_endpoint (self->config, "training"),
                                            CALL_MS, CALL_ATTEMPTS);
    CHECK (self->registry_client && self->training_client);
    self->arena = pps_arena_new ();
}

void
th_stop (th_t *self)
{
    pps_arena_destroy (&self->arena);
    pps_client_destroy (&self->registry_client);
    pps_client_destroy (&self->training_client);
    zactor_destroy (&self->training);
    zactor_destroy (&self->registry);
    pps_config_destroy (&self->config);
    test_scratch_remove ();
}

void
th_registry_stop (th_t *self)
{
    zactor_destroy (&self->registry);
}

void
th_registry_start (th_t *self)
{
    CHECK (self->registry == NULL);
    self->registry = pps_server_new (&registry_service, self->config);
    CHECK (self->registry);
}

//  A request of that descriptor carrying value as its op, sent and answered.
static ProtobufCMessage *
s_send (th_t *self, pps_client_t *client, const ProtobufCMessageDescriptor *request_descriptor,
        const ProtobufCMessageDescriptor *reply_descriptor, uint32_t op,
        const ProtobufCMessage *value, const char *request_id)
{
    ProtobufCMessage *request = pps_arena_message (self->arena, request_descriptor);
    pps_reflect_set_string (request, 1, request_id
        ? request_id : pps_client_new_request_id (pps_arena_alloc (self->arena, 33)));
    pps_reflect_set_string (request, 2, "training_service_test");
    pps_reflect_set_message (request, op, value);
    ProtobufCMessage *reply = NULL;
    CHECK (pps_client_call (client, request, reply_descriptor, self->arena, &reply) == 0);
    return reply;
}

Registry__RegistryReply *
th_registry (th_t *self, uint32_t op, const ProtobufCMessage *value, const char *request_id)
{
    return (Registry__RegistryReply *) s_send (self, self->registry_client,
        &registry__registry_request__descriptor, &registry__registry_reply__descriptor,
        op, value, request_id);
}

Training__TrainingReply *
th_training (th_t *self, uint32_t op, const ProtobufCMessage *value, const char *request_id)
{
    return (Training__TrainingReply *) s_send (self, self->training_client,
        &training__training_request__descriptor, &training__training_reply__descriptor,
        op, value, request_id);
}

//  Check the status of any reply.
static void
s_expect (const ProtobufCMessage *reply, Pps__Code code, const char *field,
          const char *file, int line)
{
    const Pps__Status *status = pps_client_status (reply);
    if (status->code != code || (field && !streq (status->field, field))) {
        fprintf (stderr, "expected code %d field '%s', got code %d field '%s': %s\n",
                 code, field ? field : "", status->code, status->field, status->message);
        test_scratch_abort (file, line, "reply status");
    }
}

Registry__RegistryReply *
th_expect_registry (Registry__RegistryReply *reply, Pps__Code code, const char *field,
                    const char *file, int line)
{
    s_expect (&reply->base, code, field, file, line);
    return reply;
}

Training__TrainingReply *
th_expect_training (Training__TrainingReply *reply, Pps__Code code, const char *field,
                    const char *file, int line)
{
    s_expect (&reply->base, code, field, file, line);
    return reply;
}

uint64_t
th_last_seq (th_t *self)
{
    Pps__ServiceStatusRequest *request = pps_arena_alloc (self->arena, sizeof *request);
    pps__service_status_request__init (request);
    Training__TrainingReply *reply = th_training (
        self, TRAINING__TRAINING_REQUEST__OP_SERVICE_STATUS, &request->base, NULL);
    th_expect_training (reply, PPS__CODE__OK, NULL, __FILE__, __LINE__);
    CHECK (reply->service_status);
    return reply->service_status->last_seq;
}

size_t
th_events_since (th_t *self, uint64_t seq, Training__TrainingEvent ***events_p)
{
    Pps__EventsSinceRequest *request = pps_arena_alloc (self->arena, sizeof *request);
    pps__events_since_request__init (request);
    request->seq = seq;
    Training__TrainingReply *reply = th_training (
        self, TRAINING__TRAINING_REQUEST__OP_EVENTS_SINCE, &request->base, NULL);
    th_expect_training (reply, PPS__CODE__OK, NULL, __FILE__, __LINE__);
    CHECK (reply->events);
    Training__TrainingEvent **events = NULL;
    size_t count = 0;
    for (size_t index = 0; index < reply->events->n_events; index++) {
        ProtobufCMessage *event = pps_arena_unpack (self->arena, &training__training_event__descriptor,
                                                    reply->events->events [index].data,
                                                    reply->events->events [index].len);
        CHECK (event);
        pps_arena_push (self->arena, (void ***) &events, &count, event);
    }
    *events_p = events;
    return count;
}

Pps__Date *
th_date (th_t *self, int year, int month, int day)
{
    Pps__Date *date = pps_arena_alloc (self->arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  The events a step must have added to the training service's log.
void
th_wrote (th_t *t, uint64_t *seq, uint64_t added, const char *file, int line)
{
    uint64_t last = th_last_seq (t);
    if (last != *seq + added) {
        fprintf (stderr, "expected %llu new events, got %lld\n", (unsigned long long) added,
                 (long long) (last - *seq));
        test_scratch_abort (file, line, "event count");
    }
    *seq = last;
}

//  ---------------------------------------------------------------- registry

//  Regions, establishments, a partner and persons the scenarios refer to.
void
th_prerequisites (th_t *t, prerequisites_t *p)
{
    const char *regions [][2] = { { "32", "Hauts-de-France" }, { "11", "Île-de-France" } };
    for (int index = 0; index < 2; index++) {
        Registry__Region *region = pps_arena_alloc (t->arena, sizeof *region);
        registry__region__init (region);
        region->code = (char *) regions [index][0];
        region->name = (char *) regions [index][1];
        OK_R (REGISTRY (CREATE_REGION, region));
    }
    const char *codes [] = { "T1", "T2", "T3" };
    for (int index = 0; index < 3; index++) {
        Registry__Establishment *establishment = pps_arena_alloc (t->arena, sizeof *establishment);
        registry__establishment__init (establishment);
        establishment->code = (char *) codes [index];
        establishment->name = pps_arena_printf (t->arena, "Etablissement %s", codes [index]);
        establishment->kind = REGISTRY__ESTABLISHMENT_KIND__MA;
        establishment->capacity = 500;
        establishment->region_code = index < 2 ? "32" : "11";
        uint64_t id = OK_R (REGISTRY (CREATE_ESTABLISHMENT, establishment))->establishment->id;
        if (index < 2)
            p->region_establishment [index] = id;
        else
            p->other_establishment = id;
    }
    Registry__Partner *partner = pps_arena_alloc (t->arena, sizeof *partner);
    registry__partner__init (partner);
    partner->name = "IREPS Hauts-de-France";
    partner->kind = REGISTRY__PARTNER_KIND__IREPS;
    partner->region_code = "32";
    p->partner = OK_R (REGISTRY (CREATE_PARTNER, partner))->partner->id;
    for (int index = 0; index < 4; index++) {
        Registry__Person *person = pps_arena_alloc (t->arena, sizeof *person);
        registry__person__init (person);
        person->full_name = pps_arena_printf (t->arena, "Personne %d", index + 1);
        person->region_code = "32";
        person->category = REGISTRY__PROFESSIONAL_CATEGORY__PRISON_STAFF;
        p->persons [index] = OK_R (REGISTRY (CREATE_PERSON, person))->person->id;
    }
}

//  ---------------------------------------------------------------- records

//  ---------------------------------------------------------------- records

//  A 2-theme, 2-category IREPS offer of region 32.
Training__TrainingOffer *
th_offer (th_t *t, const prerequisites_t *p, Pps__Date *open_from, Pps__Date *open_to)
{
    static char *themes [] = { "santé mentale", "addictions" };
    static Training__StaffCategory audience [] = {
        TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL, TRAINING__STAFF_CATEGORY__PRISON_GUARD
    };
    Training__TrainingOffer *offer = pps_arena_alloc (t->arena, sizeof *offer);
    training__training_offer__init (offer);
    offer->region_code = "32";
    offer->title = "Promotion de la santé en milieu pénitentiaire";
    offer->provider_kind = TRAINING__PROVIDER_KIND__IREPS;
    offer->provider_partner_id = p->partner;
    offer->themes = themes;
    offer->n_themes = 2;
    offer->duration_minutes = 14 * 60;
    offer->audience = audience;
    offer->n_audience = 2;
    offer->open_from = open_from;
    offer->open_to = open_to;
    return offer;
}

//  A session of offer_id.
Training__TrainingSession *
th_session (th_t *t, uint64_t offer_id, Pps__Date *first, Pps__Date *last,
           uint64_t establishment_id, const char *site_label)
{
    Training__TrainingSession *session = pps_arena_alloc (t->arena, sizeof *session);
    training__training_session__init (session);
    session->offer_id = offer_id;
    session->first_date = first;
    session->last_date = last;
    session->establishment_id = establishment_id;
    session->site_label = (char *) site_label;
    return session;
}

//  A named participant.
Training__Participant *
th_participant (th_t *t, uint64_t session_id, uint64_t person_id,
               Training__StaffCategory category, uint64_t establishment_id)
{
    Training__Participant *participant = pps_arena_alloc (t->arena, sizeof *participant);
    training__participant__init (participant);
    participant->session_id = session_id;
    participant->person_id = person_id;
    participant->category = category;
    participant->establishment_id = establishment_id;
    return participant;
}

//  An anonymous count line.
Training__CategoryCount *
th_count (th_t *t, uint64_t session_id, uint64_t establishment_id,
         Training__StaffCategory category, int32_t count)
{
    Training__CategoryCount *line = pps_arena_alloc (t->arena, sizeof *line);
    training__category_count__init (line);
    line->session_id = session_id;
    line->establishment_id = establishment_id;
    line->category = category;
    line->count = count;
    return line;
}

//  A headcount line.
Training__StaffHeadcount *
th_headcount (th_t *t, uint64_t establishment_id, int32_t year,
             Training__StaffCategory category, int32_t count)
{
    Training__StaffHeadcount *headcount = pps_arena_alloc (t->arena, sizeof *headcount);
    training__staff_headcount__init (headcount);
    headcount->establishment_id = establishment_id;
    headcount->year = year;
    headcount->category = category;
    headcount->count = count;
    return headcount;
}

//  TrainedStats of region 32 or one of its establishments, checked OK.
Training__TrainedStats *
th_stats (th_t *t, uint64_t establishment_id, Pps__Date *from, Pps__Date *to)
{
    Training__StatsQuery *query = pps_arena_alloc (t->arena, sizeof *query);
    training__stats_query__init (query);
    query->region_code = "32";
    query->establishment_id = establishment_id;
    query->from = from;
    query->to = to;
    Training__TrainingReply *reply = OK (TRAINING (TRAINED_STATS, query));
    CHECK (reply->trained_stats && reply->trained_stats->n_categories == 8);
    return reply->trained_stats;
}

//  The line of a category in stats.
Training__CategoryStats *
th_category (Training__TrainedStats *stats, Training__StaffCategory category)
{
    for (size_t index = 0; index < stats->n_categories; index++)
        if (stats->categories [index]->category == category)
            return stats->categories [index];
    return NULL;
}

//  IsTrained over a calendar year, checked OK.
Training__IsTrained *
th_is_trained (th_t *t, uint64_t person_id, int year)
{
    Training__IsTrainedQuery *query = pps_arena_alloc (t->arena, sizeof *query);
    training__is_trained_query__init (query);
    query->person_id = person_id;
    query->from = th_date (t, year, 1, 1);
    query->to = th_date (t, year, 12, 31);
    return OK (TRAINING (IS_TRAINED, query))->is_trained;
}

