package io.scalemesh.console.connection;

import static io.scalemesh.console.Statuses.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Connector;
import io.scalemesh.console.settings.SavedConnection;
import io.scalemesh.console.settings.SettingsFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionViewModelTest {
  @TempDir Path dir;

  private final List<String> commands = new ArrayList<>();
  private final Connector connector =
      new Connector() {
        @Override
        public void connect(ConnectionSettings settings) {
          commands.add("connect " + settings.address());
        }

        @Override
        public CompletionStage<Optional<String>> test(ConnectionSettings settings) {
          commands.add("test " + settings.address());
          return CompletableFuture.completedFuture(Optional.of("refused"));
        }

        @Override
        public void reconnectNow() {
          commands.add("reconnect");
        }

        @Override
        public void disconnect() {
          commands.add("disconnect");
        }
      };

  @Test
  void theStateIsAlwaysSaidAndDataFromALostConnectionIsMarkedStale() {
    ConnectionViewModel connection = new ConnectionViewModel(connector, file(), () -> T0);
    assertThat(connection.stateTextProperty().get()).isEqualTo("Not connected");
    assertThat(connection.staleProperty().get()).isFalse();

    connection.stateChanged(new ConnectionState.Connecting("cp:18090", 1));
    assertThat(connection.stateTextProperty().get()).isEqualTo("Connecting to cp:18090 ...");
    connection.received();
    connection.stateChanged(new ConnectionState.Live("cp:18090", "ops", true));
    assertThat(connection.stateTextProperty().get()).isEqualTo("Live: cp:18090 as ops (operator)");
    assertThat(connection.staleProperty().get()).isFalse();

    connection.stateChanged(
        new ConnectionState.Waiting(
            "cp:18090", 2, Duration.ofMillis(1_500), "control plane unreachable"));
    assertThat(connection.stateTextProperty().get())
        .isEqualTo(
            "Disconnected from cp:18090: control plane unreachable. Retrying in 2 s (attempt 2)");
    assertThat(connection.staleProperty().get()).isTrue();
    assertThat(connection.staleTextProperty().get()).startsWith("STALE: showing data from ");

    connection.stateChanged(new ConnectionState.Live("cp:18090", "ops", true));
    assertThat(connection.staleProperty().get()).isFalse();
  }

  @Test
  void aConnectionIsSavedOnceLiveAndReusedOnTheNextStart() {
    SettingsFile file = file();
    ConnectionViewModel first = new ConnectionViewModel(connector, file, () -> T0);
    first.connect(
        new SavedConnection(
            "demo", ConnectionSettings.plaintext("127.0.0.1:18090", "demo-operator")));
    first.stateChanged(new ConnectionState.Connecting("127.0.0.1:18090", 1));
    first.stateChanged(new ConnectionState.Live("127.0.0.1:18090", "ops", true));

    ConnectionViewModel restarted = new ConnectionViewModel(connector, file, () -> T0);
    assertThat(restarted.saved()).extracting(SavedConnection::name).containsExactly("demo");
    assertThat(restarted.connectToLast()).isTrue();
    assertThat(commands).containsExactly("connect 127.0.0.1:18090", "connect 127.0.0.1:18090");
  }

  /** The issue: a wrong token closed the dialog, was saved, and became the one used next time. */
  @Test
  void aConnectionThatNeverWorkedIsNeitherSavedNorMadeLast() {
    SettingsFile file = file();
    ConnectionViewModel connection = new ConnectionViewModel(connector, file, () -> T0);
    SavedConnection good =
        new SavedConnection("good", ConnectionSettings.plaintext("127.0.0.1:18090", "right"));
    connection.connect(good);
    connection.stateChanged(new ConnectionState.Live("127.0.0.1:18090", "ops", true));

    connection.connect(
        new SavedConnection("typo", ConnectionSettings.plaintext("127.0.0.1:18090", "wrong")));
    connection.stateChanged(
        new ConnectionState.Refused(
            "127.0.0.1:18090", "the control plane does not accept this token"));
    connection.stateChanged(new ConnectionState.Live("127.0.0.1:18090", "ops", true)); // Ctrl+R

    ConnectionViewModel restarted = new ConnectionViewModel(connector, file, () -> T0);
    assertThat(restarted.saved()).extracting(SavedConnection::name).containsExactly("good");
    assertThat(restarted.settings().lastConnection()).contains(good);
  }

  @Test
  void aTestGoesToTheConnectorAndUsesNothing() {
    ConnectionViewModel connection = new ConnectionViewModel(connector, file(), () -> T0);
    assertThat(
            connection
                .test(new SavedConnection("x", ConnectionSettings.plaintext("cp:1", "t")))
                .toCompletableFuture()
                .join())
        .contains("refused");
    assertThat(commands).containsExactly("test cp:1");
    assertThat(connection.saved()).isEmpty();
  }

  @Test
  void anAddressWithoutAPortIsRefusedInWords() {
    assertThat(ConnectionSettings.problem("cp.example"))
        .contains("the address must be HOST:PORT, e.g. 127.0.0.1:18090 (was 'cp.example')");
    assertThat(ConnectionSettings.problem("cp.example:99999"))
        .contains("the port must be 1 to 65535 (was 99999)");
    assertThat(ConnectionSettings.problem("[::1]:18090")).isEmpty();
    assertThat(ConnectionSettings.problem("cp.example:443")).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConnectionSettings.plaintext("127.0.0.1", "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private SettingsFile file() {
    return new SettingsFile(dir.resolve("console.properties"));
  }
}
