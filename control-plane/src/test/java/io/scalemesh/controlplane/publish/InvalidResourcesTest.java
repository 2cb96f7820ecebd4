package io.scalemesh.controlplane.publish;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.WatchRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mesh state whose resources break Envoy's rules is never served: the publish fails loudly (the
 * log, /metrics, an event in the status stream), proxies keep the last valid version, and the next
 * valid state is published as usual.
 */
class InvalidResourcesTest {
  /** Sources report "" for what they do not know; Envoy refuses an endpoint without an address. */
  private static final Instance WITHOUT_ADDRESS =
      new Instance(
          "vm-9", "9", "", "", 8080, "1", InstanceState.READY, "Succeeded", "running", "Healthy");

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualSource source = new ManualSource("backend");
  private ControlPlane plane;
  private AdsSubscriber xds;
  private ManagedChannel console;

  @BeforeEach
  void start() {
    plane =
        teardown.add(
            ControlPlane.startWith(
                TestConfigs.fromYaml(
                    dir,
                    """
        console_api:
          tokens: [{identity: watcher, role: viewer, sha256: %s}]
        services:
          - name: backend
            discovery: {kind: simulated}
        """
                        .formatted(sha("viewer-token"))),
                List.of(source.capabilities()),
                Clock.systemUTC()));
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), "backend"));
    console = teardown.plaintextChannel(plane.consoleApiPort());
  }

  @Test
  void anInvalidStateIsRefusedLoudlyAndTheLastValidOneStays() throws Exception {
    source.report(List.of(vm(1), vm(2)));
    await().until(() -> xds.endpoints().size() == 2);
    String valid = xds.endpointsVersion();
    String published = plane.publisher().current().orElseThrow().state().version();

    source.report(List.of(vm(1), vm(2), WITHOUT_ADDRESS));

    await()
        .until(
            () ->
                TestHttp.metrics(plane)
                    .contains(
                        "scalemesh_xds_invalid_resources_total{type=\"ClusterLoadAssignment\"} 1.0"));
    assertThat(events())
        .anySatisfy(
            event -> {
              assertThat(event.getKind()).isEqualTo(EventKind.EVENT_KIND_INVALID_RESOURCES);
              assertThat(event.getMessage())
                  .contains("ClusterLoadAssignment 'backend'", "SocketAddress.address");
            });
    // A failed refresh changes the inventory, so the publisher decides again: the same state.
    source.fail("a passing fault");
    await()
        .until(
            () ->
                TestHttp.metrics(plane)
                    .contains("scalemesh_discovery_refreshes_total{outcome=\"error\""));
    Thread.sleep(1_500); // time enough for a retry loop to show, if there were one
    assertThat(xds.endpointsVersion()).isEqualTo(valid);
    assertThat(xds.endpoints()).containsOnlyKeys("10.0.0.1:8080", "10.0.0.2:8080");
    assertThat(plane.publisher().current().orElseThrow().state().version()).isEqualTo(published);
    assertThat(TestHttp.metrics(plane))
        .as("said once, not once per retry")
        .contains("scalemesh_xds_invalid_resources_total{type=\"ClusterLoadAssignment\"} 1.0");

    source.report(List.of(vm(1), vm(2), vm(3)));

    await().until(() -> xds.endpoints().size() == 3);
  }

  private List<io.scalemesh.model.console.v1.Event> events() {
    return ConsoleGrpc.newBlockingStub(console)
        .withCallCredentials(bearer("viewer-token"))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .watch(WatchRequest.getDefaultInstance())
        .next()
        .getHistory()
        .getEventsList();
  }
}
