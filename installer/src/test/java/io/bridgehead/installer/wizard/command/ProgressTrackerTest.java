package io.bridgehead.installer.wizard.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

  private static ProgressTracker feed(String... lines) {
    ProgressTracker tracker = new ProgressTracker();
    for (String line : lines) {
      tracker.apply(ProgressEvent.parse(line));
    }
    return tracker;
  }

  @Test
  void parseReadsEveryLineKind() {
    assertThat(ProgressEvent.parse("plan 1 3 Copy the program files"))
        .isEqualTo(new ProgressEvent(ProgressEvent.Kind.PLAN, 1, 3, "Copy the program files",
            ""));
    assertThat(ProgressEvent.parse("done 2 3").kind()).isEqualTo(ProgressEvent.Kind.DONE);
    assertThat(ProgressEvent.parse("undo-failed 2 3 cannot remove x"))
        .isEqualTo(new ProgressEvent(ProgressEvent.Kind.UNDO_FAILED, 2, 3, "cannot remove x",
            ""));
    assertThat(ProgressEvent.parse("result ok Installed 1 service"))
        .isEqualTo(new ProgressEvent(ProgressEvent.Kind.RESULT, 0, 0, "Installed 1 service",
            "ok"));
    assertThat(ProgressEvent.parse("result cancelled").outcome()).isEqualTo("cancelled");
  }

  @Test
  void parseTurnsOtherLinesIntoText() {
    for (String line : List.of("", "step", "step x 3 a", "done 4 3", "stepping 1 2 a",
        "Copying 120 files")) {
      assertThat(ProgressEvent.parse(line).kind()).as(line).isEqualTo(ProgressEvent.Kind.TEXT);
      assertThat(ProgressEvent.parse(line).text()).as(line).isEqualTo(line);
    }
  }

  @Test
  void successfulInstallEndsDone() {
    ProgressTracker tracker = feed("plan 1 2 Copy files", "plan 2 2 Start services",
        "step 1 2 Copy files", "done 1 2", "step 2 2 Start services", "done 2 2",
        "result ok Installed");

    assertThat(tracker.steps()).extracting(InstallStep::status)
        .containsExactly(StepStatus.DONE, StepStatus.DONE);
    assertThat(tracker.fraction()).isEqualTo(1.0);
    assertThat(tracker.outcome()).isEqualTo("ok");
    assertThat(tracker.message()).isEqualTo("Installed");
  }

  @Test
  void failureThenUndoShowsEachStep() {
    ProgressTracker tracker = feed("plan 1 3 Copy files", "plan 2 3 Enroll",
        "plan 3 3 Start", "step 1 3 Copy files", "done 1 3", "step 2 3 Enroll",
        "failed 2 3 tenant rejected the key", "undo 1 3 Copy files", "undone 1 3",
        "result failed tenant rejected the key");

    assertThat(tracker.steps()).containsExactly(
        new InstallStep(1, "Copy files", StepStatus.UNDONE, ""),
        new InstallStep(2, "Enroll", StepStatus.FAILED, "tenant rejected the key"),
        new InstallStep(3, "Start", StepStatus.PENDING, ""));
    assertThat(tracker.fraction()).isEqualTo(0.0);
    assertThat(tracker.outcome()).isEqualTo("failed");
  }

  @Test
  void stepWithoutPlanIsAdded() {
    ProgressTracker tracker = feed("step 2 2 Start", "undo-failed 2 2 still running");

    assertThat(tracker.steps()).hasSize(2);
    assertThat(tracker.steps().get(1))
        .isEqualTo(new InstallStep(2, "Start", StepStatus.UNDO_FAILED, "still running"));
    assertThat(tracker.outcome()).isEmpty();
  }
}
