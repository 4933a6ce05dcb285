package io.bridgehead.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second agent process of the same role off a data folder: the second would kill the
 * first one's scripts as leftovers, send its outbox and share its credential. The lock is the
 * operating system's lock on {@code agent-<role>.lock}, so it ends with the process even when
 * the process is killed; the file holds the owner's process id for the error message.
 */
final class DataFolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock for {@code role} in {@code dataFolder}.
   *
   * @throws IOException naming the process that has it, when another process does
   */
  static DataFolderLock acquire(Path dataFolder, String role) throws IOException {
    Files.createDirectories(dataFolder);
    Path file = dataFolder.resolve("agent-" + role + ".lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Another service of this role in the same JVM has it, as in tests.
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
      channel.close();
      throw new IOException("the data folder " + dataFolder + " is in use by another "
          + role + " agent process" + (holder.isEmpty() ? "" : " (process " + holder + ")")
          + "; stop it first, or give this one its own --data folder");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(
        Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    return new DataFolderLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock ends with the process in any case.
    }
  }
}
