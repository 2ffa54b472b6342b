#!/bin/bash
# The region's HTTP/JSON API against a real region: pps-region with its
# gateway on a reserved port, users made with ppsctl, tests/web_api.py
# driving it as a script or a browser would.
# Usage: web_api.sh BIN_DIR
set -u
BIN=${1:?usage: web_api.sh BIN_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
OUT="$WORK/out"
ERR="$WORK/err"
. "$HERE/test_lib.sh"

PORT=$(ports 1) || exit 1
unset PPS_CONFIG
export PPS_REGION_DATA_DIR="$WORK/data"
export PPS_WEB_BIND="127.0.0.1:$PORT"
export PPS_WEB_MAX_BODY_KB=64
export PPS_NATIONAL_URL="http://127.0.0.1:1"
export PPS_INDICATORS_ALLOW_PLAIN_HTTP=1
mkdir -p "$PPS_REGION_DATA_DIR"
ADMIN_PASSWORD="admin-password-$$"
printf '%s\n' "$ADMIN_PASSWORD" | "$BIN/ppsctl" user bootstrap admin --name "Alice Admin" \
    >"$OUT" 2>"$ERR" || abort "ppsctl user bootstrap admin"
"$BIN/pps-region" >"$WORK/region.log" 2>&1 &
PID[region]=$!
wait_for 100 grep -q "console on http" "$WORK/region.log" || abort "the region and its API start"

# The OpenAPI document validates with a well-known validator
if curl -sf "http://127.0.0.1:$PORT/api/v1/openapi.json" -o "$WORK/openapi.json" \
   && node "$HERE/openapi/validate.js" "$WORK/openapi.json" >"$OUT" 2>"$ERR"; then
    ok "the OpenAPI document validates ($(cat "$OUT"))"
else
    fail "the OpenAPI document validates (deploy/install-deps.sh installs the validator)"
fi

/usr/bin/python3 "$HERE/web_api.py" "http://127.0.0.1:$PORT" "$BIN/ppsctl" "$ADMIN_PASSWORD" \
    || failed=$((failed + 1))
finish
