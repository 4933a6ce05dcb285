package io.bridgehead.installer.uninstall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bridgehead.installer.plan.PlanResult;
import io.bridgehead.installer.plan.Progress;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.record.ProxyChoice;
import io.bridgehead.installer.services.ServiceManagers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemovalTest {
  @TempDir
  Path root;

  @Test
  void keepDataRewritesRecord() throws IOException {
    Path installDir = Files.createDirectories(root.resolve("opt/bridgehead"));
    Path dataDir = Files.createDirectories(root.resolve("var/lib/bridgehead"));
    Path roleData = Files.createDirectories(dataDir.resolve("automation"));
    Files.writeString(roleData.resolve("agent.json"), "{}");
    Path unit = Files.createDirectories(root.resolve("etc/systemd/system"))
        .resolve("bridgehead-automation.service");
    Files.writeString(unit, "[Unit]\n");
    Path recordFile = dataDir.resolve("install.json");
    InstallRecord record = new InstallRecord("1.0", Instant.now(), root.toString(),
        installDir.toString(), dataDir.toString(), "folder", List.of(), List.of(),
        List.of(unit.toString()), List.of(),
        List.of(installDir.toString(), roleData.toString()),
        List.of(dataDir.toString(), root.resolve("var").toString()), ProxyChoice.SYSTEM);
    record.write(recordFile);

    List<String> left = removal(record, recordFile, true).run();

    assertEquals(List.of(), left);
    assertFalse(Files.exists(installDir));
    assertFalse(Files.exists(unit));
    assertTrue(Files.exists(roleData.resolve("agent.json")));
    InstallRecord kept = InstallRecord.read(recordFile);
    assertEquals(List.of(roleData.toString()), kept.folders());
    assertEquals(List.of(), kept.files());
    assertTrue(kept.parentFolders().contains(dataDir.toString()));

    left = removal(kept, recordFile, false).run();

    assertEquals(List.of(), left);
    assertFalse(Files.exists(roleData));
    assertFalse(Files.exists(recordFile));
    assertFalse(Files.exists(dataDir));
  }

  @Test
  void pathOutsideFoldersNotRemoved(@TempDir Path elsewhere) throws IOException {
    Path installDir = Files.createDirectories(root.resolve("opt/bridgehead"));
    Path dataDir = Files.createDirectories(root.resolve("var/lib/bridgehead"));
    Path outsideRoot = Files.writeString(elsewhere.resolve("notes.txt"), "keep");
    Path outsideFolders = Files.writeString(root.resolve("notes.txt"), "keep");
    Path recordFile = dataDir.resolve("install.json");
    InstallRecord record = new InstallRecord("1.0", Instant.now(), root.toString(),
        installDir.toString(), dataDir.toString(), "folder", List.of(), List.of(),
        List.of(outsideRoot.toString(), outsideFolders.toString()), List.of(),
        List.of(installDir.toString(), elsewhere.toString()), List.of(), ProxyChoice.SYSTEM);
    record.write(recordFile);

    List<String> left = removal(record, recordFile, false).run();

    assertTrue(Files.exists(outsideRoot));
    assertTrue(Files.exists(outsideFolders));
    assertTrue(Files.exists(elsewhere));
    assertFalse(Files.exists(installDir));
    assertEquals(3, left.size());
    assertTrue(left.get(0).startsWith(outsideRoot + " (not removed"), left.get(0));
  }

  private Removal removal(InstallRecord record, Path recordFile, boolean keepData) {
    List<Path> folders = List.of(Path.of(record.installDir()), Path.of(record.dataDir()),
        root.resolve("etc/systemd/system"));
    return new Removal(record, recordFile, folders,
        ServiceManagers.folder(root.resolve("run/bridgehead")), keepData, new NoProgress());
  }

  /** Progress that keeps only the notes. */
  static final class NoProgress implements Progress {
    final List<String> notes = new ArrayList<>();

    @Override
    public void planned(int number, int total, String description) {
    }

    @Override
    public void started(int number, int total, String description) {
    }

    @Override
    public void done(int number, int total) {
    }

    @Override
    public void failed(int number, int total, String reason) {
    }

    @Override
    public void undoing(int number, int total, String description) {
    }

    @Override
    public void undone(int number, int total) {
    }

    @Override
    public void undoFailed(int number, int total, String reason) {
    }

    @Override
    public void result(PlanResult result) {
    }

    @Override
    public void note(String text) {
      notes.add(text);
    }
  }
}
