#!/bin/bash
# A console test in a real browser against a real region: pps-region with
# the sample (three years, finalised bilans) and its gateway on a reserved
# port, the first admin made with ppsctl, and, with --national, a
# pps-national that receives the region's bilans; then SCRIPT (python,
# Selenium + Chromium, tests/browser/browser.py) drives the console.
# Screenshots go to SHOTS_DIR (kept after the test), downloads to scratch.
# Usage: run_console.sh BIN_DIR ESTABLISHMENTS_CSV SHOTS_DIR SCRIPT [--national]
set -u
BIN=${1:?usage: run_console.sh BIN_DIR CSV SHOTS_DIR SCRIPT [--national]}
CSV=${2:?}
SHOTS=${3:?}
SCRIPT=${4:?}
NATIONAL=${5:-}
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

if [ ! -f "$CSV" ]; then
    echo "skipped: no establishments file at $CSV"
    exit 0
fi
if [ ! -f "$HERE/browser/node_modules/axe-core/axe.min.js" ] || [ ! -x /usr/bin/chromedriver ]; then
    abort "Chromium, chromedriver, python3-selenium and axe-core are installed (deploy/install-deps.sh)"
fi
read -r WEB_PORT NATIONAL_PORT < <(ports 2 | paste -sd' ') || exit 1
unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export PPS_WEB_BIND="127.0.0.1:$WEB_PORT"
export PPS_NATIONAL_URL="http://127.0.0.1:$NATIONAL_PORT"
export PPS_INDICATORS_ALLOW_PLAIN_HTTP=1
export PPS_INDICATORS_NATIONAL_TOKEN="console-test-token-$$"
mkdir -p "$PPS_REGION_DATA_DIR" "$WORK/national" "$SHOTS"
rm -f "$SHOTS"/*.png "$SHOTS"/*.pdf

if [ "$NATIONAL" = --national ]; then
    HASH=$("$BIN/pps-national" --hash-token "$PPS_INDICATORS_NATIONAL_TOKEN") || abort "pps-national --hash-token"
    NATIONAL_PASSWORD="national-password-$$"
    printf '%s\n' "$NATIONAL_PASSWORD" | env PPS_REGION_DATA_DIR="$WORK/national" "$BIN/ppsctl" \
        user bootstrap dgs --name "Équipe DGS" >"$OUT" 2>"$ERR" || abort "ppsctl user bootstrap (national)"
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_REGION_DATA_DIR="$WORK/national" \
        PPS_NATIONAL_BIND="127.0.0.1:$NATIONAL_PORT" "PPS_NATIONAL_TOKENS_32=$HASH" \
        "$BIN/pps-national" >"$WORK/national.log" 2>&1 &
    PID[national]=$!
    export NATIONAL_URL="http://127.0.0.1:$NATIONAL_PORT" NATIONAL_PASSWORD
fi

ADMIN_PASSWORD="admin-password-$$"
printf '%s\n' "$ADMIN_PASSWORD" | "$BIN/ppsctl" user bootstrap admin --name "Alice Martin" \
    >"$OUT" 2>"$ERR" || abort "ppsctl user bootstrap admin"
"$BIN/pps-region" --sample --csv "$CSV" >"$WORK/region.log" 2>&1 &
PID[region]=$!
# Up, or gone (a port it could not bind): no use waiting out the timeout
region_settled () {
    grep -q "console on http" "$WORK/region.log" || ! running "${PID[region]}"
}
wait_for 1800 region_settled && grep -q "console on http" "$WORK/region.log" \
    || abort "the region with its sample and its API start"

export PPS_BIN="$BIN" PPS_SHOTS="$SHOTS" PPS_DOWNLOADS="$WORK/downloads" ADMIN_PASSWORD
/usr/bin/python3 "$SCRIPT" "http://127.0.0.1:$WEB_PORT" || failed=$((failed + 1))
finish
