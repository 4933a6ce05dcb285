package io.bridgehead.installer.linux;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The text of a Bridgehead service's systemd unit file. The comments in the file explain each
 * option, so an administrator who reads the unit learns it without the manual.
 *
 * @param description the unit's one-line description
 * @param user the account the service runs as
 * @param command the program and its arguments
 * @param workingDirectory the folder the service starts in, its data folder
 * @param environment variables set for the service, such as the proxy variables that the
 *     installing shell had: a service started by systemd inherits none of them
 */
public record SystemdUnit(String description, String user, List<String> command,
    Path workingDirectory, Map<String, String> environment) {

  /**
   * The exit status of a service that stops for an update. systemd neither counts it as a
   * failure nor restarts the service, because the updater starts it again. The service host
   * in agent-service ({@code io.bridgehead.agent.host}) exits with the same number.
   */
  public static final int UPDATE_EXIT_STATUS = 75;
  /** The exit status of the JVM after SIGTERM: 128 + 15. */
  public static final int SIGTERM_EXIT_STATUS = 143;
  /** The exit status of a service whose credential the tenant rejected. */
  public static final int CREDENTIAL_REJECTED_EXIT_STATUS = 5;

  public SystemdUnit {
    command = List.copyOf(command);
    environment = new TreeMap<>(environment);
  }

  /** Makes a unit whose service gets no extra environment variables. */
  public SystemdUnit(String description, String user, List<String> command,
      Path workingDirectory) {
    this(description, user, command, workingDirectory, Map.of());
  }

  /** Returns the unit file's text. */
  public String render() {
    return String.join("\n",
        "# Written by the Bridgehead installer; a reinstall replaces it, and 'bridgehead",
        "# uninstall' removes it. Put local changes in a drop-in ('systemctl edit').",
        "[Unit]",
        "Description=" + description,
        "Wants=network-online.target",
        "After=network-online.target",
        "",
        "[Service]",
        "# The service tells systemd when its control socket is up (sd_notify READY=1).",
        "Type=notify",
        "NotifyAccess=main",
        "User=" + user,
        "WorkingDirectory=" + workingDirectory.toString().replace("%", "%%"),
        "ExecStart=" + command.stream().map(SystemdUnit::quote)
            .collect(Collectors.joining(" ")),
        environmentLines(),
        "Restart=on-failure",
        "RestartSec=5s",
        "# Exit status 5 means the tenant rejected the credential; restarting cannot fix that,",
        "# so the service stays down until it is enrolled again.",
        "RestartPreventExitStatus=" + CREDENTIAL_REJECTED_EXIT_STATUS,
        "# " + UPDATE_EXIT_STATUS + " is the stop for an update: not a failure, and no restart,"
            + " because the",
        "# updater switches the version and starts the service itself. " + SIGTERM_EXIT_STATUS
            + " is how the JVM",
        "# ends after SIGTERM (systemctl stop), even when the stop was clean.",
        "SuccessExitStatus=" + UPDATE_EXIT_STATUS + " " + SIGTERM_EXIT_STATUS,
        "# A stop lets running jobs finish for up to 20 s and the outbox 5 s; the service",
        "# extends this limit while it stops, so 90 s is only the floor.",
        "TimeoutStopSec=90s",
        "# /run/bridgehead holds the control sockets. Every Bridgehead unit shares it, so it",
        "# stays when one of them stops; 0755 lets local users reach the sockets, which check",
        "# each caller themselves.",
        "RuntimeDirectory=bridgehead",
        "RuntimeDirectoryMode=0755",
        "RuntimeDirectoryPreserve=yes",
        "",
        "# Hardening that leaves tasks able to do their work. Tasks are administrators'",
        "# scripts that may read home folders and write anywhere the service account may, so",
        "# ProtectHome is not set (it would hide /home and /root from them) and",
        "# ProtectSystem is full, not strict (strict would make all of /var, /srv and /opt",
        "# read-only except for listed paths).",
        "# No process of the service can gain privileges through setuid programs or file",
        "# capabilities.",
        "NoNewPrivileges=yes",
        "# A private /tmp and /var/tmp, removed when the service stops.",
        "PrivateTmp=yes",
        "# /usr, /boot, /efi and /etc are read-only.",
        "ProtectSystem=full",
        "# The cgroup tree, kernel modules and kernel tunables (/proc/sys, /sys) are",
        "# read-only or off limits; an agent has no reason to change them.",
        "ProtectControlGroups=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelTunables=yes",
        "# No setuid or setgid files can be made.",
        "RestrictSUIDSGID=yes",
        "# The execution domain (personality) cannot be changed.",
        "LockPersonality=yes",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "");
  }

  /** Returns one {@code Environment=} line per variable, or a comment when there are none. */
  private String environmentLines() {
    if (environment.isEmpty()) {
      return "# No proxy variables were set when this unit was written.";
    }
    return "# The proxy variables of the shell that ran the installer ('--proxy system').\n"
        + environment.entrySet().stream()
            .map(e -> "Environment=" + quote(e.getKey() + "=" + e.getValue()))
            .collect(Collectors.joining("\n"));
  }

  /**
   * Quotes one word of a command line as systemd reads it: double quotes around words with
   * white space or quotes, and {@code %} and {@code $} doubled so they are not expanded.
   */
  static String quote(String word) {
    String escaped = escape(word);
    if (!escaped.isEmpty() && escaped.chars().noneMatch(c -> c == ' ' || c == '\t'
        || c == '"' || c == '\'' || c == '\\' || c == ';')) {
      return escaped;
    }
    return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String escape(String text) {
    return text.replace("%", "%%").replace("$", "$$");
  }
}
