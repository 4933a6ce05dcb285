package io.bridgehead.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts left running by a killed agent are killed by the next agent's start. */
class RunRecordsTest {
  @TempDir
  Path workRoot;

  @Test
  void leftoverScriptAndChildAreKilled() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid (util-linux)");
    Process script = new ProcessBuilder(List.of("/usr/bin/setsid", "/bin/sh", "-c",
        "sleep 300 & wait")).start();
    awaitChild(script);
    long childPid = script.toHandle().children().findFirst().orElseThrow().pid();
    RunRecords.record(workRoot, "job_leftover", script.pid());

    RunRecords.killLeftovers(workRoot);

    assertThat(script.waitFor(10, TimeUnit.SECONDS)).isTrue();
    awaitGone(childPid);
    assertThat(workRoot.resolve("pids").resolve("job_leftover")).doesNotExist();
  }

  @Test
  void recordOfOtherProcessIsIgnored() throws Exception {
    Process unrelated = new ProcessBuilder("sleep", "30").start();
    try {
      Files.createDirectories(workRoot.resolve("pids"));
      // A start time that does not match: the process id was reused by another program.
      Files.writeString(workRoot.resolve("pids").resolve("job_old"), unrelated.pid() + " 1000");

      RunRecords.killLeftovers(workRoot);

      assertThat(unrelated.isAlive()).isTrue();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  private static void awaitChild(Process process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (process.toHandle().children().findAny().isEmpty()) {
      assertThat(System.nanoTime()).as("the script's child started").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void awaitGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("process " + pid + " ended").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
