package io.scalemesh.console.scaling;

import io.scalemesh.console.mesh.ScaleSetSummary;
import java.util.Optional;

/**
 * When the console lets an operator ask for a capacity, and why not otherwise. The control plane
 * checks all of this again; the console checks first so that a button never offers what would
 * be refused, and says why.
 *
 * @param live whether status is arriving (a change decided on stale figures could surprise)
 * @param mayScale whether the token is an operator's
 * @param identity whose token it is
 * @param busy whether a scale request is still waiting for its outcome
 * @param scaleSet the selected scale set, if any
 */
public record ScaleRules(boolean live, boolean mayScale, String identity, boolean busy,
    Optional<ScaleSetSummary> scaleSet) {

  /** Why asking for any change is not possible now; empty when it is. */
  public Optional<String> blocked() {
    if (!live) {
      return Optional.of("Not connected: scaling waits for live data");
    }
    if (scaleSet.isEmpty()) {
      return Optional.of("No scale set selected");
    }
    if (!mayScale) {
      return Optional.of("Read-only: " + identity + " has a viewer token, scaling needs an operator's");
    }
    if (busy) {
      return Optional.of("A scale request is in progress");
    }
    return Optional.empty();
  }

  /** Why asking for {@code target} is not possible now; empty when it is. */
  public Optional<String> blocked(int target) {
    return blocked().or(() -> {
      ScaleSetSummary set = scaleSet.orElseThrow();
      if (target > set.maximum()) {
        return Optional.of(set.desired() >= set.maximum()
            ? "At the maximum capacity (" + set.maximum() + ")"
            : target + " is above the maximum capacity (" + set.maximum() + ")");
      }
      if (target < set.minimum()) {
        return Optional.of(set.desired() <= set.minimum()
            ? "At the minimum capacity (" + set.minimum() + ")"
            : target + " is below the minimum capacity (" + set.minimum() + ")");
      }
      if (target == set.desired()) {
        return Optional.of("The capacity is already " + target);
      }
      return Optional.empty();
    });
  }
}
