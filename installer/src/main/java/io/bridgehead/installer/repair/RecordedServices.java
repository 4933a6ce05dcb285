package io.bridgehead.installer.repair;

import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The roles and the service account of an installation, read from what it left on disk. */
final class RecordedServices {
  /** The account install uses on Linux when {@code --service-account} is not given. */
  static final String DEFAULT_LINUX_ACCOUNT = "bridgehead";
  /** The account install uses on Windows when {@code --service-account} is not given. */
  static final String DEFAULT_WINDOWS_ACCOUNT = "LocalSystem";

  private RecordedServices() {}

  /**
   * Returns the role of each recorded service name.
   *
   * @throws IOException for a name that is no role's service, naming it
   */
  static List<Role> roles(InstallLayout layout, List<String> services, Path record)
      throws IOException {
    List<Role> roles = new ArrayList<>();
    for (String name : services) {
      Role found = null;
      for (Role role : Role.values()) {
        if (layout.serviceName(role).equals(name)) {
          found = role;
        }
      }
      if (found == null) {
        throw new IOException("the install record " + record + " lists the service " + name
            + ", which is no Bridgehead role's service; check the record");
      }
      roles.add(found);
    }
    return roles;
  }

  /**
   * Returns the account the services run as. The install record does not store it, so it is
   * read from the {@code User=} line of the first role's unit file; when that file is gone,
   * from the owner of the role's data folder, which install hands to the account; and for
   * an installation into a folder, whose data folders the installing user owns, the default.
   */
  static String account(InstallLayout layout, Role role) throws IOException {
    if (layout.windows()) {
      // NOTE: never run. A Windows repair registers the default account; a service that ran
      // as a domain account needs its account set again in the Services console.
      return DEFAULT_WINDOWS_ACCOUNT;
    }
    Path unit = layout.unitFile(role);
    if (Files.isRegularFile(unit)) {
      for (String line : Files.readAllLines(unit)) {
        if (line.startsWith("User=") && line.length() > "User=".length()) {
          return line.substring("User=".length()).trim();
        }
      }
    }
    Path data = layout.roleData(role);
    if (!layout.inFolder() && Files.exists(data)) {
      return Files.getOwner(data).getName();
    }
    return DEFAULT_LINUX_ACCOUNT;
  }
}
