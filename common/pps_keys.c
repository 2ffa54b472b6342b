/*  pps_keys: the CURVE keys of this process, for the socket factory.  */
#include "pps_keys.h"

#include <dirent.h>
#include <sys/stat.h>
#include <pthread.h>

#define ZAP_DOMAIN "pps"

static struct {
    pthread_mutex_t lock;
    bool curve;                   //  security/curve = 1
    bool log_handshakes;          //  zauth VERBOSE
    char *keys_dir;
    char *clients_dir;
    zcert_t *client;              //  This process's client certificate
    bool client_configured;       //  From security/client_cert, not a service's own
    zhashx_t *servers;            //  tcp endpoint -> server public key (Z85)
    zhashx_t *own;                //  service -> its key pair (zcert_t)
    zactor_t *auth;               //  The process's ZAP handler
    size_t auth_users;
} s_keys = { .lock = PTHREAD_MUTEX_INITIALIZER };

static bool
s_is_tcp (const char *endpoint)
{
    return endpoint && strncmp (endpoint, "tcp://", 6) == 0;
}

static void
s_cert_destroy (void **item_p)
{
    zcert_destroy ((zcert_t **) item_p);
}

//  A certificate with its secret key from path; NULL (logged) when the
//  file or its secret part is missing.
static zcert_t *
s_load_pair (const char *path)
{
    zcert_t *cert = zcert_load (path);
    if (!cert) {
        zsys_error ("keys: cannot read the certificate %s", path);
        return NULL;
    }
    static const byte zero [32] = { 0 };
    if (memcmp (zcert_secret_key (cert), zero, sizeof zero) == 0) {
        zsys_error ("keys: %s_secret is missing: a key pair is needed", path);
        zcert_destroy (&cert);
    }
    return cert;
}

//  Map the tcp endpoints of every service whose public certificate is in
//  keys_dir to that certificate's key.
static void
s_map_servers (pps_config_t *config)
{
    DIR *dir = opendir (s_keys.keys_dir);
    if (!dir) {
        zsys_warning ("keys: cannot read %s: no service can be called over tcp",
                      s_keys.keys_dir);
        return;
    }
    struct dirent *entry;
    while ((entry = readdir (dir))) {
        size_t length = strlen (entry->d_name);
        if (length <= 5 || length > 64 || strcmp (entry->d_name + length - 5, ".cert") != 0)
            continue;
        char name [64];
        snprintf (name, sizeof name, "%.*s", (int) (length - 5), entry->d_name);
        char *path = zsys_sprintf ("%s/%s", s_keys.keys_dir, entry->d_name);
        zcert_t *cert = zcert_load (path);
        zstr_free (&path);
        if (!cert)
            continue;
        const char *suffixes [] = { "endpoint", "events" };
        for (size_t index = 0; index < 2; index++) {
            char key [96];
            snprintf (key, sizeof key, "%s/%s", name, suffixes [index]);
            const char *endpoint = pps_config_get (config, key, NULL);
            if (s_is_tcp (endpoint))
                zhashx_update (s_keys.servers, endpoint, (void *) zcert_public_txt (cert));
        }
        zcert_destroy (&cert);
    }
    closedir (dir);
}

//  True when service's ROUTER or PUB endpoint is tcp.
static bool
s_serves_tcp (pps_config_t *config, const char *service)
{
    char key [96];
    snprintf (key, sizeof key, "%s/endpoint", service);
    bool tcp = s_is_tcp (pps_config_get (config, key, NULL));
    snprintf (key, sizeof key, "%s/events", service);
    return tcp || s_is_tcp (pps_config_get (config, key, NULL));
}

int
pps_keys_setup (pps_config_t *config, const char *service)
{
    if (pps_config_get_int (config, "security/curve", 0) != 1)
        return 0;
    if (!zsys_has_curve ()) {
        zsys_error ("keys: security/curve = 1 but libzmq has no CURVE support");
        return -1;
    }
    pthread_mutex_lock (&s_keys.lock);
    int rc = 0;
    s_keys.curve = true;
    s_keys.log_handshakes = pps_config_get_int (config, "security/log_handshakes", 1) == 1;
    free (s_keys.keys_dir);
    s_keys.keys_dir = strdup (pps_config_get (config, "security/keys_dir", "/etc/pps/keys"));
    free (s_keys.clients_dir);
    s_keys.clients_dir = strdup (pps_config_get (config, "security/clients_dir",
                                                 "/etc/pps/clients"));
    if (!s_keys.servers) {
        s_keys.servers = zhashx_new ();
        zhashx_set_duplicator (s_keys.servers, (zhashx_duplicator_fn *) strdup);
        zhashx_set_destructor (s_keys.servers, (zhashx_destructor_fn *) zstr_free);
        s_keys.own = zhashx_new ();
        zhashx_set_destructor (s_keys.own, s_cert_destroy);
    }
    s_map_servers (config);

    //  A service needs its key pair only when it serves over tcp
    if (service && !zhashx_lookup (s_keys.own, service) && s_serves_tcp (config, service)) {
        char *path = zsys_sprintf ("%s/%s.cert", s_keys.keys_dir, service);
        zcert_t *pair = s_load_pair (path);
        zstr_free (&path);
        if (pair)
            zhashx_insert (s_keys.own, service, pair);
        else
            rc = -1;
    }
    const char *client_path = pps_config_get (config, "security/client_cert", NULL);
    if (!s_keys.client_configured && client_path && *client_path) {
        zcert_t *client = s_load_pair (client_path);
        if (client) {
            zcert_destroy (&s_keys.client);
            s_keys.client = client;
            s_keys.client_configured = true;
        }
        else
            rc = -1;
    }
    else
    if (!s_keys.client && service && zhashx_lookup (s_keys.own, service))
        s_keys.client = zcert_dup (zhashx_lookup (s_keys.own, service));
    pthread_mutex_unlock (&s_keys.lock);
    return rc;
}

bool
pps_keys_curve (void)
{
    pthread_mutex_lock (&s_keys.lock);
    bool curve = s_keys.curve;
    pthread_mutex_unlock (&s_keys.lock);
    return curve;
}

bool
pps_keys_protects (const char *endpoint)
{
    return s_is_tcp (endpoint) && pps_keys_curve ();
}

int
pps_keys_apply_server (zsock_t *socket, const char *endpoint, const char *service)
{
    if (!s_is_tcp (endpoint))
        return 0;
    pthread_mutex_lock (&s_keys.lock);
    int rc = 0;
    zcert_t *pair = s_keys.own ? zhashx_lookup (s_keys.own, service) : NULL;
    if (!s_keys.curve)
        zsys_warning ("keys: %s serves %s without CURVE (security/curve is not 1)",
                      service, endpoint);
    else
    if (!pair) {
        zsys_error ("keys: no key pair for %s in %s", service, s_keys.keys_dir);
        rc = -1;
    }
    else
    if (!s_keys.auth) {
        zsys_error ("keys: no ZAP handler runs: %s would accept any key", endpoint);
        rc = -1;
    }
    else {
        zcert_apply (pair, socket);
        zsock_set_curve_server (socket, 1);
        zsock_set_zap_domain (socket, ZAP_DOMAIN);
    }
    pthread_mutex_unlock (&s_keys.lock);
    return rc;
}

int
pps_keys_apply_client (zsock_t *socket, const char *endpoint)
{
    if (!s_is_tcp (endpoint))
        return 0;
    pthread_mutex_lock (&s_keys.lock);
    int rc = 0;
    if (s_keys.curve) {
        const char *server_key = zhashx_lookup (s_keys.servers, endpoint);
        if (!server_key) {
            zsys_error ("keys: no service certificate in %s for %s", s_keys.keys_dir, endpoint);
            rc = -1;
        }
        else
        if (!s_keys.client) {
            zsys_error ("keys: no client certificate to call %s (security/client_cert)",
                        endpoint);
            rc = -1;
        }
        else {
            zcert_apply (s_keys.client, socket);
            zsock_set_curve_serverkey (socket, server_key);
        }
    }
    pthread_mutex_unlock (&s_keys.lock);
    return rc;
}

static int
s_compare_lines (const void *first, const void *second)
{
    return strcmp (*(char *const *) first, *(char *const *) second);
}

char *
pps_keys_allowlist_stamp (void)
{
    pthread_mutex_lock (&s_keys.lock);
    char *dir_path = s_keys.curve && s_keys.clients_dir ? strdup (s_keys.clients_dir) : NULL;
    pthread_mutex_unlock (&s_keys.lock);
    if (!dir_path)
        return NULL;
    char **lines = NULL;
    size_t count = 0, total = 1;
    DIR *dir = opendir (dir_path);
    struct dirent *entry;
    while (dir && (entry = readdir (dir))) {
        size_t length = strlen (entry->d_name);
        if (length < 6 || strcmp (entry->d_name + length - 5, ".cert") != 0)
            continue;
        char *path = zsys_sprintf ("%s/%s", dir_path, entry->d_name);
        struct stat info;
        if (stat (path, &info) == 0) {
            lines = realloc (lines, (count + 1) * sizeof *lines);
            assert (lines);
            lines [count] = zsys_sprintf ("%s %lld.%09ld", entry->d_name,
                                          (long long) info.st_mtim.tv_sec,
                                          (long) info.st_mtim.tv_nsec);
            total += strlen (lines [count++]) + 1;
        }
        zstr_free (&path);
    }
    if (dir)
        closedir (dir);
    qsort (lines, count, sizeof *lines, s_compare_lines);
    char *stamp = malloc (total + 1);
    assert (stamp);
    //  Every line between newlines, so that a line is found whole
    strcpy (stamp, "\n");
    for (size_t index = 0; index < count; index++) {
        strcat (stamp, lines [index]);
        strcat (stamp, "\n");
        zstr_free (&lines [index]);
    }
    free (lines);
    free (dir_path);
    return stamp;
}

bool
pps_keys_allowlist_lost (const char *before, const char *now)
{
    if (!before || !now)
        return false;
    //  Each line of before ("\nname time\n") must be in now
    for (const char *line = before; *line && line [1]; ) {
        const char *end = strchr (line + 1, '\n');
        if (!end)
            break;
        char *whole = zsys_sprintf ("%.*s", (int) (end - line + 1), line);
        bool found = strstr (now, whole) != NULL;
        zstr_free (&whole);
        if (!found)
            return true;
        line = end;
    }
    return false;
}

int
pps_keys_auth_start (void)
{
    pthread_mutex_lock (&s_keys.lock);
    int rc = 0;
    if (!s_keys.auth) {
        s_keys.auth = zactor_new (zauth, NULL);
        if (s_keys.auth && s_keys.log_handshakes) {
            zstr_sendx (s_keys.auth, "VERBOSE", NULL);
            zsock_wait (s_keys.auth);
        }
        if (s_keys.auth) {
            if (!zsys_file_exists (s_keys.clients_dir))
                zsys_warning ("keys: %s does not exist: every client key is refused",
                              s_keys.clients_dir);
            zstr_sendx (s_keys.auth, "CURVE", s_keys.clients_dir, NULL);
            zsock_wait (s_keys.auth);
        }
        else {
            zsys_error ("keys: cannot start the ZAP handler");
            rc = -1;
        }
    }
    if (rc == 0)
        s_keys.auth_users++;
    pthread_mutex_unlock (&s_keys.lock);
    return rc;
}

void
pps_keys_auth_stop (void)
{
    pthread_mutex_lock (&s_keys.lock);
    if (s_keys.auth_users > 0 && --s_keys.auth_users == 0)
        zactor_destroy (&s_keys.auth);
    pthread_mutex_unlock (&s_keys.lock);
}

void
pps_keys_reset (void)
{
    pthread_mutex_lock (&s_keys.lock);
    assert (s_keys.auth_users == 0);
    s_keys.curve = false;
    zstr_free (&s_keys.keys_dir);
    zstr_free (&s_keys.clients_dir);
    zcert_destroy (&s_keys.client);
    s_keys.client_configured = false;
    zhashx_destroy (&s_keys.servers);
    zhashx_destroy (&s_keys.own);
    pthread_mutex_unlock (&s_keys.lock);
}
