package io.scalemesh.controlplane.discovery.azure;

import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmTagsDiscovery;
import io.scalemesh.controlplane.discovery.PollingLoop;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import java.time.Clock;
import java.util.Optional;

/**
 * The azure-vm-tags kind: standalone Azure VMs that carry a tag, polled as one service; it only
 * discovers.
 */
public final class AzureVmTags {
  private AzureVmTags() {}

  public static ServiceCapabilities capabilities(
      String service, AzureVmTagsDiscovery config, AzureSession azure, Clock clock) {
    TaggedVmReader reader =
        new TaggedVmReader(
            azure,
            Optional.ofNullable(config.resourceGroup()),
            config.tagKey(),
            config.tagValue(),
            config.port());
    return ServiceCapabilities.discoveryOnly(
        new PollingLoop(service, config.refresh(), reader::read, AzureFailures.INSTANCE, clock));
  }
}
