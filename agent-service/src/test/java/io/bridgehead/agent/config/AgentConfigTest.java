package io.bridgehead.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.agent.proxy.ProxyMode;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir
  Path folder;

  @Test
  void fileWithoutProxyReadsAsSystem() throws IOException {
    Files.writeString(folder.resolve(AgentConfig.FILE_NAME), """
        {"tenantUrl":"https://127.0.0.1:8443","fingerprint":null,"caBundle":null,
         "agentId":"agt_1","pool":"servers","roles":["automation"]}
        """, StandardCharsets.UTF_8);

    AgentConfig config = AgentConfig.read(folder);

    assertThat(config.proxy()).isEqualTo(ProxySettings.system());
    assertThat(config.agentId()).isEqualTo("agt_1");
  }

  @Test
  void proxySettingsSurviveWriteAndRead() throws IOException {
    ProxySettings proxy = ProxySettings.parse("http://Proxy.Example.com:3128", "alice");
    AgentConfig written = new AgentConfig("https://127.0.0.1:8443", null, null, "agt_1",
        "servers", List.of(Role.AUTOMATION), proxy);

    written.write(folder);
    AgentConfig read = AgentConfig.read(folder);

    assertThat(read).isEqualTo(written);
    assertThat(read.proxy().mode()).isEqualTo(ProxyMode.EXPLICIT);
    assertThat(read.proxy().url()).isEqualTo("http://proxy.example.com:3128");
    assertThat(Files.readString(folder.resolve(AgentConfig.FILE_NAME)))
        .contains("\"mode\" : \"explicit\"");
  }

  @Test
  void invalidStoredProxyNamesFile() throws IOException {
    Files.writeString(folder.resolve(AgentConfig.FILE_NAME), """
        {"tenantUrl":"https://127.0.0.1:8443","agentId":"agt_1","pool":"servers",
         "roles":["automation"],"proxy":{"mode":"explicit","url":"socks5://p:1080"}}
        """, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AgentConfig.read(folder))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(AgentConfig.FILE_NAME)
        .hasMessageContaining("only HTTP proxies are supported");
  }

  @Test
  void proxyPasswordStoredOwnerOnly() throws IOException {
    FileCredentialStore store = FileCredentialStore.proxyPassword(folder);

    store.save(" pass word ");

    Path file = folder.resolve(FileCredentialStore.PROXY_PASSWORD_FILE_NAME);
    assertThat(store.load()).contains(" pass word ");
    if (AtomicFiles.isPosix()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    store.delete();
    assertThat(file).doesNotExist();
    assertThat(store.load()).isEmpty();
  }
}
