package io.bridgehead.wire.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the trust decision for connections to the tenant.
 *
 * <p>With a pinned fingerprint, the tenant's leaf certificate must have exactly that
 * fingerprint. Without one, the chain must lead to a CA in the JDK's trust store or in the
 * optional PEM bundle.
 */
public final class TenantTrust {
  private final X509TrustManager trustManager;
  private final SSLContext sslContext;

  private TenantTrust(X509TrustManager trustManager) throws GeneralSecurityException {
    this.trustManager = trustManager;
    this.sslContext = SSLContext.getInstance("TLS");
    sslContext.init(null, new TrustManager[] {trustManager}, null);
  }

  /**
   * Creates the trust for a tenant.
   *
   * @param pin the pinned fingerprint, or null to validate the chain
   * @param caBundle a PEM file of extra trusted CAs, or null
   * @throws IOException when the bundle cannot be read or holds no certificate
   */
  public static TenantTrust create(CertificateFingerprint pin, Path caBundle) throws IOException {
    try {
      if (pin != null) {
        return new TenantTrust(new PinnedTrustManager(pin));
      }
      List<X509TrustManager> managers = new ArrayList<>();
      managers.add(defaultTrustManager(null));
      if (caBundle != null) {
        managers.add(defaultTrustManager(loadBundle(caBundle)));
      }
      return new TenantTrust(managers.size() == 1 ? managers.get(0) : anyOf(managers));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  private static X509TrustManager defaultTrustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
  }

  private static KeyStore loadBundle(Path bundle) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(bundle)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException e) {
      throw new IOException("CA bundle " + bundle + " is not a PEM certificate file: "
          + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException("CA bundle " + bundle + " contains no certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    return store;
  }

  /** Trusts a chain when any of the managers trusts it. */
  private static X509TrustManager anyOf(List<X509TrustManager> managers) {
    return new X509TrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        CertificateException last = null;
        for (X509TrustManager manager : managers) {
          try {
            manager.checkServerTrusted(chain, authType);
            return;
          } catch (CertificateException e) {
            last = e;
          }
        }
        throw last;
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return managers.stream()
            .flatMap(m -> Arrays.stream(m.getAcceptedIssuers()))
            .toArray(X509Certificate[]::new);
      }
    };
  }
}
