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

# run_program WANTED_EXIT NAME PROGRAM ARGS...: like run, any program of BIN
run_program () {
    local wanted=$1 name=$2 program=$3
    shift 3
    "$BIN/$program" "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    if [ "$rc" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $rc, wanted $wanted)"; fi
}

# ---------------------------------------------------------------- --version, --help
# Every program says its version (git describe, else the project's) and
# prints its usage on --help, exit 0, without any service running
for program in ppsctl pps-region pps-keygen pps-national pps-registry pps-projects \
               pps-training pps-funding pps-indicators pps-notify; do
    run_program 0 "$program --version" "$program" --version
    expect "$program --version: name and version" "$OUT" "^$program [0-9]+\.[0-9]+\.[0-9]+"
    run_program 0 "$program --help" "$program" --help
    expect "$program --help: usage" "$OUT" "^usage: "
done
run 0 "ppsctl help" help
expect "help: the configuration rule" "$OUT" "^  3\. \./var/pps/region\.cfg"
expect "help: amounts in euros" "$OUT" "amount_cents=1519\.00EUR"
for command in import vacancies status metrics backup events watch national bilan outbox \
               notifications; do
    run 0 "ppsctl $command --help" "$command" --help
    expect "ppsctl $command --help: usage" "$OUT" "^usage: ppsctl"
done
run 0 "ppsctl help bilan" help bilan
expect "bilan usage: xlsx among the formats" "$OUT" "json\|csv\|dhis2\|dhis2-metadata\|adx\|xlsx"
expect "bilan usage: what the latest is" "$OUT" "else the latest one finalised"
run 0 "ppsctl bilan export --help" bilan export --help
run 0 "ppsctl status --help" status --help
expect "status usage: the national exit code" "$OUT" "status --national +0 the national service answers"
# Services' help comes from the running service: none runs yet
run 3 "registry help with the registry down" --timeout 300 registry help
expect "registry help down: said plainly" "$ERR" "^error: registry does not answer at ipc://"
expect "registry help down: the names all the same" "$OUT" "^  create_establishment$"
run 3 "op --help with the registry down" --timeout 300 registry create-region --help
expect "op --help down: the fields all the same" "$OUT" "^  code +string$"

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
expect "status: the configuration pps-region left" "$OUT" \
    "^configuration: $PPS_REGION_DATA_DIR/region\.cfg \(left by pps-region"
expect "status: no national configured" "$OUT" "^national: not configured"
run 2 "status --national without national/url" status --national

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
expect "help: create_establishment, a write, what it does" "$OUT" \
    "^  create_establishment +write +[A-Z].{10,}$"
expect "help: a read" "$OUT" "^  list_establishments +read +[A-Z]"
run 0 "help of an operation" registry add-member --help
expect "op help: nested enum field" "$OUT" "member.category +registry.MemberCategory: .*SPIP_MEMBER"
expect "op help: its summary" "$OUT" "^add_member: [A-Z]"
expect "op help: its kind" "$OUT" "^  a write \(roles: "
expect "op help: required from Describe" "$OUT" "^  committee_id +uint64, required$"
expect "op help: the limits" "$OUT" "^  name_bytes +200  "
run 0 "help of a read" registry list-establishments --help
expect "read help: a read" "$OUT" "^  a read"
absent "read help: nothing required" "$OUT" ", required"
run 0 "help of an amount" funding submit-application --help
expect "amount help: in euros by its short name" "$OUT" "^  amount_requested +amount in euros"
expect "amount help: a service's own limit" "$OUT" "^  amount_cents_max +10000000000000"

# ---------------------------------------------------------------- money
project () {
    run "$1" "$2" --json projects create-project establishment_id=1 title="Budget" \
        carrier=ASSOCIATION created_on=2025-01-20 themes=TOBACCO "$3"
}
project 0 "amount in euros by the short name" planned_budget=1519.00
expect "euros: stored in cents" "$OUT" '"planned_budget_cents": 151900'
project 0 "amount in euros as ppsctl prints it" "planned_budget=1 519,00 €"
expect "printed form: stored in cents" "$OUT" '"planned_budget_cents": 151900'
project 0 "amount in cents" planned_budget_cents=1519
expect "cents: stored as given" "$OUT" '"planned_budget_cents": 1519'
project 0 "cents field given euros with EUR" planned_budget_cents=1519.00EUR
expect "EUR: stored in cents" "$OUT" '"planned_budget_cents": 151900'
id=$(sed -n 's/^  "id": \([0-9]*\),$/\1/p' "$OUT")
project 2 "cents field given decimals without a currency" planned_budget_cents=15.19
expect "ambiguous amount: says both ways" "$ERR" "^error: planned_budget_cents: '15.19' is not a whole number of cents; for euros write 15.19EUR, or set planned_budget=15.19"
project 2 "not an amount" planned_budget=abc
expect "not an amount: named" "$ERR" "^error: planned_budget: 'abc' is not an amount in euros"
run 0 "get the project" projects get-project id="${id:-1}"
expect "amount shown in euros under its short name" "$OUT" "^planned_budget: 1 519,00 €$"
absent "no cents shown" "$OUT" "_cents"
run 0 "list projects" projects list-projects
expect "amount column in euros" "$OUT" "^ +[0-9]+ .* 1 519,00 €"

# ---------------------------------------------------------------- tables
run 0 "--columns chooses and orders" --columns name,id registry list-establishments region_code=32
expect "--columns: the header" "$OUT" "^name +id$"
expect "--columns: the row" "$OUT" "^MA Test +[0-9]+$"
run 0 "--columns by the amount's short name" --columns id,planned_budget projects list-projects
expect "--columns amount: header" "$OUT" "^id +planned_budget$"
run 2 "--columns with an unknown column" --columns id,colour registry list-establishments
expect "--columns unknown: the columns there are" "$ERR" "^error: --columns: no column 'colour'; this table has: id code name"
run 0 "--columns on events" --columns seq,topic events registry --limit 2
expect "--columns events" "$OUT" "^ +1  registry\.region\.created$"
if [ "$(wc -l <"$OUT")" -eq 2 ]; then ok "events: one line per event, no header"; else fail "events: $(wc -l <"$OUT") lines"; fi
for count in 1 2 3; do
    "$PPSCTL" projects create-project establishment_id=1 carrier=ASSOCIATION created_on=2025-01-20 \
        title="Un projet au titre très long, bien plus long que quarante caractères, n°$count" \
        actions="Des actions décrites longuement, sur plusieurs phrases, pour voir la coupe" \
        >/dev/null 2>&1
done
run 0 "list-projects, default columns" projects list-projects
longest=$(awk '{ print length($0) }' "$OUT" | sort -n | tail -1)
if [ "$longest" -le 120 ]; then ok "list-projects fits 120 columns ($longest)"; else fail "list-projects: a line of $longest"; fi
expect "list-projects: long title cut with an ellipsis" "$OUT" "Un projet au titre très long, bien plus…"
expect "list-projects: says what was left out" "$OUT" "^\([0-9]+ more columns? to fit 120 characters:"
expect "list-projects: names them" "$OUT" " actions "
expect "list-projects: title and status kept" "$OUT" "^id +.*title +.*status"
COLUMNS=60 "$PPSCTL" projects list-projects >"$OUT" 2>"$ERR"
longest=$(awk '{ print length($0) }' "$OUT" | grep -v '^$' | sort -n | tail -1)
if [ "$longest" -le 60 ] || grep -q "^(" "$OUT"; then ok "COLUMNS=60 narrows the table"; else fail "COLUMNS=60"; fi
run 0 "--columns all" --columns all projects list-projects
expect "--columns all: every column" "$OUT" "^id +establishment_id +region_code .* actions "

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

# Any write operation, a request per row of a CSV file
printf 'full_name,region_code,category\nAnne Import,32,HEALTH_PROFESSIONAL\n"Martin, Bruno",32,SPIP_STAFF\nDenis Import,32,ASTRONAUT\n' \
    >"$WORK/persons.csv"
"$PPSCTL" registry list-persons region_code=32 >"$OUT" 2>&1
persons_before=$(grep -c Import "$OUT")
run 1 "import rows: one row refused" import registry create-person "$WORK/persons.csv"
expect "import rows: the summary" "$OUT" "^registry.create_person from .*: 2 imported, 1 refused$"
expect "import rows: the refused row, its line and field" "$ERR" "^  line 4: category: 'ASTRONAUT'"
run 1 "import rows: the same file again" import registry create-person "$WORK/persons.csv"
"$PPSCTL" registry list-persons region_code=32 >"$OUT" 2>&1
if [ "$(grep -c Import "$OUT")" -eq $((persons_before + 1)) ] && grep -q "Martin, Bruno" "$OUT"; then
    ok "import rows: applied once, quoted cells whole"
else
    fail "import rows: applied once, quoted cells whole"
fi
run 2 "import rows: an unknown operation" import registry create-nothing "$WORK/persons.csv"

# ---------------------------------------------------------------- a region not created yet
# Establishments need their region: the import says which command creates it
if [ -f "$CSV" ]; then
    run 1 "import into a region not created yet" import establishments "$CSV" --region 44
    expect "import: says the region is missing" "$ERR" "^error: region 44 is not in the registry yet"
    expect "import: the exact command" "$ERR" \
        '^    ppsctl registry create-region code=44 name="Grand Est" ars_name="ARS Grand Est"$'
    expect "import: or --create-region" "$ERR" "--region 44 --create-region$"
    run 0 "import --create-region" import establishments "$CSV" --region 44 --create-region
    expect "import --create-region: region created from the file" "$ERR" "^created region 44 Grand Est"
    expect "import --create-region: rows imported" "$OUT" "^created: [1-9][0-9]*$"
fi


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
# ---------------------------------------------------------------- bilan before finalising
run 1 "bilan export of a year never finalised" bilan export --year 2019 --format json
expect "export: the service's refusal" "$ERR" "^error: NOT_FOUND version: no finalised bilan 32 2019 version 0"
expect "export: finalise first" "$ERR" "^    ppsctl bilan finalise --year 2019$"
expect "export: what the latest is" "$ERR" "without --version, the latest finalised"
run 1 "bilan show of a version never finalised" bilan show --year 2019 --version 2
expect "show --version 2: which versions exist" "$ERR" "^hint: version 2 of bilan 32 2019 was never finalised"

# ---------------------------------------------------------------- the national link
# Configured but down: its own line, never the region's exit status
PPS_NATIONAL_URL=http://127.0.0.1:9 "$PPSCTL" status --wait 500 >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -eq 0 ]; then ok "status: national down, region healthy: exit 0"; else fail "status with national down: exit $rc"; fi
expect "status: national row" "$OUT" "^national +down "
expect "status: national on its own line" "$OUT" "^national: down at http://127.0.0.1:9 .*not counted in the exit status"
PPS_NATIONAL_URL=http://127.0.0.1:9 "$PPSCTL" status --national --wait 500 >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -eq 1 ]; then ok "status --national: national down: exit 1"; else fail "status --national: exit $rc"; fi
expect "status --national: says so" "$OUT" "^national: down at http://127.0.0.1:9"

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
