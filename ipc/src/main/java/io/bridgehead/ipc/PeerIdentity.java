package io.bridgehead.ipc;

/**
 * Who is at the other end of a server connection, as the operating system reports it. Nothing
 * here comes from what the client sends.
 *
 * @param user the account name, for logs and error messages
 * @param id the account's identifier: the SID on Windows; on Unix the user name again, because
 *     the JDK reports the peer's user by name only
 * @param pid the client's process id, or {@link #UNKNOWN_PID} where the transport cannot tell
 *     (Unix domain sockets through the JDK)
 * @param administrator whether the peer may call {@link Access#CHANGE} methods
 * @param allowed whether the peer may use the service at all; {@link Access#READ} methods need
 *     only this
 */
public record PeerIdentity(
    String user, String id, long pid, boolean administrator, boolean allowed) {
  public static final long UNKNOWN_PID = -1;

  /** Returns whether the peer may call a method of the given access. */
  public boolean permits(Access access) {
    return allowed && (access == Access.READ || administrator);
  }

  /** Returns this identity with the administrator flag replaced. */
  public PeerIdentity withAdministrator(boolean value) {
    return new PeerIdentity(user, id, pid, value, allowed);
  }

  @Override
  public String toString() {
    return user + (pid == UNKNOWN_PID ? "" : " (pid " + pid + ")")
        + (administrator ? ", administrator" : "");
  }
}
