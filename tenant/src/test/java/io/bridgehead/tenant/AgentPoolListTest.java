package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.PoolListing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /agent/v1/pools}: the pools an enrolled agent may move to. */
class AgentPoolListTest {
  @TempDir
  Path folder;

  private TestTenant tenant;

  @BeforeEach
  void startTenant() throws IOException {
    tenant = TestTenant.start(folder);
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void listsEveryPoolWithOnlineCount() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");
    tenant.admin.createPool("backup");

    TestTenant.Answer answer = tenant.get(AgentApi.POOLS, agent.credential());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<PoolListing> pools = Json.mapper().readValue(answer.body(),
        new TypeReference<List<PoolListing>>() {});
    assertThat(pools).containsExactly(new PoolListing("backup", 0),
        new PoolListing("servers", 1));
  }

  @Test
  void missingCredentialIsRejected() throws IOException {
    tenant.enrollAgent("servers");

    TestTenant.Answer answer = tenant.get(AgentApi.POOLS, null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains(AgentApi.INVALID_CREDENTIAL);
  }
}
