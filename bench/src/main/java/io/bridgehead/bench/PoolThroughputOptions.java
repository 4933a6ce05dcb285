package io.bridgehead.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link PoolThroughputBenchmark}.
 *
 * @param tasks how many tasks are measured for each pool size (default 600)
 * @param warmUpTasks how many tasks run first for each pool size and are not measured
 *     (default 60)
 * @param submitters how many threads submit tasks at once (default 4)
 * @param maxAgents the largest pool measured; pools of 1 agent up to this many are measured
 *     in turn (default 3)
 * @param agentJvmOptions extra options for each agent's JVM, before the class path; none by
 *     default
 * @param help whether only the usage text was requested
 */
record PoolThroughputOptions(int tasks, int warmUpTasks, int submitters, int maxAgents,
    List<String> agentJvmOptions, boolean help) {
  static final int DEFAULT_TASKS = 600;
  static final int DEFAULT_WARM_UP_TASKS = 60;
  static final int DEFAULT_SUBMITTERS = 4;
  static final int DEFAULT_MAX_AGENTS = 3;
  /** Upper bounds that keep a mistyped value from starting hundreds of JVMs or threads. */
  static final int MAX_SUBMITTERS = 64;
  static final int MAX_AGENTS = 16;

  static final String USAGE = String.join("\n",
      "Usage: PoolThroughputBenchmark [--tasks N] [--warm-up N] [--submitters N]",
      "                               [--max-agents N] [--agent-jvm-option OPTION]...",
      "",
      "Starts a tenant on loopback and one pool, then measures pools of 1, 2, ... agents in",
      "turn, each agent a separate JVM that runs at most 2 jobs at once. For each pool size it",
      "submits trivial sh tasks as fast as the admin API takes them and prints the jobs per",
      "second, the dispatch latency (task queued to script started) and each agent process's",
      "resident memory (VmRSS) at idle and under load.",
      "",
      "Options:",
      "  --tasks N              tasks measured per pool size (default " + DEFAULT_TASKS + ")",
      "  --warm-up N            tasks run first per pool size and not measured (default "
          + DEFAULT_WARM_UP_TASKS + ")",
      "  --submitters N         threads that submit tasks at once, 1 to " + MAX_SUBMITTERS
          + " (default " + DEFAULT_SUBMITTERS + ")",
      "  --max-agents N         the largest pool measured, 1 to " + MAX_AGENTS + " (default "
          + DEFAULT_MAX_AGENTS + ")",
      "  --agent-jvm-option OPTION",
      "                         an option for each agent's JVM, such as -Xmx64m; repeat it",
      "                         for several (default none)",
      "  --help                 print this help",
      "",
      "Exit codes: 0 measured; 1 a task, an agent or the setup failed; 2 invalid argument.");

  PoolThroughputOptions {
    agentJvmOptions = List.copyOf(agentJvmOptions);
  }

  /**
   * Parses the arguments. Each option takes its value from the next argument or after
   * {@code =}, as in {@code --tasks=50}.
   *
   * @throws IllegalArgumentException naming the argument that is unknown, missing its value
   *     or out of range
   */
  static PoolThroughputOptions parse(List<String> arguments) {
    int tasks = DEFAULT_TASKS;
    int warmUpTasks = DEFAULT_WARM_UP_TASKS;
    int submitters = DEFAULT_SUBMITTERS;
    int maxAgents = DEFAULT_MAX_AGENTS;
    List<String> agentJvmOptions = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("--help") || argument.equals("-h")) {
        return new PoolThroughputOptions(tasks, warmUpTasks, submitters, maxAgents,
            agentJvmOptions, true);
      }
      String name = argument.contains("=") ? argument.substring(0, argument.indexOf('='))
          : argument;
      String value;
      if (argument.contains("=")) {
        value = argument.substring(argument.indexOf('=') + 1);
      } else if (i + 1 < arguments.size()) {
        value = arguments.get(++i);
      } else {
        throw new IllegalArgumentException("option " + name + " is missing its value");
      }
      switch (name) {
        case "--tasks" -> tasks = number(name, value, 1, Integer.MAX_VALUE);
        case "--warm-up" -> warmUpTasks = number(name, value, 0, Integer.MAX_VALUE);
        case "--submitters" -> submitters = number(name, value, 1, MAX_SUBMITTERS);
        case "--max-agents" -> maxAgents = number(name, value, 1, MAX_AGENTS);
        case "--agent-jvm-option" -> agentJvmOptions.add(jvmOption(name, value));
        default -> throw new IllegalArgumentException("unknown option '" + argument + "'");
      }
    }
    return new PoolThroughputOptions(tasks, warmUpTasks, submitters, maxAgents,
        agentJvmOptions, false);
  }

  private static String jvmOption(String option, String value) {
    if (!value.startsWith("-")) {
      throw new IllegalArgumentException("invalid value '" + value + "' for " + option
          + ": expected a JVM option that starts with -, such as -Xmx64m");
    }
    return value;
  }

  private static int number(String option, String value, int min, int max) {
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value '" + value + "' for " + option
          + ": expected a whole number");
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException("invalid value " + parsed + " for " + option
          + ": expected " + min + " to " + max);
    }
    return parsed;
  }
}
