#!/usr/bin/env bash
# Operations a run completes with and without the cluster timeline poller (cluster.jsonl), side by side on one
# three-node ensemble; the last line prints the totals and their ratio (goal: at least 0.95).
# Usage: bench/timeline.sh [pairs=3] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl framework -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath -Dmdep.outputFile=target/cp.txt \
    -Dmdep.includeScope=test >/dev/null
java -cp "framework/target/test-classes:framework/target/classes:$(cat framework/target/cp.txt)" \
    io.chaoskeeper.evidence.TimelineOverheadBenchmark "${1:-3}" "${2:-10}"
