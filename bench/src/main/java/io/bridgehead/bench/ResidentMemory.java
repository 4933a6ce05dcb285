package io.bridgehead.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads a process's memory figures from {@code /proc/PID/status} (Linux). {@code VmRSS} is the
 * resident set now: anonymous memory, mapped files and shared memory in RAM. {@code VmHWM} is
 * the largest {@code VmRSS} since the process started. Both count pages shared with other
 * processes, such as those of {@code libjvm.so}, in full.
 */
final class ResidentMemory {
  private ResidentMemory() {}

  /** Returns the process's {@code VmRSS} in KiB, or empty when it cannot be read. */
  static OptionalLong residentKib(long pid) {
    return field(pid, "VmRSS");
  }

  /** Returns the process's {@code VmHWM} in KiB, or empty when it cannot be read. */
  static OptionalLong peakResidentKib(long pid) {
    return field(pid, "VmHWM");
  }

  private static OptionalLong field(long pid, String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    return parseKib(lines, name);
  }

  /**
   * Returns the value of a {@code NAME: VALUE kB} line of a {@code /proc/PID/status} text, in
   * KiB (the kernel's "kB" is 1024 bytes), or empty when there is no such line.
   */
  static OptionalLong parseKib(List<String> statusLines, String name) {
    for (String line : statusLines) {
      if (line.startsWith(name + ":")) {
        String value = line.substring(name.length() + 1).replace("kB", "").trim();
        return value.matches("[0-9]+") ? OptionalLong.of(Long.parseLong(value))
            : OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** Formats KiB as MiB with one decimal, for example {@code 81.4}. */
  static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
  }
}
