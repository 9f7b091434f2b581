#!/usr/bin/env bash
# Cold start of `check`: fresh processes checking the same generated 20,000-operation cas-register history,
# side by side and interleaved (so a busy machine slows every command alike), then the median of each and ratios.
# Usage: bench/coldstart.sh [runs=15]      (build first: mvn -B -q -o -pl reports -am package -DskipTests)
#   PORCUPINE_CMD  an external command to compare with, run as: $PORCUPINE_CMD HISTORY.jsonl (e.g. a Porcupine
#                  driver you built yourself); without it the reference is a bare JVM start (`java -version`)
#                  measured in the same run, and the ratio to Porcupine uses the 0.35 s quoted in issue 12
#                  (Porcupine's whole process on a quiet machine), which is NOT measured here.
# The history comes from `bench --generate` with a fixed seed, so it is the same on every machine
# (COLDSTART_GENERATE overrides its options, default "--ops 20000 --processes 8 --indeterminate 0.03 --seed 1").
# Each command gets its median wall time and its median CPU time (user + system, all threads): on a shared machine
# the wall time is mostly waiting for a core, so compare the CPU ratios there and the wall ratios on a quiet one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
jar=reports/target/chaoskeeper.jar
[ -f "$jar" ] || { echo "build $jar first: mvn -B -q -o -pl reports -am package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
history=$work/cas-register-20k.jsonl
# shellcheck disable=SC2086 # the options are meant to be split
java -jar "$jar" bench --generate "$history" ${COLDSTART_GENERATE:---ops 20000 --processes 8 --indeterminate 0.03 --seed 1} \
  >/dev/null
export CHAOSKEEPER_CDS=$work/chaoskeeper.jsa   # a private archive, written by this warm-up run
bin/chaoskeeper check --model cas-register "$history" >/dev/null || true

declare -A commands=(
  [jar]="java -jar $jar check --model cas-register $history"
  [launcher]="bin/chaoskeeper check --model cas-register $history"
  [jvm]="java -Xshare:auto -version"
)
names=(jar launcher jvm)
if [ -n "${PORCUPINE_CMD:-}" ]; then
  commands[porcupine]="$PORCUPINE_CMD $history"
  names+=(porcupine)
fi

# wall milliseconds, peak resident KiB and CPU milliseconds of one run
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/usage" $1 >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(awk '{printf "%d %d", $1, ($2 + $3) * 1000}' "$work/usage")"
}
for ((i = 0; i < runs; i++)); do
  for name in "${names[@]}"; do
    echo "$name $(measure "${commands[$name]}")" >>"$work/times"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
declare -A med cpu
for name in "${names[@]}"; do
  med[$name]=$(awk -v n="$name" '$1 == n {print $2}' "$work/times" | median)
  rss=$(awk -v n="$name" '$1 == n {print $3}' "$work/times" | median)
  cpu[$name]=$(awk -v n="$name" '$1 == n {print $4}' "$work/times" | median)
  printf '%-10s median wall %6d ms, cpu %6d ms, resident peak %5d MiB   %s\n' "$name" "${med[$name]}" \
    "${cpu[$name]}" $((rss / 1024)) "${commands[$name]//$work\//}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / (b > 0 ? b : 1)}'; }
ratios() { echo "wall $(ratio "${med[$1]}" "${med[$2]}"), cpu $(ratio "${cpu[$1]}" "${cpu[$2]}")"; }
echo "launcher / jar: $(ratios launcher jar); launcher / bare JVM start: $(ratios launcher jvm)"
if [ -n "${PORCUPINE_CMD:-}" ]; then
  echo "launcher / porcupine (measured side by side): $(ratios launcher porcupine) (goal <= 1.5)"
else
  echo "launcher / 350 ms (Porcupine's process in issue 12, NOT measured here): wall $(ratio "${med[launcher]}" 350)" \
    "(goal <= 1.5)"
fi
echo "runs per command: $runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
