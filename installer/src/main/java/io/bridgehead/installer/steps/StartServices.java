package io.bridgehead.installer.steps;

import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.services.ServiceDefinition;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceState;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers a service per module with the service manager and, unless {@code --no-start},
 * starts it and waits until its control socket is up.
 */
final class StartServices implements Step {
  /** How long a started service may take to open its control socket. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  /** Running jobs get 20 s and the outbox 5 s, so a slow stop takes about 75 s. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(200);

  private final InstallContext context;
  private final List<String> registered = new ArrayList<>();

  StartServices(InstallContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return context.settings().start() ? "Register and start the services"
        : "Register the services (not started: --no-start)";
  }

  @Override
  public void run() throws IOException {
    ServiceManager services = context.services();
    for (Role role : context.settings().modules()) {
      ServiceDefinition definition = ServiceDefinitions.of(context, role);
      registered.add(definition.name());
      services.register(definition);
      context.journal().service(definition.name());
      if (context.settings().start()) {
        Instant started = Instant.now();
        services.start(definition.name());
        awaitReady(role, definition.name(), started);
        context.note("The " + definition.name() + " service is running.");
      }
    }
  }

  /**
   * Waits until the service runs and its control socket is newer than the start, so a socket
   * file left by an earlier run does not count.
   */
  private void awaitReady(Role role, String name, Instant started) throws IOException {
    Path socket = context.layout().runDir() == null ? null : context.layout().socket(role);
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (true) {
      ServiceState state = context.services().state(name);
      if (state == ServiceState.FAILED || state == ServiceState.STOPPED
          || state == ServiceState.NOT_INSTALLED) {
        throw new IOException("the service " + name + " stopped right after it started ("
            + state + "); see " + context.layout().logDir().resolve("agent-" + role.wireName()
            + ".log"));
      }
      if (state == ServiceState.RUNNING && (socket == null || fresh(socket, started))) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("the service " + name + " did not open its control socket "
            + socket + " within " + READY_TIMEOUT.toSeconds() + " s; see "
            + context.layout().logDir().resolve("agent-" + role.wireName() + ".log"));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the service " + name, e);
      }
    }
  }

  private static boolean fresh(Path socket, Instant started) throws IOException {
    if (!Files.exists(socket)) {
      return false;
    }
    FileTime modified = Files.getLastModifiedTime(socket);
    // File times may be rounded to the second on some file systems.
    return !modified.toInstant().isBefore(started.minusSeconds(1));
  }

  @Override
  public void undo() throws IOException {
    List<String> previous = context.previous() == null ? List.of()
        : context.previous().services();
    List<String> failures = new ArrayList<>();
    for (int i = registered.size() - 1; i >= 0; i--) {
      String name = registered.get(i);
      try {
        if (previous.contains(name)) {
          // The earlier installation's service stays; the step that stopped it restarts it.
          context.services().stop(name, STOP_TIMEOUT);
        } else {
          context.services().unregister(name);
          context.journal().forgetService(name);
        }
        registered.remove(i);
      } catch (IOException e) {
        failures.add("the service " + name + " (" + e.getMessage() + ")");
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException(String.join("; ", failures));
    }
  }
}
