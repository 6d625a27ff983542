#!/usr/bin/env bash
# The whole test suite (./kiln test, and CI): JUnit for mesh/ and server/ against real SQLite, PostgreSQL
# and Redis; the web app's unit tests; the socket.io-client interop suite and the browser end-to-end tests
# against the built jar. Every stage runs even when an earlier one fails, so one run shows everything.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:?run through ./kiln test, which finds a JDK >= 21}"

failed=()
stage() {
  local name=$1; shift
  echo; echo "=== $name"
  if "$@"; then echo "=== $name: ok"; else echo "=== $name: FAILED"; failed+=("$name"); fi
}

# Services the integration tests talk to; say how to start one that is down instead of failing obscurely.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
services_ok=1
if ! port_open 127.0.0.1 5432; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432. Start it: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
  services_ok=0
fi
if ! port_open 127.0.0.1 6379; then
  echo "Redis is not reachable on 127.0.0.1:6379. Start it: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no"
  services_ok=0
fi
[ $services_ok = 1 ] || exit 1

stage "npm dependencies for the Node test suites" bash -c '
  for d in mesh/src/test/node server/src/test/interop; do
    [ -f "$d/package.json" ] && { npm ci --no-audit --no-fund --loglevel=error --prefix "$d" || exit 1; }
  done; exit 0'
# Builds the web app into the jar and runs every JUnit test (mesh/ and server/).
stage "maven build + JUnit" mvn -B -ntp install
stage "web unit tests (vitest)" npm --prefix web test
stage "socket.io-client interop (websocket + polling)" node --test server/src/test/interop/
stage "browser end-to-end (Chromium)" node --test web/e2e/

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "kiln test: ${#failed[@]} stage(s) failed: ${failed[*]}"
  exit 1
fi
echo "kiln test: all stages passed"
