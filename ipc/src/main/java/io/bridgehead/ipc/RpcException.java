package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error: thrown by a {@link MethodHandler} to answer with it, and by
 * {@link IpcClient#call} when the service answered with it.
 */
public final class RpcException extends Exception {
  private final int code;
  /** Extra detail sent as the error's {@code data} member; null when there is none. */
  private final transient JsonNode data;

  public RpcException(int code, String message) {
    this(code, message, null);
  }

  public RpcException(int code, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  /** Returns one of {@link ErrorCodes}, or a code of the method's own. */
  public int code() {
    return code;
  }

  /** Returns the error's {@code data} member, or null when it had none. */
  public JsonNode data() {
    return data;
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(ErrorCodes.INVALID_PARAMS, message);
  }

  @Override
  public String toString() {
    return "RpcException(" + code + "): " + getMessage();
  }
}
