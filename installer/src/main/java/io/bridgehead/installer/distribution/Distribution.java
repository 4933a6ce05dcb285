package io.bridgehead.installer.distribution;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The program files an install copies: the jars, and the Java runtime when one is bundled.
 *
 * @param version the version the files are, which names their folder under
 *     {@code versions/}
 * @param jars every jar the program needs, the one with the main class among them
 * @param runtime a bundled Java runtime (a folder with {@code bin/java}), or null to run on
 *     {@code java}
 * @param java the Java program the installed script runs when no runtime is bundled: the
 *     installing JVM's
 * @param mainClass the class the script starts
 */
public record Distribution(String version, List<Path> jars, Path runtime, Path java,
    String mainClass) {

  public Distribution {
    jars = List.copyOf(jars);
  }

  /**
   * Finds the distribution the running program came from, by the jar that contains
   * {@code mainClass}. Three shapes are known:
   *
   * <ul>
   *   <li>a build: {@code launcher.jar} beside a {@code lib/} folder of jars;
   *   <li>a jpackage app image: {@code lib/app/*.jar} beside the runtime in
   *       {@code lib/runtime};
   *   <li>an installed version: {@code lib/*.jar} beside {@code runtime/} when one is bundled.
   * </ul>
   *
   * @throws IOException when the main class is not in a jar, as when it runs from a build's
   *     classes folder, saying what to run instead
   */
  public static Distribution running(Class<?> mainClass, String version) throws IOException {
    CodeSource source = mainClass.getProtectionDomain().getCodeSource();
    Path jar;
    try {
      jar = source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      jar = null;
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IOException("cannot find the program files to install: " + mainClass.getName()
          + " was not loaded from a jar (" + jar + "); run the installer from a built"
          + " distribution, such as bin/bridgehead after './mvnw package'");
    }
    return of(jar.getParent(), mainClass.getName(), version);
  }

  /**
   * Returns the distribution in {@code folder}, the folder of the main jar. See
   * {@link #running} for the shapes it accepts.
   */
  public static Distribution of(Path folder, String mainClass, String version)
      throws IOException {
    List<Path> jars = new ArrayList<>(jarsIn(folder));
    Path lib = folder.resolve("lib");
    if (Files.isDirectory(lib)) {
      jars.addAll(jarsIn(lib));
    }
    if (jars.isEmpty()) {
      throw new IOException("no jars found in " + folder + " to install");
    }
    Path runtime = null;
    Path parent = folder.getParent();
    for (Path candidate : parent == null ? List.<Path>of()
        : List.of(parent.resolve("runtime"), folder.resolve("runtime"))) {
      if (Files.isExecutable(candidate.resolve("bin").resolve("java"))) {
        runtime = candidate;
        break;
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new Distribution(version, jars, runtime, java, mainClass);
  }

  private static List<Path> jarsIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
          .filter(Files::isRegularFile).sorted().toList();
    }
  }
}
