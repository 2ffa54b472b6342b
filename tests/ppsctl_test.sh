#!/bin/bash
# ppsctl against a real region process (pps-region: every regional service,
# no sample data): every step runs the tool as an operator would and checks
# its exit status and what it printed.
# Usage: ppsctl_test.sh BIN_DIR   (the directory holding ppsctl and pps-region)
set -u

BIN=${1:?usage: ppsctl_test.sh BIN_DIR}
PPSCTL="$BIN/ppsctl"
HERE=$(cd "$(dirname "$0")" && pwd)
CSV="$HERE/../../shared/data/etablissements_penitentiaires.csv"

unset PPS_CONFIG
export PPS_REGION_DATA_DIR
PPS_REGION_DATA_DIR=$(mktemp -d)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
SERVICE_PID=""
WATCH_PID=""

cleanup () {
    [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
    [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
    rm -rf "$PPS_REGION_DATA_DIR" "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok ()   { passed=$((passed + 1)); echo "ok   $1"; }
fail () {
    failed=$((failed + 1)); echo "FAIL $1"
    sed 's/^/     out: /' "$OUT" | head -20
    sed 's/^/     err: /' "$ERR" | head -20
}

# run WANTED_EXIT NAME ARGS...: run ppsctl, check its exit status
run () {
    local wanted=$1 name=$2
    shift 2
    "$PPSCTL" "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    if [ "$rc" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $rc, wanted $wanted)"; fi
}

# expect NAME FILE PATTERN: the last output (OUT or ERR) has a line matching PATTERN
expect () {
    if grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1 (no match for '$3')"; fi
}

# absent NAME FILE PATTERN: no line matches
absent () {
    if grep -Eq -- "$3" "$2"; then fail "$1 (unexpected '$3')"; else ok "$1"; fi
}

# ---------------------------------------------------------------- start
"$BIN/pps-region" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
up=0
for _ in $(seq 50); do
    if "$PPSCTL" status >/dev/null 2>&1; then up=1; break; fi
    sleep 0.1
done
if [ "$up" -ne 1 ]; then
    echo "pps-region did not answer"; cat "$WORK/service.log"
    exit 1
fi

run 0 "status: registry up" status
expect "status: row of the registry" "$OUT" "^registry +up "

# ---------------------------------------------------------------- generic operations
run 0 "create region 32" registry create-region code=32 name=Hauts-de-France ars_name="ARS Hauts-de-France"
expect "create region: record printed" "$OUT" "^name: Hauts-de-France$"

run 0 "create establishment" --actor tester registry create-establishment \
    name="MA Test" kind=ma region_code=32 code=X1 capacity=120 has_minors_quarter=yes
expect "create establishment: enum by name" "$OUT" "^kind: MA$"
expect "create establishment: bool" "$OUT" "^has_minors_quarter: true$"
expect "create establishment: id assigned" "$OUT" "^id: [1-9][0-9]*$"

run 0 "list establishments" registry list-establishments region_code=32
expect "list: table header" "$OUT" "^id +code +name +kind"
expect "list: the row" "$OUT" "X1 +MA Test +MA +true +120"
expect "list: count line" "$OUT" "^1 item$"

run 0 "list establishments --json" --json registry list-establishments region_code=32 minors_only=true
expect "json: name" "$OUT" '"name": "MA Test"'
expect "json: enum as name" "$OUT" '"kind": "MA"'
expect "json: number" "$OUT" '"capacity": 120'
expect "json: unset date is null" "$OUT" '"closed_on": null'

run 0 "list with a filter that matches nothing" registry list_establishments kind=CP
expect "filter: empty table" "$OUT" "^0 items$"

run 0 "help lists the operations" registry help
expect "help: create_establishment" "$OUT" "create_establishment +registry.Establishment +write"
run 0 "help of an operation" registry add-member --help
expect "op help: nested enum field" "$OUT" "member.category +registry.MemberCategory: .*SPIP_MEMBER"

# ---------------------------------------------------------------- bad input: nothing sent
run 2 "bad enum value refused" registry create-establishment name=Bad kind=XX region_code=32 code=B1
expect "bad enum: names the field" "$ERR" "^error: kind: 'XX'"
run 2 "integer overflow refused" registry create-establishment name=Bad capacity=99999999999
expect "overflow: names the field" "$ERR" "^error: capacity:"
run 2 "unknown field refused" registry create-establishment colour=blue
expect "unknown field: named" "$ERR" "colour"
run 2 "bad date refused" registry create-establishment closed_on=2025-02-30
run 2 "unknown operation refused" registry no-such-op
run 0 "nothing was sent" registry list-establishments
expect "still one establishment" "$OUT" "^1 item$"

# ---------------------------------------------------------------- refused by the service
run 1 "unknown region refused by the registry" registry create-establishment \
    name="MA Ailleurs" kind=MA region_code=99 code=X2
expect "refusal names the field" "$ERR" "^error: NOT_FOUND establishment.region_code: "

# ---------------------------------------------------------------- idempotent retry
run 0 "write with a request id" --request-id test-retry-1 registry create-region code=11 name="Île-de-France"
run 0 "same request id again" --request-id test-retry-1 registry create-region code=11 name="Île-de-France"
run 0 "events of the registry" events registry
expect "events: the region" "$OUT" " registry\.region\.created +region 11 "
if [ "$(grep -c 'region 11 ' "$OUT")" -eq 1 ]; then ok "retry wrote once"; else fail "retry wrote once"; fi
expect "events: the actor" "$OUT" "tester +registry\.establishment\.created"

# ---------------------------------------------------------------- import
if [ -f "$CSV" ]; then
    run 0 "import establishments of region 32" import establishments "$CSV" --region 32
    expect "import: some created" "$OUT" "^created: [1-9][0-9]*$"
    run 0 "list after import" registry list-establishments region_code=32
    expect "import: more than one establishment" "$OUT" "^([2-9]|[1-9][0-9]+) items$"
else
    echo "skip import: $CSV not found"
fi
run 2 "import of a missing file" import establishments "$WORK/none.csv"

# ---------------------------------------------------------------- watch
"$PPSCTL" watch --count 1 --for 20 >"$WORK/watch.out" 2>"$WORK/watch.err" &
WATCH_PID=$!
for _ in $(seq 50); do
    grep -q "^watching" "$WORK/watch.err" && break
    sleep 0.1
done
run 0 "create a person" --actor tester registry create-person full_name="Jeanne Martin" \
    organisation="ARS" region_code=32 category=ARS_STAFF
wait "$WATCH_PID"
watch_rc=$?
WATCH_PID=""
if [ "$watch_rc" -eq 0 ]; then ok "watch: exits after one event"; else fail "watch: exit $watch_rc"; fi
expect "watch: the person's event" "$WORK/watch.out" "^[0-9]+ registry\.person\.created tester +person [0-9]+ Jeanne Martin$"

run 0 "events --json" --json events registry --since 0
expect "events json: decoded person" "$OUT" '"full_name": "Jeanne Martin"'

# ---------------------------------------------------------------- referents
run 0 "vacancies of region 32" vacancies 32 --date 2025-06-30
expect "vacancies: a table" "$OUT" "^[0-9]+ items?$"
expect "vacancies: the ARS referent is missing" "$OUT" "ARS_REFERENT"

# ---------------------------------------------------------------- down
run 0 "status before the stop" status
kill "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null
SERVICE_PID=""
run 1 "status when the region is down" status
expect "status: down" "$OUT" "^registry +down "
run 3 "a call when the registry is down" --timeout 300 registry list-regions
expect "unreachable message" "$ERR" "^error: registry unreachable at ipc://"

# ---------------------------------------------------------------- the bilan contract
# Needs no service: ppsctl carries the contract the services check by
run 0 "bilan indicators" bilan indicators
expect "bilan indicators: OS 2 by family" "$OUT" "^OS2.penitentiary_trained +ratio "
expect "bilan indicators: the annex sentence" "$OUT" "annex 5: « Nombre de comité de promotion"
expect "bilan indicators: the rules" "$OUT" "^numerator_le_denominator +error "
run 2 "bilan indicators with a stray argument" bilan indicators --html

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
