package io.bridgehead.agent.check;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.wire.tls.CertificateFingerprint;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The TLS step: a handshake over an open connection with the agent's trust rule (the pin, or
 * the chain against the system trust store and the CA bundle), then the host name check the
 * agent's HTTP client makes.
 */
final class TlsProbe {
  /** The host name check of the agent's HTTP client, so that both decide alike. */
  private static final HostnameVerifier HOST_NAMES = new OkHttpClient.Builder().build()
      .hostnameVerifier();

  private TlsProbe() {}

  /** Runs the handshake on {@code socket}, which the probe closes, and returns the step. */
  static CheckStep run(Socket socket, TenantConnection connection, int timeoutMillis) {
    String host = connection.host();
    String where = host + ":" + connection.port();
    TenantTrust trust;
    try {
      trust = TenantTrust.create(connection.fingerprint(), connection.caBundle());
    } catch (IOException e) {
      return CheckStep.failed(CheckStep.TLS, e.getMessage() + "; give a readable PEM file of"
          + " CA certificates as the CA bundle");
    }
    AtomicReference<X509Certificate[]> presented = new AtomicReference<>();
    try (SSLSocket tls = (SSLSocket) context(trust.trustManager(), presented).getSocketFactory()
        .createSocket(socket, host, connection.port(), true)) {
      tls.setSoTimeout(timeoutMillis);
      tls.startHandshake();
      SSLSession session = tls.getSession();
      X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
      if (!HOST_NAMES.verify(host, session)) {
        return CheckStep.failed(CheckStep.TLS, "the tenant's certificate is valid for "
            + names(leaf) + ", not for " + host + "; use a tenant URL with one of those names,"
            + " or have the tenant's certificate issued for " + host);
      }
      String trusted = connection.fingerprint() != null ? "matches the pinned fingerprint"
          : "chain trusted";
      return CheckStep.passed(CheckStep.TLS, session.getProtocol() + " with " + where
          + "; certificate " + leaf.getSubjectX500Principal().getName() + " " + trusted
          + ", valid for " + host);
    } catch (SSLException e) {
      return CheckStep.failed(CheckStep.TLS, handshakeFailure(e, where, connection,
          presented.get()));
    } catch (IOException e) {
      return CheckStep.failed(CheckStep.TLS, "the TLS handshake with " + where + " failed: "
          + e.getMessage() + "; check that the URL's port is the tenant's HTTPS port");
    }
  }

  private static String handshakeFailure(SSLException e, String where,
      TenantConnection connection, X509Certificate[] chain) {
    CertificateException certificate = cause(e, CertificateException.class);
    if (chain == null || chain.length == 0) {
      return "the TLS handshake with " + where + " failed before any certificate came ("
          + e.getMessage() + "); check that the URL's port is the tenant's HTTPS port and"
          + " not a plain HTTP one";
    }
    X509Certificate leaf = chain[0];
    String seen = "the tenant presented " + leaf.getSubjectX500Principal().getName()
        + " issued by " + leaf.getIssuerX500Principal().getName() + ", SHA-256 fingerprint "
        + CertificateFingerprint.of(leaf);
    if (connection.fingerprint() != null && certificate != null) {
      return certificate.getMessage() + " (" + seen + ")";
    }
    if (cause(e, CertPathBuilderException.class) != null
        || cause(e, CertPathValidatorException.class) != null) {
      return "the tenant's certificate chain does not lead to a trusted CA (" + seen + ");"
          + " give the issuing CA's certificate as the CA bundle, or pin the tenant's"
          + " fingerprint; if a proxy inspects TLS, its CA must be in the bundle";
    }
    return "the TLS handshake with " + where + " failed: " + e.getMessage() + " (" + seen
        + ")";
  }

  private static SSLContext context(X509TrustManager trust,
      AtomicReference<X509Certificate[]> presented) throws IOException {
    X509TrustManager recording = new X509TrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        presented.set(chain);
        trust.checkServerTrusted(chain, authType);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        trust.checkClientTrusted(chain, authType);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recording}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Returns the certificate's DNS names and IP addresses, or its subject when it has none. */
  private static String names(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          int type = (Integer) alternative.get(0);
          if (type == 2 || type == 7) {
            names.add(String.valueOf(alternative.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // Fall back to the subject below.
    }
    return names.isEmpty() ? certificate.getSubjectX500Principal().getName()
        : String.join(", ", names);
  }

  private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
