package io.bridgehead.agent.config;

import java.io.IOException;
import java.util.Optional;

/**
 * The agent's storage for one secret: its tenant credential, or the proxy password. The
 * secret is never logged.
 *
 * <p>On Linux it is a file readable by the service account alone; a Windows implementation
 * with DPAPI at machine scope belongs behind this same interface.
 */
public interface CredentialStore {
  void save(String credential) throws IOException;

  Optional<String> load() throws IOException;

  /** Removes the stored secret, so that {@link #load()} returns empty. */
  default void delete() throws IOException {
    save("");
  }
}
