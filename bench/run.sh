#!/bin/sh
# Run every benchmark of bench/ and print the results as a markdown table.
#
#   bench/run.sh [--seconds S] [--events N] [--peer postgresql] [SECTION...]
#
# --peer postgresql: also start a scratch PostgreSQL cluster in the scratch
# directory (bench/peers/postgresql/cluster.sh: initdb, pg_ctl, unix socket
# only, default durability), measure it beside pps (the section "peer",
# alone unless sections are named) and stop it by its pid at the end. Needs
# Debian's postgresql and libpq-dev (pps-bench is built with the peer only
# where libpq is found).
#
# Builds nothing: it runs build/bin/pps-bench (cmake --build build first), which
# starts build/bin/pps-registry and build/bin/pps-region itself, in a fresh
# temporary directory that is removed at the end (PPS_BENCH_KEEP=1 keeps it).
# The directory must be on the disk under test, not a tmpfs: durable commits
# are what is measured. Environment:
#   PPS_BENCH_BIN   where the programs are (default: <repo>/build/bin)
#   PPS_BENCH_CSV   the ministry's establishments file
#   TMPDIR          parent of the scratch directory (default /tmp)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
peer=
for arg in "$@"; do
    shift
    if [ "$peer" = next ]; then
        peer=$arg
        continue
    fi
    case $arg in
        --peer) peer=next ;;
        --peer=*) peer=${arg#--peer=} ;;
        *) set -- "$@" "$arg" ;;
    esac
done
case $peer in
    ''|postgresql) ;;
    *) echo "run.sh: unknown peer '$peer' (known: postgresql)" >&2; exit 2 ;;
esac
bin=${PPS_BENCH_BIN:-$root/build/bin}
csv=${PPS_BENCH_CSV:-}
if [ -z "$csv" ]; then
    for candidate in "$root/../shared/data/etablissements_penitentiaires.csv" \
                     "$root/shared/data/etablissements_penitentiaires.csv" \
                     /usr/share/pps/etablissements_penitentiaires.csv; do
        if [ -r "$candidate" ]; then csv=$candidate; break; fi
    done
fi
for program in pps-bench pps-registry pps-region; do
    if [ ! -x "$bin/$program" ]; then
        echo "run.sh: $bin/$program is missing: build first (cmake -S . -B build && cmake --build build)" >&2
        exit 2
    fi
done
if [ -z "$csv" ] || [ ! -r "$csv" ]; then
    echo "run.sh: the establishments CSV was not found; set PPS_BENCH_CSV" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pps-bench.XXXXXX")
cleanup() {
    if [ -n "$peer" ]; then
        "$root/bench/peers/postgresql/cluster.sh" stop "$work/pg" || true
    fi
    if [ "${PPS_BENCH_KEEP:-0}" = 1 ]; then
        echo "run.sh: kept $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT INT TERM
if [ "$(stat -f -c %T "$work")" = tmpfs ]; then
    echo "run.sh: warning: $work is on tmpfs, durable commits cost nothing there" >&2
fi

peer_args=
if [ -n "$peer" ]; then
    # Stopped by its pid in cleanup (cluster.sh stop reads postmaster.pid)
    pg_pid=$("$root/bench/peers/postgresql/cluster.sh" start "$work/pg") || {
        echo "run.sh: the PostgreSQL peer did not start" >&2
        exit 1
    }
    echo "run.sh: PostgreSQL peer started, postmaster pid $pg_pid, socket in $work/pg" >&2
    peer_args="--peer-pg $work/pg"
fi

# Bounded: pps-bench stops its children by pid; the timeout is a last resort
# (its children die with it, PR_SET_PDEATHSIG).
status=0
# shellcheck disable=SC2086
timeout --signal=TERM 900 "$bin/pps-bench" --work "$work" --bin "$bin" --csv "$csv" \
    $peer_args "$@" 2> "$work/pps-bench.log" || status=$?
if [ "$status" -ne 0 ]; then
    echo "run.sh: pps-bench exited with $status; its log:" >&2
    tail -n 30 "$work/pps-bench.log" >&2
fi
exit "$status"
