package io.scalemesh.controlplane;

import io.scalemesh.controlplane.config.DiscoveryConfig.SimulatedDiscovery;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.config.SimulationConfig;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.controlplane.simulation.LoadDriver;
import io.scalemesh.controlplane.time.ScaledClock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Which service the demo's load driver calls, if it runs at all, and when it begins. */
final class SimulationLoad {
  private SimulationLoad() {}

  static Optional<LoadDriver> driverFor(ScalemeshConfig config, int xdsPort, ScaledClock clock) {
    SimulationConfig.Load load = config.simulation().load();
    if (!load.enabled()) {
      return Optional.empty();
    }
    String service =
        Optional.ofNullable(load.service())
            .orElseGet(
                () ->
                    config.services().stream()
                        .filter(s -> s.discovery() instanceof SimulatedDiscovery)
                        .map(ServiceConfig::name)
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "simulation.load needs a simulated service to call")));
    String host = config.xds().address().equals("0.0.0.0") ? "127.0.0.1" : config.xds().address();
    return Optional.of(new LoadDriver(service, host, xdsPort, load, clock));
  }

  /**
   * Runs {@code start} once {@code service} is first published with a ready instance. Until then a
   * client has no endpoint and every call fails for want of one (in the demo, the first second or
   * so: over a hundred calls), which tells nothing about scaling; from then on, every failure is
   * the mesh's, and the driver tells it.
   */
  static PublishListener startOnceReady(String service, Runnable start) {
    AtomicBoolean started = new AtomicBoolean();
    return new PublishListener() {
      @Override
      public void published(Optional<Published> previous, Published next) {
        boolean ready =
            next.state().services().stream()
                .filter(published -> published.spec().name().equals(service))
                .flatMap(published -> published.instances().stream())
                .anyMatch(instance -> instance.state() == InstanceState.READY);
        if (ready && started.compareAndSet(false, true)) {
          start.run();
        }
      }
    };
  }
}
