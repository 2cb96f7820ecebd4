package io.scalemesh.controlplane.xds;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.FreePorts;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.xds.client.ProxylessChannels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-java's xDS client across a control-plane restart. It reconnects before the restarted control
 * plane publishes, asking for the versions it holds; the restarted control plane then publishes
 * those very versions (they come from content) and so sends nothing. The client holds what is
 * published and must show so.
 */
class ReconnectSyncTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  @Test
  void aClientThatReconnectsWithTheVersionThenPublishedIsInSyncWithEveryTypeAcknowledged()
      throws Exception {
    Map<String, String> port = Map.of("xds.port", Integer.toString(FreePorts.one()));
    List<Instance> fleet = List.of(vm(1), vm(2), vm(3));

    Map<String, String> held;
    ManualSource before = new ManualSource("backend");
    ControlPlane first = before.plane(dir, port);
    ManagedChannel channel =
        teardown.add(
            ProxylessChannels.channel("backend", "127.0.0.1", first.xdsPort(), "restart-client"));
    try (first) {
      before.report(fleet);
      channel.getState(true); // leaves idle: the client subscribes
      await().atMost(Duration.ofSeconds(30)).until(() -> inSync(first));
      held = first.proxies().getFirst().ackedVersions();
      assertThat(held).containsOnlyKeys("Listener", "Cluster", "ClusterLoadAssignment");
    }

    ManualSource after = new ManualSource("backend");
    ControlPlane second = teardown.add(after.plane(dir, port));
    await().atMost(Duration.ofSeconds(30)).until(() -> !second.proxies().isEmpty());
    assertThat(second.proxies().getFirst().inSync()).as("nothing published yet").isFalse();

    after.report(fleet);

    await().atMost(Duration.ofSeconds(30)).until(() -> inSync(second));
    assertThat(second.proxies().getFirst().ackedVersions()).isEqualTo(held);
  }

  private static boolean inSync(ControlPlane plane) {
    List<ProxyStatus> proxies = plane.proxies();
    return proxies.size() == 1 && proxies.getFirst().inSync();
  }
}
