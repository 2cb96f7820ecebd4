package io.scalemesh.console.e2e;

import static org.awaitility.Awaitility.await;

import com.microsoft.aad.msal4j.OpenBrowserAction;
import eu.hansolo.tilesfx.Tile;
import io.scalemesh.console.Console;
import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.settings.SavedConnection;
import io.scalemesh.console.settings.SettingsFile;
import io.scalemesh.console.topology.TopologyNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A console window on the tests' primary stage, connected to a control plane, and ways to look into
 * it.
 */
final class ConsoleWindow implements AutoCloseable {
  /** No end-to-end test opens a web page; the view model's tests check the links. */
  private static final Consumer<URI> NO_BROWSER = uri -> {};

  private final FxRobot robot = new FxRobot();
  private final Console console;
  private final Stage stage;

  private ConsoleWindow(Console console, Stage stage) {
    this.console = console;
    this.stage = stage;
  }

  /**
   * Opens the console connected to 127.0.0.1:{@code consoleApiPort} with {@code token}, its
   * settings in {@code dir}.
   */
  static ConsoleWindow open(Path dir, int consoleApiPort, String token) throws TimeoutException {
    SavedConnection connection =
        new SavedConnection(
            "test", ConnectionSettings.plaintext("127.0.0.1:" + consoleApiPort, token));
    SettingsFile settings = new SettingsFile(dir.resolve("console.properties"));
    FxToolkit
        .registerPrimaryStage(); // starts the toolkit the first time; then the same stage again
    Console[] opened = new Console[1];
    Stage stage =
        FxToolkit.setupStage(
            shown -> {
              opened[0] = Console.open(shown, settings, Optional.of(connection), NO_BROWSER);
              shown.requestFocus(); // since JavaFX 20 a stage shown under Monocle is not focused
            });
    return new ConsoleWindow(opened[0], stage);
  }

  /**
   * Opens the console with no saved connection, so that it asks (the connection dialog shows), its
   * settings in {@code dir}, with {@code browser} standing in for the system browser.
   */
  static ConsoleWindow openAsking(Path dir, OpenBrowserAction browser) throws TimeoutException {
    SettingsFile settings = new SettingsFile(dir.resolve("console.properties"));
    FxToolkit.registerPrimaryStage();
    Console[] opened = new Console[1];
    Stage stage =
        FxToolkit.setupStage(
            shown -> {
              opened[0] =
                  Console.open(shown, settings, Optional.empty(), Optional.of(browser), NO_BROWSER);
              shown.requestFocus();
            });
    return new ConsoleWindow(opened[0], stage);
  }

  Console console() {
    return console;
  }

  Stage stage() {
    return stage;
  }

  void screenshot(String tab, String name) throws Exception {
    showTab(tab);
    Screenshots.save(stage.getScene(), name);
  }

  void showTab(String tab) throws Exception {
    fx(
        () -> {
          console.view().tabs().getTabs().stream()
              .filter(t -> t.getText().equals(tab))
              .findFirst()
              .ifPresent(t -> console.view().tabs().getSelectionModel().select(t));
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * The dialog that shows {@code query}, once it does, focused (Monocle does not focus a new
   * window).
   */
  Scene dialogShowing(String query, Duration patience) throws Exception {
    await().atMost(patience).until(() -> fx(() -> robot.lookup(query).tryQuery().isPresent()));
    Scene dialog = fx(() -> robot.lookup(query).query().getScene());
    fx(
        () -> {
          ((Stage) dialog.getWindow()).requestFocus();
          return null;
        });
    return dialog;
  }

  /**
   * Sets a text field of a dialog. Set, not typed: under Monocle the robot's keys for a second
   * window were lost now and then (they went to the window beneath). Clicks on buttons stay real.
   */
  void enter(Scene dialog, String field, String text) throws Exception {
    fx(
        () -> {
          robot.from(dialog.getRoot()).lookup(field).queryAs(TextInputControl.class).setText(text);
          return null;
        });
  }

  Tile tile(String id) {
    return robot.lookup("#tile-" + id).queryAs(Tile.class);
  }

  Button button(String query) {
    return robot.lookup(query).queryButton();
  }

  Label label(String query) {
    return robot.lookup(query).queryAs(Label.class);
  }

  List<TopologyNode> instanceNodes() {
    return console.viewModel().topology().nodes().stream()
        .filter(node -> node.kind() == TopologyNode.Kind.INSTANCE)
        .toList();
  }

  /** Runs {@code query} on the FX thread and waits for its answer. */
  static <T> T fx(Callable<T> query) throws Exception {
    return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws TimeoutException {
    FxToolkit.cleanupStages();
    console.close();
  }
}
