package io.scalemesh.controlplane.discovery.azure;

import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.CloudAutoscale;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Azure Monitor autoscale setting of one scale set, read after each discovery of it. */
final class VmssAutoscaleSetting implements CloudAutoscale {
  private static final Logger LOG = LoggerFactory.getLogger(VmssAutoscaleSetting.class);

  private final String scaleSet;
  private final AutoscaleSettingReader reader;
  private final AutoscalePolicy configured;
  private final Clock clock;
  private volatile Optional<AutoscalePolicy> setting = Optional.empty();

  /** {@code configured} gives the bounds when the scale set has no setting. */
  VmssAutoscaleSetting(
      String scaleSet, AutoscaleSettingReader reader, AutoscalePolicy configured, Clock clock) {
    this.scaleSet = scaleSet;
    this.reader = reader;
    this.configured = configured;
    this.clock = clock;
  }

  /**
   * Its own failure: a Monitor fault must not hold back the instances, and keeps the last setting.
   */
  void refresh(String scaleSetId) {
    try {
      setting =
          Optional.of(
              reader
                  .read(scaleSetId, clock.instant())
                  .orElseGet(
                      () ->
                          new AutoscalePolicy(
                              false,
                              configured.minimum(),
                              configured.maximum(),
                              configured.defaultCapacity(),
                              configured.timeGrain(),
                              List.of())));
    } catch (RuntimeException e) {
      LOG.warn(
          "the autoscale setting of {} could not be read, keeping the last one: {}",
          scaleSet,
          AzureFailures.INSTANCE.describe(e));
    }
  }

  @Override
  public Optional<AutoscalePolicy> autoscaleSetting() {
    return setting;
  }
}
