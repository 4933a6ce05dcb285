package io.bridgehead.tenant.admin;

/**
 * Body of {@code POST /admin/v1/pools/NAME/target-version}.
 *
 * @param version a published version, or null when the pool wants no update
 */
public record SetVersionRequest(String version) {}
