package io.bridgehead.installer.wizard.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.wizard.model.ConnectionMode;
import io.bridgehead.installer.wizard.model.HostOs;
import io.bridgehead.installer.wizard.model.InstallSettings;
import io.bridgehead.installer.wizard.model.ProxyMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

  private static InstallSettings linux(ProxyMode proxy, String proxyUser, String proxyPassword) {
    return new InstallSettings(Path.of("/tmp/root"), HostOs.LINUX, "/opt/bridgehead",
        ConnectionMode.ENROLLMENT_STRING, "bh1.secret-string", "", "", "",
        List.of("automation"), "bridgehead", "", proxy, "http://127.0.0.1:3128", proxyUser,
        proxyPassword);
  }

  @Test
  void installForOperatorLeavesOutProgress() {
    InstallSettings settings = linux(ProxyMode.SYSTEM, "", "");

    CommandLine line = CommandLines.installForOperator(settings);

    assertThat(line.arguments()).doesNotContain("--progress");
    assertThat(line.arguments()).containsExactly("install", "--unattended", "--root",
        "/tmp/root", "--install-dir", "/opt/bridgehead", "--enrollment-string", "-",
        "--module", "automation", "--service-account", "bridgehead", "--proxy", "system",
        "--accept-license");
    assertThat(line.secrets()).isEqualTo(CommandLines.install(settings).secrets());
    assertThat(CommandLines.install(settings).arguments()).contains("--progress");
  }

  @Test
  void consoleUnderRootPassesSocketFolder() {
    InstallSettings settings = linux(ProxyMode.SYSTEM, "", "");

    assertThat(CommandLines.console(settings))
        .containsExactly("console", "--ipc-dir", "/tmp/root/run/bridgehead");
    assertThat(settings.programFolder()).isEqualTo(Path.of("/tmp/root/opt/bridgehead"));
  }

  @Test
  void consoleWithoutRootUsesDefaultSockets() {
    InstallSettings settings = new InstallSettings(null, HostOs.LINUX, "/opt/bridgehead",
        ConnectionMode.ENROLLMENT_STRING, "bh1.s", "", "", "", List.of("automation"),
        "bridgehead", "", ProxyMode.SYSTEM, "", "", "");

    assertThat(CommandLines.console(settings)).containsExactly("console");
    assertThat(settings.programFolder()).isEqualTo(Path.of("/opt/bridgehead"));
  }

  @Test
  void installWithEnrollmentStringReadsItFromInput() {
    CommandLine line = CommandLines.install(linux(ProxyMode.SYSTEM, "", ""));

    assertThat(line.arguments()).containsExactly("install", "--unattended", "--root",
        "/tmp/root", "--install-dir", "/opt/bridgehead", "--enrollment-string", "-",
        "--module", "automation", "--service-account", "bridgehead", "--proxy", "system",
        "--progress", "--accept-license");
    assertThat(line.secrets()).containsExactly(new Secret("enrollment string",
        "bh1.secret-string"));
  }

  @Test
  void installWithTenantFieldsPassesFingerprint() {
    InstallSettings settings = new InstallSettings(null, HostOs.LINUX, "/opt/bridgehead",
        ConnectionMode.TENANT_URL, "", "https://tenant.example.com", "bhk_key", "ab:cd",
        List.of("automation"), "bridgehead", "", ProxyMode.NONE, "", "", "");

    CommandLine line = CommandLines.install(settings);

    assertThat(line.arguments()).containsSubsequence("--tenant", "https://tenant.example.com",
        "--enrollment-key", "-", "--fingerprint", "ab:cd");
    assertThat(line.arguments()).doesNotContain("--root", "bhk_key");
    assertThat(line.arguments()).containsSubsequence("--proxy", "none");
    assertThat(line.secrets()).containsExactly(new Secret("enrollment key", "bhk_key"));
  }

  @Test
  void installSecretsFollowContractOrder() {
    InstallSettings settings = new InstallSettings(null, HostOs.WINDOWS,
        "C:\\Program Files\\Bridgehead", ConnectionMode.ENROLLMENT_STRING, "bh1.s", "", "", "",
        List.of("automation"), "CORP\\svc-agent", "service-pw", ProxyMode.EXPLICIT,
        "http://proxy:3128", "alice", "proxy-pw");

    CommandLine line = CommandLines.install(settings);

    assertThat(line.secrets()).extracting(Secret::value)
        .containsExactly("bh1.s", "service-pw", "proxy-pw");
    assertThat(line.arguments()).containsSubsequence("--service-account", "CORP\\svc-agent",
        "--service-password", "-", "--proxy", "http://proxy:3128", "--proxy-user", "alice",
        "--proxy-password", "-");
    assertThat(String.join(" ", line.arguments())).doesNotContain("service-pw", "proxy-pw");
  }

  @Test
  void installWithGroupManagedAccountSendsNoPassword() {
    InstallSettings settings = new InstallSettings(null, HostOs.WINDOWS, "C:\\B",
        ConnectionMode.ENROLLMENT_STRING, "bh1.s", "", "", "", List.of("automation"),
        "CORP\\gmsa$", "", ProxyMode.SYSTEM, "", "", "");

    CommandLine line = CommandLines.install(settings);

    assertThat(line.arguments()).doesNotContain("--service-password");
    assertThat(line.secrets()).hasSize(1);
  }

  @Test
  void installWithProxyUserButNoPasswordSendsNoPasswordLine() {
    CommandLine line = CommandLines.install(linux(ProxyMode.EXPLICIT, "alice", ""));

    assertThat(line.arguments()).containsSubsequence("--proxy-user", "alice");
    assertThat(line.arguments()).doesNotContain("--proxy-password");
  }

  @Test
  void checkWithTenantFieldsLeavesKeyOut() {
    InstallSettings settings = new InstallSettings(null, HostOs.LINUX, "/opt/bridgehead",
        ConnectionMode.TENANT_URL, "", "https://127.0.0.1:1", "bhk_key", "",
        List.of("automation"), "bridgehead", "", ProxyMode.NONE, "", "", "");

    CommandLine line = CommandLines.check(settings);

    assertThat(line.arguments()).containsExactly("check", "--tenant", "https://127.0.0.1:1",
        "--proxy", "none", "--json");
    assertThat(line.secrets()).isEmpty();
  }

  @Test
  void checkThroughExplicitProxySendsStringThenPassword() {
    CommandLine line = CommandLines.check(linux(ProxyMode.EXPLICIT, "alice", "pw"));

    assertThat(line.arguments()).containsExactly("check", "--enrollment-string", "-",
        "--proxy", "http://127.0.0.1:3128", "--proxy-user", "alice", "--proxy-password", "-",
        "--json");
    assertThat(line.secrets()).extracting(Secret::value).containsExactly("bh1.secret-string",
        "pw");
  }

  @Test
  void displayQuotesAndMasks() {
    CommandLine line = new CommandLine(List.of("install", "--install-dir", "/opt/my agent",
        "--service-account", "CORP\\svc", "--enrollment-string", "-"),
        List.of(new Secret("enrollment string", "bh1.secret")));

    assertThat(line.display("bridgehead")).isEqualTo("bridgehead install --install-dir"
        + " '/opt/my agent' --service-account 'CORP\\svc' --enrollment-string -");
    assertThat(line.maskedInput()).containsExactly(
        "standard input line 1: enrollment string \u2022\u2022\u2022\u2022\u2022\u2022\u2022"
            + "\u2022 (hidden)");
    assertThat(line.toString()).doesNotContain("bh1.secret");
  }

  @Test
  void quoteEscapesSingleQuote() {
    assertThat(CommandLine.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(CommandLine.quote("")).isEqualTo("''");
  }
}
