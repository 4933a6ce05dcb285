package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceLogonTest {

  @Test
  void createAsLocalSystemPassesNulls() {
    ServiceLogon logon = ServiceLogon.forCreate(ServiceAccount.LOCAL_SYSTEM, null);

    assertThat(logon.startName()).isNull();
    assertThat(logon.password()).isNull();
  }

  @Test
  void changeToLocalSystemNamesIt() {
    ServiceLogon logon = ServiceLogon.forChange(ServiceAccount.LOCAL_SYSTEM, null);

    assertThat(logon.startName()).isEqualTo("LocalSystem");
    assertThat(logon.password()).containsExactly('\0');
  }

  @Test
  void groupManagedPasswordEmptyOnChange() {
    ServiceAccount account = ServiceAccount.parse("CORP\\bh$");

    assertThat(ServiceLogon.forCreate(account, null).password()).isNull();
    assertThat(ServiceLogon.forChange(account, null).password()).containsExactly('\0');
    assertThat(ServiceLogon.forChange(account, null).startName()).isEqualTo("CORP\\bh$");
  }

  @Test
  void domainPasswordTerminatedCopy() {
    char[] password = "pw".toCharArray();

    ServiceLogon logon = ServiceLogon.forCreate(ServiceAccount.parse("CORP\\svc"), password);

    assertThat(logon.password()).containsExactly('p', 'w', '\0');
    assertThat(logon.password()).isNotSameAs(password);
  }

  @Test
  void clearOverwritesOnlyTheCopy() {
    char[] password = "pw".toCharArray();
    ServiceLogon logon = ServiceLogon.forChange(ServiceAccount.parse("svc"), password);

    logon.clear();

    assertThat(logon.password()).containsExactly('\0', '\0', '\0');
    assertThat(password).containsExactly('p', 'w');
    assertThat(logon.toString()).doesNotContain("pw");
  }
}
