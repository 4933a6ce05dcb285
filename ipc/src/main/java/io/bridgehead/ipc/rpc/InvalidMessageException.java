package io.bridgehead.ipc.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A frame that is not a valid JSON-RPC request, with the error code to answer and the id to
 * answer it under.
 */
public final class InvalidMessageException extends Exception {
  private final int code;
  /** The request's id when it was valid, otherwise null, which is answered as JSON null. */
  private final transient JsonNode id;

  public InvalidMessageException(int code, String message, JsonNode id) {
    super(message);
    this.code = code;
    this.id = id;
  }

  public int code() {
    return code;
  }

  /** Returns the id to answer under, or null to answer with a JSON null id. */
  public JsonNode id() {
    return id;
  }
}
