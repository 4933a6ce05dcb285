package io.bridgehead.installer.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.ipc.IpcClient;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.Transports;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;

/**
 * Waits for a service to be healthy: it responds to {@code status.get} over its control endpoint
 * in the state {@code running}, runs the expected version, and has reached the tenant since it
 * started. The status is read every {@link #INTERVAL}, never more often.
 */
public final class ServiceHealth {
  /** How often the status is read while waiting. */
  public static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private ServiceHealth() {}

  /**
   * Waits up to {@code timeout} for the service of {@code role} to be healthy.
   *
   * @param ipcDir the folder of the services' control sockets; ignored on Windows
   * @param version the version the service must report
   * @param alive false as soon as the service's process is known to have ended, so that the
   *     wait ends at once instead of at the time-out
   */
  public static HealthVerdict await(Path ipcDir, Role role, String version, Duration timeout,
      BooleanSupplier alive) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String detail = "the service's control endpoint did not answer";
    JsonNode last = null;
    try (IpcClient client = IpcClient.builder(Transports.forCurrentPlatform(ipcDir),
        ControlApi.endpointName(role)).clientName("bridgehead-updater")
        .reconnectBackoff(INTERVAL, INTERVAL).build()) {
      client.start();
      while (true) {
        try {
          JsonNode status = client.call(ControlApi.STATUS_GET, null, CALL_TIMEOUT);
          last = status;
          detail = judge(status, version);
          if (detail == null) {
            return new HealthVerdict(true, "running version " + version + ", in contact with"
                + " the tenant", status);
          }
        } catch (RpcException e) {
          detail = "the service answered status.get with an error: " + e.getMessage();
        } catch (IOException e) {
          detail = "the service's control endpoint did not answer: " + e.getMessage();
        }
        if (!alive.getAsBoolean()) {
          return new HealthVerdict(false, "the service's process ended; " + detail, last);
        }
        if (System.nanoTime() >= deadline) {
          return new HealthVerdict(false, "not healthy within " + timeout.toSeconds() + " s: "
              + detail, last);
        }
        Thread.sleep(INTERVAL.toMillis());
      }
    }
  }

  /** Returns null when {@code status} is healthy, else what is wrong with it. */
  static String judge(JsonNode status, String version) {
    String state = status.path("state").asText("");
    String running = status.path("version").asText("");
    if (!running.equals(version)) {
      return "the service runs version " + running + ", not " + version;
    }
    if (!state.equals("running")) {
      return "the service is " + state;
    }
    if (!status.path("tenantReachable").asBoolean(false)) {
      return "the service has not reached the tenant";
    }
    String contact = status.path("lastContact").asText(null);
    String started = status.path("startedAt").asText(null);
    if (contact == null) {
      return "the service has not reached the tenant";
    }
    try {
      if (started != null && Instant.parse(contact).isBefore(Instant.parse(started))) {
        return "the service has not reached the tenant since it started";
      }
    } catch (DateTimeParseException e) {
      return "the service's status has an unreadable time: " + e.getParsedString();
    }
    return null;
  }
}
