#!/usr/bin/env bash
# Time to first token and tokens/s of the local AI engine (llama.cpp in-process), on the tiny test model that the
# test suite writes, or on any GGUF file you name (e.g. the default model in data/models/).
#   bench/local-inference.sh [model.gguf] [runs=10] [max tokens=128]      KILN_MODEL_THREADS=n to pin threads
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -pl server test-compile -Dkiln.web.skip=true
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -pl server dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dkiln.web.skip=true >/dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "server/target/test-classes:server/target/classes:$(cat "$CP_FILE")" \
  dev.kiln.server.ai.local.LocalInferenceBenchmark "${1:-}" "${2:-10}" "${3:-128}"
