package io.bridgehead.ipc;

import io.bridgehead.ipc.unix.UnixTransport;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A client run in a child JVM as another user by {@link OtherUserTest}. It calls one method
 * and prints one line to standard output: {@code ok} or {@code error <code>}.
 *
 * <p>Arguments: the socket directory and the method name.
 */
public final class OtherUserClientMain {
  private OtherUserClientMain() {
  }

  public static void main(String[] args) throws Exception {
    try (IpcClient client = IpcClient.builder(new UnixTransport(Path.of(args[0])),
        TestService.NAME).clientName("other-user-test/1").build()) {
      client.start();
      try {
        client.call(args[1], null, Duration.ofSeconds(10));
        System.out.println("ok");
      } catch (RpcException e) {
        System.out.println("error " + e.code());
      }
    }
  }
}
