package io.bridgehead.installer.steps;

import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Ownership;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.record.Journal;
import io.bridgehead.installer.services.ServiceManager;
import java.util.function.Consumer;

/**
 * The settings and services that the steps of one install share.
 *
 * @param settings what to install
 * @param distribution the program files to copy
 * @param services the operating system's service manager
 * @param serviceManagerName {@code systemd}, {@code folder} or {@code windows}, for the record
 * @param ownership hands files to the service account; does nothing with {@code --root}
 * @param journal what this install has made so far
 * @param previous the record of the installation this one replaces, or null for a first
 *     install
 * @param notes receives free-text lines for the operator and the log
 */
public record InstallContext(
    InstallSettings settings,
    Distribution distribution,
    ServiceManager services,
    String serviceManagerName,
    Ownership ownership,
    Journal journal,
    InstallRecord previous,
    Consumer<String> notes) {

  public InstallLayout layout() {
    return settings.layout();
  }

  public void note(String text) {
    notes.accept(text);
  }
}
