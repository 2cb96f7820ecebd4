package io.scalemesh.console.topology;

import io.scalemesh.model.console.v1.EndpointStatus;
import java.util.Locale;

/** The states the topology colours nodes by. Proxies and clusters borrow the instances' words. */
public enum NodeState {
  BOOTING,
  READY,
  DRAINING,
  UNHEALTHY,
  /** No longer in the status; shown for a moment so that a removal is seen, then dropped. */
  GONE;

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
    return "state-" + name().toLowerCase(Locale.ROOT);
  }
}
