package io.bridgehead.installer.uninstall;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.linux.Commands;
import io.bridgehead.installer.linux.ServiceUser;
import io.bridgehead.installer.plan.Progress;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.services.ServiceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Removes what an install record lists, and nothing else: services, files, links, the
 * installation's own folders with their contents, holder folders when empty, and the users
 * the install created. Every step runs even after one failed, so as little as possible is
 * left; the result names what is left.
 */
public final class Removal {

  private final InstallRecord record;
  private final Path recordFile;
  private final List<Path> folders;
  private final ServiceManager services;
  private final boolean keepData;
  private final Progress progress;
  private final List<String> leftBehind = new ArrayList<>();

  /**
   * Creates a removal.
   *
   * @param recordFile the install record's file, removed last
   * @param folders the layout's folders: a listed path outside them is not removed, and
   *     neither is one outside the record's root when it has one
   * @param services the manager the services were registered with
   * @param keepData true to keep the data folder and everything in it, and the service user
   *     that owns those files
   */
  public Removal(InstallRecord record, Path recordFile, List<Path> folders,
      ServiceManager services, boolean keepData, Progress progress) {
    this.record = record;
    this.recordFile = recordFile;
    this.folders = folders.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    this.services = services;
    this.keepData = keepData;
    this.progress = progress;
  }

  /** Runs every step and returns what could not be removed; empty when all is gone. */
  public List<String> run() {
    Map<String, Runnable> steps = new LinkedHashMap<>();
    steps.put("Stop and remove the services", this::removeServices);
    steps.put("Remove the files and links", this::removeFiles);
    steps.put("Remove the folders", this::removeFolders);
    // An install into a folder, or onto an existing user, made no user, so there is no step.
    if (!record.users().isEmpty()) {
      steps.put(keepData ? "Keep the service user (--keep-data)" : "Remove the service user",
          this::removeUsers);
    }
    steps.put(keepData ? "Keep the install record of the kept data"
        : "Remove the install record", this::finishRecord);

    List<String> descriptions = List.copyOf(steps.keySet());
    int total = descriptions.size();
    for (int i = 0; i < total; i++) {
      progress.planned(i + 1, total, descriptions.get(i));
    }
    List<String> agents = keepData ? List.of() : enrolledAgents();

    for (int i = 0; i < total; i++) {
      progress.started(i + 1, total, descriptions.get(i));
      int failuresBefore = leftBehind.size();
      steps.get(descriptions.get(i)).run();
      if (leftBehind.size() == failuresBefore) {
        progress.done(i + 1, total);
      } else {
        progress.failed(i + 1, total, String.join("; ",
            leftBehind.subList(failuresBefore, leftBehind.size())));
      }
    }
    for (String agent : agents) {
      progress.note(agent);
    }
    return List.copyOf(leftBehind);
  }

  private void removeServices() {
    for (String name : record.services()) {
      try {
        services.unregister(name);
      } catch (IOException e) {
        leftBehind.add("the service " + name + " (" + e.getMessage() + ")");
      }
    }
  }

  private void removeFiles() {
    for (String file : record.files()) {
      remove(Path.of(file), false);
    }
    for (String link : record.links()) {
      remove(Path.of(link), false);
    }
    if (record.serviceManager().equals("systemd") && !record.services().isEmpty()) {
      try {
        Commands.check(List.of("systemctl", "daemon-reload"));
      } catch (IOException e) {
        leftBehind.add("systemd still knows the removed units (" + e.getMessage() + ")");
      }
    }
  }

  private void removeFolders() {
    for (String folder : deepestFirst(record.folders())) {
      remove(Path.of(folder), true);
    }
    for (String folder : deepestFirst(record.parentFolders())) {
      Path path = Path.of(folder);
      if (kept(path) || !allowed(path, true)) {
        continue;
      }
      try {
        // A holder folder that contains files of the administrator's stays.
        FileTrees.deleteIfEmpty(path);
      } catch (IOException e) {
        leftBehind.add(path + " (" + e.getMessage() + ")");
      }
    }
  }

  private void removeUsers() {
    if (keepData) {
      return;
    }
    for (String user : record.users()) {
      try {
        ServiceUser.remove(user);
      } catch (IOException e) {
        leftBehind.add("the user " + user + " (" + e.getMessage() + ")");
      }
    }
  }

  /**
   * Removes the install record, or with {@code --keep-data} rewrites it to list only what
   * is left: the kept folders and files and the service users. A later install merges it into
   * its own record, so a later uninstall removes them.
   */
  private void finishRecord() {
    if (!keepData) {
      remove(recordFile, false);
      // The holder folders around the record were not empty when the other folders were removed.
      for (String folder : deepestFirst(record.parentFolders())) {
        Path path = Path.of(folder);
        if (recordFile.startsWith(path)) {
          try {
            FileTrees.deleteIfEmpty(path);
          } catch (IOException e) {
            leftBehind.add(path + " (" + e.getMessage() + ")");
          }
        }
      }
      return;
    }
    InstallRecord kept = new InstallRecord(record.version(), record.installedAt(),
        record.root(), record.installDir(), record.dataDir(), record.serviceManager(),
        List.of(), record.users(), existing(record.files()), existing(record.links()),
        existing(record.folders()), existing(record.parentFolders()), record.proxy());
    try {
      kept.write(recordFile);
    } catch (IOException e) {
      leftBehind.add(recordFile + " (" + e.getMessage() + ")");
    }
  }

  private static List<String> existing(List<String> paths) {
    return paths.stream()
        .filter(path -> Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS))
        .toList();
  }

  private void remove(Path path, boolean folder) {
    if (kept(path) && !path.equals(recordFile)) {
      return;
    }
    if (!path.equals(recordFile) && !allowed(path, false)) {
      return;
    }
    try {
      if (folder) {
        FileTrees.delete(path);
      } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      leftBehind.add(path + " (" + e.getMessage() + ")");
    }
  }

  /**
   * Returns whether the record may remove {@code path}: inside the record's root when it has
   * one, and inside one of the layout's folders. A holder folder may also be a parent of one
   * of them, because it is removed only when empty. Otherwise the path is left behind, with
   * the reason, so that an edited or damaged record cannot remove other files.
   */
  private boolean allowed(Path path, boolean holder) {
    Path normalized = path.toAbsolutePath().normalize();
    boolean inside = record.root() == null
        || normalized.startsWith(Path.of(record.root()).toAbsolutePath().normalize());
    if (inside) {
      inside = false;
      for (Path folder : folders) {
        boolean parent = holder && normalized.getNameCount() > 0 && folder.startsWith(normalized);
        if (normalized.startsWith(folder) || parent) {
          inside = true;
          break;
        }
      }
    }
    if (!inside) {
      leftBehind.add(path + " (not removed: the install record lists it, but it is outside"
          + (record.root() == null ? "" : " the root " + record.root() + " or")
          + " the installation's folders; remove it by hand if Bridgehead made it)");
    }
    return inside;
  }

  /** Returns whether {@code --keep-data} keeps the path: the data folder or inside it. */
  private boolean kept(Path path) {
    return keepData && path.startsWith(Path.of(record.dataDir()));
  }

  private static List<String> deepestFirst(List<String> paths) {
    return paths.stream().sorted(Comparator.comparingInt(
        (String path) -> Path.of(path).getNameCount()).reversed()).toList();
  }

  /** Returns a note for each enrolled agent, which stays registered on the tenant. */
  private List<String> enrolledAgents() {
    List<String> notes = new ArrayList<>();
    Path data = Path.of(record.dataDir());
    if (!Files.isDirectory(data)) {
      return notes;
    }
    try (Stream<Path> folders = Files.list(data)) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        if (Files.exists(folder.resolve(AgentConfig.FILE_NAME))) {
          AgentConfig config = AgentConfig.read(folder);
          notes.add("Agent " + config.agentId() + " stays registered in pool " + config.pool()
              + " on the tenant; remove it there with 'bridgehead tenant agent remove "
              + config.agentId() + "'.");
        }
      }
    } catch (IOException e) {
      notes.add("Could not read the enrolled agents in " + data + ": " + e.getMessage());
    }
    return notes;
  }
}
