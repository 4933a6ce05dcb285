package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataFolderAclTest {
  private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1105";

  @Test
  void localSystemGetsNoThirdEntry() {
    assertThat(DataFolderAcl.sddl(ServiceAccount.LOCAL_SYSTEM, null))
        .isEqualTo("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)");
  }

  @Test
  void serviceAccountMayModify() {
    assertThat(DataFolderAcl.sddl(ServiceAccount.parse("CORP\\bh$"), SID))
        .isEqualTo("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;" + SID + ")");
  }

  @Test
  void modifyRightsAreGenericReadWriteExecuteDelete() {
    int fileGenericRead = 0x120089;
    int fileGenericWrite = 0x120116;
    int fileGenericExecute = 0x1200a0;
    int delete = 0x10000;
    int writeDac = 0x40000;
    int writeOwner = 0x80000;

    int rights = Integer.decode(DataFolderAcl.MODIFY_RIGHTS);

    assertThat(rights).isEqualTo(fileGenericRead | fileGenericWrite | fileGenericExecute
        | delete);
    assertThat(rights & writeDac).isZero();
    assertThat(rights & writeOwner).isZero();
  }

  @Test
  void entriesListed() {
    assertThat(DataFolderAcl.entries(ServiceAccount.parse("CORP\\svc"), SID)).containsExactly(
        new DataFolderAcl.Entry("SY", "FA"),
        new DataFolderAcl.Entry("BA", "FA"),
        new DataFolderAcl.Entry(SID, "0x1301bf"));
  }

  @Test
  void missingSidRejected() {
    assertThatThrownBy(() -> DataFolderAcl.sddl(ServiceAccount.parse("CORP\\svc"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid SID 'null' for service account CORP\\svc");
  }

  @Test
  void injectedEntryRejected() {
    assertThatThrownBy(() -> DataFolderAcl.sddl(ServiceAccount.parse("svc"),
        SID + ")(A;OICI;FA;;;WD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid SID");
  }
}
