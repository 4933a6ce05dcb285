package io.bridgehead.installer.repair;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.linux.Ownership;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * The updater's lock, {@code updates/updater.lock}, held by repair too, so that an update and a
 * repair never change the program files at the same time.
 */
final class UpdateLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private UpdateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @param ownership hands a lock file made here to the services' account, which must open
   *     it for writing to check whether an updater runs
   * @throws IOException when another process has the lock, saying what to do
   */
  static UpdateLock take(UpdateFolder updates, Ownership ownership) throws IOException {
    boolean existed = Files.exists(updates.lock());
    FileChannel channel = FileChannel.open(updates.lock(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    if (!existed) {
      try {
        ownership.userAndGroup(updates.lock());
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("an update or another repair is running, because "
          + updates.lock() + " is locked; wait until it ends (see " + updates.log() + ")");
    }
    return new UpdateLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
