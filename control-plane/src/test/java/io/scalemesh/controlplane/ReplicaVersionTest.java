package io.scalemesh.controlplane;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.publish.Published;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions come from content, so replicas (and restarts) agree without talking to each other. */
class ReplicaVersionTest {
  @TempDir Path dir;

  @Test
  void twoControlPlanesOverTheSameInventoryPublishTheSameVersion() {
    ManualSource first = new ManualSource("backend");
    ManualSource second = new ManualSource("backend");
    try (ControlPlane a = first.plane(dir);
        ControlPlane b = second.plane(dir)) {
      // The same instances, reported in a different order and at different times.
      first.report(List.of(vm(1), vm(2), vm(3, InstanceState.BOOTING)));
      second.report(List.of(vm(3, InstanceState.BOOTING), vm(1), vm(2)));

      String versionA = awaitVersion(a);
      assertThat(awaitVersion(b)).isEqualTo(versionA);

      second.report(List.of(vm(1), vm(2), vm(3)));
      await().until(() -> !awaitVersion(b).equals(versionA));
    }
  }

  @Test
  void aRestartPublishesTheSameVersionForTheSameInventory() {
    String before;
    ManualSource beforeRestart = new ManualSource("backend");
    try (ControlPlane plane = beforeRestart.plane(dir)) {
      beforeRestart.report(List.of(vm(1), vm(2), vm(3, InstanceState.DRAINING)));
      before = awaitVersion(plane);
    }

    ManualSource afterRestart = new ManualSource("backend");
    try (ControlPlane plane = afterRestart.plane(dir)) {
      assertThat(plane.publisher().current()).as("published before the first discovery").isEmpty();
      afterRestart.report(List.of(vm(3, InstanceState.DRAINING), vm(2), vm(1)));
      assertThat(awaitVersion(plane)).isEqualTo(before);
    }
  }

  @Test
  void anXdsClientThatMovesToTheOtherReplicaKeepsItsEndpointsAndVersion() throws Exception {
    ManualSource first = new ManualSource("backend");
    ManualSource second = new ManualSource("backend");
    try (ControlPlane a = first.plane(dir);
        ControlPlane b = second.plane(dir)) {
      first.report(List.of(vm(1), vm(2), vm(3)));
      second.report(List.of(vm(3), vm(2), vm(1)));
      Map<String, HealthStatus> fromA;
      String versionA;
      try (AdsSubscriber client = AdsSubscriber.endpointsOf(a.xdsPort(), "backend")) {
        await().until(() -> client.endpoints().size() == 3);
        fromA = client.endpoints();
        versionA = client.endpointsVersion();
      }

      // A goes away; the client reconnects to B, as behind a load balancer.
      try (AdsSubscriber client = AdsSubscriber.endpointsOf(b.xdsPort(), "backend")) {
        await().until(() -> !client.endpointsVersion().isEmpty());
        assertThat(client.endpointsVersion())
            .as("no version change, let alone a regression")
            .isEqualTo(versionA);
        assertThat(client.endpoints()).isEqualTo(fromA);

        second.report(List.of(vm(1), vm(2), vm(3), vm(4)));
        await().until(() -> client.endpoints().size() == 4);
        assertThat(client.endpointsVersion()).isNotEqualTo(versionA);
      }
    }
  }

  private static String awaitVersion(ControlPlane plane) {
    await().until(() -> plane.publisher().current().isPresent());
    return plane.publisher().current().map(Published::state).orElseThrow().version();
  }
}
