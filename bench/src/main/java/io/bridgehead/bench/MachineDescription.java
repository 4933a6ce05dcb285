package io.bridgehead.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a benchmark ran on, as printed beside its figures. On Linux the CPU model and
 * memory come from {@code /proc/cpuinfo} and {@code /proc/meminfo}, and the distribution from
 * {@code /etc/os-release}; elsewhere those parts read "unknown".
 *
 * @param processors the processors available to the JVM; the same count as {@code nproc}
 *     unless a container limit applies to the JVM only
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}
 * @param memory the total memory, from {@code MemTotal} of {@code /proc/meminfo}
 * @param java the JVM's name and full runtime version
 * @param operatingSystem the distribution's name, the kernel's name and version, and the
 *     architecture
 */
record MachineDescription(
    int processors,
    String cpuModel,
    String memory,
    String java,
    String operatingSystem) {

  private static final String UNKNOWN = "unknown";

  /** Describes the machine this JVM runs on. */
  static MachineDescription current() {
    String java = System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version");
    String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    String distribution = readField(Path.of("/etc/os-release"), "PRETTY_NAME", "=")
        .map(value -> value.replace("\"", "") + ", ")
        .orElse("");
    return new MachineDescription(Runtime.getRuntime().availableProcessors(), readCpuModel(),
        readMemory(), java, distribution + kernel);
  }

  private static String readCpuModel() {
    return readField(Path.of("/proc/cpuinfo"), "model name", ":").orElse(UNKNOWN);
  }

  private static String readMemory() {
    // The kernel gives MemTotal as, for example, "24683612 kB", where a kB is 1024 bytes.
    return readField(Path.of("/proc/meminfo"), "MemTotal", ":")
        .map(value -> value.replace("kB", "").trim())
        .filter(value -> value.matches("[0-9]+"))
        .map(value -> String.format(Locale.ROOT, "%.1f GiB",
            Long.parseLong(value) / 1024.0 / 1024.0))
        .orElse(UNKNOWN);
  }

  /**
   * Returns the trimmed text after {@code separator} on the first line of {@code file} whose
   * text before it is {@code key}, or empty when there is none or the file cannot be read.
   */
  private static Optional<String> readField(Path file, String key, String separator) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String line : lines) {
      int at = line.indexOf(separator);
      if (at > 0 && line.substring(0, at).trim().equals(key)) {
        return Optional.of(line.substring(at + separator.length()).trim());
      }
    }
    return Optional.empty();
  }

  /** Returns the description as indented lines, for a benchmark report. */
  String format() {
    return String.join("\n",
        "  processors (nproc): " + processors,
        "  CPU model:          " + cpuModel,
        "  memory:             " + memory,
        "  Java:               " + java,
        "  OS:                 " + operatingSystem);
  }
}
