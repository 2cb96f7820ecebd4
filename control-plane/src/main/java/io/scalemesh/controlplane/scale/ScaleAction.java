package io.scalemesh.controlplane.scale;

import java.time.Instant;

/**
 * A capacity change that was made: when, by whom, from what to what, why, and how far it has got.
 *
 * @param failure the scale set's reason when it failed, else empty
 */
public record ScaleAction(
    String scaleSet,
    Instant at,
    String actor,
    int fromCapacity,
    int toCapacity,
    String reason,
    Progress progress,
    String failure) {

  public enum Progress {
    /** Accepted; the scale set has not said it is done. */
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
  }

  /** The same change, ended as the scale set says. */
  ScaleAction ended(Progress outcome, String why) {
    return new ScaleAction(scaleSet, at, actor, fromCapacity, toCapacity, reason, outcome, why);
  }
}
