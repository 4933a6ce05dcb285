package io.bridgehead.tenant.admin;

import java.util.regex.Pattern;

/** Paths and naming rules of the admin API, version 1. */
public final class AdminApi {
  public static final String PREFIX = "/admin/v1";
  public static final String POOLS = PREFIX + "/pools";
  public static final String AGENTS = PREFIX + "/agents";
  public static final String JOBS = PREFIX + "/jobs";
  public static final String KEYS = PREFIX + "/keys";
  public static final String EVENTS = PREFIX + "/events";
  /**
   * {@code POST} a release package as the raw body ({@code application/zip}) to publish it;
   * {@code GET} to list releases; {@code DELETE} plus a version to delete one.
   */
  public static final String RELEASES = PREFIX + "/releases";

  /** Pool names: 1 to 64 letters, digits, dots, dashes or underscores, starting alphanumeric. */
  public static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private AdminApi() {}

  /**
   * Checks a pool name.
   *
   * @throws IllegalArgumentException naming the value and the rule
   */
  public static String validatePoolName(String name) {
    if (name == null || !POOL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid pool name '" + name + "': use 1 to 64"
          + " letters, digits, dots, dashes or underscores, starting with a letter or digit");
    }
    return name;
  }
}
