package io.bridgehead.agent.update;

import io.bridgehead.agent.host.HostKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a program detached from the service, so that stopping the service does not stop it:
 * in a new session through {@value #SETSID} when that exists, with standard input from the
 * null device, output appended to a file, and without {@code NOTIFY_SOCKET}, so that the
 * program's children do not report to the service's systemd unit.
 */
public final class DetachedSpawner implements ProcessSpawner {
  /** The util-linux program that runs a command in a new session. */
  public static final String SETSID = "/usr/bin/setsid";

  @Override
  public void spawn(List<String> command, Path output) throws IOException {
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(Path.of(SETSID))) {
      full.add(SETSID);
    }
    full.addAll(command);
    Files.createDirectories(output.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(full)
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
        .redirectErrorStream(true);
    builder.environment().remove(HostKind.NOTIFY_SOCKET);
    builder.start();
  }

  private static File nullDevice() {
    return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
  }
}
