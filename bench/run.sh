#!/bin/sh
# Run every benchmark of bench/ and print the results as a markdown table.
#
#   bench/run.sh [--seconds S] [--events N] [SECTION...]
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

# Bounded: pps-bench stops its children by pid; the timeout is a last resort
# (its children die with it, PR_SET_PDEATHSIG).
status=0
timeout --signal=TERM 900 "$bin/pps-bench" --work "$work" --bin "$bin" --csv "$csv" "$@" \
    2> "$work/pps-bench.log" || status=$?
if [ "$status" -ne 0 ]; then
    echo "run.sh: pps-bench exited with $status; its log:" >&2
    tail -n 30 "$work/pps-bench.log" >&2
fi
exit "$status"
