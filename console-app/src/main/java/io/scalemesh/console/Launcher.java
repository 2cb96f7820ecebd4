package io.scalemesh.console;

import javafx.application.Application;

/**
 * Entry point that does not extend {@link Application}, so the console starts from a plain
 * class path (jpackage, {@code java -jar}) without the JavaFX module-path check.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(ConsoleApplication.class, args);
  }
}
