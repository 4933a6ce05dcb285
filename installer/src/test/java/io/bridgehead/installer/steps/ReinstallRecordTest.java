package io.bridgehead.installer.steps;

import static org.assertj.core.api.Assertions.assertThat;

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

/** What an install records of paths that existed before it. */
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

  private static InstallContext context(InstallLayout layout, Journal journal) {
    InstallSettings settings = new InstallSettings(layout, List.of(Role.AUTOMATION), null,
        List.of(), "bridgehead", null, ProxyChoice.SYSTEM, null, false, false, false);
    return new InstallContext(settings,
        new Distribution("1.0.0", List.of(), null, Path.of("java"), "Main"),
        ServiceManagers.folder(layout.runDir()), "folder", Ownership.none(), journal, null,
        note -> { });
  }
}
