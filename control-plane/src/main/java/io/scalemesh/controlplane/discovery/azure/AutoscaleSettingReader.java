package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.monitor.fluent.models.AutoscaleProfileInner;
import com.azure.resourcemanager.monitor.fluent.models.AutoscaleSettingResourceInner;
import com.azure.resourcemanager.monitor.fluent.models.ScaleRuleInner;
import com.azure.resourcemanager.monitor.models.MetricTrigger;
import com.azure.resourcemanager.monitor.models.ScaleDirection;
import com.azure.resourcemanager.monitor.models.ScaleType;
import com.google.common.base.CaseFormat;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.AutoscaleRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Azure Monitor autoscale setting that targets a scale set (one list of the resource
 * group's settings) as a policy the console can show: the bounds of the profile Azure applies now,
 * and its "Percentage CPU" rules that change the count by a number, each as Azure has it (its own
 * direction, operator, grain, window and cooldown).
 */
final class AutoscaleSettingReader {
  private static final Logger LOG = LoggerFactory.getLogger(AutoscaleSettingReader.class);
  private static final String CPU = "Percentage CPU";

  private final AzureSession azure;
  private final String resourceGroup;

  AutoscaleSettingReader(AzureSession azure, String resourceGroup) {
    this.azure = azure;
    this.resourceGroup = resourceGroup;
  }

  /**
   * The setting that targets {@code scaleSetId} as it applies at {@code now}; empty when there is
   * none.
   */
  Optional<AutoscalePolicy> read(String scaleSetId, Instant now) {
    return Pages.all(
            azure
                .monitor()
                .serviceClient()
                .getAutoscaleSettings()
                .listByResourceGroup(resourceGroup))
        .stream()
        .filter(setting -> scaleSetId.equalsIgnoreCase(setting.targetResourceUri()))
        .findFirst()
        .flatMap(setting -> policy(setting, now));
  }

  static Optional<AutoscalePolicy> policy(AutoscaleSettingResourceInner setting, Instant now) {
    Optional<AutoscaleProfileInner> inForce =
        AutoscaleProfiles.inForceAt(
            setting.profiles() == null ? List.of() : setting.profiles(), now);
    if (inForce.isEmpty()) {
      return Optional.empty();
    }
    AutoscaleProfileInner profile = inForce.get();
    List<AutoscaleRule> rules = new ArrayList<>();
    for (ScaleRuleInner rule :
        profile.rules() == null ? List.<ScaleRuleInner>of() : profile.rules()) {
      rule(rule)
          .ifPresentOrElse(
              rules::add,
              () ->
                  LOG.debug(
                      "autoscale setting {}: a rule Scalemesh does "
                          + "not model (not a CPU ChangeCount rule) is left out of what the console shows",
                      setting.name()));
    }
    Duration grain =
        rules.stream()
            .map(AutoscaleRule::timeGrain)
            .min(Duration::compareTo)
            .orElse(Duration.ofMinutes(1));
    return Optional.of(
        new AutoscalePolicy(
            !Boolean.FALSE.equals(setting.enabled()),
            Integer.parseInt(profile.capacity().minimum()),
            Integer.parseInt(profile.capacity().maximum()),
            Integer.parseInt(profile.capacity().defaultProperty()),
            grain,
            rules,
            profile.name()));
  }

  /**
   * A CPU rule that changes the count, with the direction its scale action says, not its operator.
   */
  private static Optional<AutoscaleRule> rule(ScaleRuleInner rule) {
    MetricTrigger trigger = rule.metricTrigger();
    if (trigger == null
        || !CPU.equalsIgnoreCase(trigger.metricName())
        || rule.scaleAction() == null
        || !ScaleType.CHANGE_COUNT.equals(rule.scaleAction().type())
        || ScaleDirection.NONE.equals(rule.scaleAction().direction())
        || trigger.operator() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new AutoscaleRule(
            ScaleDirection.INCREASE.equals(rule.scaleAction().direction())
                ? AutoscaleRule.Direction.INCREASE
                : AutoscaleRule.Direction.DECREASE,
            AutoscaleRule.Operator.valueOf(
                CaseFormat.UPPER_CAMEL.to(
                    CaseFormat.UPPER_UNDERSCORE, trigger.operator().toString())),
            trigger.threshold(),
            trigger.timeGrain(),
            trigger.timeWindow(),
            Integer.parseInt(rule.scaleAction().value()),
            rule.scaleAction().cooldown()));
  }
}
