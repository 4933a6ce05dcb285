package io.bridgehead.installer.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.wire.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Services as plain child processes, for an installation into a folder ({@code --root}),
 * where no system service manager may be touched. For a service named
 * {@code bridgehead-ROLE} it keeps three files in its state folder:
 * {@code ROLE.service.json} (the registered definition, written by {@link #register}),
 * {@code ROLE.pid} (the running process) and {@code ROLE.out} (the process's standard output
 * and error, for failures before its own log is set up).
 *
 * <p>A started process runs detached, in a session of its own when {@code setsid} exists, so it
 * outlives the command that started it and a Ctrl+C in that terminal. Stop sends SIGTERM, then
 * SIGKILL when the process has not ended within the timeout. Services do not restart after a
 * crash or a reboot.
 */
public final class FolderServiceManager implements ServiceManager {
  private static final String PREFIX = "bridgehead-";
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  /**
   * How long a service may take to stop: running jobs get 20 s and the outbox 5 s, and a
   * slow stop can take about 75 s.
   */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private final Path stateDir;

  /** Creates a manager that keeps its files in {@code stateDir}, normally ROOT/run/bridgehead. */
  public FolderServiceManager(Path stateDir) {
    this.stateDir = stateDir;
  }

  @Override
  public void register(ServiceDefinition definition) throws IOException {
    Files.createDirectories(stateDir);
    Registration registration = new Registration(definition.command(),
        definition.workingDirectory().toString(), definition.environment());
    ObjectMapper mapper = Json.mapper();
    Files.write(registrationFile(definition.name()),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(registration));
  }

  @Override
  public void start(String name) throws IOException {
    if (running(name).isPresent()) {
      return;
    }
    Registration registration = registration(name).orElseThrow(() -> new IOException(
        "cannot start " + name + ": it is not registered in " + stateDir));
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.addAll(registration.command());
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(new File(registration.workingDirectory()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile(name).toFile()));
    // The service reports to no service manager: it must not find the installer's own
    // systemd notification socket or journal in its environment.
    builder.environment().remove("NOTIFY_SOCKET");
    builder.environment().remove("JOURNAL_STREAM");
    builder.environment().putAll(registration.environment());
    Process process = builder.start();
    Files.writeString(pidFile(name), process.pid() + "\n", StandardCharsets.US_ASCII);
  }

  @Override
  public void stop(String name, Duration timeout) throws IOException {
    Optional<ProcessHandle> running = running(name);
    if (running.isPresent()) {
      ProcessHandle handle = running.get();
      handle.destroy();
      if (!awaitExit(handle, timeout)) {
        handle.destroyForcibly();
        if (!awaitExit(handle, KILL_WAIT)) {
          throw new IOException("service " + name + " (pid " + handle.pid() + ") did not end"
              + " after SIGTERM and SIGKILL");
        }
      }
    }
    Files.deleteIfExists(pidFile(name));
  }

  @Override
  public void unregister(String name) throws IOException {
    stop(name, STOP_TIMEOUT);
    Files.deleteIfExists(registrationFile(name));
    Files.deleteIfExists(outputFile(name));
  }

  @Override
  public ServiceState state(String name) throws IOException {
    if (running(name).isPresent()) {
      return ServiceState.RUNNING;
    }
    if (registration(name).isEmpty()) {
      return ServiceState.NOT_INSTALLED;
    }
    // A pid file without its process means the service ended without a stop.
    return Files.exists(pidFile(name)) ? ServiceState.FAILED : ServiceState.STOPPED;
  }

  /** Returns the pid file of a service, {@code ROLE.pid}. */
  public Path pidFile(String name) {
    return stateDir.resolve(key(name) + ".pid");
  }

  /** Returns the file that receives the service's standard output and error. */
  public Path outputFile(String name) {
    return stateDir.resolve(key(name) + ".out");
  }

  /** Returns the registration file of a service, {@code ROLE.service.json}. */
  public Path registrationFile(String name) {
    return stateDir.resolve(key(name) + ".service.json");
  }

  /**
   * Returns the running process of the pid file, unless it has ended or its command line
   * shows that the pid now belongs to another program.
   */
  private Optional<ProcessHandle> running(String name) throws IOException {
    String text;
    try {
      text = Files.readString(pidFile(name), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("the pid file " + pidFile(name) + " contains '" + text
          + "', not a process id; remove it if no service runs", e);
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    Optional<Registration> registration = registration(name);
    if (handle.isEmpty() || registration.isEmpty()) {
      return handle;
    }
    Optional<String> commandLine = handle.get().info().commandLine();
    List<String> command = registration.get().command();
    // The program is a script that execs Java, so only the arguments are compared.
    if (commandLine.isPresent() && command.size() > 1
        && !commandLine.get().contains(String.join(" ", command.subList(1, command.size())))) {
      return Optional.empty();
    }
    return handle;
  }

  private Optional<Registration> registration(String name) throws IOException {
    try {
      return Optional.of(Json.mapper().readValue(Files.readAllBytes(registrationFile(name)),
          Registration.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) throws IOException {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IOException("failed to wait for process " + handle.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for process " + handle.pid(), e);
    }
  }

  private static String key(String name) {
    return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
  }

  /** The definition as {@link #register} stores it, without the password. */
  record Registration(List<String> command, String workingDirectory,
      Map<String, String> environment) {}
}
