package io.scalemesh.controlplane.status;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static io.scalemesh.controlplane.status.StatusParts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.config.ConsoleApiConfig.Role;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.scale.CapacityChange;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.model.console.v1.AutoscalePolicy;
import io.scalemesh.model.console.v1.AutoscaleRule.Direction;
import io.scalemesh.model.console.v1.CapacityBounds;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.RemovalHold;
import io.scalemesh.model.console.v1.ScaleAction;
import io.scalemesh.model.console.v1.ScaleProgress;
import io.scalemesh.model.console.v1.ScaleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The console's view of one scale set, built from plain parts on a manual clock. */
class StatusBuilderTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private StatusParts parts;

  @BeforeEach
  void parts() {
    parts = teardown.add(new StatusParts(dir));
  }

  @Test
  void anAzureVmCarriesItsResourceIdForALinkToTheAzurePortal() {
    String id =
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1";
    parts.publish(
        vm(1).withLabels(Map.of(io.scalemesh.controlplane.mesh.Instance.AZURE_RESOURCE_ID, id)),
        vm(2));

    assertThat(parts.builder().build().getScaleSets(0).getInstancesList())
        .extracting(Instance::getAzureResourceId)
        .containsExactly(id, "");
  }

  @Test
  void beforeAnythingIsPublishedThereIsNoSnapshotAndNoInstance() {
    MeshStatus status = parts.builder().build();

    assertThat(status.getObservedAt()).isEqualTo(Timestamps.of(T0));
    assertThat(status.hasXds()).isFalse();
    assertThat(status.getScaleSets(0).getInstancesList()).isEmpty();
  }

  @Test
  void aScaleSetShowsItsCapacityBoundsRulesAndLastAction() {
    parts.clock.advance(Duration.ofSeconds(5));
    parts.scaling.request(
        Optional.of(new Caller("ops", Role.OPERATOR)),
        new CapacityChange("backend", CapacityChange.Kind.SET, 4, "the evening peak", ""));

    ScaleSet shown = parts.builder().build().getScaleSets(0);

    assertThat(shown.getName()).isEqualTo("backend");
    assertThat(shown.getSourceKind()).isEqualTo("simulated");
    assertThat(shown.getCapacity()).isEqualTo(4);
    assertThat(shown.getBounds())
        .isEqualTo(CapacityBounds.newBuilder().setMinimum(1).setMaximum(6).setDefault(2).build());
    assertThat(shown.getAutoscale())
        .isEqualTo(
            AutoscalePolicy.newBuilder()
                .setEnabled(true)
                .setScaleOutCpuPercent(75)
                .setScaleInCpuPercent(25)
                .setTimeWindowSeconds(300)
                .setTimeGrainSeconds(60)
                .setCooldownSeconds(120)
                .addRules(
                    io.scalemesh.model.console.v1.AutoscaleRule.newBuilder()
                        .setDirection(Direction.DIRECTION_INCREASE)
                        .setOperator("GreaterThan")
                        .setThreshold(75)
                        .setTimeGrainSeconds(60)
                        .setTimeWindowSeconds(300)
                        .setChangeCount(1)
                        .setCooldownSeconds(120))
                .addRules(
                    io.scalemesh.model.console.v1.AutoscaleRule.newBuilder()
                        .setDirection(Direction.DIRECTION_DECREASE)
                        .setOperator("LessThan")
                        .setThreshold(25)
                        .setTimeGrainSeconds(60)
                        .setTimeWindowSeconds(300)
                        .setChangeCount(1)
                        .setCooldownSeconds(120))
                .build());
    assertThat(shown.getLastScaleAction())
        .isEqualTo(
            ScaleAction.newBuilder()
                .setAt(Timestamps.of(T0.plusSeconds(5)))
                .setActor("ops")
                .setFromCapacity(3)
                .setToCapacity(4)
                .setReason("the evening peak")
                .setProgress(ScaleProgress.SCALE_PROGRESS_SUCCEEDED)
                .build());
  }

  @Test
  void eachInstanceShowsItsLatestCpuAndSinceWhenItHasBeenInItsState() {
    StatusBuilder builder = parts.builder();
    parts.publish(vm(1), vm(2, InstanceState.BOOTING));
    parts.cpu.add(new CpuSample("backend", T0, 42.5, Map.of("vm-1", 42.5)));

    MeshStatus first = builder.build();

    assertThat(first.getXds().getSnapshotVersion())
        .isEqualTo(parts.publisher.current().orElseThrow().state().version());
    assertThat(first.getXds().getPublishedAt()).isEqualTo(Timestamps.of(T0));
    assertThat(first.getScaleSets(0).getInstancesList())
        .containsExactly(
            instance(1, EndpointStatus.ENDPOINT_STATUS_READY, 42.5)
                .setSince(Timestamps.of(T0))
                .build(),
            instance(2, EndpointStatus.ENDPOINT_STATUS_BOOTING, 0)
                .setSince(Timestamps.of(T0))
                .build());

    parts.clock.advance(Duration.ofSeconds(30));
    parts.publish(vm(1), vm(2));

    assertThat(builder.build().getScaleSets(0).getInstancesList())
        .extracting(Instance::getName, instance -> Timestamps.toInstant(instance.getSince()))
        .as("vm-1 is as it was, vm-2 became ready")
        .containsExactly(tuple("vm-1", T0), tuple("vm-2", T0.plusSeconds(30)));
  }

  @Test
  void aHeldRemovalShowsWhatVanishedWhileTheVanishedStayListed() {
    parts.publish(vm(1), vm(2), vm(3), vm(4));
    parts.clock.advance(Duration.ofSeconds(5));
    parts.report(vm(1));
    await().until(() -> !parts.publisher.holds().isEmpty());

    ScaleSet shown = parts.builder().build().getScaleSets(0);

    assertThat(shown.getRemovalHold())
        .isEqualTo(
            RemovalHold.newBuilder()
                .setGone(3)
                .setRoutable(4)
                .setSince(Timestamps.of(T0.plusSeconds(5)))
                .setReleasesAt(Timestamps.of(T0.plusSeconds(5).plus(Duration.ofMinutes(10))))
                .addInstances("vm-2")
                .addInstances("vm-3")
                .addInstances("vm-4")
                .build());
    assertThat(shown.getInstancesCount()).isEqualTo(4);
  }

  @Test
  void aFailedRefreshAndTheConnectedProxiesAreShown() {
    parts.publish(vm(1));
    parts.publisher.accept(
        new DiscoveryReport.Failed("backend", "Resource Manager answered 500", T0));
    await().until(() -> !parts.publisher.inventory().errors().isEmpty());
    parts.proxies.add(
        new ProxyStatus(
            "edge-1",
            "edge",
            T0,
            Map.of("ClusterLoadAssignment", "v1"),
            false,
            "ClusterLoadAssignment v1: no healthy upstream"));

    MeshStatus status = parts.builder().build();

    assertThat(status.getScaleSets(0).getDiscoveryError())
        .isEqualTo("Resource Manager answered 500");
    assertThat(status.getProxiesList())
        .containsExactly(
            Proxy.newBuilder()
                .setNodeId("edge-1")
                .setCluster("edge")
                .setConnectedSince(Timestamps.of(T0))
                .putAckedVersions("ClusterLoadAssignment", "v1")
                .setInSync(false)
                .setLastNack("ClusterLoadAssignment v1: no healthy upstream")
                .build());
  }

  /** How vm-N is shown: its fields as {@code vm(N)} has them. */
  private static Instance.Builder instance(int n, EndpointStatus status, double cpu) {
    return Instance.newBuilder()
        .setName("vm-" + n)
        .setInstanceId(Integer.toString(n))
        .setPrivateIp("10.0.0." + n)
        .setPublicIp(n % 2 == 0 ? "20.0.0." + n : "")
        .setPort(8080)
        .setZone(Integer.toString(n % 3 + 1))
        .setProvisioningState("Succeeded")
        .setPowerState("running")
        .setHealthState("Healthy")
        .setEndpointStatus(status)
        .setCpuPercent(cpu);
  }
}
