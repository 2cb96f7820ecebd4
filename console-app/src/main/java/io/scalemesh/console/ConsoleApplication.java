package io.scalemesh.console;

import io.scalemesh.console.settings.SettingsFile;
import javafx.application.Application;
import javafx.stage.Stage;

/** The console as a JavaFX application; {@link Launcher} starts it. */
public final class ConsoleApplication extends Application {
  private Console console;

  @Override
  public void start(Stage stage) {
    ConsoleArguments arguments = ConsoleArguments.parse(getParameters().getRaw());
    console =
        Console.open(
            stage,
            SettingsFile.inUserHome(),
            arguments.connectTo(),
            uri -> getHostServices().showDocument(uri.toString()));
  }

  @Override
  public void stop() {
    if (console != null) {
      console.close();
    }
  }
}
