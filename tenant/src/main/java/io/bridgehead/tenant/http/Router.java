package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.bridgehead.tenant.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to the route that matches its method and path, and turns every failure
 * into a JSON error response: the client never sees a stack trace, and an unexpected failure is
 * logged with its exception.
 */
public final class Router implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  /** A route's work; {@code path} contains the groups of the route's pattern. */
  public interface Route {
    void handle(HttpExchange exchange, Matcher path) throws ApiException, IOException,
        InterruptedException;
  }

  private record Entry(String method, Pattern pattern, Route route) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Adds a route; {@code pattern} must match the whole path. */
  public Router add(String method, String pattern, Route route) {
    entries.add(new Entry(method, Pattern.compile(pattern), route));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        dispatch(exchange);
      } catch (ApiException e) {
        Exchanges.sendError(exchange, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Exchanges.sendError(exchange, new ApiException(503, "shutting_down",
            "the tenant is stopping; retry shortly"));
      } catch (StoreException e) {
        log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            e);
        Exchanges.sendError(exchange, new ApiException(500, "storage_failed",
            "the tenant could not read or write its database; see the tenant log"));
      } catch (IOException e) {
        log.debug("{} {}: connection failed: {}", exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(), e.toString());
      } catch (RuntimeException e) {
        log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            e);
        Exchanges.sendError(exchange, new ApiException(500, "internal_error",
            "the tenant failed to handle the request; see the tenant log"));
      }
    } catch (IOException e) {
      log.debug("Could not send an error response: {}", e.toString());
    }
  }

  private void dispatch(HttpExchange exchange)
      throws ApiException, IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath();
    boolean pathKnown = false;
    for (Entry entry : entries) {
      Matcher matcher = entry.pattern().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (entry.method().equals(exchange.getRequestMethod())) {
        entry.route().handle(exchange, matcher);
        return;
      }
    }
    if (pathKnown) {
      throw new ApiException(405, "method_not_allowed",
          exchange.getRequestMethod() + " is not allowed on " + path);
    }
    throw ApiException.notFound("no API at " + path);
  }
}
