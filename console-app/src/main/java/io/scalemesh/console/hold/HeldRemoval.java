package io.scalemesh.console.hold;

import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.RemovalHold;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A mass removal the control plane holds back for one scale set: routing to it is frozen, the
 * vanished instances stay published as they were.
 *
 * @param gone ready instances gone from discovery
 * @param routable the ready instances when the hold began
 * @param releasesAt when the hold ends by itself if the instances stay gone; empty: only an
 *     operator ends it
 * @param instances the vanished instances, still routed to
 */
public record HeldRemoval(
    String scaleSet,
    int gone,
    int routable,
    Instant since,
    Optional<Instant> releasesAt,
    List<String> instances) {

  public HeldRemoval {
    instances = List.copyOf(instances);
  }

  /** The scale set's held removal, if it has one. */
  public static Optional<HeldRemoval> of(ScaleSet scaleSet) {
    if (!scaleSet.hasRemovalHold()) {
      return Optional.empty();
    }
    RemovalHold hold = scaleSet.getRemovalHold();
    // An unset releases_at is how the control plane says "until an operator releases it".
    return Optional.of(
        new HeldRemoval(
            scaleSet.getName(),
            hold.getGone(),
            hold.getRoutable(),
            Timestamps.toInstant(hold.getSince()),
            Timestamps.ifSet(hold.getReleasesAt()),
            hold.getInstancesList()));
  }

  /** What releasing it does: "3 instances will be removed from routing now". */
  public String consequence() {
    return gone + (gone == 1 ? " instance" : " instances") + " will be removed from routing now";
  }
}
