package io.scalemesh.console.ui;

import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/** For controls without a property to bind to (TilesFX setters): call now, and on every change. */
public final class Observe {
  private Observe() {}

  public static <T> void each(ObservableValue<T> value, Consumer<? super T> action) {
    action.accept(value.getValue());
    value.addListener((property, before, after) -> action.accept(after));
  }

  /** Keeps {@code styleClass} on {@code node} exactly while {@code on} holds. */
  public static void styleClass(Node node, String styleClass, ObservableValue<Boolean> on) {
    each(
        on,
        value -> {
          node.getStyleClass().remove(styleClass);
          if (value) {
            node.getStyleClass().add(styleClass);
          }
        });
  }
}
