package io.scalemesh.console;

import java.util.List;
import javafx.application.Application;

/**
 * Entry point that does not extend {@link Application}, so the console starts from a plain class
 * path (jpackage, {@code java -jar}) without the JavaFX module-path check.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    try {
      ConsoleArguments.parse(
          List.of(args)); // bad arguments end here, in one line, before a window opens
    } catch (IllegalArgumentException e) {
      System.err.println("scalemesh-console: " + e.getMessage());
      System.exit(2);
    }
    try {
      Application.launch(ConsoleApplication.class, args);
    } catch (RuntimeException e) {
      // No display, for one: say so in one line. Exit, or JavaFX's threads keep the process alive.
      System.err.println("scalemesh-console: cannot start: " + e.getMessage());
      System.exit(1);
    }
  }
}
