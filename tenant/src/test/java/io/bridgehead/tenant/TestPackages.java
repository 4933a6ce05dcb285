package io.bridgehead.tenant;

import io.bridgehead.wire.release.PackageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Random;

/** Signed release packages built in a test's folder with {@link PackageBuilder}. */
final class TestPackages {
  private TestPackages() {}

  /**
   * Builds {@code bridgehead-VERSION.zip} in {@code folder}, with a start script and a jar of
   * {@code jarBytes} random bytes, so the archive is about that large.
   */
  static Path build(Path folder, PrivateKey key, String version, int jarBytes)
      throws IOException {
    Path source = folder.resolve("source-" + version);
    Files.createDirectories(source.resolve("lib"));
    Files.createDirectories(source.resolve("bin"));
    Files.writeString(source.resolve("bin/bridgehead"), "#!/bin/sh\necho " + version + "\n",
        StandardCharsets.UTF_8);
    byte[] jar = new byte[jarBytes];
    new Random(version.hashCode()).nextBytes(jar);
    Files.write(source.resolve("lib/launcher.jar"), jar);
    Path archive = folder.resolve("bridgehead-" + version + ".zip");
    PackageBuilder.build(source, version, key, archive);
    return archive;
  }

  static Path build(Path folder, PrivateKey key, String version) throws IOException {
    return build(folder, key, version, 4096);
  }
}
