package io.scalemesh.console.scaling;

import io.scalemesh.model.console.v1.ScaleRequest;
import java.util.Optional;

/**
 * A capacity change the operator is about to confirm. It is sent as the capacity confirmed ({@code
 * set_capacity}), never as "one more": if the capacity moves while the dialog is open, a relative
 * request would ask for something other than what the operator read.
 *
 * @param current the capacity now
 * @param target the capacity after the change
 * @param warning what the operator should know before confirming (autoscale may undo it)
 */
public record ScaleProposal(
    String scaleSet, int current, int target, int minimum, int maximum, Optional<String> warning) {

  /** "backend: 3 -> 4" */
  public String change() {
    return scaleSet + ": " + current + " -> " + target;
  }

  public String bounds() {
    return "bounds " + minimum + ".." + maximum;
  }

  public ScaleRequest toRequest(String reason, String idempotencyKey) {
    return ScaleRequest.newBuilder()
        .setScaleSet(scaleSet)
        .setSetCapacity(target)
        .setReason(reason)
        .setIdempotencyKey(idempotencyKey)
        .build();
  }
}
