package io.bridgehead.launcher;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.NotEnrolledException;
import io.bridgehead.agent.control.ControlDirectory;
import io.bridgehead.agent.control.ControlEndpoint;
import io.bridgehead.agent.host.ForegroundHost;
import io.bridgehead.agent.host.HostKind;
import io.bridgehead.agent.host.HostedService;
import io.bridgehead.agent.host.ServiceHost;
import io.bridgehead.agent.host.systemd.SystemdHost;
import io.bridgehead.agent.host.windows.WindowsServiceHost;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.proxy.ProxyAuthenticationException;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.AgentTags;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;

/** {@code bridgehead agent ...}: enroll an agent and run one of its roles. */
final class AgentCommands {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead agent COMMAND [OPTIONS]",
      "",
      "Commands:",
      "  enroll --tenant URL (--enrollment-key KEY | --enrollment-key - | --enrollment-key-file F)",
      "         [--fingerprint SHA256] [--ca-bundle PEM] [--role ROLE]... [--tag TAG]...",
      "         [--force] [PROXY OPTIONS]",
      "  enroll --enrollment-string STRING [--role ROLE]... [--tag TAG]... [PROXY OPTIONS]",
      "                          join the pool the key belongs to; '-' reads the key (or the",
      "                          string, with --enrollment-string -) from one line of",
      "                          standard input; --role is automation, the only role that",
      "                          takes jobs in this version; jobs that name tags go only to",
      "                          agents with all of them. The proxy settings are stored with",
      "                          the enrollment and used for every call to the tenant",
      "  run --role ROLE [--max-jobs N] [--ipc-dir DIR] [--log-dir DIR]",
      "      [--service-host auto|foreground|systemd|windows] [--log-journal]",
      "                          serve one role until stopped (Ctrl+C or SIGTERM), with its",
      "                          control socket in --ipc-dir (default /run/bridgehead for",
      "                          root, else $XDG_RUNTIME_DIR/bridgehead, else",
      "                          <temp>/bridgehead-<user>) and its log agent-ROLE.log in",
      "                          --log-dir (default <data>/logs); limits changed with",
      "                          'bridgehead config set' override --max-jobs.",
      "                          --service-host sets the service manager it reports to:",
      "                          systemd (Type=notify, through $NOTIFY_SOCKET), windows (the",
      "                          Service Control Manager; only for a registered service) or",
      "                          foreground; auto (the default) picks systemd when",
      "                          $NOTIFY_SOCKET is set, else foreground. --log-journal logs",
      "                          to standard output with journald priority prefixes instead",
      "                          of standard error; on by default under systemd",
      "",
      "Options for every command:",
      "  --data DIR              the agent's data folder (default $BRIDGEHEAD_AGENT_DATA or",
      "                          ~/.bridgehead/agent): configuration, credential (mode 0600),",
      "                          logs and the work folders of running tasks",
      "",
      "Proxy options of enroll (a password read with '-' comes after the key or string):",
      ProxyOptions.USAGE);

  private static final Set<String> VALUED = ProxyOptions.with(Set.of("data", "tenant",
      "enrollment-key", "enrollment-key-file", "enrollment-string", "fingerprint", "ca-bundle",
      "role", "tag", "max-jobs", "ipc-dir", "log-dir",
      "service-host", "updates-dir"));

  private final PrintStream out;
  private final InputLines input;

  AgentCommands(PrintStream out, InputStream in) {
    this.out = out;
    this.input = new InputLines(in);
  }

  ExitCode run(List<String> arguments) throws CommandException, IOException,
      InterruptedException {
    Args args = Args.parse(arguments, VALUED, Set.of("force", "log-journal"));
    List<String> words = args.operands();
    if (words.isEmpty()) {
      out.println(USAGE);
      return ExitCode.INVALID_ARGUMENT;
    }
    if (words.size() > 1) {
      throw CommandException.invalid("unexpected argument '" + words.get(1) + "'");
    }
    return switch (words.get(0)) {
      case "enroll" -> enroll(args);
      case "run" -> runRole(args);
      default -> throw CommandException.invalid("unknown command 'agent " + words.get(0)
          + "'; see 'bridgehead agent --help'");
    };
  }

  private ExitCode enroll(Args args) throws CommandException, IOException {
    Path data = Folders.agentData(args.value("data"));
    if (Files.exists(data.resolve(AgentConfig.FILE_NAME)) && !args.flag("force")) {
      throw CommandException.invalid("the data folder " + data + " already contains an enrolled"
          + " agent; enrolling again would leave that agent behind on the tenant. Remove it"
          + " there ('bridgehead tenant agent remove ID') and pass --force, or give another"
          + " --data folder");
    }
    List<Role> roles = enrollableRoles(args);
    EnrollmentString combined = enrollmentString(args);
    String tenant = combined != null ? combined.tenant() : args.value("tenant");
    if (tenant == null) {
      throw CommandException.invalid("missing --tenant URL, the tenant's https:// address");
    }
    String url;
    CertificateFingerprint fingerprint = null;
    try {
      url = TenantConnection.validateUrl(tenant);
      String pin = combined != null ? combined.fingerprint() : args.value("fingerprint");
      if (pin != null) {
        fingerprint = CertificateFingerprint.parse(pin);
      }
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    Path caBundle = args.value("ca-bundle") == null ? null : Path.of(args.value("ca-bundle"));
    if (caBundle != null && !Files.isReadable(caBundle)) {
      throw CommandException.invalid("CA bundle " + caBundle + " not found or not readable");
    }
    String key = combined != null ? combined.key() : enrollmentKey(args, input);
    TenantProxy proxy = ProxyOptions.parse(args, input, ProxySettings.system(), null);
    List<String> tags;
    try {
      tags = AgentTags.normalize(args.values("tag"));
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    TenantConnection connection = new TenantConnection(url, fingerprint, caBundle, proxy);
    try {
      AgentConfig config = Enrollment.enroll(connection, key, roles, tags, data);
      out.println("Enrolled agent " + config.agentId() + " in pool " + config.pool() + " at "
          + url + ".");
      out.println("Configuration and credential are in " + data + ".");
      out.println("Run it with: bridgehead agent run --role " + roles.get(0).wireName()
          + (args.value("data") == null ? "" : " --data " + data));
      return ExitCode.OK;
    } catch (TenantException e) {
      if (AgentApi.INVALID_ENROLLMENT_KEY.equals(e.code())) {
        throw new CommandException(ExitCode.REJECTED, "enrollment failed: " + e.getMessage());
      }
      throw new CommandException(e.status() == 400 ? ExitCode.INVALID_ARGUMENT
          : ExitCode.REJECTED, "enrollment failed: " + e.getMessage());
    } catch (SSLException e) {
      throw new CommandException(ExitCode.UNREACHABLE, "cannot establish a trusted TLS"
          + " connection to " + url + ": " + e.getMessage() + "; for a self-signed tenant pass"
          + " --fingerprint with the fingerprint the tenant printed at start");
    } catch (ProxyAuthenticationException e) {
      throw new CommandException(ExitCode.UNREACHABLE, "cannot reach the tenant at " + url
          + ": " + e.getMessage() + " (--proxy-user and --proxy-password-file)");
    } catch (IOException e) {
      if (e instanceof NotEnrolledException) {
        throw e;
      }
      throw new CommandException(ExitCode.UNREACHABLE, "cannot reach the tenant at " + url
          + " (" + describe(connection) + "): " + e.getMessage() + "; check the URL and that"
          + " the tenant is running, and run 'bridgehead check' with the same options to see"
          + " which step fails");
    } catch (IllegalArgumentException e) {
      // The proxy that https_proxy names is invalid.
      throw CommandException.invalid(e.getMessage());
    }
  }

  /** Returns how the connection reaches the tenant, or why that cannot be decided. */
  private static String describe(TenantConnection connection) {
    try {
      return connection.proxy().routeTo(connection.host(), connection.port()).description();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * Returns the --role values, automation when none is given, and rejects the roles that
   * cannot run yet before the enrollment key is used up on them.
   */
  private static List<Role> enrollableRoles(Args args) throws CommandException {
    List<Role> roles = roles(args, List.of(Role.AUTOMATION));
    for (Role role : roles) {
      if (role != Role.AUTOMATION) {
        throw CommandException.invalid("--role " + role.wireName() + " cannot be enrolled:"
            + " only the automation role takes jobs in this version, so enroll with --role"
            + " automation");
      }
    }
    return roles;
  }

  /** Returns the decoded --enrollment-string, or null when none was given. */
  private EnrollmentString enrollmentString(Args args) throws CommandException, IOException {
    String text = args.value("enrollment-string");
    if (text == null) {
      return null;
    }
    for (String conflicting : List.of("tenant", "fingerprint", "enrollment-key",
        "enrollment-key-file")) {
      if (args.value(conflicting) != null) {
        throw CommandException.invalid("--enrollment-string already carries the tenant, key"
            + " and fingerprint; leave out --" + conflicting);
      }
    }
    if (text.equals("-")) {
      String line = input.next();
      text = line == null ? "" : line;
    }
    try {
      return EnrollmentString.decode(text.trim());
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }

  /** Returns the key of --enrollment-key, of --enrollment-key-file or, for '-', from in. */
  static String enrollmentKey(Args args, InputStream in) throws CommandException, IOException {
    return enrollmentKey(args, new InputLines(in));
  }

  /**
   * Returns the key of --enrollment-key, of --enrollment-key-file or, for '-', the next line
   * of {@code input}.
   */
  static String enrollmentKey(Args args, InputLines input) throws CommandException,
      IOException {
    String key = args.value("enrollment-key");
    String file = args.value("enrollment-key-file");
    if (key != null && file != null) {
      throw CommandException.invalid("give --enrollment-key or --enrollment-key-file, not both");
    }
    if (file != null) {
      try {
        key = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw CommandException.invalid("enrollment key file " + file + " not found");
      }
      if (key.isBlank()) {
        throw CommandException.invalid("enrollment key file " + file + " is empty; write the"
            + " key that 'bridgehead tenant pool create-key POOL' printed into it");
      }
    } else if ("-".equals(key)) {
      key = input.next();
    }
    if (key == null || key.isBlank()) {
      throw CommandException.invalid("missing enrollment key: give --enrollment-key KEY, or"
          + " --enrollment-key - to read it from standard input; make one on the tenant with"
          + " 'bridgehead tenant pool create-key POOL'");
    }
    return key.trim();
  }

  private ExitCode runRole(Args args) throws CommandException, IOException,
      InterruptedException {
    Path data = Folders.agentData(args.value("data"));
    List<Role> roles = roles(args, List.of());
    if (roles.size() != 1) {
      throw CommandException.invalid("give exactly one --role: access, automation or"
          + " provisioning; each role runs as its own service");
    }
    AgentSettings defaults = AgentSettings.defaults(data);
    AgentSettings settings = new AgentSettings(args.integer("max-jobs",
        defaults.maxConcurrentJobs(), 1, 64), defaults.pollWait(), defaults.heartbeatInterval(),
        defaults.retryInitial(), defaults.retryCap(), defaults.workRoot(),
        args.value("ipc-dir") == null ? ControlDirectory.defaultDirectory()
            : Path.of(args.value("ipc-dir")).toAbsolutePath());
    Role role = roles.get(0);
    Path logFile = ControlEndpoint.logFile(logFolder(args, data), role.wireName());
    ServiceHost host = serviceHost(args, role);
    HostedService.Outcome outcome;
    try {
      outcome = new HostedService(host).run(
          () -> AgentService.start(data, role, settings, logFile));
    } catch (NotEnrolledException e) {
      throw new CommandException(ExitCode.NOT_ENROLLED, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    return switch (outcome.kind()) {
      case NORMAL -> ExitCode.OK;
      case STOPPING_TO_UPDATE -> ExitCode.STOPPED_TO_UPDATE;
      case FAILED -> throw new CommandException(ExitCode.NOT_ENROLLED, "the agent stopped: "
          + outcome.reason());
    };
  }

  /** Returns the folder of the service's log, as {@link Main} configured Logback. */
  static Path logFolder(Args args, Path data) {
    String value = args.value("log-dir");
    return value == null ? data.resolve("logs") : Path.of(value).toAbsolutePath();
  }

  private static ServiceHost serviceHost(Args args, Role role) throws CommandException {
    HostKind kind;
    try {
      kind = HostKind.parse(args.value("service-host", HostKind.AUTO.optionName()));
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    Map<String, String> environment = System.getenv();
    try {
      return switch (kind.resolve(environment)) {
        case SYSTEMD -> SystemdHost.fromEnvironment(environment);
        case WINDOWS -> new WindowsServiceHost(WindowsServiceHost.serviceName(role),
            HostedService.STOP_WAIT_HINT);
        default -> new ForegroundHost(HostedService.STOP_WAIT_HINT);
      };
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }

  private static List<Role> roles(Args args, List<Role> fallback) throws CommandException {
    List<Role> roles = new ArrayList<>();
    for (String name : args.values("role")) {
      try {
        Role role = Role.parse(name);
        if (!roles.contains(role)) {
          roles.add(role);
        }
      } catch (IllegalArgumentException e) {
        throw CommandException.invalid(e.getMessage());
      }
    }
    return roles.isEmpty() ? fallback : roles;
  }
}
