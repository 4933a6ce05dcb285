package io.bridgehead.bench;

import java.time.Duration;
import java.util.List;

/**
 * Command-line options of {@link DispatchLatencyBenchmark}.
 *
 * @param tasks how many tasks are measured (default 300)
 * @param warmUpTasks how many tasks run first and are not measured (default 20)
 * @param pause the wait after each task ends and before the next is queued (default 100 ms)
 * @param help whether only the usage text was requested
 */
record DispatchLatencyOptions(int tasks, int warmUpTasks, Duration pause, boolean help) {
  static final int DEFAULT_TASKS = 300;
  static final int DEFAULT_WARM_UP_TASKS = 20;
  static final Duration DEFAULT_PAUSE = Duration.ofMillis(100);

  static final String USAGE = String.join("\n",
      "Usage: DispatchLatencyBenchmark [--tasks N] [--warm-up N] [--pause-ms N]",
      "",
      "Starts a tenant and one automation agent on loopback, runs trivial sh tasks one at a",
      "time and prints the dispatch latency (task queued to script started) and the round",
      "trip (task queued to result available), in milliseconds.",
      "",
      "Options:",
      "  --tasks N       tasks measured (default " + DEFAULT_TASKS + ")",
      "  --warm-up N     tasks run first and not measured (default " + DEFAULT_WARM_UP_TASKS
          + ")",
      "  --pause-ms N    wait after each task before queueing the next, in milliseconds",
      "                  (default " + DEFAULT_PAUSE.toMillis() + "), so that the agent is back"
          + " in its long poll; 0 queues",
      "                  the next task as soon as the previous result is available",
      "  --help          print this help",
      "",
      "Exit codes: 0 measured; 1 a task or the setup failed; 2 invalid argument.");

  /**
   * Parses the arguments. Each option takes its value from the next argument or after
   * {@code =}, as in {@code --tasks=50}.
   *
   * @throws IllegalArgumentException naming the argument that is unknown, missing its value
   *     or out of range
   */
  static DispatchLatencyOptions parse(List<String> arguments) {
    int tasks = DEFAULT_TASKS;
    int warmUpTasks = DEFAULT_WARM_UP_TASKS;
    long pauseMillis = DEFAULT_PAUSE.toMillis();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("--help") || argument.equals("-h")) {
        return new DispatchLatencyOptions(tasks, warmUpTasks, DEFAULT_PAUSE, true);
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
        case "--tasks" -> tasks = (int) number(name, value, 1, Integer.MAX_VALUE);
        case "--warm-up" -> warmUpTasks = (int) number(name, value, 0, Integer.MAX_VALUE);
        case "--pause-ms" -> pauseMillis = number(name, value, 0, Duration.ofHours(1).toMillis());
        default -> throw new IllegalArgumentException("unknown option '" + argument + "'");
      }
    }
    return new DispatchLatencyOptions(tasks, warmUpTasks, Duration.ofMillis(pauseMillis),
        false);
  }

  private static long number(String option, String value, long min, long max) {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
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
