package io.bridgehead.installer.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.agent.config.AtomicFiles;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The list of what an installation made, stored as {@code install.json} in the data folder, so that
 * uninstall removes exactly that. Paths are absolute. A reinstall adds what it made to the
 * previous record.
 *
 * @param version the program version that {@code current} points at
 * @param installedAt when the last install or reinstall finished
 * @param root the {@code --root} folder, or null for an installation into the system
 * @param installDir the program folder
 * @param dataDir the data folder; {@code uninstall --keep-data} keeps it and what is in it
 * @param serviceManager {@code systemd}, {@code folder} or {@code windows}
 * @param services the registered service names
 * @param users the system users the install created
 * @param files the files the install created
 * @param links the symbolic links the install created
 * @param folders the folders the install created for itself; uninstall removes them with
 *     everything in them, such as logs and the services' work files
 * @param parentFolders the folders created only to hold the others, such as {@code ROOT/var};
 *     uninstall removes them only when they are empty
 * @param proxy the proxy choice made at install time
 */
public record InstallRecord(
    String version,
    Instant installedAt,
    String root,
    String installDir,
    String dataDir,
    String serviceManager,
    List<String> services,
    List<String> users,
    List<String> files,
    List<String> links,
    List<String> folders,
    List<String> parentFolders,
    ProxyChoice proxy) {

  public InstallRecord {
    services = List.copyOf(services);
    users = List.copyOf(users);
    files = List.copyOf(files);
    links = List.copyOf(links);
    folders = List.copyOf(folders);
    parentFolders = List.copyOf(parentFolders);
  }

  /** Writes the record atomically, readable by root only (mode 0600). */
  public void write(Path file) throws IOException {
    ObjectMapper mapper = Json.mapper();
    AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(this),
        true);
  }

  /**
   * Reads a record.
   *
   * @throws IOException when the file is missing or not a valid record, naming the file
   */
  public static InstallRecord read(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    try {
      return Json.mapper().readValue(content, InstallRecord.class);
    } catch (IOException e) {
      throw new IOException("the install record " + file + " is not valid: " + e.getMessage(),
          e);
    }
  }
}
