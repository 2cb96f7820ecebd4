package io.scalemesh.controlplane.xds;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class XdsTranslatorTest {
  private static final ServiceSpec BACKEND =
      new ServiceSpec("backend", BackendProtocol.GRPC, "/healthz");
  private final XdsTranslator translator = new XdsTranslator(new EdgeSettings("edge", 8080));

  @Test
  void aScaleEventChangesTheEndpointVersionOnly() {
    XdsResources three = translate(vm(1), vm(2), vm(3));
    XdsResources four = translate(vm(1), vm(2), vm(3), vm(4, InstanceState.BOOTING));

    assertThat(four.endpoints().version()).isNotEqualTo(three.endpoints().version());
    assertThat(four.clusters().version()).isEqualTo(three.clusters().version());
    assertThat(four.listeners().version()).isEqualTo(three.listeners().version());
    assertThat(four.routes().version()).isEqualTo(three.routes().version());
  }

  @Test
  void aChangeToOneServiceLeavesTheOthersResourcesTheSameObjects() {
    ServiceSpec web = new ServiceSpec("web", BackendProtocol.HTTP, "/ready");
    XdsResources before =
        translator.translate(
            MeshState.of(
                List.of(
                    new MeshState.Service(BACKEND, List.of(vm(1), vm(2))),
                    new MeshState.Service(web, List.of(vm(3))))));
    // Equal but new values, as a refresh of the other scale set decides them.
    XdsResources after =
        translator.translate(
            MeshState.of(
                List.of(
                    new MeshState.Service(BACKEND, List.of(vm(1), vm(2))),
                    new MeshState.Service(web, List.of(vm(3), vm(4))))));

    assertThat(after.clusters().resources().get(0)).isSameAs(before.clusters().resources().get(0));
    assertThat(after.endpoints().resources().get(0))
        .isSameAs(before.endpoints().resources().get(0));
    assertThat(after.listeners().resources().get(0))
        .isSameAs(before.listeners().resources().get(0));
    assertThat(after.endpoints().hashed().get(0).hash())
        .isEqualTo(before.endpoints().hashed().get(0).hash());
    assertThat(after.endpoints().resources().get(1).getEndpointsCount()).isEqualTo(2);
    assertThat(after.endpoints().hashed().get(1).hash())
        .isNotEqualTo(before.endpoints().hashed().get(1).hash());
    // The versions are what a translator that remembers nothing gives.
    XdsResources fresh =
        new XdsTranslator(new EdgeSettings("edge", 8080))
            .translate(
                MeshState.of(
                    List.of(
                        new MeshState.Service(BACKEND, List.of(vm(1), vm(2))),
                        new MeshState.Service(web, List.of(vm(3), vm(4))))));
    assertThat(after.byType())
        .extracting(XdsResources.Versioned::version)
        .isEqualTo(fresh.byType().stream().map(XdsResources.Versioned::version).toList());
  }

  @Test
  void aServiceThatBecomesTheOnlyOneIsTranslatedAgain() {
    ServiceSpec web = new ServiceSpec("web", BackendProtocol.HTTP, "/ready");
    translator.translate(
        MeshState.of(
            List.of(
                new MeshState.Service(BACKEND, List.of(vm(1))),
                new MeshState.Service(web, List.of(vm(2))))));

    XdsResources alone = translate(vm(1));

    assertThat(alone.routes().resources().getFirst().getVirtualHosts(0).getDomainsList())
        .contains("*");
  }

  @Test
  void theSameStateAlwaysTranslatesToTheSameVersions() {
    assertThat(translate(vm(3), vm(1), vm(2))).isEqualTo(translate(vm(1), vm(2), vm(3)));
  }

  @Test
  void onlyReadyInstancesArePublishedHealthy() {
    ClusterLoadAssignment assignment =
        translate(
                vm(1),
                vm(2, InstanceState.BOOTING),
                vm(3, InstanceState.DRAINING),
                vm(4, InstanceState.UNHEALTHY))
            .endpoints()
            .resources()
            .getFirst();

    Map<String, HealthStatus> health =
        assignment.getEndpointsList().stream()
            .flatMap(locality -> locality.getLbEndpointsList().stream())
            .collect(
                Collectors.toMap(e -> e.getEndpoint().getHostname(), LbEndpoint::getHealthStatus));
    assertThat(health)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "vm-1", HealthStatus.HEALTHY,
                "vm-2", HealthStatus.UNHEALTHY,
                "vm-3", HealthStatus.DRAINING,
                "vm-4", HealthStatus.UNHEALTHY));
  }

  @Test
  void everyInstanceIsALocalityOfItsOwnInItsZoneWeightedOne() {
    // Load reports count per locality, so each instance is one: its zone, itself as sub-zone. A
    // booting instance's locality keeps weight 1 too: 0 would make gRPC clients drop it.
    ClusterLoadAssignment assignment =
        translate(vm(1), vm(3), vm(4), vm(2, InstanceState.BOOTING))
            .endpoints()
            .resources()
            .getFirst();

    assertThat(assignment.getEndpointsList())
        .extracting(
            l -> l.getLocality().getZone(),
            l -> l.getLocality().getSubZone(),
            l -> l.getLoadBalancingWeight().getValue(),
            l -> l.getLbEndpoints(0).getEndpoint().getHostname())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "vm-3", 1, "vm-3"),
            org.assertj.core.groups.Tuple.tuple("2", "vm-1", 1, "vm-1"),
            org.assertj.core.groups.Tuple.tuple("2", "vm-4", 1, "vm-4"),
            org.assertj.core.groups.Tuple.tuple("3", "vm-2", 1, "vm-2"));
    assertThat(assignment.getEndpointsList()).allMatch(l -> l.getLbEndpointsCount() == 1);
  }

  @Test
  void proxylessClientsGetAnApiListenerNamedAfterTheServiceWithTheRouterLast() throws Exception {
    List<Listener> listeners = translate(vm(1)).listeners().resources();
    Listener api =
        listeners.stream().filter(l -> l.getName().equals("backend")).findFirst().orElseThrow();
    HttpConnectionManager manager =
        api.getApiListener().getApiListener().unpack(HttpConnectionManager.class);

    assertThat(manager.getHttpFiltersList().getLast().getName())
        .isEqualTo("envoy.filters.http.router");
    assertThat(manager.getRouteConfig().getVirtualHosts(0).getRoutes(0).getRoute().getCluster())
        .isEqualTo("backend");
    assertThat(listeners).extracting(Listener::getName).containsExactly("backend", "edge");
  }

  @Test
  void httpServicesAreCheckedOnTheirPathAndGrpcServicesWithTheGrpcHealthProtocol()
      throws Exception {
    MeshState state =
        MeshState.of(
            List.of(
                new MeshState.Service(BACKEND, List.of(vm(1))),
                new MeshState.Service(
                    new ServiceSpec("web", BackendProtocol.HTTP, "/ready"), List.of(vm(2)))));
    var clusters = translator.translate(state).clusters().resources();

    assertThat(clusters.get(0).getHealthChecks(0).hasGrpcHealthCheck()).isTrue();
    assertThat(protocolOptions(clusters.get(0)).getExplicitHttpConfig().hasHttp2ProtocolOptions())
        .isTrue();
    assertThat(protocolOptions(clusters.get(1)).getExplicitHttpConfig().hasHttpProtocolOptions())
        .isTrue();
    assertThat(clusters.get(1).getHealthChecks(0).getHttpHealthCheck().getPath())
        .isEqualTo("/ready");
    // Envoy alone reads HTTP clusters; grpc-java stalls new endpoints under outlier detection.
    assertThat(clusters.get(1).hasOutlierDetection()).isTrue();
    assertThat(clusters.get(0).hasOutlierDetection()).isFalse();
  }

  private static HttpProtocolOptions protocolOptions(Cluster cluster) throws Exception {
    return cluster
        .getTypedExtensionProtocolOptionsOrThrow(EnvoyResources.HTTP_PROTOCOL_OPTIONS)
        .unpack(HttpProtocolOptions.class);
  }

  private XdsResources translate(Instance... instances) {
    return translator.translate(
        MeshState.of(List.of(new MeshState.Service(BACKEND, List.of(instances)))));
  }
}
