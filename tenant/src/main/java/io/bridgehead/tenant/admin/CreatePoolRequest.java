package io.bridgehead.tenant.admin;

/** Body of {@code POST /admin/v1/pools}. */
public record CreatePoolRequest(String name) {}
