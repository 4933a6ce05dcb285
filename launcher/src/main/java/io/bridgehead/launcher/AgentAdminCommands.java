package io.bridgehead.launcher;

import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.EventView;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bridgehead tenant agent disable|enable|remove ID} and {@code bridgehead tenant
 * events}; {@code agent retry-update ID} is in {@link UpdateCommands}.
 */
final class AgentAdminCommands {
  private AgentAdminCommands() {}

  static ExitCode run(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String sub = words.size() > 1 ? words.get(1) : "";
    if (sub.equals("retry-update")) {
      return UpdateCommands.retryUpdate(tenant, args, words);
    }
    if (!List.of("disable", "enable", "remove").contains(sub)) {
      throw CommandException.invalid("unknown command 'tenant agent " + sub + "'; use 'agent"
          + " disable ID', 'agent enable ID', 'agent remove ID' or 'agent retry-update ID'");
    }
    String agentId = TenantCommands.id(words, 2, "agent id");
    AgentView agent = switch (sub) {
      case "disable" -> TenantCommands.admin(args).disableAgent(agentId);
      case "enable" -> TenantCommands.admin(args).enableAgent(agentId);
      default -> TenantCommands.admin(args).removeAgent(agentId);
    };
    if (args.flag("json")) {
      tenant.printJson(agent);
      return ExitCode.OK;
    }
    String result = switch (sub) {
      case "disable" -> " is disabled: it gets no new jobs and finishes the jobs it runs.";
      case "enable" -> " is enabled and takes jobs again.";
      default -> " is removed: its credential no longer works. To use the host again, enroll"
          + " it with a new enrollment key.";
    };
    tenant.out().println("Agent " + agent.id() + " on host " + agent.hostName() + result);
    return ExitCode.OK;
  }

  static ExitCode events(TenantCommands tenant, Args args) throws CommandException,
      IOException {
    List<EventView> events = TenantCommands.admin(args)
        .events(args.integer("limit", 20, 1, 1000));
    if (args.flag("json")) {
      tenant.printJson(events);
      return ExitCode.OK;
    }
    PrintStream out = tenant.out();
    if (events.isEmpty()) {
      out.println("No events yet.");
      return ExitCode.OK;
    }
    out.printf("%-24s %-20s %-16s %-28s %-22s %s%n", "TIME", "KIND", "POOL", "AGENT", "JOB",
        "MESSAGE");
    for (EventView event : events) {
      out.printf("%-24s %-20s %-16s %-28s %-22s %s%n", event.at(), event.kind(),
          dash(event.pool()), dash(event.agentId()), dash(event.jobId()), event.message());
    }
    return ExitCode.OK;
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }
}
