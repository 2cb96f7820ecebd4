package io.scalemesh.controlplane.status;

import io.scalemesh.controlplane.mesh.InstanceState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When each instance entered its current state, as this control plane saw it: instances carry their
 * state, not its history, and an operator asks "booting since when?".
 */
final class StateSince {
  private record Seen(InstanceState state, Instant since) {}

  private final Map<String, Seen> seen = new HashMap<>();

  /** When the instance {@code key} entered {@code state}: {@code now} if that is news. */
  synchronized Instant of(String key, InstanceState state, Instant now) {
    return seen.compute(
            key,
            (k, previous) ->
                previous != null && previous.state() == state ? previous : new Seen(state, now))
        .since();
  }

  /** Forgets instances no longer published, so that the map does not grow with churn. */
  synchronized void retain(Set<String> keys) {
    seen.keySet().retainAll(keys);
  }
}
