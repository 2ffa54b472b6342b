/*  web_accounts_test: pps-web's users, sessions, lockout and API tokens
    (web/web_accounts.h) on a real LMDB environment in a scratch directory,
    with time driven through now_ms. Argon2id runs at libsodium's minimum
    cost (web_accounts_set_policy) so that the test stays fast; the rules
    do not depend on the cost.
*/
#include <czmq.h>
#include <inttypes.h>
#include <sodium.h>
#include <sys/wait.h>
#include "web_accounts.h"
#include "web.pb-c.h"

static char s_dir [64];

#define CHECK(cond) do { if (!(cond)) s_fail (__FILE__, __LINE__, #cond); } while (0)
#define EXPECT(call, want) do { \
    web_result_t got_ = (call); \
    if (got_ != (want)) { \
        fprintf (stderr, "%s:%d: %s gave %s, not %s\n", __FILE__, __LINE__, #call, \
                 web_result_name (got_), web_result_name (want)); \
        s_fail (__FILE__, __LINE__, "result"); \
    } } while (0)

static void
s_remove_dir (void)
{
    if (!*s_dir)
        return;
    char path [128];
    snprintf (path, sizeof path, "%s/data.mdb", s_dir);
    unlink (path);
    snprintf (path, sizeof path, "%s/lock.mdb", s_dir);
    unlink (path);
    rmdir (s_dir);
    *s_dir = 0;
}

static void
s_fail (const char *file, int line, const char *what)
{
    fprintf (stderr, "%s:%d: check failed: %s\n", file, line, what);
    s_remove_dir ();
    exit (1);
}

#define MINUTE  (60 * 1000LL)
#define T0      1750000000000LL     //  June 2025

static const char *const s_passwords [] = {
    "correct horse battery", "admin passphrase 1", "new horse battery!", "reset by admin 42",
    "bob's long password", "carol's password", "dave's password", "wrong password 1"
};

//  Secrets handed out during the test, to look for in the data file.
static char *s_secrets [64];
static size_t s_secret_count;

static void
s_remember (const char *secret)
{
    assert (s_secret_count < sizeof s_secrets / sizeof s_secrets [0]);
    s_secrets [s_secret_count++] = strdup (secret);
}

static web_accounts_t *
s_open (void)
{
    web_accounts_t *accounts = web_accounts_open (s_dir, 16);
    CHECK (accounts);
    web_policy_t policy;
    web_policy_default (&policy);
    CHECK (policy.session_idle_ms == 30 * MINUTE && policy.session_max_ms == 12 * 60 * MINUTE);
    CHECK (policy.account_failures == 5 && policy.address_failures == 20);
    policy.opslimit = crypto_pwhash_OPSLIMIT_MIN;
    policy.memlimit = crypto_pwhash_MEMLIMIT_MIN;
    CHECK (web_accounts_set_policy (accounts, &policy) == 0);
    web_policy_t bad = policy;
    bad.opslimit = 0;
    CHECK (web_accounts_set_policy (accounts, &bad) == -1);
    return accounts;
}

//  A login that must work; the session's secrets are remembered.
static void
s_login (web_accounts_t *accounts, const char *login, const char *password, int64_t now,
         web_session_t *session)
{
    int64_t until = -1;
    EXPECT (web_login (accounts, login, password, "192.0.2.1", now, session, &until), WEB_OK);
    CHECK (until == 0);
    CHECK (strlen (session->id) == WEB_SESSION_ID_SIZE);
    CHECK (strlen (session->csrf) == WEB_CSRF_SIZE);
    CHECK (streq (session->user.login, login));
    s_remember (session->id);
    s_remember (session->csrf);
}

static int
s_collect_user (const web_user_t *user, void *arg)
{
    zlist_append ((zlist_t *) arg, (void *) user->login);   //  autofree: copied
    return 0;
}

static void
s_test_users (web_accounts_t *accounts)
{
    //  The first admin, once
    EXPECT (web_user_bootstrap (accounts, "admin", "Administratrice", s_passwords [1], T0),
            WEB_OK);
    EXPECT (web_user_bootstrap (accounts, "other", "Autre", s_passwords [1], T0), WEB_EXISTS);
    web_user_t user;
    EXPECT (web_user_get (accounts, "admin", T0, &user), WEB_OK);
    CHECK (user.role == PPS_ROLE_ADMIN && !user.disabled && user.created_ms == T0);
    EXPECT (web_user_get (accounts, "other", T0, &user), WEB_NOT_FOUND);

    //  Adding, with every argument checked
    EXPECT (web_user_add (accounts, "alice", "Alice Martin-Lefèvre", PPS_ROLE_EDITOR,
                          s_passwords [0], T0), WEB_OK);
    EXPECT (web_user_add (accounts, "alice", "Alice", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_EXISTS);
    EXPECT (web_user_add (accounts, "Alice", "A", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_LOGIN);
    EXPECT (web_user_add (accounts, "", "A", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_LOGIN);
    EXPECT (web_user_add (accounts, "a b", "A", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_LOGIN);
    char long_login [66];
    memset (long_login, 'x', 65);
    long_login [65] = 0;
    EXPECT (web_user_add (accounts, long_login, "A", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_LOGIN);
    long_login [64] = 0;
    CHECK (web_login_is_valid (long_login));
    CHECK (web_login_is_valid ("j.dupont-2_b"));
    EXPECT (web_user_add (accounts, "x", "\xff\xfe", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_NAME);
    EXPECT (web_user_add (accounts, "x", "   ", PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_NAME);
    char long_name [202];
    memset (long_name, 'n', 201);
    long_name [201] = 0;
    EXPECT (web_user_add (accounts, "x", long_name, PPS_ROLE_EDITOR, s_passwords [0], T0),
            WEB_INVALID_NAME);
    EXPECT (web_user_add (accounts, "x", "X", PPS_ROLE_EDITOR, "short", T0),
            WEB_INVALID_PASSWORD);
    EXPECT (web_user_add (accounts, "x", "X", PPS_ROLE_EDITOR, "123456789", T0),
            WEB_INVALID_PASSWORD);
    EXPECT (web_user_add (accounts, "x", "X", PPS_ROLE_NONE, s_passwords [0], T0),
            WEB_INVALID_ROLE);
    CHECK (streq (web_result_field (WEB_INVALID_PASSWORD), "password"));
    CHECK (web_result_field (WEB_LOCKED) == NULL);
    CHECK (streq (web_result_name (WEB_BAD_CREDENTIALS), "bad_credentials"));
    EXPECT (web_user_add (accounts, "bob", "Bob", PPS_ROLE_READER, s_passwords [4], T0), WEB_OK);

    //  Listed in login order
    zlist_t *logins = zlist_new ();
    zlist_autofree (logins);
    EXPECT (web_user_list (accounts, T0, s_collect_user, logins), WEB_OK);
    CHECK (zlist_size (logins) == 3);
    CHECK (streq (zlist_first (logins), "admin"));
    CHECK (streq (zlist_next (logins), "alice"));
    CHECK (streq (zlist_next (logins), "bob"));
    zlist_destroy (&logins);
}

static void
s_test_sessions (web_accounts_t *accounts)
{
    web_session_t one, two, found;
    s_login (accounts, "alice", s_passwords [0], T0, &one);
    CHECK (one.user.role == PPS_ROLE_EDITOR);
    CHECK (one.expires_ms == T0 + 30 * MINUTE);
    EXPECT (web_session_check (accounts, one.id, T0 + 1, &found), WEB_OK);
    CHECK (streq (found.user.login, "alice") && streq (found.csrf, one.csrf));
    CHECK (found.user.last_login_ms == T0);

    //  CSRF: the session's own token only
    CHECK (web_csrf_matches (one.id, one.csrf));
    char forged [WEB_CSRF_SIZE + 1];
    snprintf (forged, sizeof forged, "%s", one.csrf);
    forged [0] = forged [0] == 'A'? 'B': 'A';
    CHECK (!web_csrf_matches (one.id, forged));
    CHECK (!web_csrf_matches (one.id, ""));
    CHECK (!web_csrf_matches (one.id, NULL));

    //  A new id at each login; the earlier session (another browser) stays
    s_login (accounts, "alice", s_passwords [0], T0 + 2, &two);
    CHECK (!streq (one.id, two.id) && !streq (one.csrf, two.csrf));
    CHECK (!web_csrf_matches (two.id, one.csrf));
    EXPECT (web_session_check (accounts, one.id, T0 + 3, &found), WEB_OK);
    EXPECT (web_session_check (accounts, two.id, T0 + 3, &found), WEB_OK);

    //  Logout ends that session only
    EXPECT (web_logout (accounts, two.id), WEB_OK);
    EXPECT (web_session_check (accounts, two.id, T0 + 4, &found), WEB_BAD_CREDENTIALS);
    EXPECT (web_session_check (accounts, one.id, T0 + 4, &found), WEB_OK);
    EXPECT (web_logout (accounts, two.id), WEB_OK);
    EXPECT (web_logout (accounts, "not a session"), WEB_OK);
    EXPECT (web_session_check (accounts, "not a session", T0, &found), WEB_BAD_CREDENTIALS);
    EXPECT (web_session_check (accounts, NULL, T0, &found), WEB_BAD_CREDENTIALS);
    char altered [WEB_SESSION_ID_SIZE + 1];
    snprintf (altered, sizeof altered, "%s", one.id);
    altered [5] = altered [5] == 'A'? 'B': 'A';
    EXPECT (web_session_check (accounts, altered, T0 + 4, &found), WEB_BAD_CREDENTIALS);

    //  Inactivity: each use restarts the 30 minutes
    int64_t now = T0 + 29 * MINUTE;
    EXPECT (web_session_check (accounts, one.id, now, &found), WEB_OK);
    CHECK (found.expires_ms == now + 30 * MINUTE);
    now += 29 * MINUTE;
    EXPECT (web_session_check (accounts, one.id, now, &found), WEB_OK);
    now += 30 * MINUTE;
    EXPECT (web_session_check (accounts, one.id, now, &found), WEB_EXPIRED);
    EXPECT (web_session_check (accounts, one.id, now, &found), WEB_BAD_CREDENTIALS);

    //  Absolute: 12 h after login, used or not
    int64_t start = T0 + 24 * 60 * MINUTE;
    s_login (accounts, "alice", s_passwords [0], start, &one);
    for (now = start + 20 * MINUTE; now < start + 12 * 60 * MINUTE; now += 20 * MINUTE)
        EXPECT (web_session_check (accounts, one.id, now, &found), WEB_OK);
    CHECK (found.expires_ms == start + 12 * 60 * MINUTE);
    EXPECT (web_session_check (accounts, one.id, start + 12 * 60 * MINUTE, &found),
            WEB_EXPIRED);

    //  Wrong passwords and unknown logins look alike
    int64_t until = -1;
    EXPECT (web_login (accounts, "alice", s_passwords [7], "192.0.2.1", now, &found, &until),
            WEB_BAD_CREDENTIALS);
    CHECK (until == 0 && found.id [0] == 0);
    EXPECT (web_login (accounts, "nobody", s_passwords [7], "192.0.2.1", now, &found, NULL),
            WEB_BAD_CREDENTIALS);
    EXPECT (web_login (accounts, "Bad Name", s_passwords [7], NULL, now, &found, NULL),
            WEB_BAD_CREDENTIALS);
    EXPECT (web_login (accounts, "alice", "short", NULL, now, &found, NULL),
            WEB_BAD_CREDENTIALS);
    EXPECT (web_login (accounts, "alice", NULL, NULL, now, &found, NULL), WEB_BAD_CREDENTIALS);
}

static void
s_test_lockout (web_accounts_t *accounts)
{
    //  Each attempt from another address, so that only the account counts
    int64_t now = T0 + 100 * 60 * MINUTE, until;
    web_session_t session;
    web_user_t user;
    char address [32];
    for (int attempt = 1; attempt <= 4; attempt++) {
        snprintf (address, sizeof address, "198.51.100.%d", attempt);
        EXPECT (web_login (accounts, "bob", s_passwords [7], address, now, &session, &until),
                WEB_BAD_CREDENTIALS);
        CHECK (until == 0);
    }
    //  A window of 15 minutes: four more later start again from one
    now += 16 * MINUTE;
    for (int attempt = 1; attempt <= 4; attempt++) {
        snprintf (address, sizeof address, "198.51.100.%d", 10 + attempt);
        EXPECT (web_login (accounts, "bob", s_passwords [7], address, now + attempt, &session,
                           &until), WEB_BAD_CREDENTIALS);
        CHECK (until == 0);
    }
    //  The fifth in the window locks for 15 minutes
    EXPECT (web_login (accounts, "bob", s_passwords [7], "198.51.100.99", now + 5, &session,
                       &until), WEB_BAD_CREDENTIALS);
    CHECK (until == now + 5 + 15 * MINUTE);
    int64_t lock_end = until;
    EXPECT (web_user_get (accounts, "bob", now + 6, &user), WEB_OK);
    CHECK (user.locked_until_ms == lock_end);
    //  Locked: refused even with the right password, saying until when
    until = 0;
    EXPECT (web_login (accounts, "bob", s_passwords [4], "203.0.113.1", now + 6, &session,
                       &until), WEB_LOCKED);
    CHECK (until == lock_end && session.id [0] == 0);
    EXPECT (web_user_passwd (accounts, "bob", s_passwords [4], s_passwords [2], NULL, now + 7),
            WEB_LOCKED);
    //  Over after the lock period
    EXPECT (web_login (accounts, "bob", s_passwords [4], "203.0.113.1", lock_end - 1, &session,
                       &until), WEB_LOCKED);
    s_login (accounts, "bob", s_passwords [4], lock_end, &session);
    EXPECT (web_user_get (accounts, "bob", lock_end, &user), WEB_OK);
    CHECK (user.locked_until_ms == 0);

    //  An address: 20 failures within the window, on any names
    now = lock_end + 60 * MINUTE;
    const char *attacker = "2001:db8::bad";
    for (int attempt = 1; attempt <= 20; attempt++) {
        char login [32];
        snprintf (login, sizeof login, "guess%d", attempt);
        //  admin's five failures (a lock of its own) are among them
        bool admin = attempt <= 10 && attempt % 2 == 0;
        EXPECT (web_login (accounts, admin? "admin": login, s_passwords [7], attacker,
                           now + attempt, &session, &until), WEB_BAD_CREDENTIALS);
        if (attempt == 20)
            CHECK (until == now + 20 + 15 * MINUTE);
    }
    int64_t address_end = now + 20 + 15 * MINUTE;
    EXPECT (web_login (accounts, "alice", s_passwords [0], attacker, now + 21, &session,
                       &until), WEB_LOCKED);
    CHECK (until == address_end);
    //  Elsewhere alice is welcome; admin's own lock came at its 5th failure
    s_login (accounts, "alice", s_passwords [0], now + 22, &session);
    EXPECT (web_login (accounts, "admin", s_passwords [1], "192.0.2.7", now + 23, &session,
                       &until), WEB_LOCKED);
    CHECK (until == now + 10 + 15 * MINUTE);
    EXPECT (web_login (accounts, "alice", s_passwords [0], attacker, address_end, &session,
                       &until), WEB_OK);
    s_remember (session.id);
    //  A reset lifts the account's lock
    EXPECT (web_user_reset (accounts, "admin", s_passwords [1], now + 24), WEB_OK);
    s_login (accounts, "admin", s_passwords [1], now + 25, &session);
}

static void
s_test_disable_and_passwords (web_accounts_t *accounts)
{
    int64_t now = T0 + 200 * 60 * MINUTE, until;
    web_session_t one, two, found;
    s_login (accounts, "alice", s_passwords [0], now, &one);
    s_login (accounts, "alice", s_passwords [0], now + 1, &two);

    //  Disabled: sessions ended, logins refused, kept in the list
    EXPECT (web_user_disable (accounts, "alice", now + 2), WEB_OK);
    EXPECT (web_user_disable (accounts, "alice", now + 2), WEB_OK);
    EXPECT (web_user_disable (accounts, "nobody", now + 2), WEB_NOT_FOUND);
    EXPECT (web_session_check (accounts, one.id, now + 3, &found), WEB_BAD_CREDENTIALS);
    EXPECT (web_session_check (accounts, two.id, now + 3, &found), WEB_BAD_CREDENTIALS);
    EXPECT (web_login (accounts, "alice", s_passwords [0], "192.0.2.1", now + 4, &found,
                       &until), WEB_DISABLED);
    CHECK (found.id [0] == 0);
    EXPECT (web_login (accounts, "alice", s_passwords [7], "192.0.2.1", now + 4, &found,
                       &until), WEB_BAD_CREDENTIALS);
    web_user_t user;
    EXPECT (web_user_get (accounts, "alice", now + 5, &user), WEB_OK);
    CHECK (user.disabled);
    EXPECT (web_user_passwd (accounts, "alice", s_passwords [0], s_passwords [2], NULL, now + 5),
            WEB_DISABLED);
    EXPECT (web_user_enable (accounts, "alice", now + 6), WEB_OK);
    s_login (accounts, "alice", s_passwords [0], now + 7, &one);
    s_login (accounts, "alice", s_passwords [0], now + 8, &two);

    //  passwd: the old one first; the session in use stays, others end
    EXPECT (web_user_passwd (accounts, "alice", s_passwords [7], s_passwords [2], one.id,
                             now + 9), WEB_BAD_CREDENTIALS);
    EXPECT (web_user_passwd (accounts, "alice", s_passwords [0], "tiny", one.id, now + 9),
            WEB_INVALID_PASSWORD);
    EXPECT (web_user_passwd (accounts, "alice", s_passwords [0], s_passwords [2], one.id,
                             now + 10), WEB_OK);
    EXPECT (web_session_check (accounts, one.id, now + 11, &found), WEB_OK);
    EXPECT (web_session_check (accounts, two.id, now + 11, &found), WEB_BAD_CREDENTIALS);
    EXPECT (web_login (accounts, "alice", s_passwords [0], "192.0.2.1", now + 12, &found,
                       &until), WEB_BAD_CREDENTIALS);
    s_login (accounts, "alice", s_passwords [2], now + 13, &two);

    //  reset by an admin: every session ends, the new password works
    EXPECT (web_user_reset (accounts, "alice", s_passwords [3], now + 14), WEB_OK);
    EXPECT (web_user_reset (accounts, "alice", "tiny", now + 14), WEB_INVALID_PASSWORD);
    EXPECT (web_user_reset (accounts, "nobody", s_passwords [3], now + 14), WEB_NOT_FOUND);
    EXPECT (web_session_check (accounts, one.id, now + 15, &found), WEB_BAD_CREDENTIALS);
    EXPECT (web_session_check (accounts, two.id, now + 15, &found), WEB_BAD_CREDENTIALS);
    s_login (accounts, "alice", s_passwords [3], now + 16, &one);
    EXPECT (web_user_get (accounts, "alice", now + 16, &user), WEB_OK);
    CHECK (!user.disabled && user.password_changed_ms == now + 14);

    //  A stored hash of another cost is renewed at the next good login
    pps_store_t *store = web_accounts_store (accounts);
    MDB_txn *txn;
    pps_arena_t *arena = pps_arena_new ();
    Web__User *stored;
    CHECK (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn) == 0);
    CHECK (pps_store_get (txn, pps_store_dbi (store, "users"), "alice", 5, &web__user__descriptor,
                          arena, (ProtobufCMessage **) &stored) == 0);
    CHECK (strstr (stored->password_hash, "$argon2id$") == stored->password_hash);
    CHECK (strstr (stored->password_hash, ",t=1,"));
    mdb_txn_abort (txn);
    web_policy_t policy;
    web_policy_default (&policy);
    policy.opslimit = 2;
    policy.memlimit = crypto_pwhash_MEMLIMIT_MIN;
    CHECK (web_accounts_set_policy (accounts, &policy) == 0);
    s_login (accounts, "alice", s_passwords [3], now + 17, &two);
    CHECK (mdb_txn_begin (pps_store_env (store), NULL, MDB_RDONLY, &txn) == 0);
    CHECK (pps_store_get (txn, pps_store_dbi (store, "users"), "alice", 5, &web__user__descriptor,
                          arena, (ProtobufCMessage **) &stored) == 0);
    CHECK (strstr (stored->password_hash, ",t=2,"));
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    s_login (accounts, "alice", s_passwords [3], now + 18, &two);
}

typedef struct {
    size_t count;
    size_t revoked;
    int64_t last_used;
} s_tokens_seen_t;

static int
s_collect_token (const web_token_t *token, void *arg)
{
    s_tokens_seen_t *seen = arg;
    seen->count++;
    if (token->revoked_ms)
        seen->revoked++;
    else
        seen->last_used = token->last_used_ms;
    return 0;
}

static void
s_test_tokens (web_accounts_t *accounts, char keep [WEB_TOKEN_MAX + 1])
{
    int64_t now = T0 + 300 * 60 * MINUTE;
    char token [WEB_TOKEN_MAX + 1], other [WEB_TOKEN_MAX + 1];
    uint64_t id, other_id;
    EXPECT (web_token_create (accounts, "export nocturne", PPS_ROLE_READER, "admin", now, token,
                              &id), WEB_OK);
    CHECK (strncmp (token, "ppst_", 5) == 0 && id > 0);
    s_remember (token);
    //  "ppst_<id>_<secret>": base64url may hold '_', so after the id's
    s_remember (strchr (token + 5, '_') + 1);
    EXPECT (web_token_create (accounts, "import", PPS_ROLE_EDITOR, "admin", now, other,
                              &other_id), WEB_OK);
    CHECK (other_id != id && !streq (token, other));
    s_remember (other);
    s_remember (strchr (other + 5, '_') + 1);
    EXPECT (web_token_create (accounts, "", PPS_ROLE_READER, "admin", now, keep, NULL),
            WEB_INVALID_NAME);
    EXPECT (web_token_create (accounts, "x", PPS_ROLE_NONE, "admin", now, keep, NULL),
            WEB_INVALID_ROLE);
    EXPECT (web_token_create (accounts, "x", PPS_ROLE_READER, "Not A Login", now, keep, NULL),
            WEB_INVALID_LOGIN);

    web_token_t info;
    EXPECT (web_token_check (accounts, token, now + MINUTE, &info), WEB_OK);
    CHECK (info.id == id && info.role == PPS_ROLE_READER && streq (info.name, "export nocturne"));
    CHECK (streq (info.created_by, "admin") && info.last_used_ms == now + MINUTE);
    EXPECT (web_token_check (accounts, other, now + MINUTE, &info), WEB_OK);
    CHECK (info.role == PPS_ROLE_EDITOR);

    //  Anything else is refused
    char forged [WEB_TOKEN_MAX + 1];
    snprintf (forged, sizeof forged, "%s", token);
    char *last = forged + strlen (forged) - 2;
    *last = *last == 'A'? 'B': 'A';
    EXPECT (web_token_check (accounts, forged, now, &info), WEB_BAD_CREDENTIALS);
    //  The other token's secret under this one's id
    snprintf (forged, sizeof forged, "ppst_%" PRIu64 "_%s", id, strchr (other + 5, '_') + 1);
    EXPECT (web_token_check (accounts, forged, now, &info), WEB_BAD_CREDENTIALS);
    snprintf (forged, sizeof forged, "ppst_999_%s", strchr (token + 5, '_') + 1);
    EXPECT (web_token_check (accounts, forged, now, &info), WEB_BAD_CREDENTIALS);
    EXPECT (web_token_check (accounts, "ppst_1_", now, &info), WEB_BAD_CREDENTIALS);
    EXPECT (web_token_check (accounts, "ppst_99999999999999999999999_x", now, &info),
            WEB_BAD_CREDENTIALS);
    EXPECT (web_token_check (accounts, "Bearer", now, &info), WEB_BAD_CREDENTIALS);
    EXPECT (web_token_check (accounts, NULL, now, &info), WEB_BAD_CREDENTIALS);

    //  Revoked: refused, still listed
    EXPECT (web_token_revoke (accounts, other_id, now + 2 * MINUTE), WEB_OK);
    EXPECT (web_token_revoke (accounts, other_id, now + 3 * MINUTE), WEB_OK);
    EXPECT (web_token_revoke (accounts, 12345, now), WEB_NOT_FOUND);
    EXPECT (web_token_check (accounts, other, now + 4 * MINUTE, &info), WEB_BAD_CREDENTIALS);
    s_tokens_seen_t seen = { 0, 0, 0 };
    EXPECT (web_token_list (accounts, s_collect_token, &seen), WEB_OK);
    CHECK (seen.count == 2 && seen.revoked == 1 && seen.last_used == now + MINUTE);
    snprintf (keep, WEB_TOKEN_MAX + 1, "%s", token);
}

//  True when the bytes of needle occur in the file.
static bool
s_file_has (const char *path, const void *needle, size_t size)
{
    FILE *file = fopen (path, "rb");
    CHECK (file);
    fseek (file, 0, SEEK_END);
    long length = ftell (file);
    fseek (file, 0, SEEK_SET);
    char *data = malloc ((size_t) length);
    CHECK (data && fread (data, 1, (size_t) length, file) == (size_t) length);
    fclose (file);
    bool found = memmem (data, (size_t) length, needle, size) != NULL;
    free (data);
    return found;
}

static void
s_test_no_secret_stored (void)
{
    char path [128];
    snprintf (path, sizeof path, "%s/data.mdb", s_dir);
    //  The right file: the hashes and logins are there
    CHECK (s_file_has (path, "$argon2id$", 10));
    CHECK (s_file_has (path, "alice", 5));
    for (size_t index = 0; index < sizeof s_passwords / sizeof s_passwords [0]; index++)
        CHECK (!s_file_has (path, s_passwords [index], strlen (s_passwords [index])));
    for (size_t index = 0; index < s_secret_count; index++) {
        const char *secret = s_secrets [index];
        if (s_file_has (path, secret, strlen (secret)))
            fprintf (stderr, "secret %zu of %zu (%zu bytes) is in the data file\n", index,
                     s_secret_count, strlen (secret));
        CHECK (!s_file_has (path, secret, strlen (secret)));
        //  Nor their bytes, when they are base64url of 32 bytes
        uint8_t raw [32];
        size_t size;
        if (strlen (secret) == 43
        &&  sodium_base642bin (raw, sizeof raw, secret, 43, NULL, &size, NULL,
                               sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0)
            CHECK (!s_file_has (path, raw, size));
    }
}

//  Another process opens the same environment while this one has it open
//  (as `ppsctl user add` does beside a running gateway): this program
//  again, run with --second-process DIR, adds the user dave.
static int
s_second_process (const char *dir)
{
    snprintf (s_dir, sizeof s_dir, "%s", dir);
    web_accounts_t *theirs = s_open ();
    web_result_t result = web_user_add (theirs, "dave", "Dave", PPS_ROLE_READER,
                                        s_passwords [6], T0);
    web_accounts_destroy (&theirs);
    if (result != WEB_OK)
        fprintf (stderr, "second process: %s\n", web_result_name (result));
    return result == WEB_OK? 0: 1;
}

static void
s_test_second_process (web_accounts_t *accounts, const char *program)
{
    fflush (NULL);
    pid_t child = fork ();
    CHECK (child >= 0);
    if (child == 0) {
        execlp (program, program, "--second-process", s_dir, (char *) NULL);
        _exit (127);
    }
    int status;
    CHECK (waitpid (child, &status, 0) == child);
    CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    web_user_t user;
    EXPECT (web_user_get (accounts, "dave", T0, &user), WEB_OK);
    CHECK (user.role == PPS_ROLE_READER);
}

int
main (int argc, char **argv)
{
    if (argc == 3 && streq (argv [1], "--second-process"))
        return s_second_process (argv [2]);
    bool verbose = argc > 1 && streq (argv [1], "-v");
    printf (" * web_accounts: ");
    fflush (stdout);
    zsys_init ();
    snprintf (s_dir, sizeof s_dir, "/tmp/web_accounts_XXXXXX");
    CHECK (mkdtemp (s_dir));

    web_accounts_t *accounts = s_open ();
    s_test_users (accounts);
    s_test_sessions (accounts);
    s_test_lockout (accounts);
    s_test_disable_and_passwords (accounts);
    char token [WEB_TOKEN_MAX + 1];
    s_test_tokens (accounts, token);
    s_test_second_process (accounts, argv [0]);

    //  Durable: users, tokens, sessions and an account's lock outlive a
    //  restart
    int64_t now = T0 + 400 * 60 * MINUTE, until;
    web_session_t session, found;
    s_login (accounts, "bob", s_passwords [4], now, &session);
    for (int attempt = 0; attempt < 5; attempt++)
        EXPECT (web_login (accounts, "alice", s_passwords [7], NULL, now + attempt, &found,
                           &until), WEB_BAD_CREDENTIALS);
    CHECK (until == now + 4 + 15 * MINUTE);
    web_accounts_destroy (&accounts);
    web_accounts_destroy (&accounts);
    accounts = s_open ();
    zlist_t *logins = zlist_new ();
    zlist_autofree (logins);
    EXPECT (web_user_list (accounts, now, s_collect_user, logins), WEB_OK);
    CHECK (zlist_size (logins) == 4);
    zlist_destroy (&logins);
    web_token_t info;
    EXPECT (web_token_check (accounts, token, now + 10, &info), WEB_OK);
    EXPECT (web_session_check (accounts, session.id, now + 10, &found), WEB_OK);
    CHECK (streq (found.user.login, "bob"));
    EXPECT (web_login (accounts, "alice", s_passwords [3], NULL, now + 11, &found, &until),
            WEB_LOCKED);
    CHECK (until == now + 4 + 15 * MINUTE);

    //  Purge: only what has expired goes
    CHECK (web_accounts_purge (accounts, now + 12) >= 0);
    EXPECT (web_session_check (accounts, session.id, now + 13, &found), WEB_OK);
    EXPECT (web_login (accounts, "alice", s_passwords [3], NULL, now + 14, &found, &until),
            WEB_LOCKED);
    CHECK (web_accounts_purge (accounts, now + 24 * 60 * MINUTE) > 0);
    EXPECT (web_session_check (accounts, session.id, now + 24 * 60 * MINUTE, &found),
            WEB_BAD_CREDENTIALS);
    CHECK (web_accounts_purge (accounts, now + 24 * 60 * MINUTE) == 0);
    web_accounts_destroy (&accounts);

    s_test_no_secret_stored ();
    for (size_t index = 0; index < s_secret_count; index++)
        free (s_secrets [index]);
    s_remove_dir ();
    if (verbose)
        printf ("(%zu secrets looked for) ", s_secret_count);
    printf ("OK\n");
    return 0;
}
