#!/bin/bash
# A region whose registry endpoint is a port another process holds: the
# registry cannot bind, its supervisor keeps restarting it, and the region
# never answers. A test waiting for that region must give up within its
# wait's deadline (not after the test's own timeout) and say why: the
# failed bind, from the region's log. Also the supervisor's word on it.
# Usage: deploy_bind_conflict.sh BIN_DIR
set -u
BIN=${1:?usage: deploy_bind_conflict.sh BIN_DIR}
PPSCTL="$BIN/ppsctl"
WORK=$(mktemp -d /tmp/pps-bind.XXXXXX)
OUT="$WORK/out"
ERR="$WORK/err"
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

SERVICES=$("$PPSCTL" help | sed -n 's/^services: //p')
count=$(echo "$SERVICES" | wc -w)
lines=$(ports $((2 * count))) || abort "ports for the region"
mapfile -t taken <<<"$lines"
ENVIRONMENT=(PPS_REGION_DATA_DIR="$WORK/data")
index=0
for service in $SERVICES; do
    ENVIRONMENT+=("PPS_${service^^}_ENDPOINT=tcp://127.0.0.1:${taken[$index]}"
                  "PPS_${service^^}_EVENTS=tcp://127.0.0.1:${taken[$((index + 1))]}")
    index=$((index + 2))
done

# Another program holds the registry's port first: pps-national over HTTP
env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
    PPS_REGION_DATA_DIR="$WORK/national" PPS_NATIONAL_BIND="127.0.0.1:${taken[0]}" \
    "$BIN/pps-national" >"$WORK/holder.log" 2>&1 &
PID[holder]=$!
holds () { grep -q "listening" "$WORK/holder.log" || ! running "${PID[holder]}"; }
wait_for 100 holds
check "the port's holder runs" running "${PID[holder]}"

env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
    "${ENVIRONMENT[@]}" "$BIN/pps-region" --processes >"$WORK/region.log" 2>&1 &
PID[region]=$!
green () { env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
    "${ENVIRONMENT[@]}" "$PPSCTL" status >"$OUT" 2>"$ERR"; }

# The wait of the other tests, as they call it, expected to fail here
start=${EPOCHREALTIME/[.,]/}
( wait_for 50 green ) 2>"$WORK/wait.err"
rc=$?
elapsed_ms=$(( (${EPOCHREALTIME/[.,]/} - start) / 1000 ))
equal "waiting on the region fails" "$rc" 1
# 5 s of deadline, plus at most one probe under way when it passed
check "it gives up near its deadline (${elapsed_ms} ms)" test "$elapsed_ms" -lt 12000
check "it says what it waited for" grep -q "wait_for: gave up after 5.0 s: green" "$WORK/wait.err"
check "it names the failed bind" \
    grep -q "cannot bind tcp://127.0.0.1:${taken[0]}: Address already in use" "$WORK/wait.err"
check "the supervisor restarts the registry" grep -q "supervisor: registry .*exited" "$WORK/region.log"
finish
