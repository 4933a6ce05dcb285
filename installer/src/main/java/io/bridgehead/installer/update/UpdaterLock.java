package io.bridgehead.installer.update;

import io.bridgehead.agent.update.UpdateFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code updater.lock}, held for the whole run, so that no two updaters and no service
 * spawning a recovery act on the same installation at once. The operating system releases
 * it when the process ends, however it ends.
 */
final class UpdaterLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private UpdaterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws UpdaterException when another process has the lock
   */
  static UpdaterLock acquire(UpdateFolder folder) throws IOException, UpdaterException {
    FileChannel channel = FileChannel.open(folder.lock(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new UpdaterException(UpdaterException.FAILED, "another updater runs: it has the"
          + " lock " + folder.lock() + ". Wait until it ends, and see " + folder.log());
    }
    // The services open the lock too, to see whether an updater runs.
    SharedFiles.share(folder.lock(), "rw-rw----");
    return new UpdaterLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
