package io.scalemesh.controlplane.discovery.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.azure.AzureSources;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource Manager faults while a control plane serves a scale set: throttling, server errors,
 * malformed bodies, a failing second page, an expired token. None changes what is published; each
 * shows as a discovery error, and discovery recovers by itself once it stops.
 */
@ExtendWith(ColdStartPatience.class)
class AzureFaultsTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ResourceManagerStub azure;
  private ControlPlane plane;
  private AdsSubscriber xds;
  private final List<String> published = new CopyOnWriteArrayList<>();

  @Test
  void noFaultChangesWhatIsPublishedAndDiscoveryRecoversOnItsOwn() throws Exception {
    azure = teardown.add(new ResourceManagerStub());
    azure.scaleSet("web", false, 3);
    ScalemeshConfig config =
        TestConfigs.fromYaml(
            dir,
            """
        azure: {cloud: custom, resource_manager_endpoint: '%s', authority: '%s', subscription_id: %s}
        services:
          - name: web
            discovery: {kind: azure-vmss, resource_group: rg-mesh, scale_set: web, port: 80, refresh_seconds: 1}
        """
                .formatted(azure.endpoint(), azure.endpoint(), ResourceManagerStub.SUBSCRIPTION));
    plane =
        teardown.add(
            ControlPlane.startWith(
                config, List.of(AzureSources.firstVmss(config)), Clock.systemUTC()));
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), "web"));
    Map<String, HealthStatus> good =
        Map.of(
            "10.0.1.4:80",
            HealthStatus.HEALTHY,
            "10.0.1.5:80",
            HealthStatus.HEALTHY,
            "10.0.1.6:80",
            HealthStatus.HEALTHY);
    await().until(() -> xds.endpoints().equals(good));
    String version = plane.publisher().current().orElseThrow().state().version();
    plane
        .publisher()
        .addListener(
            new PublishListener() {
              @Override
              public void published(Optional<Published> previous, Published next) {
                published.add(next.state().version());
              }
            });

    // The SDK retries 5xx twice itself: three in a row make a refresh fail. A 429 fails it at once.
    faultThenRecovery(ResourceManagerStub.Fault.THROTTLE, 1, good, version);
    faultThenRecovery(ResourceManagerStub.Fault.SERVER_ERROR, 3, good, version);
    faultThenRecovery(ResourceManagerStub.Fault.MALFORMED_JSON, 1, good, version);
    faultThenRecovery(ResourceManagerStub.Fault.SECOND_PAGE, 3, good, version);
    faultThenRecovery(ResourceManagerStub.Fault.EXPIRED_TOKEN, 2, good, version);

    // Retry-After was waited out: nothing was asked of Resource Manager until it passed.
    Duration retryAfter = ResourceManagerStub.THROTTLE_RETRY_AFTER.minusMillis(50);
    assertThat(azure.throttled())
        .hasSize(1)
        .allSatisfy(
            sent ->
                assertThat(azure.requests())
                    .noneMatch(
                        r -> r.at().isAfter(sent) && r.at().isBefore(sent.plus(retryAfter))));
    assertThat(published)
        .as("versions published while faults came and went")
        .allMatch(version::equals);
  }

  private void faultThenRecovery(
      ResourceManagerStub.Fault fault, int times, Map<String, HealthStatus> good, String version) {
    azure.inject(fault, times);
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () ->
                assertThat(plane.publisher().inventory().errors())
                    .as("error after %s", fault)
                    .containsKey("web"));
    assertThat(xds.endpoints()).as("endpoints during %s", fault).isEqualTo(good);
    assertThat(plane.publisher().current().orElseThrow().state().version()).isEqualTo(version);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> azure.faultsLeft() == 0 && plane.publisher().inventory().errors().isEmpty());
    assertThat(xds.endpoints()).isEqualTo(good);
  }
}
