#!/bin/bash
# The push of finalised bilans to the national service, and the exports:
# one region (pps-region, over ipc in a temporary directory) and
# pps-national on a free 127.0.0.1 port, both real processes, driven with
# ppsctl as an operator would. Covers delivery, a national service down
# (retries, then exactly one delivery), a crash of the region while an
# entry is pending, a wrong token (NEEDS_OPERATOR, fixed, retried), plain
# http refused, and the export formats.
# Usage: indicators_push.sh BIN_DIR
set -u
BIN=${1:?usage: indicators_push.sh BIN_DIR}
# shellcheck source=indicators_push_lib.sh
. "$(dirname "$0")/indicators_push_lib.sh"

national_setup 32 token-of-32
national_start
region_setup r32 32 token-of-32
region_start r32

# ---------------------------------------------------------------- data
# Two establishments, a programme in force, one steering committee, two
# regional meetings in 2025 (one in 2024), one running project:
# A5.1 = 1, A5.5 = 1/2, A5.6 = 1/2, OS3.meetings = 2.
ctl r32 registry create-region code=32 name=Hauts-de-France ars_name="ARS HdF" \
    || abort "create region"
op r32 registry create-establishment name="MA Un" kind=MA region_code=32 code=E1 capacity=100
E1=$LAST_ID
op r32 registry create-establishment name='CD "Deux", & co' kind=CD region_code=32 code=E2 \
    capacity=80
op r32 registry put-programme region_code=32 adopted_on=2024-03-01 period_start=2024-01-01 \
    period_end=2028-12-31
op r32 registry create-steering-committee establishment_id="$E1" constituted_on=2024-06-01
op r32 registry create-regional-committee region_code=32 created_on=2024-01-10
COMMITTEE=$LAST_ID
for day in 2024-11-05 2025-03-04 2025-09-16; do
    op r32 registry create-meeting body_kind=REGIONAL_COMMITTEE_BODY body_id="$COMMITTEE" \
        date=$day title="Comité régional"
done
op r32 projects create-project establishment_id="$E1" title="Projet A" carrier=HEALTH_UNIT \
    created_on=2025-01-15
PROJECT=$LAST_ID
op r32 projects transition-project id="$PROJECT" to=PLANNED date=2025-01-20
op r32 projects transition-project id="$PROJECT" to=RUNNING date=2025-02-01

# ---------------------------------------------------------------- compute
ok=0
for _ in $(seq 50); do
    ctl r32 bilan compute --year 2025 && grep -Eq '^OS3.meetings +2 ' "$OUT" && { ok=1; break; }
    sleep 0.1
done
equal "compute: the read model caught up" "$ok" 1
check "compute: A5.1 row" grep -Eq '^A5.1 +1 +- +1  Existence d.un programme' "$OUT"
check "compute: A5.5 row" grep -Eq '^A5.5 +1 +2 +0.5 ' "$OUT"
check "compute: A5.6 row" grep -Eq '^A5.6 +1 +2 +0.5 ' "$OUT"
check "compute: validation listed" grep -Eq '^  warning headcount_missing OS2.health_trained' "$OUT"
check "compute --json" ctl r32 --json bilan compute --year 2025
check "compute --json: the state" grep -q '"state": "DRAFT"' "$OUT"
ctl r32 bilan compute
equal "compute without --year: usage error" "$?" 2

# ---------------------------------------------------------------- refused at finalise
# What the national service would refuse is refused here, with its words:
# region 99 has no ARS (the contract's list of 18)
ctl r32 bilan finalise --year 2025 --region 99
equal "finalise for a region the national service refuses: exit 1" "$?" 1
check "finalise refused: FAILED_PRECONDITION on region" grep -q '^error: FAILED_PRECONDITION .*region' "$ERR"
check "finalise refused: the national service's message" \
    grep -q 'must be the INSEE code of a region with an ARS' "$ERR"
ctl r32 bilan list --region 99
check "finalise refused: no version stored" bash -c "! grep -q '^99' '$OUT'"

# ---------------------------------------------------------------- delivered
check "finalise version 1" finalise r32
check "finalise: version and key printed" grep -q '^queued for the national service as 32:2025:1$' "$OUT"
check "finalise: the request id printed" grep -Eq '^request id finalise-r32-' "$OUT"
check "outbox: 32:2025:1 DELIVERED" wait_for 100 outbox_is r32 32:2025:1 DELIVERED
equal "outbox: last status 201" "$(outbox_field r32 32:2025:1 5)" 201
equal "bilan 1 ACKNOWLEDGED" "$(bilan_state r32 1)" ACKNOWLEDGED
equal "national aggregate: status" "$(national_get '/api/v1/aggregate?period=2025' "$WORK/agg.json")" 200
equal "national aggregate: region 32" "$("$TOOL" json "$WORK/agg.json" regions/0)" 32
equal "national aggregate: A5.5 numerator" "$("$TOOL" json "$WORK/agg.json" indicators/A5.5/numerator)" 1
check "ppsctl national aggregate" ctl r32 national aggregate --period 2025 --url "$NATIONAL_URL"
check "ppsctl national aggregate: one region" grep -q '^period 2025: 1/18 regions reporting' "$OUT"
check "events: delivered logged" ctl r32 events indicators
check "events: outbox_entry.delivered" grep -Eq 'outbox +indicators.outbox_entry.delivered' "$OUT"
check "events: bilan.acknowledged" grep -Eq 'outbox +indicators.bilan.acknowledged' "$OUT"

# ---------------------------------------------------------------- national down
stop national
op r32 registry create-meeting body_kind=REGIONAL_COMMITTEE_BODY body_id="$COMMITTEE" \
    date=2025-12-01 title="Comité régional"
sleep 0.3
check "finalise version 2 while national is down" finalise r32
attempts_at_least () { [ "$(outbox_field r32 32:2025:2 3)" -ge "$1" ] 2>/dev/null; }
check "outbox: attempts grow" wait_for 50 attempts_at_least 2
equal "outbox: still PENDING" "$(outbox_field r32 32:2025:2 2)" PENDING
check "outbox: a last error" grep -Eq '^32:2025:2 +PENDING .*(connect|Connection)' "$OUT"
equal "bilan 2 still FINALISED" "$(bilan_state r32 2)" FINALISED

# A crash of the region while the entry is pending: it is still there after
crash r32
region_start r32
equal "after a crash: 32:2025:2 still PENDING" "$(outbox_field r32 32:2025:2 2)" PENDING
sleep 0.5
equal "after a crash: still PENDING while national is down" "$(outbox_field r32 32:2025:2 2)" PENDING

national_start
check "national back: 32:2025:2 DELIVERED" wait_for 100 outbox_is r32 32:2025:2 DELIVERED
equal "bilan 2 ACKNOWLEDGED" "$(bilan_state r32 2)" ACKNOWLEDGED
equal "national regions: status" "$(national_get '/api/v1/regions?period=2025' "$WORK/regions.json")" 200
equal "national regions: version 2" "$("$TOOL" json "$WORK/regions.json" regions/0/version)" 2
equal "national holds version 1" "$(national_get /api/v1/bilans/32/2025/1 "$WORK/v1.json")" 200
equal "national holds version 2" "$(national_get /api/v1/bilans/32/2025/2 "$WORK/v2.json")" 200
national_get /api/v1/status "$WORK/status.json" >/dev/null
equal "national: two bilans stored" "$("$TOOL" json "$WORK/status.json" bilans_stored)" 2
equal "each bilan stored once" "$((NATIONAL_STORES + $(national_stores)))" 2

# A resend of an acknowledged bilan: 200, nothing stored twice
check "outbox retry 32:2025:1" ctl r32 outbox retry 32:2025:1
check "retry: requeued" grep -q '^32:2025:1 requeued: PENDING' "$OUT"
last_status_is () { [ "$(outbox_field r32 32:2025:1 5)" = "$1" ]; }
check "retry: national answered 200" wait_for 100 last_status_is 200
equal "retry: DELIVERED again" "$(outbox_field r32 32:2025:1 2)" DELIVERED
national_get /api/v1/status "$WORK/status.json" >/dev/null
equal "retry: still two bilans stored" "$("$TOOL" json "$WORK/status.json" bilans_stored)" 2
ctl r32 outbox retry 32:2025:99
equal "retry of an unknown key: refused" "$?" 1
check "retry of an unknown key: NOT_FOUND" grep -q '^error: NOT_FOUND key:' "$ERR"

# ---------------------------------------------------------------- wrong token
printf 'not-the-token\n' >"${TOKEN_FILE[r32]}"
check "finalise version 3 with a wrong token" finalise r32
check "outbox: 32:2025:3 NEEDS_OPERATOR" wait_for 100 outbox_is r32 32:2025:3 NEEDS_OPERATOR
equal "wrong token: 401" "$(outbox_field r32 32:2025:3 5)" 401
check "wrong token: the national message" grep -Eq '^32:2025:3 .*HTTP 401' "$OUT"
equal "bilan 3 REJECTED" "$(bilan_state r32 3)" REJECTED
sleep 0.5
equal "NEEDS_OPERATOR: not retried alone" "$(outbox_field r32 32:2025:3 3)" 1
printf 'token-of-32\n' >"${TOKEN_FILE[r32]}"
check "retry after fixing the token" ctl r32 outbox retry 32:2025:3
check "fixed: 32:2025:3 DELIVERED" wait_for 100 outbox_is r32 32:2025:3 DELIVERED
equal "bilan 3 ACKNOWLEDGED" "$(bilan_state r32 3)" ACKNOWLEDGED

# ---------------------------------------------------------------- exports (version 2)
check "export csv" ctl r32 bilan export --year 2025 --version 2 --format csv --output "$WORK/b.csv"
check "csv: written" grep -q "^wrote $WORK/b.csv (text/csv" "$ERR"
equal "csv: header" "$(head -1 "$WORK/b.csv" | tr -d '\r')" \
      "scope,establishment_code,establishment_name,indicator,kind,numerator,denominator,value"
check "csv: A5.1 row" grep -q $'^region,,,A5.1,yes_no,1,,1\r$' "$WORK/b.csv"
check "csv: A5.5 row" grep -q $'^region,,,A5.5,ratio,1,2,0.5\r$' "$WORK/b.csv"
check "csv: OS3.meetings row" grep -q $'^region,,,OS3.meetings,count,3,,3\r$' "$WORK/b.csv"
check "csv: quoted name" grep -q $'^establishment,E2,"CD ""Deux"", & co",A5.5,ratio,0,1,0\r$' "$WORK/b.csv"
check "export dhis2" ctl r32 bilan export --year 2025 --version 2 --format dhis2 --output "$WORK/d.json"
equal "dhis2: codes as identifiers" "$("$TOOL" json "$WORK/d.json" idScheme)" CODE
equal "dhis2: the data set" "$("$TOOL" json "$WORK/d.json" dataSet)" PPS_BILAN
check "dhis2: no top-level orgUnit over establishments' values" \
    bash -c '! "$0" json "$1" orgUnit 2>/dev/null' "$TOOL" "$WORK/d.json"
equal "dhis2: A5.1 (yes/no)" "$("$TOOL" dhis2 "$WORK/d.json" A5.1 32 2025)" true
equal "dhis2: OS3.meetings" "$("$TOOL" dhis2 "$WORK/d.json" OS3.meetings 32 2025)" 3
equal "dhis2: A5.5 numerator at E1" "$("$TOOL" dhis2 "$WORK/d.json" A5.5 E1 2025 PPS_NUMERATOR)" 1
equal "dhis2: A5.5 denominator at E1" \
      "$("$TOOL" dhis2 "$WORK/d.json" A5.5 E1 2025 PPS_DENOMINATOR)" 1
equal "dhis2: A5.5 numerator at E2" "$("$TOOL" dhis2 "$WORK/d.json" A5.5 E2 2025 PPS_NUMERATOR)" 0
check "dhis2: A5.5 not sent again for the region" \
    bash -c '! "$0" dhis2 "$1" A5.5 32 2025 PPS_NUMERATOR 2>/dev/null' "$TOOL" "$WORK/d.json"
equal "dhis2: per establishment" "$("$TOOL" dhis2 "$WORK/d.json" A5.6 E1 2025 PPS_NUMERATOR)" 1
check "export dhis2-metadata" ctl r32 bilan export --year 2025 --version 2 --format dhis2-metadata \
    --output "$WORK/m.json"
equal "dhis2-metadata: the region named by the registry" \
      "$("$TOOL" json "$WORK/m.json" organisationUnits/0/name)" Hauts-de-France
equal "dhis2-metadata: an establishment under it" \
      "$("$TOOL" json "$WORK/m.json" organisationUnits/1/parent/code)" 32
equal "dhis2-metadata: the data set" "$("$TOOL" json "$WORK/m.json" dataSets/0/periodType)" Yearly
ctl r32 bilan export --year 2025 --version 2 --format xlsx
equal "export xlsx without --output: usage" "$?" 2
check "export xlsx" ctl r32 bilan export --year 2025 --version 2 --format xlsx --output "$WORK/b.xlsx"
check "xlsx: written" grep -q "^wrote $WORK/b.xlsx (application/vnd.openxmlformats" "$ERR"
check "export adx (stdout)" ctl r32 bilan export --year 2025 --version 2 --format adx
cp "$OUT" "$WORK/a.xml"
equal "adx: declaration" "$(head -1 "$WORK/a.xml")" '<?xml version="1.0" encoding="UTF-8"?>'
check "adx: root" grep -Eq '^<adx xmlns="urn:ihe:qrph:adx:2015" exported="[0-9T:-]+Z">$' "$WORK/a.xml"
check "adx: region group" grep -Eq '^  <group orgUnit="32" period="2025-01-01/P1Y" dataSet="PPS_BILAN" completeDate="[0-9-]{10}">$' "$WORK/a.xml"
check "adx: establishment group" grep -q '<group orgUnit="E2" ' "$WORK/a.xml"
check "adx: a data value" grep -q '^    <dataValue dataElement="A5.1" value="1"/>$' "$WORK/a.xml"
equal "adx: groups balanced" "$(grep -c '<group ' "$WORK/a.xml")" "$(grep -c '</group>' "$WORK/a.xml")"
equal "adx: closed" "$(tail -1 "$WORK/a.xml")" "</adx>"
check "export json" ctl r32 bilan export --year 2025 --version 2 --format json --output "$WORK/j.json"
check "json: what the national service stored, byte for byte" cmp -s "$WORK/j.json" "$WORK/v2.json"
# The workbook against the JSON export, where openpyxl is installed
for python in python3 /usr/bin/python3; do
    if "$python" -c 'import openpyxl' 2>/dev/null; then
        check "xlsx: the JSON export's figures" "$python" \
            "$(dirname "$0")/indicators_exports_xlsx.py" "$WORK/b.xlsx" "$WORK/j.json"
        break
    fi
done
ctl r32 bilan export --year 2025 --version 9 --format csv
equal "export of a missing version: refused" "$?" 1
check "export of a missing version: NOT_FOUND" grep -q '^error: NOT_FOUND' "$ERR"
ctl r32 bilan export --year 2025 --format pdf
equal "export in an unknown format: usage" "$?" 2
check "bilan show" ctl r32 bilan show --year 2025 --version 2 --establishments
check "show: header" grep -q '^bilan 32 2025 version 2 ACKNOWLEDGED$' "$OUT"
check "show: establishment" grep -q '^establishment E2 CD "Deux", & co (CD)$' "$OUT"

# ---------------------------------------------------------------- plain http refused
stop r32
region_start r32 no-plain-http
check "finalise version 4 without allow_plain_http" finalise r32
check "plain http: NEEDS_OPERATOR" wait_for 100 outbox_is r32 32:2025:4 NEEDS_OPERATOR
check "plain http: why" grep -q '^32:2025:4 .*refused to send a bilan over plain http' "$OUT"
equal "plain http: nothing sent" "$(outbox_field r32 32:2025:4 5)" -
equal "plain http: bilan 4 stays FINALISED" "$(bilan_state r32 4)" FINALISED
national_get /api/v1/status "$WORK/status.json" >/dev/null
equal "plain http: national still holds 3" "$("$TOOL" json "$WORK/status.json" bilans_stored)" 3

stop r32
stop national
finish
