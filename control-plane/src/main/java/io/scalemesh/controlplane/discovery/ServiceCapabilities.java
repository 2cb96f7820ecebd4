package io.scalemesh.controlplane.discovery;

import io.scalemesh.controlplane.autoscale.CpuSource;
import io.scalemesh.controlplane.faults.CallFailures;
import io.scalemesh.controlplane.policy.CloudAutoscale;
import io.scalemesh.controlplane.scale.ScaleController;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one service's discovery kind can do, each capability its own object: it always discovers
 * instances; a kind may also change capacity, measure CPU, read the autoscale setting the cloud
 * applies, read early when the cloud's change events say so, and (the simulation, for demos) make
 * an instance fail calls. This is the whole contract of a discovery kind: nothing asks a source
 * what else it is.
 */
public record ServiceCapabilities(
    DiscoverySource discovery,
    Optional<ScaleController> scaler,
    Optional<CpuSource> cpu,
    Optional<CloudAutoscale> cloudAutoscale,
    Optional<ChangeHints> changeHints,
    Optional<CallFailures> callFailures)
    implements AutoCloseable {

  /** A kind that only discovers (tagged VMs, Consul, a test's source). */
  public static ServiceCapabilities discoveryOnly(DiscoverySource discovery) {
    return new ServiceCapabilities(
        discovery,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public String service() {
    return discovery.service();
  }

  /** Stops discovery, then whatever else of the kind holds threads or connections. */
  @Override
  public void close() {
    discovery.close();
    Stream.of(scaler, cpu, cloudAutoscale)
        .flatMap(Optional::stream)
        .distinct()
        .filter(capability -> capability != discovery && capability instanceof AutoCloseable)
        .forEach(
            capability -> {
              try {
                ((AutoCloseable) capability).close();
              } catch (Exception e) {
                // Closing the rest matters more than why one would not close.
              }
            });
  }
}
