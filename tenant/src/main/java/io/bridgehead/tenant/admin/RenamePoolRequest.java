package io.bridgehead.tenant.admin;

/** Body of {@code POST /admin/v1/pools/{name}/rename}: the pool's new name. */
public record RenamePoolRequest(String name) {}
