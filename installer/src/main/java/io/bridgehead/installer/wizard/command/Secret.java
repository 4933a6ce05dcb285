package io.bridgehead.installer.wizard.command;

import java.util.Objects;

/**
 * One secret line that a command reads from standard input because its option is {@code -}.
 *
 * @param name what the line contains, for example "enrollment string"
 * @param value the secret itself; never shown, logged or put on a command line
 */
public record Secret(String name, String value) {
  public Secret {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "Secret[" + name + ", value hidden]";
  }
}
