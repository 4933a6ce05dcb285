package io.bridgehead.installer.wizard.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckReportTest {
  private static final String FAILED = """
      {"target":"https://127.0.0.1:8443","ok":false,
       "steps":[{"name":"dns","ok":true,"detail":"127.0.0.1 resolves to 127.0.0.1"},
                {"name":"proxy","ok":true,"detail":"no proxy (none configured)"},
                {"name":"tcp","ok":false,"detail":"connection refused"},
                {"name":"tls","ok":false,"detail":"skipped: TCP failed"},
                {"name":"tenant","ok":false,"detail":"skipped: TCP failed"}]}
      """;

  @Test
  void parseFindsFirstFailure() {
    CheckReport report = CheckReport.parse(FAILED);

    assertThat(report.target()).isEqualTo("https://127.0.0.1:8443");
    assertThat(report.ok()).isFalse();
    assertThat(report.steps()).hasSize(5);
    assertThat(report.firstFailure()).hasValue(new CheckReport.Step("tcp", false,
        "connection refused"));
    assertThat(report.tenantDetail()).isEmpty();
  }

  @Test
  void parseOfPassedCheckGivesTenantDetail() {
    CheckReport report = CheckReport.parse("""
        {"target":"https://t","ok":true,"steps":[{"name":"tenant","ok":true,
         "detail":"reference tenant 0.1.0"}]}""");

    assertThat(report.firstFailure()).isEmpty();
    assertThat(report.tenantDetail()).hasValue("reference tenant 0.1.0");
  }

  @Test
  void parseRejectsOtherOutput() {
    assertThatThrownBy(() -> CheckReport.parse("bridgehead: unknown command 'check'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the check's output is not JSON");
    assertThatThrownBy(() -> CheckReport.parse("{\"ok\":true}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the check's output has no \"steps\" list");
  }
}
