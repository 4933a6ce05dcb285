#!/bin/sh
# Builds the bench module and the modules it depends on, then runs the IPC latency benchmark
# (io.bridgehead.bench.IpcLatencyBenchmark) from the repository root. Linux and macOS only.
# The one argument is the number of measured calls per configuration (default 40000).
# Maven is $MVN, else mvn on the PATH, else ./mvnw; extra Maven options come from
# $BENCH_MAVEN_OPTS (for example -o to build offline), extra JVM options from $BENCH_JAVA_OPTS.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ -n "${MVN:-}" ]; then
  mvn="$MVN"
elif command -v mvn >/dev/null 2>&1; then
  mvn=mvn
else
  mvn=./mvnw
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# shellcheck disable=SC2086 # BENCH_MAVEN_OPTS is a list of options on purpose.
"$mvn" -B -ntp -q ${BENCH_MAVEN_OPTS:-} package -pl bench -am -DskipTests
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options on purpose.
exec "$java" ${BENCH_JAVA_OPTS:-} -cp "bench/target/bench-0.1.0.jar:bench/target/lib/*" \
  io.bridgehead.bench.IpcLatencyBenchmark "$@"
