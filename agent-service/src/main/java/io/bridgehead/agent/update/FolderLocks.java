package io.bridgehead.agent.update;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file locks of the update folder: {@code download.lock}, which keeps the services of one
 * installation from downloading at the same time, and {@code updater.lock}, which the running
 * updater holds.
 */
public final class FolderLocks {
  /** The lock a service holds while it downloads, in the update folder. */
  public static final String DOWNLOAD_LOCK = "download.lock";

  private FolderLocks() {}

  /**
   * Takes the download lock without waiting, or returns null when another service holds it.
   * Closing the returned channel releases the lock.
   */
  public static FileChannel tryDownloadLock(UpdateFolder folder) throws IOException {
    Path file = folder.dir().resolve(DOWNLOAD_LOCK);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return channel;
      }
    } catch (OverlappingFileLockException e) {
      // Another service in this JVM has the lock, as in tests.
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return null;
  }

  /**
   * Returns whether an updater holds {@code updater.lock}. The updater runs as root and may own
   * the file, so it is opened for reading and tested with a shared lock, which an updater's
   * exclusive lock blocks.
   */
  public static boolean updaterRunning(UpdateFolder folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder.lock(), StandardOpenOption.READ)) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }
}
