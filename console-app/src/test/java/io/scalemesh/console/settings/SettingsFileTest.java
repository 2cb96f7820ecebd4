package io.scalemesh.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.client.SignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
  @TempDir Path dir;

  @Test
  void connectionsSurviveARestartInAFileOnlyTheUserCanReadAndTheTokensAreNotInIt()
      throws Exception {
    SecretStore secrets = SecretStore.inMemory("test");
    SettingsFile file =
        new SettingsFile(dir.resolve("scalemesh").resolve("console.properties"), secrets);
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
            .withConnection(
                new SavedConnection(
                    "entra",
                    new ConnectionSettings(
                        "cp.example:443",
                        "",
                        true,
                        Optional.empty(),
                        Optional.of(
                            new SignIn(
                                "https://login.microsoftonline.com/tenant",
                                "console-client-id",
                                "api://scalemesh/Console.Use")))))
            .withDarkTheme(true);

    file.save(settings);

    assertThat(new SettingsFile(file.path(), secrets).load()).isEqualTo(settings);
    assertThat(Files.readString(file.path())).doesNotContain("s3cret", "demo-operator");
    assertThat(secrets.token("prod")).contains("s3cret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())))
        .isEqualTo("rwx------");
    assertThat(settings.lastConnection().orElseThrow().name()).isEqualTo("entra");

    file.save(settings.without("prod"));
    assertThat(secrets.token("prod")).isEmpty();
  }

  @Test
  void aTokenInAFileWrittenBeforeMovesToTheSecretStoreAndLeavesTheFile() throws Exception {
    Path path =
        Files.writeString(
            dir.resolve("console.properties"),
            """
            connection.0.name=old
            connection.0.address=127.0.0.1\\:18090
            connection.0.token=plain-text-token
            connection.0.tls=false
            connection.0.ca=
            last=old
            """);
    SecretStore secrets = SecretStore.inMemory("test");

    ConsoleSettings loaded = new SettingsFile(path, secrets).load();

    assertThat(loaded.lastConnection().orElseThrow().settings().token())
        .isEqualTo("plain-text-token");
    assertThat(secrets.token("old")).contains("plain-text-token");
    assertThat(Files.readString(path)).doesNotContain("plain-text-token").contains("name=old");
  }

  @Test
  void thisMachinesSecretStoreIsFoundOrTheConsoleSaysThereIsNone() {
    SecretStore found = SecretStore.forThisMachine(dir);
    // A desktop has one; a build machine without a D-Bus session has none, and then nothing is
    // written at all.
    if (found.persistent()) {
      assertThat(found.signInCache()).isPresent();
    } else {
      assertThat(found.where()).startsWith("No secret store on this machine");
      assertThat(found.signInCache()).isEmpty();
      assertThat(dir).isEmptyDirectory();
    }
  }

  @Test
  void withoutASecretStoreNothingSaysItIsKeptAndTheConsoleSaysWhy() {
    SecretStore memory = SecretStore.inMemory("No secret store on this machine");
    assertThat(memory.persistent()).isFalse();
    assertThat(memory.signInCache()).isEmpty();
    assertThat(memory.where()).isEqualTo("No secret store on this machine");
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
