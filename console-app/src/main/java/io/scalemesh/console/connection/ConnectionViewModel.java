package io.scalemesh.console.connection;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Connector;
import io.scalemesh.console.mesh.Durations;
import io.scalemesh.console.settings.ConsoleSettings;
import io.scalemesh.console.settings.SavedConnection;
import io.scalemesh.console.settings.SettingsFile;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection: which control plane, how the link stands (always shown), whether what the console
 * shows is stale, and the saved connections.
 */
public final class ConnectionViewModel {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Connector connector;
  private final SettingsFile file;
  private final InstantSource clock;
  private final ObservableList<SavedConnection> saved = FXCollections.observableArrayList();
  private final ObservableList<SavedConnection> readOnlySaved =
      FXCollections.unmodifiableObservableList(saved);
  private final ReadOnlyObjectWrapper<ConnectionState> state =
      new ReadOnlyObjectWrapper<>(new ConnectionState.Idle());
  private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("Not connected");
  private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper staleText = new ReadOnlyStringWrapper("");
  private ConsoleSettings settings;
  private Optional<Instant> lastUpdate = Optional.empty();

  /** The connection asked for, saved (and made "last") only once it is live. */
  private Optional<SavedConnection> unproven = Optional.empty();

  /**
   * @param clock real time, to say when the last update arrived
   */
  public ConnectionViewModel(Connector connector, SettingsFile file, InstantSource clock) {
    this.connector = connector;
    this.file = file;
    this.clock = clock;
    this.settings = file.load();
    saved.setAll(settings.connections());
  }

  /** Connects to the connection used last, if there is one; says whether there was. */
  public boolean connectToLast() {
    Optional<SavedConnection> last = settings.lastConnection();
    last.ifPresent(this::connect);
    return last.isPresent();
  }

  /**
   * Connects to {@code connection}; once it is live, saves it (replacing one of the same name) as
   * the one to reconnect to next time. A connection that never worked is never saved.
   */
  public void connect(SavedConnection connection) {
    unproven = Optional.of(connection);
    connector.connect(connection.settings());
  }

  /** Tries a connection without using it: empty if it answered, else why not. */
  public CompletionStage<Optional<String>> test(SavedConnection connection) {
    return connector.test(connection.settings());
  }

  public void forget(String name) {
    save(settings.without(name));
  }

  public void reconnect() {
    connector.reconnectNow();
  }

  public void disconnect() {
    connector.disconnect();
  }

  public ConsoleSettings settings() {
    return settings;
  }

  public void save(ConsoleSettings updated) {
    settings = updated;
    file.save(updated);
    saved.setAll(updated.connections());
  }

  public void stateChanged(ConnectionState newState) {
    if (newState instanceof ConnectionState.Live) {
      unproven.ifPresent(proven -> save(settings.withConnection(proven)));
    }
    if (newState instanceof ConnectionState.Live || newState instanceof ConnectionState.Refused) {
      unproven = Optional.empty();
    }
    state.set(newState);
    stateText.set(describe(newState));
    refreshStale();
  }

  /** An update arrived. */
  public void received() {
    lastUpdate = Optional.of(clock.instant());
    refreshStale();
  }

  private void refreshStale() {
    boolean isStale = lastUpdate.isPresent() && !state.get().live();
    stale.set(isStale);
    staleText.set(
        isStale
            ? "STALE: showing data from "
                + LocalTime.ofInstant(lastUpdate.get(), ZoneId.systemDefault())
                    .truncatedTo(ChronoUnit.SECONDS)
                    .format(CLOCK)
            : "");
  }

  static String describe(ConnectionState state) {
    return switch (state) {
      case ConnectionState.Idle idle -> "Not connected";
      case ConnectionState.Connecting c ->
          "Connecting to "
              + c.address()
              + (c.attempt() > 1 ? " (attempt " + c.attempt() + ")" : "")
              + " ...";
      case ConnectionState.Live l ->
          "Live: "
              + l.address()
              + " as "
              + l.identity()
              + (l.mayScale() ? " (operator)" : " (viewer)");
      case ConnectionState.Waiting w ->
          "Disconnected from "
              + w.address()
              + ": "
              + w.reason()
              + ". Retrying in "
              + Durations.humanize(w.retryIn().plusMillis(999))
              + " (attempt "
              + w.attempt()
              + ")";
      case ConnectionState.Refused r -> "Refused by " + r.address() + ": " + r.reason();
    };
  }

  public ObservableList<SavedConnection> saved() {
    return readOnlySaved;
  }

  public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stateTextProperty() {
    return stateText.getReadOnlyProperty();
  }

  /** True while what the console shows came from a connection that is no longer live. */
  public ReadOnlyBooleanProperty staleProperty() {
    return stale.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty staleTextProperty() {
    return staleText.getReadOnlyProperty();
  }
}
