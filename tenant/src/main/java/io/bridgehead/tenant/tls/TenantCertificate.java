package io.bridgehead.tenant.tls;

import io.bridgehead.tenant.security.PrivateFiles;
import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The tenant's TLS identity: a self-signed certificate made at first start and kept in the
 * data folder as {@code tls.p12}, with its store password in {@code tls.password}, both
 * readable by the owner alone.
 *
 * <p>The certificate names {@code localhost}, 127.0.0.1, ::1, the machine's host name and any
 * extra names given, and is valid for 825 days, the longest that browsers and most TLS
 * clients accept for a server certificate.
 */
public final class TenantCertificate {
  private static final Duration VALIDITY = Duration.ofDays(825);
  private static final String ALIAS = "tenant";

  private final KeyStore keyStore;
  private final char[] password;
  private final X509Certificate certificate;

  private TenantCertificate(KeyStore keyStore, char[] password) throws GeneralSecurityException {
    this.keyStore = keyStore;
    this.password = password;
    this.certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
  }

  /** Loads the certificate from the data folder, making a new one when there is none. */
  public static TenantCertificate loadOrCreate(Path dataFolder, List<String> extraNames)
      throws IOException {
    Path storeFile = dataFolder.resolve("tls.p12");
    Path passwordFile = dataFolder.resolve("tls.password");
    try {
      if (Files.exists(storeFile) && Files.exists(passwordFile)) {
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim()
            .toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(storeFile)) {
          store.load(in, password);
        }
        return new TenantCertificate(store, password);
      }
      char[] password = Secrets.newSecret("").toCharArray();
      KeyStore store = create(password, extraNames);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, password);
      PrivateFiles.write(passwordFile, new String(password).getBytes(StandardCharsets.UTF_8));
      PrivateFiles.write(storeFile, bytes.toByteArray());
      return new TenantCertificate(store, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IOException("cannot load or make the tenant certificate " + storeFile + ": "
          + e.getMessage() + "; if the file is damaged, delete tls.p12 and tls.password to"
          + " make a new certificate, and give agents its new fingerprint", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public CertificateFingerprint fingerprint() {
    return CertificateFingerprint.of(certificate);
  }

  /** Returns a server-side TLS context that presents this certificate. */
  public SSLContext serverContext() throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(
        KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static KeyStore create(char[] password, List<String> extraNames)
      throws GeneralSecurityException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();

    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    names.add(localHostName());
    names.addAll(extraNames);
    GeneralName[] alternatives = names.stream()
        .map(name -> new GeneralName(isIpAddress(name) ? GeneralName.iPAddress
            : GeneralName.dNSName, name))
        .toArray(GeneralName[]::new);

    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=Bridgehead reference tenant");
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
        new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(alternatives));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate certificate;
    try {
      certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign the certificate: " + e.getMessage(), e);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[] {certificate});
    return store;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static boolean isIpAddress(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }
}
