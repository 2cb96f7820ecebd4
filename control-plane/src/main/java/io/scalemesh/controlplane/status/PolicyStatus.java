package io.scalemesh.controlplane.status;

import com.google.common.base.CaseFormat;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.AutoscaleRule;
import io.scalemesh.model.console.v1.AutoscaleRule.Direction;
import java.util.Optional;

/**
 * A scale set's autoscale policy as the console sees it: every rule, and the figures its gauges
 * draw.
 */
final class PolicyStatus {
  private PolicyStatus() {}

  static io.scalemesh.model.console.v1.AutoscalePolicy of(AutoscalePolicy policy) {
    Optional<AutoscaleRule> out =
        policy.rules(AutoscaleRule.Direction.INCREASE).stream().findFirst();
    Optional<AutoscaleRule> in =
        policy.rules(AutoscaleRule.Direction.DECREASE).stream().findFirst();
    io.scalemesh.model.console.v1.AutoscalePolicy.Builder status =
        io.scalemesh.model.console.v1.AutoscalePolicy.newBuilder()
            .setEnabled(policy.enabled())
            .setTimeGrainSeconds((int) policy.timeGrain().toSeconds())
            .setProfile(policy.profile());
    out.ifPresent(rule -> status.setScaleOutCpuPercent(rule.threshold()));
    in.ifPresent(rule -> status.setScaleInCpuPercent(rule.threshold()));
    out.or(() -> policy.rules().stream().findFirst())
        .ifPresent(
            rule ->
                status
                    .setTimeWindowSeconds((int) rule.timeWindow().toSeconds())
                    .setCooldownSeconds((int) rule.cooldown().toSeconds()));
    policy.rules().forEach(rule -> status.addRules(rule(rule)));
    return status.build();
  }

  private static io.scalemesh.model.console.v1.AutoscaleRule rule(AutoscaleRule rule) {
    return io.scalemesh.model.console.v1.AutoscaleRule.newBuilder()
        .setDirection(
            rule.direction() == AutoscaleRule.Direction.INCREASE
                ? Direction.DIRECTION_INCREASE
                : Direction.DIRECTION_DECREASE)
        // Azure's own word for it: GreaterThan, LessThanOrEqual, ...
        .setOperator(CaseFormat.UPPER_UNDERSCORE.to(CaseFormat.UPPER_CAMEL, rule.operator().name()))
        .setThreshold(rule.threshold())
        .setTimeGrainSeconds((int) rule.timeGrain().toSeconds())
        .setTimeWindowSeconds((int) rule.timeWindow().toSeconds())
        .setChangeCount(rule.changeCount())
        .setCooldownSeconds((int) rule.cooldown().toSeconds())
        .build();
  }
}
