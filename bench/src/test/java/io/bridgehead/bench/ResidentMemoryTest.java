package io.bridgehead.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {
  private static final List<String> STATUS = List.of(
      "Name:\tjava",
      "VmPeak:\t 7412340 kB",
      "VmHWM:\t  281812 kB",
      "VmRSS:\t  103828 kB",
      "Threads:\t31");

  @Test
  void parseKibReadsNamedField() {
    assertThat(ResidentMemory.parseKib(STATUS, "VmRSS")).hasValue(103828);
    assertThat(ResidentMemory.parseKib(STATUS, "VmHWM")).hasValue(281812);
  }

  @Test
  void parseKibMissingFieldIsEmpty() {
    assertThat(ResidentMemory.parseKib(STATUS, "VmSwap")).isEmpty();
    assertThat(ResidentMemory.parseKib(List.of("VmRSS:\tlots"), "VmRSS")).isEmpty();
  }

  @Test
  void ownProcessHasResidentMemory() {
    assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
    long pid = ProcessHandle.current().pid();

    OptionalLong resident = ResidentMemory.residentKib(pid);
    OptionalLong peak = ResidentMemory.peakResidentKib(pid);

    assertThat(resident).isPresent();
    assertThat(resident.getAsLong()).isPositive();
    // VmHWM is the maximum VmRSS so far, so it cannot be below an earlier VmRSS.
    assertThat(peak.getAsLong()).isGreaterThanOrEqualTo(resident.getAsLong());
  }

  @Test
  void mibHasOneDecimal() {
    assertThat(ResidentMemory.mib(103828)).isEqualTo("101.4");
  }
}
