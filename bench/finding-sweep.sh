#!/usr/bin/env bash
# Detection counts of finding 2 (docs/findings/version-behind-writes-3.8.md) per ZooKeeper version: runs the
# targeted reproduction (LeaderIsolationCycles: 3 nodes, leader isolated again and again, 20 s) on a fresh ensemble
# per run and prints a table of how many runs were not linearizable and how many saw a write go back in version.
# Usage: bench/finding-sweep.sh [OUTPUT_DIR] [version:runs ...]   (default: 20 runs on 3.8.4 and 3.9.3, 5 on others;
#        runs are added to those already in OUTPUT_DIR)
#        bench/finding-sweep.sh --table OUTPUT_DIR...              (the table of what sweeps recorded so far)
# Runs are slow on a shared machine (about a minute each): start it with nohup and read the table as it goes.
set -euo pipefail
cd "$(dirname "$0")/.."
table() {
  echo "| version | runs | version went back | largest gap | not linearizable | linearizability unknown | errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  awk -F'\t' '{ v=$1; runs[v]++; if ($4=="invalid") bad[v]++; if ($4=="unknown") unk[v]++; if ($4=="error") err[v]++;
                if ($5>0) back[v]++; if ($6>gap[v]) gap[v]=$6; if (!(v in seen)) { seen[v]=1; order[++n]=v } }
       END { for (i=1; i<=n; i++) { v=order[i]; printf "| %s | %d | %d | %d | %d | %d | %d |\n", v, runs[v], back[v]+0,
             gap[v]+0, bad[v]+0, unk[v]+0, err[v]+0 } }' "${@/%//sweep.tsv}"
}
if [ "${1:-}" = "--table" ]; then
  shift
  table "$@"
  exit 0
fi
out=$(realpath -m "${1:-scenarios/target/finding-sweep}")
shift || true
plan=("$@")
[ ${#plan[@]} -gt 0 ] || plan=(3.8.4:20 3.9.3:20 3.8.5:5 3.8.3:5 3.8.6:5 3.8.7:5 3.9.0:5 3.9.1:5 3.9.2:5 3.9.4:5 \
  3.9.5:5 3.9.6:5)
mvn -B -q -o -pl scenarios -am test-compile -DskipTests
mvn -B -q -o -pl scenarios org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
# a copy of this reactor's classes (a rebuild during a long sweep must not change it half way), never a
# chaoskeeper jar someone installed into ~/.m2
mkdir -p "$out/classes"
for m in scenarios/target/test-classes framework/target/classes reports/target/classes; do
  rm -rf "$out/classes/${m%%/*}" && cp -r "$m" "$out/classes/${m%%/*}"
done
cp="$out/classes/scenarios:$out/classes/framework:$out/classes/reports:$(tr ':' '\n' < scenarios/target/cp.txt | grep -v /io/chaoskeeper/ | paste -sd:)"
TESTCONTAINERS_RYUK_DISABLED=true java -cp "$cp" io.chaoskeeper.scenarios.FindingSweep "$out" "${plan[@]}"
table "$out"
