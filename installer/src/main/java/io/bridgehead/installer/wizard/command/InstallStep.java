package io.bridgehead.installer.wizard.command;

/**
 * One install step as the progress page shows it.
 *
 * @param number the step number from 1
 * @param description what the step does
 * @param status its current state
 * @param detail the reason of a failure, or empty
 */
public record InstallStep(int number, String description, StepStatus status, String detail) {

  InstallStep with(StepStatus newStatus, String newDetail) {
    return new InstallStep(number, description, newStatus, newDetail);
  }
}
