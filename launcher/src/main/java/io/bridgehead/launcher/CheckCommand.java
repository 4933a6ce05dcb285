package io.bridgehead.launcher;

import io.bridgehead.agent.check.CheckResult;
import io.bridgehead.agent.check.ConnectionCheck;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.config.NotEnrolledException;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bridgehead check}: checks that this host can reach and trust the tenant, step by
 * step, without enrolling and without any credential of the tenant.
 */
final class CheckCommand {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead check (--data DIR | --enrollment-string-file FILE",
      "                         | --enrollment-string - | --tenant URL [--fingerprint SHA256]",
      "                           [--ca-bundle PEM])",
      "                        [PROXY OPTIONS] [--json]",
      "",
      "Checks, in order, that the tenant's host name resolves (dns), that the proxy lets a",
      "tunnel through (proxy), that a TCP connection opens (tcp), that the TLS handshake",
      "trusts the tenant's certificate and host name (tls), and that the tenant answers a",
      "request that needs no credential (tenant). A failed step skips the rest; each step",
      "says what failed and what to do.",
      "",
      "Options:",
      "  --data DIR              check the enrolled agent in data folder DIR: its tenant,",
      "                          trust and stored proxy settings and password",
      "  --enrollment-string-file FILE",
      "                          check the tenant named in the enrollment string in FILE",
      "  --enrollment-string -   the same, with the string read from standard input",
      "  --tenant URL            check the tenant at https://HOST[:PORT]",
      "  --fingerprint SHA256    trust only the tenant certificate with this fingerprint",
      "  --ca-bundle PEM         also trust the CAs in this PEM file",
      "  --json                  print the result as one JSON object",
      "",
      "Proxy options (they replace the stored ones of --data; a password read with '-'",
      "comes after the enrollment string):",
      ProxyOptions.USAGE,
      "",
      "Exit codes: 0 every step passed; 4 a step failed; 2 invalid argument.");

  private static final Set<String> VALUED = ProxyOptions.with(Set.of("data",
      "enrollment-string-file", "enrollment-string", "tenant", "fingerprint", "ca-bundle"));

  private final PrintStream out;
  private final InputLines input;
  private final ConnectionCheck check;

  CheckCommand(PrintStream out, InputStream in) {
    this(out, in, ConnectionCheck.create());
  }

  CheckCommand(PrintStream out, InputStream in, ConnectionCheck check) {
    this.out = out;
    this.input = new InputLines(in);
    this.check = check;
  }

  ExitCode run(List<String> arguments) throws CommandException, IOException {
    Args args = Args.parse(arguments, VALUED, Set.of("json"));
    if (!args.operands().isEmpty()) {
      throw CommandException.invalid("unexpected argument '" + args.operands().get(0)
          + "'; see 'bridgehead check --help'");
    }
    TenantConnection connection = connection(args);
    boolean json = args.flag("json");
    CheckResult result;
    if (json) {
      result = check.run(connection);
      out.println(Json.mapper().writeValueAsString(result));
    } else {
      out.println(CheckResult.heading(connection.url()));
      result = check.run(connection, step -> out.println(step.line()));
      out.println(result.verdict());
    }
    return result.ok() ? ExitCode.OK : ExitCode.UNREACHABLE;
  }

  private TenantConnection connection(Args args) throws CommandException, IOException {
    List<String> sources = List.of("data", "enrollment-string-file", "enrollment-string",
        "tenant").stream().filter(name -> args.value(name) != null).toList();
    if (sources.size() != 1) {
      throw CommandException.invalid((sources.isEmpty() ? "missing" : "conflicting")
          + " tenant: give exactly one of --data DIR, --enrollment-string-file FILE,"
          + " --enrollment-string - or --tenant URL");
    }
    if (!sources.get(0).equals("tenant")) {
      for (String option : List.of("fingerprint", "ca-bundle")) {
        if (args.value(option) != null) {
          throw CommandException.invalid("--" + option + " goes with --tenant; the"
              + " enrollment or the data folder already sets the tenant's trust");
        }
      }
    }
    return switch (sources.get(0)) {
      case "data" -> fromDataFolder(args, Path.of(args.value("data")).toAbsolutePath());
      case "tenant" -> fromOptions(args, args.value("tenant"), args.value("fingerprint"),
          args.value("ca-bundle"));
      default -> {
        EnrollmentString combined = enrollmentString(args);
        yield fromOptions(args, combined.tenant(), combined.fingerprint(), null);
      }
    };
  }

  private TenantConnection fromDataFolder(Args args, Path data)
      throws CommandException, IOException {
    AgentConfig config;
    try {
      config = AgentConfig.read(data);
    } catch (NotEnrolledException e) {
      throw CommandException.invalid("no enrolled agent in " + data + " (no "
          + AgentConfig.FILE_NAME + "); give the agent's data folder, or --tenant URL");
    }
    String password = FileCredentialStore.proxyPassword(data).load().orElse(null);
    TenantProxy proxy = ProxyOptions.parse(args, input, config.proxy(), password);
    try {
      return config.connection(data).withProxy(proxy);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid("invalid " + data.resolve(AgentConfig.FILE_NAME) + ": "
          + e.getMessage());
    }
  }

  private TenantConnection fromOptions(Args args, String tenant, String pin, String bundle)
      throws CommandException, IOException {
    String url;
    CertificateFingerprint fingerprint;
    try {
      url = TenantConnection.validateUrl(tenant);
      fingerprint = pin == null ? null : CertificateFingerprint.parse(pin);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    Path caBundle = bundle == null ? null : Path.of(bundle);
    if (caBundle != null && !Files.isReadable(caBundle)) {
      throw CommandException.invalid("CA bundle " + caBundle + " not found or not readable");
    }
    TenantProxy proxy = ProxyOptions.parse(args, input, ProxySettings.system(), null);
    return new TenantConnection(url, fingerprint, caBundle, proxy);
  }

  private EnrollmentString enrollmentString(Args args) throws CommandException, IOException {
    String text;
    String file = args.value("enrollment-string-file");
    if (file != null) {
      try {
        text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw CommandException.invalid("enrollment string file " + file + " not found");
      }
    } else if (args.value("enrollment-string").equals("-")) {
      text = input.next();
    } else {
      throw CommandException.invalid("--enrollment-string takes only '-', which reads the"
          + " string from standard input; or give --enrollment-string-file FILE");
    }
    if (text == null || text.isBlank()) {
      throw CommandException.invalid("missing enrollment string: the input was empty; paste"
          + " the string that 'bridgehead tenant pool create' printed");
    }
    try {
      return EnrollmentString.decode(text.trim());
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }
}
