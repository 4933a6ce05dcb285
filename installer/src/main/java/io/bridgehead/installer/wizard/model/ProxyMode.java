package io.bridgehead.installer.wizard.model;

/** The proxy choices of the contract's {@code --proxy} option. */
public enum ProxyMode {
  /** Connect directly. */
  NONE,
  /** Use {@code https_proxy} and {@code no_proxy} from the environment. */
  SYSTEM,
  /** Use the URL, user and password given in the wizard. */
  EXPLICIT
}
