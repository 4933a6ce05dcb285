package io.bridgehead.installer.unattended;

import java.io.IOException;

/**
 * The source of a secret: a file, or one line of standard input.
 *
 * @param file the file, or null for standard input
 * @param option the option that named it, such as {@code --enrollment-key-file}, for errors
 */
record SecretSource(String file, String option) {

  static SecretSource of(String fileValue, String fileOption, String stdinValue,
      String stdinOption) {
    if (fileValue != null) {
      return new SecretSource(fileValue, fileOption);
    }
    return stdinValue == null ? null : new SecretSource(null, stdinOption);
  }

  /** Reads the secret. */
  String read(SecretReader input, String secretName) throws InvalidOptionException, IOException {
    return file == null ? input.line(secretName, option)
        : SecretReader.file(file, secretName, option);
  }
}
