/*  web_accounts_private: what the parts of web_accounts (web_accounts.c:
    the store, passwords and users; web_sessions.c: logins, lockout and
    sessions; web_tokens.c: API tokens) share. Not for other code.
*/
#ifndef WEB_ACCOUNTS_PRIVATE_H_INCLUDED
#define WEB_ACCOUNTS_PRIVATE_H_INCLUDED

#include <pthread.h>
#include <sodium.h>
#include "web_accounts.h"
#include "web.pb-c.h"

//  A session's inactivity clock and a token's last use are written at most
//  this often, so that a burst of requests is not a burst of LMDB writes.
#define WEB_TOUCH_MS        60000

//  Bytes of a session id's, a CSRF token's and an API token's secret, and
//  of the hashes kept of them.
#define WEB_SECRET_BYTES    32

struct _web_accounts_t {
    pps_store_t *store;               //  The gateway's own environment
    MDB_dbi users;                    //  login -> web.User
    MDB_dbi sessions;                 //  hash of the id -> web.Session
    MDB_dbi tokens;                   //  id -> web.Token
    MDB_dbi throttles;                //  "user:<login>" / "addr:<ip>" -> web.Throttle
    web_policy_t policy;              //  Timeouts, lockout, argon2id cost
    pthread_mutex_t mutex;            //  Guards dummy_hash
    char *dummy_hash;                 //  Verified against for unknown logins
};

//  Log an LMDB failure (what failed and why, never a secret) and return
//  WEB_STORAGE.
web_result_t web_accounts_failed (const char *what, int rc);

//  Hash password with the policy's cost into hash (crypto_pwhash_STRBYTES).
//  WEB_OK, or WEB_STORAGE when libsodium cannot (out of memory).
web_result_t web_password_hash (web_accounts_t *self, const char *password,
                                char hash [crypto_pwhash_STRBYTES]);

//  True when password matches hash. With a NULL hash, verifies against a
//  hash of nothing anyone knows, so that an unknown login costs the same
//  time as a known one, and returns false.
bool web_password_verify (web_accounts_t *self, const char *hash, const char *password);

//  Load the user login into arena; 0, MDB_NOTFOUND or an LMDB error.
int web_user_load (web_accounts_t *self, MDB_txn *txn, const char *login,
                   pps_arena_t *arena, Web__User **user_p);

//  Copy a stored user into its public form (the lock as of now_ms).
void web_user_fill (web_accounts_t *self, MDB_txn *txn, const Web__User *stored,
                    int64_t now_ms, web_user_t *user);

//  The lock of the counter key ("user:<login>", "addr:<address>") as of
//  now_ms: when it ends, or 0.
int64_t web_throttle_locked_until (web_accounts_t *self, MDB_txn *txn, const char *key,
                                   int64_t now_ms);

//  Count a failure against key, whose limit is limit; returns 0 or an LMDB
//  error, and sets *locked_until_p to the lock this failure started (or 0).
int web_throttle_fail (web_accounts_t *self, MDB_txn *txn, const char *key, uint32_t limit,
                       int64_t now_ms, int64_t *locked_until_p);

//  Forget the failures of key. 0 or an LMDB error (absent is fine).
int web_throttle_clear (web_accounts_t *self, MDB_txn *txn, const char *key);

//  The counter key of an account / an address, into key.
#define WEB_THROTTLE_KEY_MAX  (5 + WEB_ADDRESS_MAX + 1)
void web_throttle_key (char key [WEB_THROTTLE_KEY_MAX], const char *kind, const char *name);

//  Delete the sessions of login, except the one whose hash is keep (may
//  be NULL). 0 or an LMDB error.
int web_sessions_end_user (web_accounts_t *self, MDB_txn *txn, const char *login,
                           const uint8_t *keep);

//  Fill secret with random bytes and text with their base64url.
void web_secret_new (uint8_t secret [WEB_SECRET_BYTES], char text [WEB_SESSION_ID_SIZE + 1]);

//  Decode the base64url text of a secret (exactly 43 characters, the
//  canonical encoding); false when it is not one.
bool web_secret_decode (const char *text, size_t size, uint8_t secret [WEB_SECRET_BYTES]);

//  BLAKE2b-256 of a secret: what the store keeps.
void web_secret_hash (const uint8_t secret [WEB_SECRET_BYTES], uint8_t hash [WEB_SECRET_BYTES]);

#endif
