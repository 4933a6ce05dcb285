package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.proxy.ProxyMode;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.wire.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridgehead check} and the proxy options of {@code agent enroll} against a real tenant
 * on loopback. Every run that reaches the network passes {@code --proxy none} or an explicit
 * proxy, so a proxy in this machine's environment changes nothing.
 */
class CheckCommandTest {
  @TempDir
  Path folder;

  private TenantServer tenant;
  private Path agentData;

  @BeforeEach
  void startTenant() throws IOException {
    tenant = TenantServer.start(TenantSettings.defaults(folder.resolve("tenant")).withPort(0));
    agentData = folder.resolve("agent");
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void checkPassesWithReadableLines() {
    CommandRun run = CommandRun.of("check", "--tenant", tenant.url(), "--fingerprint",
        tenant.fingerprint().hex(), "--proxy", "none");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).first().isEqualTo("Connection check for " + tenant.url());
    assertThat(lines.get(1)).startsWith("  dns     ok       127.0.0.1 resolves to 127.0.0.1");
    assertThat(lines.get(5)).startsWith("  tenant  ok       the tenant answered");
    assertThat(lines).last().isEqualTo("The tenant is reachable and trusted.");
  }

  @Test
  void jsonOutputFollowsContract() throws IOException {
    CommandRun run = CommandRun.of("check", "--tenant", tenant.url(), "--fingerprint",
        tenant.fingerprint().hex(), "--proxy", "none", "--json");

    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(json.path("target").asText()).isEqualTo(tenant.url());
    assertThat(json.path("ok").asBoolean()).isTrue();
    assertThat(json.path("steps")).extracting(step -> step.path("name").asText())
        .containsExactly("dns", "proxy", "tcp", "tls", "tenant");
  }

  @Test
  void closedPortExitsUnreachable() throws IOException {
    int port = closedPort();

    CommandRun run = CommandRun.of("check", "--tenant", "https://127.0.0.1:" + port,
        "--proxy", "none", "--json");

    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(json.path("ok").asBoolean()).isFalse();
    assertThat(json.path("steps").get(2).path("detail").asText()).contains("refused");
    assertThat(json.path("steps").get(3).path("detail").asText())
        .isEqualTo("skipped: TCP failed");
  }

  @Test
  void stoppedProxyExitsUnreachable() throws IOException {
    int port = closedPort();

    CommandRun run = CommandRun.of("check", "--tenant", tenant.url(), "--fingerprint",
        tenant.fingerprint().hex(), "--proxy", "http://127.0.0.1:" + port);

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.out()).contains("proxy   FAILED   connection to the proxy 127.0.0.1:"
        + port + " refused");
  }

  @Test
  void dataFolderCheckUsesStoredSettings() throws IOException {
    String key = admin().createPool("servers").enrollmentKey();
    CommandRun enroll = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", tenant.url(), "--fingerprint", tenant.fingerprint().hex(),
        "--enrollment-key", key, "--proxy", "none");

    CommandRun check = CommandRun.of("check", "--data", agentData.toString(), "--json");

    assertThat(enroll.exitCode()).as(enroll.err()).isZero();
    assertThat(AgentConfig.read(agentData).proxy().mode()).isEqualTo(ProxyMode.NONE);
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(Json.mapper().readTree(check.out()).path("steps").get(1).path("detail")
        .asText()).isEqualTo("no proxy (proxy mode none)");
  }

  @Test
  void enrollReadsKeyThenProxyPassword() throws Exception {
    String key = admin().createPool("servers").enrollmentKey();
    int port = closedPort();

    CommandException bothLines = enrollWithInput(key + "\npass word\n", port);
    CommandException keyOnly = enrollWithInput(key + "\n", port);

    assertThat(bothLines.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(bothLines.getMessage()).contains("proxy http://127.0.0.1:" + port
        + " (set explicitly), as user bob").doesNotContain("pass word");
    assertThat(keyOnly.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT);
    assertThat(keyOnly.getMessage()).contains("missing proxy password");
    assertThat(admin().enrollmentKeys("servers")).allMatch(info -> info.usesLeft() == 1);
    assertThat(agentData.resolve(FileCredentialStore.PROXY_PASSWORD_FILE_NAME))
        .doesNotExist();
  }

  /** Enrolls through a proxy on a closed port with {@code input} as standard input. */
  private CommandException enrollWithInput(String input, int proxyPort) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgentCommands commands = new AgentCommands(new PrintStream(out, true,
        StandardCharsets.UTF_8), new ByteArrayInputStream(input.getBytes(
            StandardCharsets.UTF_8)));
    try {
      ExitCode code = commands.run(List.of("enroll", "--data", agentData.toString(),
          "--tenant", tenant.url(), "--fingerprint", tenant.fingerprint().hex(),
          "--enrollment-key", "-", "--proxy", "http://127.0.0.1:" + proxyPort,
          "--proxy-user", "bob", "--proxy-password", "-"));
      throw new AssertionError("enroll exited " + code + "; expected a failure");
    } catch (CommandException e) {
      return e;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("enroll failed unexpectedly", e);
    }
  }

  @Test
  void invalidProxyOptionsRejected() throws IOException {
    Path empty = Files.writeString(folder.resolve("empty"), "\n");
    String[][] cases = {
        {"--proxy", "https://proxy.example.com:3128", "over TLS (https://) are not supported"},
        {"--proxy", "http://bob:pw@proxy.example.com:3128", "remove the user name"},
        {"--proxy", "http://proxy.example.com", "it names no port"},
        {"--proxy-password", "secret", "--proxy-password takes only '-'"},
        {"--proxy-password-file", empty.toString(), "is empty"},
        {"--proxy-password-file", folder.resolve("missing").toString(), "not found"},
    };
    for (String[] option : cases) {
      CommandRun run = CommandRun.of("check", "--tenant", tenant.url(), "--proxy-user", "bob",
          option[0], option[1]);

      assertThat(run.exitCode()).as(String.join(" ", option)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", option)).contains(option[2])
          .doesNotContain("pw@");
    }
  }

  @Test
  void proxyUserWithNoneRejected() {
    CommandRun run = CommandRun.of("check", "--tenant", tenant.url(), "--proxy", "none",
        "--proxy-user", "bob");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--proxy-user is for a proxy, but the proxy mode is none");
  }

  @Test
  void missingTenantRejected() {
    CommandRun none = CommandRun.of("check");
    CommandRun both = CommandRun.of("check", "--tenant", tenant.url(), "--data",
        agentData.toString());
    CommandRun notEnrolled = CommandRun.of("check", "--data", agentData.toString());

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("missing tenant: give exactly one of --data DIR");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("conflicting tenant");
    assertThat(notEnrolled.exitCode()).isEqualTo(2);
    assertThat(notEnrolled.err()).contains("no enrolled agent in " + agentData);
  }

  @Test
  void helpListsCheck() {
    CommandRun usage = CommandRun.of("--help");
    CommandRun help = CommandRun.of("check", "--help");

    assertThat(usage.out()).contains("check ...");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--proxy none|system|URL").contains("--json");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private AdminClient admin() throws IOException {
    return AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }
}
