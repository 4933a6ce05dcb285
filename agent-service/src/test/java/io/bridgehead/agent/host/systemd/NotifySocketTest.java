package io.bridgehead.agent.host.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NotifySocketTest {
  private static final int FAMILY_BYTE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
      ? 0 : 1;

  @Test
  void pathAddressEndsWithNul() {
    byte[] address = NotifySocket.socketAddress("/run/systemd/notify");

    assertThat(address).hasSize(2 + "/run/systemd/notify".length() + 1);
    assertThat(address[FAMILY_BYTE]).isEqualTo((byte) 1);
    assertThat(address[1 - FAMILY_BYTE]).isZero();
    assertThat(new String(address, 2, address.length - 3, StandardCharsets.UTF_8))
        .isEqualTo("/run/systemd/notify");
    assertThat(address[address.length - 1]).isZero();
  }

  @Test
  void abstractAddressStartsWithNul() {
    byte[] address = NotifySocket.socketAddress("@bridgehead/notify");

    assertThat(address).hasSize(2 + 1 + "bridgehead/notify".length());
    assertThat(address[2]).isZero();
    assertThat(new String(Arrays.copyOfRange(address, 3, address.length),
        StandardCharsets.UTF_8)).isEqualTo("bridgehead/notify");
  }

  @Test
  void relativeAddressIsRejected() {
    assertThatThrownBy(() -> NotifySocket.socketAddress("run/notify"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid NOTIFY_SOCKET 'run/notify': expected an absolute path or an"
            + " abstract socket name starting with '@'");
  }

  @Test
  void longAddressIsRejected() {
    String path = "/" + "a".repeat(107);

    assertThatThrownBy(() -> NotifySocket.socketAddress(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("109 bytes, more than the 108");
    assertThat(NotifySocket.socketAddress("/" + "a".repeat(106))).hasSize(110);
  }
}
