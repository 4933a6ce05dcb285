package io.bridgehead.agent.script;

/**
 * The PowerShell script that runs a task's {@code task.ps1}.
 *
 * <p>The wrapper runs first in the same PowerShell process. It makes the process write UTF-8
 * without changing the machine's code page, loads {@code input.json} into the hashtable
 * {@code $BridgeheadInput} and into one PowerShell variable per input, defines
 * {@code Set-BridgeheadResult}, and then dot-sources the task script. The task script stays a
 * file of its own, so {@code param}, {@code using} and {@code #Requires} at its top keep working
 * and its error messages show its own line numbers.
 *
 * <p>Exit code: the task's {@code exit N}; else the exit code of the last native command it
 * ran ({@code $LASTEXITCODE}); else 0. An uncaught terminating error gives 1.
 *
 * <p>NOTE: this wrapper has never run under real PowerShell; only its text and the way it is
 * started are tested. Check it on pwsh 7 and on Windows PowerShell 5.1 before relying on it.
 */
final class PowerShellWrapper {
  /** The byte order mark that makes Windows PowerShell 5.1 read a script file as UTF-8. */
  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static final String TEXT = String.join("\n",
      "# Written by the Bridgehead agent for one run; the task script is "
          + Interpreter.POWERSHELL_SCRIPT_FILE + ".",
      "# Write UTF-8 from this process only; the machine's code page stays as it is.",
      "[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)",
      "$OutputEncoding = [System.Text.UTF8Encoding]::new($false)",
      "",
      "try {",
      "  $bridgeheadJson = [System.IO.File]::ReadAllText(",
      "    $env:BRIDGEHEAD_INPUT, [System.Text.Encoding]::UTF8)",
      "  $bridgeheadObject = ConvertFrom-Json -InputObject $bridgeheadJson -ErrorAction Stop",
      "} catch {",
      "  [Console]::Error.WriteLine(\"bridgehead: could not read the task input from \" +",
      "    \"$env:BRIDGEHEAD_INPUT`: $_\")",
      "  exit 1",
      "}",
      "",
      "# Each input is a string, in $BridgeheadInput and as a variable of the same name.",
      "$BridgeheadInput = @{}",
      "foreach ($bridgeheadProperty in $bridgeheadObject.PSObject.Properties) {",
      "  $bridgeheadName = $bridgeheadProperty.Name",
      "  $bridgeheadValue = [string]$bridgeheadProperty.Value",
      "  $BridgeheadInput[$bridgeheadName] = $bridgeheadValue",
      "  try {",
      "    Set-Variable -Name $bridgeheadName -Value $bridgeheadValue -ErrorAction Stop",
      "  } catch {",
      "    # Read-only automatic variables such as $HOME or $PID cannot be set.",
      "    [Console]::Error.WriteLine(\"bridgehead: input '$bridgeheadName' is not set as a \" +",
      "      \"PowerShell variable ($_); read it as `$BridgeheadInput['$bridgeheadName']\")",
      "  }",
      "}",
      "Remove-Variable -Name bridgeheadJson, bridgeheadObject, bridgeheadProperty,"
          + " bridgeheadName, bridgeheadValue -ErrorAction SilentlyContinue",
      "",
      "# Writes the run's result: any value, stored as JSON in the file named by"
          + " BRIDGEHEAD_RESULT.",
      "function Set-BridgeheadResult {",
      "  param(",
      "    [Parameter(Mandatory = $true)]",
      "    [AllowNull()] [AllowEmptyString()] [AllowEmptyCollection()]",
      "    $Value",
      "  )",
      "  $json = ConvertTo-Json -InputObject $Value -Depth 20",
      "  [System.IO.File]::WriteAllText(",
      "    $env:BRIDGEHEAD_RESULT, $json, [System.Text.UTF8Encoding]::new($false))",
      "}",
      "",
      ". (Join-Path -Path $PSScriptRoot -ChildPath '" + Interpreter.POWERSHELL_SCRIPT_FILE
          + "')",
      "if (Test-Path -LiteralPath variable:\\LASTEXITCODE) {",
      "  exit $LASTEXITCODE",
      "}",
      "exit 0",
      "");

  private PowerShellWrapper() {}

  /** Returns the wrapper script's text; it is the same for every run. */
  static String text() {
    return TEXT;
  }
}
