package io.bridgehead.installer.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Ownership;
import io.bridgehead.installer.record.Journal;
import io.bridgehead.installer.record.ProxyChoice;
import io.bridgehead.installer.services.ServiceManagers;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reinstall records and changes of paths that existed before it. */
class ReinstallRecordTest {
  @TempDir
  Path root;

  @Test
  void existingDataFoldersRecorded() throws IOException {
    InstallLayout layout = InstallLayout.linux(root, null, null);
    Path roleData = Files.createDirectories(layout.roleData(Role.AUTOMATION));
    Journal journal = new Journal();

    new CreateFolders(context(layout, journal)).run();

    assertThat(journal.folders()).contains(roleData.toString());
    assertThat(journal.parentFolders()).contains(layout.dataDir().toString());
    assertThat(journal.folders()).contains(layout.logDir().toString());
  }

  @Test
  void existingFileRecordedOnlyWhenListed() throws IOException {
    Path adminFile = Files.writeString(root.resolve("admin.service"), "administrator's");
    Path listedFile = Files.writeString(root.resolve("listed.service"), "earlier install's");
    Path newFile = root.resolve("new.service");
    Journal journal = new Journal();
    journal.file(listedFile);
    WrittenFiles files = new WrittenFiles(journal);

    files.write(adminFile, "new", "rw-r--r--");
    files.write(listedFile, "new", "rw-r--r--");
    files.write(newFile, "new", "rw-r--r--");

    assertThat(journal.files()).doesNotContain(adminFile.toString());
    assertThat(journal.files()).contains(listedFile.toString());
    assertThat(journal.files()).contains(newFile.toString());
  }

  @Test
  void givenProxyWrittenToEnrolledFolder() throws Exception {
    InstallLayout layout = InstallLayout.linux(root, null, null);
    Path data = Files.createDirectories(layout.roleData(Role.AUTOMATION));
    new AgentConfig("https://127.0.0.1:8443", null, null, "agt_1", "pool",
        List.of(Role.AUTOMATION), ProxySettings.none()).write(data);
    ProxyChoice proxy = new ProxyChoice("explicit", "http://127.0.0.1:3128", "agent");
    InstallSettings settings = new InstallSettings(layout, List.of(Role.AUTOMATION), null,
        List.of(), "bridgehead", null, proxy, "secret".toCharArray(), true, false, false);
    EnrollModules step = new EnrollModules(context(settings, new Journal()));

    step.run();

    assertThat(AgentConfig.read(data).proxy().username()).isEqualTo("agent");
    assertThat(FileCredentialStore.proxyPassword(data).load()).contains("secret");

    step.undo();

    assertThat(AgentConfig.read(data).proxy()).isEqualTo(ProxySettings.none());
    assertThat(FileCredentialStore.proxyPassword(data).load()).isEmpty();
  }

  @Test
  void defaultProxyKeepsEnrolledFolder() throws Exception {
    InstallLayout layout = InstallLayout.linux(root, null, null);
    Path data = Files.createDirectories(layout.roleData(Role.AUTOMATION));
    new AgentConfig("https://127.0.0.1:8443", null, null, "agt_1", "pool",
        List.of(Role.AUTOMATION), ProxySettings.none()).write(data);
    InstallSettings settings = new InstallSettings(layout, List.of(Role.AUTOMATION), null,
        List.of(), "bridgehead", null, ProxyChoice.SYSTEM, null, false, false, false);

    new EnrollModules(context(settings, new Journal())).run();

    assertThat(AgentConfig.read(data).proxy()).isEqualTo(ProxySettings.none());
  }

  private static InstallContext context(InstallLayout layout, Journal journal) {
    InstallSettings settings = new InstallSettings(layout, List.of(Role.AUTOMATION), null,
        List.of(), "bridgehead", null, ProxyChoice.SYSTEM, null, false, false, false);
    return context(settings, journal);
  }

  private static InstallContext context(InstallSettings settings, Journal journal) {
    InstallLayout layout = settings.layout();
    return new InstallContext(settings,
        new Distribution("1.0.0", List.of(), null, Path.of("java"), "Main"),
        ServiceManagers.folder(layout.runDir()), "folder", Ownership.none(), journal, null,
        note -> { });
  }
}
