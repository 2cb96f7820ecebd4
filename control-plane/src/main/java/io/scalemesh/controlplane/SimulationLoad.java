package io.scalemesh.controlplane;

import io.scalemesh.controlplane.config.DiscoveryConfig.SimulatedDiscovery;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.config.SimulationConfig;
import io.scalemesh.controlplane.simulation.LoadDriver;
import io.scalemesh.controlplane.time.ScaledClock;
import java.util.Optional;

/** Which service the demo's load driver calls, if it runs at all. */
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
}
