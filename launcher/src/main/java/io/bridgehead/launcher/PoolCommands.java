package io.bridgehead.launcher;

import io.bridgehead.tenant.admin.EnrollmentKeyInfo;
import io.bridgehead.tenant.admin.EnrollmentKeyView;
import io.bridgehead.tenant.admin.PoolDeleted;
import io.bridgehead.tenant.admin.PoolView;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** {@code bridgehead tenant pool ...}: create, rename, delete pools and manage their keys. */
final class PoolCommands {
  /** The validity range the tenant accepts for an enrollment key. */
  private static final Duration MIN_KEY_VALIDITY = Duration.ofMinutes(1);
  private static final Duration MAX_KEY_VALIDITY = Duration.ofHours(720);
  private static final List<String> COMMANDS = List.of("create", "create-key", "keys",
      "revoke-key", "rename", "set-default", "delete", "set-version");

  private PoolCommands() {}

  static ExitCode run(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String sub = words.size() > 1 ? words.get(1) : "";
    if (COMMANDS.contains(sub)) {
      int operands = sub.equals("rename") || sub.equals("set-version") ? 4 : 3;
      TenantCommands.noMoreOperands(words, operands);
    }
    return switch (sub) {
      case "create" -> create(tenant, args, TenantCommands.poolName(words, 2, "pool name"));
      case "create-key" -> createKey(tenant, args,
          TenantCommands.poolName(words, 2, "pool name"));
      case "keys" -> keys(tenant, args, TenantCommands.poolName(words, 2, "pool name"));
      case "revoke-key" -> revokeKey(tenant, args, TenantCommands.id(words, 2, "key id"));
      case "rename" -> rename(tenant, args, TenantCommands.poolName(words, 2, "pool name"),
          TenantCommands.poolName(words, 3, "new pool name"));
      case "set-default" -> setDefault(tenant, args,
          TenantCommands.poolName(words, 2, "pool name"));
      case "delete" -> delete(tenant, args, TenantCommands.poolName(words, 2, "pool name"));
      case "set-version" -> UpdateCommands.setVersion(tenant, args, words);
      case "set-update-window" -> UpdateCommands.setUpdateWindow(tenant, args, words);
      default -> throw CommandException.invalid("unknown command 'tenant pool " + sub
          + "'; use create, create-key, keys, revoke-key, rename, set-default, delete,"
          + " set-version or set-update-window (see 'bridgehead tenant --help')");
    };
  }

  private static ExitCode create(TenantCommands tenant, Args args, String name)
      throws CommandException, IOException {
    EnrollmentKeyView key = TenantCommands.admin(args).createPool(name, uses(args),
        validFor(args));
    return printKey(tenant, args, key, "Created pool " + name + ".");
  }

  private static ExitCode createKey(TenantCommands tenant, Args args, String name)
      throws CommandException, IOException {
    EnrollmentKeyView key = TenantCommands.admin(args).createEnrollmentKey(name, uses(args),
        validFor(args));
    return printKey(tenant, args, key, "New enrollment key for pool " + name + ".");
  }

  private static ExitCode printKey(TenantCommands tenant, Args args, EnrollmentKeyView key,
      String headline) {
    if (args.flag("json")) {
      tenant.printJson(key);
      return ExitCode.OK;
    }
    PrintStream out = tenant.out();
    out.println(headline);
    String uses = key.uses() == 1 ? "1 use" : key.uses() + " uses";
    out.println("Key id: " + key.keyId() + " (" + uses + ", valid until " + key.expiresAt()
        + ")");
    out.println("Enrollment key (shown once):");
    out.println(key.enrollmentKey());
    out.println("Enrollment string (tenant URL, key and certificate fingerprint in one paste,"
        + " as secret as the key):");
    out.println(key.enrollmentString());
    return ExitCode.OK;
  }

  private static ExitCode keys(TenantCommands tenant, Args args, String name)
      throws CommandException, IOException {
    List<EnrollmentKeyInfo> keys = TenantCommands.admin(args).enrollmentKeys(name);
    if (args.flag("json")) {
      tenant.printJson(keys);
      return ExitCode.OK;
    }
    PrintStream out = tenant.out();
    if (keys.isEmpty()) {
      out.println("Pool " + name + " has no enrollment keys; make one with 'bridgehead tenant"
          + " pool create-key " + name + "'.");
      return ExitCode.OK;
    }
    out.printf("%-20s %-24s %-24s %-9s %-7s %s%n", "KEY ID", "CREATED", "EXPIRES", "USES LEFT",
        "REVOKED", "USABLE");
    for (EnrollmentKeyInfo key : keys) {
      out.printf("%-20s %-24s %-24s %-9s %-7s %s%n", key.id(), key.createdAt(),
          key.expiresAt(), key.usesLeft() + "/" + key.uses(), key.revoked() ? "yes" : "no",
          key.usable() ? "yes" : "no");
    }
    return ExitCode.OK;
  }

  private static ExitCode revokeKey(TenantCommands tenant, Args args, String keyId)
      throws CommandException, IOException {
    EnrollmentKeyInfo key = TenantCommands.admin(args).revokeEnrollmentKey(keyId);
    if (args.flag("json")) {
      tenant.printJson(key);
    } else {
      tenant.out().println("Revoked enrollment key " + key.id() + " of pool " + key.pool()
          + "; agents it enrolled already stay enrolled.");
    }
    return ExitCode.OK;
  }

  private static ExitCode rename(TenantCommands tenant, Args args, String name, String newName)
      throws CommandException, IOException {
    PoolView pool = TenantCommands.admin(args).renamePool(name, newName);
    if (args.flag("json")) {
      tenant.printJson(pool);
    } else {
      tenant.out().println("Renamed pool " + name + " to " + pool.name() + ".");
    }
    return ExitCode.OK;
  }

  private static ExitCode setDefault(TenantCommands tenant, Args args, String name)
      throws CommandException, IOException {
    PoolView pool = TenantCommands.admin(args).setDefaultPool(name);
    if (args.flag("json")) {
      tenant.printJson(pool);
    } else {
      tenant.out().println("Pool " + pool.name() + " is the default pool now; tasks run"
          + " without --pool go to it.");
    }
    return ExitCode.OK;
  }

  private static ExitCode delete(TenantCommands tenant, Args args, String name)
      throws CommandException, IOException {
    PoolDeleted deleted = TenantCommands.admin(args).deletePool(name);
    if (args.flag("json")) {
      tenant.printJson(deleted);
    } else {
      tenant.out().println("Deleted pool " + deleted.name() + " with its enrollment keys and "
          + deleted.deletedJobs() + " finished job(s).");
    }
    return ExitCode.OK;
  }

  private static Integer uses(Args args) throws CommandException {
    return args.value("uses") == null ? null : args.integer("uses", 1, 1, 1000);
  }

  private static Duration validFor(Args args) throws CommandException {
    return args.duration("valid-for", null, MIN_KEY_VALIDITY, MAX_KEY_VALIDITY);
  }
}
