package io.bridgehead.installer.repair;

import io.bridgehead.installer.distribution.Distribution;
import java.nio.file.Path;

/**
 * The origin of the program files that repair restores.
 *
 * @param kind the kind of source
 * @param version the version the files are
 * @param packageFile the verified release package, for {@link Kind#PACKAGE}; else null
 * @param distribution the running program's files, for {@link Kind#RUNNING_PROGRAM}; else
 *     null
 */
record RepairSource(Kind kind, String version, Path packageFile, Distribution distribution) {

  /** The sources, in the order repair tries them. */
  enum Kind {
    /** The recorded version folder, whose files all match its manifest. */
    VERSION_FOLDER,
    /** A verified release package in {@code updates/packages}, or one just downloaded. */
    PACKAGE,
    /** The program files that run this repair, as install copies them. */
    RUNNING_PROGRAM
  }

  static RepairSource versionFolder(String version) {
    return new RepairSource(Kind.VERSION_FOLDER, version, null, null);
  }

  static RepairSource releasePackage(String version, Path file) {
    return new RepairSource(Kind.PACKAGE, version, file, null);
  }

  static RepairSource runningProgram(Distribution distribution) {
    return new RepairSource(Kind.RUNNING_PROGRAM, distribution.version(), null, distribution);
  }

  /** Returns a phrase for progress notes and the result, such as "the package 1.2.0.zip". */
  String describe() {
    return switch (kind) {
      case VERSION_FOLDER -> "the version folder of " + version + ", which is intact";
      case PACKAGE -> "the verified release package " + packageFile;
      case RUNNING_PROGRAM -> "the program files of version " + version
          + " that run this repair";
    };
  }
}
