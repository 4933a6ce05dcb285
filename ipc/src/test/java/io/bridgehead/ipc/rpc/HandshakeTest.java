package io.bridgehead.ipc.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.ServerInfo;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  @Test
  void helloAccepted() throws RpcException {
    assertThat(Handshake.checkHello(Handshake.helloParams("console/1.0")))
        .isEqualTo("console/1.0");
  }

  @Test
  void otherProtocolUnsupported() {
    ObjectNode params = Handshake.helloParams("console/1.0").put("protocol", 2);

    assertThatThrownBy(() -> Handshake.checkHello(params))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_PROTOCOL))
        .hasMessageStartingWith("unsupported protocol version 2");
  }

  @Test
  void protocolAsTextIsInvalidParams() {
    ObjectNode params = Handshake.helloParams("console/1.0").put("protocol", "1");

    assertThatThrownBy(() -> Handshake.checkHello(params))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
        .hasMessage("'protocol' must be an integer, got a string");
  }

  @Test
  void missingClientIsInvalidParams() {
    ObjectNode params = Handshake.helloParams("x");
    params.remove("client");

    assertThatThrownBy(() -> Handshake.checkHello(params))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
  }

  @Test
  void resultReadBack() throws RpcException {
    PeerIdentity peer = new PeerIdentity("alice", "alice", 12, true, true);

    ServerInfo info = Handshake.toServerInfo(Handshake.helloResult("svc/1", 77, peer));

    assertThat(info).isEqualTo(new ServerInfo(1, "svc/1", 77, "alice", true));
  }
}
