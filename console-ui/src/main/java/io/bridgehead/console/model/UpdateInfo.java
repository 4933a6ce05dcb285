package io.bridgehead.console.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code update} member of a service's status: whether the service installs updates, what
 * it does about one now, and how the last update or repair ended.
 *
 * @param enabled false when the service was started without an update folder
 * @param state {@code idle}, {@code downloading}, {@code waiting} (outside the update
 *     window), {@code updating} or {@code failed}
 * @param wantedVersion the version the pool wants, or empty
 * @param detail what the state means now, such as why a download failed, or empty
 * @param last the last update or repair, or null when there was none
 */
public record UpdateInfo(boolean enabled, String state, String wantedVersion, String detail,
    UpdateOutcome last) {

  /** The value before the first status, and for services that send no update member. */
  public static final UpdateInfo UNKNOWN = new UpdateInfo(false, "idle", "", "", null);

  /** Reads the {@code update} member of a status object. */
  public static UpdateInfo fromStatus(JsonNode status) {
    JsonNode update = status.path("update");
    if (!update.isObject()) {
      return UNKNOWN;
    }
    return new UpdateInfo(update.path("enabled").asBoolean(false),
        update.path("state").asText("idle"), update.path("wantedVersion").asText(""),
        update.path("detail").asText(""), UpdateOutcome.fromJson(update.get("lastResult")));
  }

  public boolean updating() {
    return "updating".equals(state);
  }
}
