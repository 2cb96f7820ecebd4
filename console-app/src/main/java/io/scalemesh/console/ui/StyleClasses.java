package io.scalemesh.console.ui;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;

/**
 * Gives a node one style class of a family (a state, a severity, a health level), or none, touching
 * its style classes only when that class changes: any change to a node's style classes, even
 * removing one and adding it back, makes JavaFX restyle the node and everything in it from scratch,
 * and table cells and topology nodes are given theirs on every update.
 */
public final class StyleClasses {
  private StyleClasses() {}

  /** {@code wanted} must be one of {@code family}; null or empty: none of them. */
  public static void choose(Node node, Collection<String> family, String wanted) {
    List<String> classes = node.getStyleClass();
    for (String other : family) {
      if (!other.equals(wanted) && classes.contains(other)) {
        classes.remove(other);
      }
    }
    if (wanted != null && !wanted.isEmpty() && !classes.contains(wanted)) {
      classes.add(wanted);
    }
  }

  /** The family of an enum's style classes, for {@link #choose}. */
  public static <E extends Enum<E>> List<String> of(
      Class<E> values, Function<E, String> styleClass) {
    return Arrays.stream(values.getEnumConstants()).map(styleClass).toList();
  }
}
