package io.bridgehead.installer.steps;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.services.ServiceDefinition;
import io.bridgehead.wire.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The service of each module: its name, account and command line. */
public final class ServiceDefinitions {
  private ServiceDefinitions() {}

  /** Returns the definition the service manager registers for {@code role}. */
  public static ServiceDefinition of(InstallContext context, Role role) {
    InstallLayout layout = context.layout();
    // An installation into a folder runs the services as the installing user.
    String account = layout.inFolder() ? System.getProperty("user.name")
        : context.settings().serviceAccount();
    return new ServiceDefinition(layout.serviceName(role),
        "Bridgehead " + role.wireName() + " service",
        "Runs the " + role.moduleName() + " jobs of the Bridgehead agent.",
        command(context, role, serviceHost(context)), account,
        context.settings().servicePassword(), layout.roleData(role), proxyVariables(context));
  }

  /** Returns the proxy variables for the service, or none when the installer cannot copy them. */
  private static Map<String, String> proxyVariables(InstallContext context) {
    try {
      return ProxyVariables.forService(context.settings().proxy(), System.getenv());
    } catch (IllegalArgumentException e) {
      // CheckPrerequisites has failed the install with this message before any step ran.
      return Map.of();
    }
  }

  /**
   * Returns the service's command line.
   *
   * @param serviceHost the value of {@code --service-host}, or null to leave it out, as for a
   *     folder installation whose child processes run in the foreground host
   */
  static List<String> command(InstallContext context, Role role, String serviceHost) {
    InstallLayout layout = context.layout();
    Path program = layout.windows()
        ? layout.versionDir(context.distribution().version()).resolve("bin")
            .resolve("bridgehead.cmd")
        : layout.currentProgram();
    List<String> command = new ArrayList<>(List.of(program.toString(), "agent", "run",
        "--role", role.wireName(), "--data", layout.roleData(role).toString(), "--log-dir",
        layout.logDir().toString()));
    if (layout.runDir() != null) {
      command.add("--ipc-dir");
      command.add(layout.runDir().toString());
    }
    // With this option the service downloads the version the tenant requests and writes the
    // request that starts the updater.
    command.add("--updates-dir");
    command.add(UpdateFolder.of(layout.dataDir()).dir().toString());
    if (serviceHost != null) {
      command.add("--service-host");
      command.add(serviceHost);
    }
    return command;
  }

  /** Returns the service host of the services this install registers. */
  static String serviceHost(InstallContext context) {
    return switch (context.serviceManagerName().toLowerCase(Locale.ROOT)) {
      case "systemd" -> "systemd";
      case "windows" -> "windows";
      default -> null;
    };
  }
}
