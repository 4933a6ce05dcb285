package io.bridgehead.agent.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the values of secret variables with {@code ***}, one line at a time.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} characters are left visible: masking every "1"
 * or "yes" in the output would hide more than it protects. A value that spans lines is masked
 * line by line. A value that the script transforms (encodes, splits across writes to different
 * lines, prints in reverse) is not recognized.
 */
final class SecretMasker {
  static final String MASK = "***";
  /** Values shorter than this are not masked. */
  static final int MIN_LENGTH = 4;

  /** Secret texts to replace, longest first so that a secret containing another goes whole. */
  private final List<String> secrets;

  private SecretMasker(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Returns a masker for the values of the named variables that are present. */
  static SecretMasker forVariables(Map<String, String> variables, Set<String> secretNames) {
    List<String> secrets = new ArrayList<>();
    for (String name : secretNames) {
      String value = variables.get(name);
      if (value == null) {
        continue;
      }
      for (String part : value.split("\\R")) {
        if (part.length() >= MIN_LENGTH && !secrets.contains(part)) {
          secrets.add(part);
        }
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretMasker(List.copyOf(secrets));
  }

  /** Returns the line with every secret value replaced by {@code ***}. */
  String mask(String line) {
    String masked = line;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  /**
   * Masks a line that the output cap cut off: besides whole secrets, a secret's beginning at the
   * end of the line is masked too, because the rest of it was discarded.
   */
  String maskCutLine(String line) {
    String masked = mask(line);
    int longest = 0;
    for (String secret : secrets) {
      for (int length = Math.min(secret.length() - 1, masked.length()); length > longest;
          length--) {
        if (masked.endsWith(secret.substring(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest == 0 ? masked : masked.substring(0, masked.length() - longest) + MASK;
  }

  /**
   * Returns a copy of a JSON value with every secret masked in its strings, field names
   * included, so that a script cannot report a secret through its structured result either.
   */
  JsonNode maskJson(JsonNode value) {
    if (value == null || secrets.isEmpty()) {
      return value;
    }
    if (value.isTextual()) {
      return TextNode.valueOf(maskText(value.textValue()));
    }
    if (value.isArray()) {
      ArrayNode masked = JsonNodeFactory.instance.arrayNode(value.size());
      value.forEach(element -> masked.add(maskJson(element)));
      return masked;
    }
    if (value.isObject()) {
      ObjectNode masked = JsonNodeFactory.instance.objectNode();
      value.fields().forEachRemaining(field ->
          masked.set(maskText(field.getKey()), maskJson(field.getValue())));
      return masked;
    }
    return value;
  }

  /** Returns text of several lines with each line masked; line breaks are kept. */
  String maskText(String text) {
    if (secrets.isEmpty()) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    StringBuilder masked = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        masked.append('\n');
      }
      masked.append(mask(lines[i]));
    }
    return masked.toString();
  }
}
