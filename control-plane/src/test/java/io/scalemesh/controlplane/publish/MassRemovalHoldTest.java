package io.scalemesh.controlplane.publish;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.WatchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that suddenly reports most of a scale set gone, in a running control plane: xDS keeps
 * the vanished instances, the status stream and /metrics show the hold, a viewer may not release
 * it, an operator may (audited), and then the removal is published.
 */
class MassRemovalHoldTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualSource source = new ManualSource("backend");
  private ControlPlane plane;
  private ManagedChannel channel;
  private AdsSubscriber xds;

  private void start(int holdMinutes, Clock clock) {
    plane =
        teardown.add(
            ControlPlane.startWith(
                TestConfigs.fromYaml(
                    dir,
                    """
        guard: {max_removal_share: 0.5, hold_minutes: %d}
        console_api:
          tokens:
            - {identity: ops, role: operator, sha256: %s}
            - {identity: watcher, role: viewer, sha256: %s}
        services:
          - name: backend
            discovery: {kind: simulated}
        """
                        .formatted(holdMinutes, sha("operator-token"), sha("viewer-token"))),
                List.of(source.capabilities()),
                clock));
    channel = teardown.plaintextChannel(plane.consoleApiPort());
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), "backend"));
  }

  @Test
  void aMassRemovalIsHeldShownAndPublishedOnlyWhenAnOperatorReleasesIt() throws Exception {
    start(0, Clock.systemUTC());
    source.report(List.of(vm(1), vm(2), vm(3), vm(4)));
    await().until(() -> xds.endpoints().size() == 4);

    source.report(List.of(vm(1)));
    await().until(() -> !plane.publisher().holds().isEmpty());
    ScaleSet shown = watchFirst();
    assertThat(shown.getRemovalHold().getGone()).isEqualTo(3);
    assertThat(shown.getRemovalHold().getRoutable()).isEqualTo(4);
    assertThat(shown.getRemovalHold().hasReleasesAt()).as("held until released").isFalse();
    assertThat(shown.getRemovalHold().getInstancesList())
        .containsExactlyInAnyOrder("vm-2", "vm-3", "vm-4");
    assertThat(TestHttp.metrics(plane))
        .contains("scalemesh_removal_held{scale_set=\"backend\"} 1.0");
    assertThat(
            console("viewer-token")
                .watch(WatchRequest.getDefaultInstance())
                .next()
                .getHistory()
                .getEventsList())
        .anySatisfy(
            event -> {
              assertThat(event.getKind()).isEqualTo(EventKind.EVENT_KIND_GUARD_HOLD);
              assertThat(event.getMessage()).contains("3 of 4", "until an operator releases it");
            });
    Thread.sleep(1_500); // a hold check or two
    assertThat(xds.endpoints())
        .as("the vanished stay published as they were")
        .hasSize(4)
        .allSatisfy((address, health) -> assertThat(health).isEqualTo(HealthStatus.HEALTHY));

    StatusRuntimeException denied =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                console("viewer-token")
                    .releaseHold(
                        ReleaseHoldRequest.newBuilder()
                            .setScaleSet("backend")
                            .setReason("try")
                            .build()));
    assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(xds.endpoints()).hasSize(4);

    assertThat(
            console("operator-token")
                .releaseHold(
                    ReleaseHoldRequest.newBuilder()
                        .setScaleSet("backend")
                        .setReason("the scale-in was real")
                        .build())
                .getReleased())
        .isTrue();
    await().until(() -> xds.endpoints().size() == 1);
    assertThat(watchFirst().hasRemovalHold()).isFalse();
    assertThat(TestHttp.metrics(plane))
        .contains("scalemesh_removal_held{scale_set=\"backend\"} 0.0");
    assertThat(Files.readAllLines(TestConfigs.auditLog(dir)))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"identity\":\"watcher\"", "RELEASE_HOLD", "\"result\":\"rejected\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"identity\":\"ops\"",
                        "the scale-in was real",
                        "\"result\":\"released\""));
  }

  @Test
  void aHoldThatHasLastedItsTimeIsPublishedWithoutAnyNewReport() {
    // 600x: the one-minute hold lasts 0.1 s; the publisher's own re-check must end it.
    start(1, new ScaledClock(Clock.systemUTC(), 600));
    source.report(List.of(vm(1), vm(2), vm(3), vm(4)));
    await().until(() -> xds.endpoints().size() == 4);

    source.report(List.of(vm(1)));

    await().atMost(Duration.ofSeconds(10)).until(() -> xds.endpoints().size() == 1);
    assertThat(plane.publisher().holds()).isEmpty();
  }

  private ScaleSet watchFirst() {
    return console("viewer-token")
        .watch(WatchRequest.getDefaultInstance())
        .next()
        .getStatus()
        .getScaleSets(0);
  }

  private ConsoleGrpc.ConsoleBlockingStub console(String token) {
    return ConsoleGrpc.newBlockingStub(channel)
        .withCallCredentials(bearer(token))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }
}
