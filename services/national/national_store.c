/*  national_store: bilans by region, period and version, in LMDB.  */
#include "national_store.h"
#include "national_settings.h"

#include <czmq.h>
#include "pps_store.h"

#define KEY_MAX 64

struct _national_store_t {
    pps_store_t *store;               //  The environment
    MDB_dbi bilans;                   //  region:period:version -> time + document
    MDB_dbi latest;                   //  period:region -> highest version
    MDB_dbi first_received;           //  period:region -> time of the first version
};

static const char *const s_databases [] = { "bilans", "latest", "first_received", NULL };

national_store_t *
national_store_open (const char *path, size_t map_bytes)
{
    pps_store_t *store = pps_store_open (path, map_bytes, s_databases, NATIONAL_SCHEMA_VERSION);
    if (!store)
        return NULL;
    national_store_t *self = calloc (1, sizeof (national_store_t));
    assert (self);
    self->store = store;
    self->bilans = pps_store_dbi (store, "bilans");
    self->latest = pps_store_dbi (store, "latest");
    self->first_received = pps_store_dbi (store, "first_received");
    return self;
}

void
national_store_destroy (national_store_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_store_destroy (&(*self_p)->store);
        free (*self_p);
        *self_p = NULL;
    }
}

//  A u64 value of db at key, 0 when absent or malformed.
static uint64_t
s_get_u64 (MDB_txn *txn, MDB_dbi dbi, const char *key)
{
    MDB_val mkey = { strlen (key), (void *) key }, data;
    if (mdb_get (txn, dbi, &mkey, &data) || data.mv_size != 8)
        return 0;
    return pps_key_to_u64 (data.mv_data);
}

//  Store a u64 value at key; returns the LMDB code.
static int
s_put_u64 (MDB_txn *txn, MDB_dbi dbi, const char *key, uint64_t value, unsigned flags)
{
    uint8_t bytes [8];
    pps_key_u64 (bytes, value);
    MDB_val mkey = { strlen (key), (void *) key }, data = { 8, bytes };
    return mdb_put (txn, dbi, &mkey, &data, flags);
}

national_put_t
national_store_put (national_store_t *self, const char *region, const char *period,
                    int64_t version, const char *document, size_t size, int64_t now_ms,
                    int64_t *previous_p)
{
    char key [KEY_MAX], period_key [KEY_MAX];
    snprintf (key, sizeof key, "%s:%s:%" PRId64, region, period, version);
    snprintf (period_key, sizeof period_key, "%s:%s", period, region);
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        zsys_error ("national: cannot begin a write: %s", mdb_strerror (rc));
        return NATIONAL_PUT_FAILED;
    }
    //  The check and the write share one transaction: no other write can
    //  slip in between
    MDB_val mkey = { strlen (key), key }, data;
    rc = mdb_get (txn, self->bilans, &mkey, &data);
    if (rc == 0) {
        bool same = data.mv_size == size + 8
                 && memcmp ((const uint8_t *) data.mv_data + 8, document, size) == 0;
        mdb_txn_abort (txn);
        return same ? NATIONAL_PUT_IDENTICAL : NATIONAL_PUT_CONFLICT;
    }
    if (rc != MDB_NOTFOUND)
        goto fail;
    data.mv_size = size + 8;
    data.mv_data = NULL;
    if ((rc = mdb_put (txn, self->bilans, &mkey, &data, MDB_NOOVERWRITE | MDB_RESERVE)))
        goto fail;
    pps_key_u64 (data.mv_data, (uint64_t) now_ms);
    memcpy ((uint8_t *) data.mv_data + 8, document, size);

    int64_t previous = (int64_t) s_get_u64 (txn, self->latest, period_key);
    if (version > previous
    &&  (rc = s_put_u64 (txn, self->latest, period_key, (uint64_t) version, 0)))
        goto fail;
    rc = s_put_u64 (txn, self->first_received, period_key, (uint64_t) now_ms, MDB_NOOVERWRITE);
    if (rc && rc != MDB_KEYEXIST)
        goto fail;
    if ((rc = mdb_txn_commit (txn))) {
        zsys_error ("national: cannot commit %s: %s", key, mdb_strerror (rc));
        return NATIONAL_PUT_FAILED;
    }
    if (previous_p)
        *previous_p = previous;
    return NATIONAL_PUT_STORED;

fail:
    zsys_error ("national: cannot store %s: %s", key, mdb_strerror (rc));
    mdb_txn_abort (txn);
    return NATIONAL_PUT_FAILED;
}

//  Read the bilan at key inside txn: copy of the document and its time.
static int
s_read_bilan (national_store_t *self, MDB_txn *txn, const char *key, char **document_p,
              size_t *size_p, int64_t *received_ms_p)
{
    MDB_val mkey = { strlen (key), (void *) key }, data;
    int rc = mdb_get (txn, self->bilans, &mkey, &data);
    if (rc)
        return rc;
    if (data.mv_size < 8)
        return MDB_CORRUPTED;
    //  Copied out: LMDB's memory is only valid until the transaction ends
    size_t size = data.mv_size - 8;
    char *document = malloc (size + 1);
    assert (document);
    memcpy (document, (const uint8_t *) data.mv_data + 8, size);
    document [size] = 0;
    *document_p = document;
    *size_p = size;
    *received_ms_p = (int64_t) pps_key_to_u64 (data.mv_data);
    return 0;
}

int
national_store_get (national_store_t *self, const char *region, const char *period,
                    int64_t version, char **document_p, size_t *size_p,
                    int64_t *version_p, int64_t *received_ms_p)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return rc;
    char key [KEY_MAX];
    if (version == 0) {
        snprintf (key, sizeof key, "%s:%s", period, region);
        version = (int64_t) s_get_u64 (txn, self->latest, key);
    }
    rc = MDB_NOTFOUND;
    if (version > 0) {
        snprintf (key, sizeof key, "%s:%s:%" PRId64, region, period, version);
        rc = s_read_bilan (self, txn, key, document_p, size_p, received_ms_p);
        *version_p = version;
    }
    mdb_txn_abort (txn);
    return rc;
}

int
national_store_period (national_store_t *self, const char *period,
                       national_entry_t **entries_p, size_t *count_p)
{
    *entries_p = NULL;
    *count_p = 0;
    char prefix [KEY_MAX];
    snprintf (prefix, sizeof prefix, "%s:", period);
    size_t prefix_size = strlen (prefix);
    national_entry_t *entries = calloc (PPS_BILAN_REGION_COUNT, sizeof (national_entry_t));
    assert (entries);
    size_t count = 0;
    MDB_txn *txn;
    MDB_cursor *cursor = NULL;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        goto fail;
    if ((rc = mdb_cursor_open (txn, self->latest, &cursor)))
        goto fail;
    MDB_val key = { prefix_size, prefix }, data;
    for (rc = mdb_cursor_get (cursor, &key, &data, MDB_SET_RANGE);
         rc == 0 && key.mv_size > prefix_size && memcmp (key.mv_data, prefix, prefix_size) == 0;
         rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT)) {
        national_entry_t *entry = &entries [count];
        size_t region_size = key.mv_size - prefix_size;
        //  Only the 18 regions can have posted; anything else is not ours
        if (region_size >= sizeof entry->region || data.mv_size != 8
        ||  count == PPS_BILAN_REGION_COUNT) {
            rc = MDB_CORRUPTED;
            goto fail;
        }
        memcpy (entry->region, (const char *) key.mv_data + prefix_size, region_size);
        entry->region [region_size] = 0;
        entry->version = (int64_t) pps_key_to_u64 (data.mv_data);
        char bilan_key [KEY_MAX], *document;
        size_t size;
        snprintf (bilan_key, sizeof bilan_key, "%s:%s:%" PRId64, entry->region, period,
                  entry->version);
        if ((rc = s_read_bilan (self, txn, bilan_key, &document, &size, &entry->received_ms)))
            goto fail;
        entry->document = json_loadb (document, size, 0, NULL);
        free (document);
        if (!entry->document) {
            rc = MDB_CORRUPTED;
            goto fail;
        }
        snprintf (bilan_key, sizeof bilan_key, "%s:%s", period, entry->region);
        entry->first_received_ms = (int64_t) s_get_u64 (txn, self->first_received, bilan_key);
        count++;
    }
    if (rc != MDB_NOTFOUND && rc != 0)
        goto fail;
    mdb_cursor_close (cursor);
    mdb_txn_abort (txn);
    *entries_p = entries;
    *count_p = count;
    return 0;

fail:
    zsys_error ("national: cannot read period %s: %s", period, mdb_strerror (rc));
    if (cursor)
        mdb_cursor_close (cursor);
    if (txn)
        mdb_txn_abort (txn);
    national_entries_free (entries, count);
    return -1;
}

int
national_store_periods (national_store_t *self, int counts [NATIONAL_PERIOD_COUNT])
{
    memset (counts, 0, NATIONAL_PERIOD_COUNT * sizeof counts [0]);
    MDB_txn *txn;
    MDB_cursor *cursor = NULL;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        goto fail;
    if ((rc = mdb_cursor_open (txn, self->latest, &cursor)))
        goto fail;
    MDB_val key, data;
    for (rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT)) {
        //  "YYYY:RR": only what the POST route validated was ever written
        const char *text = key.mv_data;
        int period = 0;
        for (size_t index = 0; index < 4 && index < key.mv_size; index++)
            period = period * 10 + (text [index] - '0');
        if (key.mv_size < 6 || text [4] != ':' || period < PPS_BILAN_PERIOD_MIN
        ||  period > PPS_BILAN_PERIOD_MAX) {
            rc = MDB_CORRUPTED;
            goto fail;
        }
        counts [period - PPS_BILAN_PERIOD_MIN]++;
    }
    if (rc != MDB_NOTFOUND)
        goto fail;
    mdb_cursor_close (cursor);
    mdb_txn_abort (txn);
    return 0;

fail:
    zsys_error ("national: cannot list the periods: %s", mdb_strerror (rc));
    if (cursor)
        mdb_cursor_close (cursor);
    if (txn)
        mdb_txn_abort (txn);
    return -1;
}

//  Copy a string member of document into buffer ("" when absent).
static void
s_copy_member (const json_t *document, const char *name, char *buffer, size_t size)
{
    const char *value = json_string_value (json_object_get (document, name));
    snprintf (buffer, size, "%s", value ? value : "");
}

//  qsort order of versions: by period, then version.
static int
s_compare_versions (const void *left, const void *right)
{
    const national_version_t *one = left, *other = right;
    int order = strcmp (one->period, other->period);
    if (order)
        return order;
    return (one->version > other->version) - (one->version < other->version);
}

int
national_store_versions (national_store_t *self, const char *region,
                         national_version_t **versions_p, size_t *count_p)
{
    *versions_p = NULL;
    *count_p = 0;
    char prefix [KEY_MAX];
    snprintf (prefix, sizeof prefix, "%s:", region);
    size_t prefix_size = strlen (prefix);
    national_version_t *versions = NULL;
    size_t count = 0, capacity = 0;
    MDB_txn *txn;
    MDB_cursor *cursor = NULL;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        goto fail;
    if ((rc = mdb_cursor_open (txn, self->bilans, &cursor)))
        goto fail;
    MDB_val key = { prefix_size, prefix }, data;
    for (rc = mdb_cursor_get (cursor, &key, &data, MDB_SET_RANGE);
         rc == 0 && key.mv_size > prefix_size && memcmp (key.mv_data, prefix, prefix_size) == 0;
         rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT)) {
        //  "RR:YYYY:V" -> time + document
        char text [KEY_MAX], period [8];
        long long version;
        if (key.mv_size >= sizeof text || data.mv_size < 8) {
            rc = MDB_CORRUPTED;
            goto fail;
        }
        memcpy (text, key.mv_data, key.mv_size);
        text [key.mv_size] = 0;
        if (sscanf (text + prefix_size, "%7[0-9]:%lld", period, &version) != 2) {
            rc = MDB_CORRUPTED;
            goto fail;
        }
        if (count == capacity) {
            capacity = capacity ? 2 * capacity : 16;
            versions = realloc (versions, capacity * sizeof (national_version_t));
            assert (versions);
        }
        national_version_t *entry = &versions [count++];
        memset (entry, 0, sizeof *entry);
        snprintf (entry->period, sizeof entry->period, "%s", period);
        entry->version = version;
        entry->received_ms = (int64_t) pps_key_to_u64 (data.mv_data);
        json_t *document = json_loadb ((const char *) data.mv_data + 8, data.mv_size - 8, 0,
                                       NULL);
        if (!document) {
            rc = MDB_CORRUPTED;
            goto fail;
        }
        s_copy_member (document, "sha256", entry->sha256, sizeof entry->sha256);
        s_copy_member (document, "computed_at", entry->computed_at, sizeof entry->computed_at);
        s_copy_member (document, "finalised_at", entry->finalised_at,
                       sizeof entry->finalised_at);
        const json_t *validation = json_object_get (document, "validation");
        for (size_t index = 0; index < json_array_size (validation); index++) {
            const char *severity = json_string_value (
                json_object_get (json_array_get (validation, index), "severity"));
            entry->warnings += severity && streq (severity, "warning");
        }
        json_decref (document);
        char period_key [KEY_MAX];
        snprintf (period_key, sizeof period_key, "%s:%s", period, region);
        entry->latest = (int64_t) s_get_u64 (txn, self->latest, period_key) == version;
        entry->first_received_ms = (int64_t) s_get_u64 (txn, self->first_received, period_key);
    }
    if (rc != MDB_NOTFOUND && rc != 0)
        goto fail;
    mdb_cursor_close (cursor);
    mdb_txn_abort (txn);
    //  Keys order versions as text ("10" before "2"): put them in number order
    if (count)
        qsort (versions, count, sizeof (national_version_t), s_compare_versions);
    *versions_p = versions;
    *count_p = count;
    return 0;

fail:
    zsys_error ("national: cannot list region %s's bilans: %s", region, mdb_strerror (rc));
    if (cursor)
        mdb_cursor_close (cursor);
    if (txn)
        mdb_txn_abort (txn);
    free (versions);
    return -1;
}

void
national_store_stats (national_store_t *self, uint64_t *bilans_p, uint64_t *latest_p,
                      uint64_t *used_p, uint64_t *map_p)
{
    *bilans_p = *latest_p = 0;
    MDB_txn *txn;
    if (mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn) == 0) {
        MDB_stat stat;
        if (mdb_stat (txn, self->bilans, &stat) == 0)
            *bilans_p = stat.ms_entries;
        if (mdb_stat (txn, self->latest, &stat) == 0)
            *latest_p = stat.ms_entries;
        mdb_txn_abort (txn);
    }
    pps_store_size (self->store, used_p, map_p);
}

void
national_store_fs (national_store_t *self, uint64_t *free_p, uint64_t *size_p)
{
    pps_store_fs (self->store, free_p, size_p);
}

void
national_store_test (bool verbose)
{
    (void) verbose;
    char path [] = "/tmp/pps-national-store-XXXXXX";
    assert (mkdtemp (path));
    national_store_t *store = national_store_open (path, 16 * 1024 * 1024);
    assert (store);
    const char *one = "{\"indicators\":[],\"version\":1}";
    const char *two = "{\"indicators\":[],\"version\":2}";
    int64_t previous = -1;
    assert (national_store_put (store, "32", "2025", 1, one, strlen (one), 1000, &previous)
            == NATIONAL_PUT_STORED);
    assert (previous == 0);
    assert (national_store_put (store, "32", "2025", 1, one, strlen (one), 2000, NULL)
            == NATIONAL_PUT_IDENTICAL);
    assert (national_store_put (store, "32", "2025", 1, two, strlen (two), 2000, NULL)
            == NATIONAL_PUT_CONFLICT);
    assert (national_store_put (store, "32", "2025", 2, two, strlen (two), 3000, &previous)
            == NATIONAL_PUT_STORED);
    assert (previous == 1);
    //  A late version 1 of another region, and an older version arriving
    //  after a newer one, which does not become the latest
    assert (national_store_put (store, "11", "2025", 3, two, strlen (two), 4000, NULL)
            == NATIONAL_PUT_STORED);
    assert (national_store_put (store, "11", "2025", 2, one, strlen (one), 5000, &previous)
            == NATIONAL_PUT_STORED);
    assert (previous == 3);
    assert (national_store_put (store, "11", "2024", 1, one, strlen (one), 6000, NULL)
            == NATIONAL_PUT_STORED);

    char *document;
    size_t size;
    int64_t version, received;
    assert (national_store_get (store, "32", "2025", 0, &document, &size, &version, &received)
            == 0);
    assert (version == 2 && received == 3000 && streq (document, two) && size == strlen (two));
    free (document);
    assert (national_store_get (store, "32", "2025", 1, &document, &size, &version, &received)
            == 0);
    assert (version == 1 && received == 1000 && streq (document, one));
    free (document);
    assert (national_store_get (store, "32", "2025", 3, &document, &size, &version, &received)
            == MDB_NOTFOUND);
    assert (national_store_get (store, "44", "2025", 0, &document, &size, &version, &received)
            == MDB_NOTFOUND);

    national_entry_t *entries;
    size_t count;
    assert (national_store_period (store, "2025", &entries, &count) == 0);
    assert (count == 2);
    assert (streq (entries [0].region, "11") && entries [0].version == 3);
    assert (entries [0].received_ms == 4000 && entries [0].first_received_ms == 4000);
    assert (streq (entries [1].region, "32") && entries [1].version == 2);
    assert (entries [1].received_ms == 3000 && entries [1].first_received_ms == 1000);
    assert (json_integer_value (json_object_get (entries [1].document, "version")) == 2);
    national_entries_free (entries, count);
    assert (national_store_period (store, "2023", &entries, &count) == 0 && count == 0);
    national_entries_free (entries, count);

    int counts [NATIONAL_PERIOD_COUNT];
    assert (national_store_periods (store, counts) == 0);
    assert (counts [2025 - PPS_BILAN_PERIOD_MIN] == 2 && counts [2024 - PPS_BILAN_PERIOD_MIN] == 1);
    assert (counts [2023 - PPS_BILAN_PERIOD_MIN] == 0);
    //  Version 10 sorts after version 2, periods in order, the latest marked
    const char *ten = "{\"sha256\":\"ab\",\"finalised_at\":\"2026-01-15T14:02:11Z\","
                      "\"validation\":[{\"severity\":\"warning\"},{\"severity\":\"error\"}]}";
    assert (national_store_put (store, "32", "2025", 10, ten, strlen (ten), 7000, NULL)
            == NATIONAL_PUT_STORED);
    national_version_t *versions;
    assert (national_store_versions (store, "11", &versions, &count) == 0 && count == 3);
    assert (streq (versions [0].period, "2024") && versions [0].version == 1);
    assert (versions [1].version == 2 && !versions [1].latest);
    assert (versions [2].version == 3 && versions [2].latest);
    assert (versions [2].first_received_ms == 4000 && versions [1].received_ms == 5000);
    free (versions);
    assert (national_store_versions (store, "32", &versions, &count) == 0 && count == 3);
    assert (versions [2].version == 10 && versions [2].latest && versions [2].warnings == 1);
    assert (streq (versions [2].sha256, "ab") && *versions [0].sha256 == 0);
    assert (streq (versions [2].finalised_at, "2026-01-15T14:02:11Z"));
    free (versions);
    assert (national_store_versions (store, "44", &versions, &count) == 0 && count == 0);
    free (versions);

    uint64_t bilans, latest, used, map;
    national_store_stats (store, &bilans, &latest, &used, &map);
    assert (bilans == 6 && latest == 3 && used > 0 && map == 16 * 1024 * 1024);
    national_store_destroy (&store);
    assert (store == NULL);

    //  Everything is still there after a reopen
    store = national_store_open (path, 16 * 1024 * 1024);
    assert (store);
    national_store_stats (store, &bilans, &latest, &used, &map);
    assert (bilans == 6 && latest == 3);
    national_store_destroy (&store);
    char file [64];
    snprintf (file, sizeof file, "%s/data.mdb", path);
    zsys_file_delete (file);
    snprintf (file, sizeof file, "%s/lock.mdb", path);
    zsys_file_delete (file);
    zsys_dir_delete ("%s", path);
}
