package io.scalemesh.console.settings;

import io.scalemesh.console.client.ConnectionSettings;
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
 * directory of mode 700 on POSIX systems), because it holds bearer tokens. It is replaced
 * atomically, so a crash never leaves half a file.
 */
public final class SettingsFile {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;

  public SettingsFile(Path file) {
    this.file = file;
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
    return new SettingsFile(dir.resolve("console.properties"));
  }

  public Path path() {
    return file;
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
    for (int i = 0; properties.containsKey(key(i, "name")); i++) {
      String ca = properties.getProperty(key(i, "ca"), "");
      connections.add(
          new SavedConnection(
              properties.getProperty(key(i, "name")),
              new ConnectionSettings(
                  properties.getProperty(key(i, "address"), ""),
                  properties.getProperty(key(i, "token"), ""),
                  Boolean.parseBoolean(properties.getProperty(key(i, "tls"), "false")),
                  ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)))));
    }
    return new ConsoleSettings(
        connections,
        Optional.ofNullable(properties.getProperty("last")),
        Boolean.parseBoolean(properties.getProperty("theme.dark", "false")));
  }

  public void save(ConsoleSettings settings) {
    Properties properties = new Properties();
    List<SavedConnection> connections = settings.connections();
    for (int i = 0; i < connections.size(); i++) {
      ConnectionSettings connection = connections.get(i).settings();
      properties.setProperty(key(i, "name"), connections.get(i).name());
      properties.setProperty(key(i, "address"), connection.address());
      properties.setProperty(key(i, "token"), connection.token());
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
            writer, "Scalemesh console: saved connections (with their tokens) and preferences");
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
