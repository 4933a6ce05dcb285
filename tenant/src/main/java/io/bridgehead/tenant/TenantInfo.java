package io.bridgehead.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.tenant.security.PrivateFiles;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a running tenant publishes in its data folder as {@code tenant.json}, so that the
 * {@code bridgehead tenant ...} commands on the same machine find it without options.
 *
 * @param url the tenant's base URL, for example {@code https://127.0.0.1:8443}
 * @param fingerprint the SHA-256 fingerprint of its certificate
 * @param pid the tenant's process id, or 0 once it has stopped
 */
public record TenantInfo(String url, String fingerprint, long pid) {
  public static final String FILE_NAME = "tenant.json";
  public static final String ADMIN_TOKEN_FILE = "admin-token";

  void write(Path dataFolder) throws IOException {
    ObjectMapper mapper = Json.mapper();
    PrivateFiles.write(dataFolder.resolve(FILE_NAME),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
  }

  /**
   * Reads the file a tenant wrote.
   *
   * @throws IOException naming the folder and what to do when the file is missing or unreadable
   */
  public static TenantInfo read(Path dataFolder) throws IOException {
    Path file = dataFolder.resolve(FILE_NAME);
    try {
      return Json.mapper().readValue(Files.readAllBytes(file), TenantInfo.class);
    } catch (NoSuchFileException e) {
      throw new IOException("no tenant has run with data folder " + dataFolder
          + "; start one with 'bridgehead tenant start --data " + dataFolder
          + "' or give --url, --fingerprint and --token-file");
    }
  }
}
