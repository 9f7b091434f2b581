#!/usr/bin/env bash
# Ready time of `chaoskeeper up` with the node image cached: a few runs per size, then the median.
# Usage: bench/up.sh [runs=5] [sizes="3 5"]   (build first: mvn -B -q -o -pl reports -am package -DskipTests)
# The figure is what `up` prints on its last line: from start() to every node serving with one leader, in a
# fresh JVM each run (so it includes loading the Docker client). The load average is printed because the
# machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sizes=${2:-3 5}
jar=reports/target/chaoskeeper.jar
[ -f "$jar" ] || { echo "build $jar first: mvn -B -q -o -pl reports -am package -DskipTests" >&2; exit 2; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
java -jar "$jar" up --nodes 1 --log-dir "$logs" >/dev/null 2>&1   # warm-up: builds the image if missing
for n in $sizes; do
  times=()
  for ((i = 0; i < runs; i++)); do
    ms=$(java -jar "$jar" up --nodes "$n" --log-dir "$logs" 2>/dev/null | sed -n 's/^ready: .* in \([0-9]*\) ms$/\1/p')
    times+=("$ms")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
  echo "up --nodes $n: runs ${times[*]} ms; median $median ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
