package io.bridgehead.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of malformed input gets the right error or a clean close, and the server serves
 * a fresh client afterwards.
 */
class MalformedInputTest {
  private static final String HELLO = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ipc.hello\","
      + "\"params\":{\"protocol\":1,\"client\":\"raw-test/1\"}}";

  @TempDir
  Path folder;

  private final TestService service = new TestService();
  private IpcServer server;
  private Path socket;

  @BeforeEach
  void startServer() throws Exception {
    IpcSettings settings = IpcSettings.defaults()
        .withMaxFrameBytes(64 * 1024)
        .withTimeouts(Duration.ofMinutes(10), Duration.ofMillis(500));
    server = service.start(folder, settings);
    socket = folder.resolve("automation.sock");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Asserts that a new client completes the handshake and a call. */
  private void assertFreshClientServed() throws Exception {
    try (RawClient fresh = RawClient.connectWithHello(socket)) {
      fresh.sendJson("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"test.echo\","
          + "\"params\":{\"still\":\"serving\"}}");
      JsonNode answer = fresh.readFrame();
      assertThat(answer.path("result").path("still").asText()).isEqualTo("serving");
    }
  }

  /** Sends one frame after the handshake and returns the error code of the answer. */
  private int errorCodeAfterHello(byte[] body) throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendFrame(body);
      JsonNode answer = raw.readFrame();
      assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
      return answer.path("error").path("code").asInt();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void truncatedLengthPrefixClosesCleanly() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendRaw(new byte[] {0, 0});
      raw.shutdownOutput();

      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void zeroLengthFrameIsInvalidRequest() throws Exception {
    assertThat(errorCodeAfterHello(new byte[0])).isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertFreshClientServed();
  }

  @Test
  void maxSignedLengthRejectedWithoutAllocation() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendRaw(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
      assertThat(answer.path("error").path("message").asText())
          .isEqualTo("frame of 2147483647 bytes exceeds the limit of 65536 bytes");
      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void lengthWithTopBitSetRejected() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE});
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("message").asText())
          .isEqualTo("frame of 4294967294 bytes exceeds the limit of 65536 bytes");
      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void oversizedFirstFrameRejectedBeforeHandshake() throws Exception {
    try (RawClient raw = RawClient.connect(socket)) {
      raw.sendRaw(new byte[] {(byte) 0x80, 0, 0, 0});
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void nonJsonIsParseError() throws Exception {
    assertThat(errorCodeAfterHello(utf8("this is not json"))).isEqualTo(ErrorCodes.PARSE_ERROR);
    assertFreshClientServed();
  }

  @Test
  void invalidUtf8IsParseError() throws Exception {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(errorCodeAfterHello(body)).isEqualTo(ErrorCodes.PARSE_ERROR);
    assertFreshClientServed();
  }

  @Test
  void jsonThatIsNotObjectIsInvalidRequest() throws Exception {
    assertThat(errorCodeAfterHello(utf8("\"just a string\"")))
        .isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertFreshClientServed();
  }

  @Test
  void missingJsonrpcIsInvalidRequest() throws Exception {
    assertThat(errorCodeAfterHello(utf8("{\"id\":1,\"method\":\"test.echo\"}")))
        .isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertFreshClientServed();
  }

  @Test
  void wrongJsonrpcVersionIsInvalidRequest() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendJson("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"test.echo\"}");
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
      assertThat(answer.path("id").asInt()).isEqualTo(7);
      assertThat(answer.path("error").path("message").asText()).contains("\"1.0\"");
    }
    assertFreshClientServed();
  }

  @Test
  void idOfWrongTypeIsInvalidRequest() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"test.echo\"}");
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
      assertThat(answer.path("id").isNull()).isTrue();
      assertThat(answer.path("error").path("message").asText()).contains("'id'");
    }
    assertFreshClientServed();
  }

  @Test
  void paramsOfWrongTypeRejected() throws Exception {
    assertThat(errorCodeAfterHello(utf8(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.echo\",\"params\":42}")))
        .isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertThat(errorCodeAfterHello(utf8(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.echo\",\"params\":[1,2]}")))
        .isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertFreshClientServed();
  }

  @Test
  void unknownMethodIsMethodNotFound() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no.such\"}");
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
      assertThat(answer.path("error").path("message").asText())
          .isEqualTo("method 'no.such' not found");
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"test.echo\"}");
      assertThat(raw.readFrame().path("id").asInt()).isEqualTo(4);
    }
    assertFreshClientServed();
  }

  @Test
  void batchIsRejected() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendJson("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.echo\"}]");
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
      assertThat(answer.path("error").path("message").asText())
          .startsWith("batches are not supported");
    }
    assertFreshClientServed();
  }

  @Test
  void duplicateKeysAreParseError() throws Exception {
    assertThat(errorCodeAfterHello(utf8(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.echo\",\"method\":\"config.set\"}")))
        .isEqualTo(ErrorCodes.PARSE_ERROR);
    assertFreshClientServed();
  }

  @Test
  void slowLorisHeaderClosedAfterFrameTimeout() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendRaw(new byte[] {0, 0});

      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void missingHandshakeRejected() throws Exception {
    try (RawClient raw = RawClient.connect(socket)) {
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.echo\"}");
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
      assertThat(answer.path("error").path("message").asText()).contains("ipc.hello");
      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void wrongProtocolVersionRejected() throws Exception {
    try (RawClient raw = RawClient.connect(socket)) {
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ipc.hello\","
          + "\"params\":{\"protocol\":2,\"client\":\"future/9\"}}");
      JsonNode answer = raw.readFrame();

      assertThat(answer.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.UNSUPPORTED_PROTOCOL);
      assertThat(answer.path("error").path("data").path("supported").get(0).asInt())
          .isEqualTo(1);
      assertThat(raw.closedByServer()).isTrue();
    }
    assertFreshClientServed();
  }

  @Test
  void secondHelloRejected() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendJson(HELLO);

      assertThat(raw.readFrame().path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.INVALID_REQUEST);
    }
    assertFreshClientServed();
  }

  @Test
  void notificationGetsNoAnswer() throws Exception {
    try (RawClient raw = RawClient.connectWithHello(socket)) {
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"method\":\"no.such\"}");
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"test.echo\"}");

      assertThat(raw.readFrame().path("id").asInt()).isEqualTo(9);
    }
  }
}
