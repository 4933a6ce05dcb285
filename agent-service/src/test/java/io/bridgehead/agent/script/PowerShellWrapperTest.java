package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks the generated wrapper's text; it has never run under real PowerShell. */
class PowerShellWrapperTest {
  private final String text = PowerShellWrapper.text();

  @Test
  void setsUtf8InsideProcessOnly() {
    assertThat(text).contains(
        "[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)\n");
    assertThat(text).contains("$OutputEncoding = [System.Text.UTF8Encoding]::new($false)\n");
    assertThat(text).doesNotContainIgnoringCase("chcp");
  }

  @Test
  void loadsInputIntoHashtableAndVariables() {
    assertThat(text).contains("[System.IO.File]::ReadAllText(\n"
        + "    $env:BRIDGEHEAD_INPUT, [System.Text.Encoding]::UTF8)");
    assertThat(text).contains("ConvertFrom-Json -InputObject $bridgeheadJson -ErrorAction Stop");
    assertThat(text).contains("$BridgeheadInput = @{}\n");
    assertThat(text).contains("$BridgeheadInput[$bridgeheadName] = $bridgeheadValue\n");
    assertThat(text).contains(
        "Set-Variable -Name $bridgeheadName -Value $bridgeheadValue -ErrorAction Stop\n");
  }

  @Test
  void definesResultFunction() {
    assertThat(text).contains("function Set-BridgeheadResult {\n");
    assertThat(text).contains("$json = ConvertTo-Json -InputObject $Value -Depth 20\n");
    assertThat(text).contains("[System.IO.File]::WriteAllText(\n"
        + "    $env:BRIDGEHEAD_RESULT, $json, [System.Text.UTF8Encoding]::new($false))");
  }

  @Test
  void runsTaskAndPassesExitCode() {
    assertThat(text).contains(". (Join-Path -Path $PSScriptRoot -ChildPath 'task.ps1')\n");
    assertThat(text).contains("if (Test-Path -LiteralPath variable:\\LASTEXITCODE) {\n"
        + "  exit $LASTEXITCODE\n}\nexit 0\n");
    assertThat(text.indexOf("function Set-BridgeheadResult"))
        .isLessThan(text.indexOf(". (Join-Path"));
    assertThat(text.indexOf("Set-Variable")).isLessThan(text.indexOf(". (Join-Path"));
  }

  @Test
  void isAsciiWithoutTabs() {
    assertThat(text.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\n')).isTrue();
  }
}
