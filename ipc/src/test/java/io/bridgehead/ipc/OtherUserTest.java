package io.bridgehead.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ContextBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A client running as another account, through real SO_PEERCRED: it may call READ methods but
 * not CHANGE methods. Needs root, to start the child as user nobody (65534), and setpriv.
 */
class OtherUserTest {
  private static final String NOBODY = "65534";

  @TempDir
  Path folder;

  @Test
  void otherUserReadsButCannotChange() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "runs only as root, which can start a child process as user nobody");
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv), "needs /usr/bin/setpriv to switch users");
    // TempDir is 0700 and so are root's Maven repository and home: user nobody could reach
    // neither the socket nor the class path. Open the test folder to everyone and copy the
    // class path into it.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sockets = Files.createDirectory(folder.resolve("run"));
    Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxr-xr-x"));
    String classPath = copyClassPath(Files.createDirectory(folder.resolve("classpath")));

    try (IpcServer server = new TestService().start(sockets, IpcSettings.defaults())) {
      assertThat(runAsNobody(setpriv, classPath, sockets, "test.echo")).isEqualTo("ok");
      assertThat(runAsNobody(setpriv, classPath, sockets, "config.set"))
          .isEqualTo("error " + ErrorCodes.ACCESS_DENIED);
    }
  }

  private String runAsNobody(Path setpriv, String classPath, Path sockets, String method)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(setpriv.toString(), "--reuid=" + NOBODY,
        "--regid=" + NOBODY, "--clear-groups", java, "-XX:-UsePerfData", "-cp", classPath,
        OtherUserClientMain.class.getName(), sockets.toString(), method);
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the client running as nobody did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).strip();
    assertThat(process.exitValue()).as("exit code, output: %s", output).isZero();
    return output;
  }

  /** Copies the classes and jars the child needs into a folder everyone can read. */
  private static String copyClassPath(Path target) throws IOException, URISyntaxException {
    List<String> entries = new ArrayList<>();
    Class<?>[] anchors = {IpcClient.class, OtherUserClientMain.class, ObjectMapper.class,
        JsonFactory.class, JsonProperty.class, LoggerFactory.class, LoggerContext.class,
        ContextBase.class};
    int index = 0;
    for (Class<?> anchor : anchors) {
      Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path copy = target.resolve("entry-" + index++ + (Files.isDirectory(source) ? "" : ".jar"));
      copyTree(source, copy);
      entries.add(copy.toString());
    }
    return String.join(":", entries);
  }

  private static void copyTree(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(path, copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
