package io.scalemesh.controlplane.policy;

import java.time.Duration;
import java.util.List;

/**
 * A scale set's autoscale profile: capacity bounds and CPU rules, as Azure Monitor autoscale
 * settings have them.
 *
 * @param enabled false when the scale set has no autoscale setting (bounds still apply to manual
 *     scaling)
 * @param minimum the lowest capacity
 * @param maximum the highest capacity
 * @param defaultCapacity the capacity to use when the metric cannot be read
 * @param timeGrain how often CPU is sampled
 * @param rules the rules, scale-out and scale-in
 * @param profile the name of the cloud's profile these come from; empty for the configuration's
 */
public record AutoscalePolicy(
    boolean enabled,
    int minimum,
    int maximum,
    int defaultCapacity,
    Duration timeGrain,
    List<AutoscaleRule> rules,
    String profile) {

  /** A policy of the configuration's, not of a cloud profile. */
  public AutoscalePolicy(
      boolean enabled,
      int minimum,
      int maximum,
      int defaultCapacity,
      Duration timeGrain,
      List<AutoscaleRule> rules) {
    this(enabled, minimum, maximum, defaultCapacity, timeGrain, rules, "");
  }

  public AutoscalePolicy {
    if (minimum < 0
        || maximum < minimum
        || defaultCapacity < minimum
        || defaultCapacity > maximum) {
      throw new IllegalArgumentException(
          "capacity bounds must satisfy 0 <= minimum <= default <= maximum, got "
              + minimum
              + " <= "
              + defaultCapacity
              + " <= "
              + maximum);
    }
    rules = List.copyOf(rules);
  }

  /**
   * The two rules of Scalemesh's Terraform module: out by {@code step} above, in by {@code step}
   * below.
   */
  public static AutoscalePolicy cpuBand(
      int minimum,
      int maximum,
      int defaultCapacity,
      double scaleOutAbove,
      double scaleInBelow,
      Duration timeWindow,
      Duration timeGrain,
      Duration cooldown,
      int step) {
    return cpuBand(
        true,
        minimum,
        maximum,
        defaultCapacity,
        scaleOutAbove,
        scaleInBelow,
        timeWindow,
        timeGrain,
        cooldown,
        step);
  }

  /** The same rules, switched on or off. */
  public static AutoscalePolicy cpuBand(
      boolean enabled,
      int minimum,
      int maximum,
      int defaultCapacity,
      double scaleOutAbove,
      double scaleInBelow,
      Duration timeWindow,
      Duration timeGrain,
      Duration cooldown,
      int step) {
    return new AutoscalePolicy(
        enabled,
        minimum,
        maximum,
        defaultCapacity,
        timeGrain,
        List.of(
            AutoscaleRule.band(
                AutoscaleRule.Direction.INCREASE,
                scaleOutAbove,
                timeGrain,
                timeWindow,
                step,
                cooldown),
            AutoscaleRule.band(
                AutoscaleRule.Direction.DECREASE,
                scaleInBelow,
                timeGrain,
                timeWindow,
                step,
                cooldown)));
  }

  /** The same bounds and rules, switched off. */
  public AutoscalePolicy disabled() {
    return new AutoscalePolicy(false, minimum, maximum, defaultCapacity, timeGrain, rules, profile);
  }

  public boolean allows(int capacity) {
    return capacity >= minimum && capacity <= maximum;
  }

  public List<AutoscaleRule> rules(AutoscaleRule.Direction direction) {
    return rules.stream().filter(rule -> rule.direction() == direction).toList();
  }
}
