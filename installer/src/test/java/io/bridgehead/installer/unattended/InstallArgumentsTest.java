package io.bridgehead.installer.unattended;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.wire.Role;
import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallArgumentsTest {
  private static final List<String> BASE = List.of("--unattended", "--accept-license");
  private static final String TENANT = "https://tenant.example:8443";

  @TempDir
  Path folder;

  @Test
  void defaultsForLinux() throws InvalidOptionException {
    InstallArguments parsed = InstallArguments.parse(with("--enrollment-string", "-"), false);

    assertThat(parsed.modules).containsExactly(Role.AUTOMATION);
    assertThat(parsed.serviceAccount).isEqualTo("bridgehead");
    assertThat(parsed.proxy.mode()).isEqualTo("system");
    assertThat(parsed.proxyGiven).isFalse();
    assertThat(parsed.start).isTrue();
    assertThat(parsed.consoleAutostart).isTrue();
    assertThat(parsed.enrollmentString.file()).isNull();
  }

  @Test
  void explicitProxyKeepsUserAndUrl() throws InvalidOptionException {
    InstallArguments parsed = InstallArguments.parse(with("--enrollment-string", "-",
        "--proxy", "http://proxy.example:3128", "--proxy-user", "agent", "--proxy-password",
        "-"), false);

    assertThat(parsed.proxy.mode()).isEqualTo("explicit");
    assertThat(parsed.proxy.url()).isEqualTo("http://proxy.example:3128");
    assertThat(parsed.proxy.username()).isEqualTo("agent");
    assertThat(parsed.proxyGiven).isTrue();
  }

  @Test
  void proxySystemGivenExplicitly() throws InvalidOptionException {
    InstallArguments parsed = InstallArguments.parse(with("--enrollment-string", "-",
        "--proxy", "system"), false);

    assertThat(parsed.proxy.mode()).isEqualTo("system");
    assertThat(parsed.proxyGiven).isTrue();
  }

  @Test
  void invalidOptionsNameValue() throws IOException {
    Path pem = Files.writeString(folder.resolve("ca.pem"), "x");
    List<List<String>> arguments = List.of(
        List.of("--tenant", "http://tenant.example", "--enrollment-key", "-"),
        List.of("--tenant", TENANT),
        List.of("--tenant", TENANT, "--enrollment-key", "bhk_secret"),
        List.of("--enrollment-string", "bh1.abc"),
        List.of("--enrollment-string", "-", "--tenant", TENANT),
        List.of("--enrollment-string", "-", "--fingerprint", "AA"),
        List.of("--tenant", TENANT, "--enrollment-key", "-", "--fingerprint", "xyz"),
        List.of("--enrollment-string", "-", "--module", "sales"),
        List.of("--enrollment-string", "-", "--module", "provisioning"),
        List.of("--enrollment-string", "-", "--tag", "bad tag"),
        List.of("--enrollment-string", "-", "--service-account", "Bad User"),
        List.of("--enrollment-string", "-", "--service-account", "root"),
        List.of("--enrollment-string", "-", "--service-password", "-"),
        List.of("--enrollment-string", "-", "--proxy", "socks5://proxy:1080"),
        List.of("--enrollment-string", "-", "--proxy", "http://proxy"),
        List.of("--enrollment-string", "-", "--proxy", "http://u:p@proxy:3128"),
        List.of("--enrollment-string", "-", "--proxy-user", "agent"),
        List.of("--enrollment-string", "-", "--install-dir", "opt/bh"),
        List.of("--enrollment-string", "-", "--install-dir", "/srv/bh", "--data-dir",
            "/srv/bh/data"),
        List.of("--enrollment-string", "-", "--root", folder.resolve("missing").toString()),
        List.of("--enrollment-string", "-", "--root", pem.toString()),
        List.of("--enrollment-string", "-", "--ca-bundle", pem + ".missing"),
        List.of("--enrollment-string", "-", "--colour"),
        List.of("--enrollment-string", "-", "extra"));
    List<String> messages = List.of(
        "invalid tenant URL 'http://tenant.example'",
        "--tenant needs the pool's enrollment key",
        "--enrollment-key takes only '-'",
        "--enrollment-string takes only '-'",
        "give one of --enrollment-string-file",
        "leave out --fingerprint",
        "--fingerprint:",
        "unknown module 'sales'",
        "the provisioning module (Provisioning) is not available in this version",
        "--tag:",
        "--service-account 'Bad User' is not a valid Linux user name",
        "--service-account root is not allowed",
        "a service password is for a Windows domain account only",
        "invalid --proxy 'socks5://proxy:1080'",
        "invalid --proxy 'http://proxy': it needs a host and a port",
        "put the user in --proxy-user",
        "--proxy-user needs --proxy http://HOST:PORT",
        "--install-dir opt/bh is not an absolute path",
        "--install-dir /srv/bh and --data-dir /srv/bh/data overlap",
        "folder not found",
        "is a file, not a folder",
        "file not found or not readable",
        "unknown option --colour",
        "unexpected argument 'extra'");

    for (int i = 0; i < arguments.size(); i++) {
      List<String> fullArguments = with(arguments.get(i).toArray(String[]::new));
      assertThatThrownBy(() -> InstallArguments.parse(fullArguments, false))
          .as("arguments %s", arguments.get(i))
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining(messages.get(i));
    }
  }

  @Test
  void missingLicenseRejected() {
    assertThatThrownBy(() -> InstallArguments.parse(List.of("--unattended"), false))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("--accept-license");
  }

  @Test
  void windowsDomainAccountNeedsPassword() {
    assertThatThrownBy(() -> InstallArguments.parse(with("--enrollment-string", "-",
        "--service-account", "CORP\\svc-bridgehead"), true))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("needs its password");
  }

  @Test
  void windowsManagedAccountTakesNoPassword() throws InvalidOptionException {
    InstallArguments parsed = InstallArguments.parse(with("--enrollment-string", "-",
        "--service-account", "CORP\\bridgehead$"), true);

    assertThat(parsed.serviceAccount).isEqualTo("CORP\\bridgehead$");
    assertThat(parsed.servicePassword).isNull();
  }

  @Test
  void secretFileLosesOneTrailingNewline() throws Exception {
    Path file = Files.writeString(folder.resolve("key"), "bhk_abc\n\n");

    String secret = SecretReader.file(file.toString(), "the key", "--enrollment-key-file");

    assertThat(secret).isEqualTo("bhk_abc\n");
  }

  @Test
  void emptySecretFileRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("key"), "\n");

    assertThatThrownBy(() -> SecretReader.file(file.toString(), "the key",
        "--enrollment-key-file")).isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void releaseKeyMustBePublicKeyFile() throws IOException, InvalidOptionException {
    Path publicKey = folder.resolve("release.pub.pem");
    Path privateKey = folder.resolve("release.key");
    ReleaseKeys.write(ReleaseKeys.generate(), privateKey, publicKey);

    InstallArguments parsed = InstallArguments.parse(with("--enrollment-string", "-",
        "--release-key", publicKey.toString()), false);

    assertThat(parsed.releaseKey).isEqualTo(publicKey.toAbsolutePath());
    assertThatThrownBy(() -> InstallArguments.parse(with("--enrollment-string", "-",
        "--release-key", folder.resolve("missing.pem").toString()), false))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("--release-key " + folder.resolve("missing.pem"))
        .hasMessageContaining("file not found");
    assertThatThrownBy(() -> InstallArguments.parse(with("--enrollment-string", "-",
        "--release-key", privateKey.toString()), false))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("--release-key " + privateKey + " contains no release public"
            + " key");
  }

  private static List<String> with(String... arguments) {
    List<String> all = new ArrayList<>(BASE);
    all.addAll(List.of(arguments));
    return all;
  }
}
