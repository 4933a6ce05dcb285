package io.bridgehead.installer.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  private final List<String> events = new ArrayList<>();
  private final Progress progress = new Progress() {
    @Override
    public void planned(int number, int total, String description) {
      events.add("plan " + number + " " + total + " " + description);
    }

    @Override
    public void started(int number, int total, String description) {
      events.add("step " + number + " " + total + " " + description);
    }

    @Override
    public void done(int number, int total) {
      events.add("done " + number + " " + total);
    }

    @Override
    public void failed(int number, int total, String reason) {
      events.add("failed " + number + " " + total + " " + reason);
    }

    @Override
    public void undoing(int number, int total, String description) {
      events.add("undo " + number + " " + total + " " + description);
    }

    @Override
    public void undone(int number, int total) {
      events.add("undone " + number + " " + total);
    }

    @Override
    public void undoFailed(int number, int total, String reason) {
      events.add("undo-failed " + number + " " + total + " " + reason);
    }

    @Override
    public void result(PlanResult result) {
      events.add("result " + result.status().word() + " " + result.message());
    }

    @Override
    public void note(String text) {
      events.add(text);
    }
  };

  @Test
  void allStepsRunAndFinish() {
    List<String> calls = new ArrayList<>();

    PlanResult result = new Plan(List.of(new Recorded("a", calls, null, false),
        new Recorded("b", calls, null, false)), progress).run(() -> false, "all done");

    assertThat(result.exitCode()).isZero();
    assertThat(calls).containsExactly("run a", "run b", "finish a", "finish b");
    assertThat(events).containsExactly("plan 1 2 a", "plan 2 2 b", "step 1 2 a", "done 1 2",
        "step 2 2 b", "done 2 2", "result ok all done");
  }

  @Test
  void failureWithoutUndoKeepsEarlierSteps() {
    List<String> calls = new ArrayList<>();

    PlanResult result = new Plan(List.of(new Recorded("a", calls, null, false),
        new Recorded("b", calls, new StepFailedException(1, "not healthy"), false),
        new Recorded("c", calls, null, false)), progress, false).run(() -> false, "unused");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.status()).isEqualTo(PlanResult.Status.FAILED);
    assertThat(calls).containsExactly("run a", "run b");
    assertThat(events).contains("failed 2 3 not healthy",
        "result failed step 2 of 3 (b) failed: not healthy; the steps before it stay done");
    assertThat(events).noneMatch(event -> event.startsWith("undo"));
  }

  @Test
  void failedStepUndoesInReverseOrder() {
    List<String> calls = new ArrayList<>();

    PlanResult result = new Plan(List.of(new Recorded("a", calls, null, false),
        new Recorded("b", calls, new StepFailedException(3, "key rejected"), false),
        new Recorded("c", calls, null, false)), progress).run(() -> false, "unused");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.status()).isEqualTo(PlanResult.Status.FAILED);
    assertThat(result.message()).isEqualTo("step 2 of 3 (b) failed: key rejected; everything"
        + " done was undone");
    assertThat(calls).containsExactly("run a", "run b", "undo b", "undo a");
    assertThat(events).contains("failed 2 3 key rejected", "undo 2 3 b", "undone 2 3",
        "undo 1 3 a", "undone 1 3");
  }

  @Test
  void ioFailureExitsOne() {
    List<String> calls = new ArrayList<>();

    PlanResult result = new Plan(List.of(new Recorded("a", calls,
        new IOException("disk full"), false)), progress).run(() -> false, "unused");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.message()).contains("disk full");
  }

  @Test
  void failedUndoExitsTenAndNamesLeftover() {
    List<String> calls = new ArrayList<>();

    PlanResult result = new Plan(List.of(new Recorded("a", calls, null, true),
        new Recorded("b", calls, new IOException("no space"), false)), progress)
        .run(() -> false, "unused");

    assertThat(result.exitCode()).isEqualTo(10);
    assertThat(result.status()).isEqualTo(PlanResult.Status.INCOMPLETE);
    assertThat(result.leftBehind()).containsExactly("/left/a");
    assertThat(result.message()).contains("/left/a").contains("no space");
    assertThat(events).contains("undo-failed 1 2 /left/a");
  }

  @Test
  void cancelBeforeStepUndoesDoneSteps() {
    List<String> calls = new ArrayList<>();
    int[] checks = {0};

    PlanResult result = new Plan(List.of(new Recorded("a", calls, null, false),
        new Recorded("b", calls, null, false)), progress).run(() -> ++checks[0] > 1, "unused");

    assertThat(result.exitCode()).isEqualTo(9);
    assertThat(result.status()).isEqualTo(PlanResult.Status.CANCELLED);
    assertThat(calls).containsExactly("run a", "undo a");
    assertThat(events).contains("result cancelled cancelled before step 2 of 2 (b);"
        + " everything done was undone");
  }

  /** A step that records its calls and may fail in run or in undo. */
  private static final class Recorded implements Step {
    private final String name;
    private final List<String> calls;
    private final Exception failure;
    private final boolean undoFails;

    Recorded(String name, List<String> calls, Exception failure, boolean undoFails) {
      this.name = name;
      this.calls = calls;
      this.failure = failure;
      this.undoFails = undoFails;
    }

    @Override
    public String description() {
      return name;
    }

    @Override
    public void run() throws StepFailedException, IOException {
      calls.add("run " + name);
      if (failure instanceof StepFailedException stepFailure) {
        throw stepFailure;
      }
      if (failure instanceof IOException ioFailure) {
        throw ioFailure;
      }
    }

    @Override
    public void undo() throws IOException {
      calls.add("undo " + name);
      if (undoFails) {
        throw new IOException("/left/" + name);
      }
    }

    @Override
    public void finish() {
      calls.add("finish " + name);
    }
  }
}
