#!/bin/bash
# `ppsctl status` and `ppsctl metrics` against fake services
# (monitoring_tool fake binds each service's default ipc endpoint and
# answers its ServiceStatus as told): the exit status when every service is
# well, down, in error, lagging past --max-lag or holding outbox entries
# that need an operator; the probe asks every service at once; the metrics
# are valid Prometheus text with escaped label values; --output replaces
# its file atomically. Every process is stopped by its PID.
# Usage: monitoring_status.sh BIN_DIR
set -u
BIN=${1:?usage: monitoring_status.sh BIN_DIR}
PPSCTL="$BIN/ppsctl"
TOOL="$BIN/monitoring_tool"
WORK=$(mktemp -d /tmp/pps-monitoring.XXXXXX)
OUT="$WORK/out"
ERR="$WORK/err"
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

# ctl ARGS...: ppsctl on the fakes' endpoints; sets RC
ctl () {
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="$WORK/data" ${NATIONAL:+PPS_NATIONAL_URL=$NATIONAL} \
        "$PPSCTL" "$@" >"$OUT" 2>"$ERR"
    RC=$?
}
# run WANTED NAME ARGS...: ppsctl exits with WANTED
run () {
    local wanted=$1 name=$2
    shift 2
    ctl "$@"
    if [ "$RC" -eq "$wanted" ]; then ok "$name"; else fail "$name (exit $RC, wanted $wanted)"; fi
}
# expect NAME PATTERN: a line of the last output matches (grep -E)
expect () {
    if grep -Eq -- "$2" "$OUT"; then ok "$1"; else fail "$1 (no line matches '$2')"; fi
}
# has NAME LINE: the last output holds exactly that line
has () {
    if grep -Fxq -- "$2" "$OUT"; then ok "$1"; else fail "$1 (no line '$2')"; fi
}
absent () {
    if grep -Eq -- "$2" "$OUT"; then fail "$1 (a line matches '$2')"; else ok "$1"; fi
}
promcheck () {
    if "$TOOL" promcheck "$1" >"$ERR" 2>&1; then ok "$2"; else fail "$2"; cat "$ERR"; fi
}

SERVICES=$("$PPSCTL" help | sed -n 's/^services: //p')
[ -n "$SERVICES" ] || { echo "FAIL no service list in ppsctl help"; exit 1; }
declare -A OPTIONS=()         # service -> extra fake options (word-split)
declare -A SKIP=()            # service -> 1: no fake, so it is down
EXTRA=()                      # more options of EXTRA_FOR (words with blanks)
EXTRA_FOR=indicators

fake_stop () { stop fake; }
fake_up () {
    ctl status --max-lag 1000000000
    grep -Eq '^[a-z]+ +up ' "$OUT"
}
# fake_start: one fake per service not in SKIP, with its OPTIONS; waits
# until each answers
fake_start () {
    fake_stop
    local args=() service
    mkdir -p "$WORK/data"
    for service in $SERVICES; do
        [ -n "${SKIP[$service]:-}" ] && continue
        # shellcheck disable=SC2206
        args+=(--service "$service" "ipc://$WORK/data/$service.ipc" ${OPTIONS[$service]:-})
        [ "$service" = "$EXTRA_FOR" ] && args+=("${EXTRA[@]}")
    done
    "$TOOL" fake --for 100 "${args[@]}" >"$WORK/fake.log" 2>&1 &
    PID[fake]=$!
    wait_for 100 fake_up || abort "the fake services answer"
}
EXTRA=()
NATIONAL=""

# ---------------------------------------------------------------- all well
fake_start
run 0 "all up: exit 0" status
for service in $SERVICES; do
    expect "all up: $service row" "^$service +up +9\.9\.9 +1:02:03 +42 +7 +1 +1\.0/1024 "
done
expect "all up: healthy line" "^healthy: [0-9]+ services up"
run 0 "metrics: exit 0" metrics
cp "$OUT" "$WORK/all.prom"
promcheck "$WORK/all.prom" "metrics: valid exposition"
has "metrics: pps_up" 'pps_up{service="registry"} 1'
has "metrics: uptime" 'pps_uptime_seconds{service="registry"} 3723'
has "metrics: served" 'pps_requests_total{service="projects",outcome="served"} 7'
has "metrics: failed" 'pps_requests_total{service="projects",outcome="failed"} 1'
has "metrics: last seq" 'pps_last_event_seq{service="funding"} 42'
has "metrics: lmdb used" 'pps_lmdb_used_bytes{service="training"} 1048576'
has "metrics: lmdb map" 'pps_lmdb_map_bytes{service="training"} 1073741824'
has "metrics: map use" 'pps_lmdb_map_used_ratio{service="training"} 0.0009765625'
has "metrics: free bytes under the data" 'pps_data_fs_free_bytes{service="training"} 5368709120'
has "metrics: size of that filesystem" 'pps_data_fs_size_bytes{service="training"} 21474836480'
has "metrics: version" 'pps_info{service="registry",version="9.9.9"} 1'
has "metrics: TYPE counter" '# TYPE pps_requests_total counter'
run 0 "status --json: exit 0" --json status
expect "status --json: healthy" '"healthy": true'

# ---------------------------------------------------------------- lag and errors
ERROR_TEXT=$'HTTP 409: "conflict" at C:\\outbox\nsecond line'
OPTIONS[indicators]="--lag registry 250 --lag projects 3 --needs-operator 0"
EXTRA=(--error "$ERROR_TEXT")
fake_start
run 1 "lag 250 over the default 100: exit 1" status
expect "lag: the problem named" "indicators: 250 events behind registry \(more than --max-lag 100\)"
expect "lag: gauge row" "^indicators +subscriber_lag +registry +250$"
expect "lag: the error text shown on one line" '^indicators +outbox_last_error +- +"HTTP 409: \\"conflict\\" at C:\\\\outbox\\nsecond line"$'
run 0 "--max-lag 250: exit 0" status --max-lag 250
run 1 "--max-lag 249: exit 1" status --max-lag 249
run 1 "--json when lagging: exit 1" --json status
expect "--json: not healthy" '"healthy": false'
expect "--json: the problem" '"indicators: 250 events behind registry'
run 0 "metrics when lagging: exit 0" metrics
cp "$OUT" "$WORK/lag.prom"
promcheck "$WORK/lag.prom" "metrics with gauges: valid exposition"
has "metrics: lag" 'pps_subscriber_lag{service="indicators",source="registry"} 250'
has "metrics: second lag" 'pps_subscriber_lag{service="indicators",source="projects"} 3'
has "metrics: outbox needs operator" 'pps_outbox_needs_operator{service="indicators"} 0'
# The words stay out of the labels (each message a series of its own): a
# bounded class, the text in ppsctl status and ppsctl outbox
has "metrics: the error's class" 'pps_outbox_last_error_info{service="indicators",class="http_4xx"} 1'
absent "metrics: no message label" 'message='
EXTRA=()

OPTIONS[indicators]="--lag registry 0 --needs-operator 2"
fake_start
run 1 "outbox entries need an operator: exit 1" status --max-lag 1000
expect "needs operator: the problem named" "indicators: 2 outbox_needs_operator entries need an operator"

# notify's own figures: failed deliveries wait for an operator, an error per channel
OPTIONS=()
EXTRA_FOR=notify
EXTRA=(--gauge deliveries_failed "" 1 "" --gauge notifications "" 3 "" \
       --gauge last_error email 0 "smtp: 550 refused"
       --gauge last_error webhook 0 "HTTP 500" --gauge "queue depth!" x 2.5 "")
fake_start
run 1 "failed deliveries: exit 1" status
expect "failed deliveries: the problem named" "notify: 1 deliveries_failed entry needs an operator"
run 0 "metrics with notify's figures" metrics
cp "$OUT" "$WORK/notify.prom"
promcheck "$WORK/notify.prom" "metrics with notify's figures: valid exposition"
has "metrics: failed deliveries" 'pps_deliveries_failed{service="notify"} 1'
# A figure that only grows is a counter, named _total
has "metrics: notifications, a counter" '# TYPE pps_notifications_total counter'
has "metrics: notifications raised" 'pps_notifications_total{service="notify"} 3'
has "metrics: error of a channel" \
    'pps_last_error_info{service="notify",channel="email",class="smtp"} 1'
has "metrics: error of another channel" \
    'pps_last_error_info{service="notify",channel="webhook",class="http_5xx"} 1'
absent "metrics: no message label" 'message='
has "metrics: any other figure, its name made valid" 'pps_queue_depth_{service="notify",label="x"} 2.5'
EXTRA=()
EXTRA_FOR=indicators

# ---------------------------------------------------------------- down and error
OPTIONS=()
SKIP[funding]=1
OPTIONS[training]="--refuse"
fake_start
run 1 "a service down, one in error: exit 1" status
expect "down: row" "^funding +down +- "
expect "error: row" "^training +error +- .*refused by the fake"
expect "down: problem" "^  funding: down at ipc://"
run 0 "metrics with a service down: exit 0" metrics
cp "$OUT" "$WORK/down.prom"
promcheck "$WORK/down.prom" "metrics with a service down: valid exposition"
has "metrics: down is 0" 'pps_up{service="funding"} 0'
has "metrics: error is 0" 'pps_up{service="training"} 0'
absent "metrics: nothing else of a down service" 'service="funding"}? [^0]|pps_uptime_seconds\{service="funding"'
SKIP=()
OPTIONS=()

# ---------------------------------------------------------------- at once
for service in $SERVICES; do
    OPTIONS[$service]="--delay 1000"
done
fake_start
start=$(date +%s%N)
run 0 "every service 1 s late, --wait 4000: exit 0" status --wait 4000
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
count=$(echo "$SERVICES" | wc -w)
if [ "$elapsed" -lt 2500 ]; then ok "asked at once: $count late services in $elapsed ms"
else fail "asked at once: $count late services took $elapsed ms"; fi
run 1 "--wait 300 shorter than their delay: exit 1" status --wait 300
expect "late: down" "^registry +down "
OPTIONS=()
fake_stop
start=$(date +%s%N)
run 1 "nothing runs: exit 1" status
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$elapsed" -lt 3000 ]; then ok "nothing runs: answered in $elapsed ms"
else fail "nothing runs: took $elapsed ms"; fi
run 0 "metrics when nothing runs: exit 0" metrics
cp "$OUT" "$WORK/none.prom"
promcheck "$WORK/none.prom" "metrics when nothing runs: valid exposition"

# ---------------------------------------------------------------- national
fake_start
# A port of this test's block that nothing binds
NATIONAL="http://127.0.0.1:$(ports 1)" || abort "a port for the national service"
run 0 "national configured but down: not the region's, exit 0" status
expect "national: row" "^national +down "
run 1 "national configured but down: status --national exit 1" status --national
run 0 "metrics with national down" metrics
has "metrics: national down" 'pps_up{service="national"} 0'
NATIONAL=""

# ---------------------------------------------------------------- --output
mkdir -p "$WORK/textfile"
run 0 "metrics --output" metrics --output "$WORK/textfile/pps.prom"
promcheck "$WORK/textfile/pps.prom" "--output: valid exposition"
inode=$(stat -c %i "$WORK/textfile/pps.prom")
[ "$(stat -c %a "$WORK/textfile/pps.prom")" = 644 ] && ok "--output: mode 644" || fail "--output: mode 644"
run 0 "metrics --output again" metrics --output "$WORK/textfile/pps.prom"
[ "$(stat -c %i "$WORK/textfile/pps.prom")" != "$inode" ] && ok "--output: replaced by a rename" \
    || fail "--output: replaced by a rename"
[ "$(ls "$WORK/textfile")" = pps.prom ] && ok "--output: no temporary file left" \
    || fail "--output: no temporary file left ($(ls "$WORK/textfile"))"
run 1 "--output in a missing directory: exit 1" metrics --output "$WORK/missing/pps.prom"

# ---------------------------------------------------------------- usage
run 2 "status --max-lag x: exit 2" status --max-lag x
run 2 "status extra: exit 2" status extra
run 2 "metrics --output without file: exit 2" metrics --output
fake_stop
finish
