package io.scalemesh.console.settings;

import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.client.SignIn;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The console's settings in one properties file that only the user may read or write (mode 600 in a
 * directory of mode 700 on POSIX systems). It is replaced atomically, so a crash never leaves half
 * a file. Saved tokens are not in it: they are in the {@link SecretStore}; a token found in a file
 * written before is moved there, and the file rewritten without it.
 */
public final class SettingsFile {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;
  private final SecretStore secrets;

  public SettingsFile(Path file, SecretStore secrets) {
    this.file = file;
    this.secrets = secrets;
  }

  /** Settings whose tokens live in this process's memory only. */
  public SettingsFile(Path file) {
    this(file, SecretStore.inMemory("Tokens are kept in memory only"));
  }

  /**
   * {@code $SCALEMESH_CONSOLE_HOME}, else {@code $XDG_CONFIG_HOME/scalemesh}, else {@code
   * ~/.config/scalemesh}.
   */
  public static SettingsFile inUserHome() {
    String home = System.getenv("SCALEMESH_CONSOLE_HOME");
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path dir =
        home != null && !home.isBlank()
            ? Path.of(home)
            : xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "scalemesh")
                : Path.of(System.getProperty("user.home"), ".config", "scalemesh");
    return new SettingsFile(dir.resolve("console.properties"), SecretStore.forThisMachine(dir));
  }

  public Path path() {
    return file;
  }

  public SecretStore secrets() {
    return secrets;
  }

  public ConsoleSettings load() {
    if (!Files.exists(file)) {
      return ConsoleSettings.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console settings " + file, e);
    }
    List<SavedConnection> connections = new ArrayList<>();
    boolean plainTextTokens = false;
    for (int i = 0; properties.containsKey(key(i, "name")); i++) {
      String name = properties.getProperty(key(i, "name"));
      String ca = properties.getProperty(key(i, "ca"), "");
      String plainToken = properties.getProperty(key(i, "token"), "");
      if (!plainToken.isEmpty()) {
        secrets.putToken(name, plainToken);
        plainTextTokens = true;
      }
      String authority = properties.getProperty(key(i, "signin.authority"), "");
      connections.add(
          new SavedConnection(
              name,
              new ConnectionSettings(
                  properties.getProperty(key(i, "address"), ""),
                  secrets.token(name).orElse(""),
                  Boolean.parseBoolean(properties.getProperty(key(i, "tls"), "false")),
                  ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)),
                  authority.isEmpty()
                      ? Optional.empty()
                      : Optional.of(
                          new SignIn(
                              authority,
                              properties.getProperty(key(i, "signin.client_id"), ""),
                              properties.getProperty(key(i, "signin.scope"), ""))))));
    }
    ConsoleSettings settings =
        new ConsoleSettings(
            connections,
            Optional.ofNullable(properties.getProperty("last")),
            Boolean.parseBoolean(properties.getProperty("theme.dark", "false")));
    if (plainTextTokens) {
      save(settings);
    }
    return settings;
  }

  public void save(ConsoleSettings settings) {
    Properties properties = new Properties();
    List<SavedConnection> connections = settings.connections();
    secrets.keepOnly(connections.stream().map(SavedConnection::name).toList());
    for (int i = 0; i < connections.size(); i++) {
      ConnectionSettings connection = connections.get(i).settings();
      int index = i;
      properties.setProperty(key(i, "name"), connections.get(i).name());
      properties.setProperty(key(i, "address"), connection.address());
      secrets.putToken(connections.get(i).name(), connection.token());
      connection
          .signIn()
          .ifPresent(
              signIn -> {
                properties.setProperty(key(index, "signin.authority"), signIn.authority());
                properties.setProperty(key(index, "signin.client_id"), signIn.clientId());
                properties.setProperty(key(index, "signin.scope"), signIn.scope());
              });
      properties.setProperty(key(i, "tls"), Boolean.toString(connection.tls()));
      properties.setProperty(key(i, "ca"), connection.caFile().map(Path::toString).orElse(""));
    }
    settings.last().ifPresent(last -> properties.setProperty("last", last));
    properties.setProperty("theme.dark", Boolean.toString(settings.darkTheme()));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      if (POSIX) {
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
      }
      Path temporary =
          POSIX
              ? Files.createTempFile(
                  dir, "console", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
              : Files.createTempFile(dir, "console", ".tmp");
      try (Writer writer = Files.newBufferedWriter(temporary)) {
        properties.store(
            writer,
            "Scalemesh console: saved connections (tokens are in the secret store) and preferences");
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the console settings " + file, e);
    }
  }

  private static String key(int index, String field) {
    return "connection." + index + "." + field;
  }
}
