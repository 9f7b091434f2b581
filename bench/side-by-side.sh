#!/usr/bin/env bash
# Porcupine side by side with chaoskeeper's linearizability checker on every history class of issue 12, in one run
# (so a busy machine slows both alike): generated kv histories at 10, 20 and 50 clients, Porcupine's own kv and etcd
# histories (its 102 etcd logs, some with blanks between fields, when its source has them), the Knossos fixtures
# (cas-register good and bad, mutex), and the cold start of a fresh `check` process (bench/coldstart.sh).
# For each it prints our times, the ratio to Porcupine on what Porcupine decided in under a second (goal: at most
# 1/2 on every one), whether the verdicts agree, and the resident peak. Every full output goes to $BENCH_OUT.
#
# Usage: PORCUPINE_SRC=DIR bench/side-by-side.sh [kv-histories-per-size=200]
#   PORCUPINE_SRC   Porcupine's source (github.com/anishathalye/porcupine): a checkout of its repository, or its
#                   git directory; this machine cannot download it, so it is given.
#   BENCH_CLIENTS   client counts of the kv sample (default 10,20,50)
#   BENCH_OUT       where the full outputs go (default target/side-by-side)
#   COLDSTART_RUNS  fresh processes per command in the cold-start part (default 15; 0 skips it)
# It installs Go from the distribution's packages when it is missing (as root) and builds bench/porcupine, the
# driver that reads our formats for Porcupine, under the same rules as our checker (see bench/porcupine/history.go).
set -euo pipefail
cd "$(dirname "$0")/.."
per_size=${1:-200}
clients=${BENCH_CLIENTS:-10,20,50}
out=${BENCH_OUT:-target/side-by-side}
fixtures=../shared/fixtures
jar=reports/target/chaoskeeper.jar

fail() { echo "side-by-side: $*" >&2; exit 2; }
[ -n "${PORCUPINE_SRC:-}" ] || fail "set PORCUPINE_SRC to Porcupine's source (a checkout or git directory of github.com/anishathalye/porcupine)"
[ -d "$fixtures" ] || fail "$fixtures is missing (the shared fixtures sit beside the project)"
[ -f "$jar" ] || mvn -B -q -pl reports -am package -DskipTests || fail "cannot build $jar"
if ! command -v go >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "Go is missing; install golang-go (needs root)"
  apt-get update -qq && apt-get install -y -qq golang-go >/dev/null || fail "cannot install golang-go"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/src"
if [ -f "$PORCUPINE_SRC/go.mod" ]; then
  cp -r "$PORCUPINE_SRC/." "$work/src"
elif git --git-dir="$PORCUPINE_SRC" rev-parse -q --verify HEAD >/dev/null 2>&1; then
  git --git-dir="$PORCUPINE_SRC" archive HEAD | tar -x -C "$work/src"
else
  fail "$PORCUPINE_SRC is neither a checkout nor a git directory of Porcupine"
fi
cp -r bench/porcupine "$work/driver"
(cd "$work/driver" && go mod edit -replace "github.com/anishathalye/porcupine=$work/src" \
  && GOFLAGS=-mod=mod GOPROXY=off go build -o "$work/porcupine" .) || fail "cannot build the Porcupine driver"
export PORCUPINE_CMD=$work/porcupine
echo "Porcupine: $(git --git-dir="$PORCUPINE_SRC" log -1 --format='%h %cs' 2>/dev/null || echo "$PORCUPINE_SRC")"

# bench NAME ARGS...: runs `chaoskeeper bench` on some histories, keeps the whole output, prints its summary lines
bench() {
  local name=$1; shift
  echo "== $name"
  nice java -Xmx4g -jar "$jar" bench "$@" >"$out/$name.txt" 2>&1 || true
  grep -E '^(kv [0-9]+ clients|  built|  Porcupine|Porcupine|total median|resident peak)' "$out/$name.txt" \
    | grep -v '^  Porcupine: ' || cat "$out/$name.txt"
}

bench kv-sample --kv-sample "$per_size" --clients "$clients" --time-limit 30s
bench porcupine-kv --model kv --iterations 300 "$fixtures"/porcupine/kv/*.txt
bench porcupine-etcd --model cas-register --iterations 20 "$fixtures"/porcupine/etcd/*.log
if [ -d "$work/src/test_data/jepsen" ]; then
  # an empty log is bad input to `check` (a run that recorded nothing), so it is left out
  mapfile -t logs < <(find "$work/src/test_data/jepsen" -name '*.log' -size +0 | sort)
  echo "   (${#logs[@]} non-empty logs; $(grep -L "$(printf '\t')" "${logs[@]}" | wc -l) separate fields with blanks only)"
  bench porcupine-etcd-all --model cas-register --iterations 20 "${logs[@]}"
fi
bench knossos-cas-register --model cas-register --format edn --iterations 20 "$fixtures"/knossos/cas-register/*/*.edn
bench knossos-mutex --model mutex --format edn --iterations 20 "$fixtures"/knossos/mutex/bad/*.edn
if [ "${COLDSTART_RUNS:-15}" != 0 ]; then
  echo "== cold start (bench/coldstart.sh)"
  PORCUPINE_CMD="$work/porcupine -runs 0 -probe 10m cas-register" bench/coldstart.sh "${COLDSTART_RUNS:-15}" \
    | tee "$out/coldstart.txt"
fi
echo "full outputs: $out"
