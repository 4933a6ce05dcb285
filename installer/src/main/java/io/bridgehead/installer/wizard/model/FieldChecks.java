package io.bridgehead.installer.wizard.model;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks behind every wizard field. Each returns the message to show next to the field,
 * or an empty value when the field is valid. A message names the value and what to do.
 */
public final class FieldChecks {
  /** A Linux user name as useradd accepts it by default, up to 32 characters. */
  private static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}\\$?");
  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:\\\\.*");

  private FieldChecks() {}

  /**
   * Checks an install folder: absolute, and with a nearest existing parent that is a folder the
   * installer can write to. With a root, the folder is looked up inside the root. The parent is
   * only checked on the system the folder is for.
   */
  public static Optional<String> installFolder(String text, HostOs os, Path root) {
    String value = text.trim();
    if (value.isEmpty()) {
      return Optional.of("Enter the install folder, for example " + os.defaultInstallDir());
    }
    if (os == HostOs.WINDOWS) {
      return WINDOWS_ABSOLUTE.matcher(value).matches() ? Optional.empty()
          : Optional.of("'" + value + "' is not an absolute path: start it with a drive,"
              + " for example C:\\Program Files\\Bridgehead");
    }
    Path folder;
    try {
      folder = Path.of(value);
    } catch (InvalidPathException e) {
      return Optional.of("'" + value + "' is not a valid path: " + e.getReason());
    }
    if (!folder.isAbsolute()) {
      return Optional.of("'" + value + "' is not an absolute path: start it with /");
    }
    if (HostOs.current() != os) {
      return Optional.empty();
    }
    Path target = root == null ? folder : root.resolve(folder.toString().substring(1));
    if (Files.exists(target) && !Files.isDirectory(target)) {
      return Optional.of("'" + target + "' is a file, not a folder: choose another folder");
    }
    Path parent = target;
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.of("'" + parent + "' is a file, not a folder: choose a folder whose"
          + " parent is a folder");
    }
    if (!Files.isWritable(parent)) {
      return Optional.of("cannot write to '" + parent + "': choose a folder under one you can"
          + " write to, or run the installer as root");
    }
    return Optional.empty();
  }

  /** Checks a pasted enrollment string; the message never repeats the string itself. */
  public static Optional<String> enrollmentString(String text) {
    if (text.isBlank()) {
      return Optional.of("Paste the enrollment string that 'bridgehead tenant pool create-key"
          + " POOL' printed on the tenant");
    }
    try {
      EnrollmentString.decode(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(capitalize(e.getMessage()));
    }
  }

  /** Checks a tenant URL: {@code https://HOST[:PORT]}. */
  public static Optional<String> tenantUrl(String text) {
    if (text.isBlank()) {
      return Optional.of("Enter the tenant's URL, for example https://tenant.example.com");
    }
    try {
      TenantConnection.validateUrl(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(capitalize(e.getMessage()));
    }
  }

  /** Checks an enrollment key: present and without white space. */
  public static Optional<String> enrollmentKey(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return Optional.of("Enter the enrollment key of the pool this agent joins");
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("The enrollment key contains white space: copy it again in one"
          + " piece");
    }
    return Optional.empty();
  }

  /** Checks an optional SHA-256 certificate fingerprint. */
  public static Optional<String> fingerprint(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      CertificateFingerprint.parse(text.trim());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(capitalize(e.getMessage()));
    }
  }

  /** Checks a Linux service user name. */
  public static Optional<String> linuxUser(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return Optional.of("Enter the user the services run as, for example bridgehead");
    }
    if (value.equals("root")) {
      return Optional.of("The services must not run as root: choose a system user such as"
          + " bridgehead");
    }
    if (!LINUX_USER.matcher(value).matches()) {
      return Optional.of("'" + value + "' is not a valid user name: use up to 32 lower-case"
          + " letters, digits, '_' and '-', starting with a letter or '_'");
    }
    return Optional.empty();
  }

  /** Checks a Windows domain account name: {@code DOMAIN\name} or {@code DOMAIN\gmsa$}. */
  public static Optional<String> windowsDomainAccount(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return Optional.of("Enter the domain account as DOMAIN\\name, or DOMAIN\\name$ for a"
          + " group managed service account");
    }
    if (!WindowsAccount.isDomainAccount(value)) {
      return Optional.of("'" + value + "' is not of the form DOMAIN\\name: add the domain"
          + " and one backslash");
    }
    return Optional.empty();
  }

  /** Checks the password of a Windows domain account; group managed accounts need none. */
  public static Optional<String> windowsPassword(String account, String password) {
    if (WindowsAccount.needsNoPassword(account) || !password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Enter the password of " + account.trim());
  }

  /** Checks an explicit proxy URL: {@code http://host:port}, without a user in it. */
  public static Optional<String> proxyUrl(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return Optional.of("Enter the proxy's URL, for example http://proxy.example.com:3128");
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      return Optional.of("'" + value + "' is not a valid URL: use http://HOST:PORT");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      return Optional.of("'" + value + "' does not start with http://: the agent talks to"
          + " proxies over HTTP, so use http://HOST:PORT");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      return Optional.of("'" + value + "' needs a host and a port from 1 to 65535: use"
          + " http://HOST:PORT");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("Remove the user from the URL and enter it in the User field, so"
          + " the password stays off the command line");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
      return Optional.of("Remove the path or query from '" + value + "': use http://HOST:PORT");
    }
    return Optional.empty();
  }

  /** Checks that a proxy password comes with a user, because the password alone is unused. */
  public static Optional<String> proxyPassword(String user, String password) {
    if (user.isBlank() && !password.isEmpty()) {
      return Optional.of("Enter the user this password belongs to, or clear the password");
    }
    return Optional.empty();
  }

  private static String capitalize(String message) {
    return message.isEmpty() ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }
}
