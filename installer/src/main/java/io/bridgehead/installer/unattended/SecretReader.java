package io.bridgehead.installer.unattended;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads secrets from files or from lines of standard input. Secrets never come from the
 * command line, where other users could read them in the process list.
 */
final class SecretReader {
  private final BufferedReader input;

  SecretReader(BufferedReader input) {
    this.input = input;
  }

  /**
   * Reads the next line of standard input.
   *
   * @param secretName the secret's name for the error, such as "the enrollment key"
   * @throws InvalidOptionException at the end of input or for an empty line
   */
  String line(String secretName, String option) throws InvalidOptionException, IOException {
    String line = input.readLine();
    if (line == null || line.isBlank()) {
      throw new InvalidOptionException("missing " + secretName + " on standard input ("
          + option + " -): write it as one line");
    }
    return line.trim();
  }

  /**
   * Reads a secret file and removes one trailing newline.
   *
   * @throws InvalidOptionException when the file is missing, unreadable or empty
   */
  static String file(String path, String secretName, String option)
      throws InvalidOptionException, IOException {
    String content;
    try {
      content = Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidOptionException(option + " " + path + ": file not found");
    } catch (AccessDeniedException e) {
      throw new InvalidOptionException(option + " " + path + ": not readable; check its"
          + " permissions");
    } catch (MalformedInputException e) {
      throw new InvalidOptionException(option + " " + path + ": not UTF-8 text");
    } catch (IOException e) {
      throw new InvalidOptionException(option + " " + path + ": cannot read it: "
          + e.getMessage());
    }
    if (content.endsWith("\r\n")) {
      content = content.substring(0, content.length() - 2);
    } else if (content.endsWith("\n")) {
      content = content.substring(0, content.length() - 1);
    }
    if (content.isBlank()) {
      throw new InvalidOptionException(option + " " + path + " is empty; write " + secretName
          + " into it");
    }
    return content;
  }
}
