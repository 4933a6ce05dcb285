package io.bridgehead.installer.wizard.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The output of {@code bridgehead check --json}: the target and each step (dns, proxy, tcp,
 * tls, tenant) with whether it passed and what it found.
 *
 * @param target the URL the check tried to reach
 * @param ok whether every step passed
 * @param steps the steps in the order they ran
 */
public record CheckReport(String target, boolean ok, List<Step> steps) {

  /** One step of the check; a step after a failed one has a detail starting "skipped:". */
  public record Step(String name, boolean ok, String detail) {}

  public CheckReport {
    steps = List.copyOf(steps);
  }

  /**
   * Parses the JSON object the check prints.
   *
   * @throws IllegalArgumentException when the text is not the contract's object
   */
  public static CheckReport parse(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the check's output is not JSON: "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("steps").isArray()) {
      throw new IllegalArgumentException("the check's output has no \"steps\" list");
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode step : root.path("steps")) {
      steps.add(new Step(step.path("name").asText(), step.path("ok").asBoolean(),
          step.path("detail").asText()));
    }
    return new CheckReport(root.path("target").asText(), root.path("ok").asBoolean(), steps);
  }

  /** Returns the first step that failed and was not skipped. */
  public Optional<Step> firstFailure() {
    return steps.stream().filter(step -> !step.ok()).findFirst();
  }

  /** Returns the tenant step's detail: the tenant's response and version, when it passed. */
  public Optional<String> tenantDetail() {
    return steps.stream().filter(step -> step.name().equals("tenant") && step.ok())
        .map(Step::detail).findFirst();
  }
}
