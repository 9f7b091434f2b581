#!/usr/bin/env bash
# A 3-node ensemble's start and a killed follower's restart against the Docker engine's floor, side by side in one
# run: the floor is 3 (for a restart, 1) parallel `docker run --rm` of the node image running `java -version`, plus
# the election the ensemble's leader logged. A start is measured on the warm spare the previous ensemble made (as every
# test class after the first of its spec gets it) and cold (the first); floors are measured once the spare is warm, the
# restart on the cold ensemble (no spare in the making keeps the engine busy).
# Prints each round, the medians and the ratios (goal for the start: 1.2).
# Usage: bench/start-floor.sh [rounds=5]   (needs a Docker engine: bin/provision)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl framework -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
java -cp "framework/target/test-classes:framework/target/classes:$(cat framework/target/cp.txt)" \
    io.chaoskeeper.cluster.StartFloorBenchmark "${1:-5}" 2> >(grep -v -e ' INFO ' -e '^\s*at ' >&2)
