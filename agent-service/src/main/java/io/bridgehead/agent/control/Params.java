package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.RpcException;

/** Reads named JSON-RPC parameters, rejecting a bad one with a message that names it. */
final class Params {
  private Params() {}

  /** Returns a required, non-blank text parameter, trimmed. */
  static String text(ObjectNode params, String name) throws RpcException {
    JsonNode value = params.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw RpcException.invalidParams("parameter '" + name + "' is missing or not text");
    }
    return value.asText().trim();
  }

  /** Returns an optional whole-number parameter in [min, max], or the fallback. */
  static int integer(ObjectNode params, String name, int fallback, int min, int max)
      throws RpcException {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()
        || value.intValue() < min || value.intValue() > max) {
      throw RpcException.invalidParams("parameter '" + name + "' is " + value + "; use a whole"
          + " number from " + min + " to " + max);
    }
    return value.intValue();
  }
}
