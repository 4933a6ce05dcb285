package io.bridgehead.console.ipc;

import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.agent.control.ControlDirectory;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.ipc.EndpointName;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links to all three roles' services and the background threads their calls run on.
 * The socket folder is the services' default ({@link ControlDirectory#forClient}) unless one
 * folder is given for all roles.
 */
public final class ServiceLinks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceLinks.class);

  private final ExecutorService background;
  private final List<ServiceLink> links = new ArrayList<>();
  private final Consumer<Runnable> fxThread;

  /**
   * Makes one link and one model per role; nothing connects before {@link #start()}.
   *
   * @param socketDirectory the socket folder of every role, or null for the default
   */
  public ServiceLinks(Path socketDirectory, Consumer<Runnable> fxThread) {
    this.fxThread = fxThread;
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "console-ipc-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.background = Executors.newCachedThreadPool(factory);
    for (Role role : Role.values()) {
      EndpointName name = ControlApi.endpointName(role);
      Path directory = socketDirectory != null ? socketDirectory
          : ControlDirectory.forClient(name);
      ServiceModel model = new ServiceModel(name.role(),
          ServiceLink.hasSocketFiles(directory, name));
      links.add(new ServiceLink(name, directory, model, background, fxThread));
    }
  }

  public List<ServiceLink> links() {
    return List.copyOf(links);
  }

  public List<ServiceModel> models() {
    return links.stream().map(ServiceLink::model).toList();
  }

  /** Returns the link of a model from {@link #models()}. */
  public ServiceLink linkOf(ServiceModel model) {
    return links.stream().filter(link -> link.model() == model).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no link for " + model.role()));
  }

  /**
   * Starts every link on the background threads; returns at once. A socket folder that other
   * users could write to is not used, and the role shows the reason.
   */
  public void start() {
    for (ServiceLink link : links) {
      background.execute(() -> {
        try {
          ControlDirectory.checkNotShared(link.directory());
        } catch (IOException e) {
          log.error("Not connecting to the {} service: {}", link.model().role(), e.getMessage());
          fxThread.accept(() -> link.model().disconnected(e.getMessage(), true));
          return;
        }
        link.start();
      });
    }
  }

  @Override
  public void close() {
    links.forEach(ServiceLink::close);
    background.shutdownNow();
  }
}
