package io.scalemesh.console.scaling;

import io.scalemesh.console.client.OperatorAccess;
import io.scalemesh.console.mesh.ScaleSetSummary;
import java.util.Optional;

/**
 * When the console lets an operator ask for a capacity, and why not otherwise. The control plane
 * checks all of this again; the console checks first so that a button never offers what would be
 * refused, and says why.
 *
 * @param busy whether a scale request is still waiting for its outcome
 * @param scaleSet the selected scale set, if any
 */
public record ScaleRules(OperatorAccess access, boolean busy, Optional<ScaleSetSummary> scaleSet) {

  /** Why asking for any change is not possible now; empty when it is. */
  public Optional<String> blocked() {
    Optional<String> denied = access.blocked("scaling");
    if (denied.isPresent()) {
      return denied;
    }
    if (scaleSet.isEmpty()) {
      return Optional.of("No scale set selected");
    }
    if (busy) {
      return Optional.of("A scale request is in progress");
    }
    return Optional.empty();
  }

  /** Why asking for {@code target} is not possible now; empty when it is. */
  public Optional<String> blocked(int target) {
    return blocked()
        .or(
            () -> {
              ScaleSetSummary set = scaleSet.orElseThrow();
              if (target > set.maximum()) {
                return Optional.of(
                    set.desired() >= set.maximum()
                        ? "At the maximum capacity (" + set.maximum() + ")"
                        : target + " is above the maximum capacity (" + set.maximum() + ")");
              }
              if (target < set.minimum()) {
                return Optional.of(
                    set.desired() <= set.minimum()
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
