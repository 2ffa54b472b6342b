/*  training_it: the training service as a real process (pps-training) next
    to a real registry (pps-registry), each with its own data directory,
    the training service finding the registry through PPS_REGISTRY_ENDPOINT
    as an operator would configure it.

    Covers: references checked across processes (an offer, a session in an
    establishment, a participant); a stream of put_headcount writes from
    THREADS client threads cut by a SIGKILL of pps-training once a
    pseudo-random share of them is acknowledged; after the restart on the
    same data, every acknowledged write is there, the event log runs from
    seq 1 to last_seq without a gap and holds exactly one event per stored
    record, each with its request id; replaying the acknowledged writes
    writes nothing; the unacknowledged ones then go through once; the
    statistics add up the headcounts written. Then pps-registry is killed:
    writes that need it answer UNAVAILABLE, reads still answer, and the same
    request id goes through once the registry is back. Finally a SIGTERM
    stops pps-training with exit status 0.

    Usage: training_it <path of pps-registry> <path of pps-training>
*/
#include <pthread.h>
#include <stdatomic.h>
#include "it_harness.h"
#include "pps_date.h"
#include "pps_reflect.h"
#include "training.pb-c.h"

#define ACTOR           "training-it"
#define THREADS         2
#define YEARS           101               //  2000..2100
#define CATEGORIES      8
#define LINES           (YEARS * CATEGORIES)  //  Headcount lines of one establishment
#define WRITES          1600              //  Fits in two establishments
#define KILL_MAX_MS     4000
#define CRASH_CALL_MS   1000              //  Unanswered this long: the service is down
#define CALL_MS         10000
#define EVENT_PAGE      500

typedef struct {
    char request_id [32];
    bool acked;
} item_t;

typedef struct {
    const char *endpoint;
    const uint64_t *establishments;
    item_t *items;
    size_t thread;                        //  Items thread + k * THREADS are ours
    bool resume;                          //  Send only the unacknowledged, all must pass
    atomic_bool *stop;
    atomic_size_t *acks;
    char error [256];
} worker_t;

//  ---------------------------------------------------------------- requests

//  A TrainingRequest carrying value as op, under request_id (fresh when NULL).
static Training__TrainingRequest *
s_request (pps_arena_t *arena, uint32_t op, const ProtobufCMessage *value, const char *request_id)
{
    Training__TrainingRequest *request = (Training__TrainingRequest *)
        pps_arena_message (arena, &training__training_request__descriptor);
    char fresh [33];
    request->request_id = pps_arena_strdup (arena, request_id
                                            ? request_id : pps_client_new_request_id (fresh));
    request->actor = ACTOR;
    pps_reflect_set_message (&request->base, op, value);
    return request;
}

static Training__TrainingReply *
s_call (pps_client_t *client, pps_arena_t *arena, uint32_t op, const ProtobufCMessage *value,
        const char *request_id, Pps__Code code)
{
    Training__TrainingRequest *request = s_request (arena, op, value, request_id);
    ProtobufCMessage *reply = NULL;
    IT_CHECK (pps_client_call (client, &request->base, &training__training_reply__descriptor,
                               arena, &reply) == 0,
              "no reply to %s", pps_reflect_field_name (&training__training_request__descriptor, op));
    const Pps__Status *status = pps_client_status (reply);
    IT_CHECK (status->code == code, "%s answered %s on '%s': %s, expected %s",
              pps_reflect_field_name (&training__training_request__descriptor, op),
              it_code_name (status->code), status->field, status->message, it_code_name (code));
    return (Training__TrainingReply *) reply;
}

//  The headcount line item index writes: a distinct (establishment, year,
//  category) for each index, and a count derived from it.
static Training__StaffHeadcount *
s_line (pps_arena_t *arena, const uint64_t *establishments, size_t index)
{
    Training__StaffHeadcount *line = pps_arena_alloc (arena, sizeof *line);
    training__staff_headcount__init (line);
    line->establishment_id = establishments [index / LINES];
    line->year = 2000 + (int32_t) ((index % LINES) / CATEGORIES);
    line->category = 1 + (int) (index % CATEGORIES);
    line->count = (int32_t) (index % 997);
    return line;
}

//  Which item wrote this stored line.
static size_t
s_index_of_line (const uint64_t *establishments, const Training__StaffHeadcount *line)
{
    size_t establishment = line->establishment_id == establishments [0] ? 0 : 1;
    IT_CHECK (line->establishment_id == establishments [establishment],
              "headcount of unknown establishment %llu", (unsigned long long) line->establishment_id);
    IT_CHECK (line->year >= 2000 && line->year < 2000 + YEARS && line->category >= 1
              && line->category <= CATEGORIES, "unexpected headcount line %d/%d",
              line->year, line->category);
    size_t index = establishment * LINES + (size_t) (line->year - 2000) * CATEGORIES
                 + (size_t) (line->category - 1);
    IT_CHECK (index < WRITES && line->count == (int32_t) (index % 997),
              "headcount line %zu holds %d", index, line->count);
    return index;
}

//  ---------------------------------------------------------------- client threads

static void *
s_worker (void *args)
{
    worker_t *self = args;
    pps_client_t *client = pps_client_new (self->endpoint, self->resume ? CALL_MS : CRASH_CALL_MS, 1);
    if (!client) {
        snprintf (self->error, sizeof self->error, "cannot connect to %s", self->endpoint);
        return NULL;
    }
    pps_arena_t *arena = pps_arena_new ();
    for (size_t index = self->thread; index < WRITES && !atomic_load (self->stop);
         index += THREADS) {
        item_t *item = &self->items [index];
        if (self->resume && item->acked)
            continue;
        Training__TrainingRequest *request = s_request (
            arena, TRAINING__TRAINING_REQUEST__OP_PUT_HEADCOUNT,
            &s_line (arena, self->establishments, index)->base, item->request_id);
        ProtobufCMessage *answer;
        if (pps_client_call (client, &request->base, &training__training_reply__descriptor,
                             arena, &answer)) {
            if (self->resume)
                snprintf (self->error, sizeof self->error, "no answer to %s", item->request_id);
            break;
        }
        const Pps__Status *status = pps_client_status (answer);
        Training__StaffHeadcount *stored = ((Training__TrainingReply *) answer)->headcount;
        if (status->code != PPS__CODE__OK || !stored || !streq (stored->region_code, "32")) {
            snprintf (self->error, sizeof self->error, "%s answered %s on '%s': %s",
                      item->request_id, it_code_name (status->code), status->field, status->message);
            break;
        }
        item->acked = true;
        atomic_fetch_add (self->acks, 1);
        pps_arena_reset (arena);
    }
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return NULL;
}

//  Run the workers; when kill_at_acks > 0, SIGKILL the service once that
//  many writes are acknowledged (or after KILL_MAX_MS). Returns the acks.
static size_t
s_stream (it_service_t *training, const uint64_t *establishments, item_t *items, bool resume,
          size_t kill_at_acks)
{
    atomic_bool stop = false;
    atomic_size_t acks = 0;
    worker_t workers [THREADS];
    pthread_t threads [THREADS];
    for (size_t thread = 0; thread < THREADS; thread++) {
        workers [thread] = (worker_t) {
            .endpoint = it_service_endpoint (training), .establishments = establishments,
            .items = items, .thread = thread, .resume = resume, .stop = &stop, .acks = &acks
        };
        IT_CHECK (pthread_create (&threads [thread], NULL, s_worker, &workers [thread]) == 0,
                  "pthread_create");
    }
    if (kill_at_acks) {
        int64_t start = zclock_mono ();
        while (zclock_mono () - start < KILL_MAX_MS && atomic_load (&acks) < kill_at_acks)
            zclock_sleep (1);
        it_service_kill (training);
        atomic_store (&stop, true);
    }
    for (size_t thread = 0; thread < THREADS; thread++)
        pthread_join (threads [thread], NULL);
    for (size_t thread = 0; thread < THREADS; thread++)
        IT_CHECK (!*workers [thread].error, "thread %zu: %s", thread, workers [thread].error);
    return atomic_load (&acks);
}

//  ---------------------------------------------------------------- checks

//  Stored headcount lines, by item index (false when absent).
static size_t
s_stored (pps_client_t *client, pps_arena_t *arena, const uint64_t *establishments, bool *stored)
{
    memset (stored, 0, WRITES * sizeof (bool));
    Training__HeadcountFilter *filter = pps_arena_alloc (arena, sizeof *filter);
    training__headcount_filter__init (filter);
    filter->region_code = "32";
    Training__HeadcountList *list = s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_LIST_HEADCOUNTS,
                                            &filter->base, NULL, PPS__CODE__OK)->headcounts;
    for (size_t item = 0; item < list->n_items; item++) {
        size_t index = s_index_of_line (establishments, list->items [item]);
        IT_CHECK (!stored [index], "headcount line %zu listed twice", index);
        stored [index] = true;
    }
    return list->n_items;
}

//  The log runs 1..last_seq without a gap: the offer, session and
//  participant of the set-up, then one headcount.set per stored line, each
//  with the request id that wrote it. Returns last_seq.
static uint64_t
s_check_log (pps_client_t *client, pps_arena_t *arena, const uint64_t *establishments,
             const item_t *items, const bool *stored, size_t stored_count)
{
    uint64_t cursor = 0;
    size_t headcounts = 0;
    for (int page = 0; page < 1000; page++) {
        Pps__EventsSinceRequest *since = pps_arena_alloc (arena, sizeof *since);
        pps__events_since_request__init (since);
        since->seq = cursor;
        since->limit = EVENT_PAGE;
        Pps__EventBatch *batch = s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_EVENTS_SINCE,
                                         &since->base, NULL, PPS__CODE__OK)->events;
        IT_CHECK (batch, "EventsSince carries no batch");
        for (size_t index = 0; index < batch->n_events; index++) {
            Training__TrainingEvent *event = (Training__TrainingEvent *) pps_arena_unpack (
                arena, &training__training_event__descriptor,
                batch->events [index].data, batch->events [index].len);
            IT_CHECK (event, "event after seq %llu does not decode", (unsigned long long) cursor);
            IT_CHECK (event->seq == cursor + 1, "gap in the log: seq %llu after %llu",
                      (unsigned long long) event->seq, (unsigned long long) cursor);
            cursor = event->seq;
            const char *setup [] = { "training.offer.created", "training.session.created",
                                     "training.participant.added" };
            if (cursor <= 3) {
                IT_CHECK (streq (event->topic, setup [cursor - 1]), "event %llu is %s",
                          (unsigned long long) cursor, event->topic);
                continue;
            }
            IT_CHECK (streq (event->topic, "training.headcount.set") && event->headcount,
                      "event %llu is %s", (unsigned long long) cursor, event->topic);
            size_t item = s_index_of_line (establishments, event->headcount);
            IT_CHECK (stored [item] && streq (event->request_id, items [item].request_id),
                      "event %llu of line %zu (request '%s')", (unsigned long long) cursor,
                      item, event->request_id);
            headcounts++;
        }
        if (batch->n_events == 0 || cursor >= batch->last_seq)
            break;
    }
    IT_CHECK (headcounts == stored_count, "%zu headcount events for %zu lines", headcounts,
              stored_count);
    uint64_t last_seq = it_last_seq (client, arena);
    IT_CHECK (last_seq == cursor, "last_seq %llu, log ends at %llu", (unsigned long long) last_seq,
              (unsigned long long) cursor);
    return last_seq;
}

//  ---------------------------------------------------------------- scenario

//  Region 32, two establishments and a person, through the registry's API.
static void
s_registry_setup (it_service_t *registry, pps_arena_t *arena, uint64_t *establishments,
                  uint64_t *person_id)
{
    pps_client_t *client = pps_client_new (it_service_endpoint (registry), CALL_MS, 1);
    IT_CHECK (client, "cannot connect to the registry");
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = &region;
    IT_CHECK (pps_client_status (&it_call (client, arena, request)->base)->code == PPS__CODE__OK,
              "create_region");
    for (int index = 0; index < 2; index++) {
        Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
        registry__establishment__init (establishment);
        establishment->code = pps_arena_printf (arena, "IT%d", index);
        establishment->name = pps_arena_printf (arena, "Etablissement IT%d", index);
        establishment->kind = REGISTRY__ESTABLISHMENT_KIND__CD;
        establishment->region_code = "32";
        establishment->capacity = 600;
        request = it_request (arena, ACTOR);
        request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
        request->create_establishment = establishment;
        Registry__RegistryReply *reply = it_call (client, arena, request);
        IT_CHECK (reply->establishment, "create_establishment");
        establishments [index] = reply->establishment->id;
    }
    Registry__Person person = REGISTRY__PERSON__INIT;
    person.full_name = "Agent formé";
    person.region_code = "32";
    request = it_request (arena, ACTOR);
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_PERSON;
    request->create_person = &person;
    Registry__RegistryReply *reply = it_call (client, arena, request);
    IT_CHECK (reply->person, "create_person");
    *person_id = reply->person->id;
    pps_client_destroy (&client);
}

//  An offer, a session in the first establishment and a participant: three
//  references checked with the other process.
static void
s_training_setup (pps_client_t *client, pps_arena_t *arena, const uint64_t *establishments,
                  uint64_t person_id)
{
    Pps__Date from = PPS__DATE__INIT, to = PPS__DATE__INIT, day = PPS__DATE__INIT;
    pps_date_parse ("2025-01-01", &from);
    pps_date_parse ("2025-12-31", &to);
    pps_date_parse ("2025-05-15", &day);
    Training__TrainingOffer offer = TRAINING__TRAINING_OFFER__INIT;
    offer.region_code = "32";
    offer.title = "Repères en promotion de la santé";
    offer.provider_kind = TRAINING__PROVIDER_KIND__CODES;
    offer.duration_minutes = 420;
    offer.open_from = &from;
    offer.open_to = &to;
    uint64_t offer_id = s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_CREATE_OFFER,
                                &offer.base, NULL, PPS__CODE__OK)->offer->id;
    Training__TrainingSession session = TRAINING__TRAINING_SESSION__INIT;
    session.offer_id = offer_id;
    session.first_date = &day;
    session.establishment_id = establishments [0];
    Training__TrainingSession *created = s_call (
        client, arena, TRAINING__TRAINING_REQUEST__OP_CREATE_SESSION, &session.base, NULL,
        PPS__CODE__OK)->session;
    IT_CHECK (streq (created->region_code, "32"), "session region '%s'", created->region_code);
    Training__Participant participant = TRAINING__PARTICIPANT__INIT;
    participant.session_id = created->id;
    participant.person_id = person_id;
    participant.category = TRAINING__STAFF_CATEGORY__PRISON_OFFICER;
    s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_ADD_PARTICIPANT, &participant.base,
            NULL, PPS__CODE__OK);
    participant.person_id = person_id + 1000;
    s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_ADD_PARTICIPANT, &participant.base,
            NULL, PPS__CODE__NOT_FOUND);
}

//  The statistics of 2025 add up the headcount lines of 2025 written.
static void
s_check_stats (pps_client_t *client, pps_arena_t *arena, const uint64_t *establishments)
{
    uint64_t health = 0, prison = 0;
    for (size_t index = 0; index < WRITES; index++) {
        Training__StaffHeadcount *line = s_line (arena, establishments, index);
        if (line->year != 2025)
            continue;
        if (line->category == TRAINING__STAFF_CATEGORY__HEALTH_PROFESSIONAL)
            health += (uint64_t) line->count;
        //  The penitentiary administration, SPIP included
        if (line->category >= TRAINING__STAFF_CATEGORY__PRISON_GUARD
        &&  line->category <= TRAINING__STAFF_CATEGORY__SPIP)
            prison += (uint64_t) line->count;
    }
    Pps__Date from = PPS__DATE__INIT, to = PPS__DATE__INIT;
    pps_date_parse ("2025-01-01", &from);
    pps_date_parse ("2025-12-31", &to);
    Training__StatsQuery query = TRAINING__STATS_QUERY__INIT;
    query.region_code = "32";
    query.from = &from;
    query.to = &to;
    Training__TrainedStats *stats = s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_TRAINED_STATS,
                                            &query.base, NULL, PPS__CODE__OK)->trained_stats;
    IT_CHECK (stats->health_headcount == health && stats->penitentiary_headcount == prison,
              "headcounts %u/%u, written %llu/%llu", stats->health_headcount,
              stats->penitentiary_headcount, (unsigned long long) health, (unsigned long long) prison);
    IT_CHECK (stats->penitentiary_trained == 1 && stats->sessions == 1 && stats->distinct_persons == 1,
              "trained %u, sessions %u", stats->penitentiary_trained, stats->sessions);
}

//  pps-registry killed: writes needing it are UNAVAILABLE, reads answer,
//  and the same request id goes through once it is back.
static void
s_registry_down (it_service_t *registry, pps_client_t *client, pps_arena_t *arena,
                 const uint64_t *establishments)
{
    uint64_t last_seq = it_last_seq (client, arena);
    it_service_kill (registry);
    Training__StaffHeadcount *line = s_line (arena, establishments, LINES + LINES - 1);
    s_call (client, arena, TRAINING__TRAINING_REQUEST__OP_PUT_HEADCOUNT, &line->base,
            "while-registry-down", PPS__CODE__UNAVAILABLE);
    s_check_stats (client, arena, establishments);
    IT_CHECK (it_last_seq (client, arena) == last_seq, "a refused write wrote");
    it_service_start (registry);
    Training__StaffHeadcount *stored = s_call (
        client, arena, TRAINING__TRAINING_REQUEST__OP_PUT_HEADCOUNT, &line->base,
        "while-registry-down", PPS__CODE__OK)->headcount;
    IT_CHECK (stored->count == line->count, "stored count %d", stored->count);
    IT_CHECK (it_last_seq (client, arena) == last_seq + 1, "the retry did not write once");
}

int
main (int argc, char **argv)
{
    if (argc != 3) {
        fprintf (stderr, "usage: %s PPS-REGISTRY PPS-TRAINING\n", argv [0]);
        return 2;
    }
    zsys_init ();
    zsys_set_logident ("training_it");
    int64_t started = zclock_mono ();
    pps_arena_t *arena = pps_arena_new ();
    it_service_t *registry = it_service_new (argv [1], IT_IPC);
    it_service_start (registry);
    it_service_t *training = it_service_new_named (argv [2], "training", IT_IPC);
    it_service_setenv (training, "PPS_REGISTRY_ENDPOINT", it_service_endpoint (registry));
    it_service_start (training);

    uint64_t establishments [2], person_id;
    s_registry_setup (registry, arena, establishments, &person_id);
    pps_client_t *client = pps_client_new (it_service_endpoint (training), CALL_MS, 1);
    IT_CHECK (client, "cannot connect to pps-training");
    s_training_setup (client, arena, establishments, person_id);
    pps_client_destroy (&client);
    pps_arena_reset (arena);

    //  Stream, and kill pps-training midway
    item_t *items = calloc (WRITES, sizeof (item_t));
    bool *stored = calloc (WRITES, sizeof (bool));
    assert (items && stored);
    for (size_t index = 0; index < WRITES; index++)
        snprintf (items [index].request_id, sizeof items [index].request_id, "headcount-%zu", index);
    uint64_t seed = 0x7ea1ab1eULL;
    size_t kill_at = WRITES * (25 + it_random (&seed) % 50) / 100;
    size_t acked = s_stream (training, establishments, items, false, kill_at);

    //  Restart: the acknowledged writes are there, the log is whole
    it_service_start (training);
    client = pps_client_new (it_service_endpoint (training), CALL_MS, 1);
    IT_CHECK (client, "cannot reconnect to pps-training");
    size_t stored_count = s_stored (client, arena, establishments, stored);
    size_t in_doubt = 0;
    for (size_t index = 0; index < WRITES; index++) {
        if (items [index].acked)
            IT_CHECK (stored [index], "acknowledged write %zu is missing after the crash", index);
        else
            in_doubt += stored [index];
    }
    uint64_t last_seq = s_check_log (client, arena, establishments, items, stored, stored_count);
    IT_CHECK (acked < WRITES, "the kill came after the last write (%zu acks)", acked);
    pps_arena_reset (arena);

    //  Replaying the acknowledged writes changes nothing
    for (size_t index = 0; index < WRITES; index++) {
        if (!items [index].acked)
            continue;
        Training__StaffHeadcount *line = s_line (arena, establishments, index);
        Training__StaffHeadcount *answer = s_call (
            client, arena, TRAINING__TRAINING_REQUEST__OP_PUT_HEADCOUNT, &line->base,
            items [index].request_id, PPS__CODE__OK)->headcount;
        IT_CHECK (answer->count == line->count, "replay of %zu answered %d", index, answer->count);
        pps_arena_reset (arena);
    }
    IT_CHECK (it_last_seq (client, arena) == last_seq, "replaying acknowledged writes wrote");

    //  The rest go through, each once
    s_stream (training, establishments, items, true, 0);
    IT_CHECK (s_stored (client, arena, establishments, stored) == WRITES, "lines missing after resuming");
    last_seq = s_check_log (client, arena, establishments, items, stored, WRITES);
    IT_CHECK (last_seq == 3 + WRITES, "last_seq %llu", (unsigned long long) last_seq);
    s_check_stats (client, arena, establishments);
    pps_arena_reset (arena);

    s_registry_down (registry, client, arena, establishments);
    pps_client_destroy (&client);
    int status = it_service_stop (training);
    IT_CHECK (status == 0, "SIGTERM: pps-training exit status %d", status);
    it_service_destroy (&training);
    it_service_destroy (&registry);
    pps_arena_destroy (&arena);
    free (items);
    free (stored);
    printf (" * training.crash: OK, killed at %zu of %d acknowledged writes (%zu committed "
            "unacknowledged), %lld ms\n", acked, WRITES, in_doubt,
            (long long) (zclock_mono () - started));
    return 0;
}
