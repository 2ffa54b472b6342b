#!/bin/bash
# The funding service driven by ppsctl against a real region process
# (pps-region): an operator opens a joint ARS/DISP call, records the
# applications of real projects, decides them and reads the co-financing and
# concertation views; bad input is refused with the field at fault; then the
# region is killed with SIGKILL mid-way and restarted on the same data, and
# every acknowledged change is still there, once, in the records and the
# event log.
# Usage: funding_ppsctl_test.sh BIN_DIR   (the directory holding ppsctl and pps-region)
set -u

BIN=${1:?usage: funding_ppsctl_test.sh BIN_DIR}
PPSCTL="$BIN/ppsctl"

unset PPS_CONFIG
export PPS_REGION_DATA_DIR PPS_REGION_CODE=32
PPS_REGION_DATA_DIR=$(mktemp -d)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
SERVICE_PID=""

cleanup () {
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
    "$PPSCTL" --actor operator "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    if [ "$rc" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $rc, wanted $wanted)"; fi
}

# expect NAME FILE PATTERN: the last output (OUT or ERR) has a line matching PATTERN
expect () {
    if grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1 (no match for '$3')"; fi
}

# flat NAME PATTERN: OUT with its spaces and newlines removed matches PATTERN
# (to check a nested JSON value in place)
flat () {
    if tr -d ' \n' <"$OUT" | grep -Eq -- "$2"; then ok "$1"; else fail "$1 (no match for '$2')"; fi
}

# count NAME WANTED PATTERN: OUT has exactly WANTED lines matching PATTERN
count () {
    local got
    got=$(grep -Ec -- "$3" "$OUT")
    if [ "$got" -eq "$2" ]; then ok "$1"; else fail "$1 ($got lines, wanted $2)"; fi
}

# start the region and wait until every service answers
start () {
    "$BIN/pps-region" >>"$WORK/service.log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 100); do
        if "$PPSCTL" status >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "pps-region did not answer"; cat "$WORK/service.log"
    exit 1
}

start

# ---------------------------------------------------------------- prerequisites
run 0 "region 32" registry create-region code=32 name=Hauts-de-France
run 0 "establishment A" registry create-establishment code=A1 name="MA Alpha" kind=MA region_code=32
run 0 "establishment B" registry create-establishment code=B1 name="CD Beta" kind=CD region_code=32
run 0 "establishment C" registry create-establishment code=C1 name="CP Gamma" kind=CP region_code=32
run 0 "project 1" projects create-project establishment_id=1 title="Réduction des risques" \
    carrier=HEALTH_UNIT created_on=2025-01-15 themes=ADDICTIONS_HARM_REDUCTION,SEXUAL_HEALTH \
    planned_budget_cents=5000000
run 0 "project 2" projects create-project establishment_id=2 title="Sans tabac" \
    carrier=ASSOCIATION created_on=2025-01-20 themes=TOBACCO planned_budget_cents=2000000

# ---------------------------------------------------------------- the joint call
run 0 "funder ARS FIR" funding create-funder kind=FIR level=REGIONAL region_code=32 \
    name="ARS Hauts-de-France - FIR"
expect "funder: kind by name" "$OUT" "^kind: FIR$"
run 0 "funder DISP" funding create-funder kind=DISP_DRUG_FUND level=REGIONAL region_code=32 \
    name="DISP de Lille - fonds de concours drogue"
run 2 "bad funder kind refused by ppsctl" funding create-funder kind=BANK level=NATIONAL name=X
run 1 "national funder with a region refused" funding create-funder kind=DAP level=NATIONAL \
    region_code=32 name=DAP
expect "refusal names the field" "$ERR" "^error: INVALID_ARGUMENT funder.region_code: "

run 0 "joint call" --request-id fund-call-1 funding create-call title="AAP conjoint ARS/DISP 2025" \
    funder_ids=1,2 coordinated_instruction=true year=2025 envelope_cents=6000000 \
    opening_date=2025-03-01 closing_date=2025-04-30
expect "call: draft" "$OUT" "^status: DRAFT$"
expect "call: two funders" "$OUT" "^funder_ids: 1, 2$"
run 0 "open the call" funding transition-call call_id=1 status=OPEN date=2025-03-01
expect "call: open" "$OUT" "^status: OPEN$"

run 0 "project 1 asks the ARS" funding submit-application call_id=1 funder_id=1 project_id=1 \
    amount_requested_cents=3000000 submitted_on=2025-03-10
expect "application: establishment from the projects service" "$OUT" "^establishment_id: 1$"
run 0 "project 1 asks the DISP" funding submit-application call_id=1 funder_id=2 project_id=1 \
    amount_requested_cents=2500000 submitted_on=2025-03-11
run 0 "project 2 asks the ARS" funding submit-application call_id=1 funder_id=1 project_id=2 \
    amount_requested_cents=1000000 submitted_on=2025-04-30

run 1 "late application refused" funding submit-application call_id=1 funder_id=2 project_id=2 \
    amount_requested_cents=100 submitted_on=2025-05-01
expect "late: the date is at fault" "$ERR" "^error: FAILED_PRECONDITION application.submitted_on: "
run 1 "second application refused" funding submit-application call_id=1 funder_id=1 project_id=1 \
    amount_requested_cents=100 submitted_on=2025-03-12
expect "duplicate: the project is at fault" "$ERR" "^error: ALREADY_EXISTS application.project_id: "
run 1 "unknown project refused" funding submit-application call_id=1 funder_id=1 project_id=99 \
    amount_requested_cents=100 submitted_on=2025-03-12
expect "unknown project: asked to the projects service" "$ERR" "^error: NOT_FOUND application.project_id: "

run 0 "close the call" funding transition-call call_id=1 status=CLOSED date=2025-05-02
run 1 "over-grant refused" funding decide-application application_id=3 status=GRANTED \
    amount_granted_cents=1000001 decision_date=2025-06-01
expect "over-grant: the amount is at fault" "$ERR" "^error: INVALID_ARGUMENT amount_granted_cents: "
run 0 "grant" funding decide-application application_id=1 status=GRANTED \
    amount_granted_cents=3000000 decision_date=2025-06-01
run 0 "partial grant" funding decide-application application_id=2 status=PARTLY_GRANTED \
    amount_granted_cents=1000000 decision_date=2025-06-02
expect "partial grant recorded" "$OUT" "^status: PARTLY_GRANTED$"

# ---------------------------------------------------------------- crash and restart
run 0 "events before the crash" events funding
before=$(grep -c ' funding\.' "$OUT")
exec 3>&2 2>/dev/null           # bash reports the killed job on stderr: not a failure
kill -KILL "$SERVICE_PID"
wait "$SERVICE_PID"
exec 2>&3 3>&-
SERVICE_PID=""
start
run 0 "events after the restart" events funding
after=$(grep -c ' funding\.' "$OUT")
if [ "$before" -eq "$after" ] && [ "$after" -ge 10 ]; then ok "every acknowledged change survived ($after events)"
else fail "events: $before before the crash, $after after"; fi
run 0 "call after the restart" funding get-call id=1
expect "still closed" "$OUT" "^status: CLOSED$"
run 0 "retry of the call's creation" --request-id fund-call-1 funding create-call \
    title="AAP conjoint ARS/DISP 2025" funder_ids=1,2 coordinated_instruction=true year=2025 \
    envelope_cents=6000000 opening_date=2025-03-01 closing_date=2025-04-30
expect "retry: the first answer" "$OUT" "^id: 1$"
run 0 "list calls" funding list-calls
expect "retry wrote nothing" "$OUT" "^1 item$"

run 0 "rejection" funding decide-application application_id=3 status=REJECTED \
    decision_date=2025-06-03 rejection_reason="hors priorités régionales"
run 0 "the call is decided" funding transition-call call_id=1 status=DECIDED date=2025-06-30
expect "call: decided" "$OUT" "^status: DECIDED$"

# ---------------------------------------------------------------- views
run 0 "co-financing of project 1" --json funding co-financing project_id=1
expect "co-financing: planned budget" "$OUT" '"planned_budget_cents": 5000000'
expect "co-financing: granted" "$OUT" '"granted_cents": 4000000'
expect "co-financing: requests over the budget" "$OUT" '"over_requested": true'
expect "co-financing: short of the budget" "$OUT" '"under_funded": true'

run 0 "concertation of the call" --json funding concertation call_id=1
expect "concertation: requests" "$OUT" '"requested_cents": 6500000'
expect "concertation: over the envelope" "$OUT" '"requests_exceed_envelope": true'
flat "concertation: project 1 asked two funders" \
    '"multi_funder_projects":\[\{"project_id":1,[^}]*"funder_ids":\[1,2\],"requested_cents":5500000\}\]'
flat "concertation: the establishment that asked nothing" \
    '"silent_establishments":\[\{"establishment_id":3,"code":"C1"'

run 0 "granted totals" --json funding granted-totals from=2025-01-01 to=2025-12-31
expect "totals: all funders" "$OUT" '"total_cents": 4000000'
expect "totals: two funders granted" "$OUT" '"funders_granting": 2'
expect "totals: per funder kind" "$OUT" '"key": "DISP_DRUG_FUND"'

run 0 "the event log" events funding
count "log: three submissions" 3 ' funding\.application\.submitted '
count "log: three decisions" 3 ' funding\.application\.decided '
count "log: three transitions" 3 ' funding\.call\.transitioned '
expect "log: the operator" "$OUT" "operator +funding\.call\.created"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
