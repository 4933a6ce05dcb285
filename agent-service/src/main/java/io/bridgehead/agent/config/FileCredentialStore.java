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
 * Keeps the credential in {@code credential} in the data folder, mode 0600, owned by the
 * account the agent runs as.
 *
 * <p>NOTE: on Windows this file is protected only by the data folder's ACL; a store encrypted
 * with DPAPI at machine scope is not built yet.
 */
public final class FileCredentialStore implements CredentialStore {
  private static final Logger log = LoggerFactory.getLogger(FileCredentialStore.class);
  public static final String FILE_NAME = "credential";

  private final Path file;

  public FileCredentialStore(Path dataFolder) {
    this.file = dataFolder.resolve(FILE_NAME);
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
        log.warn("The credential file {} is readable by other accounts; set it to mode 0600",
            file);
      }
    }
    String credential = Files.readString(file, StandardCharsets.UTF_8).trim();
    return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
  }
}
