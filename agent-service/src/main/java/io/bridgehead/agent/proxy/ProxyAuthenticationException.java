package io.bridgehead.agent.proxy;

import java.io.IOException;

/** The proxy returned HTTP 407: it needs credentials, or rejected the ones sent. */
public final class ProxyAuthenticationException extends IOException {
  public ProxyAuthenticationException(String message) {
    super(message);
  }
}
