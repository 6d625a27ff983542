#!/usr/bin/env bash
# Heap cost of idle Socket.IO connections: starts the jar (-Xmx2g, SerialGC), measures heap used after a full GC
# before and after opening N websocket connections, and prints KiB per connection and the server's RSS.
#   bench/idle-heap.sh [N=2000] [JAR=server/target/kiln.jar]
set -euo pipefail
cd "$(dirname "$0")"
N=${1:-2000}; JAR=$(realpath "${2:-../server/target/kiln.jar}")
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; J=$JAVA_HOME/bin
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
DATA=$(mktemp -d)
PORT=$PORT KILN_DATA_DIR=$DATA KILN_MODEL_DOWNLOAD=false "$J/java" -Xmx2g -XX:+UseSerialGC -jar "$JAR" > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; pkill -f "idle-heap.mjs http://127.0.0.1:$PORT" 2>/dev/null; true' EXIT
for _ in $(seq 1 120); do curl -sf "127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
used() { "$J/jcmd" $PID GC.run >/dev/null; "$J/jcmd" $PID GC.heap_info | grep -oP 'total \d+K, used \K\d+' | paste -sd+ | bc; }
BEFORE=$(used)
node idle-heap.mjs "http://127.0.0.1:$PORT" "$N" &
sleep 25
AFTER=$(used)
echo "$N idle connections: heap $BEFORE KiB -> $AFTER KiB, $(( (AFTER - BEFORE) / N )) KiB per connection; server $(grep VmRSS /proc/$PID/status)"
