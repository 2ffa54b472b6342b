#!/bin/bash
# A network cut between a region and the national service: bilans finalised
# during the cut queue in the outbox (PENDING, attempts counted), survive a
# crash of the region, and arrive exactly once when the link is back.
#
# The link is made here and nowhere else: two network namespaces created by
# the test (one holds pps-region, the other pps-national) joined by a veth
# pair addressed in 10.200.0.0/30, addresses that exist only inside those
# namespaces. pps-national listens on 0.0.0.0 inside its namespace so that
# the test reads its status over that namespace's own loopback. ppsctl
# reaches the region from outside through its ipc:// sockets (files). The
# cut is made twice: first the national end goes down (packets vanish: the
# region's attempt gets no answer and ends on a timeout), then the region's
# end too (no route: attempts fail at once). Namespaces and veths are
# deleted on exit, whatever happens.
#
# Without the right to create namespaces (not root, no iproute2), or with
# FAULT_NETCUT_FALLBACK=1 in the environment, the test says so and makes the
# cut by stopping pps-national instead, with the same checks.
# Usage: fault_netcut.sh BIN_DIR
set -u
BIN=${1:?usage: fault_netcut.sh BIN_DIR}
# shellcheck source=indicators_push_lib.sh
. "$(dirname "$0")/indicators_push_lib.sh"

NS_REGION="pps-fr-$$"
NS_NATIONAL="pps-fn-$$"
VETH_REGION="ppsr$$"           # interface names: at most 15 characters
VETH_NATIONAL="ppsn$$"
PORT=8480                      # a namespace of our own: the port is free
MODE=netns

netcut_cleanup () {
    cleanup
    if [ "$MODE" = netns ]; then
        # Deleting a namespace deletes the veth end it holds, and so the pair
        ip netns del "$NS_REGION" 2>/dev/null
        ip netns del "$NS_NATIONAL" 2>/dev/null
        ip link del "$VETH_REGION" 2>/dev/null
    fi
}
trap netcut_cleanup EXIT

netns_setup () {
    [ "$(id -u)" -eq 0 ] && command -v ip >/dev/null || return 1
    ip netns add "$NS_REGION" 2>/dev/null || return 1
    ip netns add "$NS_NATIONAL" 2>/dev/null || return 1
    ip link add "$VETH_REGION" type veth peer name "$VETH_NATIONAL" 2>/dev/null || return 1
    ip link set "$VETH_REGION" netns "$NS_REGION" || return 1
    ip link set "$VETH_NATIONAL" netns "$NS_NATIONAL" || return 1
    ip -n "$NS_REGION" addr add 10.200.0.1/30 dev "$VETH_REGION" || return 1
    ip -n "$NS_NATIONAL" addr add 10.200.0.2/30 dev "$VETH_NATIONAL" || return 1
    local ns
    for ns in "$NS_REGION" "$NS_NATIONAL"; do
        ip -n "$ns" link set lo up || return 1
    done
    ip -n "$NS_REGION" link set "$VETH_REGION" up || return 1
    ip -n "$NS_NATIONAL" link set "$VETH_NATIONAL" up || return 1
}

if [ "${FAULT_NETCUT_FALLBACK:-0}" != 1 ] && netns_setup; then
    echo "network cut: namespaces $NS_REGION and $NS_NATIONAL, veth $VETH_REGION <-> $VETH_NATIONAL"
else
    ip netns del "$NS_REGION" 2>/dev/null
    ip netns del "$NS_NATIONAL" 2>/dev/null
    ip link del "$VETH_REGION" 2>/dev/null
    MODE=stop
    echo "network cut: FALLBACK, no network namespaces (not root, no iproute2," \
         "or FAULT_NETCUT_FALLBACK=1): the cut is made by stopping pps-national"
fi

# "${IN_REGION[@]}" COMMAND / "${IN_NATIONAL[@]}" COMMAND: run COMMAND in
# that side's namespace. Arrays, not functions: a function started with &
# runs in a subshell, and $! would be the subshell's pid, not the
# service's (ip netns exec execs the command, so the pid is the service's).
IN_REGION=()
IN_NATIONAL=()
if [ "$MODE" = netns ]; then
    IN_REGION=(ip netns exec "$NS_REGION")
    IN_NATIONAL=(ip netns exec "$NS_NATIONAL")
fi

if [ "$MODE" = netns ]; then
    NATIONAL_URL="http://10.200.0.2:$PORT"
    BIND="0.0.0.0:$PORT"
else
    PORT=$(ports 1) || abort "a port for the national service"
    NATIONAL_URL="http://127.0.0.1:$PORT"
    BIND="127.0.0.1:$PORT"
fi
LOCAL_URL="http://127.0.0.1:$PORT"   # from the national's own namespace
DIR[national]="$WORK/national"
mkdir -p "${DIR[national]}"
NATIONAL_TOKENS=("PPS_NATIONAL_TOKENS_32=$("$BIN/pps-national" --hash-token token-of-32)")

# is_program PID NAME: the process PID runs $BIN/NAME (so that stopping it
# by PID stops the service itself).
is_program () {
    [ "$(readlink -f "/proc/$1/exe")" = "$(readlink -f "$BIN/$2")" ]
}
# national_status_get FILE: GET /api/v1/status over the national's loopback.
national_status_get () {
    "${IN_NATIONAL[@]}" "$TOOL" get "$LOCAL_URL/api/v1/status" "$1"
}
national_up () {
    [ "$(national_status_get "$WORK/status.json" 2>/dev/null)" = 200 ]
}
national_start_ns () {
    [ -f "$WORK/national.log" ] && NATIONAL_STORES=$((NATIONAL_STORES + $(national_stores)))
    "${IN_NATIONAL[@]}" env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="${DIR[national]}" \
        PPS_NATIONAL_BIND="$BIND" "${NATIONAL_TOKENS[@]}" \
        "$BIN/pps-national" >"$WORK/national.log" 2>&1 &
    PID[national]=$!
    wait_for 50 national_up || abort "pps-national answers on $LOCAL_URL"
    is_program "${PID[national]}" pps-national || abort "pid ${PID[national]} is pps-national"
}
# bilans_stored: what the national service says it holds.
bilans_stored () {
    national_status_get "$WORK/status.json" >/dev/null
    "$TOOL" json "$WORK/status.json" bilans_stored
}
# region_start_ns NAME: pps-region inside the region's namespace (fast
# retries: 200 ms doubling up to 1 s).
region_start_ns () {
    "${IN_REGION[@]}" env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="${DIR[$1]}" PPS_REGION_CODE="${CODE[$1]}" \
        PPS_NATIONAL_URL="$NATIONAL_URL" \
        PPS_INDICATORS_NATIONAL_TOKEN_FILE="${TOKEN_FILE[$1]}" \
        PPS_INDICATORS_ALLOW_PLAIN_HTTP=1 PPS_INDICATORS_OUTBOX_POLL_MS=100 \
        PPS_INDICATORS_RETRY_BASE_MS=200 PPS_INDICATORS_RETRY_MAX_MS=1000 \
        "$BIN/pps-region" >>"$WORK/$1.log" 2>&1 &
    PID[$1]=$!
    wait_for 100 ctl "$1" status || abort "pps-region $1 answers"
    wait_for 50 ctl "$1" indicators model-status || abort "indicators of $1 answers"
    is_program "${PID[$1]}" pps-region || abort "pid ${PID[$1]} is pps-region"
}

national_start_ns
region_setup r32 32 token-of-32
region_start_ns r32
if [ "$MODE" = netns ]; then
    # The region's namespace sees no loopback national: only the link
    # Any HTTP answer will do (a read from outside its loopback gets 403)
    check "the region reaches the national service over the veth" \
        grep -Eq '^[0-9]{3}$' <<<"$("${IN_REGION[@]}" "$TOOL" get "$NATIONAL_URL/api/v1/status" "$WORK/probe.json")"
fi

# ---------------------------------------------------------------- data
ctl r32 registry create-region code=32 name=Hauts-de-France ars_name="ARS HdF" \
    || abort "create region"
op r32 registry create-establishment name="MA Un" kind=MA region_code=32 code=E1 capacity=100
E1=$LAST_ID
op r32 registry put-programme region_code=32 adopted_on=2024-03-01 period_start=2024-01-01 \
    period_end=2028-12-31
op r32 registry create-steering-committee establishment_id="$E1" constituted_on=2024-06-01

# ---------------------------------------------------------------- link up
check "finalise version 1" finalise r32
check "link up: 32:2025:1 DELIVERED" wait_for 100 outbox_is r32 32:2025:1 DELIVERED
equal "link up: national holds 1" "$(bilans_stored)" 1

# ---------------------------------------------------------------- cut
attempts_at_least () { [ "$(outbox_field r32 32:2025:2 3)" -ge "$1" ] 2>/dev/null; }
last_error_matches () {
    outbox_field r32 32:2025:2 2 >/dev/null && grep -Eq "^32:2025:2 +PENDING .*($1)" "$OUT"
}
# last_error_ms_at_least / _below MS: the last attempt of 32:2025:2 failed
# to connect after at least / less than MS (curl: "... after N ms").
last_error_ms () {
    outbox_field r32 32:2025:2 2 >/dev/null || return 1
    grep -E '^32:2025:2 +PENDING ' "$OUT" | grep -Eo 'after [0-9]+ ms' | grep -Eo '[0-9]+'
}
last_error_ms_at_least () { local ms; ms=$(last_error_ms) && [ "$ms" -ge "$1" ]; }
last_error_ms_below () { local ms; ms=$(last_error_ms) && [ "$ms" -lt "$1" ]; }
if [ "$MODE" = netns ]; then
    ip -n "$NS_NATIONAL" link set "$VETH_NATIONAL" down || abort "cut the national end"
    check "finalise version 2 during the cut" finalise r32
    # Silent loss: an attempt waits for an answer that never comes, until
    # the neighbour (ARP) resolution of 10.200.0.2 gives up (about 3 s) or
    # curl's 5 s connect timeout
    check "national end down: an attempt waited in vain" \
        wait_for 150 last_error_ms_at_least 1000
    check "national end down: why" last_error_matches 'Failed to connect|timed out'
    equal "national end down: PENDING" "$(outbox_field r32 32:2025:2 2)" PENDING
    ip -n "$NS_REGION" link set "$VETH_REGION" down || abort "cut the region end"
    # No route at all: attempts fail at once
    check "both ends down: an attempt failed at once" wait_for 100 last_error_ms_below 1000
    check "both ends down: attempts grow" wait_for 100 attempts_at_least 3
else
    stop national
    check "finalise version 2 while national is stopped" finalise r32
    check "national stopped: attempts grow" wait_for 100 attempts_at_least 3
    check "national stopped: cannot connect" wait_for 50 last_error_matches 'connect|Connection'
fi
equal "cut: 32:2025:2 PENDING" "$(outbox_field r32 32:2025:2 2)" PENDING
equal "cut: bilan 2 FINALISED" "$(bilan_state r32 2)" FINALISED
ATTEMPTS=$(outbox_field r32 32:2025:2 3)

# A crash of the region during the cut: the entry and its attempts stay
crash r32
region_start_ns r32
equal "after a crash: 32:2025:2 PENDING" "$(outbox_field r32 32:2025:2 2)" PENDING
check "after a crash: attempts kept ($ATTEMPTS) and growing" wait_for 100 attempts_at_least $((ATTEMPTS + 1))
if [ "$MODE" = netns ]; then
    equal "during the cut: national still holds 1" "$(bilans_stored)" 1
fi

# ---------------------------------------------------------------- restore
if [ "$MODE" = netns ]; then
    ip -n "$NS_REGION" link set "$VETH_REGION" up || abort "restore the region end"
    ip -n "$NS_NATIONAL" link set "$VETH_NATIONAL" up || abort "restore the national end"
else
    national_start_ns
fi
check "link back: 32:2025:2 DELIVERED" wait_for 150 outbox_is r32 32:2025:2 DELIVERED
equal "link back: last status 201" "$(outbox_field r32 32:2025:2 5)" 201
equal "bilan 2 ACKNOWLEDGED" "$(bilan_state r32 2)" ACKNOWLEDGED
equal "version 1 still DELIVERED" "$(outbox_field r32 32:2025:1 2)" DELIVERED
sleep 0.5
equal "national holds 2 bilans" "$(bilans_stored)" 2
equal "each bilan stored once (201 twice)" "$((NATIONAL_STORES + $(national_stores)))" 2
equal "no resend was needed (no 200)" "$(grep -c 'POST /api/v1/bilans 200' "$WORK/national.log")" 0
"${IN_NATIONAL[@]}" "$TOOL" get "$LOCAL_URL/api/v1/bilans/32/2025/2" "$WORK/v2.json" >/dev/null
equal "national: version 2 is 32's" "$("$TOOL" json "$WORK/v2.json" region)" 32

stop r32
stop national
echo "mode: $MODE"
finish
