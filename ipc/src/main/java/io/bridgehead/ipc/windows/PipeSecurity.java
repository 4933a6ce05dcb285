package io.bridgehead.ipc.windows;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The security descriptor of a service's pipe, in SDDL: LocalSystem and Administrators get full
 * control, the allowed group may read and write, and nobody else may open the pipe. The DACL is
 * protected ({@code P}), so no inherited entry widens it.
 *
 * <p>The allowed group gets {@code FILE_GENERIC_READ | FILE_WRITE_DATA} (0x12008B) rather than
 * generic write, because generic write includes {@code FILE_CREATE_PIPE_INSTANCE}, which would
 * let a member create server instances of the pipe. Clients therefore open the pipe with
 * {@code GENERIC_READ | FILE_WRITE_DATA}.
 */
public final class PipeSecurity {
  /** {@code FILE_GENERIC_READ | FILE_WRITE_DATA}, as SDDL access-mask text. */
  public static final String CLIENT_RIGHTS = "0x12008b";
  /** The default allowed group: BUILTIN\Users, every local account. */
  public static final String DEFAULT_ALLOWED_GROUP = "BU";

  /** SDDL aliases of groups that make sense as the allowed group. */
  private static final Set<String> GROUP_ALIASES = Set.of("BU", "IU", "AU", "BA", "SY");
  private static final Pattern SID = Pattern.compile("S-1-\\d{1,14}(-\\d{1,10}){1,15}");

  private PipeSecurity() {
  }

  /**
   * Returns the SDDL text for a pipe whose clients are the members of a group.
   *
   * @param allowedGroup a SID such as {@code S-1-5-21-...-1013} (the installer's
   *     {@code Bridgehead Users} group), or one of the aliases BU, IU, AU, BA, SY
   * @throws IllegalArgumentException when the group is neither
   */
  public static String sddl(String allowedGroup) {
    if (!GROUP_ALIASES.contains(allowedGroup) && !SID.matcher(allowedGroup).matches()) {
      throw new IllegalArgumentException("invalid allowed group '" + allowedGroup + "': give a"
          + " SID such as S-1-5-32-545, or one of the aliases " + GROUP_ALIASES);
    }
    return "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;" + CLIENT_RIGHTS + ";;;" + allowedGroup + ")";
  }
}
