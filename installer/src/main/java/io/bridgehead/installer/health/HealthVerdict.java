package io.bridgehead.installer.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of a health wait.
 *
 * @param healthy true when the service ran the expected version and had reached the tenant
 * @param detail a sentence for the log: what was seen last, or why the wait gave up
 * @param lastStatus the last status object the service sent, or null when none came
 */
public record HealthVerdict(boolean healthy, String detail, JsonNode lastStatus) {}
