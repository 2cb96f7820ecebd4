package io.scalemesh.controlplane.autoscale;

import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.AutoscaleRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Azure Monitor autoscale semantics, as a pure function:
 *
 * <ul>
 *   <li>capacity outside the profile's bounds is brought back inside them first;
 *   <li>nothing happens while a cooldown runs, or without samples in a rule's time window;
 *   <li>any scale-out rule that fires scales out, and the largest result wins;
 *   <li>scale-in needs every scale-in rule to fire, and the smallest decrease wins;
 *   <li>flapping protection: a scale-in is reduced, or skipped, when the average projected onto the
 *       smaller capacity would cross a scale-out threshold and undo it at once.
 * </ul>
 */
public final class AutoscaleEvaluator {
  private AutoscaleEvaluator() {}

  public static Optional<AutoscaleDecision> evaluate(
      AutoscalePolicy policy,
      List<CpuSample> samples,
      int capacity,
      Instant now,
      Instant cooldownUntil) {
    if (!policy.enabled()) {
      return Optional.empty();
    }
    if (capacity < policy.minimum()) {
      return Optional.of(
          new AutoscaleDecision(
              policy.minimum(), "below the minimum of " + policy.minimum(), Duration.ZERO));
    }
    if (capacity > policy.maximum()) {
      return Optional.of(
          new AutoscaleDecision(
              policy.maximum(), "above the maximum of " + policy.maximum(), Duration.ZERO));
    }
    if (now.isBefore(cooldownUntil)) {
      return Optional.empty();
    }
    Optional<AutoscaleDecision> out = scaleOut(policy, samples, capacity, now);
    return out.isPresent() ? out : scaleIn(policy, samples, capacity, now);
  }

  private static Optional<AutoscaleDecision> scaleOut(
      AutoscalePolicy policy, List<CpuSample> samples, int capacity, Instant now) {
    Optional<AutoscaleDecision> best = Optional.empty();
    for (AutoscaleRule rule : policy.rules(AutoscaleRule.Direction.INCREASE)) {
      OptionalDouble average = average(samples, now, rule.timeWindow());
      if (average.isPresent() && rule.firesAt(average.getAsDouble())) {
        int target = Math.min(policy.maximum(), capacity + rule.changeCount());
        if (target > capacity && (best.isEmpty() || target > best.get().capacity())) {
          best =
              Optional.of(
                  new AutoscaleDecision(
                      target, describe(average.getAsDouble(), rule), rule.cooldown()));
        }
      }
    }
    return best;
  }

  private static Optional<AutoscaleDecision> scaleIn(
      AutoscalePolicy policy, List<CpuSample> samples, int capacity, Instant now) {
    List<AutoscaleRule> rules = policy.rules(AutoscaleRule.Direction.DECREASE);
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    AutoscaleDecision smallest = null;
    for (AutoscaleRule rule : rules) {
      OptionalDouble average = average(samples, now, rule.timeWindow());
      if (average.isEmpty() || !rule.firesAt(average.getAsDouble())) {
        return Optional.empty();
      }
      int target = Math.max(policy.minimum(), capacity - rule.changeCount());
      if (smallest == null || target > smallest.capacity()) {
        smallest =
            new AutoscaleDecision(target, describe(average.getAsDouble(), rule), rule.cooldown());
      }
    }
    return withoutFlapping(policy, samples, capacity, now, smallest);
  }

  /**
   * The largest decrease, no larger than asked, whose projected average stays under every scale-out
   * threshold.
   */
  private static Optional<AutoscaleDecision> withoutFlapping(
      AutoscalePolicy policy,
      List<CpuSample> samples,
      int capacity,
      Instant now,
      AutoscaleDecision asked) {
    for (int target = asked.capacity(); target < capacity; target++) {
      if (!wouldFlap(policy, samples, capacity, target, now)) {
        return Optional.of(
            target == asked.capacity()
                ? asked
                : new AutoscaleDecision(
                    target, asked.reason() + " (reduced to avoid flapping)", asked.cooldown()));
      }
    }
    return Optional.empty();
  }

  private static boolean wouldFlap(
      AutoscalePolicy policy, List<CpuSample> samples, int capacity, int target, Instant now) {
    for (AutoscaleRule out : policy.rules(AutoscaleRule.Direction.INCREASE)) {
      OptionalDouble average = average(samples, now, out.timeWindow());
      if (average.isPresent() && out.firesAt(average.getAsDouble() * capacity / target)) {
        return true;
      }
    }
    return false;
  }

  /** The average of the samples in (now - window, now]; empty when there are none. */
  static OptionalDouble average(List<CpuSample> samples, Instant now, Duration window) {
    Instant from = now.minus(window);
    return samples.stream()
        .filter(sample -> sample.at().isAfter(from) && !sample.at().isAfter(now))
        .mapToDouble(CpuSample::average)
        .average();
  }

  private static String describe(double average, AutoscaleRule rule) {
    return "average CPU %.1f%% over %d min is %s %.0f%%"
        .formatted(
            average, rule.timeWindow().toMinutes(), compared(rule.operator()), rule.threshold());
  }

  private static String compared(AutoscaleRule.Operator operator) {
    return switch (operator) {
      case GREATER_THAN -> "above";
      case GREATER_THAN_OR_EQUAL -> "at or above";
      case LESS_THAN -> "below";
      case LESS_THAN_OR_EQUAL -> "at or below";
      case EQUALS -> "at";
      case NOT_EQUALS -> "not at";
    };
  }
}
