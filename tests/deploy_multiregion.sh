#!/bin/bash
# The recipe of docs/operations.md for several regions and the national
# service on one machine: deploy/create-region.sh makes each region's
# directories, configuration (deploy/region-32.cfg, region-11.cfg) and
# keys under a scratch root; each region runs `pps-region --processes`
# (every service its own process, CURVE on its tcp endpoints on 127.0.0.1)
# and pps-national runs from deploy/national.cfg with the regions' token
# hashes. Ports come from the block ctest reserved for the test (`ports`
# in test_lib.sh) and are given as PPS_* overrides.
# Checks: `ppsctl status` is green for each region (national included),
# `ppsctl metrics` is valid exposition, a key outside the allow-list is
# refused, a killed service is restarted by its supervisor, each region's
# bilan reaches the national service, and every process stops by its PID.
# Usage: deploy_multiregion.sh BIN_DIR DEPLOY_DIR
set -u
BIN=${1:?usage: deploy_multiregion.sh BIN_DIR DEPLOY_DIR}
DEPLOY=${2:?usage: deploy_multiregion.sh BIN_DIR DEPLOY_DIR}
PPSCTL="$BIN/ppsctl"
TOOL="$BIN/monitoring_tool"
WORK=$(mktemp -d /tmp/pps-deploy.XXXXXX)
ROOT="$WORK/root"
OUT="$WORK/out"
ERR="$WORK/err"
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

REGIONS="32 11"
SERVICES=$("$PPSCTL" help | sed -n 's/^services: //p')
count=$(echo "$SERVICES" | wc -w)

# ---------------------------------------------------------------- set-up
declare -A HASH=()
for code in $REGIONS; do
    bash "$DEPLOY/create-region.sh" "$code" --root "$ROOT" --no-user --bin "$BIN" \
        >"$WORK/create-$code.out" 2>&1 || abort "create-region.sh $code"
    HASH[$code]=$(sed -n "s/^ *$code = \"\([0-9a-f]*\)\"$/\1/p" "$WORK/create-$code.out")
    check "create-region $code: token hash printed" test "${#HASH[$code]}" -eq 64
done

NATIONAL_PORT=$(ports 1) || abort "a port for the national service"
NATIONAL_URL="http://127.0.0.1:$NATIONAL_PORT"
# deploy/national.cfg reads only with a token (loopback_reads = 0, as behind a
# proxy): the regions' ppsctl sends this one
READER_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
READER_HASH=$(printf %s "$READER_TOKEN" | sha256sum | cut -d' ' -f1)
env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
    PPS_REGION_DATA_DIR="$ROOT/var/lib/pps" PPS_NATIONAL_BIND="127.0.0.1:$NATIONAL_PORT" \
    PPS_NATIONAL_TOKENS_32="${HASH[32]}" PPS_NATIONAL_TOKENS_11="${HASH[11]}" \
    PPS_NATIONAL_READER_TOKEN_SHA256="$READER_HASH" \
    "$BIN/pps-national" -c "$DEPLOY/national.cfg" >"$WORK/national.log" 2>&1 &
PID[national]=$!
# Listening before any region asks for it: each region's status below looks once
wait_for 100 grep -q "national: listening on" "$WORK/national.log" || abort "pps-national starts"

# The environment of region CODE's programs: its configuration's paths
# moved under ROOT, ports of its own, the national service of this machine
region_env () {
    local code=$1 index=0 service lines taken
    lines=$(ports $((2 * count))) || abort "ports for region $code"
    mapfile -t taken <<<"$lines"
    {
        echo "PPS_REGION_DATA_DIR=$ROOT/var/lib/pps/$code"
        echo "PPS_SECURITY_KEYS_DIR=$ROOT/etc/pps/keys/$code"
        echo "PPS_SECURITY_CLIENTS_DIR=$ROOT/etc/pps/clients/$code"
        echo "PPS_INDICATORS_NATIONAL_TOKEN_FILE=$ROOT/etc/pps/keys/$code/national.token"
        echo "PPS_NATIONAL_URL=$NATIONAL_URL"
        echo "PPS_NATIONAL_READER_TOKEN=$READER_TOKEN"
        echo "PPS_INDICATORS_ALLOW_PLAIN_HTTP=1"
        echo "PPS_INDICATORS_OUTBOX_POLL_MS=100"
        for service in $SERVICES; do
            echo "PPS_${service^^}_ENDPOINT=tcp://127.0.0.1:${taken[$index]}"
            echo "PPS_${service^^}_EVENTS=tcp://127.0.0.1:${taken[$((index + 1))]}"
            index=$((index + 2))
        done
    } >"$WORK/env-$code"
}
# ctl CODE ARGS...: ppsctl as region CODE's operator (its admin key)
ctl () {
    local code=$1 environment
    shift
    mapfile -t environment <"$WORK/env-$code"
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" "${environment[@]}" \
        PPS_SECURITY_CLIENT_CERT="${CLIENT_CERT:-$ROOT/etc/pps/keys/$code/operator.cert}" \
        "$PPSCTL" -c "$ROOT/etc/pps/region-$code.cfg" "$@" >"$OUT" 2>"$ERR"
}
op () { ctl "$@" || abort "ppsctl $*"; }
green () { ctl "$1" status; }

for code in $REGIONS; do
    region_env "$code"
    mapfile -t environment <"$WORK/env-$code"
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" "${environment[@]}" "$BIN/pps-region" --processes \
        -c "$ROOT/etc/pps/region-$code.cfg" >"$WORK/region-$code.log" 2>&1 &
    PID[r$code]=$!
done
for code in $REGIONS; do
    wait_for 300 green "$code" || abort "region $code: ppsctl status green"
    ok "region $code: ppsctl status green"
    check "region $code: the supervisor saw every service answer" \
        wait_for 50 grep -q "$count service processes up" "$WORK/region-$code.log"
    for service in $SERVICES national; do
        check "region $code: $service up" grep -Eq "^$service +up " "$OUT"
    done
    check "region $code: its own endpoints" grep -q "$(sed -n 's/^PPS_REGISTRY_ENDPOINT=//p' "$WORK/env-$code")" "$OUT"
    check "region $code: tcp endpoints" grep -Eq "^registry +up .* tcp://127\.0\.0\.1:" "$OUT"
    CLIENT_CERT="$ROOT/etc/pps/keys/$code/monitor.cert" ctl "$code" metrics \
        --output "$WORK/metrics-$code.prom"
    equal "region $code: metrics written with the monitor key" "$?" 0
    check "region $code: metrics are valid exposition" "$TOOL" promcheck "$WORK/metrics-$code.prom"
    equal "region $code: every service up in the metrics" \
        "$(grep -c '^pps_up{service="[a-z]*"} 1$' "$WORK/metrics-$code.prom")" "$((count + 1))"
done

# ---------------------------------------------------------------- security
"$BIN/pps-keygen" --name stray --role admin --out "$WORK/stray" >/dev/null
CLIENT_CERT="$WORK/stray/stray.cert" ctl 32 status --wait 500
equal "a key outside the allow-list: status exit 1" "$?" 1
check "a key outside the allow-list: registry refused" grep -Eq "^registry +down " "$OUT"

# ---------------------------------------------------------------- data, bilans, national
for code in $REGIONS; do
    op "$code" registry create-region code="$code" name="Région $code" ars_name="ARS $code"
    op "$code" registry create-establishment name="MA $code" kind=MA region_code="$code" \
        code="E$code" capacity=100
    op "$code" registry put-programme region_code="$code" adopted_on=2024-02-01 \
        period_start=2024-01-01 period_end=2027-12-31
done
ctl 11 registry list-establishments region_code=32
check "regions are apart: 11 does not see 32's establishment" bash -c "! grep -q E32 '$OUT'"
# finalise CODE: once the read model caught up (FAILED_PRECONDITION until then)
finalise () {
    local id="finalise-$1-$RANDOM$RANDOM"
    for _ in $(seq 50); do
        ctl "$1" --request-id "$id" bilan finalise --year 2025 && return 0
        grep -q FAILED_PRECONDITION "$ERR" || return 1
        sleep 0.2
    done
    return 1
}
delivered () { ctl "$1" outbox && grep -Eq "^$1:2025:1 +DELIVERED" "$OUT"; }
for code in $REGIONS; do
    check "region $code: bilan finalised" finalise "$code"
    check "region $code: bilan delivered to the national service" wait_for 100 delivered "$code"
done
ctl 32 national aggregate --period 2025 --url "$NATIONAL_URL"
check "national: both regions reporting" grep -q "2/18 regions reporting" "$OUT"
equal "national: no read without the token (loopback_reads = 0)" \
    "$(curl -s -o /dev/null -w '%{http_code}' "$NATIONAL_URL/api/v1/aggregate?period=2025")" 401

CLIENT_CERT="$ROOT/etc/pps/keys/32/monitor.cert" ctl 32 backup "$WORK/backup-32"
equal "region 32: hot backup of the deployed layout" "$?" 0
check "region 32: backup of every service" test "$(ls "$WORK"/backup-32/*/data.mdb | wc -l)" -eq "$count"
check "region 32: the manifest names the region" grep -q '^    region = "32"$' "$WORK/backup-32/MANIFEST"

# ---------------------------------------------------------------- supervision
registry_pid () {
    sed -n 's/.*supervisor: registry started (pid \([0-9]*\)).*/\1/p' "$WORK/region-32.log" | tail -1
}
old=$(registry_pid)
kill -KILL "$old"
restarted () { [ "$(registry_pid)" != "$old" ] && green 32; }
check "a killed service is restarted and the region is green again" wait_for 100 restarted
check "the supervisor logged the death" grep -q "registry (pid $old) killed by signal 9" "$WORK/region-32.log"

# ---------------------------------------------------------------- stop by PID
children () { sed -n 's/.*supervisor: .* started (pid \([0-9]*\)).*/\1/p' "$WORK"/region-*.log; }
# A process that does not stop is a failure with its log, not a hung test
declare -A LOG=([r32]="$WORK/region-32.log" [r11]="$WORK/region-11.log"
                [national]="$WORK/national.log")
gone () { ! kill -0 "$1" 2>/dev/null; }
for name in r32 r11 national; do
    kill -TERM "${PID[$name]}"
    if ! wait_for 300 gone "${PID[$name]}"; then
        fail "$name stops within 30 s of SIGTERM"
        tail -20 "${LOG[$name]}"
        kill -KILL "${PID[$name]}"
    fi
    wait "${PID[$name]}"
    equal "$name stops cleanly on SIGTERM" "$?" 0
    unset "PID[$name]"
done
alive=0
for pid in $(children); do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
equal "no service process outlives its region" "$alive" 0
finish
