package io.bridgehead.agent.proxy;

import java.io.IOException;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 challenge once with Basic credentials. A second 407, which means the
 * proxy rejected them, fails the call with {@link ProxyAuthenticationException} instead of
 * trying again, so a wrong password does not lock the account by repeated attempts.
 */
final class BasicProxyAuthenticator implements Authenticator {
  /** The scheme of the made-up challenge OkHttp passes before it opens a tunnel (OkHttp 4+). */
  private static final String PREEMPTIVE = "okhttp-preemptive";
  private static final String HEADER = "Proxy-Authorization";

  private final ProxyRoute route;

  BasicProxyAuthenticator(ProxyRoute route) {
    this.route = route;
  }

  @Override
  public Request authenticate(Route okRoute, Response response) throws IOException {
    if (response.code() != 407) {
      return null;
    }
    boolean basicOffered = false;
    for (Challenge challenge : response.challenges()) {
      String scheme = challenge.scheme().toLowerCase(Locale.ROOT);
      if (scheme.equals(PREEMPTIVE)) {
        // Credentials go out only after the proxy requests them with a real 407.
        return null;
      }
      basicOffered |= scheme.equals("basic");
    }
    if (route.username() == null || response.request().header(HEADER) != null) {
      throw route.authenticationFailed();
    }
    if (!basicOffered) {
      throw new ProxyAuthenticationException("the proxy " + route.proxyUrl() + " asks for "
          + response.headers("Proxy-Authenticate") + " authentication; only Basic is"
          + " supported, so allow Basic for user " + route.username() + " on the proxy");
    }
    return response.request().newBuilder()
        .header(HEADER, route.authorization().orElseThrow())
        .build();
  }
}
