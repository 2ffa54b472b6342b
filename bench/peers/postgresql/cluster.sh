#!/bin/sh
# The PostgreSQL peer's scratch cluster (issue 19), for bench/run.sh --peer postgresql.
#
#   cluster.sh start DIR    initdb DIR/data, start it with its unix socket in DIR
#                           (no TCP), print the postmaster's pid
#   cluster.sh stop DIR     stop the postmaster by its pid (SIGINT: fast shutdown,
#                           then SIGQUIT, then SIGKILL), bounded
#
# Default durability: the configuration initdb writes (fsync on,
# synchronous_commit on, full_page_writes on); only the socket directory and
# listen_addresses are given. Debian 12: apt-get install postgresql libpq-dev.
# PG_BIN overrides where initdb and pg_ctl are (default: the newest
# /usr/lib/postgresql/*/bin, else PATH). As root, the cluster runs as the
# unprivileged user postgres (PG_USER overrides): PostgreSQL refuses root.
set -eu

usage() {
    echo "usage: cluster.sh start|stop DIR" >&2
    exit 2
}
[ $# -eq 2 ] || usage
action=$1
dir=$2

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$candidate/initdb" ]; then bin=$candidate; break; fi
    done
fi
if [ -z "$bin" ]; then
    initdb_path=$(command -v initdb || true)
    [ -n "$initdb_path" ] && bin=$(dirname "$initdb_path")
fi

# Run a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "${PG_USER:-postgres}" -- "$@"
    else
        "$@"
    fi
}

postmaster_pid() {
    if [ -r "$dir/data/postmaster.pid" ]; then
        head -n 1 "$dir/data/postmaster.pid"
    fi
}

case $action in
start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
        echo "cluster.sh: initdb and pg_ctl not found: apt-get install postgresql (or set PG_BIN)" >&2
        exit 2
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        owner=${PG_USER:-postgres}
        if ! id "$owner" >/dev/null 2>&1; then
            echo "cluster.sh: running as root and there is no user $owner to run PostgreSQL" >&2
            exit 2
        fi
        chown "$owner" "$dir"
        # The owner must reach DIR: its parent is the bench's scratch
        # directory, which mktemp made 0700
        chmod o+x "$(dirname "$dir")"
        if ! runuser -u "$owner" -- test -w "$dir"; then
            echo "cluster.sh: user $owner cannot reach $dir: set TMPDIR to a directory it can traverse" >&2
            exit 2
        fi
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-instructions \
        >"$dir/initdb.log" 2>&1 || { tail -n 20 "$dir/initdb.log" >&2; exit 1; }
    # -w: wait until it accepts connections (bounded by -t)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
        -o "-k $dir -c listen_addresses=''" start >"$dir/pg_ctl.log" 2>&1 \
        || { tail -n 20 "$dir/postgresql.log" >&2; exit 1; }
    pid=$(postmaster_pid)
    if [ -z "$pid" ]; then
        echo "cluster.sh: no postmaster.pid after start" >&2
        exit 1
    fi
    echo "$pid"
    ;;
stop)
    pid=$(postmaster_pid)
    [ -n "$pid" ] || exit 0
    kill -INT "$pid" 2>/dev/null || exit 0
    # At most 30 s of fast shutdown, then 5 s of immediate, then SIGKILL
    tries=0
    while kill -0 "$pid" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -eq 300 ]; then kill -QUIT "$pid" 2>/dev/null || true; fi
        if [ "$tries" -eq 350 ]; then kill -KILL "$pid" 2>/dev/null || true; fi
        if [ "$tries" -ge 400 ]; then
            echo "cluster.sh: postmaster $pid did not stop" >&2
            exit 1
        fi
        sleep 0.1
    done
    ;;
*)
    usage
    ;;
esac
