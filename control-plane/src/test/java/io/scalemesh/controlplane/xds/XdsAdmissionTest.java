package io.scalemesh.controlplane.xds;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.AdsStream;
import io.scalemesh.controlplane.fixtures.DeltaAdsClient;
import io.scalemesh.controlplane.fixtures.GrpcMesh;
import io.scalemesh.controlplane.fixtures.LoadStream;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A storm of new streams against a real ADS server whose first pushes are bounded: they are served
 * in the order they came, and all end in sync.
 */
class XdsAdmissionTest {
  private static final int BOUND = 2;
  private static final int STORM = 300;
  private static final int CLIENT_SLACK = BOUND + 8;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ControlPlaneMetrics metrics = new ControlPlaneMetrics();
  private final ProxyRegistry registry =
      new ProxyRegistry(Clock.systemUTC(), metrics, new EventLog(Clock.systemUTC()));

  @Test
  void aStormOfNewStreamsIsServedInArrivalOrderAndEveryStreamEndsInSync() {
    InitialPushAdmission admission =
        new InitialPushAdmission(BOUND, Duration.ofMinutes(10), metrics);
    XdsServer server = serving(admission);
    // Proxies that take their first push and never answer hold every permit, so that the storm
    // queues up behind them in a known order.
    List<SilentStream> silent = silentStreams(teardown.plaintextChannel(server.port()), BOUND);

    List<Integer> answered = new CopyOnWriteArrayList<>();
    List<AdsStream> storm = new ArrayList<>();
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < STORM; i++) {
      if (i % XdsServer.MAX_STREAMS_PER_CONNECTION == 0) {
        channels.add(teardown.plaintextChannel(server.port()));
      }
      int index = i;
      storm.add(
          AdsStream.open(channels.getLast(), "storm-" + i, "backend", () -> answered.add(index)));
      int queued = i + 1;
      quickly().until(() -> admission.queued() == queued);
    }
    assertThat(answered).isEmpty();
    assertThat(metrics.scrape())
        .contains("scalemesh_xds_initial_pushes_queued " + STORM + ".0")
        .contains("scalemesh_xds_initial_pushes_in_flight " + BOUND + ".0");

    silent.forEach(SilentStream::disconnect);

    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> storm.stream().allMatch(stream -> stream.acks() == 1));
    // Pushes are sent in arrival order, BOUND at a time; the client's threads then take each
    // response in the order they are scheduled, which may pass a few more.
    for (int position = 0; position < STORM; position++) {
      assertThat(answered.get(position))
          .as("the stream answered %d-th came that early", position)
          .isBetween(position - CLIENT_SLACK, position + CLIENT_SLACK);
    }
    await()
        .untilAsserted(
            () ->
                assertThat(registry.proxies())
                    .hasSize(STORM)
                    .allSatisfy(proxy -> assertThat(proxy.inSync()).isTrue()));
    assertThat(admission.queued()).isZero();
    assertThat(admission.inFlight()).isZero();
  }

  @Test
  void aProxyThatNeverAnswersItsFirstPushKeepsItsPermitOnlyForTheHold() {
    XdsServer server = serving(new InitialPushAdmission(1, Duration.ofMillis(200), metrics));
    ManagedChannel channel = teardown.plaintextChannel(server.port());
    SilentStream silent = silentStreams(channel, 1).getFirst();

    AdsStream next = AdsStream.open(channel, "next", "backend");

    await().until(() -> next.acks() == 1);
    assertThat(silent.error()).isNull();
  }

  @Test
  void withoutABoundNothingWaits() {
    InitialPushAdmission admission = new InitialPushAdmission(0, Duration.ofMinutes(10), metrics);
    XdsServer server = serving(admission);

    // Each of these is answered though none answers back.
    silentStreams(teardown.plaintextChannel(server.port()), 10);

    assertThat(admission.inFlight()).isZero();
  }

  @Test
  void aDeltaStreamWaitsItsTurnUntilTheOneBeforeItAcknowledges() throws Exception {
    InitialPushAdmission admission = new InitialPushAdmission(1, Duration.ofMinutes(10), metrics);
    XdsServer server = serving(admission);
    DeltaAdsClient first = new DeltaAdsClient(teardown.plaintextChannel(server.port()), "first");
    first.subscribe(TypeUrls.ENDPOINT, List.of("backend"));
    DeltaDiscoveryResponse firstPush = first.next(Duration.ofSeconds(30));
    assertThat(firstPush).isNotNull();
    DeltaAdsClient second = new DeltaAdsClient(teardown.plaintextChannel(server.port()), "second");
    second.subscribe(TypeUrls.ENDPOINT, List.of("backend"));
    await().until(() -> admission.queued() == 1);

    first.ack(firstPush);

    assertThat(second.next(Duration.ofSeconds(30))).isNotNull();
    assertThat(admission.queued()).isZero();
  }

  private XdsServer serving(InitialPushAdmission admission) {
    XdsServer server =
        teardown.add(
            new XdsServer(
                    new InetSocketAddress("127.0.0.1", 0),
                    Optional.empty(),
                    registry,
                    admission,
                    List.of())
                .start());
    server.publish(translate(vm(1), vm(2)), Instant.now());
    return server;
  }

  /** Opens {@code count} streams that never answer, once each has its first response. */
  private static List<SilentStream> silentStreams(ManagedChannel channel, int count) {
    List<SilentStream> silent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      silent.add(SilentStream.open(channel, "silent-" + i));
    }
    await().until(() -> silent.stream().allMatch(stream -> stream.responses.get() == 1));
    return silent;
  }

  /** Polls often: it waits for each of hundreds of streams in turn. */
  private static ConditionFactory quickly() {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
  }

  private static XdsResources translate(Instance... instances) {
    return new XdsTranslator(new EdgeSettings("edge", 8080))
        .translate(GrpcMesh.of(Map.of("backend", List.of(instances))));
  }

  /** An ADS stream that asks for the endpoints once and never answers a response. */
  private static final class SilentStream extends LoadStream<DiscoveryRequest, DiscoveryResponse> {
    final AtomicInteger responses = new AtomicInteger();

    static SilentStream open(ManagedChannel channel, String nodeId) {
      SilentStream stream = new SilentStream();
      AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(stream);
      stream.send(
          DiscoveryRequest.newBuilder()
              .setNode(Node.newBuilder().setId(nodeId))
              .setTypeUrl(Resources.V3.ENDPOINT_TYPE_URL)
              .addResourceNames("backend")
              .build());
      return stream;
    }

    @Override
    public void onNext(DiscoveryResponse response) {
      responses.incrementAndGet();
    }
  }
}
