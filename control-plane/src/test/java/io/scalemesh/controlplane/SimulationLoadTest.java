package io.scalemesh.controlplane;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimulationLoadTest {
  private final AtomicInteger starts = new AtomicInteger();
  private final PublishListener listener =
      SimulationLoad.startOnceReady("backend", starts::incrementAndGet);

  /**
   * Before, the demo's calls began with the control plane and failed until an instance was ready
   * (122 of the first 2,013 on a run of ./run demo): failures that tell nothing about scaling.
   */
  @Test
  void theLoadBeginsOnlyOnceTheServiceIsPublishedWithAReadyInstanceAndOnlyOnce() {
    publish(service("backend", vm(1, InstanceState.BOOTING)), service("frontend", vm(2)));
    assertThat(starts).hasValue(0);

    publish(service("backend", vm(1)));
    assertThat(starts).hasValue(1);

    publish(service("backend", vm(1, InstanceState.DRAINING)));
    publish(service("backend", vm(1), vm(3)));
    assertThat(starts).hasValue(1);
  }

  private void publish(MeshState.Service... services) {
    listener.published(
        Optional.empty(), new Published(MeshState.of(List.of(services)), Instant.EPOCH));
  }

  private static MeshState.Service service(String name, Instance... instances) {
    return new MeshState.Service(
        new ServiceSpec(name, BackendProtocol.GRPC, ""), List.of(instances));
  }
}
