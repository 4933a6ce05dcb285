package io.bridgehead.launcher;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.tenant.TenantInfo;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AdminException;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code bridgehead tenant ...}: run the reference tenant and administer it. */
final class TenantCommands {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead tenant COMMAND [OPTIONS]",
      "",
      "Commands:",
      "  start [--port N] [--bind ADDRESS] [--name HOST]... [--release-key FILE]",
      "        [--max-package-size 256MiB] [--update-timeout 15m]",
      "                          run the tenant in the foreground until stopped (Ctrl+C).",
      "                          Published packages must be signed with the release key",
      "                          (default: the public key in the assets module) and be at",
      "                          most --max-package-size (1MiB to 4GiB). An agent offered an",
      "                          update has --update-timeout (1m to 24h) to run the version",
      "                          before the next agent of its pool is offered it",
      "  pools                   list pools with their agents, unfinished jobs, target",
      "                          version and update window; the default pool, which takes",
      "                          tasks run without --pool, has a *",
      "  pool create NAME [--uses N] [--valid-for 24h]",
      "                          create a pool and print its first enrollment key and",
      "                          enrollment string; the first pool becomes the default",
      "  pool create-key NAME [--uses N] [--valid-for 24h]",
      "                          make another enrollment key: it enrolls N agents (default",
      "                          1) until it expires (default 24h, at most 720h)",
      "  pool keys NAME          list a pool's keys: id, created, expires, uses left, revoked",
      "  pool revoke-key KEY_ID  revoke a key so that it enrolls no more agents",
      "  pool rename NAME NEW_NAME",
      "                          rename a pool; its agents and jobs stay in it",
      "  pool set-default NAME   make a pool the default",
      "  pool delete NAME        delete a pool with its keys and finished jobs; rejected for",
      "                          the default or only pool and for a pool with agents or",
      "                          unfinished jobs",
      "  pool set-version NAME VERSION|none",
      "                          make the pool's agents update to a published version, older",
      "                          ones included, one agent at a time; none stops updates",
      "  pool set-update-window NAME 'mon-fri 01:00-05:00'|any",
      "                          let the pool's agents update only on these days and hours of",
      "                          their local time: [DAYS] HH:MM-HH:MM, days such as mon-fri or",
      "                          sat,sun (default every day); an end before the start",
      "                          crosses midnight. any: at any time",
      "  release publish FILE    upload a package made by 'bridgehead release build'; the",
      "                          tenant rejects it unless the release key signed it",
      "  release list            list published releases and the pools that target them",
      "  release delete VERSION  delete a release; rejected while a pool targets it",
      "  agents                  list agents with their state (online, offline after 60 s",
      "                          without contact, or disabled), last update, tags and last",
      "                          contact",
      "  agent disable ID        give the agent no new jobs; it finishes the jobs it runs",
      "  agent enable ID         let a disabled agent take jobs again",
      "  agent remove ID         remove an agent; its credential stops working at once",
      "  agent retry-update ID   offer an agent again the versions whose update failed or",
      "                          timed out on it",
      "  events [--limit N]      list recent operator events, newest first: agents offline,",
      "                          back online, cloned, disabled, enabled or removed, jobs that",
      "                          failed because no agent started them, releases, target",
      "                          versions and updates started, succeeded, failed or timed out",
      "  jobs [--limit N]        list recent jobs, newest first",
      "  job show ID             show one job with its result and output",
      "  job cancel ID           cancel a job",
      "  task run SCRIPT [--pool NAME] [--tag TAG]... [--queue-timeout 1h]",
      "           [--var KEY=VALUE]... [--secret-var KEY=VALUE]...",
      "           [--shell sh|powershell] [--time-limit 5m] [--output-cap 1MiB]",
      "           [--max-attempts N] [--wait 5m]",
      "                          queue a task, wait for it and print its result; without",
      "                          --pool it goes to the default pool. Only an agent with every",
      "                          --tag runs it, and it fails unless an agent starts it within",
      "                          --queue-timeout (default 1h, at most 168h). --time-limit",
      "                          is 1s to 24h (default 5m), --output-cap 1KiB to 4MiB per",
      "                          stream (default 1MiB), --wait 1s to 168h (default 5m)",
      "",
      "Options for every command:",
      "  --data DIR              the tenant's data folder (default $BRIDGEHEAD_TENANT_DATA",
      "                          or ~/.bridgehead/tenant); the other commands read the URL,",
      "                          fingerprint and admin token that 'start' wrote there",
      "  --url URL --fingerprint SHA256 --token-file FILE",
      "                          reach a tenant by hand instead of through --data",
      "  --json                  print JSON instead of text");

  private static final Set<String> VALUED = Set.of("data", "port", "bind", "name", "url",
      "fingerprint", "token-file", "limit", "pool", "var", "secret-var", "shell",
      "time-limit", "output-cap", "max-attempts", "wait", "uses", "valid-for", "tag",
      "queue-timeout", "release-key", "max-package-size", "update-timeout");
  private static final Set<String> FLAGS = Set.of("json");
  /** Ids of jobs, agents and enrollment keys, as the admin API's routes take them. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final PrintStream out;

  TenantCommands(PrintStream out) {
    this.out = out;
  }

  ExitCode run(List<String> arguments) throws CommandException, IOException,
      InterruptedException {
    Args args = Args.parse(arguments, VALUED, FLAGS);
    List<String> words = args.operands();
    if (words.isEmpty()) {
      out.println(USAGE);
      return ExitCode.INVALID_ARGUMENT;
    }
    String command = words.get(0);
    String sub = words.size() > 1 ? words.get(1) : "";
    if (List.of("start", "pools", "agents", "events", "jobs").contains(command)) {
      noMoreOperands(words, 1);
    }
    return switch (command) {
      case "start" -> start(args);
      case "pools" -> pools(args);
      case "pool" -> PoolCommands.run(this, args, words);
      case "agents" -> agents(args);
      case "agent" -> AgentAdminCommands.run(this, args, words);
      case "release" -> UpdateCommands.release(this, args, words);
      case "events" -> AgentAdminCommands.events(this, args);
      case "jobs" -> jobs(args);
      case "job" -> switch (sub) {
        case "show" -> showJob(args, jobId(words));
        case "cancel" -> cancelJob(args, jobId(words));
        default -> throw CommandException.invalid("unknown command 'tenant job " + sub
            + "'; use 'job show ID' or 'job cancel ID'");
      };
      case "task" -> TaskCommands.run(this, args, words);
      default -> throw CommandException.invalid("unknown command 'tenant " + command
          + "'; see 'bridgehead tenant --help'");
    };
  }

  private ExitCode start(Args args) throws CommandException, IOException, InterruptedException {
    Path data = Folders.tenantData(args.value("data"));
    TenantSettings settings = new TenantSettings(data, args.value("bind", "127.0.0.1"),
        args.integer("port", TenantSettings.DEFAULT_PORT, 0, 65535), args.values("name"),
        TenantSettings.defaults(data).dispatch(), updateSettings(args));
    TenantServer tenant = TenantServer.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      tenant.close();
      stopped.countDown();
    }, "tenant-shutdown"));
    out.println("Tenant listening on " + tenant.url());
    out.println("Certificate SHA-256 fingerprint: " + tenant.fingerprint());
    out.println("Admin token: in " + data.resolve(TenantInfo.ADMIN_TOKEN_FILE));
    out.println("Release key fingerprint: "
        + ReleaseKeys.fingerprint(settings.updates().releaseKey()));
    out.println("Data folder: " + data);
    out.println("Stop with Ctrl+C.");
    out.flush();
    stopped.await();
    return ExitCode.OK;
  }

  /** Reads the release key, package size limit and update time-out of 'tenant start'. */
  private static UpdateSettings updateSettings(Args args) throws CommandException, IOException {
    String keyFile = args.value("release-key");
    PublicKey key;
    if (keyFile == null) {
      key = UpdateSettings.defaultReleaseKey();
    } else if (!Files.isRegularFile(Path.of(keyFile))) {
      throw CommandException.invalid("--release-key " + keyFile + " not found");
    } else {
      key = ReleaseKeys.readPublic(Path.of(keyFile));
    }
    long maxBytes = args.size("max-package-size", UpdateSettings.DEFAULT_MAX_PACKAGE_BYTES,
        1024L * 1024, 4L * 1024 * 1024 * 1024);
    Duration timeout = args.duration("update-timeout", UpdateSettings.DEFAULT_ROLLOUT_TIMEOUT,
        Duration.ofMinutes(1), Duration.ofHours(24));
    return new UpdateSettings(key, maxBytes, timeout);
  }

  private ExitCode pools(Args args) throws CommandException, IOException {
    List<PoolView> pools = admin(args).pools();
    if (args.flag("json")) {
      printJson(pools);
      return ExitCode.OK;
    }
    if (pools.isEmpty()) {
      out.println("No pools yet; create one with 'bridgehead tenant pool create NAME'.");
      return ExitCode.OK;
    }
    out.printf("%-24s %7s %7s %10s  %-12s %-22s %s%n", "POOL", "AGENTS", "ONLINE",
        "UNFINISHED", "TARGET", "UPDATE WINDOW", "MEMBERS");
    for (PoolView pool : pools) {
      String members = pool.members().stream()
          .map(agent -> agent.id() + " (" + agent.state()
              + (agent.id().equals(pool.updatingAgentId()) ? ", updating" : "") + ")")
          .collect(Collectors.joining(", "));
      out.printf("%-24s %7d %7d %10d  %-12s %-22s %s%n",
          (pool.defaultPool() ? "* " : "") + pool.name(), pool.agents(), pool.onlineAgents(),
          pool.unfinishedJobs(), pool.targetVersion() == null ? "-" : pool.targetVersion(),
          pool.updateWindow() == null ? "any" : pool.updateWindow(),
          members.isEmpty() ? "-" : members);
    }
    return ExitCode.OK;
  }

  private ExitCode agents(Args args) throws CommandException, IOException {
    List<AgentView> agents = admin(args).agents();
    if (args.flag("json")) {
      printJson(agents);
      return ExitCode.OK;
    }
    if (agents.isEmpty()) {
      out.println("No agents enrolled yet.");
      return ExitCode.OK;
    }
    out.printf("%-28s %-16s %-20s %-9s %-10s %-20s %-24s %s%n", "AGENT", "POOL", "HOST",
        "STATE", "VERSION", "LAST UPDATE", "LAST CONTACT", "TAGS");
    for (AgentView agent : agents) {
      String tags = agent.tags() == null || agent.tags().isEmpty() ? "-"
          : String.join(",", agent.tags());
      String lastUpdate = agent.lastUpdate() == null ? "-"
          : agent.lastUpdate().outcome() + " " + agent.lastUpdate().version();
      out.printf("%-28s %-16s %-20s %-9s %-10s %-20s %-24s %s%n", agent.id(), agent.pool(),
          agent.hostName(), agent.state(), agent.version(), lastUpdate, agent.lastContactAt(),
          tags);
    }
    return ExitCode.OK;
  }

  private ExitCode jobs(Args args) throws CommandException, IOException {
    List<JobView> jobs = admin(args).jobs(args.integer("limit", 20, 1, 1000));
    if (args.flag("json")) {
      printJson(jobs);
      return ExitCode.OK;
    }
    if (jobs.isEmpty()) {
      out.println("No jobs yet.");
      return ExitCode.OK;
    }
    out.printf("%-22s %-16s %-10s %-7s %-28s %s%n", "JOB", "POOL", "STATE", "ATTEMPT",
        "AGENT", "MESSAGE");
    for (JobView job : jobs) {
      out.printf("%-22s %-16s %-10s %-7s %-28s %s%n", job.id(), job.pool(), job.state(),
          job.attempt() + "/" + job.maxAttempts(), job.agentId() == null ? "-" : job.agentId(),
          job.message() == null ? "" : job.message());
    }
    return ExitCode.OK;
  }

  private ExitCode showJob(Args args, String id) throws CommandException, IOException {
    JobView job = admin(args).job(id, Duration.ZERO);
    if (args.flag("json")) {
      printJson(job);
    } else {
      JobPrinter.print(out, job);
    }
    return ExitCode.OK;
  }

  private ExitCode cancelJob(Args args, String id) throws CommandException, IOException {
    AdminClient admin = admin(args);
    JobView before = admin.job(id, Duration.ZERO);
    JobView job = before.finished() ? before : admin.cancel(id);
    if (args.flag("json")) {
      printJson(job);
    } else if (job.state().equals("cancelled") && !before.finished()) {
      out.println("Job " + job.id() + " is cancelled.");
    } else if (job.finished()) {
      out.println("Job " + job.id() + " has already finished (" + job.state() + "); nothing"
          + " to cancel.");
    } else {
      out.println("Job " + job.id() + " is " + job.state() + "; its agent stops it at its"
          + " next lease renewal.");
    }
    return ExitCode.OK;
  }

  static String operand(List<String> words, int index, String what)
      throws CommandException {
    if (words.size() <= index) {
      throw CommandException.invalid("missing " + what + "; see 'bridgehead tenant --help'");
    }
    return words.get(index);
  }

  /**
   * Returns the id of a job, agent or enrollment key at {@code index}, checked before it
   * becomes part of a URL, and rejects any argument after it.
   */
  static String id(List<String> words, int index, String label) throws CommandException {
    String id = operand(words, index, label);
    if (!ID.matcher(id).matches()) {
      throw CommandException.invalid("invalid " + label + " '" + id + "': use the id as"
          + " listed, 1 to 64 letters, digits, dashes or underscores");
    }
    noMoreOperands(words, index + 1);
    return id;
  }

  /** Returns the pool name at {@code index}, checked before it becomes part of a URL. */
  static String poolName(List<String> words, int index, String label)
      throws CommandException {
    try {
      return AdminApi.validatePoolName(operand(words, index, label));
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }

  /** Rejects the arguments from {@code count} on, which the command does not take. */
  static void noMoreOperands(List<String> words, int count) throws CommandException {
    if (words.size() > count) {
      throw CommandException.invalid("unexpected argument '" + words.get(count) + "'; see"
          + " 'bridgehead tenant --help'");
    }
  }

  private static String jobId(List<String> words) throws CommandException {
    return id(words, 2, "job id");
  }

  /** Connects to the tenant named by --url, or to the one that last ran in --data. */
  static AdminClient admin(Args args) throws CommandException, IOException {
    String url = args.value("url");
    CertificateFingerprint fingerprint;
    String token;
    if (url == null) {
      Path data = Folders.tenantData(args.value("data"));
      TenantInfo info = TenantInfo.read(data);
      url = info.url();
      fingerprint = CertificateFingerprint.parse(info.fingerprint());
      token = readToken(data.resolve(TenantInfo.ADMIN_TOKEN_FILE));
    } else {
      try {
        url = TenantConnection.validateUrl(url);
      } catch (IllegalArgumentException e) {
        throw CommandException.invalid("--url: " + e.getMessage());
      }
      String pin = args.value("fingerprint");
      fingerprint = pin == null ? null : parseFingerprint(pin);
      String tokenFile = args.value("token-file");
      if (tokenFile == null) {
        throw CommandException.invalid("--url needs --token-file FILE, the file holding the"
            + " tenant's admin token");
      }
      token = readToken(Path.of(tokenFile));
    }
    return AdminClient.connect(url, fingerprint, token);
  }

  private static CertificateFingerprint parseFingerprint(String text) throws CommandException {
    try {
      return CertificateFingerprint.parse(text);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }

  private static String readToken(Path file) throws CommandException, IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      throw CommandException.invalid("admin token file " + file + " not found");
    }
  }

  PrintStream out() {
    return out;
  }

  void printJson(Object value) {
    try {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot print JSON", e);
    }
  }

  /** Maps an admin API failure to the exit code for its kind. */
  static CommandException failure(AdminException e) {
    if (e.status() == 0) {
      return new CommandException(ExitCode.UNREACHABLE, e.getMessage(), e);
    }
    if (e.status() == 400) {
      return new CommandException(ExitCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
    return new CommandException(ExitCode.REJECTED, e.getMessage(), e);
  }
}
