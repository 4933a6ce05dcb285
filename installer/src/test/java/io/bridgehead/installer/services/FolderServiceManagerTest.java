package io.bridgehead.installer.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The folder service manager with real child processes. */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "runs sh and uses signals")
@Timeout(60)
class FolderServiceManagerTest {
  @TempDir
  Path folder;

  @Test
  void startStopAndUnregister() throws IOException {
    FolderServiceManager manager = new FolderServiceManager(folder.resolve("run"));
    manager.register(definition("bridgehead-automation", "sleep 120"));

    assertThat(manager.state("bridgehead-automation")).isEqualTo(ServiceState.STOPPED);
    manager.start("bridgehead-automation");
    long pid = Long.parseLong(Files.readString(folder.resolve("run/automation.pid")).trim());
    assertThat(manager.state("bridgehead-automation")).isEqualTo(ServiceState.RUNNING);

    manager.stop("bridgehead-automation", Duration.ofSeconds(10));

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(manager.state("bridgehead-automation")).isEqualTo(ServiceState.STOPPED);
    manager.unregister("bridgehead-automation");
    assertThat(manager.state("bridgehead-automation")).isEqualTo(ServiceState.NOT_INSTALLED);
    assertThat(folder.resolve("run")).isEmptyDirectory();
  }

  @Test
  void stopKillsProcessIgnoringTerm() throws IOException {
    FolderServiceManager manager = new FolderServiceManager(folder.resolve("run"));
    manager.register(definition("bridgehead-automation",
        "trap '' TERM; echo ready; while true; do sleep 1; done"));
    manager.start("bridgehead-automation");
    awaitOutput(manager.outputFile("bridgehead-automation"));
    long pid = Long.parseLong(Files.readString(folder.resolve("run/automation.pid")).trim());
    Instant before = Instant.now();

    manager.stop("bridgehead-automation", Duration.ofMillis(500));

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(
        Duration.ofMillis(500));
  }

  @Test
  void exitedProcessReportsFailed() throws Exception {
    FolderServiceManager manager = new FolderServiceManager(folder.resolve("run"));
    manager.register(definition("bridgehead-automation", "exit 3"));
    manager.start("bridgehead-automation");
    long pid = Long.parseLong(Files.readString(folder.resolve("run/automation.pid")).trim());
    ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());

    assertThat(manager.state("bridgehead-automation")).isEqualTo(ServiceState.FAILED);
  }

  private ServiceDefinition definition(String name, String script) {
    return new ServiceDefinition(name, name, "test service", List.of("sh", "-c", script),
        System.getProperty("user.name"), null, folder, Map.of());
  }

  private static void awaitOutput(Path file) throws IOException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (!Files.exists(file) || Files.readString(file).isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no output in " + file);
      }
      Thread.onSpinWait();
    }
  }
}
