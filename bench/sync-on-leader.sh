#!/usr/bin/env bash
# The sync-on-leader reproduction over ZooKeeper versions (docs/findings/sync-read-stale-on-leader.md): a fresh
# 3-node ensemble per run, 15 s of writes through the followers and sync-then-reads on the leader, and the table of
# detections per version at the end. Arguments: <version>x<runs> ..., default the sweep of the finding.
# Runs go to scenarios/target/sync-on-leader-sweep (SWEEP_OUT overrides); the table alone, again:
#   bench/sync-on-leader.sh --table
set -euo pipefail
cd "$(dirname "$0")/.."
out=${SWEEP_OUT:-$PWD/scenarios/target/sync-on-leader-sweep}
cp_file=scenarios/target/sweep-classpath.txt
mvn -B -q -o -pl scenarios -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath -DskipTests \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test >&2
cp="scenarios/target/test-classes:framework/target/classes:reports/target/classes:$(cat "$cp_file")"
if [ "${1:-}" = "--table" ]; then
  exec java -cp "$cp" io.chaoskeeper.scenarios.SweepTable "$out/runs.tsv"
fi
if [ $# -eq 0 ]; then
  set -- 3.9.4x20 3.9.5x20 3.9.6x5 3.9.0x5 3.9.1x5 3.9.2x5 3.9.3x5 \
         3.8.3x5 3.8.4x5 3.8.5x5 3.8.6x5 3.8.7x5
fi
TESTCONTAINERS_RYUK_DISABLED=true exec java ${SWEEP_JAVA_OPTS:-} -cp "$cp" io.chaoskeeper.scenarios.SyncOnLeaderSweep "$out" "$@"
