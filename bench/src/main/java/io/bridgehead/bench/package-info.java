/**
 * Benchmarks that start a real reference tenant and agent on loopback and print measured
 * figures with a description of the machine. The figures and their context are recorded in
 * {@code docs/benchmarks.md}.
 *
 * <p>{@link io.bridgehead.bench.DispatchLatencyBenchmark} measures dispatch latency: the time
 * from queueing a trivial sh task through the admin API to the moment its script starts on an
 * idle automation agent, as read by the script itself with {@code date +%s%N}. The figure
 * includes the admin API's submit call, the wake-up of the agent's HTTPS long poll, the offer,
 * the accept round trip, and the spawn of {@code /bin/sh} (through {@code setsid} where it is
 * installed) and of {@code date}. The benchmark also reports the round trip from queueing to
 * the result being available through the admin API. Rerun it from the repository root, on
 * Linux, with:
 *
 * <pre>
 * bench/run.sh dispatch-latency [--tasks N]
 * </pre>
 *
 * <p>{@link io.bridgehead.bench.PoolThroughputBenchmark} measures one pool of 1, then 2, then 3
 * agents, each a separate JVM ({@link io.bridgehead.bench.StandaloneAgent}) running at most 2
 * jobs at once: the jobs per second when tasks are submitted as fast as the admin API takes
 * them, the dispatch latency under that load, and each agent process's resident memory at
 * idle and under load. Rerun it with {@code bench/run.sh pool-throughput}.
 */
package io.bridgehead.bench;
