package io.bridgehead.wire.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, identified by its SHA-256 fingerprint, whoever
 * issued it. The pin replaces chain validation, which a self-signed tenant cannot pass; the
 * host name is still checked by the HTTP client.
 */
public final class PinnedTrustManager implements X509TrustManager {
  private final CertificateFingerprint pin;

  public PinnedTrustManager(CertificateFingerprint pin) {
    this.pin = pin;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the tenant sent no certificate");
    }
    CertificateFingerprint presented = CertificateFingerprint.of(chain[0]);
    if (!presented.equals(pin)) {
      throw new CertificateException("the tenant's certificate fingerprint " + presented
          + " does not match the pinned fingerprint " + pin
          + "; if the tenant's certificate was replaced on purpose, pin the new fingerprint");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
