package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.wire.Outcome;
import io.bridgehead.wire.ScriptShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks how PowerShell scripts are prepared and started. No PowerShell is needed: the locator
 * either finds none, or points at a sh script that replaces pwsh and copies the run folder.
 */
class PowerShellHostTest {
  private static final Duration AWAIT = Duration.ofSeconds(20);

  @TempDir
  Path temp;

  @Test
  void missingPwshFails() throws Exception {
    ProcessScriptHost host = new ProcessScriptHost(
        command -> Optional.empty(), ProcessTreeKiller.forCurrentPlatform(), false);

    RunningScript running = host.start(request("Write-Output 'never'", Map.of()),
        OutputListener.NONE);
    ScriptOutcome outcome = running.await(AWAIT);

    assertThat(running.pid()).isEqualTo(-1);
    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.message()).startsWith("PowerShell 7 (pwsh) is not installed on the PATH"
        + " of the agent service: install PowerShell 7");
    assertThat(outcome.message()).contains("https://github.com/PowerShell/PowerShell/releases");
  }

  @Test
  void missingPowerShellOnWindowsNamesBoth() throws Exception {
    ProcessScriptHost host = new ProcessScriptHost(
        command -> Optional.empty(), new WindowsProcessTreeKiller(), true);

    ScriptOutcome outcome = host.start(request("Write-Output 'never'", Map.of()),
        OutputListener.NONE).await(AWAIT);

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.message()).startsWith("neither PowerShell 7 (pwsh) nor Windows PowerShell"
        + " (powershell.exe) was found");
  }

  @Test
  void windowsFallsBackToWindowsPowerShell() throws Exception {
    Path powershell = temp.resolve("powershell.exe");
    Interpreter interpreter = Interpreter.resolve(ScriptShell.POWERSHELL,
        command -> command.equals("powershell") ? Optional.of(powershell) : Optional.empty(),
        true);

    assertThat(interpreter.command(temp.resolve("run"))).containsExactly(powershell.toString(),
        "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File",
        temp.resolve("run").resolve("bridgehead.ps1").toString());
  }

  @Test
  void namesDifferingInCaseRejected() throws Exception {
    ProcessScriptHost host = new ProcessScriptHost(
        command -> Optional.empty(), ProcessTreeKiller.forCurrentPlatform(), false);

    ScriptOutcome outcome = host.start(request("Write-Output 'never'",
        Map.of("name", "a", "NAME", "b")), OutputListener.NONE).await(AWAIT);

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.message()).contains("differ only in case");
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in for pwsh is a sh script")
  void startsWrapperWithUtf8Files() throws Exception {
    Path capture = Files.createDirectories(temp.resolve("capture"));
    Path fakePwsh = writeFakePwsh(capture);
    ProcessScriptHost host = new ProcessScriptHost(
        command -> command.equals("pwsh") ? Optional.of(fakePwsh) : Optional.empty(),
        ProcessTreeKiller.forCurrentPlatform(), false);
    String script = "Write-Output 'Grüße ✓'";

    ScriptOutcome outcome = host.start(request(script, Map.of("Greeting", "Grüße")),
        OutputListener.NONE).await(AWAIT);

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.result().get("ran").asBoolean()).isTrue();
    assertThat(outcome.output()).startsWith(
        "arg -NoProfile\narg -NonInteractive\narg -File\narg /");
    assertThat(outcome.output()).contains("/bridgehead.ps1\n");
    assertThat(outcome.output()).contains("env Greeting=unset\n");
    assertThat(Files.readAllBytes(capture.resolve("task.ps1")))
        .isEqualTo(withBom(script));
    assertThat(Files.readAllBytes(capture.resolve("bridgehead.ps1")))
        .isEqualTo(withBom(PowerShellWrapper.text()));
    assertThat(Files.readString(capture.resolve("input.json")))
        .isEqualTo("{\"Greeting\":\"Grüße\"}");
  }

  private ScriptRequest request(String script, Map<String, String> variables) {
    return new ScriptRequest(ScriptShell.POWERSHELL, script, variables, Set.of(),
        Duration.ofSeconds(10), 1024 * 1024, temp.resolve("work"));
  }

  /** Writes a sh script that prints its arguments, copies the run folder and sets a result. */
  private Path writeFakePwsh(Path capture) throws Exception {
    String text = String.join("\n",
        "#!/bin/sh",
        "for arg in \"$@\"; do echo \"arg $arg\"; last=\"$arg\"; done",
        "echo \"env Greeting=${Greeting-unset}\"",
        "cp \"$(dirname \"$last\")\"/* '" + capture + "'/",
        "printf '{\"ran\": true}' > \"$BRIDGEHEAD_RESULT\"",
        "");
    Path fake = temp.resolve("pwsh");
    Files.writeString(fake, text);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    return fake;
  }

  private static byte[] withBom(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[body.length + 3];
    content[0] = (byte) 0xEF;
    content[1] = (byte) 0xBB;
    content[2] = (byte) 0xBF;
    System.arraycopy(body, 0, content, 3, body.length);
    return content;
  }
}
