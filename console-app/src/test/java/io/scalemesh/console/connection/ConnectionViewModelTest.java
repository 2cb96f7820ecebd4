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
  void aConnectionIsSavedWhenUsedAndReusedOnTheNextStart() {
    SettingsFile file = file();
    new ConnectionViewModel(connector, file, () -> T0)
        .connect(
            new SavedConnection(
                "demo", ConnectionSettings.plaintext("127.0.0.1:18090", "demo-operator")));

    ConnectionViewModel restarted = new ConnectionViewModel(connector, file, () -> T0);
    assertThat(restarted.saved()).extracting(SavedConnection::name).containsExactly("demo");
    assertThat(restarted.connectToLast()).isTrue();
    assertThat(commands).containsExactly("connect 127.0.0.1:18090", "connect 127.0.0.1:18090");
  }

  private SettingsFile file() {
    return new SettingsFile(dir.resolve("console.properties"));
  }
}
