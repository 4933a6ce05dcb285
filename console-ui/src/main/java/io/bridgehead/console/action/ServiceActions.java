package io.bridgehead.console.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.console.ipc.ServiceLink;
import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.notify.Notifier;
import io.bridgehead.console.system.LogFolder;
import io.bridgehead.console.system.RepairCommand;
import io.bridgehead.console.system.SystemServices;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.RpcException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions the tray menu and the window share: restart, start and stop a service, check
 * for updates, repair, open the log folder. Each runs off the FX thread and reports its
 * outcome in {@link #messageProperty()}, on the FX thread.
 */
public final class ServiceActions {
  private static final Logger log = LoggerFactory.getLogger(ServiceActions.class);

  private final ServiceLinks links;
  private final SystemServices systemServices;
  private final Notifier notifier;
  private final Consumer<Runnable> fxThread;
  private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "console-actions");
    thread.setDaemon(true);
    return thread;
  });
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

  public ServiceActions(ServiceLinks links, SystemServices systemServices, Notifier notifier,
      Consumer<Runnable> fxThread) {
    this.links = links;
    this.systemServices = systemServices;
    this.notifier = notifier;
    this.fxThread = fxThread;
  }

  /** The outcome of the last action, in a sentence, for the window's status bar. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public SystemServices systemServices() {
    return systemServices;
  }

  /** Restarts a service's job loop over IPC. */
  public CompletableFuture<JsonNode> restart(ServiceModel service) {
    report("Restarting the " + service.role() + " service…");
    return links.linkOf(service).call(ControlApi.SERVICE_RESTART, null)
        .whenComplete((result, failure) -> report(failure == null
            ? "The " + service.role() + " service restarted; it is "
                + result.path("state").asText() + "."
            : "Restarting the " + service.role() + " service failed: " + describe(failure)));
  }

  /** Starts a role's service through the service manager. */
  public CompletableFuture<Void> start(ServiceModel service) {
    return manage(service, true);
  }

  /** Stops a role's service through the service manager. */
  public CompletableFuture<Void> stop(ServiceModel service) {
    return manage(service, false);
  }

  /** Calls {@code update.check}. */
  public CompletableFuture<JsonNode> checkUpdate(ServiceModel service) {
    report("Checking for updates of the " + service.role() + " service…");
    return links.linkOf(service).call(ControlApi.UPDATE_CHECK, null)
        .whenComplete((result, failure) -> report(failure == null
            ? updateSummary(service, result)
            : "The update check failed: " + describe(failure)));
  }

  /**
   * Runs a repair of the installation in {@code dataDir} as a child process, off the FX
   * thread; {@code lines} receives each line it prints.
   *
   * @return the repair's exit code
   */
  public CompletableFuture<Integer> repair(Path dataDir, Consumer<String> lines) {
    report("Repairing the installation in " + dataDir + "…");
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new RepairCommand(dataDir).run(lines);
      } catch (IOException e) {
        throw new CompletionException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }, runnable -> {
      // A thread of its own: a repair takes minutes, and the other actions must not wait.
      Thread thread = new Thread(runnable, "console-repair");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Reports how a repair ended, in the status bar and as a notification; FX thread only. */
  public void repairEnded(String outcome, boolean failed) {
    report(outcome);
    notifier.repairEnded(outcome, failed);
  }

  /** Opens the folder of a service's log file, as {@code logs.tail} reports it. */
  public CompletableFuture<Void> openLogFolder(ServiceModel service) {
    ServiceLink link = links.linkOf(service);
    return link.call(ControlApi.LOGS_TAIL, JsonNodeFactory.instance.objectNode().put("lines", 1))
        .thenAcceptAsync(result -> {
          Path file = Path.of(result.path("file").asText());
          fxThread.accept(() -> service.logFile(file.toString()));
          try {
            LogFolder.open(file.getParent());
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        }, background)
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            report("Opening the log folder failed: " + describe(failure));
          }
        });
  }

  /** Returns the message of the cause of a failed future, for people. */
  public static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof RpcException rpc && rpc.code() == ErrorCodes.ACCESS_DENIED) {
      return rpc.getMessage() + "; run the console as root (as an administrator on Windows)";
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private CompletableFuture<Void> manage(ServiceModel service, boolean start) {
    String verb = start ? "Starting" : "Stopping";
    report(verb + " the " + service.role() + " service…");
    return CompletableFuture.runAsync(() -> {
      try {
        if (start) {
          systemServices.start(service.role());
        } else {
          systemServices.stop(service.role());
        }
      } catch (IOException e) {
        throw new CompletionException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }, background).whenComplete((ignored, failure) -> report(failure == null
        ? "The " + service.role() + " service " + (start ? "started." : "stopped.")
        : verb + " the " + service.role() + " service failed: " + describe(failure)));
  }

  private static String updateSummary(ServiceModel service, JsonNode result) {
    String current = result.path("currentVersion").asText();
    String wanted = result.path("wantedVersion").asText();
    return result.path("updateWanted").asBoolean()
        ? "The " + service.role() + " service runs " + current + "; its pool wants " + wanted
            + "."
        : "The " + service.role() + " service runs " + current + ", the version its pool"
            + " wants.";
  }

  private void report(String text) {
    log.info(text);
    fxThread.accept(() -> message.set(text));
  }
}
