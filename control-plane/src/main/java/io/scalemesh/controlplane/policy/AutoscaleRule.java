package io.scalemesh.controlplane.policy;

import java.time.Duration;

/**
 * One Azure Monitor autoscale rule on average CPU: when the average over {@code timeWindow} is
 * above (scale-out) or below (scale-in) {@code threshold}, change capacity by {@code changeCount},
 * then wait {@code cooldown} before any further action.
 */
public record AutoscaleRule(
    Direction direction,
    double threshold,
    Duration timeWindow,
    int changeCount,
    Duration cooldown) {

  public enum Direction {
    /** Scale out when the metric is greater than the threshold. */
    INCREASE,
    /** Scale in when the metric is less than the threshold. */
    DECREASE
  }

  public AutoscaleRule {
    if (changeCount < 1) {
      throw new IllegalArgumentException(
          "a rule changes capacity by at least 1, not " + changeCount);
    }
  }

  public boolean firesAt(double average) {
    return direction == Direction.INCREASE ? average > threshold : average < threshold;
  }
}
