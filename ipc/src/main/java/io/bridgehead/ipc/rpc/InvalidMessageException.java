package io.bridgehead.ipc.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A frame that is not a valid JSON-RPC request, with the error code to respond with and the
 * id to respond under.
 */
public final class InvalidMessageException extends Exception {
  private final int code;
  /** The request's id when it was valid, otherwise null, which is sent as JSON null. */
  private final transient JsonNode id;

  public InvalidMessageException(int code, String message, JsonNode id) {
    super(message);
    this.code = code;
    this.id = id;
  }

  public int code() {
    return code;
  }

  /** Returns the id to respond under, or null to respond with a JSON null id. */
  public JsonNode id() {
    return id;
  }
}
