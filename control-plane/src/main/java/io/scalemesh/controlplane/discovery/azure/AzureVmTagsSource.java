package io.scalemesh.controlplane.discovery.azure;

import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmTagsDiscovery;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/** Standalone Azure VMs that carry a tag, reported as one scale set. */
public final class AzureVmTagsSource implements DiscoverySource {
  private final String scaleSet;
  private final RefreshLoop loop;

  public AzureVmTagsSource(String scaleSet, AzureVmTagsDiscovery config, AzureSession azure, Clock clock) {
    this.scaleSet = scaleSet;
    TaggedVmReader reader = new TaggedVmReader(azure, Optional.ofNullable(config.resourceGroup()),
        config.tagKey(), config.tagValue(), config.port());
    this.loop = new RefreshLoop(scaleSet, config.refresh(), reader::read, clock);
  }

  @Override
  public String scaleSet() {
    return scaleSet;
  }

  @Override
  public void start(Consumer<DiscoveryReport> reports) {
    loop.start(reports);
  }

  @Override
  public void close() {
    loop.close();
  }
}
