package io.scalemesh.controlplane.config;

import io.scalemesh.controlplane.policy.AutoscalePolicy;
import java.time.Duration;

/**
 * Capacity bounds and the CPU autoscale rules of a scale set, as the Terraform module sets them
 * on Azure: out by {@code step} above {@code scaleOutAbove}, in by {@code step} below
 * {@code scaleInBelow}, averaged over {@code timeWindowMinutes}, then {@code cooldownMinutes}.
 * Every field has a default; {@code enabled: false} keeps the bounds for manual scaling only.
 */
public record AutoscaleConfig(Boolean enabled, Integer minimum, Integer maximum, Integer defaultCapacity,
    Double scaleOutAbove, Double scaleInBelow, Double timeWindowMinutes, Double timeGrainMinutes,
    Double cooldownMinutes, Integer step) {

  public static final AutoscaleConfig DEFAULT =
      new AutoscaleConfig(null, null, null, null, null, null, null, null, null, null);

  public AutoscaleConfig {
    enabled = enabled == null || enabled;
    minimum = minimum == null ? 1 : minimum;
    maximum = maximum == null ? 10 : maximum;
    defaultCapacity = defaultCapacity == null ? minimum : defaultCapacity;
    scaleOutAbove = scaleOutAbove == null ? 75.0 : scaleOutAbove;
    scaleInBelow = scaleInBelow == null ? 25.0 : scaleInBelow;
    timeWindowMinutes = timeWindowMinutes == null ? 5.0 : timeWindowMinutes;
    timeGrainMinutes = timeGrainMinutes == null ? 1.0 : timeGrainMinutes;
    cooldownMinutes = cooldownMinutes == null ? 1.0 : cooldownMinutes;
    step = step == null ? 1 : step;
    if (scaleInBelow >= scaleOutAbove) {
      throw new IllegalArgumentException("scale_in_below " + scaleInBelow + " must be under scale_out_above " + scaleOutAbove);
    }
    if (timeGrainMinutes < 1.0 / 60 || timeWindowMinutes < timeGrainMinutes || cooldownMinutes < 0 || step < 1) {
      throw new IllegalArgumentException("need time_grain_minutes >= 1/60, time_window_minutes >= the grain, "
          + "cooldown_minutes >= 0 and step >= 1");
    }
    // Building the policy checks the bounds, with one message for all of them.
    policy(enabled, minimum, maximum, defaultCapacity, scaleOutAbove, scaleInBelow, timeWindowMinutes,
        timeGrainMinutes, cooldownMinutes, step);
  }

  public AutoscalePolicy policy() {
    return policy(enabled, minimum, maximum, defaultCapacity, scaleOutAbove, scaleInBelow, timeWindowMinutes,
        timeGrainMinutes, cooldownMinutes, step);
  }

  private static AutoscalePolicy policy(boolean enabled, int minimum, int maximum, int defaultCapacity,
      double out, double in, double window, double grain, double cooldown, int step) {
    return AutoscalePolicy.cpuBand(enabled, minimum, maximum, defaultCapacity, out, in,
        minutes(window), minutes(grain), minutes(cooldown), step);
  }

  private static Duration minutes(double minutes) {
    return Duration.ofMillis(Math.round(minutes * 60_000));
  }
}
