package io.bridgehead.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.ipc.transport.EndpointInUseException;
import io.bridgehead.ipc.unix.UnixTransport;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live socket is never replaced; a stale one is. */
class ServerAddressTest {
  @TempDir
  Path folder;

  @Test
  void secondServerRejectedNamingHolderPid() throws Exception {
    try (IpcServer first = new TestService().start(folder, IpcSettings.defaults())) {
      IpcServer second = new TestService().builder(new UnixTransport(folder)).build();

      assertThatThrownBy(second::start)
          .isInstanceOf(EndpointInUseException.class)
          .hasMessageContaining("process " + ProcessHandle.current().pid())
          .hasMessageContaining("test-service/1")
          .hasMessageContaining(folder.resolve("automation.sock").toString());
      second.close();
      try (IpcClient client = TestService.client(folder)) {
        client.start();
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
      }
    }
  }

  @Test
  void staleSocketFileReplaced() throws Exception {
    Path socket = folder.resolve("automation.sock");
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close();
    assertThat(socket).exists();

    try (IpcServer server = new TestService().start(folder, IpcSettings.defaults());
        IpcClient client = TestService.client(folder)) {
      client.start();

      assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    }
  }

  @Test
  void regularFileAtSocketPathNotDeleted() throws Exception {
    Path socket = folder.resolve("automation.sock");
    Files.writeString(socket, "keep me");
    IpcServer server = new TestService().builder(new UnixTransport(folder)).build();

    assertThatThrownBy(server::start).hasMessageContaining("is not a socket");
    assertThat(socket).hasContent("keep me");
    server.close();
  }

  @Test
  void missingDirectoryCreatedPrivate() throws Exception {
    Path directory = folder.resolve("run").resolve("bridgehead");
    try (IpcServer server = new TestService().start(directory, IpcSettings.defaults())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
          .isEqualTo("rwxr-x---");
      assertThat(PosixFilePermissions.toString(
          Files.getPosixFilePermissions(directory.resolve("automation.sock"))))
          .isEqualTo("rw-rw-rw-");
    }
  }
}
