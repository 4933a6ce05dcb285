#!/bin/sh
# Builds the bench module and the modules it depends on, then runs the pool throughput
# benchmark (io.bridgehead.bench.PoolThroughputBenchmark) from the repository root. Linux
# only. Arguments go to the benchmark: --tasks N, --warm-up N, --submitters N,
# --max-agents N, --agent-jvm-option OPTION, --help.
#
# Maven is $MVN, else mvn on the PATH, else ./mvnw. Extra Maven options (for example -o to
# build offline) come from $BENCH_MAVEN_OPTS, extra JVM options for the benchmark's own JVM
# (tenant and submitters) from $BENCH_JAVA_OPTS. The agent JVMs get only the options given
# with --agent-jvm-option.
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

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java=java
else
  echo "run-pool-throughput.sh: no Java found; install JDK 17 or newer, or set JAVA_HOME" >&2
  exit 2
fi

# shellcheck disable=SC2086 # BENCH_MAVEN_OPTS is a list of options on purpose.
"$mvn" -B -ntp -q ${BENCH_MAVEN_OPTS:-} package -pl bench -am -DskipTests

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options on purpose.
exec "$java" ${BENCH_JAVA_OPTS:-} -cp "bench/target/bench-0.1.0.jar:bench/target/lib/*" \
  io.bridgehead.bench.PoolThroughputBenchmark "$@"
