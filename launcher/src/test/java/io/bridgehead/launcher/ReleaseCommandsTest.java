package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleaseManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgehead release keygen|build} and their bad input. */
class ReleaseCommandsTest {
  @TempDir
  Path folder;

  @Test
  void keygenThenBuildMakesVerifiablePackage() throws Exception {
    Path privateKey = folder.resolve("release.key");
    Path publicKey = folder.resolve("release.pub");
    Path version = folder.resolve("v");
    Files.createDirectories(version.resolve("lib"));
    Files.writeString(version.resolve("lib/a.jar"), "a");
    Path archive = folder.resolve("bridgehead-2.0.0.zip");

    CommandRun keygen = CommandRun.of("release", "keygen", "--private", privateKey.toString(),
        "--public", publicKey.toString());
    CommandRun build = CommandRun.of("release", "build", "--key", privateKey.toString(),
        "--out", archive.toString(), "--version", "2.0.0", "--from", version.toString());

    assertThat(keygen.exitCode()).isZero();
    assertThat(keygen.out()).contains("Public key fingerprint: ");
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(build.out()).contains("version 2.0.0, 1 files");
    ReleaseManifest manifest = PackageVerifier.readManifest(archive,
        ReleaseKeys.readPublic(publicKey));
    assertThat(manifest.version()).isEqualTo("2.0.0");
  }

  @Test
  void keygenKeepsExistingKey() throws Exception {
    Path privateKey = Files.writeString(folder.resolve("release.key"), "keep me");

    CommandRun run = CommandRun.of("release", "keygen", "--private", privateKey.toString(),
        "--public", folder.resolve("release.pub").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED.code());
    assertThat(run.err()).contains("a key file is there already");
    assertThat(privateKey).hasContent("keep me");
  }

  @Test
  void buildRejectsBadInput() throws Exception {
    Path privateKey = folder.resolve("release.key");
    CommandRun.of("release", "keygen", "--private", privateKey.toString(), "--public",
        folder.resolve("release.pub").toString());

    CommandRun missingKey = CommandRun.of("release", "build", "--out", "x.zip");
    CommandRun badVersion = CommandRun.of("release", "build", "--key", privateKey.toString(),
        "--out", folder.resolve("x.zip").toString(), "--version", "two",
        "--from", folder.toString());
    CommandRun missingFolder = CommandRun.of("release", "build", "--key",
        privateKey.toString(), "--out", "x.zip", "--from", folder.resolve("nope").toString());

    assertThat(missingKey.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
    assertThat(missingKey.err()).contains("missing --key FILE");
    assertThat(badVersion.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
    assertThat(badVersion.err()).contains("version 'two' is not valid");
    assertThat(missingFolder.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
    assertThat(missingFolder.err()).contains("--from " + folder.resolve("nope") + " not found");
  }
}
