package io.scalemesh.controlplane.policy;

import java.time.Duration;

/**
 * One Azure Monitor autoscale rule on average CPU, as Azure Monitor has it: when the metric,
 * aggregated per {@code timeGrain} and averaged over {@code timeWindow}, compares to {@code
 * threshold} as {@code operator} says, change capacity by {@code changeCount} in {@code direction},
 * then wait {@code cooldown}. The operator and the direction are separate: a rule may decrease
 * capacity when CPU is greater than its threshold.
 */
public record AutoscaleRule(
    Direction direction,
    Operator operator,
    double threshold,
    Duration timeGrain,
    Duration timeWindow,
    int changeCount,
    Duration cooldown) {

  public enum Direction {
    /** Scale out. */
    INCREASE,
    /** Scale in. */
    DECREASE
  }

  /** How the metric compares to the threshold for the rule to fire. */
  public enum Operator {
    GREATER_THAN,
    GREATER_THAN_OR_EQUAL,
    LESS_THAN,
    LESS_THAN_OR_EQUAL,
    EQUALS,
    NOT_EQUALS
  }

  public AutoscaleRule {
    if (changeCount < 1) {
      throw new IllegalArgumentException(
          "a rule changes capacity by at least 1, not " + changeCount);
    }
  }

  /** Scalemesh's own rules (the Terraform module's): out above a threshold, in below one. */
  public static AutoscaleRule band(
      Direction direction,
      double threshold,
      Duration timeGrain,
      Duration timeWindow,
      int changeCount,
      Duration cooldown) {
    return new AutoscaleRule(
        direction,
        direction == Direction.INCREASE ? Operator.GREATER_THAN : Operator.LESS_THAN,
        threshold,
        timeGrain,
        timeWindow,
        changeCount,
        cooldown);
  }

  public boolean firesAt(double average) {
    return switch (operator) {
      case GREATER_THAN -> average > threshold;
      case GREATER_THAN_OR_EQUAL -> average >= threshold;
      case LESS_THAN -> average < threshold;
      case LESS_THAN_OR_EQUAL -> average <= threshold;
      case EQUALS -> average == threshold;
      case NOT_EQUALS -> average != threshold;
    };
  }
}
