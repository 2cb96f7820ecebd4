package io.scalemesh.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.client.ConnectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
  @TempDir Path dir;

  @Test
  void connectionsSurviveARestartInAFileOnlyTheUserCanRead() throws Exception {
    SettingsFile file = new SettingsFile(dir.resolve("scalemesh").resolve("console.properties"));
    ConsoleSettings settings =
        ConsoleSettings.empty()
            .withConnection(
                new SavedConnection(
                    "demo", ConnectionSettings.plaintext("127.0.0.1:18090", "demo-operator")))
            .withConnection(
                new SavedConnection(
                    "prod",
                    new ConnectionSettings(
                        "cp.example:443", "s3cret", true, Optional.of(Path.of("/etc/ca.pem")))))
            .withDarkTheme(true);

    file.save(settings);

    assertThat(new SettingsFile(file.path()).load()).isEqualTo(settings);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())))
        .isEqualTo("rwx------");
    assertThat(settings.lastConnection().orElseThrow().name()).isEqualTo("prod");
  }

  @Test
  void savingUnderAKnownNameReplacesItAndForgettingRemovesIt() {
    ConsoleSettings settings =
        ConsoleSettings.empty()
            .withConnection(
                new SavedConnection(
                    "demo", ConnectionSettings.plaintext("127.0.0.1:18090", "demo-viewer")))
            .withConnection(
                new SavedConnection(
                    "demo", ConnectionSettings.plaintext("127.0.0.1:18090", "demo-operator")));
    assertThat(settings.connections())
        .singleElement()
        .satisfies(c -> assertThat(c.settings().token()).isEqualTo("demo-operator"));
    assertThat(settings.without("demo").connections()).isEmpty();
    assertThat(settings.without("demo").lastConnection()).isEmpty();
  }
}
