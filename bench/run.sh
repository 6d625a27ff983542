#!/usr/bin/env bash
# Kiln chat benchmark: in ONE run, start the Kiln jar, run the scenarios, stop it; start the Node socket.io
# reference server (bench/reference-server.mjs, in memory), run the same scenarios, stop it; print a table
# with ratios (Kiln / reference). Everything binds and connects on 127.0.0.1 only.
#
#   bench/run.sh            full: (a) 10,000 idle connections held 30 s; (b) 1,000 clients in rooms of 50,
#                           each sending 1 msg/s for 30 s, after a 10 s warm-up round of the same load
#   bench/run.sh --quick    smoke test: (a) 500 connections held 5 s; (b) 100 clients, rooms of 20, 5 s
#
# Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64), KILN_JAR (default
# server/target/kiln.jar, copied to a temp dir first so a rebuild cannot change it mid-run), KILN_JAVA_OPTS
# (JVM flags added after server/jvm.options), BENCH_OUT (results folder; default bench/results/<time>), BENCH_SCENARIOS
# (default "idle chat"), BENCH_SERVERS (default "kiln reference").
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$BENCH_DIR"

QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# Scenario (a) opens IDLE_CONNS_PER_USER connections per user (several tabs/devices): registering 10,000 users
# through Kiln's Argon2id password hashing would take longer than the whole benchmark. Per-connection server
# memory does not depend on it. Scenario (b) reuses (a)'s users and rooms (same layout, one connection each).
if [ "$QUICK" = 1 ]; then
  IDLE_CLIENTS=500; IDLE_CONNS_PER_USER=5; IDLE_ROOM=50; IDLE_HOLD=5
  CHAT_CLIENTS=100; CHAT_ROOM=50; CHAT_MESSAGES=5; CHAT_RATE=1
else
  IDLE_CLIENTS=10000; IDLE_CONNS_PER_USER=10; IDLE_ROOM=50; IDLE_HOLD=30
  CHAT_CLIENTS=1000; CHAT_ROOM=50; CHAT_MESSAGES=30; CHAT_RATE=1
fi
# Optional overrides (e.g. to find the load a server sustains): BENCH_CHAT_CLIENTS, BENCH_CHAT_RATE, BENCH_CHAT_MESSAGES.
CHAT_CLIENTS="${BENCH_CHAT_CLIENTS:-$CHAT_CLIENTS}"; CHAT_RATE="${BENCH_CHAT_RATE:-$CHAT_RATE}"; CHAT_MESSAGES="${BENCH_CHAT_MESSAGES:-$CHAT_MESSAGES}"
# Messages per client in the warm-up round before the measured chat (0 = none): BENCH_CHAT_WARMUP.
CHAT_WARMUP="${BENCH_CHAT_WARMUP:-$([ "$QUICK" = 1 ] && echo 2 || echo 10)}"

# One Node process holds up to IDLE_CLIENTS sockets: raise the open-files limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NEED_FDS=$((IDLE_CLIENTS + 1000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEED_FDS" ]; then
  echo "open-files limit $(ulimit -n) < $NEED_FDS; raise it (ulimit -Hn) and retry" >&2; exit 1
fi

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ -z "$JAVA_MAJOR" ] || [ "${JAVA_MAJOR%%.*}" -lt 21 ]; then
  echo "Kiln needs JDK >= 21; $JAVA is '$JAVA_MAJOR'. Set JAVA_HOME." >&2; exit 1
fi
# Kiln runs with the JVM options it ships (server/jvm.options, as `./kiln run` does): G1 started small that gives
# memory back when quiet, compact object headers, native-heap trimming, a 512 MiB heap cap. KILN_JAVA_OPTS adds
# to them (a later flag wins), e.g. KILN_JAVA_OPTS=-Xmx400m.
KILN_JVM_OPTIONS="$ROOT/server/jvm.options"
KILN_JAVA_OPTS="${KILN_JAVA_OPTS:-}"

[ -d node_modules/socket.io-client ] && [ -d node_modules/socket.io ] || npm ci --no-audit --no-fund

SRC_JAR="${KILN_JAR:-$ROOT/server/target/kiln.jar}"
[ -f "$SRC_JAR" ] || { echo "missing $SRC_JAR; build it: mvn -B -q -pl server package -DskipTests -Dkiln.web.skip=true" >&2; exit 1; }
WORK="$(mktemp -d /tmp/kiln-bench.XXXXXX)"
cp "$SRC_JAR" "$WORK/kiln.jar"
mkdir -p "$WORK/data"

STAMP="$(date +%Y%m%dT%H%M%S)"
SUFFIX=""; [ "$QUICK" = 1 ] && SUFFIX="-quick"
OUT="${BENCH_OUT:-$BENCH_DIR/results/$STAMP$SUFFIX}"
mkdir -p "$OUT"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

SERVER_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_healthy() { # url, seconds
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited during start-up" >&2; return 1; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/actuator/health" || true)" = 200 ]; then return 0; fi
    sleep 0.5
  done
  echo "server not healthy after $2 s" >&2; return 1
}

# Runs one scenario; if the server is not running first (it died in the previous one), starts a fresh one
# (empty data dir) and says so. Afterwards records whether the server survived.
scenario() { # name, start-function, scenario, load.mjs args...
  local name="$1" start="$2" sc="$3"; shift 3
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "!!! $name server is not running before scenario $sc: starting a fresh one" | tee -a "$OUT/meta.txt"
    wait "$SERVER_PID" 2>/dev/null || true
    rm -f "$WORK/setup-$name.json"
    "$start"
  fi
  echo "--- $name $sc start: load average $(uptime | sed 's/.*load average: //')" | tee -a "$OUT/load.txt"
  node load.mjs --url "$URL" --server-pid "$SERVER_PID" --label "$name-$sc" --out "$OUT/$name-$sc.json" \
    --setup-file "$WORK/setup-$name.json" --scenario "${sc%%-*}" "$@" > /dev/null \
    || echo "load generator failed (exit $?)" | tee -a "$OUT/$name-$sc.status"
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server alive, RSS $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$SERVER_PID/status)" >> "$OUT/$name-$sc.status"
  else
    local why; why="$(grep -m1 -E 'OutOfMemoryError|Terminating|FATAL|Exception in' "$OUT/$name.log" | tail -c 200 || true)"
    echo "SERVER DIED: ${why:-see $name.log}" | tee -a "$OUT/$name-$sc.status" "$OUT/meta.txt"
  fi
  echo "--- $name $sc end: load average $(uptime | sed 's/.*load average: //')" | tee -a "$OUT/load.txt"
}

BENCH_SCENARIOS="${BENCH_SCENARIOS:-idle chat}"
BENCH_SERVERS="${BENCH_SERVERS:-kiln reference}"
run_scenarios() { # name, start-function
  local name="$1" start="$2"
  case " $BENCH_SERVERS " in *" $name "*) ;; *) return 0 ;; esac
  "$start"
  case " $BENCH_SCENARIOS " in *" idle "*)
    scenario "$name" "$start" idle --clients "$IDLE_CLIENTS" --conns-per-user "$IDLE_CONNS_PER_USER" --room-size "$IDLE_ROOM" --hold "$IDLE_HOLD" ;;
  esac
  case " $BENCH_SCENARIOS " in *" chat "*)
    # A warm-up round first, for both servers, reported on its own line: Kiln's JIT compiles the send path during
    # its first ~10 s of chat (p99 there was 3x the reference's, against ~1x once warm), and a server runs for days.
    if [ "$CHAT_WARMUP" -gt 0 ]; then
      scenario "$name" "$start" chat-warmup --clients "$CHAT_CLIENTS" --room-size "$CHAT_ROOM" --messages "$CHAT_WARMUP" --rate "$CHAT_RATE"
    fi
    scenario "$name" "$start" chat --clients "$CHAT_CLIENTS" --room-size "$CHAT_ROOM" --messages "$CHAT_MESSAGES" --rate "$CHAT_RATE" ;;
  esac
  stop_server
}

{
  echo "date: $(date -Is)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "node: $(node --version), socket.io $(node -p 'require("socket.io/package.json").version'), socket.io-client $(node -p 'require("socket.io-client/package.json").version')"
  echo "kiln jvm flags: $(grep -v '^#' "$KILN_JVM_OPTIONS" | grep . | tr '\n' ' ')$KILN_JAVA_OPTS"
  echo "servers: $BENCH_SERVERS; scenarios: $BENCH_SCENARIOS"
  echo "mode: $([ "$QUICK" = 1 ] && echo quick || echo full); idle $IDLE_CLIENTS x hold ${IDLE_HOLD}s; chat $CHAT_CLIENTS clients, rooms of $CHAT_ROOM, $CHAT_MESSAGES msgs at $CHAT_RATE/s"
} | tee "$OUT/meta.txt"

start_kiln() {
  local port; port="$(free_port)"
  rm -rf "$WORK/data"; mkdir -p "$WORK/data"
  # shellcheck disable=SC2086
  # No local AI model: its download and memory would distort a chat benchmark.
  # MALLOC_ARENA_MAX=2: glibc otherwise keeps up to 8 malloc arenas per core for the JVM's native allocations
  # (about 10 MiB of RSS here), the usual setting for JVM services; ./kiln run sets it too. The GC log shows
  # how the heap grows and shrinks between the scenarios.
  MALLOC_ARENA_MAX=2 PORT="$port" KILN_DATA_DIR="$WORK/data" KILN_MODEL_DOWNLOAD=false "$JAVA" @"$KILN_JVM_OPTIONS" $KILN_JAVA_OPTS \
    -Xlog:gc:file="$OUT/kiln-gc.log" -jar "$WORK/kiln.jar" \
    --kiln.auth.attempts-per-ip-per-minute=1000000 --kiln.limits.messages-per-second-per-user=1000 \
    >> "$OUT/kiln.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$port"
  wait_healthy "$URL" 180
  echo "kiln pid $SERVER_PID on $URL, RSS after start $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$SERVER_PID/status)" | tee -a "$OUT/meta.txt"
}

start_reference() {
  local port; port="$(free_port)"
  node reference-server.mjs --port "$port" >> "$OUT/reference.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$port"
  wait_healthy "$URL" 30
  echo "reference pid $SERVER_PID on $URL, RSS after start $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$SERVER_PID/status)" | tee -a "$OUT/meta.txt"
}

run_scenarios kiln start_kiln
run_scenarios reference start_reference

node report.mjs "$OUT" | tee "$OUT/table.md"
echo "results in $OUT"
