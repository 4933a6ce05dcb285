package io.bridgehead.installer.steps;

import io.bridgehead.wire.tls.CertificateFingerprint;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The tenant to enroll with and the pool's enrollment key.
 *
 * @param tenantUrl the tenant's validated https URL
 * @param fingerprint the tenant certificate's pinned fingerprint, or null
 * @param caBundle a PEM file of extra trusted CAs, or null. The install copies it into
 *     each data folder, so the service still finds it when the original is gone
 * @param key the enrollment key; {@link #toString()} leaves it out
 */
public record EnrollmentSettings(String tenantUrl, CertificateFingerprint fingerprint,
    Path caBundle, String key) {

  public EnrollmentSettings {
    Objects.requireNonNull(tenantUrl, "tenantUrl");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return "EnrollmentSettings[" + tenantUrl + ", fingerprint " + fingerprint + ", CA bundle "
        + caBundle + ", key (hidden)]";
  }
}
