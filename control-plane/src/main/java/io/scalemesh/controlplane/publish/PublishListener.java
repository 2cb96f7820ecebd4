package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.mesh.MeshState;
import java.util.Optional;

/** Told what the publisher took in and did: for metrics, the event log, the last-published file. */
public interface PublishListener {

  /**
   * A source reported, completely or with a failure (its last good instances then stay published).
   */
  default void reported(DiscoveryReport report) {}

  /** A new mesh state went out ({@code previous} is empty the first time). */
  default void published(Optional<Published> previous, Published next) {}

  /**
   * {@code state} was not published, for {@code why}; what proxies have stays. Said once per state.
   */
  default void refused(MeshState state, Optional<Published> kept, StateRefusedException why) {}

  /**
   * The guard began holding a removal of {@code service}'s instances, or ({@code hold} empty) ended
   * it.
   */
  default void holdChanged(String service, Optional<PublishGuard.Hold> hold) {}
}
