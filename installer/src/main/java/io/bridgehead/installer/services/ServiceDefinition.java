package io.bridgehead.installer.services;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service as the installer registers it.
 *
 * @param name the service's name: {@code bridgehead-automation} for systemd,
 *     {@code BridgeheadAutomation} for Windows
 * @param displayName the name an administrator sees in the service list
 * @param description one sentence on what the service does
 * @param command the program and its arguments
 * @param account the account the service runs as: a Linux user name, or on Windows
 *     {@code LocalSystem}, {@code DOMAIN\name$} for a group managed service account, or
 *     {@code DOMAIN\name} for a domain account
 * @param password the domain account's password, or null where none is needed; never
 *     written to a file or a log
 * @param workingDirectory the folder the service starts in
 * @param environment variables added to the service's environment
 */
public record ServiceDefinition(
    String name,
    String displayName,
    String description,
    List<String> command,
    String account,
    char[] password,
    Path workingDirectory,
    Map<String, String> environment) {

  public ServiceDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(description, "description");
    command = List.copyOf(command);
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    environment = Map.copyOf(environment);
  }

  @Override
  public String toString() {
    return "ServiceDefinition[" + name + ", account " + account + ", command " + command + "]";
  }
}
