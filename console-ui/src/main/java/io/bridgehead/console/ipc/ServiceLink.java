package io.bridgehead.console.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.ipc.ConnectionState;
import io.bridgehead.ipc.EndpointName;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.IpcClient;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.ServerInfo;
import io.bridgehead.ipc.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's connection to one service's control endpoint. It feeds a {@link ServiceModel}
 * from status notifications and connection events, and runs calls on a background executor,
 * so nothing here blocks the FX thread. The {@link IpcClient} inside reconnects by itself when
 * the service restarts.
 */
public final class ServiceLink implements AutoCloseable {
  /** How long a call may take; a pool move drains the outbox for up to 20 s first. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final int RECENT_JOBS = 50;

  private static final Logger log = LoggerFactory.getLogger(ServiceLink.class);

  private final EndpointName name;
  private final Path directory;
  private final ServiceModel model;
  private final Executor background;
  private final Consumer<Runnable> fxThread;
  private final IpcClient client;
  private volatile boolean everConnected;

  /**
   * Makes a link; nothing connects before {@link #start()}.
   *
   * @param fxThread runs model changes on the FX thread, {@code Platform::runLater} outside
   *     tests
   */
  public ServiceLink(EndpointName name, Path directory, ServiceModel model, Executor background,
      Consumer<Runnable> fxThread) {
    this.name = name;
    this.directory = directory;
    this.model = model;
    this.background = background;
    this.fxThread = fxThread;
    this.client = IpcClient.builder(Transports.forCurrentPlatform(directory), name)
        .clientName("bridgehead-console")
        .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
        .stateListener(this::connectionChanged)
        .build();
  }

  public ServiceModel model() {
    return model;
  }

  /** Returns the folder of the role's control socket. */
  public Path directory() {
    return directory;
  }

  /**
   * Returns whether the role looks installed: its socket or the lock file its service leaves
   * beside it exists, or the console was connected to it before.
   */
  public boolean installed() {
    return everConnected || hasSocketFiles(directory, name);
  }

  /** Returns whether a role's socket, or the lock file its service leaves, is in a folder. */
  static boolean hasSocketFiles(Path directory, EndpointName name) {
    return Files.exists(directory.resolve(name.role() + ".sock"), LinkOption.NOFOLLOW_LINKS)
        || Files.exists(directory.resolve(name.role() + ".lock"), LinkOption.NOFOLLOW_LINKS);
  }

  /** Subscribes to status notifications and makes the first connection attempt. Blocks. */
  public void start() {
    try {
      client.subscribe(ControlApi.STATUS_TOPIC, (topic, data) -> statusChanged(data));
    } catch (RpcException | IOException e) {
      // Before start() the client only records the subscription, so no call can fail here.
      log.warn("Subscribing to the {} service's status failed", name, e);
    }
    client.start();
  }

  /**
   * Calls a method on the background executor. The future fails with {@link RpcException}
   * for an error response, or with {@link IOException} when the service is not reachable. An
   * access-denied response marks the user as a reader in the model.
   */
  public CompletableFuture<JsonNode> call(String method, JsonNode params) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return client.call(method, params, CALL_TIMEOUT);
      } catch (RpcException e) {
        if (e.code() == ErrorCodes.ACCESS_DENIED) {
          fxThread.accept(model::accessDenied);
        }
        throw new CompletionException(e);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, background);
  }

  /** Fetches the recent jobs into the model. */
  public void refreshJobs() {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("limit", RECENT_JOBS);
    call(ControlApi.JOBS_RECENT, params).whenComplete((result, failure) -> {
      if (failure == null) {
        fxThread.accept(() -> model.applyJobs(result));
      } else {
        log.debug("Fetching the recent jobs of the {} service failed", name, failure);
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }

  private void connectionChanged(ConnectionState state, String reason) {
    if (state == ConnectionState.CONNECTED) {
      everConnected = true;
      ServerInfo info = client.serverInfo();
      log.info("Connected to the {} service ({}) as {}{}", name, info.server(), info.peerUser(),
          info.peerAdministrator() ? ", an administrator" : ", a reader");
      fxThread.accept(() -> model.connected(info.peerUser(), info.peerAdministrator()));
      call(ControlApi.STATUS_GET, null).whenComplete((status, failure) -> {
        if (failure == null) {
          fxThread.accept(() -> model.apply(status));
        }
      });
      refreshJobs();
    } else if (state == ConnectionState.DISCONNECTED) {
      boolean installed = installed();
      if (everConnected) {
        log.info("Lost the connection to the {} service: {}", name, reason);
      }
      fxThread.accept(() -> model.disconnected(reason, installed));
    }
  }

  /** Runs on the client's reader thread, so it only hands work to other threads. */
  private void statusChanged(JsonNode status) {
    fxThread.accept(() -> model.apply(status));
    String change = status.path("change").path("type").asText("");
    if (change.equals("jobStarted") || change.equals("jobEnded")) {
      refreshJobs();
    }
  }
}
