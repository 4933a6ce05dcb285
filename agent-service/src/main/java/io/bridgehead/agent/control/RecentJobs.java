package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.jobs.JobSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last {@value #CAPACITY} jobs this service ran, in memory only, oldest dropped first. */
final class RecentJobs {
  static final int CAPACITY = 100;
  /** The maximum length of the message summary kept per job, in characters. */
  static final int MESSAGE_CHARS = 200;

  private record Entry(String jobId, String state, Instant startedAt, Instant finishedAt,
      Integer exitCode, String message) {}

  /** Entries by job id in the order the jobs started. Guarded by this. */
  private final Map<String, Entry> entries = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized void started(String jobId, Instant startedAt) {
    entries.put(jobId, new Entry(jobId, "running", startedAt, null, null, ""));
  }

  synchronized void ended(JobSummary job) {
    Entry previous = entries.get(job.jobId());
    Instant startedAt = job.startedAt() != null ? job.startedAt()
        : previous == null ? null : previous.startedAt();
    entries.put(job.jobId(), new Entry(job.jobId(), job.outcome().wireName(), startedAt,
        job.finishedAt(), job.exitCode(), summarize(job.message())));
  }

  /** Returns up to {@code limit} jobs, newest first, as JSON objects. */
  ArrayNode toJson(int limit) {
    List<Entry> copy;
    synchronized (this) {
      copy = new ArrayList<>(entries.values());
    }
    ArrayNode jobs = JsonNodeFactory.instance.arrayNode();
    for (int i = copy.size() - 1; i >= 0 && jobs.size() < limit; i--) {
      Entry entry = copy.get(i);
      ObjectNode job = jobs.addObject();
      job.put("id", entry.jobId());
      job.put("state", entry.state());
      job.put("startedAt", text(entry.startedAt()));
      if (entry.startedAt() != null && entry.finishedAt() != null) {
        job.put("durationMillis",
            Duration.between(entry.startedAt(), entry.finishedAt()).toMillis());
      } else {
        job.putNull("durationMillis");
      }
      if (entry.exitCode() == null) {
        job.putNull("exitCode");
      } else {
        job.put("exitCode", entry.exitCode());
      }
      job.put("message", entry.message());
    }
    return jobs;
  }

  /** Returns the message's first line, cut to {@link #MESSAGE_CHARS} characters. */
  static String summarize(String message) {
    if (message == null) {
      return "";
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    return firstLine.length() <= MESSAGE_CHARS ? firstLine
        : firstLine.substring(0, MESSAGE_CHARS - 1) + "…";
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
