package io.bridgehead.tenant.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (enrollment keys, credentials, tokens) and their stored form.
 *
 * <p>Every secret carries 256 random bits, so a plain SHA-256 is a sound stored form: there is
 * nothing to brute-force that a slow password hash would protect.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** Returns {@code prefix} followed by 256 random bits in URL-safe Base64. */
  public static String newSecret(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Returns a short random id, 96 bits in URL-safe Base64. */
  public static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Returns the stored form of a secret: its SHA-256 in lower-case hex. */
  public static String hash(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Compares a presented secret with a stored hash in time independent of where they differ. */
  public static boolean matches(String secret, String storedHash) {
    byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
    byte[] stored = storedHash.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(presented, stored);
  }
}
