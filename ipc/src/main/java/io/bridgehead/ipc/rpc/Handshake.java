package io.bridgehead.ipc.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.ServerInfo;

/**
 * The {@code ipc.hello} handshake, the first request on every connection. The client sends
 * {@code {"protocol": 1, "client": "name/version"}}; the server's response contains its own name
 * and process id and the caller's identity as the server determined it.
 */
public final class Handshake {
  public static final String METHOD = "ipc.hello";
  /** The one protocol version this code speaks. */
  public static final int PROTOCOL = 1;
  private static final int MAX_CLIENT_NAME = 200;

  private Handshake() {
  }

  public static ObjectNode helloParams(String clientName) {
    ObjectNode params = JsonRpc.object();
    params.put("protocol", PROTOCOL);
    params.put("client", clientName);
    return params;
  }

  /**
   * Returns the client name in a hello request's parameters.
   *
   * @throws RpcException with {@link ErrorCodes#UNSUPPORTED_PROTOCOL} for another protocol
   *     version, or {@link ErrorCodes#INVALID_PARAMS} when a member is missing or malformed
   */
  public static String checkHello(ObjectNode params) throws RpcException {
    JsonNode protocol = params.get("protocol");
    if (protocol == null || !protocol.isIntegralNumber()) {
      throw RpcException.invalidParams("'protocol' must be an integer, got "
          + (protocol == null ? "nothing" : JsonRpc.typeOf(protocol)));
    }
    if (!protocol.canConvertToInt() || protocol.intValue() != PROTOCOL) {
      ArrayNode supported = JsonNodeFactory.instance.arrayNode().add(PROTOCOL);
      ObjectNode data = JsonRpc.object();
      data.set("supported", supported);
      throw new RpcException(ErrorCodes.UNSUPPORTED_PROTOCOL, "unsupported protocol version "
          + protocol + "; this service speaks version " + PROTOCOL
          + ", so update the console or the command line to the service's version", data);
    }
    JsonNode client = params.get("client");
    if (client == null || !client.isTextual() || client.textValue().isBlank()
        || client.textValue().length() > MAX_CLIENT_NAME) {
      throw RpcException.invalidParams("'client' must be a name/version string of 1 to "
          + MAX_CLIENT_NAME + " characters");
    }
    return client.textValue();
  }

  public static ObjectNode helloResult(String serverName, long serverPid, PeerIdentity peer) {
    ObjectNode peerNode = JsonRpc.object();
    peerNode.put("user", peer.user());
    peerNode.put("administrator", peer.administrator());
    ObjectNode result = JsonRpc.object();
    result.put("protocol", PROTOCOL);
    result.put("server", serverName);
    result.put("serverPid", serverPid);
    result.set("peer", peerNode);
    return result;
  }

  /**
   * Returns the server's hello result as a value.
   *
   * @throws RpcException with {@link ErrorCodes#UNSUPPORTED_PROTOCOL} when the server speaks
   *     another version
   */
  public static ServerInfo toServerInfo(JsonNode result) throws RpcException {
    int protocol = result.path("protocol").asInt(-1);
    if (protocol != PROTOCOL) {
      throw new RpcException(ErrorCodes.UNSUPPORTED_PROTOCOL, "the service responded with"
          + " protocol version " + result.path("protocol") + "; this client speaks version "
          + PROTOCOL);
    }
    JsonNode peer = result.path("peer");
    return new ServerInfo(protocol, result.path("server").asText(""),
        result.path("serverPid").asLong(PeerIdentity.UNKNOWN_PID),
        peer.path("user").asText(""), peer.path("administrator").asBoolean(false));
  }
}
