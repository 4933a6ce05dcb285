package io.bridgehead.ipc.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC request that passed the shape checks.
 *
 * @param id a string, integer or JSON null node; Java null for a notification, which gets no
 *     answer
 * @param method the method name
 * @param params the named parameters; an empty object when the request had none
 */
public record Request(JsonNode id, String method, ObjectNode params) {
  public boolean isNotification() {
    return id == null;
  }
}
