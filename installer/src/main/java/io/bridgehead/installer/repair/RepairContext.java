package io.bridgehead.installer.repair;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.distribution.DistributionLocator;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Ownership;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.record.Journal;
import io.bridgehead.installer.record.ProxyChoice;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.steps.InstallContext;
import io.bridgehead.installer.steps.InstallSettings;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The state that the steps of one repair share. The source is null until the step that
 * chooses it has run.
 */
final class RepairContext {
  /** The class the launch script starts, in the launcher module. */
  static final String MAIN_CLASS = "io.bridgehead.launcher.Main";

  final InstallLayout layout;
  final InstallRecord record;
  final List<Role> roles;
  final String serviceAccount;
  final ServiceManager services;
  final String serviceManagerName;
  final DistributionLocator runningProgram;
  final Duration healthTimeout;
  private final Consumer<String> notes;
  private RepairSource source;

  RepairContext(InstallLayout layout, InstallRecord record, List<Role> roles,
      String serviceAccount, ServiceManager services, DistributionLocator runningProgram,
      Duration healthTimeout, Consumer<String> notes) {
    this.layout = layout;
    this.record = record;
    this.roles = List.copyOf(roles);
    this.serviceAccount = serviceAccount;
    this.services = services;
    this.serviceManagerName = record.serviceManager();
    this.runningProgram = runningProgram;
    this.healthTimeout = healthTimeout;
    this.notes = notes;
  }

  UpdateFolder updates() {
    return UpdateFolder.of(layout.dataDir());
  }

  void note(String text) {
    notes.accept(text);
  }

  /** Returns the chosen source; the step that chooses it runs first. */
  RepairSource source() {
    if (source == null) {
      throw new IllegalStateException("no source chosen yet");
    }
    return source;
  }

  void source(RepairSource chosen) {
    this.source = chosen;
  }

  /** Returns the folder of the version that repair restores. */
  Path versionDir() {
    return layout.versionDir(source().version());
  }

  /**
   * Returns an install context for the install steps and helpers that repair reuses to write
   * unit files and service definitions. It enrolls nothing and records into a journal of its
   * own, which repair does not write back.
   */
  InstallContext installContext() throws IOException {
    ProxyChoice proxy = record.proxy() == null ? ProxyChoice.SYSTEM : record.proxy();
    InstallSettings settings = new InstallSettings(layout, roles, null, List.of(),
        serviceAccount, null, proxy, null, false, true, false);
    Distribution distribution = source().distribution() != null ? source().distribution()
        : Distribution.of(versionDir(), MAIN_CLASS, source().version());
    Journal journal = new Journal();
    journal.addAll(record);
    return new InstallContext(settings, distribution, services, serviceManagerName,
        Ownership.none(), journal, record, notes);
  }
}
