package io.bridgehead.installer.wizard.command;

import io.bridgehead.installer.wizard.model.ConnectionMode;
import io.bridgehead.installer.wizard.model.InstallSettings;
import io.bridgehead.installer.wizard.model.ProxyMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the command lines of the installation contract from the wizard's settings: the
 * unattended install and the connection check. Every secret goes to standard input with a
 * {@code -} option, in the contract's order: enrollment string or key, service password,
 * proxy password.
 */
public final class CommandLines {
  private CommandLines() {}

  /** Returns {@code bridgehead install --unattended ...} with progress lines on. */
  public static CommandLine install(InstallSettings settings) {
    List<String> arguments = new ArrayList<>(List.of("install", "--unattended"));
    List<Secret> secrets = new ArrayList<>();
    if (settings.root() != null) {
      arguments.addAll(List.of("--root", settings.root().toString()));
    }
    arguments.addAll(List.of("--install-dir", settings.installDir()));
    if (settings.connection() == ConnectionMode.ENROLLMENT_STRING) {
      arguments.addAll(List.of("--enrollment-string", "-"));
      secrets.add(new Secret("enrollment string", settings.enrollmentString()));
    } else {
      arguments.addAll(List.of("--tenant", settings.tenantUrl(), "--enrollment-key", "-"));
      secrets.add(new Secret("enrollment key", settings.enrollmentKey()));
      if (!settings.fingerprint().isEmpty()) {
        arguments.addAll(List.of("--fingerprint", settings.fingerprint()));
      }
    }
    for (String module : settings.modules()) {
      arguments.addAll(List.of("--module", module));
    }
    arguments.addAll(List.of("--service-account", settings.serviceAccount()));
    if (settings.sendsServicePassword()) {
      arguments.addAll(List.of("--service-password", "-"));
      secrets.add(new Secret("service account password", settings.servicePassword()));
    }
    addProxy(settings, arguments, secrets);
    arguments.addAll(List.of("--progress", "--accept-license"));
    return new CommandLine(arguments, secrets);
  }

  /**
   * Returns the install command as an operator would run it on another server: the same as
   * {@link #install} without {@code --progress}, whose lines only the wizard reads.
   */
  public static CommandLine installForOperator(InstallSettings settings) {
    CommandLine line = install(settings);
    List<String> arguments = new ArrayList<>(line.arguments());
    arguments.remove("--progress");
    return new CommandLine(arguments, line.secrets());
  }

  /**
   * Returns the arguments of {@code bridgehead console} for the installed services, with
   * {@code --ipc-dir} when their socket folder is not the default.
   */
  public static List<String> console(InstallSettings settings) {
    List<String> arguments = new ArrayList<>(List.of("console"));
    Path sockets = settings.nonDefaultSocketFolder();
    if (sockets != null) {
      arguments.addAll(List.of("--ipc-dir", sockets.toString()));
    }
    return arguments;
  }

  /**
   * Returns {@code bridgehead check ... --json} for the tenant and proxy in the settings. With
   * separate fields, the check takes the URL and fingerprint but not the key, which only
   * enrollment uses.
   */
  public static CommandLine check(InstallSettings settings) {
    List<String> arguments = new ArrayList<>(List.of("check"));
    List<Secret> secrets = new ArrayList<>();
    if (settings.connection() == ConnectionMode.ENROLLMENT_STRING) {
      arguments.addAll(List.of("--enrollment-string", "-"));
      secrets.add(new Secret("enrollment string", settings.enrollmentString()));
    } else {
      arguments.addAll(List.of("--tenant", settings.tenantUrl()));
      if (!settings.fingerprint().isEmpty()) {
        arguments.addAll(List.of("--fingerprint", settings.fingerprint()));
      }
    }
    addProxy(settings, arguments, secrets);
    arguments.add("--json");
    return new CommandLine(arguments, secrets);
  }

  private static void addProxy(InstallSettings settings, List<String> arguments,
      List<Secret> secrets) {
    if (settings.proxyMode() != ProxyMode.EXPLICIT) {
      arguments.addAll(List.of("--proxy", settings.proxyMode().name().toLowerCase(Locale.ROOT)));
      return;
    }
    arguments.addAll(List.of("--proxy", settings.proxyUrl()));
    if (!settings.proxyUser().isEmpty()) {
      arguments.addAll(List.of("--proxy-user", settings.proxyUser()));
    }
    if (settings.sendsProxyPassword()) {
      arguments.addAll(List.of("--proxy-password", "-"));
      secrets.add(new Secret("proxy password", settings.proxyPassword()));
    }
  }
}
