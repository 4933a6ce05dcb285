package io.bridgehead.console.instance;

import java.nio.file.Path;

/**
 * A process that becomes the single instance in the folder given as its argument, prints
 * "ready" and then waits to be stopped, for the SIGTERM test of {@link SingleInstance}.
 */
public final class SingleInstanceChild {
  private SingleInstanceChild() {}

  public static void main(String[] args) throws Exception {
    SingleInstance instance = SingleInstance.acquireOrSignal(Path.of(args[0]), "", page -> { });
    if (instance == null) {
      System.exit(3);
    }
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
