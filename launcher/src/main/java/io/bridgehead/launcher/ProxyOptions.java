package io.bridgehead.launcher;

import io.bridgehead.agent.proxy.ProxyEnvironment;
import io.bridgehead.agent.proxy.ProxyMode;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The proxy options {@code --proxy none|system|URL}, {@code --proxy-user USER} and
 * {@code --proxy-password-file FILE | --proxy-password -}, shared by {@code agent enroll} and
 * {@code check}.
 */
final class ProxyOptions {
  static final Set<String> VALUED = Set.of("proxy", "proxy-user", "proxy-password-file",
      "proxy-password");

  static final String USAGE = String.join("\n",
      "  --proxy none|system|URL how to reach the tenant: none connects directly; system",
      "                          (the default) uses https_proxy and no_proxy from the",
      "                          environment; URL is an HTTP proxy http://HOST:PORT, used",
      "                          whatever the environment says",
      "  --proxy-user USER       the user for the proxy's Basic authentication",
      "  --proxy-password-file F the proxy password, read from file F (one trailing line",
      "                          end is removed)",
      "  --proxy-password -      the proxy password, read from one line of standard input");

  private ProxyOptions() {}

  /** Returns {@code valued} with the names of the proxy options added. */
  static Set<String> with(Set<String> valued) {
    Set<String> all = new HashSet<>(valued);
    all.addAll(VALUED);
    return Set.copyOf(all);
  }

  /** Returns true when any proxy option is given. */
  static boolean given(Args args) {
    return VALUED.stream().anyMatch(name -> args.value(name) != null);
  }

  /**
   * Returns the proxy the options set, on top of {@code stored} settings and password: a
   * {@code --proxy} replaces the stored settings and password, a {@code --proxy-user} or
   * password alone replaces that part of them.
   *
   * @param stored the stored settings, {@link ProxySettings#system()} when there are none
   * @param storedPassword the stored password, or null
   * @throws CommandException naming the option and what to do for an invalid combination
   */
  static TenantProxy parse(Args args, InputLines input, ProxySettings stored,
      String storedPassword) throws CommandException, IOException {
    String option = args.value("proxy");
    String user = args.value("proxy-user");
    ProxySettings settings;
    try {
      if (option != null) {
        settings = ProxySettings.parse(option, user);
      } else {
        settings = user == null ? stored : stored.withUsername(user);
      }
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
    if (settings.mode() == ProxyMode.NONE && user != null) {
      throw CommandException.invalid("--proxy-user is for a proxy, but the proxy mode is"
          + " none; give --proxy system or --proxy http://HOST:PORT, or leave out"
          + " --proxy-user");
    }
    String password = password(args, input);
    if (password != null && settings.username() == null) {
      throw CommandException.invalid("a proxy password needs a proxy user; give"
          + " --proxy-user USER");
    }
    if (password == null && option == null) {
      password = storedPassword;
    }
    return TenantProxy.of(settings, password, ProxyEnvironment.system());
  }

  /** Returns the password of --proxy-password-file or --proxy-password -, or null. */
  private static String password(Args args, InputLines input)
      throws CommandException, IOException {
    String file = args.value("proxy-password-file");
    String value = args.value("proxy-password");
    if (file != null && value != null) {
      throw CommandException.invalid("give --proxy-password-file or --proxy-password -, not"
          + " both");
    }
    if (value != null && !value.equals("-")) {
      throw CommandException.invalid("--proxy-password takes only '-', which reads the"
          + " password from standard input; a password on the command line would show in"
          + " the process list, so use --proxy-password - or --proxy-password-file FILE");
    }
    String password;
    if (file != null) {
      password = readFile(Path.of(file));
    } else if (value != null) {
      password = input.next();
      if (password == null || password.isEmpty()) {
        throw CommandException.invalid("missing proxy password: --proxy-password - reads it"
            + " from one line of standard input, which was empty");
      }
    } else {
      return null;
    }
    return password;
  }

  private static String readFile(Path file) throws CommandException, IOException {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CommandException.invalid("proxy password file " + file + " not found");
    } catch (AccessDeniedException e) {
      throw CommandException.invalid("proxy password file " + file + " is not readable;"
          + " check its permissions");
    }
    for (String end : List.of("\r\n", "\n")) {
      if (content.endsWith(end)) {
        content = content.substring(0, content.length() - end.length());
        break;
      }
    }
    if (content.isEmpty()) {
      throw CommandException.invalid("proxy password file " + file + " is empty; write the"
          + " proxy password into it");
    }
    return content;
  }
}
