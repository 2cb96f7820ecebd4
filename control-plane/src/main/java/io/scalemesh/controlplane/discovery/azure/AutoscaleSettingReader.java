package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.monitor.fluent.models.AutoscaleProfileInner;
import com.azure.resourcemanager.monitor.fluent.models.AutoscaleSettingResourceInner;
import com.azure.resourcemanager.monitor.fluent.models.ScaleRuleInner;
import com.azure.resourcemanager.monitor.models.ComparisonOperationType;
import com.azure.resourcemanager.monitor.models.MetricTrigger;
import com.azure.resourcemanager.monitor.models.ScaleType;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.AutoscaleRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Azure Monitor autoscale setting that targets a scale set (one list of the resource
 * group's settings), as a policy the console can show: its default profile's bounds and its
 * "Percentage CPU" rules that change the count by a fixed number.
 */
final class AutoscaleSettingReader {
  private static final String CPU = "Percentage CPU";

  private final AzureSession azure;
  private final String resourceGroup;

  AutoscaleSettingReader(AzureSession azure, String resourceGroup) {
    this.azure = azure;
    this.resourceGroup = resourceGroup;
  }

  /** The setting that targets {@code scaleSetId}, or empty when there is none. */
  Optional<AutoscalePolicy> read(String scaleSetId) {
    return Pages.all(
            azure
                .monitor()
                .serviceClient()
                .getAutoscaleSettings()
                .listByResourceGroup(resourceGroup))
        .stream()
        .filter(setting -> scaleSetId.equalsIgnoreCase(setting.targetResourceUri()))
        .findFirst()
        .flatMap(AutoscaleSettingReader::policy);
  }

  private static Optional<AutoscalePolicy> policy(AutoscaleSettingResourceInner setting) {
    if (setting.profiles() == null || setting.profiles().isEmpty()) {
      return Optional.empty();
    }
    // The default profile is the one without a schedule; Azure applies it outside any scheduled
    // one.
    AutoscaleProfileInner profile =
        setting.profiles().stream()
            .filter(p -> p.fixedDate() == null && p.recurrence() == null)
            .findFirst()
            .orElse(setting.profiles().getFirst());
    List<AutoscaleRule> rules = new ArrayList<>();
    Duration grain = Duration.ofMinutes(1);
    for (ScaleRuleInner rule :
        profile.rules() == null ? List.<ScaleRuleInner>of() : profile.rules()) {
      MetricTrigger trigger = rule.metricTrigger();
      if (trigger == null
          || !CPU.equalsIgnoreCase(trigger.metricName())
          || rule.scaleAction() == null
          || !ScaleType.CHANGE_COUNT.equals(rule.scaleAction().type())) {
        continue;
      }
      boolean out =
          ComparisonOperationType.GREATER_THAN.equals(trigger.operator())
              || ComparisonOperationType.GREATER_THAN_OR_EQUAL.equals(trigger.operator());
      rules.add(
          new AutoscaleRule(
              out ? AutoscaleRule.Direction.INCREASE : AutoscaleRule.Direction.DECREASE,
              trigger.threshold(),
              trigger.timeWindow(),
              Integer.parseInt(rule.scaleAction().value()),
              rule.scaleAction().cooldown()));
      grain = trigger.timeGrain() == null ? grain : trigger.timeGrain();
    }
    return Optional.of(
        new AutoscalePolicy(
            !Boolean.FALSE.equals(setting.enabled()),
            Integer.parseInt(profile.capacity().minimum()),
            Integer.parseInt(profile.capacity().maximum()),
            Integer.parseInt(profile.capacity().defaultProperty()),
            grain,
            rules));
  }
}
