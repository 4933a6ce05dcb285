package io.bridgehead.launcher;

import io.bridgehead.agent.config.SizeText;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.http.AdminEndpoints;
import io.bridgehead.tenant.http.Exchanges;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import io.bridgehead.wire.TaskVariables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code bridgehead tenant task run SCRIPT}: queue a task, wait for it and print its result. */
final class TaskCommands {
  private static final Duration MIN_TIME_LIMIT = Duration.ofSeconds(1);
  private static final Duration MAX_TIME_LIMIT =
      Duration.ofSeconds(AdminEndpoints.MAX_TIME_LIMIT_SECONDS);
  private static final long MIN_OUTPUT_CAP = 1024;
  private static final Duration MIN_QUEUE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX_QUEUE_TIMEOUT =
      Duration.ofSeconds(AdminEndpoints.MAX_QUEUE_TIMEOUT_SECONDS);
  private static final Duration MIN_WAIT = Duration.ofSeconds(1);
  /** The longest --wait, equal to the longest queue timeout; 'job show' follows longer jobs. */
  private static final Duration MAX_WAIT = MAX_QUEUE_TIMEOUT;

  private TaskCommands() {}

  /** Runs {@code task run SCRIPT} with the words after {@code tenant}. */
  static ExitCode run(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException, InterruptedException {
    String sub = words.size() > 1 ? words.get(1) : "";
    if (!sub.equals("run")) {
      throw CommandException.invalid("unknown command 'tenant task " + sub
          + "'; use 'task run SCRIPT [--pool NAME]'");
    }
    String scriptFile = TenantCommands.operand(words, 2, "script file");
    TenantCommands.noMoreOperands(words, 3);
    return runTask(tenant, args, scriptFile);
  }

  private static ExitCode runTask(TenantCommands tenant, Args args, String scriptFile)
      throws CommandException, IOException, InterruptedException {
    String pool = args.value("pool");
    Path file = Path.of(scriptFile);
    String script = readScript(file);
    ScriptShell shell = args.value("shell") == null
        ? ScriptShell.forFileName(file.getFileName().toString())
        : parseShell(args.value("shell"));
    Map<String, String> variables = new LinkedHashMap<>();
    parseVariables(args.values("var"), "var", variables);
    Set<String> secrets = parseVariables(args.values("secret-var"), "secret-var", variables);
    try {
      TaskVariables.validate(variables, shell);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    Duration timeLimit = args.duration("time-limit", Duration.ofMinutes(5), MIN_TIME_LIMIT,
        MAX_TIME_LIMIT);
    long outputCap = args.size("output-cap", 1024 * 1024, MIN_OUTPUT_CAP,
        AdminEndpoints.MAX_OUTPUT_CAP_BYTES);
    Duration wait = args.duration("wait", Duration.ofMinutes(5), MIN_WAIT, MAX_WAIT);
    Integer maxAttempts = args.value("max-attempts") == null ? null
        : args.integer("max-attempts", 3, 1, 100);
    Duration queueTimeout = args.duration("queue-timeout", null, MIN_QUEUE_TIMEOUT,
        MAX_QUEUE_TIMEOUT);
    List<String> tags = args.values("tag");
    TaskSpec task = new TaskSpec(shell, script, variables, secrets,
        Math.toIntExact(timeLimit.toSeconds()), outputCap);
    SubmitTaskRequest request = new SubmitTaskRequest(pool, task, maxAttempts,
        tags.isEmpty() ? null : tags, queueTimeout == null ? null : queueTimeout.toSeconds());
    checkRequestSize(file, request);

    AdminClient admin = TenantCommands.admin(args);
    JobView job = admin.submit(request);
    if (!args.flag("json")) {
      tenant.out().println("Queued job " + job.id() + " in pool " + job.pool()
          + (tags.isEmpty() ? "" : " for agents with tags " + tags) + "; waiting up to "
          + describe(wait));
      tenant.out().flush();
    }
    JobView done = TaskWaiter.await(admin, job.id(), wait);
    if (!done.finished()) {
      done = endWait(admin, done, wait);
    }
    if (args.flag("json")) {
      tenant.printJson(done);
    } else {
      JobPrinter.print(tenant.out(), done);
    }
    return done.state().equals("succeeded") ? ExitCode.OK : ExitCode.FAILED;
  }

  /**
   * Ends a wait that ran out and returns the job if it finished meanwhile. A job no agent has
   * started is cancelled, because nothing would follow it. A running job is left running.
   *
   * @throws CommandException with {@link ExitCode#TIMED_OUT} when the job has not finished
   */
  private static JobView endWait(AdminClient admin, JobView job, Duration wait)
      throws CommandException, IOException {
    if (!job.state().equals("queued") && !job.state().equals("offered")) {
      throw new CommandException(ExitCode.TIMED_OUT, "job " + job.id() + " is still "
          + job.state() + " after " + describe(wait) + "; follow it with 'bridgehead"
          + " tenant job show " + job.id() + "'");
    }
    JobView cancelled = admin.cancel(job.id());
    if (cancelled.state().equals("cancelled")) {
      Optional<PoolView> pool = admin.pools().stream()
          .filter(p -> p.name().equals(job.pool())).findFirst();
      String online = pool.map(p -> p.onlineAgents() + " of " + p.agents() + " agents online")
          .orElse("pool not found");
      long disabled = pool.map(p -> p.members().stream()
          .filter(agent -> agent.state().equals("disabled")).count()).orElse(0L);
      String advice = disabled > 0
          ? disabled + " of its agents are disabled: enable one with 'bridgehead tenant agent"
              + " enable ID', start another automation agent in this pool, or wait longer"
              + " with --wait"
          : "start an automation agent enrolled in this pool, or wait longer with --wait";
      throw new CommandException(ExitCode.TIMED_OUT, "no agent of pool " + job.pool()
          + " took job " + job.id() + " within " + describe(wait) + " (" + online
          + "), so it was cancelled; " + advice);
    }
    if (cancelled.finished()) {
      return cancelled;
    }
    // An agent took the job between the last look and the cancel request.
    throw new CommandException(ExitCode.TIMED_OUT, "agent " + cancelled.agentId() + " took"
        + " job " + job.id() + " just as the wait of " + describe(wait) + " ran out, and the"
        + " job was asked to stop, which the agent does at its next lease renewal; follow it"
        + " with 'bridgehead tenant job show " + job.id() + "', or wait longer with --wait");
  }

  /** Describes a wait for messages: whole seconds as "5 s", anything finer in ms. */
  private static String describe(Duration wait) {
    return wait.toMillisPart() == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
  }

  private static String readScript(Path file) throws CommandException, IOException {
    if (Files.isDirectory(file)) {
      throw CommandException.invalid("script file " + file + " is a folder; give a script"
          + " file");
    }
    try {
      long size = Files.size(file);
      if (size > Exchanges.MAX_BODY_BYTES) {
        throw CommandException.invalid("script file " + file + " is " + size + " bytes, more"
            + " than the tenant's request limit of " + SizeText.format(Exchanges.MAX_BODY_BYTES)
            + "; make the script smaller");
      }
      byte[] bytes = Files.readAllBytes(file);
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes))
          .toString();
      if (text.isBlank()) {
        throw CommandException.invalid("script file " + file + " is empty");
      }
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw CommandException.invalid("script file " + file + " not found");
    } catch (MalformedInputException e) {
      throw CommandException.invalid("script file " + file + " is not UTF-8 text; save it"
          + " as UTF-8");
    }
  }

  /** Rejects a task whose request the tenant would reject for its size. */
  private static void checkRequestSize(Path file, SubmitTaskRequest request)
      throws CommandException, IOException {
    int size = Json.mapper().writeValueAsBytes(request).length;
    if (size > Exchanges.MAX_BODY_BYTES) {
      throw CommandException.invalid("the task from script file " + file + " is " + size
          + " bytes as JSON with its variables, more than the tenant's request limit of "
          + SizeText.format(Exchanges.MAX_BODY_BYTES) + "; make the script or the variables"
          + " smaller");
    }
  }

  /**
   * Adds the KEY=VALUE pairs of one option to {@code into} and returns their names.
   *
   * @throws CommandException for a pair without a name, or a name already in {@code into}
   */
  private static Set<String> parseVariables(List<String> pairs, String option,
      Map<String, String> into) throws CommandException {
    Set<String> names = new LinkedHashSet<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw CommandException.invalid("invalid --" + option + " '" + pair
            + "': write KEY=VALUE");
      }
      String name = pair.substring(0, equals);
      if (into.containsKey(name)) {
        throw CommandException.invalid("variable '" + name + "' is given twice (in --"
            + option + " '" + pair + "'); give each variable once, with --var or, for a"
            + " secret, --secret-var");
      }
      into.put(name, pair.substring(equals + 1));
      names.add(name);
    }
    return names;
  }

  private static ScriptShell parseShell(String text) throws CommandException {
    try {
      return ScriptShell.parse(text);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }
}
