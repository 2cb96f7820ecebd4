package io.scalemesh.console.main;

/**
 * The keyboard shortcuts, as the help dialog lists them (the menus in MainView.fxml define them).
 */
final class Shortcuts {
  static final String TEXT =
      """
      Ctrl+O          connect to a control plane
      Ctrl+R          reconnect now
      Ctrl+D          disconnect
      Ctrl+Shift+O    scale out by 1 (asks to confirm)
      Ctrl+Shift+I    scale in by 1 (asks to confirm)
      Ctrl+Shift+C    set capacity
      Ctrl+1 .. 5     dashboard, charts, topology, instances, events
      Ctrl+F          filter the instances
      Ctrl+T          light / dark theme
      F1              this list
      (Cmd instead of Ctrl on macOS)""";

  private Shortcuts() {}
}
