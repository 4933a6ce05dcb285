package io.bridgehead.installer.linux;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/** The Linux system user the services run as: looked up, created and removed. */
public final class ServiceUser {
  /** A name {@code useradd} accepts on common distributions, at most 32 characters. */
  public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}\\$?");

  private ServiceUser() {}

  /** Returns whether the user exists, by {@code id -u NAME}. */
  public static boolean exists(String name) throws IOException {
    return Commands.run(List.of("id", "-u", name)).exitCode() == 0;
  }

  /** Creates a system user without home folder or login shell. */
  public static void create(String name) throws IOException {
    Commands.check(List.of("useradd", "--system", "--no-create-home", "--shell",
        "/usr/sbin/nologin", name));
  }

  /** Removes the user; does nothing when it does not exist. */
  public static void remove(String name) throws IOException {
    if (exists(name)) {
      Commands.check(List.of("userdel", name));
    }
  }
}
