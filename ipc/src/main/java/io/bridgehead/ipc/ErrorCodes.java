package io.bridgehead.ipc;

/**
 * JSON-RPC 2.0 error codes: the standard ones, and this protocol's own in the range the
 * specification leaves to servers (-32000 to -32099).
 */
public final class ErrorCodes {
  /** The frame is not valid UTF-8 JSON. */
  public static final int PARSE_ERROR = -32700;
  /** The JSON is not a valid request, the frame is too large, or a batch was sent. */
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  /** The method failed; the service log has the details. */
  public static final int INTERNAL_ERROR = -32603;

  /** The method changes the service and the caller is not an administrator. */
  public static final int ACCESS_DENIED = -32001;
  /** The {@code ipc.hello} handshake asked for a protocol version this server does not speak. */
  public static final int UNSUPPORTED_PROTOCOL = -32002;
  /** The connection already has the maximum number of requests in flight. */
  public static final int TOO_MANY_REQUESTS = -32003;
  /** The service has no capacity left or is shutting down. */
  public static final int SERVICE_BUSY = -32004;

  private ErrorCodes() {
  }
}
