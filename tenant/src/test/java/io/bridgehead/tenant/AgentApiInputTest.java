package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the agent API gets a 4xx response with a JSON error body, not a stack trace. */
class AgentApiInputTest {
  @TempDir
  Path folder;

  private TestTenant tenant;
  private String credential;

  @BeforeEach
  void startTenant() throws IOException {
    tenant = TestTenant.start(folder);
    EnrollResponse agent = tenant.enrollAgent("input");
    credential = agent.credential();
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void malformedJsonIsBadRequest() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/jobs/next", "{\"roles\": [", credential);

    assertError(answer, 400, "invalid_request");
    assertThat(message(answer)).contains("not valid JSON");
  }

  @Test
  void wrongFieldTypeNamesTheField() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/jobs/next",
        "{\"roles\": {\"a\": 1}, \"waitSeconds\": 0}", credential);

    assertError(answer, 400, "invalid_request");
    assertThat(message(answer)).contains("'roles'");
  }

  @Test
  void numberWhereTextBelongsIsBadRequest() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/jobs/next",
        "{\"roles\": [\"automation\"], \"waitSeconds\": \"soon\"}", credential);

    assertError(answer, 400, "invalid_request");
    assertThat(message(answer)).contains("'waitSeconds'");
  }

  @Test
  void unknownRoleIsNamed() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/jobs/next",
        "{\"roles\": [\"gardening\"], \"waitSeconds\": 0}", credential);

    assertError(answer, 400, "invalid_request");
    assertThat(message(answer)).contains("unknown role 'gardening'");
  }

  @Test
  void emptyBodyIsBadRequest() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat", "", credential);

    assertError(answer, 400, "invalid_request");
    assertThat(message(answer)).contains("empty");
  }

  @Test
  void jsonNullBodyIsBadRequest() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat", "null", credential);

    assertError(answer, 400, "invalid_request");
  }

  @Test
  void trailingGarbageIsBadRequest() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat",
        "{\"version\": \"1\", \"runningJobs\": 0} trailing", credential);

    assertError(answer, 400, "invalid_request");
  }

  @Test
  void oversizedBodyIsRejected() throws IOException {
    String huge = "{\"version\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}";

    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat", huge, credential);

    assertError(answer, 413, "body_too_large");
  }

  @Test
  void missingCredentialIsUnauthorized() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat",
        "{\"version\": \"1\", \"runningJobs\": 0}", null);

    assertError(answer, 401, "invalid_credential");
  }

  @Test
  void forgedCredentialIsUnauthorized() throws IOException {
    String forged = credential.substring(0, credential.indexOf('.') + 1) + "not-the-secret";

    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat",
        "{\"version\": \"1\", \"runningJobs\": 0}", forged);

    assertError(answer, 401, "invalid_credential");
  }

  @Test
  void unknownPathIsNotFound() throws IOException {
    assertError(tenant.post("/agent/v1/nothing", "{}", credential), 404, "not_found");
  }

  @Test
  void wrongMethodIsNotAllowed() throws IOException {
    assertError(tenant.get("/agent/v1/heartbeat"), 405, "method_not_allowed");
  }

  @Test
  void unknownJobIsNotFound() throws IOException {
    TestTenant.Answer answer = tenant.post("/agent/v1/jobs/job_none/accept",
        "{\"leaseId\": \"lse_x\"}", credential);

    assertError(answer, 404, "not_found");
  }

  @Test
  void serverServesAfterBadInput() throws IOException {
    tenant.post("/agent/v1/jobs/next", "{{{{", credential);

    TestTenant.Answer answer = tenant.post("/agent/v1/heartbeat",
        "{\"version\": \"0.1.0\", \"runningJobs\": 0}", credential);

    assertThat(answer.status()).isEqualTo(200);
  }

  private static void assertError(TestTenant.Answer answer, int status, String code)
      throws IOException {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    JsonNode body = Json.mapper().readTree(answer.body());
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String message(TestTenant.Answer answer) throws IOException {
    return Json.mapper().readTree(answer.body()).path("message").asText();
  }
}
