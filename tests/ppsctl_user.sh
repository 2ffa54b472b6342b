#!/bin/bash
# `ppsctl user` and `ppsctl token` on pps-web's accounts in a scratch data
# directory (no gateway, no service running): every step runs the tool as
# an operator would, passwords on standard input, and checks its exit
# status and what it printed.
# Usage: ppsctl_user.sh BIN_DIR   (the directory holding ppsctl)
set -u

BIN=${1:?usage: ppsctl_user.sh BIN_DIR}
PPSCTL="$BIN/ppsctl"
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=test_lib.sh
. "$HERE/test_lib.sh"

# ppsctl's configuration rule: no -c, no $PPS_CONFIG, no region.cfg in the
# data directory: built-in defaults, with the data directory from here
unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export COLUMNS=200
DATA="$PPS_REGION_DATA_DIR/web/data.mdb"

ADMIN_PW='Admin-pass-0001'
READER_PW='Reader-pass-0002'
NEW_PW='Changed-pass-0003'
RESET_PW='Reset-pass-0004'

# run WANTED_EXIT NAME [INPUT] -- ARGS...: run ppsctl with INPUT (lines) on
# standard input, check its exit status
run () {
    local wanted=$1 name=$2 input=""
    shift 2
    if [ "$1" != -- ]; then input=$1; shift; fi
    shift
    printf '%s' "$input" | "$PPSCTL" "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    cat "$OUT" "$ERR" >>"$WORK/all"
    if [ "$rc" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $rc, wanted $wanted)"; fi
}
# expect NAME FILE PATTERN: a line of FILE matches PATTERN
expect () {
    if grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1 (no match for '$3')"; fi
}
# absent NAME FILE PATTERN: no line matches
absent () {
    if grep -Eq -- "$3" "$2"; then fail "$1 (unexpected '$3')"; else ok "$1"; fi
}

# ---------------------------------------------------------------- usage
for command in user token; do
    run 0 "$command --help" -- "$command" --help
    expect "$command --help: usage" "$OUT" "^usage: ppsctl $command "
done
run 0 "user add --help" -- user add --help
expect "user add --help: usage of add" "$OUT" "ppsctl user add LOGIN --name"
run 0 "help token" -- help token
expect "help token: usage" "$OUT" "^usage: ppsctl token create NAME"
run 2 "user without an action" -- user
run 2 "user add without --role" "$ADMIN_PW"$'\n' -- user add carol --name Carol
expect "missing flag named" "$ERR" "--role is missing"
run 2 "a password on the command line is refused" -- \
    user add carol --name Carol --role reader --password "$READER_PW"
expect "says why" "$ERR" "never given on the command line"
run 2 "token revoke of no id" -- token revoke abc
run 1 "list before any account" -- user list
expect "says where it looked" "$ERR" "no accounts in .*/data/web"

# ---------------------------------------------------------------- bootstrap
run 0 "bootstrap the first admin" "$ADMIN_PW"$'\n' -- user bootstrap alice --name "Alice Martin"
expect "bootstrap: says how to add more" "$OUT" "ppsctl user add LOGIN"
run 1 "bootstrap again is refused" "$READER_PW"$'\n' -- user bootstrap zoe --name "Zoé"
expect "bootstrap again: exists" "$ERR" "^error: exists: users exist already"

# ---------------------------------------------------------------- add
run 0 "add a reader" "$READER_PW"$'\n' -- user add bob --name "Bob Durand" --role reader
expect "add: says so" "$OUT" "bob .*added as reader"
run 0 "list" -- user list
expect "list: alice is an admin" "$OUT" "^alice +Alice Martin +admin +active +never"
expect "list: bob is a reader" "$OUT" "^bob +Bob Durand +reader +active +never"
expect "list: count" "$OUT" "^2 users"
run 1 "duplicate add is refused" "$READER_PW"$'\n' -- user add bob --name "Bob Bis" --role editor
expect "duplicate: exists" "$ERR" "^error: exists: user 'bob' exists already"
run 1 "short password is refused" $'short\n' -- user add carol --name "Carol" --role editor
expect "short password: names the password" "$ERR" "^error: invalid_password password: "
run 1 "no password on stdin is refused" -- user add carol --name "Carol" --role editor
run 1 "unknown role is refused" "$READER_PW"$'\n' -- user add carol --name "Carol" --role boss
expect "unknown role: names the role" "$ERR" "^error: invalid_role role: 'boss'"
run 1 "bad login is refused" "$READER_PW"$'\n' -- user add "Carol M" --name "Carol" --role editor
expect "bad login: names the login" "$ERR" "^error: invalid_login login: "
run 0 "list --json" -- --json user list
expect "list --json: bob's role" "$OUT" '"role": "reader"'
check "list --json: two users, still" test "$(grep -c '"login"' "$OUT")" -eq 2

# ---------------------------------------------------------------- disable, enable
run 0 "disable bob" -- user disable bob
run 0 "list after disable" -- user list
expect "list: bob disabled" "$OUT" "^bob +Bob Durand +reader +disabled"
expect "list: alice still active" "$OUT" "^alice +Alice Martin +admin +active"
run 0 "enable bob" -- user enable bob
run 0 "list after enable" -- user list
expect "list: bob active again" "$OUT" "^bob +Bob Durand +reader +active"
run 1 "disable nobody" -- user disable nobody
expect "disable nobody: not_found" "$ERR" "^error: not_found: no user 'nobody'"

# ---------------------------------------------------------------- passwords
run 1 "passwd with a wrong old password" "wrong-password-9"$'\n'"$NEW_PW"$'\n' -- user passwd bob
expect "passwd wrong: bad_credentials" "$ERR" "^error: bad_credentials: the current password"
run 0 "passwd" "$READER_PW"$'\n'"$NEW_PW"$'\n' -- user passwd bob
expect "passwd: says so" "$OUT" "password of bob changed"
run 1 "the old password no longer works" "$READER_PW"$'\n'"$RESET_PW"$'\n' -- user passwd bob
run 0 "the new one does" "$NEW_PW"$'\n'"$NEW_PW"$'\n' -- user passwd bob
run 0 "reset" "$RESET_PW"$'\n' -- user reset bob
expect "reset: says so" "$OUT" "password of bob reset"
run 0 "the reset password works" "$RESET_PW"$'\n'"$NEW_PW"$'\n' -- user passwd bob

# ---------------------------------------------------------------- tokens
run 1 "a reader creates no token" -- token create deploy --role reader --by bob
expect "token by a reader: forbidden" "$ERR" "only an admin creates tokens"
run 0 "token create" -- token create "deploy script" --role editor --by alice
TOKEN=$(cat "$OUT")
check "token create: prints a ppst_ token alone" \
    grep -Eqx 'ppst_[0-9]+_[A-Za-z0-9_-]{43}' "$OUT"
expect "token create: warns it is shown once" "$ERR" "shown only once"
TOKEN_ID=$(sed -E 's/^ppst_([0-9]+)_.*/\1/' "$OUT")
run 0 "token list" -- token list
expect "token list: the token" "$OUT" "^ *$TOKEN_ID +deploy script +editor +alice +[0-9T:-]+Z +never +no$"
absent "token list: not its secret" "$OUT" "ppst_"
run 0 "token revoke" -- token revoke "$TOKEN_ID"
run 0 "token list after revoke" -- --columns id,revoked token list
expect "token list: revoked" "$OUT" "^ *$TOKEN_ID +20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]+Z$"
run 0 "token list --json" -- --json token list
expect "token list --json: revoked" "$OUT" '"revoked": true'
run 1 "revoke an unknown token" -- token revoke 999
expect "revoke unknown: not_found" "$ERR" "^error: not_found: no token 999"

# ---------------------------------------------------------------- nothing in clear
check "the accounts store exists" test -s "$DATA"
for secret in "$ADMIN_PW" "$READER_PW" "$NEW_PW" "$RESET_PW" "${TOKEN#ppst_*_}"; do
    equal "no secret in clear in data.mdb (${secret:0:6}...)" "$(grep -ac -- "$secret" "$DATA")" 0
done
for secret in "$ADMIN_PW" "$READER_PW" "$NEW_PW" "$RESET_PW"; do
    absent "no password printed by any step (${secret:0:6}...)" "$WORK/all" "$secret"
done

finish
