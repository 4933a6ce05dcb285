package io.bridgehead.ipc;

import java.util.regex.Pattern;

/**
 * The name a service listens under, one per role: {@code access}, {@code automation} or
 * {@code provisioning}. Each transport turns it into its own address, a socket file
 * {@code <role>.sock} or a pipe {@code \\.\pipe\ProtectedPrefix\Administrators\Bridgehead\<role>}.
 *
 * @param role 1 to 32 characters of lowercase ASCII letters, digits and hyphens, starting with a
 *     letter, so that the name is safe in file names and pipe names alike
 */
public record EndpointName(String role) {
  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public static final EndpointName ACCESS = new EndpointName("access");
  public static final EndpointName AUTOMATION = new EndpointName("automation");
  public static final EndpointName PROVISIONING = new EndpointName("provisioning");

  public EndpointName {
    if (role == null || !ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException("invalid endpoint name '" + role + "': use 1 to 32"
          + " lowercase letters, digits and hyphens, starting with a letter");
    }
  }

  @Override
  public String toString() {
    return role;
  }
}
