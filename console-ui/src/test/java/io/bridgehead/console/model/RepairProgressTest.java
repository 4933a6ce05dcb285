package io.bridgehead.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepairProgressTest {
  @Test
  void stepsFollowProgressLines() {
    RepairProgress progress = new RepairProgress();
    progress.start();
    for (String line : List.of("plan 1 2 Stop the services", "plan 2 2 Start the services",
        "step 1 2 Stop the services", "done 1 2", "step 2 2 Start the services")) {
      progress.accept(line);
    }

    assertThat(progress.steps()).extracting(RepairProgress.Step::line).containsExactly(
        "1. Stop the services: done", "2. Start the services: running");
    assertThat(progress.runningProperty().get()).isTrue();

    progress.accept("done 2 2");
    progress.accept("result ok Repaired version 0.1.0");
    progress.finished(0);

    assertThat(progress.resultProperty().get()).isEqualTo("Repaired version 0.1.0");
    assertThat(progress.failedProperty().get()).isFalse();
    assertThat(progress.runningProperty().get()).isFalse();
  }

  @Test
  void failedStepKeepsReason() {
    RepairProgress progress = new RepairProgress();
    progress.start();
    progress.accept("plan 1 1 Restore the program files");
    progress.accept("step 1 1 Restore the program files");
    progress.accept("failed 1 1 no good package found");
    progress.accept("result failed The repair failed");
    progress.finished(1);

    assertThat(progress.steps().get(0).line())
        .isEqualTo("1. Restore the program files: failed (no good package found)");
    assertThat(progress.failedProperty().get()).isTrue();
  }

  @Test
  void missingResultUsesNotes() {
    RepairProgress progress = new RepairProgress();
    progress.start();
    progress.accept("bridgehead repair: --data-dir /x has no install.json");
    progress.accept("step x y");
    progress.finished(2);

    assertThat(progress.failedProperty().get()).isTrue();
    assertThat(progress.resultProperty().get())
        .startsWith("The repair ended with exit code 2: bridgehead repair:")
        .contains("step x y");
  }
}
