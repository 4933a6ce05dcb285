package io.bridgehead.launcher;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.wire.release.PackageBuilder;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code bridgehead release ...}: make the release key and build signed release packages. */
final class ReleaseCommands {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead release COMMAND [OPTIONS]",
      "",
      "Commands:",
      "  keygen --private FILE --public FILE",
      "                          make an Ed25519 release key pair; the private key file is",
      "                          readable by its owner only. Keep it off the repository and",
      "                          off agents: whoever has it can sign agent updates",
      "  build --key FILE --out FILE [--version V] [--from DIR]",
      "                          pack a version folder into a signed release package. DIR",
      "                          is the folder to pack, with bin/ and lib/; without --from,",
      "                          the jars of this bridgehead command are packed under lib/",
      "                          with the version given (default: this build's version)");

  private static final Set<String> VALUED = Set.of("private", "public", "key", "out",
      "version", "from");

  private final PrintStream out;

  ReleaseCommands(PrintStream out) {
    this.out = out;
  }

  ExitCode run(List<String> arguments) throws CommandException, IOException {
    Args args = Args.parse(arguments, VALUED, Set.of());
    List<String> words = args.operands();
    if (words.size() != 1) {
      out.println(USAGE);
      return ExitCode.INVALID_ARGUMENT;
    }
    return switch (words.get(0)) {
      case "keygen" -> keygen(args);
      case "build" -> build(args);
      default -> throw CommandException.invalid("unknown command 'release " + words.get(0)
          + "'; see 'bridgehead release --help'");
    };
  }

  private ExitCode keygen(Args args) throws CommandException, IOException {
    Path privateFile = required(args, "private");
    Path publicFile = required(args, "public");
    KeyPair pair = ReleaseKeys.generate();
    ReleaseKeys.write(pair, privateFile, publicFile);
    out.println("Release key written: private " + privateFile + ", public " + publicFile);
    out.println("Public key fingerprint: " + ReleaseKeys.fingerprint(pair.getPublic()));
    return ExitCode.OK;
  }

  private ExitCode build(Args args) throws CommandException, IOException {
    PrivateKey key = privateKey(existing(required(args, "key"), "--key"));
    Path output = required(args, "out");
    String version = args.value("version") == null ? AgentVersion.current()
        : args.value("version");
    ReleaseManifest manifest;
    try {
      if (args.value("from") != null) {
        Path from = existing(Path.of(args.value("from")), "--from");
        manifest = PackageBuilder.build(from, version, key, output);
      } else {
        Path staging = Files.createTempDirectory("bridgehead-release-");
        try {
          stageOwnJars(staging.resolve("lib"));
          manifest = PackageBuilder.build(staging, version, key, output);
        } finally {
          deleteTree(staging);
        }
      }
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    out.println("Release package " + output + ": version " + manifest.version() + ", "
        + manifest.files().size() + " files, " + manifest.totalSize() + " bytes");
    return ExitCode.OK;
  }

  /**
   * Reads the release private key. A file that cannot be read is an I/O failure. A file that
   * is read but contains no private key, such as the public key, is an invalid argument.
   */
  private static PrivateKey privateKey(Path file) throws CommandException, IOException {
    Files.readAllBytes(file);
    try {
      return ReleaseKeys.readPrivate(file);
    } catch (IOException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }

  /**
   * Copies the jars this command runs from: launcher.jar and its lib folder as the build
   * leaves them, or the lib folder of an installed version.
   */
  private static void stageOwnJars(Path lib) throws CommandException, IOException {
    Path jar;
    try {
      jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException e) {
      throw new IOException("cannot find this command's own jar: " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(jar)) {
      throw CommandException.invalid("this command does not run from a jar (" + jar + ");"
          + " build with './mvnw package' or give --from DIR");
    }
    Path siblingLib = jar.resolveSibling("lib");
    Path source = Files.isDirectory(siblingLib) ? siblingLib : jar.getParent();
    Files.createDirectories(lib);
    Files.copy(jar, lib.resolve(jar.getFileName()));
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(source, "*.jar")) {
      for (Path each : jars) {
        if (!Files.exists(lib.resolve(each.getFileName()))) {
          Files.copy(each, lib.resolve(each.getFileName()));
        }
      }
    }
  }

  private static Path required(Args args, String name) throws CommandException {
    String value = args.value(name);
    if (value == null || value.isBlank()) {
      throw CommandException.invalid("missing --" + name + " FILE; see 'bridgehead release"
          + " --help'");
    }
    return Path.of(value);
  }

  private static Path existing(Path path, String option) throws CommandException {
    if (!Files.exists(path)) {
      throw CommandException.invalid(option + " " + path + " not found");
    }
    return path;
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
