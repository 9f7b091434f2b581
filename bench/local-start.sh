#!/usr/bin/env bash
# The local backend's speed, side by side in one JVM run: 3-node start until serving with one leader, local child
# JVMs vs Curator's TestingCluster (3 in-JVM servers), medians and their ratio; then partition apply and heal
# medians on 5 local nodes. Needs no Docker.
# Usage: bench/local-start.sh [runs=5] [partitions=50]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl framework -am test-compile >/dev/null
mvn -B -q -o -pl framework org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
java -cp "framework/target/test-classes:framework/target/classes:$(cat framework/target/bench-cp.txt)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  io.chaoskeeper.cluster.internal.local.LocalBackendBenchmark "${1:-5}" "${2:-50}" 2>framework/target/local-start.log
