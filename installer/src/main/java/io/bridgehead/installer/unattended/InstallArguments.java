package io.bridgehead.installer.unattended;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.installer.linux.ServiceUser;
import io.bridgehead.installer.record.ProxyChoice;
import io.bridgehead.wire.AgentTags;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of {@code bridgehead install --unattended}, each checked, before any secret is
 * read. Secrets stay as their sources (a file, or {@code -} for standard input) until
 * {@link InstallSecrets} reads them.
 */
final class InstallArguments {
  static final Set<String> VALUED = Set.of("root", "install-dir", "data-dir",
      "enrollment-string-file", "enrollment-string", "tenant", "enrollment-key-file",
      "enrollment-key", "fingerprint", "ca-bundle", "module", "tag", "service-account",
      "service-password-file", "service-password", "proxy", "proxy-user",
      "proxy-password-file", "proxy-password", "log-file", "release-key");
  static final Set<String> FLAGS = Set.of("unattended", "no-start", "no-console-autostart",
      "progress", "accept-license");
  static final String LINUX_ACCOUNT = "bridgehead";
  static final String WINDOWS_ACCOUNT = "LocalSystem";
  /** {@code DOMAIN\name$} (a group managed service account) or {@code DOMAIN\name}. */
  private static final Pattern DOMAIN_ACCOUNT =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}\\\\[A-Za-z0-9._ -]{1,63}\\$?");

  final boolean windows;
  Path root;
  Path installDir;
  Path dataDir;
  /** The source of the enrollment string, or null. */
  SecretSource enrollmentString;
  String tenantUrl;
  /** The source of the enrollment key, or null. */
  SecretSource enrollmentKey;
  CertificateFingerprint fingerprint;
  Path caBundle;
  final List<Role> modules = new ArrayList<>();
  List<String> tags = List.of();
  String serviceAccount;
  /** The source of the Windows domain account's password, or null. */
  SecretSource servicePassword;
  ProxyChoice proxy = ProxyChoice.SYSTEM;
  /** True when {@code --proxy} was given; false when {@code proxy} is the default. */
  boolean proxyGiven;
  /** The source of the proxy password, or null. */
  SecretSource proxyPassword;
  boolean start = true;
  boolean consoleAutostart = true;
  Path logFile;
  boolean progress;
  /** The release public key file to install, or null. */
  Path releaseKey;

  private InstallArguments(boolean windows) {
    this.windows = windows;
  }

  /**
   * Parses and checks the options.
   *
   * @param windows true to check the service account as a Windows account
   * @throws InvalidOptionException naming the option, the value and what to do
   */
  static InstallArguments parse(List<String> arguments, boolean windows)
      throws InvalidOptionException {
    Options options = Options.parse(arguments, VALUED, FLAGS);
    InstallArguments parsed = new InstallArguments(windows);
    if (!options.flag("unattended")) {
      throw new InvalidOptionException("this command line installs without questions only"
          + " with --unattended");
    }
    if (!options.flag("accept-license")) {
      throw new InvalidOptionException("--unattended needs --accept-license: read the"
          + " license and accept it by adding --accept-license");
    }
    parsed.root = folder(options, "root", false);
    if (parsed.root != null && Files.exists(parsed.root) && !Files.isDirectory(parsed.root)) {
      throw new InvalidOptionException("--root " + parsed.root + " is a file, not a folder;"
          + " give a folder");
    }
    if (parsed.root != null && !Files.isDirectory(parsed.root)) {
      throw new InvalidOptionException("--root " + parsed.root + ": folder not found; create"
          + " it first");
    }
    parsed.installDir = folder(options, "install-dir", true);
    parsed.dataDir = folder(options, "data-dir", true);
    if (parsed.installDir != null && parsed.dataDir != null
        && (parsed.installDir.startsWith(parsed.dataDir)
            || parsed.dataDir.startsWith(parsed.installDir))) {
      // Updates replace the program folders and uninstall removes them, while the data
      // folder keeps configuration and credentials, so neither may contain the other.
      throw new InvalidOptionException("--install-dir " + parsed.installDir + " and --data-dir "
          + parsed.dataDir + " overlap; give two separate folders, such as /opt/bridgehead and"
          + " /var/lib/bridgehead");
    }
    parsed.parseEnrollment(options);
    parsed.parseModules(options);
    try {
      parsed.tags = AgentTags.normalize(options.values("tag"));
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException("--tag: " + e.getMessage());
    }
    parsed.parseAccount(options);
    parsed.parseProxy(options);
    parsed.start = !options.flag("no-start");
    parsed.consoleAutostart = !options.flag("no-console-autostart");
    String logFile = options.value("log-file");
    parsed.logFile = logFile == null ? null : Path.of(logFile).toAbsolutePath();
    parsed.progress = options.flag("progress");
    parsed.releaseKey = releaseKey(options);
    return parsed;
  }

  /** Checks that {@code --release-key} names a readable PEM file with an Ed25519 public key. */
  private static Path releaseKey(Options options) throws InvalidOptionException {
    String value = options.value("release-key");
    if (value == null) {
      return null;
    }
    Path file = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidOptionException("--release-key " + value + ": file not found or not"
          + " readable; give the public key file that 'bridgehead release keygen --public'"
          + " wrote");
    }
    try {
      ReleaseKeys.readPublic(file);
    } catch (IOException e) {
      throw new InvalidOptionException("--release-key " + value + " contains no release"
          + " public key: " + e.getMessage() + "; give the file of 'bridgehead release keygen"
          + " --public', not the private key");
    }
    return file;
  }

  private static Path folder(Options options, String name, boolean absolute)
      throws InvalidOptionException {
    String value = options.value(name);
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new InvalidOptionException("--" + name + " is empty; give a folder");
    }
    Path path = Path.of(value);
    if (absolute && !path.isAbsolute()) {
      throw new InvalidOptionException("--" + name + " " + value + " is not an absolute path;"
          + " give the full path, such as " + (name.equals("install-dir") ? "/opt/bridgehead"
          : "/var/lib/bridgehead"));
    }
    return path.toAbsolutePath().normalize();
  }

  private void parseEnrollment(Options options) throws InvalidOptionException {
    String stringFile = options.value("enrollment-string-file");
    String string = options.value("enrollment-string");
    String tenant = options.value("tenant");
    int sources = (stringFile != null ? 1 : 0) + (string != null ? 1 : 0)
        + (tenant != null ? 1 : 0);
    if (sources > 1) {
      throw new InvalidOptionException("give one of --enrollment-string-file,"
          + " --enrollment-string - and --tenant, not several");
    }
    if (string != null && !string.equals("-")) {
      throw secretOnCommandLine("--enrollment-string", "--enrollment-string-file");
    }
    enrollmentString = SecretSource.of(stringFile, "--enrollment-string-file", string,
        "--enrollment-string");

    List<String> tenantOptions = List.of("enrollment-key-file", "enrollment-key",
        "fingerprint");
    if (enrollmentString != null) {
      for (String option : tenantOptions) {
        if (options.has(option)) {
          throw new InvalidOptionException("the enrollment string carries the tenant, the key"
              + " and the fingerprint; leave out --" + option);
        }
      }
    } else if (tenant != null) {
      parseTenant(options, tenant);
    } else {
      for (String option : tenantOptions) {
        if (options.has(option)) {
          throw new InvalidOptionException("--" + option + " needs --tenant URL");
        }
      }
    }

    String bundle = options.value("ca-bundle");
    if (bundle != null) {
      caBundle = Path.of(bundle).toAbsolutePath();
      if (!Files.isRegularFile(caBundle) || !Files.isReadable(caBundle)) {
        throw new InvalidOptionException("--ca-bundle " + bundle + ": file not found or not"
            + " readable");
      }
    }
  }

  private void parseTenant(Options options, String tenant) throws InvalidOptionException {
    try {
      tenantUrl = TenantConnection.validateUrl(tenant);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException("--tenant: " + e.getMessage());
    }
    String keyFile = options.value("enrollment-key-file");
    String key = options.value("enrollment-key");
    if (key != null && !key.equals("-")) {
      throw secretOnCommandLine("--enrollment-key", "--enrollment-key-file");
    }
    if ((keyFile == null) == (key == null)) {
      throw new InvalidOptionException("--tenant needs the pool's enrollment key: give"
          + " --enrollment-key-file FILE or --enrollment-key - (one line on standard input)");
    }
    enrollmentKey = SecretSource.of(keyFile, "--enrollment-key-file", key, "--enrollment-key");
    String fingerprintText = options.value("fingerprint");
    if (fingerprintText != null) {
      try {
        fingerprint = CertificateFingerprint.parse(fingerprintText);
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException("--fingerprint: " + e.getMessage());
      }
    }
  }

  private void parseModules(Options options) throws InvalidOptionException {
    for (String name : options.values("module")) {
      Role role;
      try {
        role = Role.parse(name);
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException("unknown module '" + name + "' for --module; use"
            + " automation, the only module of this version");
      }
      if (role != Role.AUTOMATION) {
        throw new InvalidOptionException("the " + role.wireName() + " module ("
            + role.moduleName() + ") is not available in this version; install --module"
            + " automation");
      }
      if (!modules.contains(role)) {
        modules.add(role);
      }
    }
    if (modules.isEmpty()) {
      modules.add(Role.AUTOMATION);
    }
  }

  private void parseAccount(Options options) throws InvalidOptionException {
    String account = options.value("service-account");
    String passwordFile = options.value("service-password-file");
    String password = options.value("service-password");
    if (password != null && !password.equals("-")) {
      throw secretOnCommandLine("--service-password", "--service-password-file");
    }
    if (passwordFile != null && password != null) {
      throw new InvalidOptionException("give --service-password-file or --service-password -,"
          + " not both");
    }
    servicePassword = SecretSource.of(passwordFile, "--service-password-file", password,
        "--service-password");
    if (windows) {
      serviceAccount = account == null ? WINDOWS_ACCOUNT : account;
      boolean domainUser = !serviceAccount.equalsIgnoreCase(WINDOWS_ACCOUNT)
          && !serviceAccount.endsWith("$");
      if (!serviceAccount.equalsIgnoreCase(WINDOWS_ACCOUNT)
          && !DOMAIN_ACCOUNT.matcher(serviceAccount).matches()) {
        throw new InvalidOptionException("--service-account '" + serviceAccount + "' is not"
            + " valid: use LocalSystem, DOMAIN\\gmsa$ or DOMAIN\\user");
      }
      if (domainUser && servicePassword == null) {
        throw new InvalidOptionException("the domain account " + serviceAccount + " needs its"
            + " password: give --service-password-file FILE or --service-password -");
      }
      if (!domainUser && servicePassword != null) {
        throw new InvalidOptionException(serviceAccount + " needs no password; leave out the"
            + " service password");
      }
      return;
    }
    serviceAccount = account == null ? LINUX_ACCOUNT : account;
    if (!ServiceUser.NAME.matcher(serviceAccount).matches()) {
      throw new InvalidOptionException("--service-account '" + serviceAccount + "' is not a"
          + " valid Linux user name: use lower-case letters, digits, '_' and '-', starting"
          + " with a letter or '_', at most 32 characters");
    }
    if (serviceAccount.equals("root")) {
      throw new InvalidOptionException("--service-account root is not allowed: the services"
          + " run as an account of their own; leave the option out to use 'bridgehead'");
    }
    if (servicePassword != null) {
      throw new InvalidOptionException("a service password is for a Windows domain account"
          + " only; leave it out on Linux");
    }
  }

  private void parseProxy(Options options) throws InvalidOptionException {
    String value = options.value("proxy");
    String user = options.value("proxy-user");
    String passwordFile = options.value("proxy-password-file");
    String password = options.value("proxy-password");
    if (password != null && !password.equals("-")) {
      throw secretOnCommandLine("--proxy-password", "--proxy-password-file");
    }
    if (passwordFile != null && password != null) {
      throw new InvalidOptionException("give --proxy-password-file or --proxy-password -,"
          + " not both");
    }
    proxyPassword = SecretSource.of(passwordFile, "--proxy-password-file", password,
        "--proxy-password");
    // --proxy-user and the password need --proxy, so this covers them too.
    proxyGiven = value != null;
    if (value == null || value.equals("system")) {
      proxy = ProxyChoice.SYSTEM;
    } else if (value.equals("none")) {
      proxy = new ProxyChoice("none", null, null);
    } else {
      proxy = new ProxyChoice("explicit", proxyUrl(value), user);
    }
    if (user != null && !proxy.mode().equals("explicit")) {
      throw new InvalidOptionException("--proxy-user needs --proxy http://HOST:PORT");
    }
    if (user != null && user.isBlank()) {
      throw new InvalidOptionException("--proxy-user is empty; give the user name");
    }
    if (proxyPassword != null && user == null) {
      throw new InvalidOptionException("a proxy password needs --proxy-user USER");
    }
  }

  /** Checks a proxy URL: {@code http://HOST:PORT}, or https, with nothing after the port. */
  private static String proxyUrl(String value) throws InvalidOptionException {
    URI uri;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw invalidProxy(value, e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalidProxy(value, "it is not none, system or an http:// URL");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw invalidProxy(value, "it needs a host and a port from 1 to 65535");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalidProxy(value, "put the user in --proxy-user and the password in"
          + " --proxy-password-file, not in the URL");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if ((!path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalidProxy(value, "remove everything after the port");
    }
    return scheme + "://" + uri.getRawAuthority();
  }

  private static InvalidOptionException invalidProxy(String value, String reason) {
    return new InvalidOptionException("invalid --proxy '" + value + "': " + reason
        + "; use none, system or http://HOST:PORT");
  }

  private static InvalidOptionException secretOnCommandLine(String option, String fileOption) {
    return new InvalidOptionException(option + " takes only '-' (read one line from standard"
        + " input): a secret on the command line is visible to every user in the process"
        + " list; use " + option + " - or " + fileOption + " FILE");
  }
}
