package io.bridgehead.wire.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Release keys: Ed25519 key pairs in PEM files. The private key signs packages at build time
 * and never leaves the build machine; the public key is what agents trust.
 */
public final class ReleaseKeys {
  public static final String ALGORITHM = "Ed25519";
  private static final String PRIVATE_LABEL = "PRIVATE KEY";
  private static final String PUBLIC_LABEL = "PUBLIC KEY";

  private ReleaseKeys() {}

  /** Makes a new key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no Ed25519; use Java 17 or newer",
          e);
    }
  }

  /**
   * Writes the private key (PKCS #8) readable by its owner only, and the public key beside it.
   * Refuses to replace an existing file, since losing a release key cannot be undone.
   */
  public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "a key file is there"
            + " already; move it away or choose another name");
      }
    }
    byte[] privatePem = pem(PRIVATE_LABEL, pair.getPrivate().getEncoded());
    if (Files.getFileStore(privateFile.toAbsolutePath().getParent())
        .supportsFileAttributeView("posix")) {
      Files.createFile(privateFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(privateFile, privatePem, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      // Never run: on Windows the file inherits its folder's access list.
      Files.write(privateFile, privatePem, StandardOpenOption.CREATE_NEW);
    }
    Files.write(publicFile, pem(PUBLIC_LABEL, pair.getPublic().getEncoded()),
        StandardOpenOption.CREATE_NEW);
  }

  /** Reads a private key written by {@link #write}. */
  public static PrivateKey readPrivate(Path file) throws IOException {
    byte[] der = unpem(Files.readString(file, StandardCharsets.US_ASCII), PRIVATE_LABEL, file);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /** Reads a public key written by {@link #write}. */
  public static PublicKey readPublic(Path file) throws IOException {
    return parsePublic(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  /**
   * Parses a PEM public key.
   *
   * @param origin where the text came from, for the error message
   */
  public static PublicKey parsePublic(String pem, String origin) throws IOException {
    byte[] der = unpem(pem, PUBLIC_LABEL, origin);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(origin + " is not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /** Returns the SHA-256 of the public key's encoding, in hexadecimal, to compare keys by. */
  public static String fingerprint(PublicKey key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] unpem(String text, String label, Object origin) throws IOException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(origin + " contains no '" + begin + "' block; give the "
          + label.toLowerCase(Locale.ROOT) + " file that 'bridgehead release"
          + " keygen' wrote");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(origin + " is not valid PEM: " + e.getMessage(), e);
    }
  }
}
