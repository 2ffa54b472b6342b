/*  pps_subscriber against a real registry: every event applied exactly once,
    in order, across a subscriber that was stopped while the source went on
    writing, and across a source that was stopped and restarted.  */
#include "orgs_harness.h"
#include "pps_server.h"
#include "pps_subscriber.h"

typedef struct {
    pps_store_t *store;
    MDB_dbi applied;            //  seq -> topic; a second put of a seq fails
} model_t;

static int
s_apply (void *arg, MDB_txn *txn, const char *source, uint64_t seq,
         const uint8_t *event, size_t size)
{
    model_t *model = arg;
    if (!streq (source, "registry"))
        return -1;
    Registry__RegistryEvent *decoded = registry__registry_event__unpack (NULL, size, event);
    if (!decoded || decoded->seq != seq)
        return -1;
    uint8_t key [8];
    pps_key_u64 (key, seq);
    MDB_val mkey = { 8, key }, data = { strlen (decoded->topic), decoded->topic };
    int rc = mdb_put (txn, model->applied, &mkey, &data, MDB_NOOVERWRITE);
    registry__registry_event__free_unpacked (decoded, NULL);
    return rc ? -1 : 0;
}

static void
s_create_regions (test_t *t, int first, int count)
{
    for (int code = first; code < first + count; code++) {
        Registry__Region region = REGISTRY__REGION__INIT;
        region.code = zsys_sprintf ("%d", code);
        region.name = "Région de test";
        OK (SEND (CREATE_REGION, create_region, &region));
        zstr_free (&region.code);
    }
}

static uint64_t
s_applied_count (model_t *model)
{
    MDB_txn *txn;
    MDB_stat stat;
    if (mdb_txn_begin (pps_store_env (model->store), NULL, MDB_RDONLY, &txn))
        return 0;
    mdb_stat (txn, model->applied, &stat);
    mdb_txn_abort (txn);
    return stat.ms_entries;
}

static uint64_t
s_applied_seq (model_t *model)
{
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (model->store), NULL, MDB_RDONLY, &txn))
        return 0;
    uint64_t seq = pps_subscriber_applied (model->store, txn, "registry");
    mdb_txn_abort (txn);
    return seq;
}

//  Wait (bounded) until the subscriber has applied up to seq.
static bool
s_wait_applied (model_t *model, uint64_t seq)
{
    for (int attempt = 0; attempt < 200; attempt++) {
        if (s_applied_seq (model) >= seq)
            return true;
        zclock_sleep (25);
    }
    return false;
}

int
main (void)
{
    test_t test, *t = &test;
    orgs_harness_start (t);
    pps_config_set (t->config, "server/heartbeat_ms", "200");
    char *model_dir = zsys_sprintf ("%s/subscriber", pps_config_data_dir (t->config));
    const char *const databases [] = { "applied", NULL };
    model_t model = { .store = pps_store_open (model_dir, 64 << 20, databases, 1) };
    CHECK (model.store);
    model.applied = pps_store_dbi (model.store, "applied");
    const char *const sources [] = { "registry", NULL };

    //  Events written before the subscriber starts are caught up at start
    s_create_regions (t, 100, 40);
    pps_subscriber_t *subscriber = pps_subscriber_new (t->config, model.store, sources,
                                                       s_apply, &model);
    CHECK (subscriber);
    CHECK (pps_subscriber_sync (subscriber, 5000) == 0);
    CHECK (s_applied_seq (&model) == 40);

    //  Live events arrive through the PUB socket
    s_create_regions (t, 200, 60);
    CHECK (s_wait_applied (&model, 100));
    CHECK (s_applied_count (&model) == 100);

    //  Stopped while the source goes on: nothing lost when it comes back
    pps_subscriber_destroy (&subscriber);
    s_create_regions (t, 300, 50);
    subscriber = pps_subscriber_new (t->config, model.store, sources, s_apply, &model);
    CHECK (subscriber);
    CHECK (s_wait_applied (&model, 150));
    CHECK (s_applied_count (&model) == 150);
    CHECK (pps_subscriber_lag (subscriber, "registry") == 0);

    //  The source restarts: the subscriber reconnects and keeps up
    zactor_destroy (&t->server);
    t->server = pps_server_new (&registry_service, t->config);
    CHECK (t->server);
    s_create_regions (t, 400, 10);
    CHECK (pps_subscriber_sync (subscriber, 5000) == 0);
    CHECK (s_applied_seq (&model) == 160);
    CHECK (s_applied_count (&model) == 160);

    pps_subscriber_destroy (&subscriber);
    pps_store_destroy (&model.store);
    zstr_free (&model_dir);
    orgs_harness_stop (t);
    printf ("subscriber: OK\n");
    return 0;
}
