# Shared by indicators_push.sh and indicators_e2e.sh (sourced, not run):
# start and stop pps-national and pps-region stacks as child processes of
# the script, each with its own temporary data directory and only the
# PPS_* variables given here; drive them with ppsctl; wait for conditions
# with bounded loops. Every process is stopped by its PID on exit.
#
# Before sourcing: BIN (the directory of ppsctl, pps-region, pps-national
# and indicators_push_tool).

PPSCTL="$BIN/ppsctl"
TOOL="$BIN/indicators_push_tool"
WORK=$(mktemp -d /tmp/pps-push.XXXXXX)
OUT="$WORK/out"
ERR="$WORK/err"
declare -A DIR=()          # name -> its data directory
declare -A CODE=()         # region stack name -> region code
declare -A TOKEN_FILE=()   # region stack name -> its token file
NATIONAL_PORT=""
NATIONAL_URL=""
NATIONAL_TOKENS=()         # PPS_NATIONAL_TOKENS_xx=hash, for every restart
NATIONAL_STORES=0          # "201 stored" lines in earlier national logs

source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

# crash NAME: SIGKILL.
crash () {
    kill -KILL "${PID[$1]}" 2>/dev/null
    wait "${PID[$1]}" 2>/dev/null
    unset "PID[$1]"
}

# ---------------------------------------------------------------- national

# national_setup CODE TOKEN...: a port of the test's own and the tokens' hashes.
national_setup () {
    NATIONAL_PORT=$(ports 1) || abort "a port for the national service"
    NATIONAL_URL="http://127.0.0.1:$NATIONAL_PORT"
    DIR[national]="$WORK/national"
    mkdir -p "${DIR[national]}"
    while [ $# -ge 2 ]; do
        NATIONAL_TOKENS+=("PPS_NATIONAL_TOKENS_$1=$("$BIN/pps-national" --hash-token "$2")")
        shift 2
    done
}

national_up () {
    [ "$("$TOOL" get "$NATIONAL_URL/api/v1/status" "$WORK/status.json" 2>/dev/null)" = 200 ]
}

national_start () {
    [ -f "$WORK/national.log" ] && NATIONAL_STORES=$((NATIONAL_STORES + $(national_stores)))
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" PPS_REGION_DATA_DIR="${DIR[national]}" \
        PPS_NATIONAL_BIND="127.0.0.1:$NATIONAL_PORT" "${NATIONAL_TOKENS[@]}" \
        "$BIN/pps-national" >"$WORK/national.log" 2>&1 &
    PID[national]=$!
    wait_for 50 national_up || abort "pps-national answers on $NATIONAL_URL"
}

# "201 stored" lines of the running national's log.
national_stores () {
    grep -c 'POST /api/v1/bilans 201' "$WORK/national.log"
}

# national_get PATH FILE: GET into FILE, prints the status.
national_get () {
    "$TOOL" get "$NATIONAL_URL$1" "$2"
}

# ---------------------------------------------------------------- regions

# region_setup NAME CODE TOKEN: a data directory and a token file.
region_setup () {
    DIR[$1]="$WORK/$1"
    CODE[$1]=$2
    TOKEN_FILE[$1]="$WORK/$1.token"
    mkdir -p "${DIR[$1]}"
    printf '%s\n' "$3" >"${TOKEN_FILE[$1]}"
}

# ctl NAME ARGS...: ppsctl against region stack NAME, output in OUT and ERR.
ctl () {
    local name=$1
    shift
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="${DIR[$name]}" PPS_REGION_CODE="${CODE[$name]}" \
        "$PPSCTL" "$@" >"$OUT" 2>"$ERR"
}

# region_start NAME [plain]: pps-region with its outbox pointed at the
# national service; plain http is allowed unless the second argument is
# "no-plain-http". Retries are fast (200 ms doubling up to 1 s).
region_start () {
    local plain=1
    [ "${2:-}" = no-plain-http ] && plain=0
    env -i PATH="$PATH" "${SANITIZER_ENV[@]}" PPS_WEB_BIND="${PPS_WEB_BIND:-off}" \
        PPS_REGION_DATA_DIR="${DIR[$1]}" PPS_REGION_CODE="${CODE[$1]}" \
        PPS_NATIONAL_URL="$NATIONAL_URL" \
        PPS_INDICATORS_NATIONAL_TOKEN_FILE="${TOKEN_FILE[$1]}" \
        PPS_INDICATORS_ALLOW_PLAIN_HTTP=$plain PPS_INDICATORS_OUTBOX_POLL_MS=100 \
        PPS_INDICATORS_RETRY_BASE_MS=200 PPS_INDICATORS_RETRY_MAX_MS=1000 \
        "$BIN/pps-region" >>"$WORK/$1.log" 2>&1 &
    PID[$1]=$!
    wait_for 100 ctl "$1" status || abort "pps-region $1 answers"
    # Every service, indicators included, is up
    wait_for 50 ctl "$1" indicators model-status || abort "indicators of $1 answers"
}

# op NAME ARGS...: a ppsctl write that must succeed; sets LAST_ID to the
# new record's id (not printed: a failure inside $(...) would not stop us).
LAST_ID=""
op () {
    ctl "$@" || abort "ppsctl $*"
    LAST_ID=$(sed -n 's/^id: //p' "$OUT" | head -1)
}

# finalise NAME: finalise the 2025 bilan once the read model has caught up
# (the service refuses while it is behind); one request id for all tries.
finalise () {
    local id="finalise-$1-$RANDOM$RANDOM"
    for _ in $(seq 50); do
        ctl "$1" --request-id "$id" bilan finalise --year 2025 && return 0
        grep -q 'FAILED_PRECONDITION' "$ERR" || return 1
        sleep 0.2
    done
    return 1
}

# outbox_field NAME KEY COLUMN: a column of the key's row in `ppsctl outbox`
# (2 state, 3 attempts, 5 last status, 6 the first word of the last error).
outbox_field () {
    ctl "$1" outbox || return 1
    awk -v key="$2" -v column="$3" '$1 == key { print $column }' "$OUT"
}

# outbox_is NAME KEY STATE
outbox_is () {
    [ "$(outbox_field "$1" "$2" 2)" = "$3" ]
}

# bilan_state NAME VERSION: the state `ppsctl bilan list` shows.
bilan_state () {
    ctl "$1" bilan list --year 2025 || return 1
    awk -v version="$2" '$3 == version { print $4 }' "$OUT"
}
