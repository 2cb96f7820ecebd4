package io.scalemesh.console.scaling;

import io.scalemesh.model.console.v1.ScaleRequest;

/**
 * A capacity change the operator is about to confirm.
 *
 * @param current the capacity now
 * @param target the capacity after the change
 */
public record ScaleProposal(
    String scaleSet, Kind kind, int current, int target, int minimum, int maximum) {
  public enum Kind {
    OUT,
    IN,
    SET
  }

  /** "backend: 3 -> 4" */
  public String change() {
    return scaleSet + ": " + current + " -> " + target;
  }

  public String bounds() {
    return "bounds " + minimum + ".." + maximum;
  }

  public ScaleRequest toRequest(String reason, String idempotencyKey) {
    ScaleRequest.Builder request =
        ScaleRequest.newBuilder()
            .setScaleSet(scaleSet)
            .setReason(reason)
            .setIdempotencyKey(idempotencyKey);
    return switch (kind) {
      case OUT -> request.setScaleOutBy(target - current).build();
      case IN -> request.setScaleInBy(current - target).build();
      case SET -> request.setSetCapacity(target).build();
    };
  }
}
