package io.bridgehead.agent.update;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code update} object of a service's status: {@code enabled}, {@code state},
 * {@code wantedVersion}, {@code detail} and {@code lastResult}, the updater's {@code
 * result.json}, which is read again whenever its modification time changes. Each change goes
 * to a listener with a sentence that describes it.
 */
public final class UpdateStatus {
  private static final Logger log = LoggerFactory.getLogger(UpdateStatus.class);

  /** The service's progress with an update. */
  public enum State {
    /** No update is wanted, or none is possible now. */
    IDLE,
    /** A package is being downloaded and checked. */
    DOWNLOADING,
    /** An update is wanted, but the pool's update window is closed. */
    WAITING,
    /** The request for the updater is written and waits for it to finish. */
    UPDATING,
    /** The last download or check failed; the detail states why. */
    FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final UpdateFolder folder;
  private final Consumer<String> listener;
  private State state = State.IDLE;
  private String wantedVersion;
  private String detail;
  private UpdateResult lastResult;
  private FileTime resultTime;

  /**
   * Makes the status of a service whose update folder is {@code folder}, or of a service
   * without updates when it is null.
   */
  public UpdateStatus(UpdateFolder folder, Consumer<String> listener) {
    this.folder = folder;
    this.listener = listener;
  }

  public boolean enabled() {
    return folder != null;
  }

  public synchronized State state() {
    return state;
  }

  public synchronized String detail() {
    return detail;
  }

  /** Records a new state and notifies the listener when anything changed. */
  public void set(State newState, String version, String newDetail) {
    synchronized (this) {
      if (state == newState && Objects.equals(wantedVersion, version)
          && Objects.equals(detail, newDetail)) {
        return;
      }
      state = newState;
      wantedVersion = version;
      detail = newDetail;
    }
    // Called without this object's lock: the listener takes the service status's lock, under
    // which the status reads this object.
    listener.accept("update " + newState.wireName() + (version == null ? "" : " " + version)
        + (newDetail == null ? "" : ": " + newDetail));
  }

  /**
   * Reads {@code result.json} again when its modification time changed since the last read,
   * and notifies the listener when it did.
   */
  public void refreshResult() {
    if (folder == null) {
      return;
    }
    UpdateResult result;
    FileTime time;
    try {
      time = Files.getLastModifiedTime(folder.result());
      synchronized (this) {
        if (time.equals(resultTime)) {
          return;
        }
      }
      result = UpdateResult.read(folder).orElse(null);
    } catch (NoSuchFileException e) {
      time = null;
      result = null;
    } catch (IOException e) {
      log.warn("Cannot read the last update result: {}", e.getMessage());
      return;
    }
    synchronized (this) {
      if (Objects.equals(time, resultTime)) {
        return;
      }
      resultTime = time;
      lastResult = result;
    }
    if (result != null) {
      listener.accept("the last " + result.kind() + " to " + result.version() + " ended "
          + result.outcome());
    }
  }

  /** Returns the {@code update} object of the status. */
  public synchronized ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("enabled", enabled());
    json.put("state", state.wireName());
    json.put("wantedVersion", wantedVersion);
    json.put("detail", detail);
    if (lastResult == null) {
      json.putNull("lastResult");
    } else {
      json.set("lastResult", Json.mapper().valueToTree(lastResult));
    }
    return json;
  }
}
