package io.scalemesh.controlplane;

import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmTagsDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmssDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.ConsulDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.SimulatedDiscovery;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.discovery.azure.AzureSession;
import io.scalemesh.controlplane.discovery.azure.AzureVmTags;
import io.scalemesh.controlplane.discovery.azure.AzureVmss;
import io.scalemesh.controlplane.discovery.consul.ConsulSource;
import io.scalemesh.controlplane.discovery.simulated.SimulatedScaleSet;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.time.ScaledClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The registry of discovery kinds: each configured kind (a subtype of the sealed DiscoveryConfig)
 * and what binds its capabilities. A new kind is a package of its own and one line here.
 */
final class DiscoveryKinds {
  private DiscoveryKinds() {}

  static List<ServiceCapabilities> bind(
      ScalemeshConfig config, ScaledClock clock, ControlPlaneMetrics metrics) {
    // One Azure session for all Azure services, and none at all without them.
    Supplier<AzureSession> azure =
        memoize(
            () ->
                AzureSession.connect(
                    config.azure(),
                    AzureSession.credential(config.azure()),
                    metrics::azureResponse));
    return config.services().stream().map(service -> bind(config, service, azure, clock)).toList();
  }

  private static ServiceCapabilities bind(
      ScalemeshConfig config,
      ServiceConfig service,
      Supplier<AzureSession> azure,
      ScaledClock clock) {
    return switch (service.discovery()) {
      case SimulatedDiscovery simulated ->
          new SimulatedScaleSet(
                  service.name(),
                  simulated.capacity(),
                  simulated.address(),
                  simulated.bootTime(),
                  simulated.drainTime(),
                  simulated.cpuCapacity(),
                  clock)
              .failingCalls(simulated.failCalls())
              .capabilities();
      case AzureVmssDiscovery vmss ->
          AzureVmss.capabilities(
              service.name(), vmss, azure.get(), service.autoscale().policy(), clock);
      case AzureVmTagsDiscovery tagged ->
          AzureVmTags.capabilities(service.name(), tagged, azure.get(), clock);
      case ConsulDiscovery consul ->
          ConsulSource.capabilities(service.name(), consul, config.consul(), clock);
    };
  }

  private static <T> Supplier<T> memoize(Supplier<T> create) {
    AtomicReference<T> made = new AtomicReference<>();
    return () -> made.updateAndGet(existing -> existing != null ? existing : create.get());
  }
}
