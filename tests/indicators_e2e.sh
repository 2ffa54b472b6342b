#!/bin/bash
# End to end: three regions (three pps-region stacks, each with its own
# data directory and ipc endpoints, codes 32, 11 and 84) and one
# pps-national with a token per region. Each region gets hand-made data
# through ppsctl, finalises its 2025 bilan and pushes it; the national
# aggregate must equal the sums computed by hand below. Then resends
# (identical: 200, tampered under the same key: 409) and the national
# service stopped during a push: every bilan arrives exactly once.
# Usage: indicators_e2e.sh BIN_DIR
set -u
BIN=${1:?usage: indicators_e2e.sh BIN_DIR}
# shellcheck source=indicators_push_lib.sh
. "$(dirname "$0")/indicators_push_lib.sh"

REGIONS="r32 r11 r84"
national_setup 32 tok-32 11 tok-11 84 tok-84
national_start
region_setup r32 32 tok-32
region_setup r11 11 tok-11
region_setup r84 84 tok-84
for name in $REGIONS; do
    region_start "$name"
done

# region_data NAME ESTABLISHMENTS PROGRAMME COMMITTEES "PROJECTS" MEETINGS
#   ESTABLISHMENTS  how many establishments (codes <region>-1...)
#   PROGRAMME       yes: a programme adopted and covering 2025
#   COMMITTEES      steering committees, on the first establishments
#   PROJECTS        projects running in 2025, one number per establishment
#   MEETINGS        regional committee meetings in 2025 (plus one in 2024)
region_data () {
    local name=$1 establishments=$2 programme=$3 committees=$4 projects=$5 meetings=$6
    local code=${CODE[$name]} ids=() index project committee
    ctl "$name" registry create-region code="$code" name="Région $code" ars_name="ARS $code" \
        || abort "create region $code"
    for index in $(seq "$establishments"); do
        op "$name" registry create-establishment name="Établissement $code-$index" \
            kind=MA region_code="$code" code="$code-$index" capacity=100
        ids+=("$LAST_ID")
    done
    if [ "$programme" = yes ]; then
        op "$name" registry put-programme region_code="$code" adopted_on=2024-02-01 \
            period_start=2024-01-01 period_end=2027-12-31
    fi
    for index in $(seq "$committees"); do
        op "$name" registry create-steering-committee establishment_id="${ids[$((index - 1))]}" \
            constituted_on=2024-05-01
    done
    index=0
    for count in $projects; do
        for _ in $(seq "$count"); do
            op "$name" projects create-project establishment_id="${ids[$index]}" \
                title="Projet" carrier=HEALTH_UNIT created_on=2025-01-10
            project=$LAST_ID
            op "$name" projects transition-project id="$project" to=PLANNED date=2025-01-11
            op "$name" projects transition-project id="$project" to=RUNNING date=2025-02-01
        done
        index=$((index + 1))
    done
    op "$name" registry create-regional-committee region_code="$code" created_on=2024-01-05
    committee=$LAST_ID
    op "$name" registry create-meeting body_kind=REGIONAL_COMMITTEE_BODY body_id="$committee" \
        date=2024-12-10 title="Comité"
    for index in $(seq "$meetings"); do
        op "$name" registry create-meeting body_kind=REGIONAL_COMMITTEE_BODY body_id="$committee" \
            date="2025-0$index-15" title="Comité"
    done
    # The committee's id, for later meetings
    echo "$committee" >"$WORK/$name.committee"
}

# By hand:
#            establishments programme committees projects meetings
#   32       2              yes       1          1 0      2
#   11       3              no        2          2 1 0    1
#   84       1              yes       0          0        0
#   national A5.1 = 2/3 (yes/no: regions answering yes / reporting)
#            A5.5 = 3/6, A5.6 = 4/6, OS3.meetings = 3, completeness 3/18
region_data r32 2 yes 1 "1 0" 2
region_data r11 3 no 2 "2 1 0" 1
region_data r84 1 yes 0 "0" 0

for name in $REGIONS; do
    check "$name: finalise version 1" finalise "$name"
done
for name in $REGIONS; do
    check "$name: delivered" wait_for 100 outbox_is "$name" "${CODE[$name]}:2025:1" DELIVERED
done

# aggregate PATH: a member of the national aggregate of 2025
aggregate () {
    "$TOOL" json "$WORK/agg.json" "$1"
}
equal "aggregate: status" "$(national_get '/api/v1/aggregate?period=2025' "$WORK/agg.json")" 200
equal "aggregate: regions" "$(aggregate regions)" '["11","32","84"]'
equal "aggregate: completeness" "$(aggregate completeness/numerator)/$(aggregate completeness/denominator)" 3/18
equal "aggregate: A5.1" "$(aggregate indicators/A5.1/numerator)/$(aggregate indicators/A5.1/denominator)" 2/3
equal "aggregate: A5.5" "$(aggregate indicators/A5.5/numerator)/$(aggregate indicators/A5.5/denominator)" 3/6
equal "aggregate: A5.5 value" "$(aggregate indicators/A5.5/value)" 0.5
equal "aggregate: A5.6" "$(aggregate indicators/A5.6/numerator)/$(aggregate indicators/A5.6/denominator)" 4/6
equal "aggregate: OS3.meetings" "$(aggregate indicators/OS3.meetings/numerator)" 3
equal "aggregate: OS3.meetings reported by" "$(aggregate indicators/OS3.meetings/regions_reporting)" 3

# ---------------------------------------------------------------- resends
check "export the document of 32" ctl r32 bilan export --year 2025 --format json --output "$WORK/32.json"
equal "identical resend: 200" "$("$TOOL" post "$NATIONAL_URL/api/v1/bilans" tok-32 32:2025:1 \
                              "$WORK/32.json" "$WORK/resend.json")" 200
check "tamper with the document (sha256 recomputed)" "$TOOL" tamper "$WORK/32.json" "$WORK/32-tampered.json"
check "tampered: differs" bash -c "! cmp -s '$WORK/32.json' '$WORK/32-tampered.json'"
equal "tampered resend under the same key: 409" "$("$TOOL" post "$NATIONAL_URL/api/v1/bilans" \
      tok-32 32:2025:1 "$WORK/32-tampered.json" "$WORK/tampered.json")" 409
equal "another region's token: 403" "$("$TOOL" post "$NATIONAL_URL/api/v1/bilans" tok-11 \
      32:2025:1 "$WORK/32.json" "$WORK/other.json")" 403
national_get /api/v1/bilans/32/2025/1 "$WORK/stored.json" >/dev/null
check "the stored document is the original" cmp -s "$WORK/stored.json" "$WORK/32.json"

# ---------------------------------------------------------------- national down during a push
stop national
# 84 holds its first regional meeting of 2025 before version 2
op r84 registry create-meeting body_kind=REGIONAL_COMMITTEE_BODY \
    body_id="$(cat "$WORK/r84.committee")" date=2025-10-01 title="Comité"
sleep 0.3
for name in $REGIONS; do
    check "$name: finalise version 2 while national is down" finalise "$name"
done
retried () { [ "$(outbox_field "$1" "${CODE[$1]}:2025:2" 3)" -ge 1 ] 2>/dev/null; }
for name in $REGIONS; do
    check "$name: version 2 tried and kept" wait_for 50 retried "$name"
    equal "$name: version 2 PENDING" "$(outbox_field "$name" "${CODE[$name]}:2025:2" 2)" PENDING
done
national_start
for name in $REGIONS; do
    check "$name: version 2 delivered" wait_for 100 outbox_is "$name" "${CODE[$name]}:2025:2" DELIVERED
done
national_get /api/v1/status "$WORK/status.json" >/dev/null
equal "national: six bilans stored" "$("$TOOL" json "$WORK/status.json" bilans_stored)" 6
equal "every bilan stored exactly once" "$((NATIONAL_STORES + $(national_stores)))" 6
national_get '/api/v1/regions?period=2025' "$WORK/regions.json" >/dev/null
for index in 0 1 2; do
    equal "regions table: row $index at version 2" "$("$TOOL" json "$WORK/regions.json" regions/$index/version)" 2
done
national_get '/api/v1/aggregate?period=2025' "$WORK/agg.json" >/dev/null
equal "aggregate after version 2: OS3.meetings" "$(aggregate indicators/OS3.meetings/numerator)" 4
equal "aggregate after version 2: completeness" "$(aggregate completeness/numerator)" 3

for name in $REGIONS; do
    stop "$name"
done
stop national
finish
