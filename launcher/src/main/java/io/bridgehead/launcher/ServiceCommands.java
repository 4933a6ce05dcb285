package io.bridgehead.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.agent.control.ControlDirectory;
import io.bridgehead.ipc.ConnectionListener;
import io.bridgehead.ipc.ConnectionState;
import io.bridgehead.ipc.EndpointName;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.IpcClient;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.ServiceNotRunningException;
import io.bridgehead.ipc.Transports;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bridgehead status | config | pool | logs}: talk to a running service through its
 * control endpoint. Text for people by default, {@code --json} for scripts.
 */
final class ServiceCommands {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead COMMAND [OPTIONS]",
      "",
      "Commands (each talks to a running service):",
      "  status [--watch]        print the service's status; --watch then prints a line on",
      "                          each change until Ctrl+C",
      "  config get              print the configuration",
      "  config set KEY VALUE    change one key and restart the job loop with it; keys:",
      "                          tenantUrl, fingerprint, caBundle (empty VALUE clears these",
      "                          two), maxConcurrentJobs, pollWait, retryInitial, retryCap",
      "                          (durations such as 500ms, 30s, 5m), maxPackageSize (the",
      "                          largest update package downloaded, such as 512MiB; 1MiB",
      "                          to 4GiB, default 256MiB), proxy (none, system or",
      "                          http://HOST:PORT), proxyUser, proxyPassword (VALUE '-'",
      "                          reads it from one line of standard input; empty clears)",
      "  pool list               list the tenant's pools with their online agents",
      "  pool select NAME (--enrollment-key KEY | --enrollment-key - |",
      "                    --enrollment-key-file F)",
      "                          move the agent to pool NAME with that pool's key; a rejected",
      "                          key keeps the current pool",
      "  logs [--tail N]         print the last N lines of the service log (default 100,",
      "                          at most 1000)",
      "",
      "Options for every command:",
      "  --role ROLE             the service: access, automation (default) or provisioning",
      "  --ipc-dir DIR           the services' socket folder (default /run/bridgehead for",
      "                          root, else $XDG_RUNTIME_DIR/bridgehead, else",
      "                          <temp>/bridgehead-<user>); ignored on Windows",
      "  --json                  print JSON instead of text",
      "",
      "config set and pool select need root (an administrator on Windows).");

  private static final Set<String> VALUED = Set.of("role", "ipc-dir", "tail", "enrollment-key",
      "enrollment-key-file");
  private static final Set<String> FLAGS = Set.of("json", "watch");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final PrintStream out;
  private final InputStream in;
  /** Released to end {@code status --watch}; nothing releases it outside tests. */
  private final CountDownLatch watchEnd;

  ServiceCommands(PrintStream out, InputStream in) {
    this(out, in, new CountDownLatch(1));
  }

  ServiceCommands(PrintStream out, InputStream in, CountDownLatch watchEnd) {
    this.out = out;
    this.in = in;
    this.watchEnd = watchEnd;
  }

  /** Runs {@code command} (status, config, pool or logs) with its arguments. */
  ExitCode run(String command, List<String> arguments) throws CommandException, IOException,
      InterruptedException {
    Args args = Args.parse(arguments, VALUED, FLAGS);
    List<String> words = args.operands();
    return switch (command) {
      case "status" -> {
        expectWords(words, 0, "status");
        yield args.flag("watch") ? watch(args) : status(args);
      }
      case "config" -> config(args, words);
      case "pool" -> pool(args, words);
      case "logs" -> {
        expectWords(words, 0, "logs");
        yield logs(args);
      }
      default -> throw CommandException.invalid("unknown command '" + command + "'");
    };
  }

  private ExitCode status(Args args) throws CommandException {
    JsonNode status = callOnce(args, ControlApi.STATUS_GET, null);
    if (args.flag("json")) {
      out.println(status.toPrettyString());
    } else {
      StatusPrinter.print(out, status);
    }
    return ExitCode.OK;
  }

  private ExitCode watch(Args args) throws CommandException, InterruptedException {
    boolean json = args.flag("json");
    ConnectionListener connection = (state, reason) -> {
      if (!json && state == ConnectionState.DISCONNECTED) {
        out.println(timestamped("lost the connection to the service (" + reason
            + "); reconnecting"));
      } else if (!json && state == ConnectionState.CONNECTED) {
        out.println(timestamped("connected to the service"));
      }
    };
    try (IpcClient client = connect(args, connection)) {
      if (client.state() != ConnectionState.CONNECTED) {
        call(client, ControlApi.STATUS_GET, null);
      }
      client.subscribe(ControlApi.STATUS_TOPIC, (topic, data) -> {
        out.println(json ? data.toString() : timestamped(StatusPrinter.changeLine(data)));
      });
      JsonNode status = call(client, ControlApi.STATUS_GET, null);
      out.println(json ? status.toString() : timestamped(StatusPrinter.changeLine(status)));
      watchEnd.await();
      return ExitCode.OK;
    } catch (RpcException e) {
      throw failure(e);
    } catch (IOException e) {
      throw notRunning(e);
    }
  }

  private ExitCode config(Args args, List<String> words) throws CommandException,
      IOException {
    if (words.isEmpty()) {
      throw CommandException.invalid("missing command: 'config get' or 'config set KEY VALUE'");
    }
    switch (words.get(0)) {
      case "get" -> {
        expectWords(words, 1, "config get");
        JsonNode config = callOnce(args, ControlApi.CONFIG_GET, null);
        if (args.flag("json")) {
          out.println(config.toPrettyString());
        } else {
          config.fields().forEachRemaining(field -> out.printf("%-18s %s%n", field.getKey(),
              field.getValue().isNull() ? "(not set)" : field.getValue().asText()));
        }
      }
      case "set" -> {
        expectWords(words, 3, "config set KEY VALUE");
        ObjectNode params = JsonNodeFactory.instance.objectNode()
            .put("key", words.get(1)).put("value", configValue(words.get(1), words.get(2)));
        JsonNode result = callOnce(args, ControlApi.CONFIG_SET, params);
        if (args.flag("json")) {
          out.println(result.toPrettyString());
        } else {
          out.println("Set " + result.path("key").asText() + " to "
              + text(result.path("value")) + " (was " + text(result.path("previous"))
              + "); the job loop restarted with it.");
        }
      }
      default -> throw CommandException.invalid("unknown command 'config " + words.get(0)
          + "'; use 'config get' or 'config set KEY VALUE'");
    }
    return ExitCode.OK;
  }

  private ExitCode pool(Args args, List<String> words) throws CommandException, IOException {
    if (words.isEmpty()) {
      throw CommandException.invalid("missing command: 'pool list' or 'pool select NAME'");
    }
    switch (words.get(0)) {
      case "list" -> {
        expectWords(words, 1, "pool list");
        JsonNode result = callOnce(args, ControlApi.POOLS_LIST, null);
        if (args.flag("json")) {
          out.println(result.toPrettyString());
        } else {
          for (JsonNode pool : result.path("pools")) {
            out.printf("%s %-24s %d online%n", pool.path("current").asBoolean() ? "*" : " ",
                pool.path("name").asText(), pool.path("onlineAgents").asInt());
          }
        }
      }
      case "select" -> {
        expectWords(words, 2, "pool select NAME");
        String key = AgentCommands.enrollmentKey(args, in);
        ObjectNode params = JsonNodeFactory.instance.objectNode()
            .put("pool", words.get(1)).put("enrollmentKey", key);
        JsonNode result = callOnce(args, ControlApi.POOLS_SELECT, params);
        if (args.flag("json")) {
          out.println(result.toPrettyString());
        } else {
          out.println("Moved from pool " + result.path("previousPool").asText() + " to pool "
              + result.path("pool").asText() + " as agent " + result.path("agentId").asText()
              + "; the job loop restarted.");
        }
      }
      default -> throw CommandException.invalid("unknown command 'pool " + words.get(0)
          + "'; use 'pool list' or 'pool select NAME'");
    }
    return ExitCode.OK;
  }

  private ExitCode logs(Args args) throws CommandException {
    int lines = args.integer("tail", 100, 1, ControlApi.MAX_LOG_LINES);
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("lines", lines);
    JsonNode result = callOnce(args, ControlApi.LOGS_TAIL, params);
    if (args.flag("json")) {
      out.println(result.toPrettyString());
    } else {
      if (result.path("truncated").asBoolean()) {
        out.println("(earlier lines left out: the lines are longer than the size limit)");
      }
      result.path("lines").forEach(line -> out.println(line.asText()));
    }
    return ExitCode.OK;
  }

  /** Connects, makes one call and closes the connection. */
  private JsonNode callOnce(Args args, String method, JsonNode params)
      throws CommandException {
    try (IpcClient client = connect(args)) {
      return call(client, method, params);
    } catch (RpcException e) {
      throw failure(e);
    } catch (IOException e) {
      throw notRunning(e);
    }
  }

  private static JsonNode call(IpcClient client, String method, JsonNode params)
      throws RpcException, IOException {
    return client.call(method, params, CALL_TIMEOUT);
  }

  private IpcClient connect(Args args) throws CommandException {
    return connect(args, (state, reason) -> { });
  }

  private IpcClient connect(Args args, ConnectionListener listener) throws CommandException {
    Role role;
    try {
      role = Role.parse(args.value("role", Role.AUTOMATION.wireName()));
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    EndpointName name = ControlApi.endpointName(role);
    String option = args.value("ipc-dir");
    Path directory = option == null ? ControlDirectory.forClient(name) : Path.of(option);
    try {
      ControlDirectory.checkNotShared(directory);
    } catch (IOException e) {
      throw new CommandException(ExitCode.FAILED, e.getMessage(), e);
    }
    IpcClient client = IpcClient.builder(Transports.forCurrentPlatform(directory), name)
        .clientName("bridgehead-cli")
        .stateListener(listener)
        .build();
    client.start();
    return client;
  }

  private static CommandException notRunning(IOException e) {
    if (e instanceof ServiceNotRunningException) {
      return new CommandException(ExitCode.SERVICE_NOT_RUNNING, e.getMessage());
    }
    return new CommandException(ExitCode.FAILED, "the call to the service failed: "
        + e.getMessage());
  }

  private static CommandException failure(RpcException e) {
    return switch (e.code()) {
      case ErrorCodes.ACCESS_DENIED -> new CommandException(ExitCode.ACCESS_DENIED,
          e.getMessage() + "; run the command as root (as an administrator on Windows)");
      case ErrorCodes.INVALID_PARAMS -> CommandException.invalid(e.getMessage());
      case ControlApi.TENANT_REJECTED -> new CommandException(ExitCode.REJECTED,
          e.getMessage());
      case ControlApi.TENANT_UNREACHABLE -> new CommandException(ExitCode.UNREACHABLE,
          e.getMessage());
      default -> new CommandException(ExitCode.FAILED, e.getMessage());
    };
  }

  private static void expectWords(List<String> words, int count, String usage)
      throws CommandException {
    if (words.size() != count) {
      throw CommandException.invalid("usage: bridgehead " + usage + "; see 'bridgehead "
          + usage.split(" ")[0] + " --help'");
    }
  }

  private static String timestamped(String line) {
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line;
  }

  /**
   * Returns the value for {@code config set}; the proxy password is read from standard input,
   * so that it never shows in the process list.
   */
  private String configValue(String key, String value) throws CommandException, IOException {
    if (!key.equals("proxyPassword") || value.isEmpty()) {
      return value;
    }
    if (!value.equals("-")) {
      throw CommandException.invalid("config set proxyPassword takes '-', which reads the"
          + " password from one line of standard input, or empty text to clear it; a"
          + " password on the command line would show in the process list");
    }
    String line = new InputLines(in).next();
    if (line == null || line.isEmpty()) {
      throw CommandException.invalid("missing proxy password: standard input was empty");
    }
    return line;
  }

  private static String text(JsonNode value) {
    return value.isNull() ? "(not set)" : value.asText();
  }
}
