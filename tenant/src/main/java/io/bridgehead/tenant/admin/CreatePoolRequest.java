package io.bridgehead.tenant.admin;

/**
 * Body of {@code POST /admin/v1/pools}: a new pool and its first enrollment key.
 *
 * @param uses how many agents the first key may enroll; null for 1
 * @param validForSeconds how long the first key stays valid; null for 24 hours
 */
public record CreatePoolRequest(String name, Integer uses, Long validForSeconds) {

  /** Creates a request whose first key is one-time and valid for 24 hours. */
  public CreatePoolRequest(String name) {
    this(name, null, null);
  }
}
