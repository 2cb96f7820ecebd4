package io.scalemesh.controlplane.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.ManualSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one xDS client can take: streams per connection and the size of a request. */
class XdsLimitsTest {
  @TempDir
  Path dir;

  private final ManualSource source = new ManualSource("backend");
  private ControlPlane plane;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    plane = source.planePublishing(dir, List.of(ManualSource.vm(1), ManualSource.vm(2)));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", plane.xdsPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    plane.close();
  }

  @Test
  void anOversizedRequestIsRefusedAndOtherClientsAreUnharmed() throws InterruptedException {
    ManagedChannel otherClient = NettyChannelBuilder.forAddress("127.0.0.1", plane.xdsPort()).usePlaintext().build();
    try {
      Stream other = Stream.open(otherClient, request("backend"));
      await().until(() -> other.responses.get() == 1);

      Stream oversized = Stream.open(channel, request("x".repeat(XdsServer.MAX_REQUEST_BYTES)));

      await().until(() -> oversized.error.get() != null);
      // The server ends it with RESOURCE_EXHAUSTED; when the rest of the request is still arriving, grpc-java
      // may end the connection too, which the client sees as CANCELLED or INTERNAL (both seen here).
      assertThat(Status.fromThrowable(oversized.error.get()).getCode())
          .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED, Status.Code.INTERNAL);
      assertThat(oversized.responses.get()).isZero();

      source.report(List.of(ManualSource.vm(1), ManualSource.vm(2), ManualSource.vm(3)));
      await().until(() -> other.responses.get() == 2);
      assertThat(other.error.get()).isNull();
      Stream retried = Stream.open(channel, request("backend"));
      await().until(() -> retried.responses.get() == 1);
    } finally {
      otherClient.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void streamsBeyondTheLimitOfOneConnectionWaitUntilAnotherEnds() throws Exception {
    List<Stream> admitted = new ArrayList<>();
    for (int i = 0; i < XdsServer.MAX_STREAMS_PER_CONNECTION; i++) {
      admitted.add(Stream.open(channel, request("backend")));
    }
    await().until(() -> admitted.stream().allMatch(stream -> stream.responses.get() == 1));

    Stream waiting = Stream.open(channel, request("backend"));
    // A stream opened after it on another connection is answered: had it been admitted, so would it.
    ManagedChannel otherClient = NettyChannelBuilder.forAddress("127.0.0.1", plane.xdsPort()).usePlaintext().build();
    try {
      Stream later = Stream.open(otherClient, request("backend"));
      await().until(() -> later.responses.get() == 1);
    } finally {
      otherClient.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(waiting.responses.get()).as("responses to the stream over the limit").isZero();
    assertThat(waiting.error.get()).isNull();

    admitted.getFirst().cancel();
    // grpc-java sends a queued stream with the connection's next write: the ACKs of a new version.
    source.report(List.of(ManualSource.vm(1), ManualSource.vm(2), ManualSource.vm(3)));
    await().until(() -> waiting.responses.get() == 1);
  }

  private static DiscoveryRequest request(String cluster) {
    return DiscoveryRequest.newBuilder()
        .setNode(Node.newBuilder().setId("limits-proxy").setCluster("edge"))
        .setTypeUrl(Resources.V3.ENDPOINT_TYPE_URL)
        .addResourceNames(cluster)
        .build();
  }

  /** One ADS stream that counts its responses and keeps how it ended. */
  private static final class Stream implements ClientResponseObserver<DiscoveryRequest, DiscoveryResponse> {
    final AtomicInteger responses = new AtomicInteger();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    private ClientCallStreamObserver<DiscoveryRequest> requests;

    static Stream open(ManagedChannel channel, DiscoveryRequest first) {
      Stream stream = new Stream();
      AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(stream).onNext(first);
      return stream;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<DiscoveryRequest> requests) {
      this.requests = requests;
    }

    @Override
    public void onNext(DiscoveryResponse response) {
      responses.incrementAndGet();
      requests.onNext(request("backend").toBuilder()
          .setVersionInfo(response.getVersionInfo())
          .setResponseNonce(response.getNonce())
          .build());
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {}

    void cancel() {
      requests.cancel("done", null);
    }
  }
}
