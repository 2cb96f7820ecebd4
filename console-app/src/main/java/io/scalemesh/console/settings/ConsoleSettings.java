package io.scalemesh.console.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the console remembers between runs.
 *
 * @param connections saved control planes, in the order they were first saved
 * @param last the name of the connection used last, to reconnect to on start
 * @param darkTheme whether the operator chose the dark theme
 */
public record ConsoleSettings(
    List<SavedConnection> connections, Optional<String> last, boolean darkTheme) {
  public ConsoleSettings {
    connections = List.copyOf(connections);
  }

  public static ConsoleSettings empty() {
    return new ConsoleSettings(List.of(), Optional.empty(), false);
  }

  /**
   * These settings with {@code connection} saved (replacing one of the same name) and used last.
   */
  public ConsoleSettings withConnection(SavedConnection connection) {
    List<SavedConnection> updated = new ArrayList<>(connections);
    int existing = indexOf(connection.name());
    if (existing >= 0) {
      updated.set(existing, connection);
    } else {
      updated.add(connection);
    }
    return new ConsoleSettings(updated, Optional.of(connection.name()), darkTheme);
  }

  public ConsoleSettings without(String name) {
    List<SavedConnection> updated =
        connections.stream().filter(c -> !c.name().equals(name)).toList();
    return new ConsoleSettings(updated, last.filter(l -> !l.equals(name)), darkTheme);
  }

  public ConsoleSettings withDarkTheme(boolean dark) {
    return new ConsoleSettings(connections, last, dark);
  }

  public Optional<SavedConnection> lastConnection() {
    return last.flatMap(
        name -> connections.stream().filter(c -> c.name().equals(name)).findFirst());
  }

  private int indexOf(String name) {
    for (int i = 0; i < connections.size(); i++) {
      if (connections.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
