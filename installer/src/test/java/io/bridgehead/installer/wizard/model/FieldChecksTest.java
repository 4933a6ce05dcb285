package io.bridgehead.installer.wizard.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.wire.EnrollmentString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FieldChecksTest {
  private static final String FINGERPRINT = "ab".repeat(32);

  @TempDir
  Path folder;

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks Linux paths on this system")
  void installFolderAcceptsAbsolutePathUnderRoot() {
    assertThat(FieldChecks.installFolder("/opt/bridgehead", HostOs.LINUX, folder)).isEmpty();
  }

  @Test
  void installFolderRejectsRelativePath() {
    assertThat(FieldChecks.installFolder("opt/bridgehead", HostOs.LINUX, folder))
        .hasValue("'opt/bridgehead' is not an absolute path: start it with /");
  }

  @Test
  void installFolderRejectsBlank() {
    assertThat(FieldChecks.installFolder("  ", HostOs.LINUX, null))
        .hasValue("Enter the install folder, for example /opt/bridgehead");
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks Linux paths on this system")
  void installFolderRejectsFileAsParent() throws IOException {
    Files.writeString(folder.resolve("opt"), "not a folder");

    assertThat(FieldChecks.installFolder("/opt/bridgehead", HostOs.LINUX, folder))
        .hasValue("'" + folder.resolve("opt") + "' is a file, not a folder: choose a folder"
            + " whose parent is a folder");
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks Linux paths on this system")
  void installFolderRejectsFileAsFolder() throws IOException {
    Files.createDirectories(folder.resolve("opt"));
    Files.writeString(folder.resolve("opt/bridgehead"), "not a folder");

    assertThat(FieldChecks.installFolder("/opt/bridgehead", HostOs.LINUX, folder))
        .hasValue("'" + folder.resolve("opt/bridgehead") + "' is a file, not a folder:"
            + " choose another folder");
  }

  @Test
  void installFolderOnWindowsNeedsDrive() {
    assertThat(FieldChecks.installFolder("C:\\Program Files\\Bridgehead", HostOs.WINDOWS,
        null)).isEmpty();
    assertThat(FieldChecks.installFolder("\\Bridgehead", HostOs.WINDOWS, null))
        .hasValueSatisfying(message -> assertThat(message).contains("not an absolute path"));
  }

  @Test
  void enrollmentStringAcceptsValidString() {
    String text = new EnrollmentString("https://127.0.0.1:8443", "bhk_key", FINGERPRINT)
        .encode();

    assertThat(FieldChecks.enrollmentString(text + "\n")).isEmpty();
  }

  @Test
  void enrollmentStringRejectsWrongPrefixWithoutEchoingIt() {
    assertThat(FieldChecks.enrollmentString("secret-value-pasted"))
        .hasValueSatisfying(message -> {
          assertThat(message).startsWith("Invalid enrollment string: it must start with 'bh1.'");
          assertThat(message).doesNotContain("secret-value-pasted");
        });
  }

  @Test
  void enrollmentStringRejectsCutString() {
    assertThat(FieldChecks.enrollmentString("bh1.eyJ0ZW5hbnQiOiJodHRwczovL"))
        .hasValueSatisfying(message -> assertThat(message).contains("copy it again"));
  }

  @Test
  void enrollmentStringRejectsBlank() {
    assertThat(FieldChecks.enrollmentString("")).isPresent();
  }

  @Test
  void tenantUrlNeedsHttps() {
    assertThat(FieldChecks.tenantUrl("https://tenant.example.com:8443")).isEmpty();
    assertThat(FieldChecks.tenantUrl("http://tenant.example.com"))
        .hasValueSatisfying(message -> assertThat(message)
            .startsWith("Invalid tenant URL 'http://tenant.example.com'"));
  }

  @Test
  void enrollmentKeyRejectsWhiteSpaceInside() {
    assertThat(FieldChecks.enrollmentKey("bhk_abc")).isEmpty();
    assertThat(FieldChecks.enrollmentKey("bhk_a bc")).isPresent();
    assertThat(FieldChecks.enrollmentKey(" ")).isPresent();
  }

  @Test
  void fingerprintIsOptionalButChecked() {
    assertThat(FieldChecks.fingerprint("")).isEmpty();
    assertThat(FieldChecks.fingerprint(FINGERPRINT)).isEmpty();
    assertThat(FieldChecks.fingerprint("abc")).isPresent();
  }

  @Test
  void linuxUserFollowsUseraddRules() {
    assertThat(FieldChecks.linuxUser("bridgehead")).isEmpty();
    assertThat(FieldChecks.linuxUser("_svc-agent1")).isEmpty();
    assertThat(FieldChecks.linuxUser("Bridgehead"))
        .hasValue("'Bridgehead' is not a valid user name: use up to 32 lower-case letters,"
            + " digits, '_' and '-', starting with a letter or '_'");
    assertThat(FieldChecks.linuxUser("root")).isPresent();
    assertThat(FieldChecks.linuxUser("a".repeat(33))).isPresent();
    assertThat(FieldChecks.linuxUser("")).isPresent();
  }

  @Test
  void windowsAccountNeedsDomain() {
    assertThat(FieldChecks.windowsDomainAccount("CORP\\svc-agent")).isEmpty();
    assertThat(FieldChecks.windowsDomainAccount("CORP\\gmsa-agent$")).isEmpty();
    assertThat(FieldChecks.windowsDomainAccount("svc-agent"))
        .hasValue("'svc-agent' is not of the form DOMAIN\\name: add the domain and one"
            + " backslash");
    assertThat(FieldChecks.windowsDomainAccount("CORP\\")).isPresent();
  }

  @Test
  void windowsPasswordNeededExceptForGroupManagedAccount() {
    assertThat(FieldChecks.windowsPassword("CORP\\svc", "")).hasValue("Enter the password"
        + " of CORP\\svc");
    assertThat(FieldChecks.windowsPassword("CORP\\gmsa$", "")).isEmpty();
    assertThat(FieldChecks.windowsPassword("CORP\\svc", "pw")).isEmpty();
  }

  @Test
  void proxyUrlNeedsHttpHostAndPort() {
    assertThat(FieldChecks.proxyUrl("http://127.0.0.1:3128")).isEmpty();
    assertThat(FieldChecks.proxyUrl("https://proxy:3128"))
        .hasValueSatisfying(message -> assertThat(message).contains("does not start with"
            + " http://"));
    assertThat(FieldChecks.proxyUrl("http://proxy"))
        .hasValueSatisfying(message -> assertThat(message).contains("needs a host and a port"));
    assertThat(FieldChecks.proxyUrl("http://user:pw@proxy:3128"))
        .hasValueSatisfying(message -> assertThat(message).startsWith("Remove the user"));
    assertThat(FieldChecks.proxyUrl("http://proxy:3128/path")).isPresent();
    assertThat(FieldChecks.proxyUrl("")).isPresent();
  }

  @Test
  void proxyPasswordNeedsUser() {
    assertThat(FieldChecks.proxyPassword("", "pw")).isPresent();
    assertThat(FieldChecks.proxyPassword("alice", "pw")).isEmpty();
    assertThat(FieldChecks.proxyPassword("", "")).isEmpty();
  }
}
