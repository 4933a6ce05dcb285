package io.bridgehead.agent.script;

import io.bridgehead.wire.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started script: two threads read its output streams, and a watcher thread enforces the
 * time limit, carries out a cancel, kills what the script left behind, reads the result file,
 * deletes the run folder and completes the outcome.
 */
final class ProcessRun implements RunningScript {
  private static final Logger log = LoggerFactory.getLogger(ProcessRun.class);
  /** How long to wait for the output streams to end once the process tree is gone. */
  private static final Duration OUTPUT_DRAIN_WAIT = Duration.ofSeconds(5);

  /** The way the run ends; it leaves {@code RUNNING} once, for whichever end comes first. */
  private enum Ending { RUNNING, EXITED, TIMED_OUT, CANCELLED }

  private final Process process;
  private final RunFolder folder;
  private final Duration timeLimit;
  private final SecretMasker masker;
  private final ProcessTreeKiller killer;
  private final Instant startedAt;
  private final String runName;
  private final OutputCollector output;
  private final OutputCollector errorOutput;
  private final Thread outputThread;
  private final Thread errorThread;

  private final AtomicReference<Ending> ending = new AtomicReference<>(Ending.RUNNING);
  private final CompletableFuture<Void> cancelRequest = new CompletableFuture<>();
  private final CompletableFuture<ScriptOutcome> outcome = new CompletableFuture<>();

  private ProcessRun(Process process, RunFolder folder, ScriptRequest request,
      OutputListener listener, SecretMasker masker, ProcessTreeKiller killer,
      Instant startedAt) {
    this.process = process;
    this.folder = folder;
    this.timeLimit = request.timeLimit();
    this.masker = masker;
    this.killer = killer;
    this.startedAt = startedAt;
    this.runName = "script process " + process.pid();
    long cap = request.outputCapBytes();
    this.output = new OutputCollector(OutputStreamKind.OUTPUT, process.getInputStream(), cap,
        masker, listener, runName);
    this.errorOutput = new OutputCollector(OutputStreamKind.ERROR, process.getErrorStream(), cap,
        masker, listener, runName);
    this.outputThread = daemon(output, "stdout");
    this.errorThread = daemon(errorOutput, "stderr");
  }

  /** Starts reading the process's output and watching it; the process is already running. */
  static ProcessRun watch(Process process, RunFolder folder, ScriptRequest request,
      OutputListener listener, SecretMasker masker, ProcessTreeKiller killer,
      Instant startedAt) {
    ProcessRun run =
        new ProcessRun(process, folder, request, listener, masker, killer, startedAt);
    run.outputThread.start();
    run.errorThread.start();
    run.daemon(run::finishSafely, "watch").start();
    return run;
  }

  @Override
  public ScriptOutcome await() throws InterruptedException {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the watcher of " + runName + " failed", e.getCause());
    }
  }

  @Override
  public ScriptOutcome await(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the watcher of " + runName + " failed", e.getCause());
    }
  }

  @Override
  public void cancel() {
    if (ending.compareAndSet(Ending.RUNNING, Ending.CANCELLED)) {
      log.info("Cancelling {}", runName);
      cancelRequest.complete(null);
    }
  }

  @Override
  public long pid() {
    return process.pid();
  }

  private Thread daemon(Runnable task, String role) {
    Thread thread = new Thread(task, "bridgehead-script-" + process.pid() + "-" + role);
    thread.setDaemon(true);
    return thread;
  }

  /** Completes the outcome even when finishing the run fails, so that await() returns. */
  private void finishSafely() {
    ScriptOutcome result;
    try {
      result = finish();
    } catch (RuntimeException | Error e) {
      log.error("The agent failed while watching {}", runName, e);
      killer.killTree(process);
      folder.delete();
      result = new ScriptOutcome(Outcome.FAILED, null, null, output.text(), errorOutput.text(),
          true, masker.mask("the agent failed while watching the script: " + e), startedAt,
          Instant.now());
    }
    log.info("{} ended {}: {}", runName, result.outcome(), result.message());
    outcome.complete(result);
  }

  private ScriptOutcome finish() {
    Ending end = awaitEnding();
    int killed = end == Ending.EXITED ? 0 : killer.killTree(process);
    awaitExit();
    // Background processes still running in the script's process group after its exit.
    int leftovers = killer.killTree(process);
    boolean drained = awaitOutputEnd();
    ResultFile result = end == Ending.EXITED
        ? ResultFile.read(folder.resultFile())
        : new ResultFile(null, null);
    folder.delete();
    return buildOutcome(end, killed + leftovers, leftovers, drained, result);
  }

  /** Waits for the exit, a cancel or the time limit, whichever comes first. */
  private Ending awaitEnding() {
    try {
      CompletableFuture.anyOf(process.onExit(), cancelRequest)
          .get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      ending.compareAndSet(Ending.RUNNING, Ending.TIMED_OUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ending.compareAndSet(Ending.RUNNING, Ending.CANCELLED);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for " + runName + " failed", e.getCause());
    }
    ending.compareAndSet(Ending.RUNNING, Ending.EXITED);
    return ending.get();
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(ProcessKills.EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} is still running after it was killed", runName);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until both streams have ended. Returns false when a process that the killer could
   * not reach still holds a stream open; its reader thread then stays blocked until it exits.
   */
  private boolean awaitOutputEnd() {
    long deadline = System.nanoTime() + OUTPUT_DRAIN_WAIT.toNanos();
    try {
      for (Thread reader : new Thread[] {outputThread, errorThread}) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        reader.join(Math.max(1, remainingMillis));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean drained = !outputThread.isAlive() && !errorThread.isAlive();
    if (!drained) {
      log.warn("The output of {} did not end within {} after its exit: a process outside its"
          + " process tree still holds it open", runName, OUTPUT_DRAIN_WAIT);
    }
    return drained;
  }

  private ScriptOutcome buildOutcome(Ending end, int killed, int leftovers, boolean drained,
      ResultFile result) {
    Outcome kind;
    Integer exitCode = null;
    StringBuilder message = new StringBuilder();
    switch (end) {
      case TIMED_OUT -> {
        kind = Outcome.TIMED_OUT;
        message.append("timed out after ").append(formatDuration(timeLimit))
            .append("; killed ").append(processes(killed));
      }
      case CANCELLED -> {
        kind = Outcome.CANCELLED;
        message.append("cancelled; killed ").append(processes(killed));
      }
      default -> {
        exitCode = process.exitValue();
        kind = exitCode == 0 && result.error() == null ? Outcome.SUCCEEDED : Outcome.FAILED;
        message.append("exited with code ").append(exitCode);
        if (leftovers > 0) {
          message.append("; killed ").append(processes(leftovers))
              .append(" it left running in the background");
        }
        if (result.error() != null) {
          message.append("; ").append(result.error());
        }
      }
    }
    if (!drained) {
      message.append("; the output is incomplete because a process outside the script's"
          + " process tree kept it open");
    }
    boolean truncated = output.truncated() || errorOutput.truncated() || !drained;
    return new ScriptOutcome(kind, exitCode, masker.maskJson(result.value()), output.text(),
        errorOutput.text(), truncated, masker.mask(message.toString()), startedAt, Instant.now());
  }

  private static String processes(int count) {
    return count == 1 ? "1 process" : count + " processes";
  }

  /** Formats a time limit as whole seconds where it is one, else in milliseconds. */
  static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
