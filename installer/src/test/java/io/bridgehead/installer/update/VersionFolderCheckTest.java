package io.bridgehead.installer.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.distribution.VersionFiles;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ManifestEntry;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks the Linux launch script")
class VersionFolderCheckTest {
  private static final KeyPair KEY = ReleaseKeys.generate();

  @TempDir
  Path folder;

  private Path version;

  @BeforeEach
  void makeVersionFolder() throws IOException {
    version = Files.createDirectories(folder.resolve("1.2.0"));
    Files.createDirectories(version.resolve("lib"));
    Files.writeString(version.resolve("lib/agent.jar"), "jar content");
    Files.createDirectories(version.resolve("bin"));
    Files.writeString(version.resolve("bin/bridgehead"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(version.resolve("bin/bridgehead"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void signedFolderIsIntact() throws Exception {
    writeManifest("1.2.0", true);

    VersionFolderCheck.Verdict verdict = check();

    assertThat(verdict.intact()).as(verdict.detail()).isTrue();
    assertThat(verdict.detail()).contains("signed manifest");
  }

  @Test
  void changedFileIsDamaged() throws Exception {
    writeManifest("1.2.0", false);
    Files.writeString(version.resolve("lib/agent.jar"), "!", StandardOpenOption.APPEND);

    VersionFolderCheck.Verdict verdict = check();

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.detail()).contains("lib/agent.jar differs from the manifest");
  }

  @Test
  void missingFileIsDamaged() throws Exception {
    writeManifest("1.2.0", false);
    Files.delete(version.resolve("lib/agent.jar"));

    VersionFolderCheck.Verdict verdict = check();

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.detail()).contains("lib/agent.jar is missing");
  }

  @Test
  void otherKeySignatureIsDamaged() throws Exception {
    writeManifest("1.2.0", true);

    VersionFolderCheck.Verdict verdict = VersionFolderCheck.check(version, "1.2.0",
        ReleaseKeys.generate().getPublic(), false, false);

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.detail()).contains("does not match");
  }

  @Test
  void otherVersionManifestIsDamaged() throws Exception {
    writeManifest("1.3.0", false);

    VersionFolderCheck.Verdict verdict = check();

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.detail()).contains("is of version 1.3.0, not 1.2.0");
  }

  @Test
  void missingLaunchScriptIsDamaged() throws Exception {
    writeManifest("1.2.0", false);
    Files.delete(version.resolve("bin/bridgehead"));

    VersionFolderCheck.Verdict verdict = check();

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.detail()).contains("missing or not executable");
  }

  @Test
  void folderWithoutManifestIsCheckedByShape() throws Exception {
    VersionFolderCheck.Verdict intact = check();
    Files.delete(version.resolve("lib/agent.jar"));
    VersionFolderCheck.Verdict empty = check();

    assertThat(intact.intact()).isTrue();
    assertThat(intact.detail()).contains("cannot be checked by hash");
    assertThat(empty.intact()).isFalse();
    assertThat(empty.detail()).contains("has no jars");
  }

  @Test
  void requiredSignatureRejectsUnsignedFolder() throws Exception {
    writeManifest("1.2.0", false);

    VersionFolderCheck.Verdict unsigned = VersionFolderCheck.check(version, "1.2.0",
        KEY.getPublic(), false, true);

    assertThat(unsigned.intact()).isFalse();
    assertThat(unsigned.detail()).contains("has no manifest.sig");
  }

  @Test
  void requiredSignatureAcceptsSignedFolder() throws Exception {
    writeManifest("1.2.0", true);

    VersionFolderCheck.Verdict signed = VersionFolderCheck.check(version, "1.2.0",
        KEY.getPublic(), false, true);

    assertThat(signed.intact()).as(signed.detail()).isTrue();
  }

  @Test
  void missingFolderIsDamaged() throws Exception {
    VersionFolderCheck.Verdict verdict = VersionFolderCheck.check(folder.resolve("9.9.9"),
        "9.9.9", KEY.getPublic(), false, false);

    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.detail()).contains("is missing");
  }

  private VersionFolderCheck.Verdict check() throws IOException {
    return VersionFolderCheck.check(version, "1.2.0", KEY.getPublic(), false, false);
  }

  /** Writes a manifest of lib/agent.jar, signed or not, as a package's unpack leaves it. */
  private void writeManifest(String manifestVersion, boolean signed)
      throws IOException, GeneralSecurityException {
    List<ManifestEntry> entries = new ArrayList<>();
    Path jar = version.resolve("lib/agent.jar");
    entries.add(new ManifestEntry("lib/agent.jar", Files.size(jar), VersionFiles.sha256(jar),
        false));
    byte[] manifest = Json.mapper().writeValueAsBytes(new ReleaseManifest(
        ReleaseManifest.FORMAT, manifestVersion, Instant.now(), entries));
    Files.write(version.resolve(ReleasePackage.MANIFEST), manifest);
    if (signed) {
      Signature signer = Signature.getInstance(ReleaseKeys.ALGORITHM);
      signer.initSign(KEY.getPrivate());
      signer.update(manifest);
      Files.writeString(version.resolve(ReleasePackage.SIGNATURE),
          Base64.getEncoder().encodeToString(signer.sign()), StandardCharsets.US_ASCII);
    }
  }
}
