package io.bridgehead.installer.repair;

import io.bridgehead.wire.release.ReleaseKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The check of a version folder's {@code manifest.sig}: the base64 Ed25519 signature of the
 * exact bytes of its {@code manifest.json}, as the release package carries them.
 */
final class ManifestSignature {
  private ManifestSignature() {}

  /** Returns true when {@code signatureText} is a valid signature of {@code manifest}. */
  static boolean matches(byte[] manifest, byte[] signatureText, PublicKey trusted) {
    try {
      byte[] signature = Base64.getDecoder().decode(
          new String(signatureText, StandardCharsets.US_ASCII).trim());
      Signature verifier = Signature.getInstance(ReleaseKeys.ALGORITHM);
      verifier.initVerify(trusted);
      verifier.update(manifest);
      return verifier.verify(signature);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }
}
