package io.bridgehead.tenant.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.wire.ErrorBody;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Reading JSON requests and writing JSON responses on the JDK's HTTP server. */
public final class Exchanges {
  /** The largest request body read; a job result with both output streams at cap fits. */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private Exchanges() {}

  /**
   * Reads the body as JSON of the given type.
   *
   * @throws ApiException 400 for an empty, malformed or mistyped body, 413 for an oversized one
   */
  public static <T> T readJson(HttpExchange exchange, Class<T> type) throws ApiException {
    byte[] body = readBody(exchange);
    if (body.length == 0) {
      throw ApiException.badRequest("the request body is empty; send a JSON object");
    }
    return parse(body, type);
  }

  private static byte[] readBody(HttpExchange exchange) throws ApiException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "body_too_large",
          "the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    return body;
  }

  private static <T> T parse(byte[] body, Class<T> type) throws ApiException {
    try {
      T value = Json.mapper().readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("the request body is JSON null; send a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(describe(e));
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  /**
   * Reads the body as JSON of the given type, or returns null when the body is empty.
   *
   * @throws ApiException as {@link #readJson} does for a body that is not empty
   */
  public static <T> T readOptionalJson(HttpExchange exchange, Class<T> type)
      throws ApiException {
    byte[] body = readBody(exchange);
    return body.length == 0 ? null : parse(body, type);
  }

  /** Writes {@code body} as JSON with the given status and closes the exchange. */
  public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Sends 204 No Content and closes the exchange. */
  public static void sendNoContent(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  public static void sendError(HttpExchange exchange, ApiException error) throws IOException {
    sendJson(exchange, error.status(), new ErrorBody(error.code(), error.getMessage()));
  }

  /** Returns the decoded query parameters; the last value of a repeated name wins. */
  public static Map<String, String> query(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawQuery();
    Map<String, String> parameters = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  /**
   * Turns a Jackson failure into a sentence that names the field and the problem without the
   * Java class names Jackson puts in its own messages.
   */
  static String describe(JsonProcessingException e) {
    if (e instanceof JsonParseException) {
      return "the request body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage()
          .replaceAll("\\s*\\n.*", "");
    }
    if (String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
      return "the request body is not valid JSON: it ends before the JSON value is complete";
    }
    String field = "";
    if (e instanceof JsonMappingException) {
      field = ((JsonMappingException) e).getPath().stream()
          .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
              : "[" + reference.getIndex() + "]")
          .collect(Collectors.joining("."));
    }
    String where = field.isEmpty() ? "the request body" : "field '" + field + "'";
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return "invalid value in " + where + ": " + e.getCause().getMessage();
    }
    if (e.getCause() instanceof IllegalArgumentException) {
      return "invalid value in " + where + ": " + e.getCause().getMessage();
    }
    return "invalid value in " + where + ": it has the wrong type or shape for this API";
  }
}
