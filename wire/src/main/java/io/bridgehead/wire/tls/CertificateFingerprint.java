package io.bridgehead.wire.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, written as 32 upper-case hex pairs
 * joined by colons, the form {@code openssl x509 -fingerprint -sha256} and browsers show.
 */
public record CertificateFingerprint(String hex) {
  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

  /** Computes the fingerprint of a certificate. */
  public static CertificateFingerprint of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return new CertificateFingerprint(COLON_HEX.formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate "
          + certificate.getSubjectX500Principal(), e);
    }
  }

  /**
   * Parses a fingerprint typed by a person: 64 hex digits, with or without colons or spaces,
   * in either case, optionally prefixed by {@code sha256:} or {@code SHA256/}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static CertificateFingerprint parse(String text) {
    String digits = text == null ? "" : text.trim();
    String lower = digits.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sha256:") || lower.startsWith("sha256/")) {
      digits = digits.substring(7);
    }
    digits = digits.replace(":", "").replace(" ", "");
    if (!digits.matches("[0-9A-Fa-f]{64}")) {
      throw new IllegalArgumentException("invalid certificate fingerprint '" + text
          + "': expected the SHA-256 fingerprint as 64 hex digits, for example the"
          + " one the tenant printed at its first start");
    }
    byte[] bytes = HexFormat.of().parseHex(digits);
    return new CertificateFingerprint(COLON_HEX.formatHex(bytes));
  }

  @Override
  public String toString() {
    return hex;
  }
}
