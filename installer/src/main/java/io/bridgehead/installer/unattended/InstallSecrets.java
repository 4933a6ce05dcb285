package io.bridgehead.installer.unattended;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.installer.steps.EnrollmentSettings;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;

/**
 * The secrets of an install, read in the order the command line documents: the enrollment
 * string or key, the service password, the proxy password. Each {@code -} takes the next line
 * of standard input.
 *
 * @param enrollment the tenant and key, or null when none was given
 * @param servicePassword the Windows domain account's password, or null
 * @param proxyPassword the proxy user's password, or null
 */
record InstallSecrets(EnrollmentSettings enrollment, char[] servicePassword,
    char[] proxyPassword) {

  /**
   * Reads the secrets the arguments name.
   *
   * @throws InvalidOptionException for a missing, empty or invalid secret, such as an
   *     enrollment string that does not decode
   */
  static InstallSecrets read(InstallArguments arguments, SecretReader input)
      throws InvalidOptionException, IOException {
    EnrollmentSettings enrollment = null;
    if (arguments.enrollmentString != null) {
      String text = arguments.enrollmentString.read(input, "the enrollment string");
      EnrollmentString decoded;
      try {
        decoded = EnrollmentString.decode(text.trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException(e.getMessage());
      }
      String url;
      CertificateFingerprint fingerprint;
      try {
        url = TenantConnection.validateUrl(decoded.tenant());
        fingerprint = decoded.fingerprint() == null ? null
            : CertificateFingerprint.parse(decoded.fingerprint());
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException("the enrollment string is not valid: "
            + e.getMessage());
      }
      enrollment = new EnrollmentSettings(url, fingerprint, arguments.caBundle, decoded.key());
    } else if (arguments.enrollmentKey != null) {
      String key = arguments.enrollmentKey.read(input, "the enrollment key");
      enrollment = new EnrollmentSettings(arguments.tenantUrl, arguments.fingerprint,
          arguments.caBundle, key.trim());
    }
    char[] servicePassword = arguments.servicePassword == null ? null
        : arguments.servicePassword.read(input, "the service account's password").toCharArray();
    char[] proxyPassword = arguments.proxyPassword == null ? null
        : arguments.proxyPassword.read(input, "the proxy password").toCharArray();
    return new InstallSecrets(enrollment, servicePassword, proxyPassword);
  }

  @Override
  public String toString() {
    return "InstallSecrets[" + enrollment + ", passwords (hidden)]";
  }
}
