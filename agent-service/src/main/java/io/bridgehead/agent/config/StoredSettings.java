package io.bridgehead.agent.config;

import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits an administrator changed through the control endpoint, stored as
 * {@code settings.json} in the data folder and read at every start. A value that is set
 * overrides the one the service was started with, including a command-line option; a null
 * value keeps it.
 *
 * @param maxConcurrentJobs how many jobs run at once, {@value #MIN_JOBS} to {@value #MAX_JOBS}
 * @param pollWait how long a long poll may wait, 1 s to 5 min
 * @param retryInitial the first back-off delay after a failed tenant call, 10 ms to 1 min
 * @param retryCap the longest back-off delay, from retryInitial to 1 h
 * @param maxPackageSize the largest release package the service downloads, in bytes,
 *     {@value #MIN_PACKAGE_SIZE} (1 MiB) to {@value #MAX_PACKAGE_SIZE} (4 GiB)
 */
public record StoredSettings(
    Integer maxConcurrentJobs,
    Duration pollWait,
    Duration retryInitial,
    Duration retryCap,
    Long maxPackageSize) {

  public static final String FILE_NAME = "settings.json";
  public static final int MIN_JOBS = 1;
  public static final int MAX_JOBS = 64;
  public static final Duration MIN_POLL_WAIT = Duration.ofSeconds(1);
  public static final Duration MAX_POLL_WAIT = Duration.ofMinutes(5);
  public static final Duration MIN_RETRY = Duration.ofMillis(10);
  public static final Duration MAX_RETRY_INITIAL = Duration.ofMinutes(1);
  public static final Duration MAX_RETRY_CAP = Duration.ofHours(1);
  public static final long MIN_PACKAGE_SIZE = 1024L * 1024;
  public static final long MAX_PACKAGE_SIZE = 4L * 1024 * 1024 * 1024;

  /** Makes limits without a package size limit, which keeps the one the service started with. */
  public StoredSettings(Integer maxConcurrentJobs, Duration pollWait, Duration retryInitial,
      Duration retryCap) {
    this(maxConcurrentJobs, pollWait, retryInitial, retryCap, null);
  }

  /** Returns the stored limits, or all null when the file does not exist. */
  public static StoredSettings read(Path dataFolder) throws IOException {
    Path file = dataFolder.resolve(FILE_NAME);
    StoredSettings stored;
    try {
      stored = Json.mapper().readValue(Files.readAllBytes(file), StoredSettings.class);
    } catch (NoSuchFileException e) {
      return new StoredSettings(null, null, null, null, null);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage()
          + "; fix the JSON or delete the file to use the default limits", e);
    }
    return stored;
  }

  /** Writes the limits atomically. */
  public void write(Path dataFolder) throws IOException {
    AtomicFiles.write(dataFolder.resolve(FILE_NAME),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this), false);
  }

  /** Returns the stored limits of {@code settings}, every one set. */
  public static StoredSettings of(AgentSettings settings) {
    return new StoredSettings(settings.maxConcurrentJobs(), settings.pollWait(),
        settings.retryInitial(), settings.retryCap(), settings.maxPackageSize());
  }

  /**
   * Returns {@code base} with every stored value that is set.
   *
   * @throws IllegalArgumentException naming the value out of range and its range
   */
  public AgentSettings applyTo(AgentSettings base) {
    AgentSettings applied = base;
    if (maxConcurrentJobs != null) {
      applied = applied.withMaxConcurrentJobs(maxConcurrentJobs);
    }
    if (pollWait != null) {
      applied = applied.withPollWait(pollWait);
    }
    if (retryInitial != null || retryCap != null) {
      applied = applied.withRetry(retryInitial == null ? applied.retryInitial() : retryInitial,
          retryCap == null ? applied.retryCap() : retryCap);
    }
    if (maxPackageSize != null) {
      applied = applied.withMaxPackageSize(maxPackageSize);
    }
    validate(applied);
    return applied;
  }

  /**
   * Checks every limit this file can change.
   *
   * @throws IllegalArgumentException naming the first value out of range and its range
   */
  public static void validate(AgentSettings settings) {
    int jobs = settings.maxConcurrentJobs();
    if (jobs < MIN_JOBS || jobs > MAX_JOBS) {
      throw new IllegalArgumentException("maxConcurrentJobs is " + jobs + "; use " + MIN_JOBS
          + " to " + MAX_JOBS);
    }
    requireWithin("pollWait", settings.pollWait(), MIN_POLL_WAIT, MAX_POLL_WAIT);
    requireWithin("retryInitial", settings.retryInitial(), MIN_RETRY, MAX_RETRY_INITIAL);
    requireWithin("retryCap", settings.retryCap(), MIN_RETRY, MAX_RETRY_CAP);
    long packageSize = settings.maxPackageSize();
    if (packageSize < MIN_PACKAGE_SIZE || packageSize > MAX_PACKAGE_SIZE) {
      throw new IllegalArgumentException("maxPackageSize is " + packageSize + " bytes; use "
          + MIN_PACKAGE_SIZE + " (1 MiB) to " + MAX_PACKAGE_SIZE + " (4 GiB)");
    }
    if (settings.retryCap().compareTo(settings.retryInitial()) < 0) {
      throw new IllegalArgumentException("retryCap " + DurationText.format(settings.retryCap())
          + " is below retryInitial " + DurationText.format(settings.retryInitial())
          + "; raise retryCap first, or lower retryInitial");
    }
  }

  private static void requireWithin(String name, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " is " + DurationText.format(value) + "; use "
          + DurationText.format(min) + " to " + DurationText.format(max));
    }
  }
}
