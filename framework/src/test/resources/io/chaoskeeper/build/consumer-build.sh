#!/bin/sh
# Builds examples/consumer as a user's project would: installs the parent pom and the packaged framework into a
# fresh local repository, then runs the example's tests on the local backend against that repository alone.
# Every other artifact (plugins, dependencies, the ZooKeeper server jars) comes read-only from the seed repository
# (CHAOSKEEPER_SEED_REPO, the outer build's own) through seed-settings.xml, so nothing is downloaded that the outer
# build already has; only what it lacks comes from Maven Central, and nothing does when CHAOSKEEPER_OFFLINE=true
# (the outer build ran with -o): then only the seed is read, as a file:// repository is allowed offline.
# Usage: consumer-build.sh <chaoskeeper root> <framework version> <work directory>
set -eu
root=$1 version=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
repo=$work/repository
mvn=${MAVEN_CMD:-mvn}
install=org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file

central=,https://repo.maven.apache.org/maven2/
offline=
if [ "${CHAOSKEEPER_OFFLINE:-false}" = true ]; then
  central=
  offline="-o -Daether.offline.protocols=file"
fi

build() {
  # $offline unquoted on purpose: none or two arguments
  "$mvn" -B -ntp $offline -s "$here/seed-settings.xml" -Dmaven.repo.local="$repo" "$@"
}

echo "consumer-build: framework $version, seed $CHAOSKEEPER_SEED_REPO, offline ${CHAOSKEEPER_OFFLINE:-false}"
start=$(date +%s)
build "$install" -Dfile="$root/pom.xml" -DpomFile="$root/pom.xml"
build "$install" -Dfile="$root/framework/target/chaoskeeper-framework-$version.jar" -DpomFile="$root/framework/pom.xml"
installed=$(date +%s)

rm -rf "$work/consumer"
mkdir -p "$work/consumer"
cp -R "$root/examples/consumer/pom.xml" "$root/examples/consumer/src" "$work/consumer/"
build -f "$work/consumer/pom.xml" verify -Dchaoskeeper.version="$version" -Dchaoskeeper.backend=local \
  -Dchaoskeeper.maven.repositories="file://$CHAOSKEEPER_SEED_REPO$central"
end=$(date +%s)

echo "consumer-build: install $((installed - start)) s, consumer verify $((end - installed)) s," \
  "repository $(du -sm "$repo" | cut -f1) MB"
