/*  fault_subscriber: the indicators service, a subscriber of its own
    process, survives crashes of itself and of its source.

    pps-registry, pps-projects, pps-training and pps-funding run as their own
    processes; pps-indicators runs as another, pointed at them through the
    environment. A writer thread keeps a steady load of registry writes
    (establishments created and updated, steering committees constituted and
    dissolved), each resent with its request id until acknowledged. Meanwhile:
      - pps-indicators is SIGKILLed KILLS times at pseudo-random moments
        (fixed seed) and restarted after a pseudo-random pause;
      - then pps-registry itself is SIGKILLed and restarted SOURCE_DOWN_MS
        later (longer than the writer waits for a reply, so that writes are
        resent), while the indicators service runs: its applied seq must
        pass the seq the registry had at the restart, the writer writing on.
    After the load, within CATCH_UP_MS:
      - the applied registry seq of the indicators' model equals the
        registry's last seq;
      - the 2025 bilan it computes equals, byte for byte (computed_ms aside),
        the one a fresh pps-indicators computes from an empty data directory
        after catching up, and the record counts of both models agree: no
        event lost, none applied twice or out of order (updates and
        dissolutions make order matter);
      - A5.5 and A5.8 count what the writer had acknowledged.

    Usage: fault_subscriber BIN_DIR   (the directory of the pps-* programs)
*/
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include "it_harness.h"
#include "indicators.pb-c.h"

#define ACTOR           "fault-subscriber"
#define KILLS           3
#define KILL_MIN_MS     150
#define KILL_MAX_MS     900
#define DOWN_MAX_MS     400           //  Longest pause before a restart
#define WRITER_CALL_MS  1000          //  A write unanswered this long is resent
#define SOURCE_DOWN_MS  1500          //  The registry stays down longer than that
#define WRITER_TRIES    60            //  Resends of one write before giving up
#define WRITES_MAX      20000
#define CALL_MS         10000
#define CATCH_UP_MS     30000
#define SOURCE_COUNT    4

typedef struct {
    const char *endpoint;
    atomic_bool stop;
    atomic_size_t acked;              //  Writes acknowledged so far
    size_t establishments;            //  Read after the join
    size_t committees_sitting;
    size_t minors_places;
    size_t resends;
    char error [256];
} writer_t;

//  ---------------------------------------------------------------- writer

//  Send request until acknowledged (same request id each time). Returns the
//  reply, or NULL with self->error set.
static Registry__RegistryReply *
s_write (writer_t *self, pps_client_t **client_p, pps_arena_t *arena,
         Registry__RegistryRequest *request)
{
    for (int attempt = 0; attempt < WRITER_TRIES; attempt++) {
        ProtobufCMessage *reply = NULL;
        if (pps_client_call (*client_p, &request->base, &registry__registry_reply__descriptor,
                             arena, &reply) == 0) {
            const Pps__Status *status = pps_client_status (reply);
            if (status->code == PPS__CODE__OK)
                return (Registry__RegistryReply *) reply;
            snprintf (self->error, sizeof self->error, "%s answered %s on '%s': %s",
                      request->request_id, it_code_name (status->code), status->field,
                      status->message);
            return NULL;
        }
        //  The registry is down: a fresh socket, then the same request again
        self->resends++;
        pps_client_destroy (client_p);
        *client_p = pps_client_new (self->endpoint, WRITER_CALL_MS, 1);
        if (!*client_p)
            break;
    }
    snprintf (self->error, sizeof self->error, "%s never acknowledged", request->request_id);
    return NULL;
}

static Registry__Establishment *
s_establishment (pps_arena_t *arena, size_t index, uint64_t id, bool quarter, int32_t capacity)
{
    Registry__Establishment *establishment = pps_arena_alloc (arena, sizeof *establishment);
    registry__establishment__init (establishment);
    establishment->id = id;
    establishment->code = pps_arena_printf (arena, "S%zu", index);
    establishment->name = pps_arena_printf (arena, "Etablissement %zu", index);
    establishment->kind = index % 4 == 3 ? REGISTRY__ESTABLISHMENT_KIND__EPM
                                         : REGISTRY__ESTABLISHMENT_KIND__MA;
    establishment->has_minors_quarter = quarter;
    establishment->capacity = capacity;
    establishment->region_code = "32";
    return establishment;
}

static Pps__Date *
s_date (pps_arena_t *arena, int32_t year, int32_t month, int32_t day)
{
    Pps__Date *date = pps_arena_alloc (arena, sizeof *date);
    pps__date__init (date);
    date->year = year;
    date->month = month;
    date->day = day;
    return date;
}

//  Steps cycle through: create, create, constitute a committee, update an
//  establishment (its minors' quarter flips), then every other cycle
//  dissolve a committee, else create.
static void *
s_writer (void *args)
{
    writer_t *self = args;
    pps_client_t *client = pps_client_new (self->endpoint, WRITER_CALL_MS, 1);
    pps_arena_t *arena = pps_arena_new ();
    uint64_t *ids = calloc (WRITES_MAX, sizeof (uint64_t));
    bool *quarter = calloc (WRITES_MAX, sizeof (bool));
    uint64_t *committees = calloc (WRITES_MAX, sizeof (uint64_t));
    assert (ids && quarter && committees);
    size_t created = 0, constituted = 0, dissolved = 0, next_update = 0;
    for (size_t step = 0; step < WRITES_MAX && client && !atomic_load (&self->stop); step++) {
        Registry__RegistryRequest *request = it_request (arena, ACTOR);
        request->request_id = pps_arena_printf (arena, "load-%zu", step);
        int kind = (int) (step % 5);
        if (kind == 2 && constituted == created)
            kind = 0;
        if (kind == 3 && created == 0)
            kind = 0;
        if (kind == 4 && (step % 10 != 4 || constituted - dissolved <= 2))
            kind = 0;
        size_t target = 0;
        if (kind <= 1) {
            request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_ESTABLISHMENT;
            request->create_establishment = s_establishment (arena, created, 0, false, 100);
        }
        else
        if (kind == 2) {
            Registry__SteeringCommittee *committee = pps_arena_alloc (arena, sizeof *committee);
            registry__steering_committee__init (committee);
            committee->establishment_id = ids [constituted];
            committee->constituted_on = s_date (arena, 2024, 6, 1);
            request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_STEERING_COMMITTEE;
            request->create_steering_committee = committee;
        }
        else
        if (kind == 3) {
            target = next_update++ % created;
            bool flip = target % 4 != 3 && !quarter [target];
            request->op_case = REGISTRY__REGISTRY_REQUEST__OP_UPDATE_ESTABLISHMENT;
            request->update_establishment = s_establishment (arena, target, ids [target], flip,
                                                             (int32_t) (step % 1000));
        }
        else {
            Registry__Dissolve *dissolve = pps_arena_alloc (arena, sizeof *dissolve);
            registry__dissolve__init (dissolve);
            dissolve->id = committees [dissolved];
            dissolve->date = s_date (arena, 2025, 6, 30);
            request->op_case = REGISTRY__REGISTRY_REQUEST__OP_DISSOLVE_STEERING_COMMITTEE;
            request->dissolve_steering_committee = dissolve;
        }
        Registry__RegistryReply *reply = s_write (self, &client, arena, request);
        if (!reply)
            break;
        if (kind <= 1) {
            quarter [created] = false;
            ids [created++] = reply->establishment->id;
            self->minors_places += (created - 1) % 4 == 3;
        }
        else
        if (kind == 2)
            committees [constituted++] = reply->steering_committee->id;
        else
        if (kind == 3) {
            self->minors_places += request->update_establishment->has_minors_quarter;
            self->minors_places -= quarter [target];
            quarter [target] = request->update_establishment->has_minors_quarter;
        }
        else
            dissolved++;
        atomic_fetch_add (&self->acked, 1);
        pps_arena_reset (arena);
        zclock_sleep (2);
    }
    self->establishments = created;
    self->committees_sitting = constituted - dissolved;
    free (ids);
    free (quarter);
    free (committees);
    pps_arena_destroy (&arena);
    pps_client_destroy (&client);
    return NULL;
}

//  ---------------------------------------------------------------- indicators

static Indicators__IndicatorsReply *
s_ask (const char *endpoint, pps_arena_t *arena, Indicators__IndicatorsRequest *request)
{
    char id [33];
    request->request_id = pps_arena_strdup (arena, pps_client_new_request_id (id));
    request->actor = ACTOR;
    pps_client_t *client = pps_client_new (endpoint, CALL_MS, 1);
    IT_CHECK (client, "cannot connect to %s", endpoint);
    ProtobufCMessage *reply = NULL;
    int rc = pps_client_call (client, &request->base, &indicators__indicators_reply__descriptor,
                              arena, &reply);
    pps_client_destroy (&client);
    IT_CHECK (rc == 0, "no reply from the indicators service at %s", endpoint);
    const Pps__Status *status = pps_client_status (reply);
    IT_CHECK (status->code == PPS__CODE__OK, "the indicators service answered %s: %s",
              it_code_name (status->code), status->message);
    return (Indicators__IndicatorsReply *) reply;
}

//  The registry seq applied by the indicators' model, and its record count.
static uint64_t
s_applied (it_service_t *indicators, pps_arena_t *arena, uint64_t *records_p)
{
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    Indicators__ModelQuery query = INDICATORS__MODEL_QUERY__INIT;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_MODEL_STATUS;
    request.model_status = &query;
    Indicators__IndicatorsReply *reply = s_ask (it_service_endpoint (indicators), arena, &request);
    IT_CHECK (reply->model, "model_status without a model");
    if (records_p)
        *records_p = reply->model->records;
    for (size_t index = 0; index < reply->model->n_sources; index++)
        if (streq (reply->model->sources [index]->source, "registry"))
            return reply->model->sources [index]->applied_seq;
    it_fail (__FILE__, __LINE__, "registry source", "model_status does not list the registry");
}

//  Wait until the model has applied at least seq; returns how long it took.
//  Polls with an arena of its own, reset at each poll: what the caller
//  holds in its arena (a bilan to compare) stays valid.
static int64_t
s_wait_applied (it_service_t *indicators, uint64_t seq, const char *when)
{
    pps_arena_t *arena = pps_arena_new ();
    IT_CHECK (arena, "pps_arena_new");
    int64_t start = zclock_mono ();
    uint64_t applied = 0;
    while (zclock_mono () - start < CATCH_UP_MS) {
        applied = s_applied (indicators, arena, NULL);
        pps_arena_reset (arena);
        if (applied >= seq) {
            pps_arena_destroy (&arena);
            return zclock_mono () - start;
        }
        zclock_sleep (50);
    }
    it_fail (__FILE__, __LINE__, "caught up", "%s: the model applied seq %llu, not %llu, after %d ms",
             when, (unsigned long long) applied, (unsigned long long) seq, CATCH_UP_MS);
}

static Indicators__Bilan *
s_bilan (it_service_t *indicators, pps_arena_t *arena)
{
    Indicators__IndicatorsRequest request = INDICATORS__INDICATORS_REQUEST__INIT;
    Indicators__BilanQuery query = INDICATORS__BILAN_QUERY__INIT;
    query.year = 2025;
    request.op_case = INDICATORS__INDICATORS_REQUEST__OP_COMPUTE_BILAN;
    request.compute_bilan = &query;
    Indicators__IndicatorsReply *reply = s_ask (it_service_endpoint (indicators), arena, &request);
    IT_CHECK (reply->bilan, "compute_bilan without a bilan");
    reply->bilan->computed_ms = 0;
    return reply->bilan;
}

static const Indicators__Indicator *
s_indicator (const Indicators__Bilan *bilan, const char *id)
{
    for (size_t index = 0; index < bilan->n_indicators; index++)
        if (streq (bilan->indicators [index]->id, id))
            return bilan->indicators [index];
    it_fail (__FILE__, __LINE__, "indicator", "the bilan has no %s", id);
}

//  ---------------------------------------------------------------- processes

static const char *s_sources [SOURCE_COUNT] = { "registry", "projects", "training", "funding" };

//  A pps-indicators on a fresh data directory, pointed at the sources.
static it_service_t *
s_indicators_new (const char *bin, it_service_t **sources)
{
    char *program = zsys_sprintf ("%s/pps-indicators", bin);
    it_service_t *indicators = it_service_new_named (program, "indicators", IT_IPC);
    zstr_free (&program);
    for (size_t index = 0; index < SOURCE_COUNT; index++) {
        char name [64];
        snprintf (name, sizeof name, "PPS_%s_ENDPOINT", s_sources [index]);
        for (char *c = name; *c; c++)
            *c = (char) toupper ((unsigned char) *c);
        it_service_setenv (indicators, name, it_service_endpoint (sources [index]));
        snprintf (name + strlen (name) - strlen ("ENDPOINT"), 16, "EVENTS");
        it_service_setenv (indicators, name, it_service_events (sources [index]));
    }
    return indicators;
}

//  A pseudo-random wait in [low, high] ms.
static void
s_pause (uint64_t *seed, int low, int high)
{
    zclock_sleep (low + (int) (it_random (seed) % (uint64_t) (high - low + 1)));
}

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: %s BIN_DIR\n", argv [0]);
        return 2;
    }
    const char *bin = argv [1];
    zsys_init ();
    zsys_set_logident ("fault_subscriber");
    int64_t started = zclock_mono ();
    pps_arena_t *arena = pps_arena_new ();
    it_service_t *sources [SOURCE_COUNT];
    for (size_t index = 0; index < SOURCE_COUNT; index++) {
        char *program = zsys_sprintf ("%s/pps-%s", bin, s_sources [index]);
        sources [index] = it_service_new_named (program, s_sources [index], IT_IPC);
        zstr_free (&program);
        //  Frequent heartbeats: a subscriber that missed events hears of them soon
        it_service_setenv (sources [index], "PPS_SERVER_HEARTBEAT_MS", "200");
        it_service_start (sources [index]);
    }
    it_service_t *registry = sources [0];
    pps_client_t *client = pps_client_new (it_service_endpoint (registry), CALL_MS, 1);
    IT_CHECK (client, "cannot connect to the registry");
    Registry__RegistryRequest *request = it_request (arena, ACTOR);
    Registry__Region region = REGISTRY__REGION__INIT;
    region.code = "32";
    region.name = "Hauts-de-France";
    request->op_case = REGISTRY__REGISTRY_REQUEST__OP_CREATE_REGION;
    request->create_region = &region;
    IT_CHECK (pps_client_status (&it_call (client, arena, request)->base)->code == PPS__CODE__OK,
              "create_region failed");
    pps_arena_reset (arena);

    it_service_t *indicators = s_indicators_new (bin, sources);
    it_service_start (indicators);
    writer_t writer = { .endpoint = it_service_endpoint (registry) };
    pthread_t thread;
    IT_CHECK (pthread_create (&thread, NULL, s_writer, &writer) == 0, "pthread_create");

    //  Crashes of the subscriber under load
    uint64_t seed = 0x5eb5c41beULL;
    for (int kill = 1; kill <= KILLS; kill++) {
        s_pause (&seed, KILL_MIN_MS, KILL_MAX_MS);
        size_t acked = atomic_load (&writer.acked);
        it_service_kill (indicators);
        s_pause (&seed, 0, DOWN_MAX_MS);
        it_service_start (indicators);
        printf (" * indicators killed (%d of %d) after %zu acknowledged writes\n", kill, KILLS, acked);
    }
    //  A crash of the source while the subscriber runs
    s_pause (&seed, KILL_MIN_MS, KILL_MAX_MS);
    it_service_kill (registry);
    zclock_sleep (SOURCE_DOWN_MS);
    it_service_start (registry);
    uint64_t at_restart = it_last_seq (client, arena);
    size_t acked_at_restart = atomic_load (&writer.acked);
    int64_t resumed_ms = s_wait_applied (indicators, at_restart + 1, "after the registry's restart");
    printf (" * registry killed and restarted at seq %llu; the model passed it in %lld ms\n",
            (unsigned long long) at_restart, (long long) resumed_ms);
    //  Keep writing a moment after the restart, then stop
    for (int wait = 0; wait < 200 && atomic_load (&writer.acked) < acked_at_restart + 100; wait++)
        zclock_sleep (10);
    atomic_store (&writer.stop, true);
    pthread_join (thread, NULL);
    IT_CHECK (!*writer.error, "writer: %s", writer.error);
    IT_CHECK (writer.resends > 0, "the writer never resent while the registry was down");

    //  Caught up: applied seq = last seq
    uint64_t last_seq = it_last_seq (client, arena);
    IT_CHECK (last_seq == 1 + atomic_load (&writer.acked),
              "the registry's last seq is %llu after %zu acknowledged writes and the region",
              (unsigned long long) last_seq, atomic_load (&writer.acked));
    int64_t caught_ms = s_wait_applied (indicators, last_seq, "after the load");
    uint64_t records = 0;
    uint64_t applied = s_applied (indicators, arena, &records);
    IT_CHECK (applied == last_seq, "the model applied seq %llu, the registry's last is %llu",
              (unsigned long long) applied, (unsigned long long) last_seq);

    //  Same bilan as a fresh subscriber's
    Indicators__Bilan *bilan = s_bilan (indicators, arena);
    it_service_t *fresh = s_indicators_new (bin, sources);
    it_service_start (fresh);
    s_wait_applied (fresh, last_seq, "fresh indicators");
    uint64_t fresh_records = 0;
    IT_CHECK (s_applied (fresh, arena, &fresh_records) == last_seq, "the fresh model went past the log");
    IT_CHECK (records == fresh_records, "the crashed model holds %llu records, a fresh one %llu",
              (unsigned long long) records, (unsigned long long) fresh_records);
    Indicators__Bilan *expected = s_bilan (fresh, arena);
    for (size_t index = 0; index < expected->n_indicators && index < bilan->n_indicators; index++) {
        const Indicators__Indicator *got = bilan->indicators [index];
        const Indicators__Indicator *want = expected->indicators [index];
        IT_CHECK (streq (got->id, want->id) && got->numerator == want->numerator
                  && got->denominator == want->denominator,
                  "%s: %lld/%lld after the crashes, %s: %lld/%lld from a fresh model", got->id,
                  (long long) got->numerator, (long long) got->denominator, want->id,
                  (long long) want->numerator, (long long) want->denominator);
    }
    size_t got_size, want_size;
    uint8_t *got_bytes = pps_arena_pack (arena, &bilan->base, &got_size);
    uint8_t *want_bytes = pps_arena_pack (arena, &expected->base, &want_size);
    IT_CHECK (got_size == want_size && memcmp (got_bytes, want_bytes, got_size) == 0,
              "the bilans differ (%zu and %zu bytes, %zu and %zu establishments)", got_size,
              want_size, bilan->n_establishments, expected->n_establishments);

    //  And it counts what was acknowledged
    const Indicators__Indicator *committees = s_indicator (bilan, "A5.5");
    const Indicators__Indicator *minors = s_indicator (bilan, "A5.8");
    IT_CHECK ((size_t) committees->denominator == writer.establishments
              && (size_t) committees->numerator == writer.committees_sitting,
              "A5.5 is %lld/%lld, the writer made %zu committees sitting in %zu establishments",
              (long long) committees->numerator, (long long) committees->denominator,
              writer.committees_sitting, writer.establishments);
    IT_CHECK ((size_t) minors->denominator == writer.minors_places,
              "A5.8's denominator is %lld, the writer left %zu EPMs and minors' quarters",
              (long long) minors->denominator, writer.minors_places);
    printf (" * %zu writes (%zu resent), caught up in %lld ms, last seq %llu, %llu records, "
            "A5.5 %lld/%lld, A5.8 denominator %lld\n", atomic_load (&writer.acked),
            writer.resends, (long long) caught_ms, (unsigned long long) last_seq,
            (unsigned long long) records, (long long) committees->numerator,
            (long long) committees->denominator, (long long) minors->denominator);
    pps_arena_reset (arena);
    pps_client_destroy (&client);

    IT_CHECK (it_service_stop (fresh) == 0, "fresh indicators: SIGTERM");
    IT_CHECK (it_service_stop (indicators) == 0, "indicators: SIGTERM");
    it_service_destroy (&fresh);
    it_service_destroy (&indicators);
    for (size_t index = 0; index < SOURCE_COUNT; index++) {
        IT_CHECK (it_service_stop (sources [index]) == 0, "%s: SIGTERM", s_sources [index]);
        it_service_destroy (&sources [index]);
    }
    pps_arena_destroy (&arena);
    printf (" * fault.subscriber: OK, %lld ms\n", (long long) (zclock_mono () - started));
    return 0;
}
