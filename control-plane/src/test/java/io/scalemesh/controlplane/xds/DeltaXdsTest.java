package io.scalemesh.controlplane.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.DeltaAdsClient;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A raw delta ADS client, subscribed as Envoy is (every cluster, then each cluster's endpoints), on
 * a real ADS server with ten services.
 */
class DeltaXdsTest {
  private static final Duration RESPONSE = Duration.ofSeconds(10);

  /** Long enough for a resend that would follow at once; no timing is asserted. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  private static final List<String> SERVICES =
      IntStream.range(0, 10).mapToObj(i -> "service-" + i).toList();

  @RegisterExtension final Teardown teardown = new Teardown();

  private final Clock clock = Clock.systemUTC();
  private final ProxyRegistry registry =
      new ProxyRegistry(clock, new ControlPlaneMetrics(), new EventLog(clock));
  private final XdsTranslator translator = new XdsTranslator(new EdgeSettings("edge", 8080));
  private final Map<String, Integer> sizes = new TreeMap<>();
  private XdsServer server;
  private DeltaAdsClient envoy;

  @BeforeEach
  void start() {
    SERVICES.forEach(service -> sizes.put(service, 3));
    server =
        teardown.add(
            new XdsServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Optional.empty(),
                    registry,
                    List.of())
                .start());
    publish();
    envoy = new DeltaAdsClient(teardown.plaintextChannel(server.port()), "envoy-delta");
  }

  @Test
  void aChangeToOneServiceSendsThatServicesLoadAssignmentOnly() throws Exception {
    subscribeAsEnvoy();

    sizes.put("service-3", 4);
    XdsResources published = publish();

    DeltaDiscoveryResponse changed = envoy.next(RESPONSE);
    assertThat(changed.getTypeUrl()).isEqualTo(TypeUrls.ENDPOINT);
    assertThat(changed.getResourcesList())
        .extracting(Resource::getName)
        .containsExactly("service-3");
    assertThat(changed.getRemovedResourcesList()).isEmpty();
    assertThat(changed.getSystemVersionInfo()).isEqualTo(published.endpoints().version());
    envoy.ack(changed);
    assertThat(envoy.next(QUIET)).as("anything else: clusters are unchanged").isNull();

    awaitProxy(
        proxy -> {
          assertThat(proxy.nodeId()).isEqualTo("envoy-delta");
          assertThat(proxy.ackedVersions())
              .containsEntry("ClusterLoadAssignment", published.endpoints().version())
              .containsEntry("Cluster", published.clusters().version());
          assertThat(proxy.inSync()).isTrue();
        });
  }

  @Test
  void aRemovedServiceIsAnnouncedInRemovedResources() throws Exception {
    subscribeAsEnvoy();

    sizes.remove("service-9");
    publish();

    Map<String, DeltaDiscoveryResponse> byType = new TreeMap<>();
    for (int i = 0; i < 2; i++) {
      DeltaDiscoveryResponse response = envoy.next(RESPONSE);
      byType.put(TypeUrls.shortName(response.getTypeUrl()), response);
      envoy.ack(response);
    }
    assertThat(byType).containsOnlyKeys("Cluster", "ClusterLoadAssignment");
    byType
        .values()
        .forEach(
            response -> {
              assertThat(response.getResourcesList()).isEmpty();
              assertThat(response.getRemovedResourcesList()).containsExactly("service-9");
            });
    assertThat(envoy.next(QUIET)).isNull();
  }

  @Test
  void aNackIsRecordedAndWhatItRejectedIsNotSentAgain() throws Exception {
    subscribeAsEnvoy();

    sizes.put("service-1", 4);
    publish();
    DeltaDiscoveryResponse rejected = envoy.next(RESPONSE);
    envoy.nack(rejected, "service-1 is not acceptable");

    awaitProxy(
        proxy -> {
          assertThat(proxy.lastNack())
              .contains("service-1 is not acceptable")
              .contains(rejected.getSystemVersionInfo());
          assertThat(proxy.inSync()).isFalse();
        });
    assertThat(envoy.next(QUIET)).as("a response after the NACK").isNull();

    // The next change reaches the proxy, without the load assignment it rejected.
    sizes.put("service-2", 4);
    XdsResources published = publish();
    DeltaDiscoveryResponse next = envoy.next(RESPONSE);
    assertThat(next.getResourcesList()).extracting(Resource::getName).containsExactly("service-2");
    envoy.ack(next);
    awaitProxy(
        proxy ->
            assertThat(proxy.ackedVersions())
                .containsEntry("ClusterLoadAssignment", published.endpoints().version()));
    assertThat(envoy.next(QUIET)).isNull();
  }

  /**
   * java-control-plane counts a resource as the proxy's only once it is ACKed; without Scalemesh's
   * watcher, a NACK of the first load assignments would be answered with them again, forever.
   */
  @Test
  void aNackOfTheFirstLoadAssignmentsIsNotAnsweredWithThemAgain() throws Exception {
    envoy.subscribe(TypeUrls.ENDPOINT, SERVICES);
    DeltaDiscoveryResponse first = envoy.next(RESPONSE);
    assertThat(first.getResourcesCount()).isEqualTo(SERVICES.size());

    envoy.nack(first, "not acceptable");

    assertThat(envoy.next(QUIET)).as("a response after the NACK").isNull();
    sizes.put("service-5", 4);
    publish();
    assertThat(envoy.next(RESPONSE).getResourcesList())
        .extracting(Resource::getName)
        .containsExactly("service-5");
  }

  /**
   * Envoy reconnecting to a restarted control plane before it publishes names the version of each
   * resource it holds. java-control-plane (1.0.49) sends the resources again all the same, even
   * those the proxy named at the published version; the proxy ACKs and is in sync.
   */
  @Test
  void anEnvoyThatReconnectsBeforeThePublicationEndsInSyncWithWhatIsThenPublished()
      throws Exception {
    Map<String, Map<String, String>> held = subscribeAsEnvoy();
    envoy.close();

    ProxyRegistry restartedRegistry =
        new ProxyRegistry(clock, new ControlPlaneMetrics(), new EventLog(clock));
    XdsServer restarted =
        teardown.add(
            new XdsServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Optional.empty(),
                    restartedRegistry,
                    List.of())
                .start());
    DeltaAdsClient reconnected =
        new DeltaAdsClient(teardown.plaintextChannel(restarted.port()), "envoy-delta");
    reconnected.resubscribe(TypeUrls.CLUSTER, List.of(), held.get(TypeUrls.CLUSTER));
    reconnected.resubscribe(TypeUrls.ENDPOINT, SERVICES, held.get(TypeUrls.ENDPOINT));
    await().until(() -> restartedRegistry.proxies().size() == 1);
    assertThat(restartedRegistry.proxies().getFirst().inSync()).as("nothing published").isFalse();

    XdsResources published = publishTo(restarted);

    for (DeltaDiscoveryResponse response = reconnected.next(QUIET);
        response != null;
        response = reconnected.next(QUIET)) {
      reconnected.ack(response);
    }
    assertThat(restartedRegistry.proxies())
        .singleElement()
        .satisfies(
            proxy -> {
              assertThat(proxy.inSync()).isTrue();
              assertThat(proxy.ackedVersions())
                  .containsEntry("Cluster", published.clusters().version())
                  .containsEntry("ClusterLoadAssignment", published.endpoints().version());
            });
  }

  /**
   * Clusters first (all of them), then the endpoints of each, as Envoy asks; all ACKed. Returns the
   * version of each resource received, by type.
   */
  private Map<String, Map<String, String>> subscribeAsEnvoy() throws InterruptedException {
    envoy.subscribe(TypeUrls.CLUSTER, List.of());
    DeltaDiscoveryResponse clusters = envoy.next(RESPONSE);
    assertThat(clusters.getResourcesCount()).isEqualTo(SERVICES.size());
    envoy.ack(clusters);
    envoy.subscribe(TypeUrls.ENDPOINT, SERVICES);
    DeltaDiscoveryResponse endpoints = envoy.next(RESPONSE);
    assertThat(endpoints.getTypeUrl()).isEqualTo(TypeUrls.ENDPOINT);
    assertThat(endpoints.getResourcesCount()).isEqualTo(SERVICES.size());
    envoy.ack(endpoints);
    return Map.of(TypeUrls.CLUSTER, versions(clusters), TypeUrls.ENDPOINT, versions(endpoints));
  }

  private static Map<String, String> versions(DeltaDiscoveryResponse response) {
    return response.getResourcesList().stream()
        .collect(Collectors.toMap(Resource::getName, Resource::getVersion));
  }

  /** Waits until the one proxy the registry follows satisfies {@code requirements}. */
  private void awaitProxy(ThrowingConsumer<ProxyStatus> requirements) {
    await()
        .untilAsserted(
            () -> assertThat(registry.proxies()).singleElement().satisfies(requirements));
  }

  private XdsResources publish() {
    return publishTo(server);
  }

  private XdsResources publishTo(XdsServer target) {
    XdsResources resources =
        translator.translate(
            MeshState.of(
                sizes.entrySet().stream()
                    .map(
                        service ->
                            new MeshState.Service(
                                new ServiceSpec(service.getKey(), BackendProtocol.GRPC, "/healthz"),
                                instances(service.getValue())))
                    .toList()));
    target.publish(resources, Instant.now());
    return resources;
  }

  private static List<Instance> instances(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(ManualSource::vm).toList();
  }
}
