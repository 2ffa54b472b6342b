/*  web_tokens: pps-web's API tokens for scripts (see web_accounts.h).

    A token is "ppst_<id>_<secret>": the id finds the record (and names the
    token in lists and revocations), the secret is 32 random bytes in
    base64url of which the store keeps only the BLAKE2b hash, compared in
    constant time. The prefix lets secret scanners and people recognise a
    leaked token.
*/
#include "web_accounts_private.h"

#include <czmq.h>
#include <inttypes.h>

static void
s_token_fill (const Web__Token *stored, web_token_t *token)
{
    memset (token, 0, sizeof *token);
    token->id = stored->id;
    snprintf (token->name, sizeof token->name, "%s", stored->name);
    token->role = (pps_role_t) stored->role;
    snprintf (token->created_by, sizeof token->created_by, "%s", stored->created_by);
    token->created_ms = stored->created_ms;
    token->last_used_ms = stored->last_used_ms;
    token->revoked_ms = stored->revoked_ms;
}

web_result_t
web_token_create (web_accounts_t *self, const char *name, pps_role_t role,
                  const char *created_by, int64_t now_ms, char token [WEB_TOKEN_MAX + 1],
                  uint64_t *id_p)
{
    token [0] = 0;
    if (!web_name_is_valid (name))
        return WEB_INVALID_NAME;
    if (role != PPS_ROLE_READER && role != PPS_ROLE_EDITOR && role != PPS_ROLE_ADMIN)
        return WEB_INVALID_ROLE;
    if (!web_login_is_valid (created_by))
        return WEB_INVALID_LOGIN;

    uint8_t secret [WEB_SECRET_BYTES], hash [WEB_SECRET_BYTES];
    char text [WEB_SESSION_ID_SIZE + 1];
    web_secret_new (secret, text);
    web_secret_hash (secret, hash);
    sodium_memzero (secret, sizeof secret);

    web_result_t result = WEB_OK;
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc) {
        result = web_accounts_failed ("begin a transaction", rc);
        goto done;
    }
    Web__Token stored = WEB__TOKEN__INIT;
    stored.id = pps_store_next_id (self->store, txn, "token");
    stored.name = (char *) name;
    stored.role = (Web__Role) role;
    stored.secret_hash.data = hash;
    stored.secret_hash.len = sizeof hash;
    stored.created_by = (char *) created_by;
    stored.created_ms = now_ms;
    //  No id: the counter could not be written (the map is full)
    rc = stored.id? pps_store_put_id (txn, self->tokens, stored.id, &stored.base): MDB_MAP_FULL;
    if (rc) {
        mdb_txn_abort (txn);
        result = web_accounts_failed ("store a token", rc);
        goto done;
    }
    if ((rc = mdb_txn_commit (txn))) {
        result = web_accounts_failed ("commit a token", rc);
        goto done;
    }
    snprintf (token, WEB_TOKEN_MAX + 1, WEB_TOKEN_PREFIX "%" PRIu64 "_%s", stored.id, text);
    if (id_p)
        *id_p = stored.id;
done:
    sodium_memzero (text, sizeof text);
    return result;
}

//  Split a token's text into its id and secret; false when it is not one.
static bool
s_token_parse (const char *token, uint64_t *id_p, uint8_t secret [WEB_SECRET_BYTES])
{
    size_t prefix = strlen (WEB_TOKEN_PREFIX);
    if (!token || strncmp (token, WEB_TOKEN_PREFIX, prefix) != 0)
        return false;
    const char *digits = token + prefix;
    uint64_t id = 0;
    size_t count = 0;
    while (digits [count] >= '0' && digits [count] <= '9' && count < 20) {
        uint64_t next = id * 10 + (uint64_t) (digits [count] - '0');
        if (next / 10 != id)
            return false;               //  Overflow
        id = next;
        count++;
    }
    if (count == 0 || id == 0 || digits [count] != '_')
        return false;
    const char *text = digits + count + 1;
    *id_p = id;
    return web_secret_decode (text, strnlen (text, WEB_SESSION_ID_SIZE + 1), secret);
}

web_result_t
web_token_check (web_accounts_t *self, const char *token, int64_t now_ms, web_token_t *info)
{
    uint64_t id;
    uint8_t secret [WEB_SECRET_BYTES], hash [WEB_SECRET_BYTES];
    if (!s_token_parse (token, &id, secret))
        return WEB_BAD_CREDENTIALS;
    web_secret_hash (secret, hash);
    sodium_memzero (secret, sizeof secret);

    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    Web__Token *stored = NULL;
    web_result_t result = WEB_OK;
    rc = pps_store_get_id (txn, self->tokens, id, &web__token__descriptor, arena,
                           (ProtobufCMessage **) &stored);
    if (rc == MDB_NOTFOUND)
        result = WEB_BAD_CREDENTIALS;
    else
    if (rc)
        result = web_accounts_failed ("read a token", rc);
    else
    if (stored->secret_hash.len != sizeof hash
    ||  sodium_memcmp (stored->secret_hash.data, hash, sizeof hash) != 0
    ||  stored->revoked_ms != 0)
        result = WEB_BAD_CREDENTIALS;
    mdb_txn_abort (txn);

    //  Last use, to a minute: enough to tell a forgotten token
    if (result == WEB_OK && now_ms - stored->last_used_ms >= WEB_TOUCH_MS) {
        if ((rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn)))
            result = web_accounts_failed ("begin a transaction", rc);
        else {
            Web__Token *again;
            rc = pps_store_get_id (txn, self->tokens, id, &web__token__descriptor, arena,
                                   (ProtobufCMessage **) &again);
            if (rc == 0 && again->revoked_ms == 0) {
                again->last_used_ms = now_ms;
                rc = pps_store_put_id (txn, self->tokens, id, &again->base);
                stored = again;
            }
            else
            if (rc == 0 || rc == MDB_NOTFOUND)
                result = WEB_BAD_CREDENTIALS;   //  Revoked meanwhile
            if (rc && rc != MDB_NOTFOUND) {
                mdb_txn_abort (txn);
                result = web_accounts_failed ("note a token's use", rc);
            }
            else
            if ((rc = mdb_txn_commit (txn)))
                result = web_accounts_failed ("commit a token's use", rc);
        }
    }
    if (result == WEB_OK && info)
        s_token_fill (stored, info);
    pps_arena_destroy (&arena);
    return result;
}

web_result_t
web_token_revoke (web_accounts_t *self, uint64_t id, int64_t now_ms)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, 0, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    Web__Token *stored;
    web_result_t result = WEB_OK;
    rc = pps_store_get_id (txn, self->tokens, id, &web__token__descriptor, arena,
                           (ProtobufCMessage **) &stored);
    if (rc == MDB_NOTFOUND)
        result = WEB_NOT_FOUND;
    else
    if (rc)
        result = web_accounts_failed ("read a token", rc);
    else
    if (stored->revoked_ms == 0) {
        stored->revoked_ms = now_ms;
        if ((rc = pps_store_put_id (txn, self->tokens, id, &stored->base)))
            result = web_accounts_failed ("store a token", rc);
    }
    if (result == WEB_OK) {
        if ((rc = mdb_txn_commit (txn)))
            result = web_accounts_failed ("commit a revocation", rc);
    }
    else
        mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    return result;
}

typedef struct {
    web_token_visit_fn *visit;
    void *arg;
    bool stopped;                     //  The visitor asked to stop
} s_list_t;

static int
s_list_visit (ProtobufCMessage *record, void *arg)
{
    s_list_t *list = arg;
    web_token_t token;
    s_token_fill ((Web__Token *) record, &token);
    list->stopped = list->visit (&token, list->arg) != 0;
    return list->stopped;
}

web_result_t
web_token_list (web_accounts_t *self, web_token_visit_fn *visit, void *arg)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin (pps_store_env (self->store), NULL, MDB_RDONLY, &txn);
    if (rc)
        return web_accounts_failed ("begin a transaction", rc);
    pps_arena_t *arena = pps_arena_new ();
    s_list_t list = { visit, arg, false };
    rc = pps_store_each (txn, self->tokens, &web__token__descriptor, arena, s_list_visit, &list);
    mdb_txn_abort (txn);
    pps_arena_destroy (&arena);
    return rc && !list.stopped? web_accounts_failed ("list tokens", rc): WEB_OK;
}
