package io.bridgehead.installer.update;

import io.bridgehead.agent.update.UpdateFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * {@code updater.lock}, held for the whole run of an updater or of repair, so that no two of
 * them and no service spawning a recovery act on the same installation at once. The
 * operating system releases it when the process ends, however it ends.
 */
public final class UpdaterLock implements AutoCloseable {
  /**
   * How long an updater waits for another: longer than one update with its rollback takes,
   * which is two stops of up to 90 s and two health waits of 2 min by default.
   */
  public static final Duration WAIT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(500);

  private final FileChannel channel;
  private final FileLock lock;

  private UpdaterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, waiting up to {@link #WAIT} while another updater or repair has it. A
   * service that finds an interrupted update starts a recovery, and an administrator may start
   * one at the same time: the second waits, then finds the journal gone and has nothing left
   * to do.
   *
   * @param waiting run once when another process has the lock and this call starts to wait
   * @throws UpdaterException when another process still has the lock after the wait
   */
  public static UpdaterLock acquire(UpdateFolder folder, Runnable waiting)
      throws IOException, UpdaterException {
    FileChannel channel = FileChannel.open(folder.lock(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      // The services open the lock too, to see whether an updater runs. Shared before the lock
      // is taken: changing a file's mode without following links opens and closes the file,
      // and closing any descriptor of a file drops the process's POSIX locks on it.
      SharedFiles.share(folder.lock(), "rw-rw----");
      lock = channel.tryLock();
      if (lock == null) {
        waiting.run();
      }
      while (lock == null && System.nanoTime() < deadline) {
        Thread.sleep(POLL.toMillis());
        lock = channel.tryLock();
      }
    } catch (InterruptedException e) {
      channel.close();
      Thread.currentThread().interrupt();
      throw new UpdaterException(UpdaterException.FAILED, "interrupted while waiting for the"
          + " lock " + folder.lock());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new UpdaterException(UpdaterException.FAILED, "another updater or repair"
          + " still runs after " + WAIT.toMinutes() + " minutes: it has the lock "
          + folder.lock() + ". Wait until it ends, and see " + folder.log());
    }
    return new UpdaterLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
