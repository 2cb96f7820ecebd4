package io.scalemesh.controlplane.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.StreamObservers;
import io.scalemesh.controlplane.fixtures.Teardown;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A raw ADS stream, driven by hand, that rejects what it gets. */
class NackTest {
  private static final Node NODE =
      Node.newBuilder().setId("nacking-proxy").setCluster("edge").build();

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualSource source = new ManualSource("backend");
  private ControlPlane plane;
  private final BlockingQueue<DiscoveryResponse> responses = new LinkedBlockingQueue<>();
  private StreamObserver<DiscoveryRequest> requests;

  @BeforeEach
  void start() {
    plane =
        teardown.add(source.planePublishing(dir, List.of(ManualSource.vm(1), ManualSource.vm(2))));
    requests =
        AggregatedDiscoveryServiceGrpc.newStub(teardown.plaintextChannel(plane.xdsPort()))
            .streamAggregatedResources(StreamObservers.onEach(responses::add));
  }

  @Test
  void aNackIsRecordedWithItsTextAndTheRejectedConfigIsNotSentAgain() throws Exception {
    requests.onNext(endpointsRequest("", "").build());
    DiscoveryResponse first = responses.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull();

    requests.onNext(
        endpointsRequest("", first.getNonce())
            .setErrorDetail(
                Status.newBuilder().setCode(3).setMessage("endpoint vm-1 is not acceptable"))
            .build());

    await()
        .untilAsserted(
            () ->
                assertThat(plane.proxies())
                    .singleElement()
                    .satisfies(
                        proxy -> {
                          assertThat(proxy.nodeId()).isEqualTo("nacking-proxy");
                          assertThat(proxy.lastNack())
                              .contains("endpoint vm-1 is not acceptable")
                              .contains(first.getVersionInfo());
                          assertThat(proxy.inSync()).isFalse();
                        }));
    // A server that answers a NACK with the same config would have answered by now, and again.
    assertThat(responses.poll(2, TimeUnit.SECONDS)).as("a response after the NACK").isNull();

    // A new version still reaches the proxy, and its ACK puts the proxy back in sync.
    source.report(List.of(ManualSource.vm(1), ManualSource.vm(2), ManualSource.vm(3)));
    DiscoveryResponse next = responses.poll(10, TimeUnit.SECONDS);
    assertThat(next).isNotNull();
    assertThat(next.getVersionInfo()).isNotEqualTo(first.getVersionInfo());
    requests.onNext(endpointsRequest(next.getVersionInfo(), next.getNonce()).build());
    await()
        .untilAsserted(
            () ->
                assertThat(plane.proxies())
                    .singleElement()
                    .satisfies(
                        proxy -> {
                          assertThat(proxy.inSync()).isTrue();
                          assertThat(proxy.ackedVersions())
                              .containsEntry("ClusterLoadAssignment", next.getVersionInfo());
                        }));
    assertThat(responses.poll(1, TimeUnit.SECONDS)).isNull();
  }

  private static DiscoveryRequest.Builder endpointsRequest(String version, String nonce) {
    return DiscoveryRequest.newBuilder()
        .setNode(NODE)
        .setTypeUrl(TypeUrls.ENDPOINT)
        .addResourceNames("backend")
        .setVersionInfo(version)
        .setResponseNonce(nonce);
  }
}
