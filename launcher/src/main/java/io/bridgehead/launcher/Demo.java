package io.bridgehead.launcher;

import io.bridgehead.tenant.TenantInfo;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.EnrollmentKeyView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bridgehead demo}: the main job end to end on one machine. It starts a tenant and an
 * automation agent as separate processes in a temporary folder, creates a pool and enrolls the
 * agent with the pool's key. Then it runs the example task that counts the files and bytes
 * under the running JDK's folder, prints the result and stops both. It exits 0 only when the
 * task succeeded.
 */
final class Demo {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead demo [--folder DIR] [--keep]",
      "",
      "Starts a tenant and an automation agent in a temporary folder on loopback, runs a",
      "task that counts the files and bytes under a folder, prints its result and stops",
      "both. Exits 0 only when the task succeeded.",
      "",
      "Options:",
      "  --folder DIR            the folder the task counts (default: this Java's home)",
      "  --keep                  keep the temporary folder with the tenant's and the",
      "                          agent's data and logs");

  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final Duration TASK_WAIT = Duration.ofSeconds(120);
  private static final boolean WINDOWS =
      System.getProperty("os.name").toLowerCase().startsWith("windows");

  private final PrintStream out;
  private final List<Process> children = new ArrayList<>();

  Demo(PrintStream out) {
    this.out = out;
  }

  ExitCode run(List<String> arguments) throws CommandException, IOException,
      InterruptedException {
    Args args = Args.parse(arguments, Set.of("folder"), Set.of("keep"));
    Path folder = Files.createTempDirectory("bridgehead-demo-");
    Path countedFolder = Path.of(args.value("folder", System.getProperty("java.home")));
    out.println("Demo folder: " + folder);
    Thread cleanup = new Thread(this::stopChildren, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      JobView job = runDemo(folder, countedFolder);
      JobPrinter.print(out, job);
      boolean succeeded = job.state().equals("succeeded");
      out.println(succeeded ? "Demo succeeded." : "Demo failed: the task " + job.state() + ".");
      return succeeded ? ExitCode.OK : ExitCode.FAILED;
    } finally {
      stopChildren();
      Runtime.getRuntime().removeShutdownHook(cleanup);
      if (args.flag("keep")) {
        out.println("Kept " + folder + " with the tenant's and the agent's data and logs.");
      } else {
        deleteTree(folder);
      }
    }
  }

  private JobView runDemo(Path folder, Path countedFolder)
      throws CommandException, IOException, InterruptedException {
    Path tenantData = folder.resolve("tenant");
    Path agentData = folder.resolve("agent");

    out.println("1. Starting the tenant on a free loopback port");
    Process tenant = spawn(folder.resolve("tenant.out"), "tenant", "start", "--data",
        tenantData.toString(), "--port", "0");
    TenantInfo info = awaitTenant(tenant, tenantData, folder.resolve("tenant.out"));
    out.println("   listening on " + info.url() + ", certificate " + info.fingerprint());

    AdminClient admin = AdminClient.connect(info.url(),
        CertificateFingerprint.parse(info.fingerprint()),
        Files.readString(tenantData.resolve(TenantInfo.ADMIN_TOKEN_FILE)).trim());
    out.println("2. Creating pool 'demo'");
    EnrollmentKeyView key = admin.createPool("demo");

    out.println("3. Enrolling an automation agent with the pool's key");
    Path keyFile = folder.resolve("enrollment-key");
    Files.writeString(keyFile, key.enrollmentKey(), StandardCharsets.UTF_8);
    Process enroll = spawn(folder.resolve("enroll.out"), "agent", "enroll", "--data",
        agentData.toString(), "--tenant", info.url(), "--fingerprint", info.fingerprint(),
        "--enrollment-key-file", keyFile.toString(), "--role", "automation");
    if (!enroll.waitFor(START_WAIT.toSeconds(), TimeUnit.SECONDS) || enroll.exitValue() != 0) {
      throw new CommandException(ExitCode.FAILED, "enrolling the agent failed:\n"
          + tail(folder.resolve("enroll.out")));
    }
    Files.delete(keyFile);

    out.println("4. Starting the agent");
    spawn(folder.resolve("agent.out"), "agent", "run", "--data", agentData.toString(),
        "--role", "automation", "--ipc-dir", folder.resolve("run").toString());

    out.println("5. Running a task that counts the files and bytes under " + countedFolder);
    JobView job = admin.submit(new SubmitTaskRequest("demo", sampleTask(countedFolder), null));
    JobView done = TaskWaiter.await(admin, job.id(), TASK_WAIT);
    if (!done.finished()) {
      throw new CommandException(ExitCode.TIMED_OUT, "the task did not finish within "
          + TASK_WAIT.toSeconds() + " s; agent output:\n" + tail(folder.resolve("agent.out")));
    }
    return done;
  }

  private static TaskSpec sampleTask(Path countedFolder) throws IOException {
    String name = WINDOWS ? "count-files.ps1" : "count-files.sh";
    try (InputStream in = Demo.class.getResourceAsStream(
        "/io/bridgehead/assets/examples/tasks/" + name)) {
      if (in == null) {
        throw new IOException("the example task " + name + " is missing from the assets jar;"
            + " rebuild with ./mvnw package");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new TaskSpec(WINDOWS ? ScriptShell.POWERSHELL : ScriptShell.SH, script,
          Map.of("FOLDER", countedFolder.toString()), Set.of(), 120, 1024 * 1024);
    }
  }

  private TenantInfo awaitTenant(Process tenant, Path tenantData, Path output)
      throws CommandException, IOException, InterruptedException {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!tenant.isAlive()) {
        throw new CommandException(ExitCode.FAILED, "the tenant exited with code "
            + tenant.exitValue() + ":\n" + tail(output));
      }
      if (Files.exists(tenantData.resolve(TenantInfo.FILE_NAME))) {
        TenantInfo info = TenantInfo.read(tenantData);
        if (info.pid() == tenant.pid()) {
          return info;
        }
      }
      Thread.sleep(100);
    }
    throw new CommandException(ExitCode.TIMED_OUT, "the tenant did not start within "
        + START_WAIT.toSeconds() + " s:\n" + tail(output));
  }

  /** Starts {@code bridgehead ARGS} as a child process on this JVM's classpath. */
  private Process spawn(Path output, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    synchronized (children) {
      children.add(process);
    }
    return process;
  }

  /** Stops the children politely (SIGTERM, so they stop gracefully), then by force. */
  private void stopChildren() {
    List<Process> running;
    synchronized (children) {
      running = new ArrayList<>(children);
      children.clear();
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      Process process = running.get(i);
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only a temporary folder is left behind, so the demo's outcome does not change.
    }
  }
}
