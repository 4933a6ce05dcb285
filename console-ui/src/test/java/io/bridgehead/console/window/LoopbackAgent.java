package io.bridgehead.console.window;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.control.ControlEndpoint;
import io.bridgehead.agent.control.ServiceControl;
import io.bridgehead.agent.control.ServiceStatus;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.jobs.TenantLink;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.ipc.EndpointName;
import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.transport.Connection;
import io.bridgehead.ipc.transport.ServerConnection;
import io.bridgehead.ipc.transport.ServerEndpoint;
import io.bridgehead.ipc.transport.Transport;
import io.bridgehead.ipc.unix.UnixTransport;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real tenant on loopback and a real automation agent in this JVM, enrolled in pool
 * {@code servers}, with its control socket in {@code <folder>/run}.
 */
final class LoopbackAgent implements AutoCloseable {
  final TenantServer tenant;
  final AdminClient admin;
  final Path agentData;
  final Path ipcDir;
  AgentService agent;
  private ControlEndpoint readerEndpoint;

  LoopbackAgent(Path folder) throws IOException {
    tenant = TenantServer.start(TenantSettings.defaults(folder.resolve("tenant")).withPort(0));
    admin = AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
    agentData = folder.resolve("agent");
    ipcDir = folder.resolve("run");
    Enrollment.enroll(new TenantConnection(tenant.url(), tenant.fingerprint(), null),
        admin.createPool("servers").enrollmentKey(), List.of(Role.AUTOMATION), agentData);
    startAgent();
  }

  /** Starts the agent service, again after {@link #stopAgent()}. */
  void startAgent() throws IOException {
    agent = AgentService.start(agentData, Role.AUTOMATION,
        AgentSettings.defaults(agentData).withIpcDirectory(ipcDir));
  }

  /** Queues a shell task in pool servers. */
  JobView submit(String script) throws IOException {
    return admin.submit(new SubmitTaskRequest("servers", new TaskSpec(ScriptShell.SH, script,
        Map.of(), Set.of(), 60, 1024 * 1024), null));
  }

  /**
   * Opens a second control endpoint of the running agent in {@code directory}, whose
   * transport reports every peer as a reader: the tests run as root, which the real
   * endpoint would take for an administrator. Changes through it fail.
   */
  void startReaderEndpoint(Path directory) throws IOException {
    AgentService service = agent;
    ServiceControl control = new ServiceControl() {
      @Override
      public Role role() {
        return Role.AUTOMATION;
      }

      @Override
      public Path dataFolder() {
        return agentData;
      }

      @Override
      public Path logFile() {
        return ControlEndpoint.logFile(agentData, Role.AUTOMATION);
      }

      @Override
      public AgentConfig config() {
        try {
          return AgentConfig.read(agentData);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public AgentSettings settings() {
        return service.loop().settings();
      }

      @Override
      public TenantLink link() {
        return service.loop().link();
      }

      @Override
      public int runningJobs() {
        return service.loop().runningJobs();
      }

      @Override
      public String credential() throws IOException {
        throw new IOException("the reader endpoint has no credential");
      }

      @Override
      public void restart(AgentConfig config, AgentSettings settings, String reason)
          throws IOException {
        throw new IOException("the reader endpoint cannot restart the service");
      }

      @Override
      public int drainOutbox(Duration timeout) {
        return 0;
      }
    };
    ServiceStatus status = new ServiceStatus(control, Clock.systemDefaultZone());
    readerEndpoint = ControlEndpoint.start(new ReaderTransport(directory), control, status);
    status.state(ServiceStatus.State.RUNNING, "");
  }

  /** Stops the agent and waits for it, as a service stop does. */
  void stopAgent() {
    if (agent != null) {
      agent.stop();
      agent = null;
    }
  }

  @Override
  public void close() {
    if (readerEndpoint != null) {
      readerEndpoint.close();
    }
    stopAgent();
    tenant.close();
  }

  /** Unix sockets whose server reports every peer as not an administrator. */
  private static final class ReaderTransport implements Transport {
    private final UnixTransport unix;

    ReaderTransport(Path directory) {
      this.unix = new UnixTransport(directory);
    }

    @Override
    public ServerEndpoint bind(EndpointName name) throws IOException {
      ServerEndpoint endpoint = unix.bind(name);
      return new ServerEndpoint() {
        @Override
        public ServerConnection accept() throws IOException {
          ServerConnection connection = endpoint.accept();
          PeerIdentity reader = connection.peer().withAdministrator(false);
          return new ServerConnection() {
            @Override
            public PeerIdentity peer() {
              return reader;
            }

            @Override
            public InputStream input() {
              return connection.input();
            }

            @Override
            public OutputStream output() {
              return connection.output();
            }

            @Override
            public void close() {
              connection.close();
            }
          };
        }

        @Override
        public String address() {
          return endpoint.address();
        }

        @Override
        public void close() throws IOException {
          endpoint.close();
        }
      };
    }

    @Override
    public Connection connect(EndpointName name) throws IOException {
      return unix.connect(name);
    }

    @Override
    public String describe(EndpointName name) {
      return unix.describe(name);
    }
  }
}
