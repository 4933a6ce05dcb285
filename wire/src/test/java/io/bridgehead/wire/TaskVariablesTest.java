package io.bridgehead.wire;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variable rules: names, values, and the names each shell keeps for itself. */
class TaskVariablesTest {
  @Test
  void ordinaryNamesPassForBothShells() {
    Map<String, String> variables = Map.of("NAME", "Ada", "_count", "3");

    assertThatCode(() -> TaskVariables.validate(variables, ScriptShell.SH))
        .doesNotThrowAnyException();
    assertThatCode(() -> TaskVariables.validate(variables, ScriptShell.POWERSHELL))
        .doesNotThrowAnyException();
  }

  @Test
  void invalidNameIsNamed() {
    assertThatThrownBy(() -> TaskVariables.validate(Map.of("1BAD", "x"), ScriptShell.SH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid variable name '1BAD'");
  }

  @Test
  void pathAndHomeAreReservedForSh() {
    for (String name : new String[] {"PATH", "path", "HOME", "Home"}) {
      assertThatThrownBy(() -> TaskVariables.validate(Map.of(name, "x"), ScriptShell.SH))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("variable '" + name + "' is reserved");
    }
  }

  @Test
  void pathIsAllowedForPowerShell() {
    assertThatCode(() -> TaskVariables.validate(Map.of("PATH", "x"), ScriptShell.POWERSHELL))
        .doesNotThrowAnyException();
  }

  @Test
  void bridgeheadPrefixIsReservedForEveryShell() {
    for (ScriptShell shell : ScriptShell.values()) {
      for (String name : new String[] {"BRIDGEHEAD_RESULT", "bridgehead", "BridgeHead_X"}) {
        assertThatThrownBy(() -> TaskVariables.validate(Map.of(name, "x"), shell))
            .as(shell + " " + name)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("variable '" + name + "' is reserved")
            .hasMessageContaining("BRIDGEHEAD");
      }
    }
  }

  @Test
  void powerShellRejectsCaseOnlyDifference() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("Name", "a");
    variables.put("NAME", "b");

    assertThatThrownBy(() -> TaskVariables.validate(variables, ScriptShell.POWERSHELL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variables 'Name' and 'NAME' differ only in case");
  }

  @Test
  void shAllowsCaseOnlyDifference() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("Name", "a");
    variables.put("NAME", "b");

    assertThatCode(() -> TaskVariables.validate(variables, ScriptShell.SH))
        .doesNotThrowAnyException();
  }

  @Test
  void nulInValueIsRejected() {
    assertThatThrownBy(() -> TaskVariables.validate(Map.of("A", "x\0y"), ScriptShell.SH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'A' contains a NUL character");
  }
}
