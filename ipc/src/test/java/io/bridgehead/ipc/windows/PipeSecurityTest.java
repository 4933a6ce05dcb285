package io.bridgehead.ipc.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PipeSecurityTest {
  @Test
  void defaultGroupSddl() {
    assertThat(PipeSecurity.sddl(PipeSecurity.DEFAULT_ALLOWED_GROUP))
        .isEqualTo("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x12008b;;;BU)");
  }

  @Test
  void groupSidSddl() {
    assertThat(PipeSecurity.sddl("S-1-5-21-1004336348-1177238915-682003330-1013"))
        .isEqualTo("D:P(A;;GA;;;SY)(A;;GA;;;BA)"
            + "(A;;0x12008b;;;S-1-5-21-1004336348-1177238915-682003330-1013)");
  }

  @Test
  void clientRightsExcludeCreatePipeInstance() {
    int rights = Integer.decode(PipeSecurity.CLIENT_RIGHTS);
    int fileAppendDataIsCreatePipeInstance = 0x4;

    assertThat(rights & fileAppendDataIsCreatePipeInstance).isZero();
    assertThat(rights).isEqualTo(0x120089 | 0x2);
  }

  @Test
  void injectedAceRejected() {
    assertThatThrownBy(() -> PipeSecurity.sddl("BU)(A;;GA;;;WD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid allowed group 'BU)(A;;GA;;;WD'");
  }

  @Test
  void everyoneAliasRejected() {
    assertThatThrownBy(() -> PipeSecurity.sddl("WD"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
