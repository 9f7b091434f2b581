#!/usr/bin/env bash
# The linearizability checker's memory budget on 50-client kv histories (docs/checkers.md, "Memory"): each class
# (built valid, built invalid) in its own JVM, since a JVM keeps the memory it once took, so each class's resident
# peak is its own. Prints our verdicts, times and the resident peak per class. Arguments: histories per run
# (default 200: 100 of the class), then any further bench options (e.g. --memory-limit 512, --clients 20).
# Uses bin/chaoskeeper (serial collector, client compiler) with -Xmx4g, so the heap is not what binds; build the jar
# first: mvn -B -o -pl reports -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
shift || true
for class in valid invalid; do
  echo "== built $class (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  CHAOSKEEPER_JAVA_OPTS="-Xmx4g ${CHAOSKEEPER_JAVA_OPTS:-}" nice -n 10 bin/chaoskeeper bench --kv-sample "$n" \
      --clients 50 --kv-built "$class" "$@" | grep -v '^Porcupine: not given' || true
done
