package io.bridgehead.console.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
  @TempDir
  Path folder;

  @Test
  void secondInstanceSignalsFirst() throws Exception {
    LinkedBlockingQueue<String> pages = new LinkedBlockingQueue<>();
    try (SingleInstance first = SingleInstance.acquireOrSignal(folder, "", pages::add)) {
      assertThat(first).isNotNull();

      SingleInstance second = SingleInstance.acquireOrSignal(folder, "Jobs", page -> { });
      SingleInstance third = SingleInstance.acquireOrSignal(folder, "", page -> { });

      assertThat(second).isNull();
      assertThat(third).isNull();
      assertThat(pages.poll(10, TimeUnit.SECONDS)).isEqualTo("Jobs");
      assertThat(pages.poll(10, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void closedInstanceLetsNextOneStart() throws Exception {
    SingleInstance first = SingleInstance.acquireOrSignal(folder, "", page -> { });
    first.close();

    try (SingleInstance next = SingleInstance.acquireOrSignal(folder, "", page -> { })) {
      assertThat(next).isNotNull();
    }
  }

  @Test
  void staleSocketIsReplaced() throws Exception {
    Path socket = folder.resolve("console.sock");
    try (ServerSocketChannel stopped = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      stopped.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).as("socket file left by a stopped console").exists();
    LinkedBlockingQueue<String> pages = new LinkedBlockingQueue<>();

    try (SingleInstance first = SingleInstance.acquireOrSignal(folder, "", pages::add)) {
      assertThat(first).isNotNull();
      assertThat(SingleInstance.acquireOrSignal(folder, "Logs", page -> { })).isNull();
      assertThat(pages.poll(10, TimeUnit.SECONDS)).isEqualTo("Logs");
    }
    assertThat(socket).as("socket after close").doesNotExist();
  }

  @Test
  void sigtermRemovesSocket() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SingleInstanceChild.class.getName(), folder.toString())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(
          child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(output.readLine()).isEqualTo("ready");
      assertThat(folder.resolve("console.sock")).as("socket while the child runs").exists();

      child.destroy();

      assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child ended after SIGTERM").isTrue();
      assertThat(folder.resolve("console.sock")).as("socket after SIGTERM").doesNotExist();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void newFolderIsPrivate() throws Exception {
    Path created = folder.resolve("console");

    SingleInstance.createFolder(created);

    assertThat(Files.getPosixFilePermissions(created))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void groupWritableFolderIsRejected() throws Exception {
    Path shared = Files.createDirectory(folder.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));

    assertThatThrownBy(() -> SingleInstance.acquireOrSignal(shared, "", page -> { }))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(shared.toString())
        .hasMessageContaining("writable by its group or others")
        .hasMessageContaining("chmod 700");
    assertThat(shared.resolve("console.lock")).doesNotExist();
  }

  @Test
  void symbolicLinkIsRejected() throws Exception {
    Path target = Files.createDirectory(folder.resolve("target"));
    Path link = Files.createSymbolicLink(folder.resolve("link"), target);

    assertThatThrownBy(() -> SingleInstance.createFolder(link))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(link.toString())
        .hasMessageContaining("symbolic link");
  }

  @Test
  void folderOfOtherUserIsRejected() throws Exception {
    Path foreign = Files.createDirectory(folder.resolve("foreign"));
    UserPrincipal nobody = foreign.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody");
    try {
      Files.setOwner(foreign, nobody);
    } catch (IOException e) {
      assumeTrue(false, "changing a folder's owner needs root: " + e);
    }

    assertThatThrownBy(() -> SingleInstance.createFolder(foreign))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(foreign.toString())
        .hasMessageContaining("belongs to nobody");
  }
}
