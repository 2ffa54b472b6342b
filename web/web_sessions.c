/*  web_sessions: pps-web's logins, the lockout of failed ones, and the
    sessions they open (see web_accounts.h).

    A session id and its CSRF token never reach the store: the session is
    kept under the BLAKE2b hash of the id's 32 random bytes, and the CSRF
    token is BLAKE2b keyed by those bytes, made again when needed.
*/
#include "web_accounts_private.h"

#include <czmq.h>

//  The CSRF token is the keyed hash of this text, so that it is not the
//  hash under which the session is stored.
#define WEB_CSRF_CONTEXT    "pps-web csrf"

//  ---------------------------------------------------------------- secrets

void
web_secret_new (uint8_t secret [WEB_SECRET_BYTES], char text [WEB_SESSION_ID_SIZE + 1])
{
    randombytes_buf (secret, WEB_SECRET_BYTES);
    sodium_bin2base64 (text, WEB_SESSION_ID_SIZE + 1, secret, WEB_SECRET_BYTES,
                       sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool
web_secret_decode (const char *text, size_t size, uint8_t secret [WEB_SECRET_BYTES])
{
    if (size != WEB_SESSION_ID_SIZE)
        return false;
    size_t decoded;
    if (sodium_base642bin (secret, WEB_SECRET_BYTES, text, size, NULL, &decoded, NULL,
                           sodium_base64_VARIANT_URLSAFE_NO_PADDING)
    ||  decoded != WEB_SECRET_BYTES)
        return false;
    //  The last character carries 4 spare bits: only the canonical text
    //  names the secret, so that one id has one spelling
    char again [WEB_SESSION_ID_SIZE + 1];
    sodium_bin2base64 (again, sizeof again, secret, WEB_SECRET_BYTES,
                       sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    bool same = sodium_memcmp (again, text, WEB_SESSION_ID_SIZE) == 0;
    sodium_memzero (again, sizeof again);
    return same;
}

void
web_secret_hash (const uint8_t secret [WEB_SECRET_BYTES], uint8_t hash [WEB_SECRET_BYTES])
{
    crypto_generichash (hash, WEB_SECRET_BYTES, secret, WEB_SECRET_BYTES, NULL, 0);
}

//  The CSRF token of a session's secret, as text.
static void
s_csrf_of (const uint8_t secret [WEB_SECRET_BYTES], char csrf [WEB_CSRF_SIZE + 1])
{
    uint8_t mac [WEB_SECRET_BYTES];
    crypto_generichash (mac, sizeof mac, (const uint8_t *) WEB_CSRF_CONTEXT,
                        strlen (WEB_CSRF_CONTEXT), secret, WEB_SECRET_BYTES);
    sodium_bin2base64 (csrf, WEB_CSRF_SIZE + 1, mac, sizeof mac,
                       sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero (mac, sizeof mac);
}

bool
web_csrf_matches (const char *session_id, const char *csrf)
{
    if (!session_id || !csrf || sodium_init () < 0
    ||  strnlen (csrf, WEB_CSRF_SIZE + 1) != WEB_CSRF_SIZE)
        return false;
    uint8_t secret [WEB_SECRET_BYTES];
    if (!web_secret_decode (session_id, strnlen (session_id, WEB_SESSION_ID_SIZE + 1), secret))
        return false;
    char expected [WEB_CSRF_SIZE + 1];
    s_csrf_of (secret, expected);
    bool same = sodium_memcmp (expected, csrf, WEB_CSRF_SIZE) == 0;
    sodium_memzero (secret, sizeof secret);
    sodium_memzero (expected, sizeof expected);
    return same;
}

//  ---------------------------------------------------------------- lockout

void
web_throttle_key (char key [WEB_THROTTLE_KEY_MAX], const char *kind, const char *name)
{
    //  An address longer than any IPv6 text is cut: it still counts
    snprintf (key, WEB_THROTTLE_KEY_MAX, "%s:%.*s", kind, WEB_ADDRESS_MAX, name);
}

static int
s_throttle_load (web_accounts_t *self, MDB_txn *txn, const char *key, pps_arena_t *arena,
                 Web__Throttle **throttle_p)
{
    return pps_store_get (txn, self->throttles, key, strlen (key), &web__throttle__descriptor,
                          arena, (ProtobufCMessage **) throttle_p);
}

int64_t
web_throttle_locked_until (web_accounts_t *self, MDB_txn *txn, const char *key,
                           int64_t now_ms)
{
    pps_arena_t *arena = pps_arena_new ();
    Web__Throttle *throttle;
    int64_t until = 0;
    if (s_throttle_load (self, txn, key, arena, &throttle) == 0
    &&  throttle->locked_until_ms > now_ms)
        until = throttle->locked_until_ms;
    pps_arena_destroy (&arena);
    return until;
}

int
web_throttle_fail (web_accounts_t *self, MDB_txn *txn, const char *key, uint32_t limit,
                   int64_t now_ms, int64_t *locked_until_p)
{
    *locked_until_p = 0;
    pps_arena_t *arena = pps_arena_new ();
    Web__Throttle fresh = WEB__THROTTLE__INIT, *throttle;
    int rc = s_throttle_load (self, txn, key, arena, &throttle);
    if (rc == MDB_NOTFOUND) {
        throttle = &fresh;
        rc = 0;
    }
    if (rc == 0) {
        //  A fixed window that opens at the first failure after the last
        //  one closed (or after a lock ended)
        if (throttle->failures == 0
        ||  now_ms - throttle->window_start_ms >= self->policy.failure_window_ms) {
            throttle->failures = 0;
            throttle->window_start_ms = now_ms;
        }
        if (++throttle->failures >= limit) {
            throttle->locked_until_ms = now_ms + self->policy.lock_ms;
            throttle->failures = 0;
            *locked_until_p = throttle->locked_until_ms;
        }
        rc = pps_store_put (txn, self->throttles, key, strlen (key), &throttle->base);
    }
    pps_arena_destroy (&arena);
    return rc;
}

int
web_throttle_clear (web_accounts_t *self, MDB_txn *txn, const char *key)
{
    MDB_val mkey = { strlen (key), (void *) key };
    int rc = mdb_del (txn, self->throttles, &mkey, NULL);
    return rc == MDB_NOTFOUND? 0: rc;
}

//  ---------------------------------------------------------------- sessions

//  When a session stops being valid, given its clocks.
static int64_t
s_expires (web_accounts_t *self, const Web__Session *session)
{
    int64_t idle = session->last_seen_ms + self->policy.session_idle_ms;
    int64_t most = session->created_ms + self->policy.session_max_ms;
    return idle < most? idle: most;
}

int
web_sessions_end_user (web_accounts_t *self, MDB_txn *txn, const char *login,
                       const uint8_t *keep)
{
    //  A scan: a region's gateway has tens of sessions, and a user is
    //  disabled or reset rarely; an index would cost every login a write
    MDB_cursor *cursor;
    int rc = mdb_cursor_open (txn, self->sessions, &cursor);
    if (rc)
        return rc;
    pps_arena_t *arena = pps_arena_new ();
    MDB_val key, data;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
    while (rc == 0) {
        Web__Session *session = (Web__Session *) pps_arena_unpack (
            arena, &web__session__descriptor, data.mv_data, data.mv_size);
        bool kept = keep && key.mv_size == WEB_SECRET_BYTES
                 && memcmp (key.mv_data, keep, WEB_SECRET_BYTES) == 0;
        //  A record that does not unpack belongs to nobody: it goes too
        if (!kept && (!session || streq (session->login, login)))
            if ((rc = mdb_cursor_del (cursor, 0)))
                break;
        pps_arena_reset (arena);
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    pps_arena_destroy (&arena);
    return rc == MDB_NOTFOUND? 0: rc;
}

//  Count a failed login against the account (when it exists) and the
//  address (when given), in one transaction; sets *locked_until_p to the
//  later lock it started, or 0.
static web_result_t
s_login_failed (web_accounts_t *self, const char *user_key, const char *address_key,
                int64_t now_ms, int64_t *locked_until_p)
{
    *locked_until_p = 0;
    if (!user_key && !address_key)
        return WEB_BAD_CREDENTIALS;     //  Nothing to count against
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    int64_t user_lock = 0, address_lock = 0;
    if (user_key)
        rc = web_throttle_fail (self, txn, user_key, self->policy.account_failures, now_ms,
                                &user_lock);
    if (rc == 0 && address_key)
        rc = web_throttle_fail (self, txn, address_key, self->policy.address_failures,
                                now_ms, &address_lock);
    if (rc) {
        mdb_txn_abort (txn);
        return web_accounts_failed ("count a failed login", rc);
    }
    if ((rc = mdb_txn_commit (txn)))
        return web_accounts_failed ("commit a failed login", rc);
    *locked_until_p = user_lock > address_lock? user_lock: address_lock;
    return WEB_BAD_CREDENTIALS;
}

//  The good password's second half: renew the hash if its cost is not the
//  policy's, note the login, forget the account's failures and store a
//  new session; fills *session.
static web_result_t
s_login_succeeded (web_accounts_t *self, const char *login, const char *password,
                   const char *old_hash, const char *user_key, const char *address,
                   int64_t now_ms, web_session_t *session)
{
    char new_hash [crypto_pwhash_STRBYTES] = "";
    if (crypto_pwhash_str_needs_rehash (old_hash, self->policy.opslimit,
                                        self->policy.memlimit) != 0
    &&  web_password_hash (self, password, new_hash) != WEB_OK)
        new_hash [0] = 0;           //  Keep the old one: it still works

    uint8_t secret [WEB_SECRET_BYTES], key [WEB_SECRET_BYTES];
    web_secret_new (secret, session->id);
    web_secret_hash (secret, key);
    s_csrf_of (secret, session->csrf);
    sodium_memzero (secret, sizeof secret);

    web_result_t result = WEB_OK;
    pps_arena_t *arena = pps_arena_new ();
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        result = web_accounts_failed ("begin a transaction", rc);
        goto done;
    }
    //  Read again: the user may have changed while we hashed
    Web__User *user;
    if ((rc = web_user_load (self, txn, login, arena, &user))) {
        result = rc == MDB_NOTFOUND? WEB_BAD_CREDENTIALS: web_accounts_failed ("read a user", rc);
        goto abort;
    }
    if (user->disabled) {
        result = WEB_DISABLED;
        goto abort;
    }
    if (strcmp (user->password_hash, old_hash) != 0) {
        result = WEB_BAD_CREDENTIALS;       //  Changed meanwhile
        goto abort;
    }
    if (*new_hash)
        user->password_hash = new_hash;
    user->last_login_ms = now_ms;
    Web__Session stored = WEB__SESSION__INIT;
    char where [WEB_ADDRESS_MAX + 1];
    snprintf (where, sizeof where, "%s", address? address: "");
    stored.login = user->login;
    stored.created_ms = now_ms;
    stored.last_seen_ms = now_ms;
    stored.address = where;
    if ((rc = pps_store_put (txn, self->users, login, strlen (login), &user->base))
    ||  (rc = web_throttle_clear (self, txn, user_key))
    ||  (rc = pps_store_put (txn, self->sessions, key, sizeof key, &stored.base))) {
        result = web_accounts_failed ("store a session", rc);
        goto abort;
    }
    session->created_ms = now_ms;
    session->expires_ms = s_expires (self, &stored);
    web_user_fill (self, txn, user, now_ms, &session->user);
    rc = mdb_txn_commit (txn);
    if (rc)
        result = web_accounts_failed ("commit a session", rc);
    goto done;
abort:
    mdb_txn_abort (txn);
done:
    pps_arena_destroy (&arena);
    sodium_memzero (new_hash, sizeof new_hash);
    if (result != WEB_OK)
        sodium_memzero (session, sizeof *session);
    return result;
}

web_result_t
web_login (web_accounts_t *self, const char *login, const char *password, const char *address,
           int64_t now_ms, web_session_t *session, int64_t *locked_until_p)
{
    int64_t locked_until = 0;
    memset (session, 0, sizeof *session);
    bool named = web_login_is_valid (login);
    char user_key [WEB_THROTTLE_KEY_MAX] = "", address_key [WEB_THROTTLE_KEY_MAX] = "";
    if (named)
        web_throttle_key (user_key, "user", login);
    if (address && *address)
        web_throttle_key (address_key, "addr", address);
    else
        address = NULL;

    //  Locks first: a locked account or address gets no answer about its
    //  password, right or wrong
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    web_result_t result = WEB_OK;
    Web__User *user = NULL;
    int64_t user_lock = named? web_throttle_locked_until (self, txn, user_key, now_ms): 0;
    int64_t address_lock = address? web_throttle_locked_until (self, txn, address_key, now_ms): 0;
    if (user_lock || address_lock) {
        locked_until = user_lock > address_lock? user_lock: address_lock;
        result = WEB_LOCKED;
    }
    else
    if (named && (rc = web_user_load (self, txn, login, arena, &user))) {
        user = NULL;
        if (rc != MDB_NOTFOUND)
            result = web_accounts_failed ("read a user", rc);
    }
    mdb_txn_abort (txn);
    if (result)
        goto done;

    //  The user (unpacked in the arena) outlives the transaction
    if (!web_password_verify (self, user? user->password_hash: NULL, password)) {
        result = s_login_failed (self, user? user_key: NULL, address? address_key: NULL,
                                 now_ms, &locked_until);
        goto done;
    }
    //  Said only to who knows the password
    if (user->disabled) {
        result = WEB_DISABLED;
        goto done;
    }
    result = s_login_succeeded (self, login, password, user->password_hash, user_key, address,
                                now_ms, session);
done:
    pps_arena_destroy (&arena);
    if (locked_until_p)
        *locked_until_p = locked_until;
    return result;
}

web_result_t
web_session_check (web_accounts_t *self, const char *session_id, int64_t now_ms,
                   web_session_t *session)
{
    memset (session, 0, sizeof *session);
    uint8_t secret [WEB_SECRET_BYTES], key [WEB_SECRET_BYTES];
    if (!session_id
    ||  !web_secret_decode (session_id, strnlen (session_id, WEB_SESSION_ID_SIZE + 1), secret))
        return WEB_BAD_CREDENTIALS;
    web_secret_hash (secret, key);

    //  Most checks only read; a write (renewal, expiry) takes LMDB's writer
    //  lock, which the gateway's processes share
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    web_result_t result = WEB_OK;
    Web__Session *stored = NULL;
    Web__User *user;
    rc = pps_store_get (txn, self->sessions, key, sizeof key, &web__session__descriptor, arena,
                        (ProtobufCMessage **) &stored);
    if (rc == MDB_NOTFOUND)
        result = WEB_BAD_CREDENTIALS;
    else
    if (rc)
        result = web_accounts_failed ("read a session", rc);
    else
    if (now_ms >= s_expires (self, stored))
        result = WEB_EXPIRED;
    else
    if ((rc = web_user_load (self, txn, stored->login, arena, &user)))
        result = rc == MDB_NOTFOUND? WEB_BAD_CREDENTIALS: web_accounts_failed ("read a user", rc);
    else
    if (user->disabled)
        result = WEB_DISABLED;
    else
        web_user_fill (self, txn, user, now_ms, &session->user);
    mdb_txn_abort (txn);

    bool renew = result == WEB_OK && now_ms - stored->last_seen_ms >= WEB_TOUCH_MS;
    //  A disabled user's sessions were ended with the change; one that
    //  came back from an old copy of the store goes now
    bool drop = result == WEB_EXPIRED || result == WEB_DISABLED;
    if (renew || drop) {
        if ((rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn)))
            result = web_accounts_failed ("begin a transaction", rc);
        else {
            MDB_val mkey = { sizeof key, key };
            if (drop) {
                rc = mdb_del (txn, self->sessions, &mkey, NULL);
                if (rc == MDB_NOTFOUND)
                    rc = 0;
            }
            else {
                //  Read again: a logout may have come meanwhile
                Web__Session *again;
                rc = pps_store_get (txn, self->sessions, key, sizeof key,
                                    &web__session__descriptor, arena,
                                    (ProtobufCMessage **) &again);
                if (rc == 0) {
                    again->last_seen_ms = now_ms;
                    rc = pps_store_put (txn, self->sessions, key, sizeof key, &again->base);
                    stored = again;
                }
                else
                if (rc == MDB_NOTFOUND)
                    result = WEB_BAD_CREDENTIALS;
            }
            if (rc && rc != MDB_NOTFOUND) {
                mdb_txn_abort (txn);
                result = web_accounts_failed ("renew a session", rc);
            }
            else
            if ((rc = mdb_txn_commit (txn)))
                result = web_accounts_failed ("commit a session", rc);
        }
    }
    if (result == WEB_OK) {
        snprintf (session->id, sizeof session->id, "%s", session_id);
        s_csrf_of (secret, session->csrf);
        session->created_ms = stored->created_ms;
        session->expires_ms = s_expires (self, stored);
    }
    else
        sodium_memzero (session, sizeof *session);
    sodium_memzero (secret, sizeof secret);
    pps_arena_destroy (&arena);
    return result;
}

web_result_t
web_logout (web_accounts_t *self, const char *session_id)
{
    uint8_t secret [WEB_SECRET_BYTES], key [WEB_SECRET_BYTES];
    if (!session_id
    ||  !web_secret_decode (session_id, strnlen (session_id, WEB_SESSION_ID_SIZE + 1), secret))
        return WEB_OK;
    web_secret_hash (secret, key);
    sodium_memzero (secret, sizeof secret);
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    MDB_val mkey = { sizeof key, key };
    rc = mdb_del (txn, self->sessions, &mkey, NULL);
    if (rc && rc != MDB_NOTFOUND) {
        mdb_txn_abort (txn);
        return web_accounts_failed ("delete a session", rc);
    }
    if ((rc = mdb_txn_commit (txn)))
        return web_accounts_failed ("commit a logout", rc);
    return WEB_OK;
}

//  ---------------------------------------------------------------- purge

int
web_accounts_purge (web_accounts_t *self, int64_t now_ms)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        web_accounts_failed ("begin a transaction", rc);
        return -1;
    }
    pps_arena_t *arena = pps_arena_new ();
    int purged = 0;
    MDB_cursor *cursor;
    MDB_val key, data;
    //  Expired sessions
    if ((rc = mdb_cursor_open (txn, self->sessions, &cursor)))
        goto fail;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
    while (rc == 0) {
        Web__Session *session = (Web__Session *) pps_arena_unpack (
            arena, &web__session__descriptor, data.mv_data, data.mv_size);
        if (!session || now_ms >= s_expires (self, session)) {
            if ((rc = mdb_cursor_del (cursor, 0)))
                break;
            purged++;
        }
        pps_arena_reset (arena);
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    if (rc != MDB_NOTFOUND)
        goto fail;
    //  Counters whose lock is over and whose window has closed
    if ((rc = mdb_cursor_open (txn, self->throttles, &cursor)))
        goto fail;
    rc = mdb_cursor_get (cursor, &key, &data, MDB_FIRST);
    while (rc == 0) {
        Web__Throttle *throttle = (Web__Throttle *) pps_arena_unpack (
            arena, &web__throttle__descriptor, data.mv_data, data.mv_size);
        if (!throttle
        ||  (throttle->locked_until_ms <= now_ms
             && (throttle->failures == 0
                 || now_ms - throttle->window_start_ms >= self->policy.failure_window_ms))) {
            if ((rc = mdb_cursor_del (cursor, 0)))
                break;
            purged++;
        }
        pps_arena_reset (arena);
        rc = mdb_cursor_get (cursor, &key, &data, MDB_NEXT);
    }
    mdb_cursor_close (cursor);
    if (rc != MDB_NOTFOUND)
        goto fail;
    pps_arena_destroy (&arena);
    if ((rc = mdb_txn_commit (txn))) {
        web_accounts_failed ("commit a purge", rc);
        return -1;
    }
    return purged;

fail:
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    web_accounts_failed ("purge", rc);
    return -1;
}
