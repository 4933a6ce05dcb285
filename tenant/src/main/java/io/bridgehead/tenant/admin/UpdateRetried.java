package io.bridgehead.tenant.admin;

import java.util.List;

/**
 * Response to {@code POST /admin/v1/agents/ID/retry-update}.
 *
 * @param versions the versions the tenant may offer the agent again; empty when none was blocked
 */
public record UpdateRetried(String agentId, String hostName, List<String> versions) {}
