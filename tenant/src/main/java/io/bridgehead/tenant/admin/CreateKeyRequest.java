package io.bridgehead.tenant.admin;

/**
 * Body of {@code POST /admin/v1/pools/{name}/keys}; an empty body takes every default.
 *
 * @param uses how many agents the key may enroll, 1 to 1000; null for 1
 * @param validForSeconds how long the key stays valid; null for 24 hours
 */
public record CreateKeyRequest(Integer uses, Long validForSeconds) {}
