package io.bridgehead.ipc.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.ErrorCodes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Encodes and decodes JSON-RPC 2.0 messages, and checks the shape of incoming requests. Batches
 * (JSON arrays) are not supported, and parameters must be named (a JSON object).
 */
public final class JsonRpc {
  public static final String VERSION = "2.0";
  /** The method of the notifications a server sends to subscribers. */
  public static final String EVENT_METHOD = "ipc.event";

  /** Rejects duplicate keys and trailing content, so that a frame has one meaning only. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonRpc() {
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Returns the JSON value of a frame body.
   *
   * @throws InvalidMessageException with {@link ErrorCodes#PARSE_ERROR} when the body is not
   *     UTF-8 or not one JSON value
   */
  public static JsonNode parse(byte[] body) throws InvalidMessageException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidMessageException(ErrorCodes.PARSE_ERROR,
          "parse error: the frame is not valid UTF-8", null);
    }
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidMessageException(ErrorCodes.PARSE_ERROR,
            "parse error: the frame holds no JSON value", null);
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new InvalidMessageException(ErrorCodes.PARSE_ERROR,
          "parse error: " + e.getOriginalMessage(), null);
    }
  }

  /** Returns the UTF-8 bytes of a JSON value. */
  public static byte[] encode(JsonNode message) {
    try {
      return MAPPER.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the request in a parsed frame.
   *
   * @throws InvalidMessageException naming the member that is missing or of the wrong type
   */
  public static Request toRequest(JsonNode message) throws InvalidMessageException {
    if (message.isArray()) {
      throw invalid("batches are not supported; send one request per frame", null);
    }
    if (!message.isObject()) {
      throw invalid("a request must be a JSON object, got " + typeOf(message), null);
    }
    JsonNode id = message.get("id");
    if (id != null && !isValidId(id)) {
      throw invalid("'id' must be a string, an integer or null, got " + typeOf(id), null);
    }

    JsonNode version = message.get("jsonrpc");
    if (version == null || !version.isTextual() || !VERSION.equals(version.textValue())) {
      throw invalid("'jsonrpc' must be \"2.0\", got "
          + (version == null ? "nothing" : version.toString()), id);
    }
    JsonNode method = message.get("method");
    if (method == null || !method.isTextual() || method.textValue().isEmpty()) {
      throw invalid("'method' must be a non-empty string, got "
          + (method == null ? "nothing" : typeOf(method)), id);
    }

    JsonNode params = message.get("params");
    if (params == null) {
      return new Request(id, method.textValue(), object());
    }
    if (params.isArray()) {
      throw new InvalidMessageException(ErrorCodes.INVALID_PARAMS,
          "'params' must be an object: this server takes named parameters only", id);
    }
    if (!params.isObject()) {
      throw invalid("'params' must be an object, got " + typeOf(params), id);
    }
    return new Request(id, method.textValue(), (ObjectNode) params);
  }

  public static ObjectNode request(long id, String method, JsonNode params) {
    ObjectNode message = envelope();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params == null ? object() : params);
    return message;
  }

  public static ObjectNode notification(String method, JsonNode params) {
    ObjectNode message = envelope();
    message.put("method", method);
    message.set("params", params);
    return message;
  }

  public static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode message = envelope();
    message.set("id", id);
    message.set("result", result == null ? NullNode.getInstance() : result);
    return message;
  }

  /** Returns an error response; a null id is sent as JSON null. */
  public static ObjectNode error(JsonNode id, int code, String text, JsonNode data) {
    ObjectNode error = object();
    error.put("code", code);
    error.put("message", text);
    if (data != null) {
      error.set("data", data);
    }
    ObjectNode message = envelope();
    message.set("id", id == null ? NullNode.getInstance() : id);
    message.set("error", error);
    return message;
  }

  /** Returns a short name of a JSON value's type for error messages. */
  public static String typeOf(JsonNode node) {
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a fractional number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static boolean isValidId(JsonNode id) {
    return id.isTextual() || id.isIntegralNumber() || id.isNull();
  }

  private static ObjectNode envelope() {
    ObjectNode message = object();
    message.put("jsonrpc", VERSION);
    return message;
  }

  private static InvalidMessageException invalid(String message, JsonNode id) {
    return new InvalidMessageException(ErrorCodes.INVALID_REQUEST, message, id);
  }
}
