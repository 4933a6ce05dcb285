package io.bridgehead.ipc;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes named daemon threads, so that IPC never keeps a process alive on its own. */
final class DaemonThreads {
  private DaemonThreads() {
  }

  static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Returns a factory whose threads are named {@code <prefix>-1}, {@code <prefix>-2}, ... */
  static ThreadFactory factory(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return body -> {
      Thread thread = new Thread(body, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
