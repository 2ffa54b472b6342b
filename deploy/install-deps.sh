#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and runs with.
# Run as root (or through sudo).
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
    exec sudo -- "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential cmake pkg-config scdoc \
    libzmq3-dev libczmq-dev \
    libprotobuf-c-dev protobuf-c-compiler \
    liblmdb-dev lmdb-utils \
    libcurl4-openssl-dev libjansson-dev libmicrohttpd-dev libcsv-dev \
    libsodium-dev \
    libxlsxwriter-dev python3-openpyxl \
    python3-zmq python3-protobuf protobuf-compiler \
    nodejs curl \
    iproute2 \
    chromium chromium-driver python3-selenium poppler-utils \
    >/dev/null
# npm: Debian's package, unless the Node.js installed already brings its
# own (NodeSource's does, and Debian's npm cannot sit beside it)
if ! command -v npm >/dev/null; then
    apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
# The OpenAPI validator the tests run (tests/openapi/package.json, pinned by
# its package-lock.json), from the npm registry
npm ci --prefix "$(dirname "$0")/../tests/openapi" --no-audit --no-fund --silent
# axe-core, which the console's browser tests run on every page
# (tests/browser/package.json, pinned by its package-lock.json)
npm ci --prefix "$(dirname "$0")/../tests/browser" --no-audit --no-fund --silent
echo "install-deps: packages installed"
