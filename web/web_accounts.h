/*  web_accounts: who may use pps-web, the region's HTTP/JSON gateway: the
    console's and the API's users, their sessions, the scripts' API tokens
    and the lockout of failed logins. pps-national keeps the national
    console's accounts with the same code in its own environment (the
    login, cookie and CSRF handling over it is web_auth.h).

    Everything is kept in the gateway's own LMDB environment (databases
    users, sessions, tokens, throttles; records in proto/web.proto), NEVER
    in a service's store: a service's records travel in its event log,
    which every other service replicates, and password hashes and session
    or token hashes must not leave the gateway. Nothing here writes an
    event. LMDB lets two processes open the environment at once (the
    gateway, and `ppsctl user add` from a shell); each call below is one or
    two transactions of its own, so a web_accounts_t may also be shared by
    the gateway's threads (web_accounts_set_policy excepted).

    Users: a login name (1..64 bytes of [a-z0-9._-]), a display name (valid
    UTF-8 without control characters, 1..200 bytes), a role (pps_role_t:
    reader, editor, admin, as for CURVE keys) and a password of 10..1024
    bytes, stored as an argon2id hash (crypto_pwhash_str; cost in the
    policy, libsodium's INTERACTIVE by default: 2 passes over 64 MiB, about
    0.1 s, so each guess costs that). A user is disabled, never deleted:
    the audit trail names them.

    Sessions: an opaque id of 32 random bytes (base64url, 43 characters)
    for a cookie. The store keeps only its BLAKE2b hash, so a copy of the
    store yields no live session. A login always makes a new id (no
    fixation: an id is never accepted from a client before it was minted
    here); a user's other sessions (another browser) stay valid. A session
    ends after session_idle_ms without use, after session_max_ms at most,
    at logout, and when its user is disabled or their password is reset.
    Its CSRF token is derived from the id (keyed BLAKE2b), so it is stored
    nowhere either, and the page can be given it again at every check.

    API tokens: "ppst_<id>_<43 base64url characters>", shown once at
    creation; the store keeps the BLAKE2b hash of the random part, found by
    id and compared in constant time. A token has a name, a role given by
    an admin, and lives until revoked (disabling its creator does not
    revoke it: scripts belong to the region, not to a person).

    Lockout (policy): a wrong password counts against the account and the
    address; account_failures within failure_window_ms lock the account
    for lock_ms, address_failures lock the address. An attempt on a locked
    account or address is refused before the password is looked at.
    Unknown login names count against the address only (no record for
    names that do not exist). Both counters are in LMDB: they survive a
    restart, which an attacker could otherwise provoke to reset them, and
    the gateway's processes share them; web_accounts_purge drops expired
    ones so that a spray of addresses does not grow the store for good.

    Time is always passed in (now_ms, Unix milliseconds) so that tests
    drive expiry and lockout. No function logs a password, a session id, a
    CSRF token or an API token.
*/
#ifndef WEB_ACCOUNTS_H_INCLUDED
#define WEB_ACCOUNTS_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pps_security.h"
#include "pps_store.h"

//  Sizes of texts, in bytes, without the terminating NUL.
#define WEB_LOGIN_MAX           64
#define WEB_DISPLAY_NAME_MAX    200     //  Also a token's name
#define WEB_PASSWORD_MIN        10
#define WEB_PASSWORD_MAX        1024
#define WEB_ADDRESS_MAX         64      //  Longer addresses are cut there
#define WEB_SESSION_ID_SIZE     43      //  Base64url of 32 bytes, no padding
#define WEB_CSRF_SIZE           43
#define WEB_TOKEN_PREFIX        "ppst_"             //  What every API token starts with
#define WEB_TOKEN_MAX           (5 + 20 + 1 + 43)   //  "ppst_" id "_" secret

//  What each call answers.
typedef enum {
    WEB_OK = 0,
    WEB_BAD_CREDENTIALS,        //  Wrong password, unknown login, session or token
    WEB_LOCKED,                 //  Too many failed logins: try again later
    WEB_DISABLED,               //  The user is disabled
    WEB_EXPIRED,                //  The session has expired (and is now deleted)
    WEB_EXISTS,                 //  The login is taken; bootstrap: users exist
    WEB_NOT_FOUND,              //  No such user or token
    WEB_INVALID_LOGIN,          //  Not 1..64 bytes of [a-z0-9._-]
    WEB_INVALID_NAME,           //  Display name or token name
    WEB_INVALID_PASSWORD,       //  Not 10..1024 bytes
    WEB_INVALID_ROLE,           //  Not reader, editor or admin
    WEB_STORAGE                 //  LMDB failed (logged with its reason)
} web_result_t;

//  The result's name in lower case ("bad_credentials"), for logs and the
//  API's problem types.
const char *web_result_name (web_result_t result);

//  The request field a WEB_INVALID_* result is about ("login", "name",
//  "password", "role"); NULL for the other results.
const char *web_result_field (web_result_t result);

//  What can be tuned; web_policy_default fills the defaults shown.
typedef struct {
    int64_t session_idle_ms;        //  30 min without a request ends a session
    int64_t session_max_ms;         //  12 h after login at most
    uint32_t account_failures;      //  5 wrong passwords of one account...
    uint32_t address_failures;      //  ...or 20 from one address...
    int64_t failure_window_ms;      //  ...within 15 min...
    int64_t lock_ms;                //  ...lock it for 15 min
    unsigned long long opslimit;    //  argon2id passes (crypto_pwhash_OPSLIMIT_INTERACTIVE)
    size_t memlimit;                //  and memory (crypto_pwhash_MEMLIMIT_INTERACTIVE)
} web_policy_t;

void web_policy_default (web_policy_t *policy);

//  A user as the API shows one (no password hash).
typedef struct {
    char login [WEB_LOGIN_MAX + 1];
    char display_name [WEB_DISPLAY_NAME_MAX + 1];
    pps_role_t role;
    bool disabled;
    int64_t created_ms;
    int64_t updated_ms;
    int64_t password_changed_ms;
    int64_t last_login_ms;          //  0 before the first login
    int64_t locked_until_ms;        //  The account's lock, 0 when none (as of now_ms)
} web_user_t;

//  A session, as login makes it and web_session_check finds it.
typedef struct {
    char id [WEB_SESSION_ID_SIZE + 1];  //  For the cookie (HttpOnly, Secure, SameSite)
    char csrf [WEB_CSRF_SIZE + 1];      //  For the page; sent back in a header
    int64_t created_ms;
    int64_t expires_ms;             //  When it ends unless used again (as of now_ms)
    web_user_t user;
} web_session_t;

//  An API token as listed (the secret is never kept).
typedef struct {
    uint64_t id;
    char name [WEB_DISPLAY_NAME_MAX + 1];
    pps_role_t role;
    char created_by [WEB_LOGIN_MAX + 1];
    int64_t created_ms;
    int64_t last_used_ms;           //  Updated at most once a minute
    int64_t revoked_ms;             //  0 while valid
} web_token_t;

typedef struct _web_accounts_t web_accounts_t;

//  ---------------------------------------------------------------- store

//  Open (creating if needed) the accounts' environment in directory dir
//  with a map of map_mb MiB, with the default policy. Returns NULL (and
//  logs why) on failure. Caller owns return value and must destroy it.
web_accounts_t *web_accounts_open (const char *dir, size_t map_mb);

//  Close; sets *self_p to NULL.
void web_accounts_destroy (web_accounts_t **self_p);

//  Replace the policy (copied). Call before the object is shared between
//  threads. Tests lower opslimit/memlimit (libsodium's minimums are 1 and
//  8 KiB) to stay fast; a stored hash of another cost is rehashed at the
//  next good login. Returns 0, or -1 (policy unchanged) for a cost below
//  libsodium's minimums or a duration or count that is not positive.
int web_accounts_set_policy (web_accounts_t *self, const web_policy_t *policy);

//  The store, for backups and tests (owned by self).
pps_store_t *web_accounts_store (web_accounts_t *self);

//  Delete expired sessions and failure counters whose window and lock are
//  over; the gateway calls it now and then. Returns how many records went,
//  or -1 on a storage error.
int web_accounts_purge (web_accounts_t *self, int64_t now_ms);

//  ---------------------------------------------------------------- users

//  True when the text is acceptable as such (see above).
bool web_login_is_valid (const char *login);
bool web_name_is_valid (const char *name);
bool web_password_is_valid (const char *password);

//  Create a user. WEB_EXISTS when the login is taken, WEB_INVALID_* for a
//  bad argument.
web_result_t web_user_add (web_accounts_t *self, const char *login, const char *display_name,
                           pps_role_t role, const char *password, int64_t now_ms);

//  Create the first user, an admin, only when there is no user at all
//  (one-time `pps-web bootstrap`); WEB_EXISTS otherwise. Two processes
//  bootstrapping at once make one admin.
web_result_t web_user_bootstrap (web_accounts_t *self, const char *login,
                                 const char *display_name, const char *password,
                                 int64_t now_ms);

//  The user named login, into *user (locked_until_ms as of now_ms).
web_result_t web_user_get (web_accounts_t *self, const char *login, int64_t now_ms,
                           web_user_t *user);

//  Calls visit for each user in login order until it returns non-zero;
//  user is valid during the call only. WEB_OK or WEB_STORAGE.
typedef int (web_user_visit_fn) (const web_user_t *user, void *arg);
web_result_t web_user_list (web_accounts_t *self, int64_t now_ms,
                            web_user_visit_fn *visit, void *arg);

//  Disable a user and end their sessions / enable them again. Disabling a
//  disabled user is WEB_OK.
web_result_t web_user_disable (web_accounts_t *self, const char *login, int64_t now_ms);
web_result_t web_user_enable (web_accounts_t *self, const char *login, int64_t now_ms);

//  A user changes their own password, giving the old one (checked like a
//  login: WEB_LOCKED, and a wrong one counts against the account). Their
//  other sessions end; keep_session_id (the one they are using, or NULL)
//  stays.
web_result_t web_user_passwd (web_accounts_t *self, const char *login, const char *old_password,
                              const char *new_password, const char *keep_session_id,
                              int64_t now_ms);

//  An admin sets a user's password: their sessions end and their
//  account's lock is lifted; nothing else changes (no forced change).
web_result_t web_user_reset (web_accounts_t *self, const char *login, const char *new_password,
                             int64_t now_ms);

//  ---------------------------------------------------------------- sessions

//  Check login/password from address (the client's IP as text, or NULL
//  for a local command: then no address counter) and open a new session
//  into *session. WEB_LOCKED with *locked_until_p (may be NULL) set when
//  the account or the address is locked; WEB_BAD_CREDENTIALS for an
//  unknown login or a wrong password (then *locked_until_p is the lock
//  this failure started, or 0); WEB_DISABLED for a disabled user with the
//  right password. A browser's previous session is the caller's to end
//  (web_logout). The stored hash is renewed when the policy's cost changed.
web_result_t web_login (web_accounts_t *self, const char *login, const char *password,
                        const char *address, int64_t now_ms, web_session_t *session,
                        int64_t *locked_until_p);

//  The session with that id, into *session (with its CSRF token and the
//  user's current role); its inactivity clock restarts (written at most
//  once a minute). WEB_EXPIRED (and deleted) past either limit,
//  WEB_BAD_CREDENTIALS for an unknown or malformed id.
web_result_t web_session_check (web_accounts_t *self, const char *session_id, int64_t now_ms,
                                web_session_t *session);

//  True when csrf is the CSRF token of session_id, compared in constant
//  time. A request that changes state with the cookie must carry it.
bool web_csrf_matches (const char *session_id, const char *csrf);

//  End a session. WEB_OK even when it did not exist (or was malformed).
web_result_t web_logout (web_accounts_t *self, const char *session_id);

//  ---------------------------------------------------------------- tokens

//  Create a token named name with role for scripts, made by the admin
//  created_by (the caller checks that they are one). The token's text goes
//  to token (WEB_TOKEN_MAX + 1 bytes), to be shown once; *id_p (may be
//  NULL) gets its id.
web_result_t web_token_create (web_accounts_t *self, const char *name, pps_role_t role,
                               const char *created_by, int64_t now_ms,
                               char token [WEB_TOKEN_MAX + 1], uint64_t *id_p);

//  The token presented (an Authorization: Bearer value) into *info (may be
//  NULL). WEB_BAD_CREDENTIALS for an unknown, malformed, wrong or revoked
//  token.
web_result_t web_token_check (web_accounts_t *self, const char *token, int64_t now_ms,
                              web_token_t *info);

//  Revoke token id (kept, marked revoked, for the audit). WEB_NOT_FOUND.
web_result_t web_token_revoke (web_accounts_t *self, uint64_t id, int64_t now_ms);

//  Calls visit for each token, revoked ones included, in id order until it
//  returns non-zero; token is valid during the call only.
typedef int (web_token_visit_fn) (const web_token_t *token, void *arg);
web_result_t web_token_list (web_accounts_t *self, web_token_visit_fn *visit, void *arg);

#endif
