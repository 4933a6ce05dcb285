package io.bridgehead.installer.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The record of what the running install has made so far. Steps add what they create and
 * take it out again when they undo it. The last step writes the rest into the
 * {@link InstallRecord}.
 *
 * <p>Not thread-safe: the steps of a plan run one after another.
 */
public final class Journal {
  private final Set<String> services = new LinkedHashSet<>();
  private final Set<String> users = new LinkedHashSet<>();
  private final Set<String> files = new LinkedHashSet<>();
  private final Set<String> links = new LinkedHashSet<>();
  private final Set<String> folders = new LinkedHashSet<>();
  private final Set<String> parentFolders = new LinkedHashSet<>();

  /** Starts from a previous record, so that a reinstall keeps what the first install made. */
  public void addAll(InstallRecord previous) {
    services.addAll(previous.services());
    users.addAll(previous.users());
    files.addAll(previous.files());
    links.addAll(previous.links());
    folders.addAll(previous.folders());
    parentFolders.addAll(previous.parentFolders());
  }

  public void service(String name) {
    services.add(name);
  }

  public void user(String name) {
    users.add(name);
  }

  public void file(Path path) {
    files.add(text(path));
  }

  public void link(Path path) {
    links.add(text(path));
  }

  public void folder(Path path) {
    folders.add(text(path));
  }

  public void parentFolder(Path path) {
    parentFolders.add(text(path));
  }

  /** Takes a path out of every list, after an undo removed it. */
  public void forget(Path path) {
    String text = text(path);
    files.remove(text);
    links.remove(text);
    folders.remove(text);
    parentFolders.remove(text);
  }

  public void forgetService(String name) {
    services.remove(name);
  }

  public void forgetUser(String name) {
    users.remove(name);
  }

  public boolean containsFile(Path path) {
    return files.contains(text(path));
  }

  public boolean containsFolder(Path path) {
    String text = text(path);
    return folders.contains(text) || parentFolders.contains(text);
  }

  public List<String> services() {
    return new ArrayList<>(services);
  }

  public List<String> users() {
    return new ArrayList<>(users);
  }

  public List<String> files() {
    return new ArrayList<>(files);
  }

  public List<String> links() {
    return new ArrayList<>(links);
  }

  public List<String> folders() {
    return new ArrayList<>(folders);
  }

  public List<String> parentFolders() {
    return new ArrayList<>(parentFolders);
  }

  private static String text(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
