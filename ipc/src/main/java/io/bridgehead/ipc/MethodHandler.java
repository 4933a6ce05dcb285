package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Serves one JSON-RPC method. It runs on a handler thread of the server, possibly at the same
 * time as other calls, including other calls of the same method.
 */
@FunctionalInterface
public interface MethodHandler {
  /**
   * Returns the result of one call.
   *
   * @param params the request's named parameters; an empty object when the request had none
   * @param peer the caller, as the transport identified it
   * @return the JSON-RPC result; {@code null} is sent as JSON {@code null}
   * @throws RpcException to answer with that error; any other exception is logged and answered
   *     with {@link ErrorCodes#INTERNAL_ERROR}
   */
  JsonNode handle(ObjectNode params, PeerIdentity peer) throws RpcException;
}
