/*  pps_config: a deployment's configuration, ZPL file plus environment.  */
#include "pps_config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>

struct _pps_config_t {
    zconfig_t *root;          //  Parsed file, or an empty root
    zhash_t *interned;        //  Strings we built or copied (endpoints, env
                              //  values), by their text, kept until destroy
    pthread_mutex_t lock;     //  Guards interned: the actors share us
    char *path;               //  Where the file came from, or NULL
};

pps_config_t *
pps_config_load (const char *path)
{
    zconfig_t *root = NULL;
    if (path) {
        root = zconfig_load (path);
        if (!root) {
            zsys_error ("config: cannot load '%s'", path);
            return NULL;
        }
    }
    else
        root = zconfig_new ("root", NULL);
    pps_config_t *self = calloc (1, sizeof (pps_config_t));
    assert (self);
    self->root = root;
    self->interned = zhash_new ();
    zhash_autofree (self->interned);
    pthread_mutex_init (&self->lock, NULL);
    self->path = path ? strdup (path) : NULL;
    return self;
}

void
pps_config_destroy (pps_config_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_config_t *self = *self_p;
        zconfig_destroy (&self->root);
        zhash_destroy (&self->interned);
        pthread_mutex_destroy (&self->lock);
        free (self->path);
        free (self);
        *self_p = NULL;
    }
}

//  Our own copy of text, made at the first request and kept until the
//  configuration is destroyed: a string handed out stays valid whatever any
//  thread asks or sets afterwards. The actors of one process (pps-region)
//  share the configuration; they replaced each other's strings in a hash
//  without a lock, which freed an endpoint still in use or lost it (UBSan:
//  NULL to strncmp in pps_socket_bind, fault.netcut_fallback). Call with
//  the lock held.
static const char *
s_intern (pps_config_t *self, const char *text)
{
    const char *copy = zhash_lookup (self->interned, text);
    if (!copy) {
        zhash_insert (self->interned, text, (void *) text);
        copy = zhash_lookup (self->interned, text);
    }
    return copy;
}

static void
s_env_name (const char *key, char *buffer, size_t size)
{
    size_t at = snprintf (buffer, size, "PPS_");
    for (const char *c = key; *c && at + 1 < size; c++)
        buffer [at++] = (*c == '/' || *c == '-' || *c == '.') ? '_' : (char) toupper ((unsigned char) *c);
    buffer [at] = 0;
}

const char *
pps_config_get (pps_config_t *self, const char *key, const char *default_value)
{
    char env_name [128];
    s_env_name (key, env_name, sizeof env_name);
    const char *value = getenv (env_name);
    //  Our own copy of every value: the environment may change under us, and
    //  so may the tree when a key is set (zconfig_put frees the old value; a
    //  subscriber thread read a NULL data_dir while fuzz_region moved it)
    pthread_mutex_lock (&self->lock);
    if (!value || !*value)
        value = zconfig_get (self->root, key, default_value);
    const char *copy = value ? s_intern (self, value) : NULL;
    pthread_mutex_unlock (&self->lock);
    return copy;
}

int64_t
pps_config_get_int (pps_config_t *self, const char *key, int64_t default_value)
{
    const char *value = pps_config_get (self, key, NULL);
    if (!value || !*value)
        return default_value;
    char *end;
    errno = 0;
    long long number = strtoll (value, &end, 10);
    if (errno || *end) {
        zsys_warning ("config: %s='%s' is not a number, using %lld",
                      key, value, (long long) default_value);
        return default_value;
    }
    return number;
}

void
pps_config_set (pps_config_t *self, const char *key, const char *value)
{
    pthread_mutex_lock (&self->lock);
    zconfig_put (self->root, key, value);
    pthread_mutex_unlock (&self->lock);
}

const char *
pps_config_region (pps_config_t *self)
{
    return pps_config_get (self, "region/code", "32");
}

int
pps_config_private_dir (const char *path)
{
    struct stat info;
    if (stat (path, &info) == 0)
        return S_ISDIR (info.st_mode) ? 0 : -1;
    char *copy = strdup (path);
    //  Each missing component in turn, the parents first
    for (char *slash = strchr (copy + 1, '/'); ; slash = strchr (slash + 1, '/')) {
        if (slash)
            *slash = 0;
        if (stat (copy, &info) != 0 && mkdir (copy, 0750) == -1 && errno != EEXIST) {
            free (copy);
            return -1;
        }
        if (!slash)
            break;
        *slash = '/';
        while (slash [1] == '/')
            slash++;
        if (!slash [1])
            break;
    }
    free (copy);
    return stat (path, &info) == 0 && S_ISDIR (info.st_mode) ? 0 : -1;
}

const char *
pps_config_data_dir (pps_config_t *self)
{
    const char *dir = pps_config_get (self, "region/data_dir", "var/pps");
    pps_config_private_dir (dir);
    return dir;
}

const char *
pps_config_endpoint (pps_config_t *self, const char *service)
{
    char key [96], fallback [512];
    snprintf (key, sizeof key, "%s/endpoint", service);
    snprintf (fallback, sizeof fallback, "ipc://%s/%s.ipc",
              pps_config_data_dir (self), service);
    return pps_config_get (self, key, fallback);
}

const char *
pps_config_events_endpoint (pps_config_t *self, const char *service)
{
    char key [96], fallback [512];
    snprintf (key, sizeof key, "%s/events", service);
    snprintf (fallback, sizeof fallback, "ipc://%s/%s-events.ipc",
              pps_config_data_dir (self), service);
    return pps_config_get (self, key, fallback);
}

const char *
pps_config_path (pps_config_t *self)
{
    return self->path;
}

//  A thread of the self test: each service's endpoints, read many times.
static void *
s_test_reader (void *args)
{
    pps_config_t *config = args;
    const char *services [] = { "registry", "projects", "training", "indicators" };
    for (int round = 0; round < 2000; round++) {
        const char *service = services [round % 4];
        const char *endpoint = pps_config_endpoint (config, service);
        const char *events = pps_config_events_endpoint (config, service);
        assert (endpoint && strstr (endpoint, service));
        assert (events && strstr (events, "-events.ipc"));
        assert (streq (pps_config_region (config), "11"));
        const char *data_dir = pps_config_data_dir (config);
        assert (data_dir && strncmp (data_dir, "/tmp/pps-config-test-data", 25) == 0);
    }
    return NULL;
}

//  What fuzz_region does once its services run: move the data directory
static void *
s_test_mover (void *args)
{
    pps_config_t *config = args;
    for (int round = 0; round < 2000; round++)
        pps_config_set (config, "region/data_dir", round % 2
                        ? "/tmp/pps-config-test-data" : "/tmp/pps-config-test-data2");
    return NULL;
}

void
pps_config_test (bool verbose)
{
    (void) verbose;
    char path [] = "/tmp/pps-config-test-XXXXXX";
    int fd = mkstemp (path);
    assert (fd >= 0);
    const char *text =
        "region\n"
        "    code = \"11\"\n"
        "    data_dir = \"/tmp/pps-config-test-data\"\n"
        "registry\n"
        "    map_mb = 64\n";
    assert (write (fd, text, strlen (text)) == (ssize_t) strlen (text));
    close (fd);
    pps_config_t *config = pps_config_load (path);
    assert (config);
    assert (streq (pps_config_region (config), "11"));
    assert (pps_config_get_int (config, "registry/map_mb", 1) == 64);
    assert (pps_config_get_int (config, "registry/absent", 7) == 7);
    assert (streq (pps_config_endpoint (config, "registry"),
                   "ipc:///tmp/pps-config-test-data/registry.ipc"));
    setenv ("PPS_REGION_CODE", "44", 1);
    assert (streq (pps_config_region (config), "44"));
    unsetenv ("PPS_REGION_CODE");
    assert (streq (pps_config_region (config), "11"));
    setenv ("PPS_REGISTRY_ENDPOINT", "tcp://127.0.0.1:7001", 1);
    assert (streq (pps_config_endpoint (config, "registry"), "tcp://127.0.0.1:7001"));
    unsetenv ("PPS_REGISTRY_ENDPOINT");

    //  A string handed out stays valid while the configuration lives, when
    //  the same key is asked again (another service's subscriber asks for
    //  the registry's events endpoint) and when its value has changed
    const char *first = pps_config_events_endpoint (config, "registry");
    const char *again = pps_config_events_endpoint (config, "registry");
    assert (streq (first, again));
    setenv ("PPS_REGION_CODE", "84", 1);
    const char *code = pps_config_region (config);
    setenv ("PPS_REGION_CODE", "93", 1);
    assert (streq (pps_config_region (config), "93"));
    assert (streq (code, "84"));
    unsetenv ("PPS_REGION_CODE");

    //  The actors of one process share it: concurrent reads of the same
    //  keys all get their value, while another thread sets one of them
    pthread_t threads [5];
    for (size_t index = 0; index < 4; index++)
        assert (pthread_create (&threads [index], NULL, s_test_reader, config) == 0);
    assert (pthread_create (&threads [4], NULL, s_test_mover, config) == 0);
    for (size_t index = 0; index < 5; index++)
        assert (pthread_join (threads [index], NULL) == 0);
    pps_config_destroy (&config);
    assert (config == NULL);
    assert (pps_config_load ("/nonexistent/pps.cfg") == NULL);
    unlink (path);
    zsys_dir_delete ("/tmp/pps-config-test-data");
    zsys_dir_delete ("/tmp/pps-config-test-data2");

    //  A directory the configuration creates is closed to others
    char root [] = "/tmp/pps-config-test-XXXXXX";
    assert (mkdtemp (root));
    char *nested = zsys_sprintf ("%s/a/b//c/", root);
    assert (pps_config_private_dir (nested) == 0);
    struct stat info;
    assert (stat (nested, &info) == 0 && S_ISDIR (info.st_mode));
    assert ((info.st_mode & 0007) == 0);
    assert (pps_config_private_dir (nested) == 0);
    char *file = zsys_sprintf ("%s/file", root);
    FILE *handle = fopen (file, "w");
    assert (handle);
    fclose (handle);
    assert (pps_config_private_dir (file) == -1);
    zstr_free (&file);
    zstr_free (&nested);
    zdir_t *dir = zdir_new (root, NULL);
    zdir_remove (dir, true);
    zdir_destroy (&dir);
}
