package io.bridgehead.installer.wizard;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/** Runs the wizard's checks and the install off the JavaFX thread, on daemon threads. */
final class Background {
  private final AtomicInteger count = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "bridgehead-wizard-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  /** Starts a task; its handlers run on the JavaFX thread. */
  <T> Task<T> run(Task<T> task) {
    executor.execute(task);
    return task;
  }

  /** Stops taking tasks; running ones go on, and their daemon threads end with the JVM. */
  void shutdown() {
    executor.shutdown();
  }
}
