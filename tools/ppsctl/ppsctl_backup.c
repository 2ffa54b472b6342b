/*  ppsctl_backup: a consistent hot copy of every service's LMDB and its
    manifest (see ppsctl_backup.h).  */
#include "ppsctl_backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pps_store.h"

//  Named databases an environment may hold (as pps_store opens them).
#define BACKUP_MAX_DBS   64
//  Meta keys of a reader's applied seq per source start with this.
#define APPLIED_PREFIX   "applied:"

//  True when path is a directory holding nothing, or does not exist.
//  Sets *exists_p.
static bool
s_dir_empty (const char *path, bool *exists_p)
{
    DIR *dir = opendir (path);
    *exists_p = dir != NULL || errno != ENOENT;
    if (!dir)
        return errno == ENOENT;
    struct dirent *entry;
    bool empty = true;
    while (empty && (entry = readdir (dir)))
        empty = streq (entry->d_name, ".") || streq (entry->d_name, "..");
    closedir (dir);
    return empty;
}

//  fsync a file or directory; returns 0 or -1.
static int
s_sync (const char *path)
{
    int fd = open (path, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = fsync (fd);
    close (fd);
    return rc;
}

//  A u64 of meta at key (big-endian, as pps_store writes it); 0 when absent.
static uint64_t
s_meta_u64 (MDB_txn *txn, MDB_dbi meta, const char *key)
{
    MDB_val mkey = { strlen (key), (void *) key }, data;
    if (mdb_get (txn, meta, &mkey, &data) || data.mv_size != 8)
        return 0;
    return pps_key_to_u64 (data.mv_data);
}

//  Describe the copy at path in section: its schema, last seq and, for a
//  reader, the seq applied per source. Returns 0 or an LMDB code.
static int
s_describe_copy (const char *path, zconfig_t *section)
{
    MDB_env *env;
    MDB_txn *txn = NULL;
    MDB_dbi meta;
    int rc = mdb_env_create (&env);
    if (rc)
        return rc;
    //  MDB_NOLOCK: the copy is ours alone, and gets no lock file
    if ((rc = mdb_env_set_maxdbs (env, BACKUP_MAX_DBS))
    ||  (rc = mdb_env_open (env, path, MDB_RDONLY | MDB_NOLOCK, 0640))
    ||  (rc = mdb_txn_begin (env, NULL, MDB_RDONLY, &txn))
    ||  (rc = mdb_dbi_open (txn, "meta", 0, &meta)))
        goto done;
    zconfig_putf (section, "schema_version", "%" PRIu64, s_meta_u64 (txn, meta, "schema_version"));
    zconfig_putf (section, "last_seq", "%" PRIu64, s_meta_u64 (txn, meta, "last_seq"));
    MDB_cursor *cursor;
    if ((rc = mdb_cursor_open (txn, meta, &cursor)))
        goto done;
    MDB_val key = { strlen (APPLIED_PREFIX), APPLIED_PREFIX }, data;
    int found = mdb_cursor_get (cursor, &key, &data, MDB_SET_RANGE);
    while (found == 0 && key.mv_size > strlen (APPLIED_PREFIX)
       &&  memcmp (key.mv_data, APPLIED_PREFIX, strlen (APPLIED_PREFIX)) == 0
       &&  key.mv_size < 100) {
        char name [128];
        snprintf (name, sizeof name, "applied/%.*s", (int) (key.mv_size - strlen (APPLIED_PREFIX)),
                  (const char *) key.mv_data + strlen (APPLIED_PREFIX));
        if (data.mv_size == 8)
            zconfig_putf (section, name, "%" PRIu64, pps_key_to_u64 (data.mv_data));
        found = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
done:
    if (txn)
        mdb_txn_abort (txn);
    mdb_env_close (env);
    return rc;
}

//  Copy the environment at source into target (a new directory), then
//  describe it in section. Returns 0, or -1 with the reason printed.
static int
s_copy (pps_arena_t *arena, const char *service, const char *source, const char *target,
        zconfig_t *section)
{
    MDB_env *env;
    int rc = mdb_env_create (&env);
    if (rc == 0 && (rc = mdb_env_set_maxdbs (env, BACKUP_MAX_DBS)) == 0)
        rc = mdb_env_open (env, source, MDB_RDONLY, 0640);
    if (rc) {
        fprintf (stderr, "error: %s: cannot open %s: %s\n", service, source, mdb_strerror (rc));
        mdb_env_close (env);
        return -1;
    }
    if (mkdir (target, 0750)) {
        fprintf (stderr, "error: %s: cannot create %s: %s\n", service, target, strerror (errno));
        mdb_env_close (env);
        return -1;
    }
    //  One read transaction: the state of the last commit when it began
    rc = mdb_env_copy2 (env, target, MDB_CP_COMPACT);
    mdb_env_close (env);
    if (rc) {
        fprintf (stderr, "error: %s: cannot copy to %s: %s\n", service, target, mdb_strerror (rc));
        return -1;
    }
    const char *file = pps_arena_printf (arena, "%s/data.mdb", target);
    struct stat info;
    if (s_sync (file) || s_sync (target) || stat (file, &info)) {
        fprintf (stderr, "error: %s: cannot sync %s: %s\n", service, file, strerror (errno));
        return -1;
    }
    rc = s_describe_copy (target, section);
    if (rc) {
        fprintf (stderr, "error: %s: cannot read the copy %s: %s\n", service, target,
                 mdb_strerror (rc));
        return -1;
    }
    zconfig_putf (section, "bytes", "%" PRIu64, (uint64_t) info.st_size);
    zconfig_putf (section, "file", "%s/data.mdb", service);
    char now [40];
    zconfig_put (section, "copied_at", ppsctl_iso_time (zclock_time (), now, sizeof now));
    return 0;
}

//  Check that no reader applied more of a source than the source's copy
//  holds; prints a warning for each. Returns how many there are.
static int
s_check_readers (zconfig_t *manifest)
{
    int warnings = 0;
    for (zconfig_t *section = zconfig_child (manifest); section; section = zconfig_next (section)) {
        zconfig_t *applied = zconfig_locate (section, "applied");
        for (zconfig_t *source = applied ? zconfig_child (applied) : NULL; source;
             source = zconfig_next (source)) {
            zconfig_t *copied = zconfig_locate (manifest, zconfig_name (source));
            if (!copied)
                continue;
            uint64_t seq = strtoull (zconfig_value (source), NULL, 10);
            uint64_t last = strtoull (zconfig_get (copied, "last_seq", "0"), NULL, 10);
            if (seq > last) {
                fprintf (stderr, "warning: %s applied %s up to seq %" PRIu64 " but the copy of "
                         "%s ends at %" PRIu64 "\n", zconfig_name (section),
                         zconfig_name (source), seq, zconfig_name (source), last);
                warnings++;
            }
        }
    }
    return warnings;
}

void
ppsctl_usage_backup (FILE *out)
{
    fprintf (out, "usage: ppsctl backup DIR\n"
                  "  a consistent hot copy of every service's LMDB, and of the accounts of the\n"
                  "  console and API (web), into DIR (absent or empty), with a MANIFEST; run it\n"
                  "  as the services' user (docs/operations.md)\n");
}

int
ppsctl_cmd_backup (ppsctl_t *self, int argc, char **argv)
{
    if (argc != 1 || !*argv [0] || argv [0][0] == '-') {
        ppsctl_usage_backup (stderr);
        return PPSCTL_USAGE;
    }
    const char *dir = argv [0];
    //  A backup holds staff records: readable by the service's group at most
    umask (027);
    bool exists;
    if (!s_dir_empty (dir, &exists)) {
        fprintf (stderr, "error: backup: %s is not an empty directory; nothing copied\n", dir);
        return PPSCTL_USAGE;
    }
    if (!exists && mkdir (dir, 0750)) {
        fprintf (stderr, "error: backup: cannot create %s: %s\n", dir, strerror (errno));
        return PPSCTL_FAILED;
    }
    const char *data_dir = pps_config_get (self->config, "region/data_dir", "var/pps");
    char now [40];
    zconfig_t *manifest = zconfig_new ("root", NULL);
    zconfig_put (manifest, "backup/created", ppsctl_iso_time (zclock_time (), now, sizeof now));
    zconfig_put (manifest, "backup/region", pps_config_region (self->config));
    zconfig_put (manifest, "backup/data_dir", data_dir);
    zconfig_put (manifest, "backup/tool_version", PPS_VERSION);

    size_t count = 0;
    while (ppsctl_services [count].name)
        count++;
    //  Readers before their sources (see ppsctl_backup.h), then the
    //  national service's store and the accounts of the console and API
    //  (web: pps-web's, or pps-national's on a national machine), where
    //  they are
    const char **names = pps_arena_alloc (self->arena, (count + 2) * sizeof *names);
    for (size_t index = 0; index < count; index++)
        names [index] = ppsctl_services [count - 1 - index].name;
    names [count] = "national";
    names [count + 1] = "web";
    int rc = PPSCTL_OK, copied = 0;
    for (size_t index = 0; index < count + 2 && rc == PPSCTL_OK; index++) {
        const char *source = pps_arena_printf (self->arena, "%s/%s", data_dir, names [index]);
        const char *target = pps_arena_printf (self->arena, "%s/%s", dir, names [index]);
        const char *file = pps_arena_printf (self->arena, "%s/data.mdb", source);
        if (access (file, F_OK)) {
            if (index < count)
                printf ("%-12s skipped: no %s\n", names [index], file);
            continue;
        }
        zconfig_t *section = zconfig_new (names [index], manifest);
        if (s_copy (self->arena, names [index], source, target, section))
            rc = PPSCTL_FAILED;
        else {
            printf ("%-12s last_seq %-8s %10s bytes  -> %s/data.mdb\n", names [index],
                    zconfig_get (section, "last_seq", "0"), zconfig_get (section, "bytes", "0"),
                    target);
            copied++;
        }
    }
    if (rc == PPSCTL_OK && copied == 0) {
        fprintf (stderr, "error: backup: no service data under %s\n", data_dir);
        rc = PPSCTL_FAILED;
    }
    if (rc == PPSCTL_OK) {
        s_check_readers (manifest);
        const char *path = pps_arena_printf (self->arena, "%s/MANIFEST", dir);
        char *temporary = pps_arena_printf (self->arena, "%s/.MANIFEST.tmp", dir);
        if (zconfig_save (manifest, temporary) || s_sync (temporary)
        ||  rename (temporary, path) || s_sync (dir)) {
            fprintf (stderr, "error: backup: cannot write %s: %s\n", path, strerror (errno));
            rc = PPSCTL_FAILED;
        }
        else
            printf ("backup of %d services in %s (manifest %s)\n", copied, dir, path);
    }
    if (rc != PPSCTL_OK)
        fprintf (stderr, "error: backup in %s is incomplete: remove it\n", dir);
    zconfig_destroy (&manifest);
    return rc;
}
