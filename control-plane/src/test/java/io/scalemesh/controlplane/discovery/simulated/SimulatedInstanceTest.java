package io.scalemesh.controlplane.discovery.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import org.junit.jupiter.api.Test;

class SimulatedInstanceTest {
  /**
   * Found by the soak: between its server stopping and its removal, a report failed the whole
   * refresh.
   */
  @Test
  void aStoppedInstanceCanStillBeReported() {
    SimulatedInstance instance = new SimulatedInstance("backend", 7, "127.0.0.1");
    Instance running = instance.describe("127.0.0.1");
    instance.startDraining();
    instance.stop();

    Instance stopped = instance.describe("127.0.0.1");

    assertThat(stopped.port()).isEqualTo(running.port());
    assertThat(stopped.state()).isEqualTo(InstanceState.DRAINING);
  }
}
