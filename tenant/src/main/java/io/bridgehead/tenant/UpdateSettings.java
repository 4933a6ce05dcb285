package io.bridgehead.tenant;

import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Settings of the update channel.
 *
 * @param releaseKey the public key that every published package must be signed with
 * @param maxPackageBytes the largest package the admin API accepts, in bytes, and the largest
 *     sum of its unpacked files; default 256 MiB
 * @param rolloutTimeout how long an agent offered an update has to run the target version.
 *     After it, the update is offered to the next agent of its pool. Default 15 minutes
 */
public record UpdateSettings(PublicKey releaseKey, long maxPackageBytes,
    Duration rolloutTimeout) {

  /** The default of {@link #maxPackageBytes}: 256 MiB. */
  public static final long DEFAULT_MAX_PACKAGE_BYTES = 256L * 1024 * 1024;
  /** The default of {@link #rolloutTimeout}: 15 minutes. */
  public static final Duration DEFAULT_ROLLOUT_TIMEOUT = Duration.ofMinutes(15);
  /** The classpath location of the release public key in the assets module. */
  public static final String DEFAULT_KEY_RESOURCE = "/io/bridgehead/assets/release-key.pub.pem";

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException naming the value that is out of range
   */
  public UpdateSettings {
    if (releaseKey == null) {
      throw new IllegalArgumentException("a release public key is required");
    }
    if (maxPackageBytes < 1) {
      throw new IllegalArgumentException("the package size limit must be positive, not "
          + maxPackageBytes);
    }
    if (rolloutTimeout == null || rolloutTimeout.isNegative() || rolloutTimeout.isZero()) {
      throw new IllegalArgumentException("the rollout time-out must be positive, not "
          + rolloutTimeout);
    }
  }

  /** Returns the defaults, with the release key that the assets module ships. */
  public static UpdateSettings defaults() {
    return new UpdateSettings(defaultReleaseKey(), DEFAULT_MAX_PACKAGE_BYTES,
        DEFAULT_ROLLOUT_TIMEOUT);
  }

  public UpdateSettings withReleaseKey(PublicKey key) {
    return new UpdateSettings(key, maxPackageBytes, rolloutTimeout);
  }

  public UpdateSettings withMaxPackageBytes(long bytes) {
    return new UpdateSettings(releaseKey, bytes, rolloutTimeout);
  }

  public UpdateSettings withRolloutTimeout(Duration timeout) {
    return new UpdateSettings(releaseKey, maxPackageBytes, timeout);
  }

  /**
   * Reads the release public key from the assets module.
   *
   * @throws UncheckedIOException when the resource is missing or not an Ed25519 public key
   */
  public static PublicKey defaultReleaseKey() {
    try (InputStream in = UpdateSettings.class.getResourceAsStream(DEFAULT_KEY_RESOURCE)) {
      if (in == null) {
        throw new IOException("the release public key " + DEFAULT_KEY_RESOURCE + " is not on"
            + " the classpath; give one with --release-key FILE");
      }
      return ReleaseKeys.parsePublic(new String(in.readAllBytes(), StandardCharsets.US_ASCII),
          "classpath:" + DEFAULT_KEY_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
