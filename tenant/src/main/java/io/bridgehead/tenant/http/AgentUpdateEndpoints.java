package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.Release;
import io.bridgehead.tenant.store.ReleaseStore;
import io.bridgehead.tenant.store.RolloutStore;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.UpdateReport;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update channel's part of the agent API: downloading a release package, with byte
 * ranges so a broken download resumes, and reporting how an update ended.
 */
final class AgentUpdateEndpoints {
  private static final Logger log = LoggerFactory.getLogger(AgentUpdateEndpoints.class);
  /** The maximum length of an update report's reason, in characters. */
  static final int MAX_REASON_CHARS = 2000;

  /** Checks an agent request's credential and instance; see {@link AgentEndpoints}. */
  interface Authenticator {
    Agent authenticate(HttpExchange exchange) throws ApiException;
  }

  private final ReleaseStore releases;
  private final RolloutStore rollouts;
  private final Clock clock;

  AgentUpdateEndpoints(ReleaseStore releases, RolloutStore rollouts, Clock clock) {
    this.releases = releases;
    this.rollouts = rollouts;
    this.clock = clock;
  }

  void register(Router router, Authenticator authenticator) {
    router.add("GET", AgentApi.RELEASES + "/" + UpdateAdminEndpoints.VERSION,
            (exchange, path) -> download(exchange, path, authenticator.authenticate(exchange)))
        .add("POST", AgentApi.UPDATE_REPORT,
            (exchange, path) -> report(exchange, authenticator.authenticate(exchange)));
  }

  private void download(HttpExchange exchange, Matcher path, Agent agent)
      throws ApiException, IOException {
    String version = path.group(1);
    Release release = releases.find(version).orElseThrow(() -> ApiException.notFound(
        "release " + version + " not found on the tenant; it may have been deleted"));
    Path archive = releases.archive(release.version());
    try (FileChannel file = FileChannel.open(archive)) {
      long size = file.size();
      String etag = "\"" + release.sha256() + "\"";
      exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
      exchange.getResponseHeaders().set("ETag", etag);
      ByteRange range = requestedRange(exchange, etag, size);
      exchange.getResponseHeaders().set("Content-Type", "application/zip");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      long first = 0;
      long length = size;
      if (range == null) {
        exchange.sendResponseHeaders(200, size);
      } else {
        exchange.getResponseHeaders().set("Content-Range", range.contentRange(size));
        exchange.sendResponseHeaders(206, range.length());
        first = range.first();
        length = range.length();
      }
      log.info("Agent {} downloads release {}: {} of {} bytes from byte {}", agent.id(),
          version, length, size, first);
      try (OutputStream out = exchange.getResponseBody()) {
        copy(file, first, length, out);
      }
    } catch (NoSuchFileException e) {
      log.error("The archive of release {} is missing: {}", version, archive);
      throw new ApiException(500, "release_file_missing", "the tenant has no archive for"
          + " release " + version + "; an operator should publish it again");
    }
  }

  /**
   * Returns the range to send, or null for the whole package: when there is no
   * {@code Range} header, or when {@code If-Range} names another package.
   */
  private static ByteRange requestedRange(HttpExchange exchange, String etag, long size)
      throws ApiException {
    String header = exchange.getRequestHeaders().getFirst("Range");
    if (header == null) {
      return null;
    }
    String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
    if (ifRange != null && !ifRange.trim().equals(etag)) {
      return null;
    }
    try {
      return ByteRange.parse(header, size);
    } catch (ByteRange.UnsatisfiableException e) {
      exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
      throw new ApiException(416, "range_not_satisfiable", e.getMessage());
    }
  }

  private static void copy(FileChannel file, long first, long length, OutputStream out)
      throws IOException {
    var target = Channels.newChannel(out);
    long position = first;
    long end = first + length;
    while (position < end) {
      long sent = file.transferTo(position, end - position, target);
      if (sent <= 0) {
        throw new IOException("the release archive ended at byte " + position);
      }
      position += sent;
    }
  }

  private void report(HttpExchange exchange, Agent agent) throws ApiException, IOException {
    UpdateReport report = Exchanges.readJson(exchange, UpdateReport.class);
    String version;
    try {
      version = ReleaseManifest.checkVersion(report.version());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field 'version': " + e.getMessage());
    }
    boolean succeeded;
    if (UpdateReport.OK.equals(report.outcome())) {
      succeeded = true;
    } else if (UpdateReport.FAILED.equals(report.outcome())) {
      succeeded = false;
    } else {
      throw ApiException.badRequest("field 'outcome' is '" + report.outcome() + "'; use "
          + UpdateReport.OK + " or " + UpdateReport.FAILED);
    }
    // Control characters could forge lines in the tenant log and the event list.
    String reason = report.reason() == null || report.reason().isBlank() ? null
        : head(report.reason().strip().replaceAll("\\p{Cntrl}", " "), MAX_REASON_CHARS);
    String logTail = report.logTail() == null ? null
        : tail(report.logTail(), AgentApi.MAX_UPDATE_LOG_CHARS);
    rollouts.recordReport(agent, version, succeeded, reason, logTail, clock.instant());
    if (succeeded) {
      log.info("Agent {} reports that it runs {} after an update", agent.id(), version);
    } else {
      log.warn("Agent {} reports a failed update to {}: {}", agent.id(), version, reason);
    }
    Exchanges.sendNoContent(exchange);
  }

  private static String head(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** Keeps the last {@code max} characters, where the failure usually is. */
  private static String tail(String text, int max) {
    return text.length() <= max ? text : text.substring(text.length() - max);
  }
}
