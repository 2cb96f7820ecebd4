package io.scalemesh.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

class StyleClassesTest {
  private static final List<String> STATES = List.of("state-ready", "state-draining");

  private final Region node = new Region();
  private final List<String> changes = new ArrayList<>();

  StyleClassesTest() {
    node.getStyleClass().add("topology-node");
    node.getStyleClass()
        .addListener((ListChangeListener<String>) change -> changes.add(change.toString()));
  }

  @Test
  void theNodeHasTheClassChosenAndNoOtherOfItsFamily() {
    StyleClasses.choose(node, STATES, "state-ready");
    StyleClasses.choose(node, STATES, "state-draining");

    assertThat(node.getStyleClass()).containsExactly("topology-node", "state-draining");

    StyleClasses.choose(node, STATES, null);
    assertThat(node.getStyleClass()).containsExactly("topology-node");
  }

  @Test
  void choosingTheClassTheNodeHasLeavesItsClassesUntouched() {
    StyleClasses.choose(node, STATES, "state-ready");
    changes.clear();

    StyleClasses.choose(node, STATES, "state-ready");
    StyleClasses.choose(node, STATES, "state-ready");

    // A change to the list, even one putting back what was there, would restyle the node.
    assertThat(changes).isEmpty();
  }

  @Test
  void noneChosenTwiceIsNoChangeEither() {
    StyleClasses.choose(node, STATES, "");
    StyleClasses.choose(node, STATES, null);

    assertThat(changes).isEmpty();
    assertThat(node.getStyleClass()).containsExactly("topology-node");
  }
}
