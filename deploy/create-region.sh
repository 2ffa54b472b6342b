#!/usr/bin/env bash
# Creates what one region needs on this machine, before its services start:
#   the pps system user (no login, home /var/lib/pps),
#   /var/lib/pps/CODE               the region's data (0750 pps:pps),
#   /etc/pps/region-CODE.cfg        its configuration (deploy/region-CODE.cfg,
#                                   else made from region-32.cfg with its code
#                                   and ports 2CODEnn), linked as
#                                   /etc/pps/region.cfg when that is free,
#   /etc/pps/keys/CODE/             a CURVE key pair per service (role
#                                   reader), one for the operators (admin)
#                                   and one for monitoring (monitor, reader:
#                                   pps-metrics@CODE), made by pps-keygen, and
#                                   the region's bearer token at the national
#                                   service (national.token),
#   /etc/pps/clients/CODE/          the public certificates allowed to call
#                                   the region's services.
# Nothing that exists is overwritten: running it again only adds what is
# missing, and never changes a key. Prints the SHA-256 of the national
# token, in the form national.cfg takes it (national > tokens > CODE).
#
# usage: create-region.sh CODE [--root DIR] [--bin DIR] [--no-user] [--operator NAME]
#   --root DIR       prefix of every path (an image being built, a test)
#   --bin DIR        where pps-keygen is (default ../bin beside this
#                    script when installed, else build/bin in the repository)
#   --no-user        create no user; files stay owned by whoever runs this
#   --operator NAME  name of the operators' key (default operator)
set -euo pipefail

usage () {
    sed -n '/^# usage:/,/^[^#]/s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

HERE=$(cd "$(dirname "$0")" && pwd)
CODE=""
ROOT=""
BIN=""
MAKE_USER=1
OPERATOR=operator
while [ $# -gt 0 ]; do
    case "$1" in
        --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
        --bin) BIN=${2:?--bin needs a directory}; shift 2 ;;
        --no-user) MAKE_USER=0; shift ;;
        --operator) OPERATOR=${2:?--operator needs a name}; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "create-region: unknown option $1" >&2; usage ;;
        *) [ -n "$CODE" ] && usage; CODE=$1; shift ;;
    esac
done
[ -n "$CODE" ] || usage
# The 18 regions with an ARS (INSEE codes)
case " 01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94 " in
    *" $CODE "*) ;;
    *) echo "create-region: '$CODE' is not the INSEE code of a region with an ARS" >&2; exit 2 ;;
esac
case "$OPERATOR" in
    ''|monitor|*[!A-Za-z0-9._-]*|[.-]*) echo "create-region: bad operator name '$OPERATOR'" >&2; exit 2 ;;
esac
# Installed (pps-create-region in sbin): pps-keygen in ../bin, the
# templates in ../share/pps; in the repository: build/bin and deploy/
if [ -z "$BIN" ]; then
    if [ -x "$HERE/../bin/pps-keygen" ]; then BIN="$HERE/../bin"; else BIN="$HERE/../build/bin"; fi
fi
[ -x "$BIN/pps-keygen" ] || { echo "create-region: no $BIN/pps-keygen (--bin DIR)" >&2; exit 1; }
TEMPLATES=$HERE
[ -f "$TEMPLATES/region-32.cfg" ] || TEMPLATES="$HERE/../share/pps"
if [ "$MAKE_USER" = 1 ] && [ "$(id -u)" -ne 0 ]; then
    echo "create-region: run as root (or with --no-user and --root for a trial)" >&2
    exit 1
fi

SERVICES="registry projects training funding indicators notify"
DATA="$ROOT/var/lib/pps/$CODE"
ETC="$ROOT/etc/pps"
KEYS="$ETC/keys/$CODE"
CLIENTS="$ETC/clients/$CODE"
CONFIG="$ETC/region-$CODE.cfg"

# ---------------------------------------------------------------- user
OWNER=""
if [ "$MAKE_USER" = 1 ]; then
    if ! getent passwd pps >/dev/null; then
        useradd --system --user-group --home-dir /var/lib/pps --no-create-home \
                --shell /usr/sbin/nologin --comment "PPS services" pps
        echo "create-region: user pps created"
    fi
    OWNER=pps:pps
fi
# own PATH...: give to pps when there is a pps user
own () {
    [ -n "$OWNER" ] && chown "$OWNER" "$@"
    return 0
}

# ---------------------------------------------------------------- directories
install -d -m 0755 "$ETC" "$ETC/keys" "$ETC/clients"
install -d -m 0750 "$ROOT/var/lib/pps" "$DATA" "$KEYS" "$CLIENTS"
own "$ROOT/var/lib/pps" "$DATA" "$KEYS" "$CLIENTS"

# ---------------------------------------------------------------- configuration
if [ ! -e "$CONFIG" ]; then
    if [ -f "$TEMPLATES/region-$CODE.cfg" ]; then
        install -m 0640 "$TEMPLATES/region-$CODE.cfg" "$CONFIG"
    else
        sed "s/\"32\"/\"$CODE\"/; s#/32#/$CODE#g; s#:232#:2$CODE#g; s/region-32/region-$CODE/g; s/create-region.sh 32/create-region.sh $CODE/;
             s/^\#   Region 32 (Hauts-de-France)/\#   Region $CODE/" \
            "$TEMPLATES/region-32.cfg" >"$CONFIG"
        chmod 0640 "$CONFIG"
    fi
    [ -n "$OWNER" ] && chgrp pps "$CONFIG"
    echo "create-region: $CONFIG written"
fi
if [ ! -e "$ETC/region.cfg" ] && [ ! -L "$ETC/region.cfg" ]; then
    ln -s "region-$CODE.cfg" "$ETC/region.cfg"
    echo "create-region: $ETC/region.cfg -> region-$CODE.cfg"
fi

# ---------------------------------------------------------------- keys
# key NAME ROLE: a key pair in KEYS, its public certificate in CLIENTS
key () {
    if [ ! -e "$KEYS/$1.cert" ]; then
        "$BIN/pps-keygen" --name "$1" --role "$2" --out "$KEYS" >/dev/null
        echo "create-region: key pair $KEYS/$1.cert ($2)"
    fi
    own "$KEYS/$1.cert" "$KEYS/$1.cert_secret"
    chmod 0600 "$KEYS/$1.cert_secret"
    if [ ! -e "$CLIENTS/$1.cert" ]; then
        install -m 0640 "$KEYS/$1.cert" "$CLIENTS/$1.cert"
        own "$CLIENTS/$1.cert"
    fi
}
# A service calls the others only to read (EventsSince, status, lookups)
for service in $SERVICES; do
    key "$service" reader
done
key "$OPERATOR" admin
# The HTTP/JSON gateway (pps@web): it checks each person's role itself and
# states their login as the actor, which only the gateway role may do
key web gateway
# What pps-metrics@CODE.service and health checks call with
key monitor reader

# The region's bearer token at the national service
TOKEN="$KEYS/national.token"
if [ ! -e "$TOKEN" ]; then
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$TOKEN" && echo >>"$TOKEN")
    echo "create-region: national token $TOKEN"
fi
own "$TOKEN"
chmod 0600 "$TOKEN"
# What `pps-national --hash-token -` prints: the SHA-256 of the first line
HASH=$(head -1 "$TOKEN" | tr -d '\r\n' | sha256sum | cut -d' ' -f1)
# The form national.cfg takes (a ZPL file nests sections; a key written as
# a path on one line is not read)
echo "create-region: region $CODE ready; give the national operator its token's hash,"
echo "for the tokens section of national.cfg:"
echo "    national"
echo "        tokens"
echo "            $CODE = \"$HASH\""
