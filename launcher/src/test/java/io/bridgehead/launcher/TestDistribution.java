package io.bridgehead.launcher;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;

/**
 * A distribution folder shaped like the build's ({@code launcher.jar} beside {@code lib/}),
 * made from this test's class path: class folders become jars, test-only jars stay out. The
 * installer under test copies it, as it copies a real build.
 */
final class TestDistribution {
  private static final Pattern TEST_ONLY = Pattern.compile(
      ".*(junit|assertj|opentest4j|apiguardian|surefire|byte-buddy).*");

  private TestDistribution() {}

  /** Builds the distribution in {@code folder} and returns the folder. */
  static Path build(Path folder) throws IOException {
    Path lib = Files.createDirectories(folder.resolve("lib"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.toString();
      if (name.contains("test-classes") || TEST_ONLY.matcher(path.getFileName().toString())
          .matches() || !Files.exists(path)) {
        continue;
      }
      if (Files.isDirectory(path)) {
        // target/classes of a module: the jar is named after the module's folder.
        boolean launcher = Files.exists(path.resolve("io/bridgehead/launcher/Main.class"));
        Path jar = launcher ? folder.resolve("launcher.jar")
            : lib.resolve(path.getParent().getParent().getFileName() + ".jar");
        jar(path, jar);
      } else if (name.endsWith(".jar")) {
        Files.copy(path, lib.resolve(path.getFileName().toString()));
      }
    }
    if (!Files.exists(folder.resolve("launcher.jar"))) {
      throw new IOException("the launcher's classes are not on the class path");
    }
    return folder;
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      Files.walkFileTree(classes, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path path, BasicFileAttributes attributes)
            throws IOException {
          out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
          Files.copy(path, out);
          out.closeEntry();
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }
}
