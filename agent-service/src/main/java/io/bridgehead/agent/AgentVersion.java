package io.bridgehead.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;

/**
 * The version of the running agent. A version installed from a release package keeps the
 * package's manifest in its folder ({@code versions/VERSION/manifest.json}, beside {@code
 * lib/}), and the manifest's version is the agent's: the same jars can be released under
 * another version. Otherwise the version comes from the build.
 */
public final class AgentVersion {
  private static final Optional<Path> FOLDER = findFolder();
  private static final String VERSION = load();

  private AgentVersion() {}

  public static String current() {
    return VERSION;
  }

  /**
   * Returns the folder of the running version, the one that contains {@code lib/} with this
   * agent's jars, or empty when the agent does not run from jars in a {@code lib/} folder, as
   * in a build's classes folder.
   */
  public static Optional<Path> folder() {
    return FOLDER;
  }

  private static String load() {
    Optional<String> packaged = FOLDER.flatMap(AgentVersion::manifestVersion);
    if (packaged.isPresent()) {
      return packaged.get();
    }
    Properties properties = new Properties();
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  private static Optional<String> manifestVersion(Path folder) {
    Path manifest = folder.resolve(ReleasePackage.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try {
      JsonNode version = Json.mapper().readTree(manifest.toFile()).get("version");
      return version == null || !version.isTextual() ? Optional.empty()
          : Optional.of(version.asText());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> findFolder() {
    try {
      CodeSource source = AgentVersion.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path jar = Path.of(source.getLocation().toURI());
      Path lib = jar.getParent();
      if (!Files.isRegularFile(jar) || lib == null || lib.getFileName() == null
          || !lib.getFileName().toString().equals("lib") || lib.getParent() == null) {
        return Optional.empty();
      }
      return Optional.of(lib.getParent());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
