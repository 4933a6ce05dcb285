package io.bridgehead.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three service roles; each role serves one module and takes only that module's jobs. */
public enum Role {
  ACCESS("access", "Access Management"),
  AUTOMATION("automation", "Service Automation"),
  PROVISIONING("provisioning", "Provisioning");

  private final String wireName;
  private final String moduleName;

  Role(String wireName, String moduleName) {
    this.wireName = wireName;
    this.moduleName = moduleName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public String moduleName() {
    return moduleName;
  }

  /**
   * Parses a role by its wire name, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  @JsonCreator
  public static Role parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (Role role : values()) {
      if (role.wireName.equals(wanted)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "': use one of "
        + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
  }
}
