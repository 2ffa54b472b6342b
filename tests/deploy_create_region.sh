#!/bin/bash
# deploy/create-region.sh under a scratch root (--root, --no-user): the
# region's directories and their modes, its configuration (the sample of
# deploy/ when there is one, else one made for the code, with its own ports
# and paths), region.cfg linked to the first region, a CURVE key pair per
# service and for the operators with the public certificates in the
# allow-list, the national token and its hash; a second run changes
# nothing; bad arguments are refused.
# Usage: deploy_create_region.sh BIN_DIR DEPLOY_DIR
set -u
BIN=${1:?usage: deploy_create_region.sh BIN_DIR DEPLOY_DIR}
DEPLOY=${2:?usage: deploy_create_region.sh BIN_DIR DEPLOY_DIR}
WORK=$(mktemp -d /tmp/pps-create.XXXXXX)
ROOT="$WORK/root"
OUT="$WORK/out"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () { failed=$((failed + 1)); echo "FAIL $1"; sed 's/^/     out: /' "$OUT" | head -20; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
equal () { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', wanted '$3')"; fi; }
create () { bash "$DEPLOY/create-region.sh" "$@" >"$OUT" 2>&1; }
mode () { stat -c %a "$1"; }
# What a sanitized build's child needs in a clean environment (test_lib.sh)
SANITIZER_ENV=()
for name in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS SANITIZE_TEST_LOG; do
    [ -n "${!name:-}" ] && SANITIZER_ENV+=("$name=${!name}")
done

SERVICES="registry projects training funding indicators notify"
create 32 --root "$ROOT" --no-user --bin "$BIN"
equal "create 32: exit 0" "$?" 0
equal "data directory 0750" "$(mode "$ROOT/var/lib/pps/32")" 750
equal "keys directory 0750" "$(mode "$ROOT/etc/pps/keys/32")" 750
equal "clients directory 0750" "$(mode "$ROOT/etc/pps/clients/32")" 750
check "configuration is the sample" cmp -s "$ROOT/etc/pps/region-32.cfg" "$DEPLOY/region-32.cfg"
equal "configuration 0640" "$(mode "$ROOT/etc/pps/region-32.cfg")" 640
equal "region.cfg is region 32's" "$(readlink "$ROOT/etc/pps/region.cfg")" region-32.cfg
for name in $SERVICES operator monitor; do
    check "$name: certificate" test -s "$ROOT/etc/pps/keys/32/$name.cert"
    equal "$name: secret 0600" "$(mode "$ROOT/etc/pps/keys/32/$name.cert_secret")" 600
    check "$name: allowed client" cmp -s "$ROOT/etc/pps/keys/32/$name.cert" \
        "$ROOT/etc/pps/clients/32/$name.cert"
done
check "services read, the operator administers" \
    grep -q 'role = "reader"' "$ROOT/etc/pps/keys/32/registry.cert"
check "operator: admin role" grep -q 'role = "admin"' "$ROOT/etc/pps/keys/32/operator.cert"
check "monitor: reader role" grep -q 'role = "reader"' "$ROOT/etc/pps/keys/32/monitor.cert"
check "no secret among the allowed clients" bash -c "! ls '$ROOT'/etc/pps/clients/32/*secret* 2>/dev/null"
TOKEN="$ROOT/etc/pps/keys/32/national.token"
equal "national token 0600" "$(mode "$TOKEN")" 600
check "national token: 64 hex digits" grep -Eqx '[0-9a-f]{64}' "$TOKEN"
hash=$(head -1 "$TOKEN" | "$BIN/pps-national" --hash-token -)
check "the token's hash printed for national.cfg" grep -Eq "^            32 = \"$hash\"$" "$OUT"

# A second run keeps every key and file
sums () { find "$ROOT" -type f -exec sha256sum {} + | sort; }
sums >"$WORK/before"
create 32 --root "$ROOT" --no-user --bin "$BIN"
equal "second run: exit 0" "$?" 0
sums >"$WORK/after"
check "second run: nothing changed" cmp -s "$WORK/before" "$WORK/after"
check "second run: same hash" grep -Eq "^            32 = \"$hash\"$" "$OUT"

# A second region on the same machine
create 11 --root "$ROOT" --no-user --bin "$BIN"
equal "create 11: exit 0" "$?" 0
check "11: configuration is the sample" cmp -s "$ROOT/etc/pps/region-11.cfg" "$DEPLOY/region-11.cfg"
equal "11: region.cfg still region 32's" "$(readlink "$ROOT/etc/pps/region.cfg")" region-32.cfg
check "11: its own keys" test -s "$ROOT/etc/pps/keys/11/registry.cert_secret"
check "11: keys differ from 32's" bash -c "! cmp -s '$ROOT/etc/pps/keys/11/registry.cert' '$ROOT/etc/pps/keys/32/registry.cert'"

# A region without a sample: a configuration made for it
create 44 --root "$ROOT" --no-user --bin "$BIN" --operator ars-44.admin
equal "create 44: exit 0" "$?" 0
CFG="$ROOT/etc/pps/region-44.cfg"
check "44: its code" grep -q '^    code = "44"$' "$CFG"
check "44: its data directory" grep -q '^    data_dir = "/var/lib/pps/44"$' "$CFG"
check "44: its keys" grep -q '^    keys_dir = "/etc/pps/keys/44"$' "$CFG"
check "44: its ports" grep -q '^    endpoint = "tcp://127.0.0.1:24401"$' "$CFG"
check "44: nothing of region 32 left" bash -c "! grep -n 32 '$CFG'"
check "44: the named operator key" test -s "$ROOT/etc/pps/keys/44/ars-44.admin.cert"
# Every sample configuration parses, with distinct ports
for cfg in "$DEPLOY"/region-*.cfg "$DEPLOY/national.cfg" "$CFG"; do
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_SECURITY_CURVE=0 PPS_NATIONAL_URL=http://127.0.0.1:1 \
        PPS_REGION_DATA_DIR="$WORK/parse" "$BIN/ppsctl" -c "$cfg" metrics --wait 100 >"$OUT" 2>&1
    equal "$(basename "$cfg") parses" "$?" 0
done
duplicates=$(cat "$DEPLOY"/region-*.cfg | grep -Eo 'tcp://[0-9.]+:[0-9]+' | sort | uniq -d | wc -l)
equal "sample regions share no port" "$duplicates" 0
ports=$(cat "$DEPLOY"/region-*.cfg | grep -Eo 'tcp://[0-9.]+:[0-9]+' | wc -l)
check "sample regions: $ports tcp endpoints" test "$ports" -ge 30

# Refusals
create 99 --root "$ROOT" --no-user --bin "$BIN"
equal "not a region code: exit 2" "$?" 2
create 32 --root "$ROOT" --no-user --bin "$BIN" --bogus
equal "unknown option: exit 2" "$?" 2
create 32 --root "$ROOT" --no-user --bin "$WORK/none"
equal "no programs: exit 1" "$?" 1
create 32 --root "$ROOT" --no-user --bin "$BIN" --operator ../x
equal "bad operator name: exit 2" "$?" 2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
