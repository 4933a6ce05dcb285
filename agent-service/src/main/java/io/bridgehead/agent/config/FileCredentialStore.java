package io.bridgehead.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a secret in a file in the data folder, mode 0600, owned by the account the agent runs
 * as: the tenant credential in {@code credential}, the proxy password in
 * {@code proxy-password}.
 *
 * <p>NOTE: on Windows this file is protected only by the data folder's ACL; a store encrypted
 * with DPAPI at machine scope is not built yet.
 */
public final class FileCredentialStore implements CredentialStore {
  private static final Logger log = LoggerFactory.getLogger(FileCredentialStore.class);
  public static final String FILE_NAME = "credential";
  public static final String PROXY_PASSWORD_FILE_NAME = "proxy-password";

  private final Path file;
  /** Whether {@link #load()} strips white space: the credential never has any at its ends. */
  private final boolean trim;

  /** Makes the store of the tenant credential. */
  public FileCredentialStore(Path dataFolder) {
    this(dataFolder, FILE_NAME, true);
  }

  private FileCredentialStore(Path dataFolder, String fileName, boolean trim) {
    this.file = dataFolder.resolve(fileName);
    this.trim = trim;
  }

  /**
   * Makes the store of the proxy password. It returns the password exactly as saved, since a
   * password may begin or end with a space.
   */
  public static FileCredentialStore proxyPassword(Path dataFolder) {
    return new FileCredentialStore(dataFolder, PROXY_PASSWORD_FILE_NAME, false);
  }

  @Override
  public void save(String credential) throws IOException {
    AtomicFiles.write(file, credential.getBytes(StandardCharsets.UTF_8), true);
  }

  @Override
  public Optional<String> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    if (AtomicFiles.isPosix()) {
      Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
      if (modes.stream().anyMatch(mode -> mode.name().startsWith("GROUP")
          || mode.name().startsWith("OTHERS"))) {
        log.warn("The secret file {} is readable by other accounts; set it to mode 0600",
            file);
      }
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    String credential = trim ? content.trim() : content;
    return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
  }

  @Override
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
