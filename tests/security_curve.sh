#!/bin/bash
# CURVE on every tcp endpoint, keys and roles, on real processes: keys made
# by pps-keygen in a temporary directory; pps-registry alone over tcp, then
# a whole region (pps-region) over tcp, both with security/curve = 1;
# ppsctl with operators' certificates (--cert). Covers: a reader reads but
# may not write (PERMISSION_DENIED, logged, nothing written); an editor
# writes and the event's actor is its certificate's name, not the actor it
# claims; an unknown key and a client without CURVE get no answer while the
# service keeps serving the others; finalising and pushing a bilan need the
# admin role; peers and the indicators' subscriber work over CURVE; ipc
# socket files have no access for others.
# Usage: security_curve.sh BIN_DIR
set -u
BIN=${1:?usage: security_curve.sh BIN_DIR}
WORK=$(mktemp -d /tmp/pps-security.XXXXXX)
OUT="$WORK/out"
ERR="$WORK/err"
source "$(dirname "$0")/test_lib.sh"

# ---------------------------------------------------------------- keys
# KEYS: the services' key pairs (what each service's keys_dir holds);
# PUBLIC: the services' public certificates only (an operator's keys_dir);
# CLIENTS: the allow-list; OPS: operators' key pairs, one not allowed.
KEYS="$WORK/keys"; PUBLIC="$WORK/public"; CLIENTS="$WORK/clients"; OPS="$WORK/ops"
mkdir -p "$PUBLIC" "$CLIENTS"
SERVICES="registry projects training funding indicators"
for service in $SERVICES; do
    "$BIN/pps-keygen" --name "$service" --role reader --out "$KEYS" >/dev/null \
        || abort "pps-keygen $service"
    cp "$KEYS/$service.cert" "$PUBLIC/" && cp "$KEYS/$service.cert" "$CLIENTS/"
done
for who in reader-rita:reader reader-rex:reader editor-eve:editor admin-ada:admin mallory:admin \
           gw-web:gateway; do
    "$BIN/pps-keygen" --name "${who%%:*}" --role "${who##*:}" --out "$OPS" >/dev/null \
        || abort "pps-keygen ${who%%:*}"
done
for who in reader-rita reader-rex editor-eve admin-ada gw-web; do
    cp "$OPS/$who.cert" "$CLIENTS/"
done
equal "pps-keygen: the secret is the owner's only" "$(stat -c %a "$OPS/mallory.cert_secret")" 600
"$BIN/pps-keygen" --name mallory --role admin --out "$OPS" 2>"$ERR" >/dev/null
equal "pps-keygen: never overwrites" "$?" 1
"$BIN/pps-keygen" --name eve --role root --out "$OPS" 2>"$ERR" >/dev/null
equal "pps-keygen: an unknown role" "$?" 2

# Ports of the block ctest reserved for this test
lines=$(ports 10) || abort "ten ports"
mapfile -t PORTS <<<"$lines"

# Endpoints of every service over tcp, as PPS_* variables
ENDPOINTS=()
index=0
for service in $SERVICES; do
    upper=${service^^}
    ENDPOINTS+=("PPS_${upper}_ENDPOINT=tcp://127.0.0.1:${PORTS[$index]}"
                "PPS_${upper}_EVENTS=tcp://127.0.0.1:${PORTS[$((index + 1))]}")
    index=$((index + 2))
done

# ctl WHO ARGS...: ppsctl with WHO's certificate (WHO "" for none).
ctl () {
    local who=$1
    shift
    local cert=()
    [ -n "$who" ] && cert=(--cert "$OPS/$who.cert")
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" PPS_REGION_DATA_DIR="$WORK/ctl" "${ENDPOINTS[@]}" \
        PPS_SECURITY_CURVE="${CTL_CURVE:-1}" PPS_SECURITY_KEYS_DIR="$PUBLIC" \
        "$BIN/ppsctl" --timeout "${CTL_TIMEOUT:-3000}" "${cert[@]}" "$@" >"$OUT" 2>"$ERR"
}

# serve NAME PROGRAM: a service program with CURVE on, its keys, the allow-list.
serve () {
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="$WORK/$1" PPS_REGION_CODE=32 "${ENDPOINTS[@]}" \
        PPS_SECURITY_CURVE=1 PPS_SECURITY_KEYS_DIR="$KEYS" PPS_SECURITY_CLIENTS_DIR="$CLIENTS" \
        PPS_NATIONAL_URL=https://127.0.0.1:1 \
        "$BIN/$2" >>"$WORK/$1.log" 2>&1 &
    PID[$1]=$!
}

# events WHO SERVICE: the service's event log, one line per event.
events () { ctl "$1" events "$2"; }

# ---------------------------------------------------------------- pps-registry
serve registry pps-registry
CTL_TIMEOUT=500 wait_for 60 ctl reader-rita registry list-regions || abort "pps-registry answers over CURVE"
check "log: served with CURVE" grep -q 'serving tcp://127.0.0.1:[0-9]*, events on .* (CURVE)' \
    "$WORK/registry.log"

check "reader: a query" ctl reader-rita registry list-regions
ctl reader-rita --request-id r1 registry create-region code=32 name=Hauts-de-France \
    ars_name="ARS HdF"
equal "reader: a write is refused" "$?" 1
check "reader: PERMISSION_DENIED on op" grep -q '^error: PERMISSION_DENIED op: reader-rita may not create_region (role reader)' "$ERR"
check "reader: the refusal is logged with the key's name" \
    grep -q 'registry: refused create_region to reader-rita (role reader)' "$WORK/registry.log"
check "reader: events" events reader-rita registry
equal "reader: nothing written" "$(wc -l <"$OUT")" 0

check "editor: a write" ctl editor-eve --actor root --request-id e1 registry create-region \
    code=32 name=Hauts-de-France ars_name="ARS HdF"
check "editor: events" events editor-eve registry
equal "editor: one event" "$(wc -l <"$OUT")" 1
check "editor: the actor is the certificate's name" \
    grep -Eq '^ +1 .* editor-eve +registry.region.created' "$OUT"
check "editor: not the actor claimed" bash -c "! grep -q root '$OUT'"
ctl reader-rita --request-id e1 registry create-region code=32 name=Hauts-de-France \
    ars_name="ARS HdF"
equal "reader: replaying an editor's request id is refused too" "$?" 1

# The gateway's key states the person it serves: that actor is recorded
check "gateway: a write for alice" ctl gw-web --actor alice --request-id g1 registry \
    update-region code=32 name=Hauts-de-France ars_name="ARS Hauts-de-France"
check "gateway: events" events gw-web registry
check "gateway: the actor is the person it stated" \
    grep -Eq '^ +2 .* alice +registry.region.updated' "$OUT"

CTL_TIMEOUT=700 ctl mallory registry list-regions
equal "unknown key: no answer (unreachable)" "$?" 3
check "unknown key: denied at the handshake" grep -q 'denied (CURVE)' "$WORK/registry.log"
CTL_TIMEOUT=700 CTL_CURVE=0 ctl "" registry list-regions
equal "client without CURVE: no answer" "$?" 3
check "the service keeps serving" ctl reader-rita registry list-regions
check "list shows the region" grep -q 'Hauts-de-France' "$OUT"
ctl "" registry list-regions
equal "no certificate to present: nothing sent" "$?" 3
check "no certificate: said so" grep -q 'no client certificate' "$ERR"

# A key removed from the allow-list loses the stream it had opened (ZAP
# asks only at the handshake): two readers watch, rita's key is removed,
# she receives nothing after while rex misses nothing
watcher () {
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_REGION_DATA_DIR="$WORK/ctl" "${ENDPOINTS[@]}" \
        PPS_SECURITY_CURVE=1 PPS_SECURITY_KEYS_DIR="$PUBLIC" \
        "$BIN/ppsctl" --json --cert "$OPS/$1.cert" watch registry. --for 10 >"$WORK/$1.watch" 2>&1 &
    PID[watch-$1]=$!
}
rename () {
    ctl editor-eve registry update-region code=32 name="$1" ars_name="ARS Hauts-de-France"
}
seen () { [ "$(grep -c 'registry.region.updated' "$WORK/$1.watch")" -ge "$2" ]; }
watcher reader-rita
watcher reader-rex
# Both streams open: a first event reaches both (sent again until it does)
opened () { rename "Nord $RANDOM" && sleep 0.2 && seen reader-rita 1 && seen reader-rex 1; }
check "both readers watch" wait_for 150 opened || { head -5 "$WORK"/reader-*.watch; }
sleep 0.3
before=$(grep -c 'registry.region.updated' "$WORK/reader-rex.watch")
rita=$(grep -c 'registry.region.updated' "$WORK/reader-rita.watch")
rm "$CLIENTS/reader-rita.cert"
check "the registry ends the streams within a second" \
    wait_for 10 grep -q 'a key left the allow-list' "$WORK/registry.log"
check "an event after the removal" rename "Hauts-de-France bis"
check "another" rename "Hauts-de-France"
check "the reader still allowed gets both (caught up)" wait_for 100 seen reader-rex $((before + 2))
sleep 0.5
equal "the removed reader got nothing after" \
    "$(grep -c 'registry.region.updated' "$WORK/reader-rita.watch")" "$rita"
check "the removed reader: not the later names" \
    bash -c "! grep -q 'Hauts-de-France bis' '$WORK/reader-rita.watch'"
check "the reader still allowed: the later names" \
    grep -q 'Hauts-de-France bis' "$WORK/reader-rex.watch"
stop watch-reader-rita
stop watch-reader-rex
cp "$OPS/reader-rita.cert" "$CLIENTS/"
stop registry

# ---------------------------------------------------------------- ipc files
env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
    PPS_REGION_DATA_DIR="$WORK/fresh/data" "$BIN/pps-registry" \
    >>"$WORK/ipc.log" 2>&1 &
PID[ipc]=$!
wait_for 100 test -S "$WORK/fresh/data/registry.ipc" || abort "pps-registry on ipc"
equal "ipc: socket file 0660" "$(stat -c %a "$WORK/fresh/data/registry.ipc")" 660
equal "ipc: events socket file 0660" "$(stat -c %a "$WORK/fresh/data/registry-events.ipc")" 660
equal "ipc: the data directory it made, 0750" "$(stat -c %a "$WORK/fresh/data")" 750
stop ipc

# ---------------------------------------------------------------- a whole region
serve region pps-region
CTL_TIMEOUT=500 wait_for 60 ctl reader-rita indicators model-status || abort "pps-region answers over CURVE"
check "editor: a region" ctl editor-eve --request-id e2 registry create-region code=32 \
    name=Hauts-de-France ars_name="ARS HdF"
check "editor: an establishment (projects' peer calls follow)" ctl editor-eve registry \
    create-establishment name="MA Un" kind=MA region_code=32 code=E1 capacity=100
ESTABLISHMENT=$(sed -n 's/^id: //p' "$OUT" | head -1)
check "editor: a project (projects asks the registry over CURVE)" ctl editor-eve projects \
    create-project establishment_id="$ESTABLISHMENT" title="Projet A" carrier=HEALTH_UNIT \
    created_on=2025-01-15

# finalise refuses while the read model is behind: retry that only
finalise () {
    local who=$1 id="finalise-$RANDOM$RANDOM"
    for _ in $(seq 50); do
        ctl "$who" --request-id "$id" bilan finalise --year 2025 && return 0
        grep -q 'FAILED_PRECONDITION' "$ERR" || return 1
        sleep 0.2
    done
    return 1
}
finalise editor-eve
equal "editor: finalise refused" "$?" 1
check "editor: finalise is PERMISSION_DENIED" grep -q '^error: PERMISSION_DENIED op: editor-eve may not finalise_bilan (role editor)' "$ERR"
check "admin: finalise (the read model caught up over CURVE)" finalise admin-ada
check "admin: queued" grep -q '^queued for the national service as 32:2025:1$' "$OUT"
check "bilan: finalised by the certificate's name" ctl reader-rita bilan show --year 2025
check "bilan show: by admin-ada" grep -q 'by admin-ada' "$OUT"
check "reader: the outbox" ctl reader-rita outbox
ctl editor-eve outbox retry 32:2025:1
equal "editor: a push retry refused" "$?" 1
check "editor: retry_outbox is PERMISSION_DENIED" grep -q 'PERMISSION_DENIED op: editor-eve may not retry_outbox' "$ERR"
check "admin: a push retry" ctl admin-ada outbox retry 32:2025:1
check "indicators: the refusals logged" grep -q 'indicators: refused finalise_bilan to editor-eve (role editor)' "$WORK/region.log"
check "reader: watch events over CURVE" ctl reader-rita watch --since 0 --count 2 --for 5
equal "watch: two events" "$(grep -c 'registry\.' "$OUT")" 2
stop region

finish
