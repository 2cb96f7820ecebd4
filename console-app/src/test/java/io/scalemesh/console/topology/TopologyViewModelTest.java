package io.scalemesh.console.topology;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.at;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.instance;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.mesh.CallErrors;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.Traffic;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TopologyViewModelTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = now::get;
  private final TopologyViewModel topology = new TopologyViewModel(clock);

  @Test
  void proxiesClustersAndInstancesAreNodesColouredByState() {
    topology.apply(
        withProxy(
            status(
                T0,
                backend(
                    2,
                    ready("backend-1", 50),
                    instance("backend-2", EndpointStatus.ENDPOINT_STATUS_BOOTING, 0)))));

    assertThat(topology.nodes())
        .extracting(TopologyNode::id)
        .containsExactly(
            "proxy:edge-1",
            "cluster:backend",
            "zone:backend/1",
            "instance:backend/backend-1",
            "instance:backend/backend-2");
    assertThat(node("instance:backend/backend-1").state()).isEqualTo(NodeState.READY);
    assertThat(node("instance:backend/backend-2").state()).isEqualTo(NodeState.BOOTING);
    assertThat(node("cluster:backend").state()).isEqualTo(NodeState.READY);
    assertThat(node("proxy:edge-1").state()).isEqualTo(NodeState.UNHEALTHY);
    assertThat(node("proxy:edge-1").column()).isZero();
    assertThat(node("cluster:backend").column()).isEqualTo(1);
  }

  @Test
  void nodesChangeInPlaceAndKeepTheirCellWhileOthersComeAndGo() {
    topology.apply(
        status(
            T0,
            backend(3, ready("backend-1", 50), ready("backend-2", 50), ready("backend-3", 50))));
    TopologyNode third = node("instance:backend/backend-3");
    int column = third.column();
    int row = third.row();

    topology.apply(
        status(
            T0.plusSeconds(1),
            backend(
                2,
                ready("backend-1", 50),
                instance("backend-2", EndpointStatus.ENDPOINT_STATUS_DRAINING, 50),
                ready("backend-3", 50))));
    assertThat(node("instance:backend/backend-2").state()).isEqualTo(NodeState.DRAINING);

    topology.apply(
        status(T0.plusSeconds(2), backend(2, ready("backend-1", 50), ready("backend-3", 50))));
    assertThat(node("instance:backend/backend-2").state()).isEqualTo(NodeState.GONE);

    now.set(T0.plus(TopologyViewModel.GONE_SHOWN).plusSeconds(1));
    topology.apply(
        status(
            T0.plusSeconds(3),
            backend(
                3,
                ready("backend-1", 50),
                ready("backend-3", 50),
                instance("backend-4", EndpointStatus.ENDPOINT_STATUS_BOOTING, 0))));

    assertThat(topology.nodes())
        .extracting(TopologyNode::id)
        .doesNotContain("instance:backend/backend-2");
    assertThat(node("instance:backend/backend-3")).isSameAs(third);
    assertThat(third.column()).isEqualTo(column);
    assertThat(third.row()).isEqualTo(row);
    assertThat(node("instance:backend/backend-4").column()).isEqualTo(4); // the cell backend-2 left
  }

  /** The issue: at 1280 px, 3.5 of 6 columns showed, so 8 instances showed as 5. */
  @Test
  void instancesWrapIntoTheColumnsTheViewHasRoomForSoEveryOneHasACell() {
    ScaleSet.Builder eight = backend(8);
    for (int i = 1; i <= 8; i++) {
      eight.addInstances(ready("backend-" + i, 10));
    }
    topology.apply(status(T0, eight));

    topology.instanceColumnsProperty().set(3);

    java.util.List<TopologyNode> instances =
        topology.nodes().stream().filter(n -> n.kind() == TopologyNode.Kind.INSTANCE).toList();
    assertThat(instances).hasSize(8);
    assertThat(instances).allSatisfy(n -> assertThat(n.column()).isBetween(3, 5));
    assertThat(instances).extracting(n -> n.row() * 10 + n.column()).doesNotHaveDuplicates();
    assertThat(topology.rows()).isEqualTo(3); // 3 + 3 + 2
    int applied = topology.appliedProperty().get();

    topology.instanceColumnsProperty().set(8);
    assertThat(topology.rows()).isEqualTo(1);
    assertThat(topology.appliedProperty().get()).as("the view redraws").isGreaterThan(applied);

    topology.instanceColumnsProperty().set(0);
    assertThat(topology.instanceColumnsProperty().get()).isEqualTo(1);
    assertThat(topology.rows()).isEqualTo(8);
  }

  /** The issue: the old control plane's data stayed on screen while connecting elsewhere. */
  @Test
  void aNewStreamStartsAfreshWithoutTheOldNodesLingeringAsGone() {
    topology.apply(status(T0, backend(1, ready("backend-1", 10))));
    topology.selectedProperty().set(node("instance:backend/backend-1"));

    topology.startAfresh();
    topology.apply(status(T0, backend(1, ready("other-1", 10)).setName("other")));

    assertThat(topology.nodes())
        .extracting(TopologyNode::id)
        .containsExactly("cluster:other", "zone:other/1", "instance:other/other-1");
    assertThat(topology.selectedProperty().get()).isNull();
    assertThat(node("instance:other/other-1").column()).isEqualTo(3);
  }

  @Test
  void theSelectedNodesDetailsFollowItsUpdates() {
    topology.apply(status(T0, backend(1, ready("backend-1", 40))));
    topology.selectedProperty().set(node("instance:backend/backend-1"));
    assertThat(topology.detailsProperty().get())
        .contains("Instance backend-1", "CPU: 40.0 %", "State: ready");
    // The issue: "Since: 2026-11-30T04:28:14.920199349Z"; now readable, and whose clock it is.
    assertThat(topology.detailsProperty().get())
        .contains("Endpoint: ready since 2026-01-01 12:00:00 UTC (control plane clock)");
    assertThat(topology.selectedAddressProperty().get()).endsWith(":9000");

    topology.apply(status(T0.plusSeconds(1), backend(1, ready("backend-1", 65))));
    assertThat(topology.detailsProperty().get()).contains("CPU: 65.0 %");

    topology.apply(withProxy(status(T0.plusSeconds(2), backend(1, ready("backend-1", 65)))));
    topology.selectedProperty().set(node("proxy:edge-1"));
    assertThat(topology.selectedAddressProperty().get()).as("a proxy has none to copy").isEmpty();
    assertThat(topology.detailsProperty().get())
        .contains("Proxy edge-1", "Last NACK: bad route", "Cluster: v7");
  }

  /**
   * The issue: "a selected instance's card with ... its Azure ids ... and a link that opens it".
   */
  @Test
  void anAzureInstancesCardNamesItsResourceAndLinksToItInThePortal() {
    String id =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
            + "/Microsoft.Compute/virtualMachineScaleSets/web/virtualMachines/3";
    topology.apply(
        status(
            T0,
            backend(
                2,
                ready("backend-1", 40).toBuilder().setAzureResourceId(id).build(),
                ready("backend-2", 40))));

    topology.selectedProperty().set(node("instance:backend/backend-1"));
    assertThat(topology.detailsProperty().get()).contains("Azure resource: " + id);
    assertThat(topology.selectedPortalLinkProperty().get())
        .isEqualTo("https://portal.azure.com/#resource" + id);

    topology.selectedProperty().set(node("instance:backend/backend-2"));
    assertThat(topology.detailsProperty().get()).doesNotContain("Azure resource");
    assertThat(topology.selectedPortalLinkProperty().get()).as("not an Azure VM").isEmpty();
  }

  /** The issue: "proxies -> services -> zones -> instances ... carrying live request rate". */
  @Test
  void eachZoneHasItsInstancesRowsAndTheCallsOfItsInstancesAddedUp() {
    topology.instanceColumnsProperty().set(2);
    topology.apply(
        withProxy(
            status(
                T0,
                backend(
                        4,
                        inZone(ready("backend-1", 10), "1", traffic(10, 1)),
                        inZone(ready("backend-2", 10), "2", traffic(20, 0)),
                        inZone(ready("backend-3", 10), "1", traffic(30, 4)),
                        inZone(ready("backend-4", 10), "1", traffic(0, 0)))
                    .setTraffic(traffic(60, 5)))));

    TopologyNode zone1 = node("zone:backend/1");
    TopologyNode zone2 = node("zone:backend/2");
    assertThat(zone1.column()).isEqualTo(2);
    assertThat(zone1.row()).isZero();
    assertThat(zone2.row()).as("zone 1's three instances take two rows of two").isEqualTo(2);
    assertThat(node("instance:backend/backend-2").row()).isEqualTo(2);
    assertThat(node("instance:backend/backend-4").row()).isEqualTo(1);
    assertThat(topology.rows()).isEqualTo(3);

    assertThat(zone1.calls()).isEqualTo(new CallErrors(40, 5));
    assertThat(zone1.calls().level()).isEqualTo(CallErrors.Level.SEVERE);
    assertThat(zone2.calls().level()).isEqualTo(CallErrors.Level.NONE);
    assertThat(node("cluster:backend").calls()).isEqualTo(new CallErrors(60, 5));
    assertThat(node("instance:backend/backend-1").calls()).isEqualTo(new CallErrors(10, 1));
    assertThat(node("proxy:edge-1").calls()).isEqualTo(new CallErrors(0, 0));

    topology.selectedProperty().set(zone1);
    assertThat(topology.detailsProperty().get())
        .contains("zone 1 of backend", "Instances: 3, ready 3", "Calls: 40.0 req/s, 13 % failing");
    topology.selectedProperty().set(node("instance:backend/backend-3"));
    assertThat(topology.detailsProperty().get())
        .contains("Calls: 30.0 req/s, 13 % failing (4.0 errors/s), 0 in progress");

    topology.apply(
        status(T0.plusSeconds(1), backend(4, inZone(ready("backend-2", 10), "2", traffic(20, 0)))));
    assertThat(zone1.state()).isEqualTo(NodeState.GONE);
    assertThat(zone1.calls()).as("a gone zone carries no calls").isEqualTo(new CallErrors(0, 0));
  }

  private static Instance inZone(Instance instance, String zone, Traffic traffic) {
    return instance.toBuilder().setZone(zone).setTraffic(traffic).build();
  }

  private static Traffic traffic(double requestsPerSecond, double errorsPerSecond) {
    return Traffic.newBuilder()
        .setRequestsPerSecond(requestsPerSecond)
        .setErrorsPerSecond(errorsPerSecond)
        .setReportedAt(at(T0))
        .build();
  }

  private static MeshStatus withProxy(MeshStatus status) {
    return status.toBuilder()
        .addProxies(
            Proxy.newBuilder()
                .setNodeId("edge-1")
                .setCluster("edge")
                .setInSync(false)
                .setLastNack("bad route")
                .putAckedVersions("type.googleapis.com/envoy.config.cluster.v3.Cluster", "v7"))
        .build();
  }

  private TopologyNode node(String id) {
    return topology.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }
}
