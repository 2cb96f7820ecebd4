package io.scalemesh.controlplane.xds;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.GrpcMesh;
import io.scalemesh.controlplane.fixtures.ManualClock;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the registry makes of one proxy's endpoint stream, driven call by call as the xDS server
 * would: what it was sent, what it acknowledged or rejected, and how long that took.
 */
class ProxyRegistryTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  private static final Node EDGE = Node.newBuilder().setId("edge-1").setCluster("edge").build();
  private static final String ENDPOINTS = "ClusterLoadAssignment";

  private final ManualClock clock = new ManualClock(T0);
  private final EventLog events = new EventLog(clock);
  private final ControlPlaneMetrics metrics = new ControlPlaneMetrics();
  private final ProxyRegistry registry = new ProxyRegistry(clock, metrics, events);
  private final XdsResources one = translate(vm(1));
  private final String v1 = one.endpoints().version();

  @Test
  void everyServedTypeHasItsCountersAtZeroBeforeAnything() {
    assertThat(metrics.scrape())
        .contains("scalemesh_xds_nacks_total{type=\"Cluster\"} 0.0")
        .contains("scalemesh_xds_nacks_total{type=\"RouteConfiguration\"} 0.0")
        .contains("scalemesh_xds_invalid_resources_total{type=\"ClusterLoadAssignment\"} 0.0")
        .contains("scalemesh_xds_acks_total{type=\"Listener\"} 0.0");
  }

  @Test
  void anAckOfTheLatestResponseIsRecordedAndMakesTheProxyInSync() {
    registry.published(one, T0);
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    registry.onV3StreamRequest(1, request("", ""));
    assertThat(registry.proxies())
        .containsExactly(new ProxyStatus("edge-1", "edge", T0, Map.of(), false, ""));

    sent(1, one, "n1");
    assertThat(registry.proxies().getFirst().inSync()).as("sent, not yet acknowledged").isFalse();
    registry.onV3StreamRequest(1, request(v1, "n1"));

    assertThat(registry.proxies())
        .containsExactly(new ProxyStatus("edge-1", "edge", T0, Map.of(ENDPOINTS, v1), true, ""));
    assertThat(metrics.scrape())
        .contains("scalemesh_xds_acks_total{type=\"ClusterLoadAssignment\"} 1.0");
  }

  @Test
  void anAnswerToAnOlderResponseCountsForNothing() {
    XdsResources two = translate(vm(1), vm(2));
    registry.published(two, T0);
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    sent(1, one, "n1");
    sent(1, two, "n2");

    registry.onV3StreamRequest(1, request(v1, "n1"));

    assertThat(registry.proxies().getFirst().ackedVersions()).isEmpty();
    assertThat(registry.proxies().getFirst().inSync()).isFalse();
  }

  @Test
  void aProxyFallsOutOfSyncWhenANewVersionIsPublishedUntilItAcknowledgesThatToo() {
    registry.published(one, T0);
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    sentAndAcknowledged(1, one, "n1");

    XdsResources two = translate(vm(1), vm(2));
    registry.published(two, T0);
    assertThat(registry.proxies().getFirst().inSync()).isFalse();

    sentAndAcknowledged(1, two, "n2");
    assertThat(registry.proxies().getFirst().inSync()).isTrue();
  }

  @Test
  void aNackIsKeptWithTheProxysWordsLoggedAsAnEventAndToldOnceToTheConfigWatcher() {
    registry.published(one, T0);
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    sent(1, one, "n1");
    DiscoveryRequest nack =
        request("", "n1").toBuilder()
            .setErrorDetail(
                Status.newBuilder().setCode(3).setMessage("endpoint vm-1 is not acceptable"))
            .build();

    registry.onV3StreamRequest(1, nack);

    String rejected = ENDPOINTS + " " + v1 + ": endpoint vm-1 is not acceptable";
    assertThat(registry.proxies())
        .containsExactly(new ProxyStatus("edge-1", "edge", T0, Map.of(), false, rejected));
    assertThat(events.since(T0))
        .containsExactly(new Event(T0, Event.Kind.NACK, "", "edge-1 rejected " + rejected));
    assertThat(metrics.scrape())
        .contains("scalemesh_xds_nacks_total{type=\"ClusterLoadAssignment\"} 1.0");
    assertThat(registry.takeRejected(nack))
        .isEqualTo(new ProxyRegistry.Rejected(v1, Set.of("backend")));
    assertThat(registry.takeRejected(nack)).as("told once").isNull();
  }

  @Test
  void pushLatencyRunsFromPublicationOrFromConnectingWhicheverCameLater() {
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    clock.advance(Duration.ofSeconds(10));
    registry.published(one, clock.instant());
    clock.advance(Duration.ofSeconds(1));
    registry.published(
        one, clock.instant()); // the same version again: still timed from its first publication

    sent(1, one, "n1");
    clock.advance(Duration.ofSeconds(1));
    registry.onV3StreamRequest(1, request(v1, "n1")); // 2 s after publication
    registry.onStreamOpen(2, TypeUrls.ENDPOINT);
    sent(2, one, "n2");
    clock.advance(Duration.ofSeconds(1));
    registry.onV3StreamRequest(2, request(v1, "n2")); // 1 s after it connected

    assertThat(metrics.scrape())
        .contains("scalemesh_xds_push_latency_seconds_count{type=\"ClusterLoadAssignment\"} 2")
        .contains("scalemesh_xds_push_latency_seconds_sum{type=\"ClusterLoadAssignment\"} 3.0");
  }

  @Test
  void aProxyThatReconnectsAskingForTheVersionPublishedHoldsIt() {
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    registry.onV3StreamRequest(1, request(v1, "")); // before the first publication
    assertThat(registry.proxies().getFirst().inSync()).as("nothing published yet").isFalse();

    registry.published(one, T0); // the server sends nothing: the proxy has it

    assertThat(registry.proxies())
        .containsExactly(new ProxyStatus("edge-1", "edge", T0, Map.of(ENDPOINTS, v1), true, ""));
  }

  @Test
  void aProxyHoldingListenersOrClustersButNotYetAskingForWhatTheyLeadToIsHalfWay() {
    XdsResources published = one;
    registry.published(published, T0);
    registry.onStreamOpen(1, TypeUrls.LISTENER);
    registry.onV3StreamRequest(
        1, initial(TypeUrls.LISTENER, published.listeners().version(), "backend"));
    assertThat(registry.proxies().getFirst().inSync()).as("listeners only").isFalse();

    registry.onV3StreamRequest(1, initial(TypeUrls.CLUSTER, published.clusters().version()));
    assertThat(registry.proxies().getFirst().inSync()).as("no endpoints asked for").isFalse();

    registry.onV3StreamRequest(1, initial(TypeUrls.ENDPOINT, v1, "backend"));
    assertThat(registry.proxies().getFirst().inSync()).isTrue();
  }

  @Test
  void convergenceIsTimedPerProxyAndForTheLastProxyOfASnapshot() {
    registry.published(one, T0);
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    registry.onStreamOpen(2, TypeUrls.ENDPOINT);
    registry.onStreamOpen(3, TypeUrls.ENDPOINT);
    sentAndAcknowledged(1, one, "n1");
    sentAndAcknowledged(2, one, "n1");
    sentAndAcknowledged(3, one, "n1");

    XdsResources two = translate(vm(1), vm(2));
    Instant publishedAt = clock.instant();
    registry.published(two, publishedAt);
    clock.advance(Duration.ofSeconds(1));
    sentAndAcknowledged(1, two, "n2");
    clock.advance(Duration.ofSeconds(2));
    sentAndAcknowledged(2, two, "n2");
    assertThat(registry.convergence().last()).as("stream 3 still waited for").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    registry.onStreamClose(3, TypeUrls.ENDPOINT); // waited for no longer

    assertThat(registry.convergence().last())
        .contains(new Convergence.Converged(publishedAt, Duration.ofSeconds(4)));
    assertThat(metrics.scrape())
        .contains("scalemesh_xds_proxy_convergence_seconds_count 5")
        .contains("scalemesh_xds_proxy_convergence_seconds_sum 4.0")
        .contains("scalemesh_xds_snapshot_convergence_seconds_count 1")
        .contains("scalemesh_xds_snapshot_convergence_seconds_sum 4.0");
  }

  @Test
  void aSnapshotReplacedBeforeEveryProxyHeldItNeverConverged() {
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    registry.onStreamOpen(2, TypeUrls.ENDPOINT);
    registry.published(one, T0);
    sentAndAcknowledged(1, one, "n1"); // stream 2 never holds it

    clock.advance(Duration.ofSeconds(1));
    XdsResources two = translate(vm(1), vm(2));
    Instant twoAt = clock.instant();
    registry.published(two, twoAt);
    clock.advance(Duration.ofSeconds(1));
    sentAndAcknowledged(1, two, "n2");
    sentAndAcknowledged(2, two, "n2");

    assertThat(registry.convergence().since(T0))
        .containsExactly(new Convergence.Converged(twoAt, Duration.ofSeconds(1)));
  }

  @Test
  void aStreamThatEndsIsForgottenHoweverItEnds() {
    registry.onStreamOpen(1, TypeUrls.ENDPOINT);
    registry.onStreamOpen(2, TypeUrls.ENDPOINT);
    assertThat(metrics.scrape()).contains("scalemesh_xds_connected_proxies 2.0");

    registry.onStreamClose(1, TypeUrls.ENDPOINT);
    registry.onStreamCloseWithError(
        2, TypeUrls.ENDPOINT, new IllegalStateException("connection reset"));

    assertThat(registry.proxies()).isEmpty();
    assertThat(metrics.scrape()).contains("scalemesh_xds_connected_proxies 0.0");
  }

  /**
   * Notes that {@code stream} was sent the endpoints of {@code resources}, as response {@code
   * nonce}.
   */
  private void sent(long stream, XdsResources resources, String nonce) {
    registry.onV3StreamResponse(
        stream,
        request("", ""),
        DiscoveryResponse.newBuilder()
            .setTypeUrl(TypeUrls.ENDPOINT)
            .setVersionInfo(resources.endpoints().version())
            .setNonce(nonce)
            .addAllResources(resources.endpoints().resources().stream().map(Any::pack).toList())
            .build());
  }

  private void sentAndAcknowledged(long stream, XdsResources resources, String nonce) {
    sent(stream, resources, nonce);
    registry.onV3StreamRequest(stream, request(resources.endpoints().version(), nonce));
  }

  /** edge-1 asking for backend's endpoints, answering {@code nonce} with {@code version}. */
  private static DiscoveryRequest request(String version, String nonce) {
    return DiscoveryRequest.newBuilder()
        .setNode(EDGE)
        .setTypeUrl(TypeUrls.ENDPOINT)
        .addResourceNames("backend")
        .setVersionInfo(version)
        .setResponseNonce(nonce)
        .build();
  }

  /** edge-1's first request of {@code typeUrl} on a stream, naming the version it holds. */
  private static DiscoveryRequest initial(String typeUrl, String version, String... names) {
    return DiscoveryRequest.newBuilder()
        .setNode(EDGE)
        .setTypeUrl(typeUrl)
        .addAllResourceNames(List.of(names))
        .setVersionInfo(version)
        .build();
  }

  private static XdsResources translate(Instance... instances) {
    return new XdsTranslator(new EdgeSettings("edge", 8080))
        .translate(GrpcMesh.of(Map.of("backend", List.of(instances))));
  }
}
