/*  ppsctl_user: `ppsctl user` and `ppsctl token`, the accounts of pps-web
    (a region) or of pps-national (the national console, same mechanism:
    web/web_auth.h) from a shell, directly in their LMDB environment,
    <region/data_dir>/web of the configuration read (see ppsctl_user.h).

    Each action is declared once, in s_user_actions or s_token_actions: its
    name, its operand, the flags it takes (all of them required) and the
    function that runs it once the command line is checked and the accounts
    are open.  */
#include "ppsctl_user.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>
#include "ppsctl_table.h"
#include "web_accounts.h"

//  Default map size of the accounts' environment, as the gateway's.
#define ACCOUNTS_MAP_MB     64
//  A password's line: the password, a CR and LF, the NUL.
#define PASSWORD_BUFFER     (WEB_PASSWORD_MAX + 3)

//  Flags an action takes; every one it takes is required.
#define TAKES_NAME          1           //  --name
#define TAKES_ROLE          2           //  --role
#define TAKES_BY            4           //  --by

//  An action's command line, checked.
typedef struct {
    const char *operand;                //  LOGIN, NAME or ID, or NULL
    const char *name;                   //  --name
    const char *role;                   //  --role
    const char *by;                     //  --by
} s_args_t;

//  An action of `ppsctl user` or `ppsctl token`.
typedef struct {
    const char *name;                   //  "add"
    const char *operand;                //  Its operand in messages ("LOGIN"), or NULL
    unsigned takes;                     //  TAKES_* flags
    bool creates;                       //  May create the accounts' environment
    int (*run) (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args);
} s_action_t;

//  ---------------------------------------------------------------- usage

void
ppsctl_usage_user (FILE *out)
{
    fprintf (out,
"usage: ppsctl user bootstrap LOGIN --name \"DISPLAY NAME\"\n"
"                                  the first admin, once, when there is no user at all\n"
"       ppsctl user add LOGIN --name \"DISPLAY NAME\" --role reader|editor|admin\n"
"       ppsctl user list             login, name, role, state, last login (--json)\n"
"       ppsctl user disable LOGIN    no more logins; their sessions end (never deleted)\n"
"       ppsctl user enable LOGIN\n"
"       ppsctl user passwd LOGIN     change a password, giving the old one\n"
"       ppsctl user reset LOGIN      an admin sets a new password; lifts a lockout\n"
"\n"
"the users of pps-web (a region's console and HTTP API), in its accounts store,\n"
"<region/data_dir>/web, found by ppsctl's configuration rule (ppsctl --help);\n"
"the gateway may be running meanwhile. Run as the services' user. The national\n"
"console's users (pps-national) are managed the same way, with its configuration:\n"
"  ppsctl -c /etc/pps/national.cfg user bootstrap LOGIN --name \"DISPLAY NAME\"\n"
"\n"
"passwords (10 to 1024 bytes) are never given on the command line: on a terminal\n"
"ppsctl asks for them without echo, a new one twice; otherwise it reads one line\n"
"of standard input per password (passwd: the old one, then the new one):\n"
"  printf '%%s\\n' \"$PASSWORD\" | ppsctl user add alice --name \"Alice Martin\" --role editor\n"
"\n"
"logins: 1 to 64 of a-z 0-9 . _ -; roles: reader (reads), editor (also writes),\n"
"admin (also users, tokens and admin operations). API tokens: ppsctl token --help.\n"
"exit status: 0 done, 1 refused (the error names why), 2 bad command line.\n");
}

void
ppsctl_usage_token (FILE *out)
{
    fprintf (out,
"usage: ppsctl token create NAME --role reader|editor|admin --by ADMIN-LOGIN\n"
"                                  a token for a script: printed once, never again\n"
"       ppsctl token list            id, name, role, created by, created, last used,\n"
"                                    revoked (--json)\n"
"       ppsctl token revoke ID       the token stops working at once (kept for the audit)\n"
"\n"
"API tokens of pps-web or pps-national (Authorization: Bearer ppst_...), in the\n"
"accounts store <region/data_dir>/web (see ppsctl user --help). NAME says what\n"
"the token is for (1 to 200 bytes); ADMIN-LOGIN is the admin who asked for it.\n"
"Only a hash of the token is kept: store its text at once (a secret manager, the\n"
"script's configuration); a lost token is revoked and another one created. A\n"
"token lives until revoked, even when its creator is disabled.\n"
"exit status: 0 done, 1 refused (the error names why), 2 bad command line.\n");
}

//  ---------------------------------------------------------------- messages

//  What a result means, for an operator.
static const char *
s_explain (web_result_t result)
{
    switch (result) {
        case WEB_BAD_CREDENTIALS:
            return "wrong password (counted as a failed login)";
        case WEB_LOCKED:
            return "locked after too many failed logins; `ppsctl user reset LOGIN` lifts the lock";
        case WEB_DISABLED:
            return "the user is disabled (`ppsctl user enable LOGIN`)";
        case WEB_EXPIRED:
            return "expired";
        case WEB_EXISTS:
            return "exists already";
        case WEB_NOT_FOUND:
            return "not found";
        case WEB_INVALID_LOGIN:
            return "a login is 1 to 64 characters among a-z 0-9 . _ -";
        case WEB_INVALID_NAME:
            return "a name is 1 to 200 bytes of UTF-8 without control characters";
        case WEB_INVALID_PASSWORD:
            return "a password is 10 to 1024 bytes (asked on the terminal, or one line of "
                   "standard input)";
        case WEB_INVALID_ROLE:
            return "a role is reader, editor or admin";
        case WEB_STORAGE:
            return "the accounts' store failed (see the message above)";
        default:
            return "refused";
    }
}

//  Print "error: <result> [<field>]: <why>" on stderr, why being format
//  (printf-style) or, when NULL, what the result means. Returns
//  PPSCTL_FAILED.
static int
s_refused (web_result_t result, const char *format, ...)
    __attribute__ ((format (printf, 2, 3)));

static int
s_refused (web_result_t result, const char *format, ...)
{
    const char *field = web_result_field (result);
    fprintf (stderr, "error: %s%s%s: ", web_result_name (result), field ? " " : "",
             field ? field : "");
    if (format) {
        va_list args;
        va_start (args, format);
        vfprintf (stderr, format, args);
        va_end (args);
    }
    else
        fputs (s_explain (result), stderr);
    fputc ('\n', stderr);
    return PPSCTL_FAILED;
}

//  A time for a table: "2025-01-31T08:15Z" (UTC, to the minute), or
//  if_none when time_ms is 0. In arena.
static const char *
s_time (pps_arena_t *arena, int64_t time_ms, const char *if_none)
{
    if (time_ms == 0)
        return if_none;
    char iso [40];
    ppsctl_iso_time (time_ms, iso, sizeof iso);
    iso [16] = 0;
    return pps_arena_printf (arena, "%sZ", iso);
}

//  ---------------------------------------------------------------- passwords

//  The terminal as it was while echo is off, to restore on a signal.
static struct termios s_terminal;
//  Signals that would leave the terminal without echo.
static const int s_signals [] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define SIGNALS (sizeof s_signals / sizeof s_signals [0])

//  Restore the terminal, then die of the signal as we would have.
static void
s_on_signal (int signum)
{
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &s_terminal);
    signal (signum, SIG_DFL);
    raise (signum);
}

//  Read one line of standard input into buffer (PASSWORD_BUFFER bytes)
//  without its end of line. Returns 0, 1 at the end of input with nothing
//  read, or -1 for a line longer than any password (skipped).
static int
s_line_read (char *buffer)
{
    if (!fgets (buffer, PASSWORD_BUFFER, stdin))
        return 1;
    size_t length = strlen (buffer);
    bool whole = length > 0 && buffer [length - 1] == '\n';
    if (!whole && !feof (stdin)) {
        int next;
        while ((next = getchar ()) != EOF && next != '\n')
            ;
        sodium_memzero (buffer, PASSWORD_BUFFER);
        return -1;
    }
    if (whole)
        buffer [--length] = 0;
    if (length > 0 && buffer [length - 1] == '\r')
        buffer [--length] = 0;
    return 0;
}

//  Ask for a line on the terminal with echo off. Returns as s_line_read.
static int
s_tty_read (const char *prompt, char *buffer)
{
    fputs (prompt, stderr);
    fflush (stderr);
    struct termios quiet;
    bool restore = tcgetattr (STDIN_FILENO, &s_terminal) == 0;
    struct sigaction action, saved [SIGNALS];
    if (restore) {
        memset (&action, 0, sizeof action);
        action.sa_handler = s_on_signal;
        sigemptyset (&action.sa_mask);
        for (size_t index = 0; index < SIGNALS; index++)
            sigaction (s_signals [index], &action, &saved [index]);
        quiet = s_terminal;
        quiet.c_lflag &= ~(tcflag_t) ECHO;
        quiet.c_lflag |= ECHONL;
        tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = s_line_read (buffer);
    if (restore) {
        tcsetattr (STDIN_FILENO, TCSAFLUSH, &s_terminal);
        for (size_t index = 0; index < SIGNALS; index++)
            sigaction (s_signals [index], &saved [index], NULL);
    }
    return rc;
}

//  Read a password into buffer (PASSWORD_BUFFER bytes): asked with prompt
//  on a terminal, else the next line of standard input. Returns 0, or
//  PPSCTL_FAILED with the reason printed.
static int
s_password_read (const char *prompt, char *buffer)
{
    bool tty = isatty (STDIN_FILENO);
    int rc = tty ? s_tty_read (prompt, buffer) : s_line_read (buffer);
    if (rc == 1) {
        fprintf (stderr, "error: no password %s\n",
                 tty ? "given" : "on standard input (one line per password: ppsctl user --help)");
        return PPSCTL_FAILED;
    }
    if (rc == -1)
        return s_refused (WEB_INVALID_PASSWORD, NULL);
    return PPSCTL_OK;
}

//  Read a new password for login into buffer, checked against the rules;
//  asked twice on a terminal. Returns 0, or PPSCTL_FAILED with the reason
//  printed (nothing is then left in buffer).
static int
s_password_new (const char *login, char *buffer)
{
    char prompt [WEB_LOGIN_MAX + 40];
    snprintf (prompt, sizeof prompt, "New password for %s: ", login);
    int rc = s_password_read (prompt, buffer);
    if (rc == PPSCTL_OK && !web_password_is_valid (buffer))
        rc = s_refused (WEB_INVALID_PASSWORD, NULL);
    if (rc == PPSCTL_OK && isatty (STDIN_FILENO)) {
        char again [PASSWORD_BUFFER];
        rc = s_password_read ("Again: ", again);
        if (rc == PPSCTL_OK && strcmp (again, buffer) != 0) {
            fprintf (stderr, "error: the two passwords differ; nothing was changed\n");
            rc = PPSCTL_FAILED;
        }
        sodium_memzero (again, sizeof again);
    }
    if (rc)
        sodium_memzero (buffer, PASSWORD_BUFFER);
    return rc;
}

//  ---------------------------------------------------------------- users

//  Check a login before asking for any password. Returns 0 or PPSCTL_FAILED
//  (printed).
static int
s_login_check (const char *login)
{
    return web_login_is_valid (login) ? PPSCTL_OK
                                      : s_refused (WEB_INVALID_LOGIN, "'%s': %s", login,
                                                   s_explain (WEB_INVALID_LOGIN));
}

//  The user login into *user. Returns 0, or PPSCTL_FAILED (printed).
static int
s_user_get (web_accounts_t *accounts, const char *login, web_user_t *user)
{
    web_result_t result = web_user_get (accounts, login, zclock_time (), user);
    if (result == WEB_NOT_FOUND)
        return s_refused (result, "no user '%s' (ppsctl user list)", login);
    return result ? s_refused (result, NULL) : PPSCTL_OK;
}

//  Visitor that stops at the first user: *arg becomes true.
static int
s_any_user (const web_user_t *user, void *arg)
{
    (void) user;
    *(bool *) arg = true;
    return 1;
}

static int
s_user_bootstrap (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    const char *more = "an admin adds the other users with\n"
                       "  ppsctl user add LOGIN --name \"DISPLAY NAME\" --role reader|editor|admin";
    bool exists = false;
    web_result_t result = web_user_list (accounts, zclock_time (), s_any_user, &exists);
    if (result)
        return s_refused (result, NULL);
    if (exists)
        return s_refused (WEB_EXISTS, "users exist already: bootstrap makes the first admin "
                          "only, once;\n%s", more);
    if (!web_name_is_valid (args->name))
        return s_refused (WEB_INVALID_NAME, NULL);
    char password [PASSWORD_BUFFER];
    int rc = s_password_new (args->operand, password);
    if (rc)
        return rc;
    result = web_user_bootstrap (accounts, args->operand, args->name, password, zclock_time ());
    sodium_memzero (password, sizeof password);
    if (result == WEB_EXISTS)
        return s_refused (result, "users exist already (one was made meanwhile); %s", more);
    if (result)
        return s_refused (result, NULL);
    printf ("admin %s (%s) created: the one-time bootstrap is done.\n%s.\n",
            args->operand, args->name, more);
    return PPSCTL_OK;
}

static int
s_user_add (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    pps_role_t role = pps_role_parse (args->role);
    if (role != PPS_ROLE_READER && role != PPS_ROLE_EDITOR && role != PPS_ROLE_ADMIN)
        return s_refused (WEB_INVALID_ROLE, "'%s': %s", args->role, s_explain (WEB_INVALID_ROLE));
    if (!web_name_is_valid (args->name))
        return s_refused (WEB_INVALID_NAME, NULL);
    web_user_t user;
    if (web_user_get (accounts, args->operand, zclock_time (), &user) == WEB_OK)
        return s_refused (WEB_EXISTS, "user '%s' exists already (%s, %s)", args->operand,
                          user.display_name, pps_role_name (user.role));
    char password [PASSWORD_BUFFER];
    int rc = s_password_new (args->operand, password);
    if (rc)
        return rc;
    web_result_t result = web_user_add (accounts, args->operand, args->name, role, password,
                                        zclock_time ());
    sodium_memzero (password, sizeof password);
    if (result == WEB_EXISTS)
        return s_refused (result, "user '%s' exists already", args->operand);
    if (result)
        return s_refused (result, NULL);
    printf ("user %s (%s) added as %s\n", args->operand, args->name, pps_role_name (role));
    return PPSCTL_OK;
}

//  What `user list` fills.
typedef struct {
    ppsctl_t *self;
    ppsctl_table_t *table;
    json_t *json;                       //  With --json, else NULL
    size_t count;
} s_listing_t;

//  A user's state: "active", "disabled", "locked until ...".
static const char *
s_user_state (pps_arena_t *arena, const web_user_t *user)
{
    if (user->disabled)
        return "disabled";
    if (user->locked_until_ms)
        return pps_arena_printf (arena, "locked until %s",
                                 s_time (arena, user->locked_until_ms, ""));
    return "active";
}

static int
s_user_row (const web_user_t *user, void *arg)
{
    s_listing_t *listing = arg;
    pps_arena_t *arena = listing->self->arena;
    listing->count++;
    if (listing->json) {
        json_t *item = json_pack ("{s:s, s:s, s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:I}",
                                  "login", user->login, "display_name", user->display_name,
                                  "role", pps_role_name (user->role),
                                  "state", user->disabled ? "disabled"
                                         : user->locked_until_ms ? "locked" : "active",
                                  "disabled", user->disabled,
                                  "created_ms", (json_int_t) user->created_ms,
                                  "updated_ms", (json_int_t) user->updated_ms,
                                  "password_changed_ms", (json_int_t) user->password_changed_ms,
                                  "last_login_ms", (json_int_t) user->last_login_ms,
                                  "locked_until_ms", (json_int_t) user->locked_until_ms);
        //  A display name that is not UTF-8 cannot be stored: never NULL
        assert (item);
        json_array_append_new (listing->json, item);
        return 0;
    }
    ppsctl_table_row (listing->table);
    ppsctl_table_cell (listing->table, user->login);
    ppsctl_table_cell (listing->table, user->display_name);
    ppsctl_table_cell (listing->table, pps_role_name (user->role));
    ppsctl_table_cell (listing->table, s_user_state (arena, user));
    ppsctl_table_cell (listing->table, s_time (arena, user->last_login_ms, "never"));
    return 0;
}

static int
s_user_list (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) args;
    s_listing_t listing = { self, ppsctl_table_new (self->arena),
                            self->json ? json_array () : NULL, 0 };
    const struct {
        const char *name;
        int rank;
    } columns [] = {
        { "login", PPSCTL_RANK_LABEL }, { "name", PPSCTL_RANK_LABEL },
        { "role", PPSCTL_RANK_STATE }, { "state", PPSCTL_RANK_STATE },
        { "last_login", PPSCTL_RANK_DATE }
    };
    for (size_t column = 0; column < sizeof columns / sizeof columns [0]; column++) {
        ppsctl_table_column (listing.table, columns [column].name, NULL, false);
        ppsctl_table_rank (listing.table, columns [column].rank);
    }
    web_result_t result = web_user_list (accounts, zclock_time (), s_user_row, &listing);
    if (result) {
        json_decref (listing.json);
        return s_refused (result, NULL);
    }
    if (listing.json) {
        ppsctl_json_print (stdout, listing.json);
        return PPSCTL_OK;
    }
    if (listing.count == 0) {
        printf ("no users yet: make the first admin with\n"
                "  ppsctl user bootstrap LOGIN --name \"DISPLAY NAME\"\n");
        return PPSCTL_OK;
    }
    if (ppsctl_table_print (listing.table, stdout, self->columns, ppsctl_table_width (stdout)))
        return PPSCTL_USAGE;
    printf ("%zu user%s (times in UTC)\n", listing.count, listing.count == 1 ? "" : "s");
    return PPSCTL_OK;
}

static int
s_user_disable (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    web_user_t user;
    int rc = s_user_get (accounts, args->operand, &user);
    if (rc)
        return rc;
    web_result_t result = web_user_disable (accounts, args->operand, zclock_time ());
    if (result)
        return s_refused (result, NULL);
    printf ("user %s %s: no more logins, their sessions are ended\n", args->operand,
            user.disabled ? "was disabled already" : "disabled");
    return PPSCTL_OK;
}

static int
s_user_enable (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    web_user_t user;
    int rc = s_user_get (accounts, args->operand, &user);
    if (rc)
        return rc;
    web_result_t result = web_user_enable (accounts, args->operand, zclock_time ());
    if (result)
        return s_refused (result, NULL);
    printf ("user %s %s\n", args->operand, user.disabled ? "enabled" : "was enabled already");
    return PPSCTL_OK;
}

static int
s_user_passwd (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    web_user_t user;
    int rc = s_user_get (accounts, args->operand, &user);
    if (rc)
        return rc;
    char old [PASSWORD_BUFFER], password [PASSWORD_BUFFER];
    char prompt [WEB_LOGIN_MAX + 40];
    snprintf (prompt, sizeof prompt, "Current password of %s: ", args->operand);
    if ((rc = s_password_read (prompt, old)))
        return rc;
    if ((rc = s_password_new (args->operand, password))) {
        sodium_memzero (old, sizeof old);
        return rc;
    }
    web_result_t result = web_user_passwd (accounts, args->operand, old, password, NULL,
                                           zclock_time ());
    sodium_memzero (old, sizeof old);
    sodium_memzero (password, sizeof password);
    if (result == WEB_BAD_CREDENTIALS)
        return s_refused (result, "the current password of %s is wrong (counted as a failed "
                          "login); nothing was changed", args->operand);
    if (result == WEB_LOCKED
    &&  web_user_get (accounts, args->operand, zclock_time (), &user) == WEB_OK)
        return s_refused (result, "%s is locked until %s UTC after too many failed logins; "
                          "`ppsctl user reset %s` lifts the lock", args->operand,
                          s_time (self->arena, user.locked_until_ms, "?"), args->operand);
    if (result)
        return s_refused (result, NULL);
    printf ("password of %s changed; their sessions are ended\n", args->operand);
    return PPSCTL_OK;
}

static int
s_user_reset (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    web_user_t user;
    int rc = s_user_get (accounts, args->operand, &user);
    if (rc)
        return rc;
    char password [PASSWORD_BUFFER];
    if ((rc = s_password_new (args->operand, password)))
        return rc;
    web_result_t result = web_user_reset (accounts, args->operand, password, zclock_time ());
    sodium_memzero (password, sizeof password);
    if (result)
        return s_refused (result, NULL);
    printf ("password of %s reset; their sessions are ended%s%s\n", args->operand,
            user.locked_until_ms ? " and their lock lifted" : "",
            user.disabled ? " (the user stays disabled: ppsctl user enable)" : "");
    return PPSCTL_OK;
}

//  ---------------------------------------------------------------- tokens

static int
s_token_create (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    pps_role_t role = pps_role_parse (args->role);
    if (role != PPS_ROLE_READER && role != PPS_ROLE_EDITOR && role != PPS_ROLE_ADMIN)
        return s_refused (WEB_INVALID_ROLE, "'%s': %s", args->role, s_explain (WEB_INVALID_ROLE));
    if (!web_name_is_valid (args->operand))
        return s_refused (WEB_INVALID_NAME, NULL);
    if (!web_login_is_valid (args->by))
        return s_refused (WEB_INVALID_LOGIN, "--by '%s': %s", args->by,
                          s_explain (WEB_INVALID_LOGIN));
    //  The store leaves it to the caller to check that the creator is an admin
    web_user_t by;
    int rc = s_user_get (accounts, args->by, &by);
    if (rc)
        return rc;
    if (by.disabled)
        return s_refused (WEB_DISABLED, "--by %s: the user is disabled", args->by);
    if (by.role != PPS_ROLE_ADMIN) {
        fprintf (stderr, "error: forbidden by: %s's role is %s; only an admin creates tokens\n",
                 args->by, pps_role_name (by.role));
        return PPSCTL_FAILED;
    }
    char token [WEB_TOKEN_MAX + 1];
    uint64_t id;
    web_result_t result = web_token_create (accounts, args->operand, role, args->by,
                                            zclock_time (), token, &id);
    if (result)
        return s_refused (result, NULL);
    //  The token alone on stdout, so that a script can take it
    if (self->json) {
        json_t *json = json_pack ("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t) id,
                                  "name", args->operand, "role", pps_role_name (role),
                                  "created_by", args->by, "token", token);
        assert (json);
        ppsctl_json_print (stdout, json);
    }
    else
        printf ("%s\n", token);
    fflush (stdout);
    sodium_memzero (token, sizeof token);
    fprintf (stderr, "token %" PRIu64 " \"%s\" (%s) created by %s.\n"
             "warning: the token is shown only once, now: keep it in a safe place (a secret\n"
             "manager, the script's configuration). Only its hash is stored; if it is lost,\n"
             "revoke it (ppsctl token revoke %" PRIu64 ") and create another.\n",
             id, args->operand, pps_role_name (role), args->by, id);
    return PPSCTL_OK;
}

static int
s_token_row (const web_token_t *token, void *arg)
{
    s_listing_t *listing = arg;
    pps_arena_t *arena = listing->self->arena;
    listing->count++;
    if (listing->json) {
        json_t *item = json_pack ("{s:I, s:s, s:s, s:s, s:I, s:I, s:b, s:I}",
                                  "id", (json_int_t) token->id, "name", token->name,
                                  "role", pps_role_name (token->role),
                                  "created_by", token->created_by,
                                  "created_ms", (json_int_t) token->created_ms,
                                  "last_used_ms", (json_int_t) token->last_used_ms,
                                  "revoked", token->revoked_ms != 0,
                                  "revoked_ms", (json_int_t) token->revoked_ms);
        assert (item);
        json_array_append_new (listing->json, item);
        return 0;
    }
    ppsctl_table_row (listing->table);
    ppsctl_table_cellf (listing->table, "%" PRIu64, token->id);
    ppsctl_table_cell (listing->table, token->name);
    ppsctl_table_cell (listing->table, pps_role_name (token->role));
    ppsctl_table_cell (listing->table, token->created_by);
    ppsctl_table_cell (listing->table, s_time (arena, token->created_ms, "-"));
    ppsctl_table_cell (listing->table, s_time (arena, token->last_used_ms, "never"));
    ppsctl_table_cell (listing->table, s_time (arena, token->revoked_ms, "no"));
    return 0;
}

static int
s_token_list (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) args;
    s_listing_t listing = { self, ppsctl_table_new (self->arena),
                            self->json ? json_array () : NULL, 0 };
    const struct {
        const char *name;
        bool right;
        int rank;
    } columns [] = {
        { "id", true, PPSCTL_RANK_LABEL }, { "name", false, PPSCTL_RANK_LABEL },
        { "role", false, PPSCTL_RANK_STATE }, { "created_by", false, PPSCTL_RANK_PLAIN },
        { "created", false, PPSCTL_RANK_DATE }, { "last_used", false, PPSCTL_RANK_DATE },
        { "revoked", false, PPSCTL_RANK_STATE }
    };
    for (size_t column = 0; column < sizeof columns / sizeof columns [0]; column++) {
        ppsctl_table_column (listing.table, columns [column].name, NULL, columns [column].right);
        ppsctl_table_rank (listing.table, columns [column].rank);
    }
    web_result_t result = web_token_list (accounts, s_token_row, &listing);
    if (result) {
        json_decref (listing.json);
        return s_refused (result, NULL);
    }
    if (listing.json) {
        ppsctl_json_print (stdout, listing.json);
        return PPSCTL_OK;
    }
    if (listing.count == 0) {
        printf ("no tokens\n");
        return PPSCTL_OK;
    }
    if (ppsctl_table_print (listing.table, stdout, self->columns, ppsctl_table_width (stdout)))
        return PPSCTL_USAGE;
    printf ("%zu token%s (times in UTC)\n", listing.count, listing.count == 1 ? "" : "s");
    return PPSCTL_OK;
}

static int
s_token_revoke (ppsctl_t *self, web_accounts_t *accounts, const s_args_t *args)
{
    (void) self;
    int64_t id;
    //  Checked before the accounts are opened (see s_run); cannot fail here
    if (ppsctl_parse_int (args->operand, 1, INT64_MAX, &id))
        return PPSCTL_USAGE;
    web_result_t result = web_token_revoke (accounts, (uint64_t) id, zclock_time ());
    if (result == WEB_NOT_FOUND)
        return s_refused (result, "no token %" PRId64 " (ppsctl token list)", id);
    if (result)
        return s_refused (result, NULL);
    printf ("token %" PRId64 " revoked\n", id);
    return PPSCTL_OK;
}

//  ---------------------------------------------------------------- dispatch

static const s_action_t s_user_actions [] = {
    { "bootstrap", "LOGIN", TAKES_NAME, true, s_user_bootstrap },
    { "add", "LOGIN", TAKES_NAME | TAKES_ROLE, true, s_user_add },
    { "list", NULL, 0, false, s_user_list },
    { "disable", "LOGIN", 0, false, s_user_disable },
    { "enable", "LOGIN", 0, false, s_user_enable },
    { "passwd", "LOGIN", 0, false, s_user_passwd },
    { "reset", "LOGIN", 0, false, s_user_reset },
    { NULL, NULL, 0, false, NULL }
};

static const s_action_t s_token_actions [] = {
    { "create", "NAME", TAKES_ROLE | TAKES_BY, false, s_token_create },
    { "list", NULL, 0, false, s_token_list },
    { "revoke", "ID", 0, false, s_token_revoke },
    { NULL, NULL, 0, false, NULL }
};

//  Check the command line of action into *args. Returns 0, or PPSCTL_USAGE
//  with the reason printed.
static int
s_args_parse (const char *command, const s_action_t *action, int argc, char **argv,
              s_args_t *args)
{
    memset (args, 0, sizeof *args);
    for (int index = 0; index < argc; index++) {
        const char *arg = argv [index];
        const char **flag = NULL;
        if (streq (arg, "--name") && (action->takes & TAKES_NAME))
            flag = &args->name;
        else
        if (streq (arg, "--role") && (action->takes & TAKES_ROLE))
            flag = &args->role;
        else
        if (streq (arg, "--by") && (action->takes & TAKES_BY))
            flag = &args->by;
        if (flag) {
            if (index + 1 >= argc) {
                fprintf (stderr, "error: %s %s: %s needs a value\n", command, action->name, arg);
                return PPSCTL_USAGE;
            }
            *flag = argv [++index];
        }
        else
        if (action->operand && !args->operand && !(arg [0] == '-' && arg [1] == '-'))
            args->operand = arg;
        else {
            if (streq (arg, "--password") || strncmp (arg, "--password=", 11) == 0)
                fprintf (stderr, "error: %s %s: a password is never given on the command line "
                         "(it would stay in the shell's history): ppsctl asks for it\n",
                         command, action->name);
            else
                fprintf (stderr, "error: %s %s: unexpected '%s'\n", command, action->name, arg);
            return PPSCTL_USAGE;
        }
    }
    const char *missing = action->operand && !args->operand ? action->operand
                        : (action->takes & TAKES_NAME) && !args->name ? "--name"
                        : (action->takes & TAKES_ROLE) && !args->role ? "--role"
                        : (action->takes & TAKES_BY) && !args->by ? "--by"
                        : NULL;
    if (missing) {
        fprintf (stderr, "error: %s %s: %s is missing\n", command, action->name, missing);
        return PPSCTL_USAGE;
    }
    int64_t id;
    if (action->operand && streq (action->operand, "ID")
    &&  ppsctl_parse_int (args->operand, 1, INT64_MAX, &id)) {
        fprintf (stderr, "error: %s %s: '%s' is not a token id (ppsctl token list)\n",
                 command, action->name, args->operand);
        return PPSCTL_USAGE;
    }
    return PPSCTL_OK;
}

//  Run `ppsctl COMMAND ACTION ...`: check the line, open the accounts, run.
static int
s_run (ppsctl_t *self, const char *command, const s_action_t *actions, void (*usage) (FILE *),
       int argc, char **argv)
{
    if (argc == 0) {
        fprintf (stderr, "error: %s: what? (", command);
        for (const s_action_t *action = actions; action->name; action++)
            fprintf (stderr, "%s%s", action == actions ? "" : ", ", action->name);
        fprintf (stderr, ")\n");
        usage (stderr);
        return PPSCTL_USAGE;
    }
    const s_action_t *action = actions;
    while (action->name && !streq (action->name, argv [0]))
        action++;
    if (!action->name) {
        fprintf (stderr, "error: %s: unknown action '%s'\n", command, argv [0]);
        usage (stderr);
        return PPSCTL_USAGE;
    }
    s_args_t args;
    int rc = s_args_parse (command, action, argc - 1, argv + 1, &args);
    if (rc) {
        usage (stderr);
        return rc;
    }
    if (streq (command, "user") && action->operand && (rc = s_login_check (args.operand)))
        return rc;

    const char *dir = pps_arena_printf (self->arena, "%s/web", pps_config_data_dir (self->config));
    const char *data = pps_arena_printf (self->arena, "%s/data.mdb", dir);
    if (!action->creates && access (data, F_OK) != 0) {
        fprintf (stderr, "error: no accounts in %s (the data directory of %s);\n"
                 "`ppsctl user bootstrap` makes the first admin\n", dir,
                 self->config_path ? self->config_path : "the built-in defaults");
        return PPSCTL_FAILED;
    }
    if (pps_config_private_dir (dir)) {
        fprintf (stderr, "error: cannot make the directory %s\n", dir);
        return PPSCTL_FAILED;
    }
    int64_t map_mb = pps_config_get_int (self->config, "web/map_mb", ACCOUNTS_MAP_MB);
    web_accounts_t *accounts = web_accounts_open (dir, (size_t) (map_mb > 0 ? map_mb
                                                                            : ACCOUNTS_MAP_MB));
    if (!accounts) {
        fprintf (stderr, "error: cannot open the accounts in %s (see above; run as the "
                 "services' user)\n", dir);
        return PPSCTL_FAILED;
    }
    rc = action->run (self, accounts, &args);
    web_accounts_destroy (&accounts);
    return rc;
}

int
ppsctl_cmd_user (ppsctl_t *self, int argc, char **argv)
{
    return s_run (self, "user", s_user_actions, ppsctl_usage_user, argc, argv);
}

int
ppsctl_cmd_token (ppsctl_t *self, int argc, char **argv)
{
    return s_run (self, "token", s_token_actions, ppsctl_usage_token, argc, argv);
}
