package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.account.AccountVerifier;
import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.model.HostOs;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The options the wizard starts with.
 *
 * @param root the folder to install into instead of the system ({@code --root}), or null
 * @param os the system to install for; other than this JVM's only in tests and screenshots
 * @param runner runs the {@code bridgehead} commands: install, check and console
 * @param accountVerifier checks Windows service accounts
 */
public record WizardOptions(Path root, HostOs os, CommandRunner runner,
    AccountVerifier accountVerifier) {

  public WizardOptions {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(accountVerifier, "accountVerifier");
  }

  /** Returns options for this system, with commands run by the given runner. */
  public static WizardOptions forThisSystem(Path root, CommandRunner runner) {
    return new WizardOptions(root, HostOs.current(), runner, AccountVerifier.forThisSystem());
  }
}
