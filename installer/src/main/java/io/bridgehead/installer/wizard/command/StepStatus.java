package io.bridgehead.installer.wizard.command;

/** The state of one install step, as the progress lines report it. */
public enum StepStatus {
  PENDING("waiting"),
  RUNNING("running"),
  DONE("done"),
  FAILED("failed"),
  UNDOING("undoing"),
  UNDONE("undone"),
  UNDO_FAILED("undo failed");

  private final String label;

  StepStatus(String label) {
    this.label = label;
  }

  /** Returns the word the progress page shows. */
  public String label() {
    return label;
  }
}
