#!/bin/bash
# A region's projects, their steps and their sessions loaded from the demo
# CSV files (deploy/demo/region-32-*.csv) into a real region started from
# deploy/demo/region-32.cfg without its sample: the establishments from the
# ministry's file first (the files name them by the ids the registry gives
# them there), then one file with ppsctl import, one posted to the API, one
# with ppsctl again. Then every file once more, each by the other way: every
# row is ignored (already applied) and nothing is written twice.
# Usage: web_import.sh BIN_DIR ESTABLISHMENTS_CSV
set -u
BIN=${1:?usage: web_import.sh BIN_DIR ESTABLISHMENTS_CSV}
CSV=${2:?usage: web_import.sh BIN_DIR ESTABLISHMENTS_CSV}
HERE=$(cd "$(dirname "$0")" && pwd)
DEMO="$HERE/../deploy/demo"
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

if [ ! -f "$CSV" ]; then
    echo "skip: $CSV not found"
    exit 77
fi
PORT=$(ports 1) || exit 1
unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export PPS_WEB_BIND="127.0.0.1:$PORT"
# Nothing is pushed here; a dead address keeps the demo's national service
# (a real one may be running on this machine) out of it
export PPS_NATIONAL_URL="http://127.0.0.1:1"
mkdir -p "$PPS_REGION_DATA_DIR"
PPSCTL=("$BIN/ppsctl" -c "$DEMO/region-32.cfg")
ADMIN_PASSWORD="admin-password-$$"
printf '%s\n' "$ADMIN_PASSWORD" | "${PPSCTL[@]}" user bootstrap admin --name "Alice Admin" \
    >"$OUT" 2>"$ERR" || abort "ppsctl user bootstrap admin"
TOKEN=$("${PPSCTL[@]}" token create import-test --role editor --by admin 2>"$ERR") \
    || abort "ppsctl token create"
"$BIN/pps-region" -c "$DEMO/region-32.cfg" >"$WORK/region.log" 2>&1 &
PID[region]=$!
# The region says it is ready once its services and its API are up
wait_for 100 grep -q "region 32 ready" "$WORK/region.log" || abort "the region and its API start"
grep -q "web: listening on http://127.0.0.1:$PORT" "$WORK/region.log" || abort "the API listens"

# run WANTED_EXIT NAME ARGS...: ppsctl with the demo configuration
run () {
    local wanted=$1 name=$2
    shift 2
    "${PPSCTL[@]}" "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    if [ "$rc" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $rc, wanted $wanted)"; fi
}
# expect NAME FILE PATTERN: a line of FILE matches PATTERN
expect () {
    if grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1 (no match for '$3')"; fi
}
# post OPERATION FILE: the file posted to the projects service's operation;
# the import summary in $OUT
post () {
    curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
         -H "Content-Type: text/csv" --data-binary "@$2" \
         "http://127.0.0.1:$PORT/api/v1/projects/$1" 2>"$ERR"
}
# counts: "imported ignored refused" of the summary in $OUT
counts () {
    python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["importCount"]
print(c["imported"], c["ignored"], c["refused"])' "$OUT" 2>>"$ERR"
}
# listed OPERATION: how many items a list operation of projects answers
listed () {
    "${PPSCTL[@]}" --json projects "$1" region_code=32 2>"$ERR" \
        | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))'
}

# The establishments the files name by id: the ministry's 17 of region 32,
# numbered 1 to 17 in the order the import gives them on a fresh registry
run 0 "the ministry's establishments of region 32" import establishments "$CSV" --create-region
"${PPSCTL[@]}" --columns id,code registry list-establishments region_code=32 >"$OUT" 2>"$ERR"
equal "establishments 1 to 17 are those the demo files mean" \
    "$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ { printf "%s=%s ", $1, $2 }' "$OUT")" \
    "1=101739 2=648138 3=912142 4=912147 5=930168 6=641455 7=636494 8=912148 9=912150 10=645380 11=636490 12=101657 13=101620 14=101621 15=101613 16=101614 17=101616 "

run 0 "31 project sheets with ppsctl import" \
    import projects create-project "$DEMO/region-32-projects.csv"
expect "projects: the summary" "$OUT" \
    "^projects.create_project from .*: 31 imported, 0 refused$"
status=$(post transition_project "$DEMO/region-32-transitions.csv")
equal "their 62 steps posted to the API: 200" "$status" 200
equal "steps: 62 imported, 0 ignored, 0 refused" "$(counts)" "62 0 0"
run 0 "65 sessions with ppsctl import" import projects record-session "$DEMO/region-32-sessions.csv"
expect "sessions: the summary" "$OUT" "^projects.record_session from .*: 65 imported, 0 refused$"

equal "31 projects in the region" "$(listed list-projects)" 31
equal "65 sessions in the region" "$(listed list-sessions)" 65
"${PPSCTL[@]}" --json projects list-projects region_code=32 2>"$ERR" | python3 -c '
import collections, json, sys
items = json.load(sys.stdin)["items"]
print(" ".join("%s=%d" % pair for pair in sorted(collections.Counter(
    item.get("status", "DRAFT") for item in items).items())))' >"$WORK/statuses"
equal "their statuses" "$(cat "$WORK/statuses")" \
    "ABANDONED=1 COMPLETED=4 DRAFT=1 PLANNED=2 RUNNING=23"
run 0 "project 1" projects get-project id=1
expect "project 1 is the first row, in CP Lille-Loos-Sequedin (7)" "$OUT" \
    "^establishment_id: 7$"
expect "project 1: its title" "$OUT" "^title: Groupe de parole santé sexuelle et IST \(exemple\)$"

# Each file again, the other way: every row already applied
status=$(post create_project "$DEMO/region-32-projects.csv")
equal "projects posted again: 200, 0 imported, 31 ignored" "$status $(counts)" "200 0 31 0"
run 0 "the steps again, with ppsctl import" \
    import projects transition-project "$DEMO/region-32-transitions.csv"
expect "steps again: all ignored" "$OUT" \
    "^projects.transition_project from .*: 0 imported, 0 refused, 62 ignored \(already applied\)$"
status=$(post record_session "$DEMO/region-32-sessions.csv")
equal "sessions posted again: 200, 0 imported, 65 ignored" "$status $(counts)" "200 0 65 0"
equal "still 31 projects" "$(listed list-projects)" 31
equal "still 65 sessions" "$(listed list-sessions)" 65
finish
