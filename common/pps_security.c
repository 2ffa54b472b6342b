/*  pps_security: who is calling a service, and what their role lets them do.  */
#include "pps_security.h"

#include "pps_keys.h"
#include "pps_socket.h"

//  How long a looked-up key is trusted before clients_dir is read again:
//  a certificate removed from the directory loses its role within this.
#define LOOKUP_TTL_MS 1000

typedef struct {
    pps_role_t role;
    char *name;                   //  Certificate's name, or "key:<Z85>" without one
    char *key;
    int64_t checked_ms;           //  zclock_mono () of the lookup
} entry_t;

struct _pps_security_t {
    bool authenticated;           //  Requests carry a CURVE key
    pps_role_t ipc_role;          //  Role of requests without a key
    zcertstore_t *certs;          //  security/clients_dir
    zhashx_t *entries;            //  key -> entry_t
};

static const char *s_role_names [] = { "none", "reader", "editor", "admin", "gateway" };

pps_role_t
pps_role_parse (const char *name)
{
    for (int role = PPS_ROLE_READER; role <= PPS_ROLE_GATEWAY; role++)
        if (name && streq (name, s_role_names [role]))
            return (pps_role_t) role;
    return PPS_ROLE_NONE;
}

const char *
pps_role_name (pps_role_t role)
{
    return role <= PPS_ROLE_GATEWAY ? s_role_names [role] : "none";
}

bool
pps_role_allows (pps_role_t role, bool write, bool admin)
{
    if (admin)
        return role == PPS_ROLE_ADMIN || role == PPS_ROLE_GATEWAY;
    if (write)
        return role >= PPS_ROLE_EDITOR;
    return role >= PPS_ROLE_READER;
}

static void
s_entry_destroy (void **item_p)
{
    entry_t *entry = *item_p;
    if (entry) {
        free (entry->name);
        free (entry->key);
        free (entry);
        *item_p = NULL;
    }
}

pps_security_t *
pps_security_new (pps_config_t *config, bool authenticated)
{
    const char *ipc_role = pps_config_get (config, "security/ipc_role", "admin");
    pps_role_t role = pps_role_parse (ipc_role);
    if (role == PPS_ROLE_NONE) {
        zsys_error ("security: security/ipc_role '%s' is not reader, editor or admin", ipc_role);
        return NULL;
    }
    pps_security_t *self = calloc (1, sizeof (pps_security_t));
    assert (self);
    self->authenticated = authenticated;
    self->ipc_role = role;
    if (authenticated) {
        self->certs = zcertstore_new (pps_config_get (config, "security/clients_dir",
                                                      "/etc/pps/clients"));
        self->entries = zhashx_new ();
        zhashx_set_destructor (self->entries, s_entry_destroy);
    }
    return self;
}

void
pps_security_destroy (pps_security_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        pps_security_t *self = *self_p;
        zcertstore_destroy (&self->certs);
        zhashx_destroy (&self->entries);
        free (self);
        *self_p = NULL;
    }
}

//  The entry for key, read again from clients_dir when stale.
static entry_t *
s_lookup (pps_security_t *self, const char *key)
{
    entry_t *entry = zhashx_lookup (self->entries, key);
    if (entry && zclock_mono () - entry->checked_ms < LOOKUP_TTL_MS)
        return entry;
    if (!entry) {
        entry = calloc (1, sizeof (entry_t));
        assert (entry);
        entry->key = strdup (key);
        zhashx_insert (self->entries, key, entry);
    }
    zcert_t *cert = zcertstore_lookup (self->certs, key);
    const char *name = cert ? zcert_meta (cert, "name") : NULL;
    free (entry->name);
    entry->name = name && *name ? strdup (name) : zsys_sprintf ("key:%s", key);
    entry->role = cert ? pps_role_parse (zcert_meta (cert, "role")) : PPS_ROLE_NONE;
    entry->checked_ms = zclock_mono ();
    return entry;
}

void
pps_security_identify (pps_security_t *self, zframe_t *frame, pps_identity_t *identity)
{
    memset (identity, 0, sizeof *identity);
    if (!self->authenticated) {
        identity->role = self->ipc_role;
        return;
    }
    //  Over CURVE, the ZAP handler's User-Id comes first: a client cannot
    //  override it with metadata of its own.
    const char *key = zframe_meta (frame, "User-Id");
    if (!key || !*key) {
        identity->role = PPS_ROLE_NONE;
        identity->name = "unauthenticated";
        return;
    }
    entry_t *entry = s_lookup (self, key);
    identity->role = entry->role;
    identity->name = entry->name;
    identity->key = entry->key;
}

//  ---------------------------------------------------------------- self test

//  Save a certificate with name and role (role NULL: none) as dir/file.
static zcert_t *
s_test_cert (const char *dir, const char *file, const char *name, const char *role)
{
    zcert_t *cert = zcert_new ();
    if (name)
        zcert_set_meta (cert, "name", "%s", name);
    if (role)
        zcert_set_meta (cert, "role", "%s", role);
    char *path = zsys_sprintf ("%s/%s.cert", dir, file);
    assert (zcert_save (cert, path) == 0);
    zstr_free (&path);
    return cert;
}

//  Send "hello" from a DEALER with cert to the server at endpoint; return
//  the frame the router got within timeout_ms, or NULL.
static zframe_t *
s_test_exchange (zsock_t *router, const char *endpoint, zcert_t *cert, const char *server_key,
                 int timeout_ms)
{
    zsock_t *dealer = zsock_new (ZMQ_DEALER);
    zsock_set_linger (dealer, 0);
    if (cert) {
        zcert_apply (cert, dealer);
        zsock_set_curve_serverkey (dealer, server_key);
    }
    assert (zsock_connect (dealer, "%s", endpoint) == 0);
    zstr_send (dealer, "hello");
    zpoller_t *poller = zpoller_new (router, NULL);
    zframe_t *payload = NULL;
    if (zpoller_wait (poller, timeout_ms) == router) {
        //  [routing id][payload]: the payload frame keeps its metadata
        zmsg_t *message = zmsg_recv (router);
        zframe_t *routing_id = zmsg_pop (message);
        zframe_destroy (&routing_id);
        payload = zmsg_pop (message);
        zmsg_destroy (&message);
    }
    zpoller_destroy (&poller);
    zsock_destroy (&dealer);
    return payload;
}

void
pps_security_test (bool verbose)
{
    //  The allow-list's stamps: a key removed or replaced is lost, one added is not
    const char *two = "\na.cert 1.000000001\nb.cert 2.000000000\n";
    assert (!pps_keys_allowlist_lost (two, two));
    assert (!pps_keys_allowlist_lost (two, "\na.cert 1.000000001\nb.cert 2.000000000\n"
                                           "c.cert 3.0\n"));
    assert (pps_keys_allowlist_lost (two, "\nb.cert 2.000000000\n"));
    assert (pps_keys_allowlist_lost (two, "\na.cert 1.000000001\nb.cert 5.000000000\n"));
    assert (pps_keys_allowlist_lost (two, "\n"));
    assert (!pps_keys_allowlist_lost ("\n", "\n"));
    assert (!pps_keys_allowlist_lost (NULL, two));
    //  A name that is the end of another is not it
    assert (pps_keys_allowlist_lost ("\nb.cert 2.0\n", "\nab.cert 2.0\n"));

    //  Roles
    assert (pps_role_parse ("reader") == PPS_ROLE_READER);
    assert (pps_role_parse ("admin") == PPS_ROLE_ADMIN);
    assert (pps_role_parse ("Admin") == PPS_ROLE_NONE);
    assert (pps_role_parse (NULL) == PPS_ROLE_NONE);
    assert (streq (pps_role_name (PPS_ROLE_EDITOR), "editor"));
    assert (pps_role_allows (PPS_ROLE_READER, false, false));
    assert (!pps_role_allows (PPS_ROLE_READER, true, false));
    assert (pps_role_allows (PPS_ROLE_EDITOR, true, false));
    assert (!pps_role_allows (PPS_ROLE_EDITOR, true, true));
    assert (!pps_role_allows (PPS_ROLE_EDITOR, false, true));
    assert (pps_role_allows (PPS_ROLE_ADMIN, true, true));
    assert (pps_role_parse ("gateway") == PPS_ROLE_GATEWAY);
    assert (pps_role_allows (PPS_ROLE_GATEWAY, true, true));
    assert (streq (pps_role_name (PPS_ROLE_GATEWAY), "gateway"));
    assert (!pps_role_allows (PPS_ROLE_NONE, false, false));

    //  Without a key: security/ipc_role
    pps_config_t *config = pps_config_load (NULL);
    pps_security_t *security = pps_security_new (config, false);
    zframe_t *frame = zframe_new ("x", 1);
    pps_identity_t identity;
    pps_security_identify (security, frame, &identity);
    assert (identity.role == PPS_ROLE_ADMIN && identity.name == NULL);
    pps_security_destroy (&security);
    pps_config_set (config, "security/ipc_role", "reader");
    security = pps_security_new (config, false);
    pps_security_identify (security, frame, &identity);
    assert (identity.role == PPS_ROLE_READER);
    pps_security_destroy (&security);
    assert (security == NULL);
    pps_config_set (config, "security/ipc_role", "root");
    assert (pps_security_new (config, false) == NULL);
    zframe_destroy (&frame);
    pps_config_destroy (&config);
    if (!zsys_has_curve ())
        return;

    //  Over CURVE: keys from clients_dir, an unknown key refused
    char root [] = "/tmp/pps-security-test-XXXXXX";
    assert (mkdtemp (root));
    char *keys_dir = zsys_sprintf ("%s/keys", root);
    char *clients_dir = zsys_sprintf ("%s/clients", root);
    char *own_dir = zsys_sprintf ("%s/own", root);
    zsys_dir_create ("%s", keys_dir);
    zsys_dir_create ("%s", clients_dir);
    zsys_dir_create ("%s", own_dir);
    zcert_t *server = s_test_cert (keys_dir, "registry", "registry", "reader");
    zcert_t *alice = s_test_cert (own_dir, "alice", "alice", "editor");
    char *alice_path = zsys_sprintf ("%s/alice.cert", own_dir);
    char *alice_public = zsys_sprintf ("%s/alice.cert", clients_dir);
    assert (zcert_save_public (alice, alice_public) == 0);
    zcert_t *nameless = s_test_cert (clients_dir, "nameless", NULL, "reader");
    zcert_t *roleless = s_test_cert (clients_dir, "roleless", "roleless", NULL);
    zcert_t *stranger = zcert_new ();

    config = pps_config_load (NULL);
    pps_config_set (config, "security/curve", "1");
    pps_config_set (config, "security/keys_dir", keys_dir);
    pps_config_set (config, "security/clients_dir", clients_dir);
    pps_config_set (config, "security/log_handshakes", verbose ? "1" : "0");
    //  A service serving over tcp needs its key pair; one on ipc does not
    pps_config_set (config, "registry/events", "tcp://127.0.0.1:1");
    assert (pps_keys_setup (config, "projects") == 0);
    assert (pps_keys_setup (config, "registry") == 0);
    assert (pps_keys_protects ("tcp://127.0.0.1:1") && !pps_keys_protects ("ipc:///tmp/x"));
    //  No ZAP handler yet: binding with CURVE is refused
    assert (pps_socket_bind (ZMQ_ROUTER, "tcp://127.0.0.1:*", "registry") == NULL);
    assert (pps_keys_auth_start () == 0);
    //  No key pair for this service
    assert (pps_socket_bind (ZMQ_ROUTER, "tcp://127.0.0.1:*", "projects") == NULL);
    zsock_t *router = pps_socket_bind (ZMQ_ROUTER, "tcp://127.0.0.1:*", "registry");
    assert (router);
    char *endpoint = strdup (zsock_endpoint (router));      //  tcp://127.0.0.1:<port>
    security = pps_security_new (config, true);
    const char *server_key = zcert_public_txt (server);

    frame = s_test_exchange (router, endpoint, alice, server_key, 2000);
    assert (frame);
    pps_security_identify (security, frame, &identity);
    assert (identity.role == PPS_ROLE_EDITOR && streq (identity.name, "alice"));
    assert (streq (identity.key, zcert_public_txt (alice)));
    zframe_destroy (&frame);
    frame = s_test_exchange (router, endpoint, nameless, server_key, 2000);
    assert (frame);
    pps_security_identify (security, frame, &identity);
    assert (identity.role == PPS_ROLE_READER && strncmp (identity.name, "key:", 4) == 0);
    zframe_destroy (&frame);
    frame = s_test_exchange (router, endpoint, roleless, server_key, 2000);
    assert (frame);
    pps_security_identify (security, frame, &identity);
    assert (identity.role == PPS_ROLE_NONE && streq (identity.name, "roleless"));
    zframe_destroy (&frame);
    //  Refused at the handshake: an unknown key, and no CURVE at all
    assert (s_test_exchange (router, endpoint, stranger, server_key, 300) == NULL);
    assert (s_test_exchange (router, endpoint, NULL, NULL, 300) == NULL);

    //  The socket factory's client side: the server key comes from keys_dir
    //  for the endpoint configured, the client key from client_cert
    zsock_t *client = pps_socket_connect (ZMQ_DEALER, endpoint);
    assert (client == NULL);          //  registry/endpoint is not this one yet
    pps_config_set (config, "registry/endpoint", endpoint);
    pps_config_set (config, "security/client_cert", alice_path);
    assert (pps_keys_setup (config, NULL) == 0);
    client = pps_socket_connect (ZMQ_DEALER, endpoint);
    assert (client);
    zstr_send (client, "hello");
    zmsg_t *message = zmsg_recv (router);
    assert (message && zmsg_size (message) == 2);
    pps_security_identify (security, zmsg_last (message), &identity);
    assert (identity.role == PPS_ROLE_EDITOR && streq (identity.name, "alice"));
    zmsg_destroy (&message);
    zsock_destroy (&client);

    pps_security_destroy (&security);
    zsock_destroy (&router);
    pps_keys_auth_stop ();
    pps_keys_reset ();
    pps_config_destroy (&config);
    zcert_destroy (&server);
    zcert_destroy (&alice);
    zcert_destroy (&nameless);
    zcert_destroy (&roleless);
    zcert_destroy (&stranger);
    zstr_free (&endpoint);
    zstr_free (&alice_path);
    zstr_free (&alice_public);
    zstr_free (&keys_dir);
    zstr_free (&clients_dir);
    zstr_free (&own_dir);
    zdir_t *dir = zdir_new (root, NULL);
    zdir_remove (dir, true);
    zdir_destroy (&dir);
}
