package io.bridgehead.agent.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the version of the PowerShell that tasks would run under, for the tenant's agent list:
 * {@code pwsh} where it is on the PATH, else Windows PowerShell on Windows.
 *
 * <p>NOTE: no PowerShell was at hand where this was written, so only the "not found" path has
 * run.
 */
public final class PowerShellVersion {
  private static final Logger log = LoggerFactory.getLogger(PowerShellVersion.class);
  private static final long TIMEOUT_SECONDS = 15;

  private PowerShellVersion() {}

  /** Returns the version, for example {@code 7.4.1}, or empty when none was found. */
  public static Optional<String> detect() {
    InterpreterLocator locator = InterpreterLocator.systemPath();
    Optional<Path> shell = locator.find("pwsh");
    if (shell.isEmpty() && Platform.isWindows()) {
      shell = locator.find("powershell");
    }
    if (shell.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process process = new ProcessBuilder(List.of(shell.get().toString(), "-NoProfile",
          "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()"))
          .redirectErrorStream(true)
          .start();
      process.getOutputStream().close();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readNBytes(256);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String version = new String(output, StandardCharsets.UTF_8).trim();
      return version.matches("[0-9][0-9A-Za-z.+-]{0,40}") ? Optional.of(version)
          : Optional.empty();
    } catch (IOException e) {
      log.warn("Could not ask {} for its version: {}", shell.get(), e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
