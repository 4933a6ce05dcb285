package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.installer.windows.ServiceAccount.Kind;
import org.junit.jupiter.api.Test;

class ServiceAccountTest {

  @Test
  void localSystemSpellings() {
    for (String name : new String[] {"LocalSystem", "localsystem", ".\\LocalSystem",
        "NT AUTHORITY\\SYSTEM", " LocalSystem "}) {
      assertThat(ServiceAccount.parse(name)).as(name).isEqualTo(ServiceAccount.LOCAL_SYSTEM);
    }
  }

  @Test
  void localSystemProperties() {
    ServiceAccount account = ServiceAccount.LOCAL_SYSTEM;

    assertThat(account.serviceStartName()).isNull();
    assertThat(account.requiresPassword()).isFalse();
    assertThat(account.needsServiceLogonRight()).isFalse();
    assertThat(account).hasToString("LocalSystem");
  }

  @Test
  void groupManagedAccount() {
    ServiceAccount account = ServiceAccount.parse("CORP\\bridgehead$");

    assertThat(account.kind()).isEqualTo(Kind.GROUP_MANAGED);
    assertThat(account.domain()).isEqualTo("CORP");
    assertThat(account.user()).isEqualTo("bridgehead$");
    assertThat(account.serviceStartName()).isEqualTo("CORP\\bridgehead$");
    assertThat(account.requiresPassword()).isFalse();
    assertThat(account.needsServiceLogonRight()).isTrue();
  }

  @Test
  void domainAccount() {
    ServiceAccount account = ServiceAccount.parse("CORP\\svc-bridgehead");

    assertThat(account.kind()).isEqualTo(Kind.DOMAIN);
    assertThat(account.serviceStartName()).isEqualTo("CORP\\svc-bridgehead");
    assertThat(account.requiresPassword()).isTrue();
    assertThat(account.needsServiceLogonRight()).isTrue();
  }

  @Test
  void localAccountForms() {
    for (String name : new String[] {"bridgehead", ".\\bridgehead"}) {
      ServiceAccount account = ServiceAccount.parse(name);

      assertThat(account.kind()).as(name).isEqualTo(Kind.LOCAL);
      assertThat(account.serviceStartName()).as(name).isEqualTo(".\\bridgehead");
      assertThat(account.requiresPassword()).as(name).isTrue();
    }
  }

  @Test
  void emptyNameRejected() {
    assertThatThrownBy(() -> ServiceAccount.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("empty service account: give LocalSystem");
  }

  @Test
  void userPrincipalNameRejected() {
    assertThatThrownBy(() -> ServiceAccount.parse("svc@corp.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported service account 'svc@corp.example': write it as"
            + " DOMAIN\\name, not name@domain");
  }

  @Test
  void otherBuiltInAccountRejected() {
    assertThatThrownBy(() -> ServiceAccount.parse("NT AUTHORITY\\NetworkService"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'NT AUTHORITY\\NetworkService': of the built-in accounts only"
            + " LocalSystem");
  }

  @Test
  void emptyPartsRejected() {
    for (String name : new String[] {"\\svc", "CORP\\"}) {
      assertThatThrownBy(() -> ServiceAccount.parse(name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the domain and the name must both be non-empty");
    }
  }

  @Test
  void secondBackslashRejected() {
    assertThatThrownBy(() -> ServiceAccount.parse("CORP\\ou\\svc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the character '\\' is not allowed");
  }

  @Test
  void invalidCharacterRejected() {
    assertThatThrownBy(() -> ServiceAccount.parse("CORP\\svc*1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid service account 'CORP\\svc*1': the character '*'");
  }

  @Test
  void groupManagedWithoutDomainRejected() {
    assertThatThrownBy(() -> ServiceAccount.parse("bridgehead$"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs its domain: DOMAIN\\bridgehead$");
  }

  @Test
  void malformedGroupManagedNameRejected() {
    for (String name : new String[] {"CORP\\$", "CORP\\a$b$"}) {
      assertThatThrownBy(() -> ServiceAccount.parse(name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("with a single trailing $");
    }
  }

  @Test
  void domainAccountNeedsPassword() {
    ServiceAccount account = ServiceAccount.parse("CORP\\svc");

    assertThatThrownBy(() -> account.checkPassword(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing password for service account 'CORP\\svc': give"
            + " --service-password-file FILE or --service-password -");
    assertThatThrownBy(() -> account.checkPassword(new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> account.checkPassword("secret".toCharArray()))
        .doesNotThrowAnyException();
  }

  @Test
  void groupManagedAccountRejectsPassword() {
    ServiceAccount account = ServiceAccount.parse("CORP\\bh$");

    assertThatThrownBy(() -> account.checkPassword("secret".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a group managed service account takes none")
        .hasMessageNotContaining("secret");
    assertThatCode(() -> account.checkPassword(null)).doesNotThrowAnyException();
  }

  @Test
  void localSystemRejectsPassword() {
    assertThatThrownBy(() -> ServiceAccount.LOCAL_SYSTEM.checkPassword("x".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LocalSystem takes none");
  }
}
