package io.bridgehead.installer.unattended;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed options: {@code --name value}, {@code --name=value} or a flag {@code --name}; an
 * option may repeat. Every option must be declared, so a typing mistake is an error. There are
 * no operands.
 */
public final class Options {
  private final Map<String, List<String>> values;

  private Options(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Parses arguments.
   *
   * @throws InvalidOptionException for an unknown option, a missing value or an operand
   */
  public static Options parse(List<String> arguments, Set<String> valued, Set<String> flags)
      throws InvalidOptionException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (!argument.startsWith("--") || argument.length() == 2) {
        throw new InvalidOptionException("unexpected argument '" + argument + "'; options"
            + " start with --, see --help");
      }
      int equals = argument.indexOf('=');
      String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
      String value;
      if (flags.contains(name)) {
        if (equals >= 0) {
          throw new InvalidOptionException("option --" + name + " takes no value");
        }
        value = "true";
      } else if (valued.contains(name)) {
        if (equals >= 0) {
          value = argument.substring(equals + 1);
        } else if (i + 1 < arguments.size()) {
          value = arguments.get(++i);
        } else {
          throw new InvalidOptionException("option --" + name + " needs a value");
        }
      } else {
        throw new InvalidOptionException("unknown option --" + name + "; see --help");
      }
      values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return new Options(values);
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * Returns the value of an option that may appear once, or null.
   *
   * @throws InvalidOptionException when it appears more than once
   */
  public String value(String name) throws InvalidOptionException {
    List<String> named = values.get(name);
    if (named == null) {
      return null;
    }
    if (named.size() > 1) {
      throw new InvalidOptionException("--" + name + " is given " + named.size() + " times;"
          + " give it once");
    }
    return named.get(0);
  }

  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }
}
