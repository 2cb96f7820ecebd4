package io.scalemesh.console.topology;

import io.scalemesh.console.ui.StyleClasses;
import io.scalemesh.model.console.v1.EndpointStatus;
import java.util.List;
import java.util.Locale;

/** The states the topology colours nodes by. Proxies and clusters borrow the instances' words. */
public enum NodeState {
  BOOTING,
  READY,
  DRAINING,
  UNHEALTHY,
  /** No longer in the status; shown for a moment so that a removal is seen, then dropped. */
  GONE;

  /** Every state's style class. */
  public static final List<String> STYLE_CLASSES =
      StyleClasses.of(NodeState.class, NodeState::styleClass);

  private final String word = name().toLowerCase(Locale.ROOT);
  private final String styleClass = "state-" + word;

  public static NodeState of(EndpointStatus status) {
    return switch (status) {
      case ENDPOINT_STATUS_READY -> READY;
      case ENDPOINT_STATUS_DRAINING -> DRAINING;
      case ENDPOINT_STATUS_UNHEALTHY -> UNHEALTHY;
      case ENDPOINT_STATUS_BOOTING, ENDPOINT_STATUS_UNSPECIFIED, UNRECOGNIZED -> BOOTING;
    };
  }

  /** The CSS class a view gives a node in this state. */
  public String styleClass() {
    return styleClass;
  }

  /** "ready": the state in a word, as the instance table shows it. */
  public String word() {
    return word;
  }
}
