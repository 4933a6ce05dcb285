package io.bridgehead.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The interpreter a task's script is written for. */
public enum ScriptShell {
  /** PowerShell 7 ({@code pwsh}) where installed, else Windows PowerShell 5.1 on Windows. */
  POWERSHELL("powershell"),
  /** A POSIX shell ({@code /bin/sh}); not offered on Windows. */
  SH("sh");

  private final String wireName;

  ScriptShell(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a shell by its wire name, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  @JsonCreator
  public static ScriptShell parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ScriptShell shell : values()) {
      if (shell.wireName.equals(wanted)) {
        return shell;
      }
    }
    throw new IllegalArgumentException(
        "unknown shell '" + value + "': use 'powershell' or 'sh'");
  }

  /** Returns the shell that a script file name implies: {@code .ps1} is PowerShell, else sh. */
  public static ScriptShell forFileName(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".ps1") ? POWERSHELL : SH;
  }
}
