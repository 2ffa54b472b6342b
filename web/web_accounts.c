/*  web_accounts: the accounts' store, passwords and users of pps-web (see
    web_accounts.h; logins and sessions are in web_sessions.c, API tokens
    in web_tokens.c).
*/
#include "web_accounts_private.h"

#include <czmq.h>
#include "pps_validate.h"

//  Bumped when a stored record changes meaning.
#define WEB_SCHEMA_VERSION  1

static const char *const s_databases [] = { "users", "sessions", "tokens", "throttles", NULL };

//  ---------------------------------------------------------------- results

static const char *const s_result_names [] = {
    [WEB_OK] = "ok",
    [WEB_BAD_CREDENTIALS] = "bad_credentials",
    [WEB_LOCKED] = "locked",
    [WEB_DISABLED] = "disabled",
    [WEB_EXPIRED] = "expired",
    [WEB_EXISTS] = "exists",
    [WEB_NOT_FOUND] = "not_found",
    [WEB_INVALID_LOGIN] = "invalid_login",
    [WEB_INVALID_NAME] = "invalid_name",
    [WEB_INVALID_PASSWORD] = "invalid_password",
    [WEB_INVALID_ROLE] = "invalid_role",
    [WEB_STORAGE] = "storage"
};

const char *
web_result_name (web_result_t result)
{
    if ((size_t) result < sizeof s_result_names / sizeof s_result_names [0])
        return s_result_names [result];
    return "unknown";
}

const char *
web_result_field (web_result_t result)
{
    switch (result) {
        case WEB_INVALID_LOGIN:     return "login";
        case WEB_INVALID_NAME:      return "name";
        case WEB_INVALID_PASSWORD:  return "password";
        case WEB_INVALID_ROLE:      return "role";
        default:                    return NULL;
    }
}

web_result_t
web_accounts_failed (const char *what, int rc)
{
    zsys_error ("web accounts: cannot %s: %s", what, mdb_strerror (rc));
    return WEB_STORAGE;
}

//  ---------------------------------------------------------------- store

void
web_policy_default (web_policy_t *policy)
{
    *policy = (web_policy_t) {
        .session_idle_ms = 30 * 60 * 1000,
        .session_max_ms = 12 * 3600 * 1000,
        .account_failures = 5,
        .address_failures = 20,
        .failure_window_ms = 15 * 60 * 1000,
        .lock_ms = 15 * 60 * 1000,
        .opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE,
        .memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE
    };
}

web_accounts_t *
web_accounts_open (const char *dir, size_t map_mb)
{
    if (sodium_init () < 0) {
        zsys_error ("web accounts: libsodium cannot start");
        return NULL;
    }
    pps_store_t *store = pps_store_open (dir, map_mb << 20, s_databases, WEB_SCHEMA_VERSION);
    if (!store)
        return NULL;
    web_accounts_t *self = calloc (1, sizeof (web_accounts_t));
    assert (self);
    self->store = store;
    self->users = pps_store_dbi (store, "users");
    self->sessions = pps_store_dbi (store, "sessions");
    self->tokens = pps_store_dbi (store, "tokens");
    self->throttles = pps_store_dbi (store, "throttles");
    web_policy_default (&self->policy);
    pthread_mutex_init (&self->mutex, NULL);
    return self;
}

void
web_accounts_destroy (web_accounts_t **self_p)
{
    assert (self_p);
    if (*self_p) {
        web_accounts_t *self = *self_p;
        pps_store_destroy (&self->store);
        pthread_mutex_destroy (&self->mutex);
        free (self->dummy_hash);
        free (self);
        *self_p = NULL;
    }
}

int
web_accounts_set_policy (web_accounts_t *self, const web_policy_t *policy)
{
    if (policy->opslimit < crypto_pwhash_OPSLIMIT_MIN
    ||  policy->opslimit > crypto_pwhash_OPSLIMIT_MAX
    ||  policy->memlimit < crypto_pwhash_MEMLIMIT_MIN
    ||  policy->memlimit > crypto_pwhash_MEMLIMIT_MAX
    ||  policy->session_idle_ms <= 0 || policy->session_max_ms <= 0
    ||  policy->failure_window_ms <= 0 || policy->lock_ms <= 0
    ||  policy->account_failures == 0 || policy->address_failures == 0)
        return -1;
    self->policy = *policy;
    //  The dummy hash must cost what a real one costs: make it again
    free (self->dummy_hash);
    self->dummy_hash = NULL;
    return 0;
}

pps_store_t *
web_accounts_store (web_accounts_t *self)
{
    return self->store;
}

//  ---------------------------------------------------------------- passwords

web_result_t
web_password_hash (web_accounts_t *self, const char *password,
                   char hash [crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str_alg (hash, password, strlen (password), self->policy.opslimit,
                               self->policy.memlimit, crypto_pwhash_ALG_ARGON2ID13)) {
        zsys_error ("web accounts: cannot hash a password (out of memory)");
        return WEB_STORAGE;
    }
    return WEB_OK;
}

bool
web_password_verify (web_accounts_t *self, const char *hash, const char *password)
{
    //  A password outside the limits never matches, but is still worked on
    //  (as an empty one) so that the answer takes the usual time
    const char *given = web_password_is_valid (password)? password: "";
    if (hash)
        return crypto_pwhash_str_verify (hash, given, strlen (given)) == 0
            && given == password;

    pthread_mutex_lock (&self->mutex);
    if (!self->dummy_hash) {
        uint8_t noise [WEB_SECRET_BYTES];
        char text [WEB_SESSION_ID_SIZE + 1];
        web_secret_new (noise, text);
        char made [crypto_pwhash_STRBYTES];
        if (web_password_hash (self, text, made) == WEB_OK)
            self->dummy_hash = strdup (made);
        sodium_memzero (text, sizeof text);
    }
    pthread_mutex_unlock (&self->mutex);
    if (self->dummy_hash && crypto_pwhash_str_verify (self->dummy_hash, given,
                                                      strlen (given)) == 0)
        zsys_warning ("web accounts: a password matched the dummy hash");
    return false;
}

//  ---------------------------------------------------------------- validation

bool
web_login_is_valid (const char *login)
{
    if (!login)
        return false;
    size_t size = strnlen (login, WEB_LOGIN_MAX + 1);
    if (size == 0 || size > WEB_LOGIN_MAX)
        return false;
    for (const char *c = login; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')
              || *c == '.' || *c == '_' || *c == '-'))
            return false;
    return true;
}

bool
web_name_is_valid (const char *name)
{
    if (!name)
        return false;
    size_t size = strnlen (name, WEB_DISPLAY_NAME_MAX + 1);
    if (size > WEB_DISPLAY_NAME_MAX || !pps_text_is_clean (name))
        return false;
    //  One line, and something in it besides spaces
    bool seen = false;
    for (const char *c = name; *c; c++) {
        if (*c == '\t' || *c == '\n' || *c == '\r')
            return false;
        if (*c != ' ')
            seen = true;
    }
    return seen;
}

bool
web_password_is_valid (const char *password)
{
    if (!password)
        return false;
    size_t size = strnlen (password, WEB_PASSWORD_MAX + 1);
    return size >= WEB_PASSWORD_MIN && size <= WEB_PASSWORD_MAX;
}

static bool
s_role_is_valid (pps_role_t role)
{
    return role == PPS_ROLE_READER || role == PPS_ROLE_EDITOR || role == PPS_ROLE_ADMIN;
}

//  ---------------------------------------------------------------- users

int
web_user_load (web_accounts_t *self, MDB_txn *txn, const char *login, pps_arena_t *arena,
               Web__User **user_p)
{
    return pps_store_get (txn, self->users, login, strlen (login), &web__user__descriptor,
                          arena, (ProtobufCMessage **) user_p);
}

static int
s_user_save (web_accounts_t *self, MDB_txn *txn, const Web__User *user)
{
    return pps_store_put (txn, self->users, user->login, strlen (user->login),
                          &user->base);
}

void
web_user_fill (web_accounts_t *self, MDB_txn *txn, const Web__User *stored, int64_t now_ms,
               web_user_t *user)
{
    memset (user, 0, sizeof *user);
    snprintf (user->login, sizeof user->login, "%s", stored->login);
    snprintf (user->display_name, sizeof user->display_name, "%s", stored->display_name);
    user->role = (pps_role_t) stored->role;
    user->disabled = stored->disabled;
    user->created_ms = stored->created_ms;
    user->updated_ms = stored->updated_ms;
    user->password_changed_ms = stored->password_changed_ms;
    user->last_login_ms = stored->last_login_ms;
    char key [WEB_THROTTLE_KEY_MAX];
    web_throttle_key (key, "user", stored->login);
    user->locked_until_ms = web_throttle_locked_until (self, txn, key, now_ms);
}

//  Create a user; when first_only, only into an empty users database.
static web_result_t
s_user_create (web_accounts_t *self, const char *login, const char *display_name,
               pps_role_t role, const char *password, int64_t now_ms, bool first_only)
{
    if (!web_login_is_valid (login))
        return WEB_INVALID_LOGIN;
    if (!web_name_is_valid (display_name))
        return WEB_INVALID_NAME;
    if (!s_role_is_valid (role))
        return WEB_INVALID_ROLE;
    if (!web_password_is_valid (password))
        return WEB_INVALID_PASSWORD;
    //  Hashed before the transaction, which would otherwise hold LMDB's
    //  writer lock (every process's) for the hash's 0.1 s
    char hash [crypto_pwhash_STRBYTES];
    web_result_t result = web_password_hash (self, password, hash);
    if (result)
        return result;

    MDB_txn *txn = NULL;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    if (first_only) {
        MDB_stat stat;
        if ((rc = mdb_stat (txn, self->users, &stat))) {
            result = web_accounts_failed ("count users", rc);
            goto done;
        }
        if (stat.ms_entries > 0) {
            result = WEB_EXISTS;
            goto done;
        }
    }
    MDB_val key = { strlen (login), (void *) login }, data;
    rc = mdb_get (txn, self->users, &key, &data);
    if (rc == 0) {
        result = WEB_EXISTS;
        goto done;
    }
    if (rc != MDB_NOTFOUND) {
        result = web_accounts_failed ("read a user", rc);
        goto done;
    }
    Web__User user = WEB__USER__INIT;
    user.login = (char *) login;
    user.display_name = (char *) display_name;
    user.role = (Web__Role) role;
    user.password_hash = hash;
    user.created_ms = now_ms;
    user.updated_ms = now_ms;
    user.password_changed_ms = now_ms;
    //  A failure counter left by earlier attempts on a name nobody had
    //  does not exist (unknown names count against addresses only)
    if ((rc = s_user_save (self, txn, &user))) {
        result = web_accounts_failed ("store a user", rc);
        goto done;
    }
    rc = mdb_txn_commit (txn);
    txn = NULL;
    if (rc)
        result = web_accounts_failed ("commit a new user", rc);
done:
    if (txn)
        mdb_txn_abort (txn);
    sodium_memzero (hash, sizeof hash);
    return result;
}

web_result_t
web_user_add (web_accounts_t *self, const char *login, const char *display_name,
              pps_role_t role, const char *password, int64_t now_ms)
{
    return s_user_create (self, login, display_name, role, password, now_ms, false);
}

web_result_t
web_user_bootstrap (web_accounts_t *self, const char *login, const char *display_name,
                    const char *password, int64_t now_ms)
{
    return s_user_create (self, login, display_name, PPS_ROLE_ADMIN, password, now_ms, true);
}

web_result_t
web_user_get (web_accounts_t *self, const char *login, int64_t now_ms, web_user_t *user)
{
    if (!web_login_is_valid (login))
        return WEB_INVALID_LOGIN;
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    Web__User *stored;
    web_result_t result = WEB_OK;
    rc = web_user_load (self, txn, login, arena, &stored);
    if (rc == MDB_NOTFOUND)
        result = WEB_NOT_FOUND;
    else
    if (rc)
        result = web_accounts_failed ("read a user", rc);
    else
        web_user_fill (self, txn, stored, now_ms, user);
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    return result;
}

typedef struct {
    web_accounts_t *self;
    MDB_txn *txn;
    int64_t now_ms;
    web_user_visit_fn *visit;
    void *arg;
    bool stopped;                     //  The visitor asked to stop
} s_list_t;

static int
s_list_visit (ProtobufCMessage *record, void *arg)
{
    s_list_t *list = arg;
    web_user_t user;
    web_user_fill (list->self, list->txn, (Web__User *) record, list->now_ms, &user);
    list->stopped = list->visit (&user, list->arg) != 0;
    return list->stopped;
}

web_result_t
web_user_list (web_accounts_t *self, int64_t now_ms, web_user_visit_fn *visit, void *arg)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    s_list_t list = { self, txn, now_ms, visit, arg, false };
    rc = pps_store_each (txn, self->users, &web__user__descriptor, arena, s_list_visit, &list);
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    return rc && !list.stopped? web_accounts_failed ("list users", rc): WEB_OK;
}

//  What a change to one user does inside the write transaction; returns
//  WEB_OK to commit.
typedef web_result_t (s_change_fn) (web_accounts_t *self, MDB_txn *txn, Web__User *user,
                                    int64_t now_ms, void *arg);

//  Load login, apply change, store the user and commit, in one write
//  transaction.
static web_result_t
s_user_change (web_accounts_t *self, const char *login, int64_t now_ms, s_change_fn *change,
               void *arg)
{
    if (!web_login_is_valid (login))
        return WEB_INVALID_LOGIN;
    MDB_txn *txn = NULL;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    Web__User *user;
    web_result_t result = WEB_OK;
    rc = web_user_load (self, txn, login, arena, &user);
    if (rc == MDB_NOTFOUND)
        result = WEB_NOT_FOUND;
    else
    if (rc)
        result = web_accounts_failed ("read a user", rc);
    else
        result = change (self, txn, user, now_ms, arg);
    if (result == WEB_OK) {
        user->updated_ms = now_ms;
        if ((rc = s_user_save (self, txn, user)))
            result = web_accounts_failed ("store a user", rc);
    }
    if (result == WEB_OK) {
        rc = mdb_txn_commit (txn);
        txn = NULL;
        if (rc)
            result = web_accounts_failed ("commit a user's change", rc);
    }
    if (txn)
        mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    return result;
}

static web_result_t
s_disable (web_accounts_t *self, MDB_txn *txn, Web__User *user, int64_t now_ms, void *arg)
{
    if (!user->disabled) {
        user->disabled = true;
        user->disabled_ms = now_ms;
    }
    int rc = web_sessions_end_user (self, txn, user->login, NULL);
    return rc? web_accounts_failed ("end a user's sessions", rc): WEB_OK;
}

web_result_t
web_user_disable (web_accounts_t *self, const char *login, int64_t now_ms)
{
    return s_user_change (self, login, now_ms, s_disable, NULL);
}

static web_result_t
s_enable (web_accounts_t *self, MDB_txn *txn, Web__User *user, int64_t now_ms, void *arg)
{
    user->disabled = false;
    user->disabled_ms = 0;
    return WEB_OK;
}

web_result_t
web_user_enable (web_accounts_t *self, const char *login, int64_t now_ms)
{
    return s_user_change (self, login, now_ms, s_enable, NULL);
}

//  A new password: the hash made before the transaction, and the session
//  to keep (its hash, or NULL).
typedef struct {
    char *hash;
    const uint8_t *keep;
    const char *old_hash;             //  passwd: the hash the old password matched
} s_password_t;

static web_result_t
s_set_password (web_accounts_t *self, MDB_txn *txn, Web__User *user, int64_t now_ms,
                void *arg)
{
    s_password_t *change = arg;
    //  Another process changed it since we checked the old one: do not
    //  overwrite a password the user did not give us
    if (change->old_hash && strcmp (change->old_hash, user->password_hash) != 0)
        return WEB_BAD_CREDENTIALS;
    user->password_hash = change->hash;
    user->password_changed_ms = now_ms;
    char key [WEB_THROTTLE_KEY_MAX];
    web_throttle_key (key, "user", user->login);
    int rc = web_throttle_clear (self, txn, key);
    if (rc == 0)
        rc = web_sessions_end_user (self, txn, user->login, change->keep);
    return rc? web_accounts_failed ("end a user's sessions", rc): WEB_OK;
}

web_result_t
web_user_reset (web_accounts_t *self, const char *login, const char *new_password,
                int64_t now_ms)
{
    if (!web_login_is_valid (login))
        return WEB_INVALID_LOGIN;
    if (!web_password_is_valid (new_password))
        return WEB_INVALID_PASSWORD;
    char hash [crypto_pwhash_STRBYTES];
    web_result_t result = web_password_hash (self, new_password, hash);
    if (result == WEB_OK) {
        s_password_t change = { hash, NULL, NULL };
        result = s_user_change (self, login, now_ms, s_set_password, &change);
    }
    sodium_memzero (hash, sizeof hash);
    return result;
}

web_result_t
web_user_passwd (web_accounts_t *self, const char *login, const char *old_password,
                 const char *new_password, const char *keep_session_id, int64_t now_ms)
{
    if (!web_login_is_valid (login))
        return WEB_INVALID_LOGIN;
    if (!web_password_is_valid (new_password))
        return WEB_INVALID_PASSWORD;
    char key [WEB_THROTTLE_KEY_MAX];
    web_throttle_key (key, "user", login);

    //  Checked as a login is, so that a stolen session cannot guess the
    //  password through this door faster than through the login
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    Web__User *user = NULL;
    web_result_t result = WEB_OK;
    if (web_throttle_locked_until (self, txn, key, now_ms))
        result = WEB_LOCKED;
    else
    if ((rc = web_user_load (self, txn, login, arena, &user)))
        result = rc == MDB_NOTFOUND? WEB_NOT_FOUND: web_accounts_failed ("read a user", rc);
    else
    if (user->disabled)
        result = WEB_DISABLED;
    mdb_txn_abort (txn);
    if (result)
        goto done;

    if (!web_password_verify (self, user->password_hash, old_password)) {
        if ((rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn)))
            result = web_accounts_failed ("begin a transaction", rc);
        else {
            int64_t locked_until;
            rc = web_throttle_fail (self, txn, key, self->policy.account_failures, now_ms,
                                    &locked_until);
            if (rc == 0)
                rc = mdb_txn_commit (txn);
            else
                mdb_txn_abort (txn);
            result = rc? web_accounts_failed ("count a failure", rc): WEB_BAD_CREDENTIALS;
        }
        goto done;
    }
    uint8_t keep_secret [WEB_SECRET_BYTES], keep_hash [WEB_SECRET_BYTES];
    bool keep = keep_session_id
             && web_secret_decode (keep_session_id, strlen (keep_session_id), keep_secret);
    if (keep)
        web_secret_hash (keep_secret, keep_hash);
    char hash [crypto_pwhash_STRBYTES];
    if ((result = web_password_hash (self, new_password, hash)) == WEB_OK) {
        s_password_t change = { hash, keep? keep_hash: NULL, user->password_hash };
        result = s_user_change (self, login, now_ms, s_set_password, &change);
    }
    sodium_memzero (hash, sizeof hash);
    sodium_memzero (keep_secret, sizeof keep_secret);
done:
    pps_arena_destroy (&arena);
    return result;
}
