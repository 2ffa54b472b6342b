#!/bin/bash
# The console's benchmark (issue 15, "Performance (benchmark, not test)"):
# time to first render and to the complete page in headless Chromium, bytes
# per page, the region's memory with and without the console. A measure,
# never a test: nothing is asserted, ctest does not run it.
#
#   bench/console.sh [BUILD_BIN_DIR]        (default: build/bin)
#
# Builds nothing: BUILD_BIN_DIR must hold pps-region and ppsctl (their
# console embedded at build time from console/). In a fresh mktemp directory
# (removed at the end), on free loopback ports (the gateway from 18390 up, the
# first free one; BENCH_CONSOLE_PORT to start elsewhere):
#   1. a national stand-in (bench_console.py --sink) answering 201 to the
#      pushes, so that the sample finalises 2023-2025 and nothing retries;
#   2. pps-region --sample with web/bind off (PPS_WEB_BIND=off), its own data
#      directory: VmRSS/VmHWM once ready (the baseline of the console's cost),
#      then stopped by its PID;
#   3. an admin bootstrapped by ppsctl (password on stdin), pps-region
#      --sample with its gateway, then bench/bench_console.py drives Chromium
#      against it (BENCH_LOADS loads per page and cache mode, default 20);
#   4. every child stopped by its PID (SIGTERM, SIGKILL after 5 s).
# The markdown report goes to stdout; progress to stderr.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/bin}
bin=$(cd "$bin" 2>/dev/null && pwd) || { echo "console.sh: no directory ${1:-build/bin}" >&2; exit 2; }
csv=${PPS_BENCH_CSV:-$root/../shared/data/etablissements_penitentiaires.csv}
for program in pps-region ppsctl; do
    if [ ! -x "$bin/$program" ]; then
        echo "console.sh: $bin/$program is missing: build first (cmake --build build --target pps-region ppsctl)" >&2
        exit 2
    fi
done
if [ ! -r "$csv" ]; then
    echo "console.sh: the establishments file $csv is not there (set PPS_BENCH_CSV)" >&2
    exit 2
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "console.sh: Debian's chromium, chromium-driver and python3-selenium are needed (deploy/install-deps.sh)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pps-bench-console.XXXXXX")
declare -A PID=()
stop () {
    local pid=${PID[$1]:-}
    [ -z "$pid" ] && return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    unset "PID[$1]"
}
cleanup () {
    local name
    for name in "${!PID[@]}"; do stop "$name"; done
    if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "console.sh: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port FIRST: the first port from FIRST on that nothing answers on
# (checked, not reserved: the region's log says whether it could bind)
free_port () {
    local port
    for port in $(seq "$1" $(($1 + 200))); do
        [ "$port" = "${taken:-}" ] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}
# wait_log FILE PATTERN SECONDS PID: the pattern appears in the log while
# the process runs
wait_log () {
    local deadline=$((SECONDS + $3))
    while [ "$SECONDS" -lt "$deadline" ]; do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$4" 2>/dev/null || break
        sleep 0.1
    done
    echo "console.sh: '$2' did not appear in $1; its tail:" >&2
    tail -20 "$1" >&2
    return 1
}
status_lines () {
    grep -E '^(VmRSS|VmHWM|RssAnon|RssFile|RssShmem|Threads):' "/proc/$1/status" | tr -s ' \t' ' ' | paste -sd';'
}

web_port=$(free_port "${BENCH_CONSOLE_PORT:-18390}") || { echo "console.sh: no free port" >&2; exit 1; }
taken=$web_port
sink_port=$(free_port $((web_port + 1))) || { echo "console.sh: no free port" >&2; exit 1; }

unset PPS_CONFIG
export PPS_NATIONAL_URL="http://127.0.0.1:$sink_port"
export PPS_INDICATORS_ALLOW_PLAIN_HTTP=1
export PPS_INDICATORS_NATIONAL_TOKEN="bench-console-token-$$"

/usr/bin/python3 "$root/bench/bench_console.py" --sink "$sink_port" >"$work/sink.log" 2>&1 &
PID[sink]=$!

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$bin/../CMakeCache.txt" 2>/dev/null)
export BENCH_BUILD_INFO="programs of $bin (CMAKE_BUILD_TYPE ${build_type:-unset: RelWithDebInfo by CMakeLists.txt})"

# ---------------------------------------------------------------- web off
echo "console.sh: the region with web/bind off (baseline) ..." >&2
mkdir -p "$work/off"
PPS_REGION_DATA_DIR="$work/off" PPS_WEB_BIND=off \
    "$bin/pps-region" --sample --csv "$csv" >"$work/region-off.log" 2>&1 &
PID[region_off]=$!
wait_log "$work/region-off.log" " ready" 300 "${PID[region_off]}" || exit 1
sleep 3
BENCH_OFF_STATUS=$(status_lines "${PID[region_off]}")
export BENCH_OFF_STATUS
stop region_off

# ---------------------------------------------------------------- web on
echo "console.sh: the region with its console on 127.0.0.1:$web_port ..." >&2
export PPS_REGION_DATA_DIR="$work/on"
export PPS_WEB_BIND="127.0.0.1:$web_port"
mkdir -p "$PPS_REGION_DATA_DIR"
ADMIN_PASSWORD="bench-admin-$$-$RANDOM$RANDOM"
export ADMIN_PASSWORD
printf '%s\n' "$ADMIN_PASSWORD" | "$bin/ppsctl" user bootstrap admin --name "Alice Martin" \
    >"$work/bootstrap.log" 2>&1 || { echo "console.sh: ppsctl user bootstrap failed:" >&2; cat "$work/bootstrap.log" >&2; exit 1; }
"$bin/pps-region" --sample --csv "$csv" >"$work/region.log" 2>&1 &
PID[region]=$!
wait_log "$work/region.log" "console on http" 300 "${PID[region]}" || exit 1
sleep 3

echo "console.sh: loading the pages in Chromium ..." >&2
/usr/bin/python3 "$root/bench/bench_console.py" "http://127.0.0.1:$web_port" "${PID[region]}"
rc=$?
# What the gateway said meanwhile: refused connections (web/per_address),
# event streams found closed by the browser only when a keep-alive was sent
limit=$(grep -c 'reached connection limit' "$work/region.log")
streams=$(grep -c 'Failed to send the chunked response body' "$work/region.log")
echo
echo "Region log during the run: $limit connection(s) refused at the connection limit" \
     "(\"Server reached connection limit\"), $streams event stream(s) found closed by the" \
     "browser only on a later write (\"Failed to send the chunked response body\")."
if grep -q '^E: ' "$work/region.log"; then
    echo "console.sh: the region logged errors:" >&2
    grep -m 10 '^E: ' "$work/region.log" >&2
fi
exit $rc
