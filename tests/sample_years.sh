#!/bin/bash
# The sample region's years, as the README's region command runs it:
# pps-region --sample (the ministry's file, invented people and activity
# of 2023 to 2026) with a national service of its own (pps-national on a
# port reserved for the test). The sample finalises the bilans of 2023,
# 2024 and 2025 as version 1, each without a validation error and with
# figures that move from year to year; the national service receives the
# three; a second --sample run writes nothing (every service's last event
# seq unchanged, no version 2, nothing sent again). Every process is
# stopped by its PID.
# Usage: sample_years.sh BIN_DIR ESTABLISHMENTS_CSV  (exit 77 without the file)
set -u
BIN=${1:?usage: sample_years.sh BIN_DIR ESTABLISHMENTS_CSV}
CSV=${2:?usage: sample_years.sh BIN_DIR ESTABLISHMENTS_CSV}
if [ ! -r "$CSV" ]; then
    echo "sample.years: skipped, $CSV not found"
    exit 77
fi
CSV=$(cd "$(dirname "$CSV")" && pwd)/$(basename "$CSV")
# shellcheck source=indicators_push_lib.sh
. "$(dirname "$0")/indicators_push_lib.sh"

YEARS="2023 2024 2025"

# sample_start RUN: pps-region --sample pointed at the national service,
# its log in $WORK/sample-RUN.log; waits until the sample is loaded and
# the bilans finalised (the region says it is ready only then).
sample_start () {
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="${DIR[r32]}" PPS_REGION_CODE=32 \
        PPS_NATIONAL_URL="$NATIONAL_URL" \
        PPS_INDICATORS_NATIONAL_TOKEN_FILE="${TOKEN_FILE[r32]}" \
        PPS_INDICATORS_ALLOW_PLAIN_HTTP=1 PPS_INDICATORS_OUTBOX_POLL_MS=100 \
        PPS_INDICATORS_RETRY_BASE_MS=200 PPS_INDICATORS_RETRY_MAX_MS=1000 \
        "$BIN/pps-region" --sample --csv "$CSV" >"$WORK/sample-$1.log" 2>&1 &
    PID[r32]=$!
    wait_for 1200 grep -q "region 32 ready" "$WORK/sample-$1.log" \
        || abort "pps-region --sample (run $1) is ready"
    check "run $1: no error in the log" bash -c "! grep -q '^E: ' '$WORK/sample-$1.log'"
}

# The last event seq of every service the sample writes to, one "service
# seq" a line (notify is left out: it raises notifications of its own from
# the registry's events and the clock, whenever its checks run).
last_seqs () {
    ctl r32 status || return 1
    awk '$2 == "up" && $1 ~ /^(registry|projects|training|funding|indicators)$/ { print $1, $5 }' \
        "$OUT"
}

# versions YEAR: the versions `ppsctl bilan list` shows for that year.
versions () {
    ctl r32 bilan list --year "$1" || return 1
    awk -v year="$1" '$1 == 32 && $2 == year { printf "%s ", $3 }' "$OUT"
}

# figure YEAR ID: an indicator's numerator in the finalised bilan of YEAR.
figure () {
    ctl r32 bilan show --year "$1" || return 1
    awk -v id="$2" '$1 == id { print $2; exit }' "$OUT"
}

national_setup 32 token-of-32
national_start
region_setup r32 32 token-of-32

# ---------------------------------------------------------------- first run
sample_start 1
for year in $YEARS; do
    check "run 1: says bilan $year is finalised as version 1" \
        grep -q "sample: bilan 32 $year finalised, version 1 " "$WORK/sample-1.log"
    equal "bilan $year: version 1 only" "$(versions "$year")" "1 "
    check "bilan $year: delivered to the national service" \
        wait_for 300 outbox_is r32 "32:$year:1" DELIVERED
    ctl r32 bilan show --year "$year"
    check "bilan $year: no validation error" bash -c "! grep -Eq '^  error ' '$OUT'"
done
equal "bilan 2026 (the year not over): not finalised" "$(versions 2026)" ""
equal "the national service stored three bilans" "$(national_stores)" 3
for year in $YEARS; do
    ctl r32 national aggregate --period "$year" --url "$NATIONAL_URL"
    check "national aggregate $year: region 32 reported" grep -q '^regions: 32$' "$OUT"
    check "national aggregate $year: one region of 18" \
        grep -q "^period $year: 1/18 regions reporting" "$OUT"
done

# The figures move from year to year: projects, trained people, meetings
# and referents grow from 2023 to 2025
for id in A5.4 A5.6 OS2.trained OS3.people; do
    trend=$(for year in $YEARS; do figure "$year" "$id"; done | tr '\n' ' ')
    check "$id grows over 2023-2025 ($trend)" \
        bash -c "set -- $trend; [ \$# -eq 3 ] && [ \$1 -lt \$2 ] && [ \$2 -lt \$3 ]"
done
# 2023 precedes the programme (adopted in 2024): its bilan says so
ctl r32 bilan show --year 2023
check "2023: the programme was not adopted yet" grep -Eq '^  warning programme_missing ' "$OUT"

SEQS_BEFORE=$(last_seqs)
check "the services' seqs are read" test "$(printf '%s\n' "$SEQS_BEFORE" | wc -l)" -eq 5
stop r32

# ---------------------------------------------------------------- second run
sample_start 2
SEQS_AFTER=$(last_seqs)
equal "run 2: no service wrote anything" "$SEQS_AFTER" "$SEQS_BEFORE"
for year in $YEARS; do
    check "run 2: bilan $year left as it was" \
        grep -q "sample: bilan 32 $year already finalised (1 version)" "$WORK/sample-2.log"
    equal "run 2: bilan $year still version 1 only" "$(versions "$year")" "1 "
done
sleep 1
equal "run 2: nothing sent to the national service again" "$(national_stores)" 3

finish
