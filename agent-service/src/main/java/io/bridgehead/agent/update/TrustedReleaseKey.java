package io.bridgehead.agent.update;

import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The public key that release packages must be signed with. An installation may replace the
 * key that ships in {@code assets} with its own, {@value #FILE_NAME} in its data folder, which
 * lies outside the program folders and so survives updates.
 */
public final class TrustedReleaseKey {
  /** The installation's own key, in the data folder. */
  public static final String FILE_NAME = "release-key.pub.pem";
  /** The key that ships with the agent. */
  public static final String RESOURCE = "/io/bridgehead/assets/release-key.pub.pem";

  private TrustedReleaseKey() {}

  /**
   * Returns the key of the installation whose data folder is {@code dataDir}: its own file
   * when there is one, else the key that ships with the agent.
   *
   * @throws IOException when the file exists but contains no Ed25519 public key, naming it
   */
  public static PublicKey load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return ReleaseKeys.readPublic(file);
    }
    return shipped();
  }

  /** Returns the key that ships with the agent. */
  public static PublicKey shipped() throws IOException {
    try (InputStream in = TrustedReleaseKey.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the release key " + RESOURCE + " is missing from the class"
            + " path; reinstall the agent");
      }
      return ReleaseKeys.parsePublic(new String(in.readAllBytes(), StandardCharsets.US_ASCII),
          RESOURCE);
    }
  }
}
