#!/bin/sh
# Builds the bench module and the modules it depends on, then runs one benchmark from the
# repository root:
#
#   bench/run.sh dispatch-latency [--tasks N] [--warm-up N] [--pause-ms N] [--help]
#   bench/run.sh pool-throughput [--tasks N] [--warm-up N] [--submitters N] [--max-agents N]
#                                [--agent-jvm-option OPTION] [--help]
#   bench/run.sh ipc-latency [CALLS]
#
# Linux only (the tasks are sh scripts timed with GNU date). Maven is $MVN, else mvn on the
# PATH, else ./mvnw. Extra Maven options (for example -o to build offline) come from
# $BENCH_MAVEN_OPTS, extra options for the benchmark's own JVM from $BENCH_JAVA_OPTS; the
# agent JVMs of pool-throughput get only the options given with --agent-jvm-option.
set -eu

usage="usage: bench/run.sh dispatch-latency|pool-throughput|ipc-latency [ARGUMENTS]"
if [ $# -lt 1 ]; then
  echo "$usage" >&2
  exit 2
fi
case "$1" in
  dispatch-latency) main=io.bridgehead.bench.DispatchLatencyBenchmark ;;
  pool-throughput) main=io.bridgehead.bench.PoolThroughputBenchmark ;;
  ipc-latency) main=io.bridgehead.bench.IpcLatencyBenchmark ;;
  *)
    echo "bench/run.sh: unknown benchmark '$1'; $usage" >&2
    exit 2
    ;;
esac
shift

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
  echo "bench/run.sh: no Java found; install JDK 17 or newer, or set JAVA_HOME" >&2
  exit 2
fi

# shellcheck disable=SC2086 # BENCH_MAVEN_OPTS is a list of options on purpose.
"$mvn" -B -ntp -q ${BENCH_MAVEN_OPTS:-} package -pl bench -am -DskipTests
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options on purpose.
exec "$java" ${BENCH_JAVA_OPTS:-} -cp "bench/target/bench-0.1.0.jar:bench/target/lib/*" \
  "$main" "$@"
