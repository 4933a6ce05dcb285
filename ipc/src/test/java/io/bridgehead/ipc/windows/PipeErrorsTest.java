package io.bridgehead.ipc.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipeErrorsTest {
  private static final String PIPE = PipeNames.PROTECTED_PREFIX + "access";

  @Test
  void accessDeniedNamesRemedy() {
    String message = PipeErrors.describeCreateFailure(5, PIPE, "Access is denied.");

    assertThat(message).startsWith("Creating the named pipe " + PIPE
        + " failed with Windows error 5 (access denied)");
    assertThat(message).contains("Run the service as LocalSystem");
  }

  @Test
  void pipeBusyNamesOtherService() {
    assertThat(PipeErrors.describeCreateFailure(231, PIPE, "All pipe instances are busy."))
        .contains("(pipe busy)")
        .contains("Stop the other Bridgehead service");
  }

  @Test
  void invalidNameAndBadPathMapped() {
    assertThat(PipeErrors.describeCreateFailure(123, PIPE, "")).contains("(invalid name)");
    assertThat(PipeErrors.describeCreateFailure(161, PIPE, "")).contains("(invalid name)");
  }

  @Test
  void resourcesMapped() {
    assertThat(PipeErrors.describeCreateFailure(1450, PIPE, "")).contains("out of resources");
    assertThat(PipeErrors.describeCreateFailure(8, PIPE, "")).contains("out of resources");
  }

  @Test
  void unknownCodeUsesSystemText() {
    assertThat(PipeErrors.describeCreateFailure(1234, PIPE, "Some system text.\r\n"))
        .isEqualTo("Creating the named pipe " + PIPE + " failed with Windows error 1234:"
            + " Some system text.");
  }

  @Test
  void clientFileNotFoundIsNotRunning() {
    assertThat(PipeErrors.describeConnectFailure(2, PIPE, ""))
        .isEqualTo("No service listens at " + PIPE + ": start the service.");
  }

  @Test
  void clientAccessDeniedNamesGroup() {
    assertThat(PipeErrors.describeConnectFailure(5, PIPE, ""))
        .contains("not in the group allowed to use Bridgehead");
  }
}
